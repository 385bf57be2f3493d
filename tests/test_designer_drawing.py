"""The tab "Kaartje trekken" in AppTest: the viewer of the open set, as edited, with a kind
filter where the set has more than one kind (the viewer itself is tested in Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from streamlit.testing.v1 import AppTest

from cardkit.paths import ROOT
from cardkit.read.sets import load_set
from tests.test_designer import start
from tests.test_viewer import embedded_cards, parse

APP = str(ROOT / "designer_app.py")
TAB = "Kaartje trekken"


def open_drawing(app: AppTest) -> AppTest:
    app.session_state["tab"] = TAB
    app.run()
    assert not app.exception, app.exception
    return app


def viewer(app: AppTest):
    frames = app.get("iframe")
    assert len(frames) == 1
    return frames[0].proto


def test_the_tab_shows_the_example_set_one_card_at_a_time(library: Path) -> None:
    app = open_drawing(start())
    frame = viewer(app)
    assert frame.alt == "Kaartje trekken: Gelijkwaardig samenwerken"
    cards = embedded_cards(frame.srcdoc)
    example = load_set(library / "gelijkwaardig-samenwerken.yaml")
    assert len(cards) == len(example.cards) == 10
    for number, (card, shown) in enumerate(zip(example.cards, cards, strict=True), start=1):
        label = {"denk": "Denkkaartje", "doe": "Doekaartje"}[card.kind]
        assert shown["alt"].startswith(f"Kaartje {number}, {label}: ")
        assert card.question in shown["alt"]
        assert shown["kind"] == card.kind
        assert shown["src"].startswith("data:image/png;base64,")
    radios = [attrs for tag, attrs in parse(frame.srcdoc).tags if attrs.get("name") == "soort"]
    assert [radio["value"] for radio in radios] == ["", "denk", "doe"]
    assert "Denkkaartje (6)" in frame.srcdoc and "Doekaartje (4)" in frame.srcdoc
    # A rerun sends the same document: the browser keeps the frame, and where it was.
    assert viewer(app.run()).srcdoc == frame.srcdoc


def test_unsaved_edits_show_and_nothing_is_saved(library: Path) -> None:
    app = start()
    path = library / "gelijkwaardig-samenwerken.yaml"
    before = path.read_bytes()
    app.text_area(key="edit-question").set_value("Wat maakt <jou> nieuwsgierig?").run()
    open_drawing(app)
    assert embedded_cards(viewer(app).srcdoc)[0]["alt"].endswith(
        "Wat maakt <jou> nieuwsgierig? Denk aan de trainer van je kind, de school of een "
        "loket. Wat maakte het makkelijk of juist lastig om jezelf te laten zien? "
        "Wanneer: aan het begin van een teamoverleg"
    )
    assert any("nog niet zijn opgeslagen" in caption.value for caption in app.caption)
    assert path.read_bytes() == before


def test_a_set_of_one_kind_has_no_filter(library: Path) -> None:
    document = {
        "title": "Alleen doen",
        "layout": "a7",
        "cards": [{"kind": "doe", "question": f"Vraag iemand iets {n}."} for n in range(1, 4)],
    }
    (library / "alleen-doen.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    app = start().selectbox(key="set-choice").set_value("alleen-doen").run()
    frame = viewer(open_drawing(app))
    assert len(embedded_cards(frame.srcdoc)) == 3
    assert 'name="soort"' not in frame.srcdoc
    assert "--aspect: 0.704762;" in frame.srcdoc  # A7: 74 x 105 mm
    assert json.loads(parse(frame.srcdoc).scripts[0])["cards"][2]["kind"] == "doe"
