"""A conference in session with one person per role, for the permission tests.

Principals (short names used in the expectation tables):
O  city-wide organiser      CO conference organiser   MO moderator of group 1
ME member of group 1        OM member of group 2      A  auditor (conference)
P  planner (conference)     C  committee member (conference, and of the Sozialausschuss)   PU public (no role)
OP operator (city-wide)     AN anonymous (no credentials)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from server.runtime import Runtime
from tests.auth import issue_token

COMPLETE = {  # every field a group agreement requires
    "description": "Ausgangslage.",
    "goal": "Familien erreichen.",
    "target_group": "Familien mit Kleinkindern",
    "lead": "Jugendamt",
}
PRINCIPALS = ("O", "CO", "MO", "ME", "OM", "A", "P", "C", "PU", "OP", "AN")
NAMES = {
    "O": "Katrin Hoffmann", "CO": "Jonas Albrecht", "MO": "Andrea Wolff", "ME": "Aylin Demir",
    "OM": "Stefan Krüger", "A": "Gerhard Lindner", "P": "Melanie Kaiser", "C": "Renate Klein",
    "PU": "Katharina Seidel", "OP": "Olaf Brandt",
}  # fmt: skip


@dataclass
class World:
    conference: UUID
    previous: UUID
    group: UUID
    other_group: UUID
    measure: UUID
    previous_measure: UUID
    previous_group: UUID
    committee: UUID
    organisation: UUID
    people: dict[str, UUID] = field(default_factory=dict)
    extra: UUID = UUID(int=1)  # a person without role, the target of membership commands


def build_world(runtime: Runtime) -> World:
    app: Sozialkonferenz = runtime.application
    s = SYSTEM_ACTOR
    people = {key: app.register_person(s, name, f"{key.lower()}@lindenau.example") for key, name in NAMES.items()}
    extra = app.register_person(s, "Lena Franke", "franke@lindenau.example")
    organisation = app.register_organisation(s, "Caritas Lindenau", "welfare")
    committee = app.register_committee(s, "Sozialausschuss", "SozA")
    app.register_district(s, "Nordstadt")  # the district register exists (with "gesamtstädtisch")
    previous = app.schedule_conference(s, "Sozialkonferenz 2024", "city", "Lindenau", "2024", "2024-11-14")
    previous_group = app.form_working_group(s, previous, "AG Kinderarmut")
    app.set_focus_topic(s, previous, "Armut")
    app.set_agenda(s, previous, ["AGs"])
    app.invite_organisations(s, previous, [organisation])
    app.mark_conference_prepared(s, previous)
    app.open_session(s, previous)
    previous_measure = app.draft_measure(s, previous_group, {**COMPLETE, "title": "Familienlotsen"})
    app.agree_in_group(s, previous_measure)
    app.adopt_measure(s, previous_measure)
    app.close_session(s, previous)

    conference = app.schedule_conference(
        s, "Sozialkonferenz 2026", "city", "Lindenau", "2026", "2026-11-19", previous_conference_id=previous
    )
    group = app.form_working_group(s, conference, "AG Kinderarmut")
    other_group = app.form_working_group(s, conference, "AG Wohnen")
    app.set_focus_topic(s, conference, "Teilhabe")
    app.set_agenda(s, conference, ["AGs"])
    app.invite_organisations(s, conference, [organisation])
    app.mark_conference_prepared(s, conference)
    app.open_session(s, conference)
    app.assign_moderator(s, group, people["MO"])
    app.add_member(s, group, people["ME"])
    app.add_member(s, other_group, people["OM"])
    app.grant_global_role(s, people["O"], "organiser")
    app.grant_global_role(s, people["OP"], "operator")
    for key, role in (("CO", "organiser"), ("A", "auditor"), ("P", "planner"), ("C", "committee_member")):
        app.grant_role(s, conference, people[key], role)
    app.appoint_committee_member(s, committee, people["C"])  # C decides for this committee, nobody else
    measure = app.draft_measure(s, group, {**COMPLETE, "title": "Frühe Hilfen"})
    for person in people.values():
        issue_token(runtime, person)
    return World(
        conference,
        previous,
        group,
        other_group,
        measure,
        previous_measure,
        previous_group,
        committee,
        organisation,
        people,
        extra,
    )
