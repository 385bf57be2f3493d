"""Who belongs where: the teams file (named by CARDKIT_TEAMS), read and checked like a
layout, and the people it names, as an `Actor` the library checks every operation against.

    admins: [coordinator@example.org]      # programme admins: every team
    teams:
      noord:                               # the team's folder and address name
        name: Wijkteam Noord
        members: [alice@example.org, "*@noord.example.org"]
        excluded: [oud-collega@noord.example.org]   # not in the team, whatever the domain
    providers:                             # what makes a provider's address verified
      microsoft: {verified: xms_edov}      # (default: the claim email_verified is true)

Addresses are compared after NFKC normalisation and case folding; an address with a
character that normalisation would turn into another letter (the Kelvin sign K, the long
s ſ), an invisible character or letters of two scripts is refused, in the file and at
sign-in: it could pass for someone else's.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text
from cardkit.read.invisible import invisible_characters
from cardkit.read.schema import Node
from cardkit.read.yamlio import read_yaml_file

TEAMS_VARIABLE = "CARDKIT_TEAMS"
MAX_TEAMS_FILE_BYTES = 1024 * 1024
TEAM_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # a folder and a part of a set's name
# An address, or "*@domain" for everyone at that domain: no spaces, one @, a dot after it.
ADDRESS = re.compile(r"^(?:\*|[^@\s*]+)@[^@\s*]+\.[^@\s*]+$")
EXAMPLES = ""  # the space of the programme's examples: the library's root
DEFAULT_PROVIDER = "default"  # Streamlit's name for the [auth] section's own provider
VERIFIED_CLAIM = "email_verified"  # what Google and Keycloak send; Entra ID sends none
ALWAYS = "always"  # a provider that only issues addresses its organisation owns

# Why a signed-in person is in no team whatever the teams file says.
UNVERIFIED = "unverified"  # the provider does not vouch for the address
LOOKALIKE = "lookalike"  # the address has a character that passes for another


def normal_address(text: str) -> str | None:
    """The address as compared (NFKC, case folded), or None when it could pass for another
    address: a character NFKC changes (K, ſ, full-width letters), an invisible character,
    or letters of more than one script in one part."""
    text = text.strip()
    if invisible_characters(text) or unicodedata.normalize("NFKC", text) != text:
        return None
    folded = text.casefold()
    if unicodedata.normalize("NFKC", folded) != folded:
        return None
    for part in re.split(r"[@.]", folded):
        scripts = {unicodedata.name(char, "?").split()[0] for char in part if char.isalpha()}
        if len(scripts) > 1:
            return None
    return folded


@dataclass(frozen=True)
class Team:
    """A team: `space` names its folder, `name` is what people read."""

    space: str
    name: str
    members: tuple[str, ...]  # addresses and "*@domain" patterns, normalised
    excluded: tuple[str, ...] = ()  # addresses a domain pattern would otherwise let in

    def has(self, address: str) -> bool:
        """Whether `address` (already normalised) is a member."""
        if address in self.excluded:
            return False
        domain = address.rpartition("@")[2]
        return any(member in (address, f"*@{domain}") for member in self.members)


@dataclass(frozen=True)
class Teams:
    """The teams file: the programme's admins, its teams by space, and per sign-in provider
    the claim that says an address is verified (or `always`)."""

    admins: tuple[str, ...]
    teams: dict[str, Team]
    verified_by: Mapping[str, str] = field(default_factory=dict)

    def is_verified(self, provider: str, claims: Mapping[str, object]) -> bool:
        """Whether the provider vouches for the address in `claims`: its claim (by default
        email_verified) says true; a missing claim is no."""
        claim = self.verified_by.get(provider or DEFAULT_PROVIDER, VERIFIED_CLAIM)
        if claim == ALWAYS:
            return True
        return claims.get(claim) in (True, "true", "True")

    def actor(self, email: str, name: str = "", verified: bool = True, subject: str = "") -> Actor:
        """The signed-in person with address `email`, with the teams they belong to. An
        address the provider does not vouch for, or one that could pass for another, is
        in no team and is nobody else: its drafts are its own (`subject`, the provider's
        id of the person, tells such people apart)."""
        shown = name.strip() or email.strip()
        address = normal_address(email)
        if address is None or not verified:
            refusal = LOOKALIKE if address is None else UNVERIFIED
            token = hashlib.sha256(f"{subject}\n{email}".encode()).hexdigest()[:24]
            return Actor(f"{refusal}:{token}", shown, (), refusal=refusal)
        admin = bool(address) and address in self.admins
        spaces = tuple(space for space, team in self.teams.items() if address and team.has(address))
        return Actor(address or email.strip(), shown, spaces, admin)


@dataclass(frozen=True)
class Actor:
    """Who acts on the library. `teams` are the spaces they work in; an admin works in
    every team and changes the examples. Without sign-in there is one `everyone`.
    `refusal` says why a signed-in person is in no team (UNVERIFIED, LOOKALIKE)."""

    who: str  # the e-mail address (or a browser's identity without sign-in)
    name: str  # what the history shows
    teams: tuple[str, ...]
    admin: bool = False
    refusal: str = ""

    def can_read(self, space: str) -> bool:
        return space == EXAMPLES or self.admin or space in self.teams

    def can_write(self, space: str) -> bool:
        # Members' teams are never the root (a team's name is never empty); only the
        # designer without sign-in works there (see `everyone`), and admins.
        return self.admin or space in self.teams


def everyone(who: str) -> Actor:
    """The designer without sign-in: one team on one machine, working in the library's
    root as before teams existed."""
    return Actor(who, "", (EXAMPLES,))


def load_teams(path: Path, display: str | None = None) -> Teams:
    """The teams file at `path`, checked: a message names the file (as `display`, when
    given: a visitor never reads a server's paths) and the key."""
    root = read_yaml_file(path, max_bytes=MAX_TEAMS_FILE_BYTES, display=display)
    fields = root.mapping({"admins", "teams", "providers"}, required={"teams"})
    admins = tuple(_address(node) for node in _list(fields.get("admins")))
    teams = {}
    for space, node in fields["teams"].names().items():
        if not TEAM_NAME.match(space):
            node.fail(
                Text(
                    "a team's name is lower-case letters, digits, - and _ (at most 40): "
                    "it names the team's folder",
                    "de naam van een team heeft kleine letters, cijfers, - en _ (hoogstens "
                    "40): hij is de naam van de map van het team",
                )
            )
        team = node.mapping({"name", "members", "excluded"}, required={"name", "members"})
        members = tuple(_address(member) for member in _list(team["members"]))
        excluded = tuple(_address(person, pattern=False) for person in _list(team.get("excluded")))
        name = team["name"].text(max_chars=100, allow_empty=False)
        teams[space] = Team(space, name, members, excluded)
    return Teams(admins, teams, _providers(fields.get("providers")))


def _providers(node: Node | None) -> dict[str, str]:
    if node is None or node.missing:
        return {}
    found = {}
    for provider, settings in node.names().items():
        verified = settings.mapping({"verified"}, required={"verified"})["verified"]
        claim = verified.text(max_chars=100, allow_empty=False)
        if not re.fullmatch(r"[A-Za-z0-9_.:-]+", claim):
            verified.expect(
                Text(
                    f'the name of a claim that is true for a verified address, or "{ALWAYS}"',
                    f'de naam van een claim die waar is bij een bevestigd adres, of "{ALWAYS}"',
                )
            )
        found[provider] = claim
    return found


def _list(node: Node | None) -> list[Node]:
    if node is None or node.missing:
        return []
    return list(node.items())


def _address(node: Node, pattern: bool = True) -> str:
    text = node.text(max_chars=320).strip()
    address = normal_address(text)
    if address is None:
        node.fail(
            Text(
                "has a character that could pass for another (a look-alike, an invisible "
                "character, or letters of two scripts)",
                "heeft een teken dat voor een ander kan doorgaan (een dubbelganger, een "
                "onzichtbaar teken of letters uit twee schriften)",
            )
        )
    if not ADDRESS.match(address) or (not pattern and address.startswith("*@")):
        node.expect(ADDRESS_OR_DOMAIN if pattern else AN_ADDRESS)
    return address


ADDRESS_OR_DOMAIN = Text(
    'an e-mail address, or "*@domain" for everyone at a domain',
    'een e-mailadres, of "*@domein" voor iedereen van dat domein',
)
AN_ADDRESS = Text("an e-mail address", "een e-mailadres")


def no_teams_file() -> CardkitError:
    return CardkitError(
        Location(TEAMS_VARIABLE),
        Text(
            "sign-in is on, but no teams file is named: set CARDKIT_TEAMS to its path",
            "inloggen staat aan, maar er is geen teambestand: zet CARDKIT_TEAMS op het pad",
        ),
    )
