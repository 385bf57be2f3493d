"""Sign-in and teams in Chromium, against a real OpenID Connect provider: each person sees
their own teams' sets and the examples, never another team's; someone in no team sees no
team set; an admin sees every team; a visitor sees only the sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cardkit.library.folder import FolderStore
from cardkit.model import Card, CardSet
from cardkit.read.sets import load_set
from tests.browser import (
    WAIT,
    accessibility_problems,
    chromium,
    click,
    commit,
    designer,
    fill_library,
    free_port,
    oidc_provider,
    open_details,
    settled,
    sign_in,
    sign_in_secrets,
)
from tests.helpers import TEAMS_FILE

TEAM_SETS = {"noord": "Buurtoverleg Noord", "zuid": "Huisbezoeken Zuid", "west": "Geheim van West"}
EXAMPLE = "Gelijkwaardig samenwerken"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """The designer with sign-in on, three teams with a set each, and the examples."""
    folder = tmp_path_factory.mktemp("signin")
    library = fill_library(folder / "library")
    store = FolderStore(library)
    for space, title in TEAM_SETS.items():
        store.create(CardSet(title, "a6", (Card("denk", f"Een vraag van {space}?"),)), space)
    teams = folder / "teams.yaml"
    teams.write_text(TEAMS_FILE, encoding="utf-8")
    port = free_port()
    with oidc_provider() as issuer:
        secrets = sign_in_secrets(folder, port, issuer)
        env = {"CARDKIT_TEAMS": str(teams)}
        with designer(library, env=env, port=port, secrets=secrets) as url:
            yield url, issuer, library


@pytest.fixture(autouse=True)
def close_pages(browser: Browser) -> Iterator[None]:
    yield
    for context in browser.contexts:
        context.close()


def set_choices(page: Page) -> list[str]:
    """The sets the sidebar offers."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Kies een set").click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [option.strip() for option in options]


def choose_team(page: Page, team: str, first_set: str) -> None:
    """Choose a team in the sidebar and wait until its first set is open."""
    page.locator('[data-testid="stSidebar"]').get_by_label("Team").click()
    page.get_by_role("option", name=team).click()
    expect(page.get_by_role("heading", name=first_set)).to_be_visible(timeout=WAIT)
    settled(page)


def page_text(page: Page) -> str:
    if page.locator('[data-testid="stApp"]').count():  # not the gate's own sign-in page
        settled(page)
    return page.locator("body").inner_text().replace("\u2060", "")  # see designer/text.py


def test_a_visitor_sees_only_the_sign_in(service, browser: Browser) -> None:
    url, _, _ = service
    page = browser.new_context().new_page()
    for address in (
        url,
        f"{url}/?set=noord/buurtoverleg-noord",
        f"{url}/?set=gelijkwaardig-samenwerken",
    ):
        page.goto(address)
        expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible(timeout=WAIT)
        text = page_text(page)
        for title in [*TEAM_SETS.values(), EXAMPLE]:
            assert title not in text
        assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert accessibility_problems(page) == []


def test_a_member_of_two_teams_sees_both_and_the_examples_only(service, browser) -> None:
    url, issuer, _ = service
    page = sign_in(browser, url, issuer, "alice@example.org", "Alice de Vries")
    assert "Ingelogd als Alice de Vries (alice@example.org)" in page_text(page)
    choices = set_choices(page)
    assert "Buurtoverleg Noord" in choices
    assert f"Voorbeeld: {EXAMPLE}" in choices
    assert not any("Zuid" in c or "West" in c for c in choices)

    choose_team(page, "Wijkteam Zuid", "Huisbezoeken Zuid")
    choices = set_choices(page)
    assert "Huisbezoeken Zuid" in choices and "Buurtoverleg Noord" not in choices
    assert not any("West" in choice for choice in choices)

    # Another team's set by its address: refused, and nothing of it shown.
    page.goto(f"{url}/?set=west/geheim-van-west")
    expect(page.get_by_text("hoort bij een team waar je niet in zit").first).to_be_visible(
        timeout=WAIT
    )
    text = page_text(page)
    assert "Geheim van West" not in text and "Een vraag van west" not in text


