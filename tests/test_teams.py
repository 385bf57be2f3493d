"""Teams: the teams file read like a layout, people matched to their teams, and the library
refusing every read and write across teams, whatever a page shows or hides."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from cardkit.errors import CardkitError
from cardkit.library import access
from cardkit.library.access import Refused, TeamLibrary
from cardkit.library.folder import FolderStore
from cardkit.library.teams import Actor, everyone, load_teams
from cardkit.model import Card, CardSet
from tests.helpers import TEAMS_FILE, TESTS_DIR

LOGO = (TESTS_DIR / "fixtures" / "sets" / "wijkteam.png").read_bytes()


def a_set(title: str) -> CardSet:
    return CardSet(title, "a6", (Card("denk", "Hoe gaat het?"),))


@pytest.fixture
def teams(tmp_path: Path):
    path = tmp_path / "teams.yaml"
    path.write_text(TEAMS_FILE, encoding="utf-8")
    return load_teams(path)


@pytest.fixture
def store(any_store):
    """Both stores: the folder store and the PostgreSQL store."""
    store = any_store
    store.create(a_set("Voorbeeld"))
    for team in ("noord", "zuid", "west"):
        store.create(a_set(f"Set van {team}"), space=team)
    return store


def library(store: FolderStore, teams, email: str) -> TeamLibrary:
    names = {"": "", **{space: team.name for space, team in teams.teams.items()}}
    return TeamLibrary(store, teams.actor(email), names)


# --- the teams file ------------------------------------------------------------------------


def test_people_are_matched_by_address_and_domain(teams) -> None:
    assert teams.actor("alice@example.org").teams == ("noord", "zuid")
    assert teams.actor("dirk@noord.example.org").teams == ("noord",)
    assert teams.actor("Carol@EXAMPLE.org").teams == ("west",)
    assert teams.actor("mallory@example.org").teams == ()
    assert teams.actor("mallory@evil.noord.example.org").teams == ()
    assert teams.actor("coordinator@example.org").admin
    assert not teams.actor("alice@example.org").admin
    assert teams.actor("").teams == ()
    # An address the provider has not verified could be anyone's: no team, no admin.
    assert teams.actor("eve@noord.example.org", verified=False).teams == ()
    assert not teams.actor("coordinator@example.org", verified=False).admin


@pytest.mark.parametrize(
    "address",
    [
        "\u212aees@example.org",  # KELVIN SIGN, which case folding makes a k
        "alic\u0435@example.org",  # a Cyrillic e among Latin letters
        "alice@ex\u0430mple.org",  # a Cyrillic a in the domain
        "\u017fam@example.org",  # a LONG S, which NFKC makes an s
        "alice\u200b@example.org",  # an invisible space
        "ａlice@example.org",  # a full-width a
        "carol@example.org\U000e0041",  # a tag character
    ],
)
def test_an_address_that_could_pass_for_a_member_is_in_no_team(teams, address: str) -> None:
    actor = teams.actor(address, "Kees")
    assert actor.teams == () and not actor.admin
    assert actor.refusal == "lookalike"
    assert "@" not in actor.who  # nobody's drafts either


def test_a_long_s_cannot_pass_for_an_s(tmp_path: Path) -> None:
    path = tmp_path / "teams.yaml"
    path.write_text("teams:\n  noord:\n    name: N\n    members: [kees@noord.nl]\n")
    teams = load_teams(path)
    assert teams.actor("kees@noord.nl").teams == ("noord",)
    assert teams.actor("kee\u017f@noord.nl").teams == ()
    assert teams.actor("\u212aees@noord.nl").teams == ()
    assert teams.actor("KEES@Noord.NL").teams == ("noord",)  # case alone is no disguise


def test_a_domain_member_can_be_excluded_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "teams.yaml"
    path.write_text(
        "teams:\n  noord:\n    name: N\n    members: ['*@noord.nl']\n"
        "    excluded: [Oud-Collega@noord.nl]\n"
    )
    teams = load_teams(path)
    assert teams.actor("nieuw@noord.nl").teams == ("noord",)
    assert teams.actor("oud-collega@noord.nl").teams == ()


def test_an_unverified_address_is_nobody_it_claims_to_be(teams) -> None:
    """Its drafts, too, are its own: never those of the person whose address it names."""
    real = teams.actor("alice@example.org", "Alice")
    claimed = teams.actor("alice@example.org", "Alice", verified=False, subject="x1")
    assert claimed.who != real.who and "alice" not in claimed.who
    assert claimed.teams == () and claimed.refusal == "unverified"
    other = teams.actor("alice@example.org", "Alice", verified=False, subject="x2")
    assert other.who != claimed.who


def test_what_counts_as_verified_is_set_per_provider(tmp_path: Path) -> None:
    path = tmp_path / "teams.yaml"
    path.write_text(
        "teams: {}\nproviders:\n  microsoft: {verified: xms_edov}\n  intranet: {verified: always}\n"
    )
    teams = load_teams(path)
    # Without a setting, the claim email_verified must say so; missing is not verified.
    assert teams.is_verified("default", {"email_verified": True})
    assert teams.is_verified("google", {"email_verified": "true"})
    assert not teams.is_verified("default", {})
    assert not teams.is_verified("default", {"email_verified": False})
    # Entra ID sends no email_verified: its domain-verified claim counts instead.
    assert not teams.is_verified("microsoft", {"email_verified": True})
    assert teams.is_verified("microsoft", {"xms_edov": True})
    assert teams.is_verified("intranet", {})


@pytest.mark.parametrize(
    "text, message",
    [
        ("teams: {}\nleden: []\n", 'teams.yaml: unknown key "leden"'),
        ("teams:\n  noord:\n    name: N\n    members: [a@b.nl]\n    kleur: rood\n",
         'teams.yaml: teams.noord: unknown key "kleur"'),
        ("teams:\n  Noord Oost:\n    name: N\n    members: []\n",
         "teams.yaml: teams.Noord Oost: a team's name is lower-case letters"),
        ("teams:\n  noord:\n    name: N\n    members: [alice]\n",
         'teams.yaml: teams.noord.members[1]: expected an e-mail address, or "*@domain"'),
        ("teams:\n  noord:\n    members: [a@b.nl]\n",
         'teams.yaml: teams.noord: missing key "name"'),
        ("admins: [iedereen]\nteams: {}\n", "teams.yaml: admins[1]: expected an e-mail address"),
        ("admins: []\n", 'teams.yaml: missing key "teams"'),
        ("teams:\n  noord:\n    name: N\n    members: [\"\\u212aees@n.nl\"]\n",
         "teams.yaml: teams.noord.members[1]: has a character that could pass for another"),
        ("teams:\n  noord:\n    name: N\n    members: [a@b.nl]\n    excluded: ['*@b.nl']\n",
         "teams.yaml: teams.noord.excluded[1]: expected an e-mail address, got"),
        ("teams: {}\nproviders:\n  google: {verified: 'ja graag'}\n",
         "teams.yaml: providers.google.verified: expected the name of a claim"),
    ],
)  # fmt: skip
def test_a_wrong_teams_file_is_named_with_its_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "teams.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CardkitError) as refused:
        load_teams(path)
    assert refused.value.message("en").replace(str(tmp_path) + "/", "").startswith(message)


# --- the library, as each person ------------------------------------------------------------


def test_each_person_sees_their_teams_and_the_examples(store, teams) -> None:
    alice = library(store, teams, "alice@example.org")
    assert alice.work_spaces() == ["noord", "zuid"]
    assert [entry.name for entry in alice.list_sets("")] == ["voorbeeld"]
    assert [entry.name for entry in alice.list_sets("noord")] == ["noord/set-van-noord"]
    assert alice.read("voorbeeld").card_set.title == "Voorbeeld"
    with pytest.raises(Refused):
        alice.list_sets("west")
    admin = library(store, teams, "coordinator@example.org")
    assert admin.work_spaces() == ["", "noord", "zuid", "west"]
    assert admin.read("west/set-van-west").card_set.title == "Set van west"
    nobody = library(store, teams, "mallory@example.org")
    assert nobody.work_spaces() == []
    assert [entry.name for entry in nobody.list_sets("")] == ["voorbeeld"]


def test_the_history_names_the_member_who_saved(store) -> None:
    """Whatever name a caller passes, the history records the acting person."""
    alice = TeamLibrary(
        store, Actor("alice@example.org", "Alice de Vries", ("noord",)), {"noord": "Noord"}
    )
    name = "noord/set-van-noord"
    alice.save(name, a_set("Tweede"), alice.version(name), who="iemand anders")
    alice.save(name, a_set("Derde"), alice.version(name), who="iemand anders")
    assert alice.history(name)[0].who == "Alice de Vries"


def test_examples_are_read_by_all_and_changed_by_an_admin_only(store, teams) -> None:
    alice = library(store, teams, "alice@example.org")
    example = alice.read("voorbeeld")
    with pytest.raises(Refused) as refused:
        alice.save("voorbeeld", a_set("Anders"), example.version)
    assert "copy it into your team" in refused.value.message("en")
    copy = alice.create(example.card_set, space="noord")
    assert copy.name == "noord/voorbeeld"
    admin = library(store, teams, "coordinator@example.org")
    admin.save("voorbeeld", a_set("Voorbeeld, herzien"), example.version)
    assert alice.read("voorbeeld").card_set.title == "Voorbeeld, herzien"


# Every public operation of the library, tried by Alice on team West's set.
WEST = "west/set-van-west"
ACROSS = {
    "list_sets": lambda lib, v: lib.list_sets("west"),
    "read": lambda lib, v: lib.read(WEST),
    "version": lambda lib, v: lib.version(WEST),
    "exists": lambda lib, v: lib.exists(WEST),
    "history": lambda lib, v: lib.history(WEST),
    "read_version": lambda lib, v: lib.read_version(WEST, "000001"),
    "fate": lambda lib, v: lib.fate("west/weg"),
    "logo_folder": lambda lib, v: lib.logo_folder(WEST),
    "space_dir": lambda lib, v: lib.space_dir("west"),
    "create": lambda lib, v: lib.create(a_set("Ingebroken"), space="west"),
    "save": lambda lib, v: lib.save(WEST, a_set("Overschreven"), v),
    "rename": lambda lib, v: lib.rename(WEST, "Hernoemd", a_set("Set van west"), v),
    "delete": lambda lib, v: lib.delete(WEST, v),
    "deleted": lambda lib, v: lib.deleted("west"),
    "restore": lambda lib, v: lib.restore("west/set-van-west~1"),
    "save_logo": lambda lib, v: lib.save_logo("west", "logo.png", LOGO),
    "put_draft": lambda lib, v: lib.put_draft(lib.actor.who, "tab1", WEST, a_set("X"), v),
    "drafts_of": lambda lib, v: lib.drafts_of(lib.actor.who, WEST),
    "drop_draft": lambda lib, v: lib.drop_draft(lib.actor.who, "tab1", WEST),
    "draft_names": lambda lib, v: lib.draft_names(lib.actor.who, "west"),
    "recover": lambda lib, v: lib.recover("west"),
}


def test_every_operation_is_listed_here() -> None:
    public = {
        name
        for name, member in inspect.getmembers(TeamLibrary, inspect.isfunction)
        if not name.startswith("_") and name not in {"work_spaces", "may_change"}
    }
    assert public == set(ACROSS)


@pytest.mark.parametrize("operation", sorted(ACROSS))
def test_every_operation_is_refused_across_teams(store, teams, tmp_path, operation) -> None:
    before = store.dump("west")
    alice = library(store, teams, "alice@example.org")
    version = store.version(WEST)
    with pytest.raises(Refused) as refused:
        ACROSS[operation](alice, version)
    assert refused.value.message("en") == "Wijkteam West: belongs to a team you are not in"
    assert store.dump("west") == before
    carol = library(store, teams, "carol@example.org")
    ACROSS[operation](carol, version) if operation not in {"restore", "read_version"} else None


def test_drafts_are_only_ever_your_own(store, teams) -> None:
    alice = library(store, teams, "alice@example.org")
    with pytest.raises(Refused):
        alice.drafts_of("bob@example.org", "noord/set-van-noord")
    with pytest.raises(Refused):
        alice.put_draft("bob@example.org", "tab1", "noord/set-van-noord", a_set("X"), None)


def test_a_team_has_a_cap_on_sets_and_bytes(store, teams, monkeypatch) -> None:
    carol = library(store, teams, "carol@example.org")
    monkeypatch.setattr(access, "MAX_SETS_PER_TEAM", 2)
    carol.create(a_set("Tweede"), space="west")
    with pytest.raises(Refused) as refused:
        carol.create(a_set("Derde"), space="west")
    assert "the team has 2 sets, the most a team can keep" in refused.value.message("en")
    used = store.usage("west")
    monkeypatch.setattr(access, "MAX_TEAM_BYTES", used + len(LOGO) - 1)
    with pytest.raises(Refused) as refused:
        carol.save_logo("west", "logo.png", LOGO)
    assert "De ruimte van het team is vol" in refused.value.message("nl").replace("de r", "De r")
    assert store.dump("west").logos == ()


def test_without_sign_in_everything_is_one_team_in_the_root(store) -> None:
    lib = TeamLibrary(store, everyone("browser:abc"))
    assert lib.work_spaces() == [""]
    with pytest.raises(Refused):  # team folders a signed-in service left behind stay shut
        lib.read("west/set-van-west")
    stored = lib.read("voorbeeld")
    lib.save("voorbeeld", a_set("Gewijzigd"), stored.version)
    assert lib.read("voorbeeld").card_set.title == "Gewijzigd"
