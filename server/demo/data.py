"""The demo city's data files (``server/demo/*.json``, ``*.csv``), read once, under the names the loader uses.

The measure texts are catalogue files read by the catalogue importer (``server.demo.catalogues``);
everything else (people, organisations, conferences, what happened to each measure) is JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent


def read_json(name: str) -> Any:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


_city = read_json("stadt.json")
_series = read_json("reihe-stadt.json")

CITY: str = _city["city"]
DISTRICTS: list[str] = _city["districts"]
CITY_SERIES: str = _city["city_series"]
SETUP_DAY: str = _city["setup_day"]
ORGANISATIONS: list[list[str]] = _city["organisations"]  # key, name, kind, district
COMMITTEES: list[list[str]] = _city["committees"]  # key, name, short name
COMMITTEE_MEMBERS: list[list[str]] = _city["committee_members"]  # committee, person
PEOPLE: list[list[Any]] = _city["people"]  # key, name, e-mail, organisation, registered on (null: set-up day)
GLOBAL_ROLES: list[list[str]] = _city["global_roles"]
# person, day, recorded by (null: the person herself): consent to being named publicly in her public roles
PUBLIC_NAMING: list[list[Any]] = _city["public_naming"]
DEMO_ACCOUNTS: dict[str, str] = _city["demo_accounts"]  # role → person
DEMO_LOGINS: dict[str, str] = _city["demo_logins"]  # role → login
DEMO_PASSWORD: str = _city["demo_password"]

CITY_GROUPS: list[list[Any]] = _series["groups"]  # key, name, topic, moderators, members
CITY_CONFERENCES: dict[str, dict[str, Any]] = _series["conferences"]  # by cycle
CITY_GROUP_CHANGES_2026: list[list[Any]] = _series["group_changes_2026"]  # day, command, group, arguments, actor
DISTRICT_SERIES: list[dict[str, Any]] = read_json("stadtbezirke.json")
