"""The website in the designer: its address in the set's details (the QR code of each back
follows it) and the website as a ZIP under "Downloaden", driven with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest

import designer.state
from cardkit.deck import open_deck
from cardkit.output.site import site_zip
from cardkit.read.sets import load_set
from tests.helpers import shown
from tests.test_designer import draft_of, open_tab, start, texts

SITE = "https://example.org/samen/"


def test_the_website_address_is_filled_in_beside_the_link(
    library: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown_links: list[tuple[int, str, str]] = []
    original = designer.state.card_preview

    def recording(card, number, total, title, link, layout, side, *rest):
        shown_links.append((number, side, link))
        return original(card, number, total, title, link, layout, side, *rest)

    monkeypatch.setattr(designer.state, "card_preview", recording)
    app = start()
    assert app.text_input(key="set-site").value == ""
    app.text_input(key="set-site").set_value(SITE).run()
    assert draft_of(app).card_set.site == SITE
    # The back in the editor shows the QR code of the card's own page.
    assert (1, "back", f"{SITE}kaart-01.html") in shown_links
    app.button(key="save").click().run()
    assert load_set(library / "gelijkwaardig-samenwerken.yaml").site == SITE

    app.text_input(key="set-site").set_value("javascript:alert(1)").run()
    assert draft_of(app).card_set.site == SITE
    assert app.text_input(key="set-site").value == SITE
    assert any(
        text.startswith("Het adres van de website is niet veranderd: verwacht een webadres")
        for text in texts(app.error)
    )


def test_the_website_download(library: Path) -> None:
    app = open_tab(start(), "Downloaden")
    app.button(key="make-website").click().run()
    [button] = [
        b for b in app.get("download_button") if b.proto.label.startswith("Download een web")
    ]
    assert button.proto.label == (
        "Download een website (ZIP): een pagina per kaartje, om online te zetten"
    )
    made = {name: data for name, (_, data) in app.session_state["exports"].items()}
    assert made["website"] == site_zip(open_deck(library / "gelijkwaardig-samenwerken.yaml"))
    assert not [c for c in app.caption if "QR-code" in shown(c.value)]  # no site: no word on it
