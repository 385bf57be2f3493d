"""Who belongs where: the teams file (named by CARDKIT_TEAMS), read and checked like a
layout, and the people it names, as an `Actor` the library checks every operation against.

    admins: [coordinator@example.org]      # programme admins: every team
    teams:
      noord:                               # the team's folder and address name
        name: Wijkteam Noord
        members: [alice@example.org, "*@noord.example.org"]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text
from cardkit.read.schema import Node
from cardkit.read.yamlio import read_yaml_file

TEAMS_VARIABLE = "CARDKIT_TEAMS"
MAX_TEAMS_FILE_BYTES = 1024 * 1024
TEAM_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # a folder and a part of a set's name
# An address, or "*@domain" for everyone at that domain: no spaces, one @, a dot after it.
ADDRESS = re.compile(r"^(?:\*|[^@\s*]+)@[^@\s*]+\.[^@\s*]+$")
EXAMPLES = ""  # the space of the programme's examples: the library's root


@dataclass(frozen=True)
class Team:
    """A team: `space` names its folder, `name` is what people read."""

    space: str
    name: str
    members: tuple[str, ...]  # addresses and "*@domain" patterns, lower case

    def has(self, email: str) -> bool:
        address = email.casefold()
        domain = address.rpartition("@")[2]
        return any(member in (address, f"*@{domain}") for member in self.members)


@dataclass(frozen=True)
class Teams:
    """The teams file: the programme's admins and its teams, by space."""

    admins: tuple[str, ...]
    teams: dict[str, Team]

    def actor(self, email: str, name: str = "", verified: bool = True) -> Actor:
        """The signed-in person with address `email`, with the teams they belong to; an
        address the provider says it has not verified belongs to no team."""
        address = email.strip().casefold() if verified else ""
        admin = bool(address) and address in self.admins
        spaces = tuple(space for space, team in self.teams.items() if address and team.has(address))
        return Actor(address or email.strip(), name.strip() or email.strip(), spaces, admin)


@dataclass(frozen=True)
class Actor:
    """Who acts on the library. `teams` are the spaces they work in; an admin works in
    every team and changes the examples. Without sign-in there is one `everyone`."""

    who: str  # the e-mail address (or a browser's identity without sign-in)
    name: str  # what the history shows
    teams: tuple[str, ...]
    admin: bool = False

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


def load_teams(path: Path) -> Teams:
    """The teams file at `path`, checked: a message names the file and the key."""
    root = read_yaml_file(path, max_bytes=MAX_TEAMS_FILE_BYTES)
    fields = root.mapping({"admins", "teams"}, required={"teams"})
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
        team = node.mapping({"name", "members"}, required={"name", "members"})
        members = tuple(_address(member) for member in _list(team["members"]))
        teams[space] = Team(space, team["name"].text(max_chars=100, allow_empty=False), members)
    return Teams(admins, teams)


def teams_from_environment() -> Teams | None:
    """The teams file CARDKIT_TEAMS names, or None when it names none."""
    location = os.environ.get(TEAMS_VARIABLE, "").strip()
    if not location:
        return None
    return load_teams(Path(location))


def _list(node: Node | None) -> list[Node]:
    if node is None or node.missing:
        return []
    return list(node.items())


def _address(node: Node) -> str:
    text = node.text(max_chars=320).strip().casefold()
    if not ADDRESS.match(text):
        node.expect(
            Text(
                'an e-mail address, or "*@domain" for everyone at a domain',
                'een e-mailadres, of "*@domein" voor iedereen van dat domein',
            )
        )
    return text


def no_teams_file() -> CardkitError:
    return CardkitError(
        Location(TEAMS_VARIABLE),
        Text(
            "sign-in is on, but no teams file is named: set CARDKIT_TEAMS to its path",
            "inloggen staat aan, maar er is geen teambestand: zet CARDKIT_TEAMS op het pad",
        ),
    )
