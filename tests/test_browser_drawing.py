"""The tab "Kaartje trekken" in Chromium, on a projector (1920 x 1080) and a phone (390 x 844):
the card large, stepping with keys and swipes, a random card, the kind filter, the
timer, full screen (and its stand-in where a browser refuses full screen), the keyboard
alone, and no serious axe-core finding on the page or in the viewer's frame."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import yaml
from playwright.sync_api import Browser, Frame, FrameLocator, Locator, Page, expect

from cardkit.read.sets import load_set
from tests.browser import (
    WAIT,
    accessibility_problems,
    chromium,
    designer,
    fill_library,
    question_field,
    settled,
)
from tests.helpers import EXAMPLE_SETS, OUTPUT_DIR

FRAME = 'iframe[title^="Kaartje trekken"]'
EXAMPLE_NAME = "gelijkwaardig-samenwerken"
EXAMPLE = load_set(next(path for path in EXAMPLE_SETS if path.stem == EXAMPLE_NAME))
COUNT = len(EXAMPLE.cards)
DOE_CARDS = {number for number, card in enumerate(EXAMPLE.cards, start=1) if card.kind == "doe"}
PROJECTOR = (1920, 1080)
PHONE = (390, 844)


@dataclass
class Viewer:
    page: Page
    frame: FrameLocator
    dialogs: list[str]  # messages of alerts and other dialogs that opened: none should

    @property
    def card(self) -> Locator:
        return self.frame.locator("#card")

    @property
    def status(self) -> Locator:
        return self.frame.locator("#status")

    def button(self, name: str) -> Locator:
        return self.frame.get_by_role("button", name=name, exact=True)

    def number(self) -> str:
        return self.card.get_attribute("data-card") or ""

    def source(self) -> str:
        return self.card.get_attribute("src") or ""


HOSTILE = '</script><script>alert("vraag")</script><img src=x onerror=alert(2)> & "\''


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Browser]]:
    library = fill_library(tmp_path_factory.mktemp("content"))
    hostile = {
        "title": f"<b>Vijandig</b> {HOSTILE}",
        "layout": "a6",
        "cards": [{"kind": "denk", "question": HOSTILE}, {"kind": "doe", "question": "Vraag."}],
    }
    (library / "vijandig.yaml").write_text(yaml.safe_dump(hostile), encoding="utf-8")
    with designer(library) as url, chromium() as browser:
        yield url, browser


def open_viewer(
    server: tuple[str, Browser],
    size: tuple[int, int],
    address: str = f"/?set={EXAMPLE_NAME}",
    count: int = COUNT,
    motion: str = "no-preference",
) -> Viewer:
    """A new person on a touch screen of `size` who opens the tab "Kaartje trekken" (of the
    set the page `address` names), with the system's preference for motion."""
    url, browser = server
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, has_touch=True, reduced_motion=motion
    )
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + address)
    expect(question_field(page)).to_be_visible(timeout=WAIT)
    settled(page)
    started = time.perf_counter()
    page.get_by_role("tab", name="Kaartje trekken").click()
    frame = page.frame_locator(FRAME)
    expect(frame.locator("body[data-ready]")).to_have_count(1, timeout=WAIT)
    print(f"\n{size[0]}x{size[1]}: tab to viewer ready in {time.perf_counter() - started:.2f} s")
    settled(page)
    viewer = Viewer(page, frame, dialogs)
    expect(viewer.status).to_have_text(f"Kaartje 1 van {count}")
    return viewer


def step(viewer: Viewer, key: str, status: str) -> None:
    """Press `key` in the viewer and wait until it shows `status` on another card."""
    before = viewer.number(), viewer.source()
    viewer.page.keyboard.press(key)
    expect(viewer.status).to_have_text(status, timeout=WAIT)
    assert (viewer.number(), viewer.source()) != before
    assert viewer.source() != before[1]


def swipe(viewer: Viewer, direction: str) -> None:
    """A finger moved across the card, as Chromium's touch input sends it."""
    viewer.card.scroll_into_view_if_needed()
    box = viewer.card.bounding_box()
    height = viewer.page.viewport_size["height"]
    top, bottom = max(box["y"], 0), min(box["y"] + box["height"], height)
    y = (top + bottom) / 2
    left, right = box["x"] + box["width"] * 0.2, box["x"] + box["width"] * 0.8
    start, end = (right, left) if direction == "left" else (left, right)
    session = viewer.page.context.new_cdp_session(viewer.page)
    send = session.send
    send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]})
    for n in range(1, 6):
        x = start + (end - start) * n / 5
        send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


def frame_of(viewer: Viewer) -> Frame:
    frame = viewer.page.locator(FRAME).element_handle().content_frame()
    assert frame is not None
    return frame


def frame_accessibility_problems(viewer: Viewer) -> list[str]:
    """axe-core's serious and critical findings inside the viewer's frame."""
    return accessibility_problems(frame_of(viewer))


def seconds(text: str) -> int:
    minutes, rest = re.fullmatch(r"(\d+):(\d\d)", text).groups()
    return int(minutes) * 60 + int(rest)


