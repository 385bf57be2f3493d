"""`site:` in a set: each card's back carries a QR code to that card's own page, read
with zbar from the PNG and from the rasterised PDF; the field is checked like `link:`."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
import segno
import yaml
from PIL import Image

from cardkit.deck import Deck, open_deck
from cardkit.display import FillCells
from cardkit.errors import CardkitError
from cardkit.layout.card import qr_cells
from cardkit.limits import MAX_CARDS_PER_SET, MAX_LINK_CHARS, MAX_SITE_CHARS
from cardkit.model import card_page
from cardkit.output.export import iter_pngs, set_pdf
from cardkit.read.sets import link_problem, load_set, parse_set_text, set_to_yaml
from cardkit.render.png import render_page
from tests.helpers import LOGO_SET
from tests.imagecompare import rasterise_pdf
from tests.test_qr import LINK, decode

SITE = "https://example.org/wijkteam-noord/"


@pytest.fixture(scope="module")
def with_site(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    """The logo set (three cards, a link) with a website, beside its logo."""
    folder = tmp_path_factory.mktemp("site-set")
    text = LOGO_SET.read_text(encoding="utf-8").replace("logo:", f"site: {SITE}\nlogo:", 1)
    (folder / "set.yaml").write_text(text, encoding="utf-8")
    (folder / "wijkteam.png").write_bytes((LOGO_SET.parent / "wijkteam.png").read_bytes())
    return open_deck(folder / "set.yaml")


def test_each_back_scans_to_its_own_page_from_the_png(with_site: Deck, tmp_path: Path) -> None:
    """Drawn as an export draws them: backs of one kind are no longer the same drawing."""
    backs = {page.card: data for page, _, data in iter_pngs(with_site, ("back",), 300)}
    for number in (1, 3):  # two cards of the same kind: their backs differ only by the code
        image = Image.open(io.BytesIO(backs[number]))
        assert decode(image, tmp_path) == [f"{SITE}kaart-0{number}.html"]


def test_each_back_scans_to_its_own_page_from_the_pdf(with_site: Deck, tmp_path: Path) -> None:
    data, pages = set_pdf(with_site)
    sizes = [render_page(page, 300).size for page in pages]
    images = rasterise_pdf(data, 300, sizes)
    for number in (1, 2):
        index = next(i for i, p in enumerate(pages) if p.card == number and p.side == "back")
        assert decode(images[index], tmp_path) == [f"{SITE}kaart-0{number}.html"]


def test_the_address_under_the_code_is_the_cards_page(with_site: Deck) -> None:
    lines = [line for line in with_site.page(2, "back").text_lines if line.zone == "link"]
    assert [line.text for line in lines] == [f"{SITE}kaart-02.html"]
    assert with_site.side_text(2, "back").splitlines()[-1] == f"{SITE}kaart-02.html"


def test_without_a_site_the_back_keeps_the_sets_link() -> None:
    deck = open_deck(LOGO_SET)
    for number in (1, 2, 3):
        [code] = [item for item in deck.page(number, "back").items if isinstance(item, FillCells)]
        assert code.cells == qr_cells(LINK)


@pytest.mark.parametrize(
    "site, page",
    [
        ("https://example.org", "https://example.org/kaart-07.html"),
        ("https://example.org/set", "https://example.org/set/kaart-07.html"),
        ("https://example.org/set/", "https://example.org/set/kaart-07.html"),
        ("https://example.org/set/index.html", "https://example.org/set/kaart-07.html"),
    ],
)
def test_a_cards_page_address(site: str, page: str) -> None:
    card_set = load_set(LOGO_SET)
    cards = card_set.cards * 3
    assert replace(card_set, cards=cards, site=site).card_link(7) == page


def test_page_names_never_change_as_the_set_grows() -> None:
    """A printed card must keep working when cards are added later."""
    assert [card_page(n) for n in (3, 99, 100, 1000)] == [
        "kaart-03.html", "kaart-99.html", "kaart-100.html", "kaart-1000.html",
    ]  # fmt: skip


def set_text(site: str) -> str:
    return yaml.safe_dump(
        {"title": "T", "layout": "a6", "site": site, "cards": [{"kind": "denk", "question": "?"}]}
    )


@pytest.mark.parametrize(
    "site, message",
    [
        ("javascript:alert(1)", 'expected a web address starting with https://, got "javas'),
        ("ftp://example.org/set/", "expected a web address starting with https://"),
        ("https://example.org/onze set/", 'a web address has no spaces, got "https://example'),
        (
            "https://example.org/set/?kaart=1",
            "expected the address of a folder or page, without ? or #",
        ),
        (
            "https://example.org/set/#top",
            "expected the address of a folder or page, without ? or #",
        ),
        (
            "https://example.org/" + "a" * (MAX_SITE_CHARS - 19),
            f"the address is {MAX_SITE_CHARS + 1} characters long; with a card's page name added"
            f" (kaart-1000.html) a QR code on a card holds at most {MAX_SITE_CHARS}",
        ),
    ],
)
def test_a_bad_site_is_refused_naming_the_file_and_field(site: str, message: str) -> None:
    with pytest.raises(CardkitError) as caught:
        parse_set_text(set_text(site), "team.yaml")
    assert caught.value.message("en").startswith(f"team.yaml: site: {message}")
    assert caught.value.message("nl").startswith("team.yaml: website: ")


def test_the_longest_site_still_fits_every_card_in_a_qr_code() -> None:
    """The longest address allowed, with the longest page name a set can have, passes the
    check of a link and makes a QR code no larger than a link may."""
    longest = "https://example.org/" + "a" * (MAX_SITE_CHARS - 20)
    card_set = parse_set_text(set_text(longest), "team.yaml")
    card_set = replace(card_set, cards=card_set.cards * MAX_CARDS_PER_SET)
    url = card_set.card_link(MAX_CARDS_PER_SET)
    assert len(url) == MAX_LINK_CHARS and link_problem(url) is None
    assert (
        segno.make_qr(url, error="m").version
        <= segno.make_qr("a" * MAX_LINK_CHARS, error="m").version
    )


def test_the_site_is_written_back_to_yaml() -> None:
    card_set = parse_set_text(set_text(SITE), "team.yaml")
    assert card_set.site == SITE
    assert parse_set_text(set_to_yaml(card_set), "again.yaml") == card_set
