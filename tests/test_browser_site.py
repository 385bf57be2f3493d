"""A set's website in Chromium, opened straight from its folder (file://): axe-core, the
keyboard alone, nothing loaded from elsewhere, a phone's width, and the print style."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from cardkit.deck import open_deck
from cardkit.output.site import write_site
from cardkit.read.layouts import layout_names
from tests.browser import accessibility_problems, chromium
from tests.helpers import EXAMPLE_SETS, OUTPUT_DIR
from tests.test_site import HOSTILE

EXAMPLE = EXAMPLE_SETS[0]  # gelijkwaardig-samenwerken.yaml: 10 cards
PHONE, DESKTOP = (390, 844), (1280, 800)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = tmp_path_factory.mktemp("site") / "site"
    built.mkdir()
    write_site(open_deck(EXAMPLE), built)
    return built


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def open_site(browser: Browser, folder: Path, name: str, size=DESKTOP) -> tuple[Page, list[str]]:
    """The page, and every address it asked for."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((folder / name).as_uri())
    page.wait_for_load_state("load")
    page.evaluate("async () => await document.fonts.ready")
    return page, requested


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", ["index.html", "kaart-03.html", "kaart-01.html"])
def test_no_serious_accessibility_problem(browser: Browser, folder: Path, name, size) -> None:
    page, _ = open_site(browser, folder, name, size)
    assert accessibility_problems(page) == []
    # Readable on a phone: nothing wider than the screen, nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / f"site-{name[:-5]}-{size[0]}.png", full_page=True)
    page.context.close()


@pytest.mark.parametrize("layout", layout_names())
def test_every_shipped_layout_gives_readable_pages(
    browser: Browser, tmp_path: Path, layout: str
) -> None:
    """A kind's colours come from the set's layout: text in them must still read."""
    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump({**document, "layout": layout}, allow_unicode=True))
    write_site(open_deck(path), tmp_path)
    for name in ("index.html", "kaart-03.html"):
        page, _ = open_site(browser, tmp_path, name)
        assert accessibility_problems(page) == [], (layout, name)
        page.context.close()


def test_everything_comes_from_the_folder_and_the_house_font_loads(
    browser: Browser, folder: Path
) -> None:
    for name in ("index.html", "kaart-03.html"):
        page, requested = open_site(browser, folder, name)
        assert requested and all(url.startswith(folder.as_uri() + "/") for url in requested)
        loaded = page.evaluate(
            "[...document.fonts].filter((f) => f.status === 'loaded')"
            ".map((f) => `${f.family} ${f.weight} ${f.style}`)"
        )
        assert {'"Lato" 400 normal', '"Lato" 700 normal'} <= set(loaded) or {
            "Lato 400 normal",
            "Lato 700 normal",
        } <= set(loaded), loaded
        if name == "kaart-03.html":
            assert page.evaluate("document.querySelector('.picture img').naturalWidth") == 620
        page.context.close()


def focused(page: Page) -> dict:
    """The focused element: its link, its words, and whether its focus can be seen."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const own = getComputedStyle(el), after = getComputedStyle(el, '::after');
            const ring = (s) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            return {href: el.getAttribute('href'), rel: el.getAttribute('rel'),
                    text: el.innerText, visible: ring(own) || ring(after)};
        }"""
    )


def tab_through(page: Page, limit: int = 60) -> list[dict]:
    """Press Tab until focus comes back to the first stop: every stop on the way."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stops and stop["href"] == stops[0]["href"] and stop["text"] == stops[0]["text"]:
            break
        if stop["href"] is None:  # the browser's own chrome between rounds
            continue
        stops.append(stop)
    return stops


def test_the_keyboard_alone_reaches_every_card_and_the_way_on(
    browser: Browser, folder: Path
) -> None:
    page, _ = open_site(browser, folder, "index.html")
    stops = tab_through(page)
    assert stops[0] == {**stops[0], "href": "#inhoud", "text": "Naar de inhoud"}
    hrefs = [stop["href"] for stop in stops]
    assert [h for h in hrefs if h.startswith("kaart-")] == [f"kaart-{n:02d}.html" for n in
                                                             range(1, 11)]  # fmt: skip
    assert all(stop["visible"] for stop in stops), [s for s in stops if not s["visible"]]
    page.context.close()

    page, _ = open_site(browser, folder, "kaart-03.html")
    stops = tab_through(page)
    assert stops[0]["href"] == "#inhoud"
    by_rel = {stop["rel"]: stop["href"] for stop in stops if stop["rel"]}
    assert by_rel == {"prev": "kaart-02.html", "next": "kaart-04.html"}
    assert "index.html" in [stop["href"] for stop in stops]
    assert all(stop["visible"] for stop in stops), [s for s in stops if not s["visible"]]
    # Following "Volgende" with Enter opens the next card.
    page.goto((folder / "kaart-03.html").as_uri())
    for _ in range(len(stops)):
        page.keyboard.press("Tab")
        if focused(page)["rel"] == "next":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart-04.html")
    assert "Kaartje 4 van 10" in page.text_content("main")
    page.context.close()


@pytest.mark.parametrize(
    "name, first",
    [("index.html", "kaart-01.html"), ("kaart-03.html", "https://vimeo.com/652448506")],
)
def test_the_skip_link_leads_past_the_header(
    browser: Browser, folder: Path, name: str, first: str
) -> None:
    """Tab shows the skip link; Enter on it, and the next Tab is the first link of the
    page's own content, past the header's links."""
    page, _ = open_site(browser, folder, name)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Naar de inhoud"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == first
    page.context.close()


def test_a_card_prints_on_one_page_without_navigation(browser: Browser, folder: Path) -> None:
    page, _ = open_site(browser, folder, "kaart-01.html")
    page.emulate_media(media="print")
    for hidden in (".pager", ".bar", ".skip", ".footer"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator(".picture img").is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split()).lower()
    card = open_deck(EXAMPLE).card_set.cards[0]
    for words in (card.title, card.question.split("?")[0], "Kaartje 1 van 10"):
        assert words.lower() in text
    assert "volgende" not in text and "naar de inhoud" not in text
    page.context.close()


def test_hostile_text_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    built = tmp_path / "site"
    built.mkdir()
    write_site(open_deck(path), built)
    for name in ("index.html", "kaart-01.html", "kaart-02.html"):
        page, requested = open_site(browser, built, name)
        dialogs: list[str] = []

        def dismiss(dialog, seen: list[str] = dialogs) -> None:
            seen.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.mouse.move(200, 300)
        for _ in range(12):
            page.keyboard.press("Tab")
        assert dialogs == []
        assert page.locator("script").count() == 0
        assert not [url for url in requested if url.endswith("/x")]  # <img src=x> is text
        assert HOSTILE["title"] in page.inner_text("body")
        page.context.close()
