"""Make ithappens cards from a YAML table, as its Streamlit app does: `python
ithappens_driver.py TABLE.yaml OUTPUT_DIR`, run with the Python that has ithappens.

Two gaps in the published ithappens 8.0.2 are bridged here, not in its code: its wheel
lacks its matplotlib style sheet (an empty style takes its name, so cards are drawn
with matplotlib's defaults), and its command line cannot read a file (it calls
`getvalue` on a closed file), so the table is handed over in memory, as an upload is.
"""

import io
import sys
from pathlib import Path

import matplotlib.pyplot as plt
from ithappens.create_cards import main

if __name__ == "__main__":
    plt.style.library["ithappens"] = {}
    table = io.BytesIO(Path(sys.argv[1]).read_bytes())
    table.name = "bench.yaml"
    main(
        input_file=table,
        output_dir=sys.argv[2],
        expansion_logo_path=None,
        name="bench",
        image_dir=None,
        merge=False,
        side="both",
        format="png",
        workers=4,  # its command line's default
        misery_index_desc="misery index",
    )