def test_a_member_saves_in_the_team_and_copies_an_example_into_it(service, browser) -> None:
    url, issuer, library = service
    page = sign_in(browser, url, issuer, "dirk@noord.example.org", "Dirk")
    page.goto(f"{url}/?set=gelijkwaardig-samenwerken")
    expect(page.get_by_role("button", name="Kopieer naar mijn team")).to_be_visible(timeout=WAIT)
    assert page.get_by_role("button", name="Opslaan", exact=True).count() == 0
    commit(page, "Vraag", "Wat is gelijkwaardig voor ons team?")
    click(page, "Kopieer naar mijn team")
    expect(page.get_by_text("staat nu bij de sets van je team").first).to_be_visible(timeout=WAIT)
    copied = load_set(library / "noord" / "gelijkwaardig-samenwerken.yaml")
    assert copied.cards[0].question == "Wat is gelijkwaardig voor ons team?"
    example = load_set(library / "gelijkwaardig-samenwerken.yaml")
    assert example.cards[0].question != "Wat is gelijkwaardig voor ons team?"

    # Saving in the team: the history names who saved.
    commit(page, "Vraag", "En wat vraagt dat van ons?")
    click(page, "Opslaan")
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    open_details(page)
    page.get_by_label("Eerdere versies").click()
    expect(page.get_by_role("option").filter(has_text="door Dirk").first).to_be_visible(
        timeout=WAIT
    )


def test_someone_in_no_team_sees_no_team_set(service, browser) -> None:
    url, issuer, _ = service
    page = sign_in(browser, url, issuer, "mallory@example.org", "Mallory")
    notice = page.get_by_text("je hoort (nog) bij geen team")
    expect(notice.first).to_be_visible(timeout=WAIT)
    choices = set_choices(page)
    assert (choices and all(choice.startswith("Voorbeeld:") for choice in choices)) or all(
        title not in " ".join(choices) for title in TEAM_SETS.values()
    )
    assert not any(title in " ".join(choices) for title in TEAM_SETS.values())
    assert "＋ Nieuwe set…" not in choices
    assert page.get_by_role("button", name="Kopieer naar mijn team").count() == 0


def test_an_admin_sees_every_team_and_can_sign_out(service, browser) -> None:
    url, issuer, _ = service
    page = sign_in(browser, url, issuer, "coordinator@example.org", "Coördinator")
    seen = []
    for team, first_set in (
        ("Wijkteam Zuid", "Huisbezoeken Zuid"),
        ("Wijkteam West", "Geheim van West"),
        ("Wijkteam Noord", "Buurtoverleg Noord"),
    ):
        choose_team(page, team, first_set)
        seen += set_choices(page)
    for title in TEAM_SETS.values():
        assert title in seen
    click(page, "Uitloggen")
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Je bent uitgelogd.")).to_be_visible()
    assert "Geheim van West" not in page_text(page)


def test_a_reload_in_the_second_team_opens_that_teams_set(service, browser) -> None:
    """The address names a set of Alice's second team: a reload (or a shared link) opens
    it, with its team chosen, and her unsaved edit is still there."""
    url, issuer, _ = service
    page = sign_in(browser, url, issuer, "alice@example.org", "Alice de Vries")
    page.goto(f"{url}/?set=zuid/huisbezoeken-zuid")
    expect(page.get_by_role("heading", name="Huisbezoeken Zuid")).to_be_visible(timeout=WAIT)
    commit(page, "Vraag", "Alice werkt in Zuid?")
    page.reload()
    expect(page.get_by_role("heading", name="Huisbezoeken Zuid")).to_be_visible(timeout=WAIT)
    settled(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_label("Team")).to_have_value("Wijkteam Zuid", timeout=WAIT)
    expect(page.get_by_label("Vraag", exact=True)).to_have_value("Alice werkt in Zuid?")


def test_an_address_the_provider_has_not_verified_joins_no_team(service, browser) -> None:
    """Anyone could claim eve@noord.example.org at a provider that does not verify it."""
    url, issuer, _ = service
    page = sign_in(browser, url, issuer, "eve@noord.example.org", "Eve", verified=False)
    notice = page.get_by_text("heeft niet bevestigd dat dit e-mailadres van jou is")
    expect(notice.first).to_be_visible(timeout=WAIT)
    assert "Buurtoverleg Noord" not in " ".join(set_choices(page))
