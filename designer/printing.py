"""The tab "Printen": sheets for the office printer, with a preview, and files for a print shop."""

from __future__ import annotations

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.output import names
from cardkit.output.export import alignment_pdf, set_pdf, sheets_pdf
from cardkit.output.impose import FLIP_NL, PAPERS, Grid, SheetOptions, book_flip, orientation_nl
from cardkit.output.preview import sheet_preview
from cardkit.render.cmyk import find_cmyk_profile
from designer.draft import Draft
from designer.state import deck_of
from designer.text import md
from designer.widgets import export_button, misfits_notice, stem_of

DUPLEX_CHOICES = {
    "": "Nee, alleen voorkanten",
    "long": "Ja, omslaan via de lange zijde",
    "short": "Ja, omslaan via de korte zijde",
}


def printing(draft: Draft) -> None:
    """Print at the office (sheets with marks and duplex backs) or at a print shop."""
    try:
        data = deck_of(draft)
    except CardkitError as error:
        st.error(md(error.message("nl")))
        return
    misfits_notice(draft)
    if not draft.card_set.cards:
        st.info("Nog geen kaartjes om te printen.")
        return
    st.subheader("Zelf printen")
    left, right = st.columns([1, 1.4], gap="large")
    with left:
        paper = st.selectbox("Papier", list(PAPERS), key="print-paper")
        home = st.toggle(
            "Thuis printen",
            key="print-home",
            help=(
                "Voor een printer zonder snijmachine ernaast: de kaartjes komen tegen elkaar, "
                "zonder de extra rand kleur die een drukker wegsnijdt, met snijlijnen, en zo "
                "nodig iets verkleind zodat ze binnen de rand van je printer passen. Zo passen "
                "er 4 A6-kaartjes of 8 A7-kaartjes op een A4. Knip net binnen de lijnen."
            ),
        )
        duplex = st.radio(
            "Dubbelzijdig printen",
            list(DUPLEX_CHOICES),
            format_func=DUPLEX_CHOICES.get,
            key="print-duplex",
            help="Kies dezelfde zijde als in het printvenster van je printer.",
        )
        advice = st.empty()  # filled once the sheets' orientation is known
        crop_marks = cut_lines = False
        if not home:
            crop_marks = st.checkbox(
                "Snijtekens (voor een snijmachine)", value=True, key="print-marks"
            )
            cut_lines = st.checkbox("Snijlijnen (om met een schaar te knippen)", key="print-cut")
        offset_x = offset_y = 0.0
        if duplex:
            offset_x = st.number_input(
                "Verschuiving achterkant naar rechts (mm)", -20.0, 20.0, 0.0, 0.1, key="print-dx"
            )
            offset_y = st.number_input(
                "Verschuiving achterkant naar beneden (mm)", -20.0, 20.0, 0.0, 0.1, key="print-dy"
            )
        options = SheetOptions(
            paper=paper,
            crop_marks=crop_marks,
            cut_lines=cut_lines,
            duplex="long" if duplex == "long" else "short" if duplex == "short" else None,
            back_offset=(offset_x, offset_y),
            home=home,
        )
        try:
            grid, sheet_count, images = sheet_preview(draft.card_set, data.logo, options)
        except CardkitError as error:
            st.error(md(error.message("nl")))
            return
        scale = f", kaartjes op {grid.scale * 100:.0f}\u00a0%" if home else ""
        st.info(
            f"{grid.per_sheet} kaartjes per vel {paper} ({orientation_nl(grid)}, {grid.columns} x "
            f"{grid.rows}{scale}) · {sheet_count} vel{'len' if sheet_count != 1 else ''} papier"
            + (", voor- en achterkant" if duplex else "")
        )
        st.caption("Print op ware grootte (100 %), niet ‘passend maken’.")
        export_button(
            draft,
            "sheets",
            "de print-pdf",
            lambda report: sheets_pdf(data, options, report)[0],
            names.sheets_download(stem_of(draft), paper, home),
            "application/pdf",
            setting=options,
        )
        if duplex:
            with advice.container():
                alignment_help(grid, options)
            st.download_button(
                "Download het testvel voor deze vellen",
                data=lambda: alignment_pdf(options, data),
                file_name=names.alignment_download(stem_of(draft), paper, duplex, home),
                mime="application/pdf",
                key="download-alignment",
            )
    with right:
        captions = ["Eerste vel, voorkant", "Eerste vel, achterkant"]
        for image, caption in zip(images, captions, strict=False):
            what = f"{caption} bij het printen op {paper}: {grid.per_sheet} kaartjes per vel"
            st.image(image, caption=caption, output_format="PNG", alt=what)

    st.subheader("Naar de drukker")
    st.write(
        "Losse kaartjes, elke kant op een eigen pagina: het formaat van het kaartje plus "
        f"{data.layout.format.bleed:g} mm afloop rondom, met snij- en afloopkader (TrimBox en "
        "BleedBox) en ingesloten letters. Dit bestand is in RGB; de drukker zet het om."
    )
    export_button(
        draft,
        "print-shop",
        "de pdf voor de drukker (RGB)",
        lambda report: set_pdf(data, report)[0],
        names.set_download(stem_of(draft), "print-shop"),
        "application/pdf",
    )
    if find_cmyk_profile() is not None:
        st.caption(
            "Wil je drukker CMYK? Deze versie gebruikt de CMYK-waarden van de huisstijl en "
            "een algemeen CMYK-profiel; vraag je drukker welk profiel hij gebruikt."
        )
        export_button(
            draft,
            "print-shop-cmyk",
            "de pdf voor de drukker (CMYK)",
            lambda report: set_pdf(data, report, cmyk=True)[0],
            names.set_download(stem_of(draft), "print-shop-cmyk"),
            "application/pdf",
        )


def alignment_help(grid: Grid, options: SheetOptions) -> None:
    """Which flip edge suits these sheets, and what the test sheet is for."""
    advised = book_flip(grid)
    advice = (
        f"Deze vellen zijn {orientation_nl(grid)}: kies in het printvenster "
        f"‘{FLIP_NL[advised]}’, en hier hetzelfde. Dan draai je het vel om als een bladzijde."
    )
    if options.duplex != advised:
        chosen = FLIP_NL[options.duplex or advised]
        advice += (
            f" Je koos ‘{chosen}’: dat werkt ook, zolang je in het printvenster precies "
            "hetzelfde kiest."
        )
    st.caption(
        advice + " Komen de achterkanten niet precies achter de voorkanten? Print het testvel "
        "(onderaan, met dezelfde stand als deze vellen), lees de afwijking af en vul die "
        "hieronder in."
    )
