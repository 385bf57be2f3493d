"""The card viewer's HTML (cardkit.output.viewer): deterministic, every card in it with its
text, people's text escaped, nothing from the network."""

from __future__ import annotations

import base64
import io
import json
import re
from html.parser import HTMLParser

from PIL import Image

from cardkit.output.viewer import ViewerCard, script_json, viewer_html

KINDS = {"denk": "Denkkaartje", "doe": "Doekaartje"}
ASPECT = 105 / 148
HOSTILE = '</script><script>alert("x")</script><!-- <img src=x onerror=alert(1)> & "\'\u2028'


def png(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (7, 10), color).save(buffer, "PNG")
    return buffer.getvalue()


def example_cards() -> tuple[ViewerCard, ...]:
    return (
        ViewerCard(png((29, 101, 119)), "Kaartje 1, Denkkaartje: Wat speelt er echt?", "denk"),
        ViewerCard(png((182, 74, 30)), "Kaartje 2, Doekaartje: Stel drie vragen.", "doe"),
        ViewerCard(png((31, 41, 51)), "Kaartje 3, Denkkaartje: Wie beslist?", "denk"),
    )


class Parts(HTMLParser):
    """The elements and the scripts' text of a document, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(document: str) -> Parts:
    parts = Parts()
    parts.feed(document)
    parts.close()
    return parts


def embedded_cards(document: str) -> list[dict[str, str]]:
    scripts = [attrs for tag, attrs in parse(document).tags if tag == "script"]
    assert scripts[0] == {"type": "application/json", "id": "viewer-data"}
    return json.loads(parse(document).scripts[0])["cards"]


def test_same_cards_same_bytes() -> None:
    first = viewer_html("Gelijkwaardig samenwerken", example_cards(), KINDS, ASPECT)
    again = viewer_html("Gelijkwaardig samenwerken", list(example_cards()), dict(KINDS), ASPECT)
    assert first.encode() == again.encode()
    changed = viewer_html("Gelijkwaardig samenwerken", example_cards()[:2], KINDS, ASPECT)
    assert changed != first


def test_every_card_is_in_it_with_its_text_as_alt_text() -> None:
    cards = example_cards()
    document = viewer_html("Set", cards, KINDS, ASPECT)
    embedded = embedded_cards(document)
    assert [card["alt"] for card in embedded] == [card.text for card in cards]
    assert [card["kind"] for card in embedded] == ["denk", "doe", "denk"]
    for card, shown in zip(cards, embedded, strict=True):
        prefix = "data:image/png;base64,"
        assert shown["src"].startswith(prefix)
        assert base64.b64decode(shown["src"].removeprefix(prefix)) == card.image
    assert "Kaartje 1 van 3" in document
    # The one <img> the script fills has an alt attribute from the start.
    images = [attrs for tag, attrs in parse(document).tags if tag == "img"]
    assert images == [{"class": "card", "id": "card", "alt": "", "data-card": ""}]


def test_images_given_as_addresses_stay_addresses() -> None:
    cards = (ViewerCard("kaartjes/01.png", "Kaartje 1", "denk"),)
    assert embedded_cards(viewer_html("Set", cards, KINDS, ASPECT))[0]["src"] == "kaartjes/01.png"


def test_a_hostile_question_and_title_stay_text() -> None:
    cards = (
        ViewerCard(png((0, 0, 0)), f"Kaartje 1, Denkkaartje: {HOSTILE}", "denk"),
        ViewerCard(png((0, 0, 0)), "Kaartje 2", "doe"),
    )
    kinds = {"denk": f"Denk {HOSTILE}", "doe": "Doekaartje"}
    document = viewer_html(f"@DATA@ {HOSTILE}", cards, kinds, ASPECT)
    parts = parse(document)
    # Only our own two scripts, and no element the text could have opened.
    assert [tag for tag, _ in parts.tags if tag == "script"] == ["script", "script"]
    assert [tag for tag, _ in parts.tags].count("img") == 1
    assert not any(name.startswith("on") for _, attrs in parts.tags for name in attrs)
    assert document.count("</script>") == 2
    # The data reads back exactly as typed; title and labels show as typed.
    assert embedded_cards(document)[0]["alt"] == f"Kaartje 1, Denkkaartje: {HOSTILE}"
    shown = "".join(parts.text)
    assert f"@DATA@ {HOSTILE}" in shown
    assert f"Denk {HOSTILE} (1)" in shown


def test_script_json_never_closes_a_script() -> None:
    text = script_json({"a": "</script><!--", "b": "&>"})
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == {"a": "</script><!--", "b": "&>"}


def test_nothing_comes_from_the_network() -> None:
    document = viewer_html("Set", example_cards(), KINDS, ASPECT)
    assert not re.search(r"https?://|//[a-z]|@import|url\(", document, re.IGNORECASE)
    sources = [attrs.get("src") for _, attrs in parse(document).tags]
    assert all(source in (None, "") for source in sources)  # the script sets the images


def test_the_kind_filter_lists_the_kinds_in_the_set() -> None:
    document = viewer_html("Set", example_cards(), KINDS, ASPECT)
    radios = [attrs["value"] for tag, attrs in parse(document).tags if tag == "input"
              and attrs.get("type") == "radio"]  # fmt: skip
    assert radios == ["", "denk", "doe"]
    shown = "".join(parse(document).text)
    assert "Alle (3)" in shown and "Denkkaartje (2)" in shown and "Doekaartje (1)" in shown
    # One kind only: nothing to filter.
    only_denk = viewer_html("Set", example_cards()[::2], KINDS, ASPECT)
    assert 'name="soort"' not in only_denk


def test_a_set_without_cards_says_so() -> None:
    assert "Geen kaartjes" in viewer_html("Leeg", (), KINDS, ASPECT)


def test_the_viewer_wears_the_colours_it_is_given_else_the_house_styles() -> None:
    from cardkit.output.palette import css_colours
    from cardkit.read.layouts import load_layout

    dark = viewer_html(
        "Set", example_cards(), KINDS, ASPECT, css_colours(load_layout("a6-hoog-contrast"))
    )
    assert "--teal: #17515F;" in dark and "#1D6577" not in dark
    assert "--teal: #1D6577;" in viewer_html("Set", example_cards(), KINDS, ASPECT)
