"""Who agreed to be named publicly and the spans of public roles, one event at a time and rebuilt."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select

from domain.application import Sozialkonferenz
from domain.coordination import coordination_group_id
from projections import tables as t
from projections.runner import ProjectionRunner


def rows(runner: ProjectionRunner) -> tuple[dict[str, Any], list[tuple[str, str, str, bool]]]:
    with runner.engine.connect() as connection:
        people = {r["id"]: r for r in connection.execute(select(t.public_people)).mappings()}
        spans = connection.execute(select(t.public_roles).order_by(t.public_roles.c.start_at)).mappings().all()
    return {k: (v["consented"], v["erased"]) for k, v in people.items()}, [
        (s["person_id"], s["kind"], s["target_id"], s["end_at"] is None) for s in spans
    ]


def test_consent_and_public_roles_are_recorded_alike_one_by_one_and_rebuilt(app: Sozialkonferenz, actor: UUID) -> None:
    runner = ProjectionRunner(app, batch_size=1)  # every event its own batch: open spans are found in the table
    committee = app.register_committee(actor, "Sozialausschuss", "SozA")
    erika, max_ = (app.register_person(actor, name) for name in ("Erika Mustermann", "Max Meier"))
    app.appoint_committee_member(actor, committee, erika)
    app.consent_to_public_naming(erika, erika)
    app.remove_committee_member(actor, committee, erika, "Wechsel in den Rat")
    app.appoint_committee_member(actor, committee, erika)  # a second span, not the first reopened
    series = "Sozialkonferenz Musterstadt"
    conference = app.schedule_conference(actor, "Sozialkonferenz 2026", "city", series, "2026", "2026-11-19")
    group = app.form_coordination_group(actor, conference)
    assert group == coordination_group_id(series)
    app.appoint_coordination_member(actor, group, erika)
    app.appoint_coordination_member(actor, group, max_)
    app.name_coordination_chair(actor, group, erika)
    app.name_coordination_chair(actor, group, max_)  # ends Erika's chair
    app.grant_role(actor, conference, max_, "organiser")
    app.grant_role(actor, conference, max_, "auditor")  # not a public role
    app.consent_to_public_naming(actor, max_)
    app.withdraw_public_naming_consent(max_, max_)
    app.erase_person(actor, erika, "Antrag nach Art. 17 DSGVO")
    runner.catch_up()

    people, spans = rows(runner)
    e, m, c, g, k = str(erika), str(max_), str(committee), str(group), str(conference)
    assert people == {e: (False, True), m: (False, False)}
    assert sorted(spans) == sorted([
        (e, "committee", c, False), (e, "committee", c, True), (e, "coordination", g, True),
        (m, "coordination", g, True), (e, "chair", g, False), (m, "chair", g, True), (m, "organiser", k, True),
    ])  # fmt: skip

    runner.rebuild("public_people")
    assert rows(runner) == (people, spans)