def test_the_arrow_keys_work_right_after_the_tab_is_opened(server: tuple[str, Browser]) -> None:
    """Clicked open from the tab bar, the viewer takes the keyboard: the arrow key shows the
    next card instead of switching the designer's tab."""
    viewer = open_viewer(server, PROJECTOR)
    step(viewer, "ArrowRight", f"Kaartje 2 van {COUNT}")
    tab = viewer.page.get_by_role("tab", name="Kaartje trekken")
    expect(tab).to_have_attribute("aria-selected", "true")


@pytest.mark.parametrize("size", [PROJECTOR, PHONE], ids=["projector", "phone"])
def test_drawing_cards(server: tuple[str, Browser], size: tuple[int, int]) -> None:
    viewer = open_viewer(server, size)
    page, width, height = viewer.page, *size

    # Full screen: the card as high as a projector allows, as wide as a phone allows.
    viewer.button("Volledig scherm").click()
    expect(viewer.button("Volledig scherm sluiten")).to_be_visible(timeout=WAIT)
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=WAIT)
    box = viewer.card.bounding_box()
    if size == PROJECTOR:
        assert box["height"] >= 0.8 * height, box
    else:
        assert box["width"] >= 0.9 * width, box
        assert box["y"] + box["height"] <= height, box  # the whole card in view

    # Next and previous with the keyboard: arrows and space.
    viewer.card.click()  # a click on the card puts the keyboard in the viewer
    step(viewer, "ArrowRight", f"Kaartje 2 van {COUNT}")
    step(viewer, "ArrowLeft", f"Kaartje 1 van {COUNT}")
    step(viewer, "Space", f"Kaartje 2 van {COUNT}")
    step(viewer, "ArrowLeft", f"Kaartje 1 van {COUNT}")
    first = viewer.source()

    # A swipe to the left is the next card, to the right the one before.
    swipe(viewer, "left")
    expect(viewer.status).to_have_text(f"Kaartje 2 van {COUNT}", timeout=WAIT)
    assert viewer.source() != first
    swipe(viewer, "right")
    expect(viewer.status).to_have_text(f"Kaartje 1 van {COUNT}", timeout=WAIT)
    assert viewer.source() == first

    # A random card: one not shown yet (cards 1 and 2 were), till every card had its turn.
    drawn = {"1", "2"}
    for _ in range(COUNT - 2):
        before = viewer.number()
        viewer.button("Willekeurig kaartje").click()
        expect(viewer.card).not_to_have_attribute("data-card", before, timeout=WAIT)
        expect(viewer.status).to_have_text(re.compile(rf"Kaartje \d+ van {COUNT}"))
        drawn.add(viewer.number())
    assert drawn == {str(n) for n in range(1, COUNT + 1)}

    # Only the doe cards, one after another, and round again. (Card 1 is a denk card: the
    # filter then starts at the first doe card; a card of the kind chosen stays.)
    viewer.card.click()
    page.keyboard.press("Home")
    expect(viewer.status).to_have_text(f"Kaartje 1 van {COUNT}", timeout=WAIT)
    viewer.frame.get_by_role("radio", name="Doekaartje (4)").check()
    expect(viewer.status).to_have_text(f"Kaartje 1 van {len(DOE_CARDS)}", timeout=WAIT)
    viewer.card.click()
    seen = []
    for number in range(2, len(DOE_CARDS) + 2):
        seen.append(int(viewer.number()))
        shown = (number - 1) % len(DOE_CARDS) + 1
        step(viewer, "ArrowRight", f"Kaartje {shown} van {len(DOE_CARDS)}")
    assert set(seen) == DOE_CARDS and len(seen) == len(DOE_CARDS)
    assert "Doekaartje" in (viewer.card.get_attribute("alt") or "")
    viewer.frame.get_by_role("radio", name=f"Alle ({COUNT})").check()
    expect(viewer.status).to_have_text(re.compile(rf"Kaartje \d+ van {COUNT}"), timeout=WAIT)

    # A one-minute timer counts down; at the end the screen says so.
    countdown = viewer.frame.locator("#countdown")
    viewer.frame.get_by_label("Gesprekstijd").select_option("1")
    expect(countdown).to_have_text("1:00")
    viewer.button("Start").click()
    expect(viewer.button("Pauze")).to_be_visible(timeout=WAIT)
    expect(countdown).not_to_have_text("1:00", timeout=WAIT)
    earlier = seconds(countdown.inner_text())
    assert earlier < 60
    expect(countdown).not_to_have_text(countdown.inner_text(), timeout=WAIT)
    assert seconds(countdown.inner_text()) < earlier
    # The minute passes (the frame's clock is moved on rather than waited for).
    frame_of(viewer).evaluate(
        "() => { const now = Date.now; Date.now = () => now.call(Date) + 61000; }"
    )
    message = viewer.frame.locator("#timer-message")
    expect(message).to_have_text("De tijd is om.", timeout=WAIT)
    expect(countdown).to_have_text("0:00")
    expect(viewer.frame.locator("#viewer")).to_have_class(re.compile(r"\bdone\b"))
    assert accessibility_problems(page) == []
    assert frame_accessibility_problems(viewer) == []

    # The picture for the README: card 3, the timer at rest.
    viewer.button("Opnieuw").click()
    viewer.frame.get_by_label("Gesprekstijd").select_option("5")
    viewer.card.click()
    page.keyboard.press("Home")
    step(viewer, "ArrowRight", f"Kaartje 2 van {COUNT}")
    step(viewer, "ArrowRight", f"Kaartje 3 van {COUNT}")
    page.mouse.move(0, 0)
    frame_of(viewer).evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')", timeout=WAIT
    )
    name = "projector" if size == PROJECTOR else "telefoon"
    # tests/output/, not docs/: a test run leaves the reviewed pictures as they are.
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / f"kaartje-trekken-{name}.png")

    viewer.button("Volledig scherm sluiten").click()
    page.wait_for_function("() => document.fullscreenElement === null", timeout=WAIT)
    expect(viewer.button("Volledig scherm")).to_be_visible()
    assert accessibility_problems(page) == []
    assert frame_accessibility_problems(viewer) == []


def test_full_screen_where_the_browser_refuses_it(server: tuple[str, Browser]) -> None:
    """A phone's browser without the Fullscreen API (an iPhone's): the viewer fills the
    window instead, and Escape or the same button brings the page back."""
    viewer = open_viewer(server, PHONE)
    frame = viewer.page.locator(FRAME)
    inline = frame.bounding_box()
    frame_of(viewer).evaluate("() => { document.documentElement.requestFullscreen = null; }")
    viewer.button("Volledig scherm").click()
    expect(viewer.button("Volledig scherm sluiten")).to_be_visible(timeout=WAIT)
    assert frame.bounding_box() == {"x": 0, "y": 0, "width": PHONE[0], "height": PHONE[1]}
    assert viewer.card.bounding_box()["width"] >= 0.9 * PHONE[0]
    viewer.page.keyboard.press("Escape")
    expect(viewer.button("Volledig scherm")).to_be_focused(timeout=WAIT)
    assert frame.bounding_box() == inline
    viewer.button("Volledig scherm").click()
    viewer.button("Volledig scherm sluiten").click()
    expect(viewer.button("Volledig scherm")).to_be_visible(timeout=WAIT)
    assert frame.bounding_box() == inline


def test_the_viewer_with_the_keyboard_alone(server: tuple[str, Browser]) -> None:
    """Every control in reach of Tab, with a visible focus ring, for someone who also asked
    their system for less motion: the cards change without animating."""
    viewer = open_viewer(server, PROJECTOR, motion="reduce")
    page = viewer.page
    page.get_by_role("tab", name="Kaartje trekken").focus()
    for _ in range(10):  # from the tab into the frame: its first button
        page.keyboard.press("Tab")
        if frame_of(viewer).evaluate("() => document.activeElement.id") == "fullscreen":
            break
    order = ["Vorige", "Willekeurig kaartje", "Volgende", "Alle (10)"]
    for name in order:
        page.keyboard.press("Tab")
        focused = viewer.frame.locator(":focus")
        expect(focused).to_have_accessible_name(name)
        outline = focused.evaluate(
            "e => getComputedStyle(e.matches('input') ? e.nextElementSibling : e).outlineStyle"
        )
        assert outline == "solid", name  # a visible focus ring
    page.keyboard.press("ArrowRight")  # within the filter: the next kind
    expect(viewer.status).to_have_text(re.compile(r"Kaartje \d van 6"), timeout=WAIT)
    page.keyboard.press("Shift+Tab")
    before = viewer.status.inner_text()
    page.keyboard.press("Enter")  # "Volgende"
    expect(viewer.status).not_to_have_text(before, timeout=WAIT)
    expect(viewer.status).to_have_text(re.compile(r"Kaartje \d van 6"))
    assert viewer.card.evaluate("e => getComputedStyle(e).animationName") == "none"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the timer's minutes
    expect(viewer.frame.locator(":focus")).to_have_accessible_name("Gesprekstijd")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(viewer.button("Pauze")).to_be_focused(timeout=WAIT)
    page.keyboard.press("Space")
    expect(viewer.button("Verder")).to_be_focused(timeout=WAIT)


def test_a_hostile_question_stays_text(server: tuple[str, Browser]) -> None:
    viewer = open_viewer(server, PROJECTOR, "/?set=vijandig", count=2)
    expect(viewer.card).to_have_attribute("alt", f"Kaartje 1, Denkkaartje: {HOSTILE}")
    expect(viewer.frame.locator(".set-title")).to_have_text(f"<b>Vijandig</b> {HOSTILE}")
    frame = frame_of(viewer)
    assert frame.evaluate("() => document.scripts.length") == 2
    assert frame.evaluate("() => document.images.length") == 1
    viewer.button("Volgende").click()
    expect(viewer.status).to_have_text("Kaartje 2 van 2", timeout=WAIT)
    assert frame.evaluate("() => document.querySelectorAll('[onerror], b').length") == 0
    assert viewer.dialogs == []
