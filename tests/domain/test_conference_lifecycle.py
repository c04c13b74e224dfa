"""The conference lifecycle: scheduled → prepared → in session → closed → reported, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import NotFound, RuleViolation, TransitionError
from domain.measure import Measure
from domain.working_group import WorkingGroup
from tests.domain.assertions import refused
from tests.domain.builders import CONFERENCE_ORDER, PROPOSAL, SERIES, ConferenceCase, conference_in_status

ACTOR = UUID("22222222-2222-4222-8222-222222222222")

# Which commands each status allows, as the lifecycle in domain.md describes it.
ALLOWED: dict[str, set[str]] = {
    "reschedule": {"scheduled", "prepared"},
    "set_focus_topic": {"scheduled", "prepared"},
    "set_agenda": {"scheduled", "prepared"},
    "form_working_group": {"scheduled", "prepared"},
    "invite": {"scheduled", "prepared", "in_session"},
    "mark_prepared": {"scheduled"},
    "open_session": {"prepared"},
    "close_session": {"in_session"},
    "publish_minutes": {"closed"},
}
RESULT = {
    "mark_prepared": "prepared",
    "open_session": "in_session",
    "close_session": "closed",
    "publish_minutes": "reported",
}

Command = Callable[[Sozialkonferenz, UUID, ConferenceCase, UUID], Any]
APP_COMMANDS: dict[str, Command] = {
    "reschedule": lambda app, a, c, org: app.reschedule_conference(a, c.conference_id, "2024-04-18", "Rathaus"),
    "set_focus_topic": lambda app, a, c, org: app.set_focus_topic(a, c.conference_id, "Wohnen im Alter"),
    "set_agenda": lambda app, a, c, org: app.set_agenda(a, c.conference_id, ["Begrüßung", "Bericht"]),
    "form_working_group": lambda app, a, c, org: app.form_working_group(a, c.conference_id, "AG 2 Wohnen"),
    "invite": lambda app, a, c, org: app.invite_organisations(a, c.conference_id, [org]),
    "mark_prepared": lambda app, a, c, org: app.mark_conference_prepared(a, c.conference_id),
    "open_session": lambda app, a, c, org: app.open_session(a, c.conference_id),
    "close_session": lambda app, a, c, org: app.close_session(a, c.conference_id),
    "publish_minutes": lambda app, a, c, org: app.publish_minutes(a, c.conference_id, "Protokoll."),
}


def status_of(app: Sozialkonferenz, conference_id: UUID) -> str:
    return str(app.load(Conference, conference_id).status)


# --- pure aggregate: every status × every command ------------------------------


def conference_aggregate_in(status: str) -> Conference:
    conference = Conference(
        actor=ACTOR,
        title="Sozialkonferenz 2024",
        kind="city",
        series=SERIES,
        cycle="2024",
        starts_on="2024-03-14",
        venue="",
        district="",
        previous_conference_id=None,
    )
    conference.set_focus_topic(ACTOR, "Armut im Quartier")
    conference.set_agenda(ACTOR, ["Begrüßung"])
    conference.constitute_working_group(ACTOR, uuid4())
    conference.invite(ACTOR, [uuid4()])
    steps = {
        "prepared": lambda: conference.mark_prepared(ACTOR),
        "in_session": lambda: conference.open_session(ACTOR),
        "closed": lambda: conference.close_session(ACTOR),
        "reported": lambda: conference.publish_minutes(ACTOR, "Protokoll."),
    }
    for target in CONFERENCE_ORDER[1 : CONFERENCE_ORDER.index(status) + 1]:
        steps[target]()
    return conference


AGGREGATE_COMMANDS: dict[str, Callable[[Conference], Any]] = {
    "reschedule": lambda c: c.reschedule(ACTOR, "2024-04-18", "Rathaus"),
    "set_focus_topic": lambda c: c.set_focus_topic(ACTOR, "Wohnen im Alter"),
    "set_agenda": lambda c: c.set_agenda(ACTOR, ["Bericht"]),
    "form_working_group": lambda c: c.constitute_working_group(ACTOR, uuid4()),
    "invite": lambda c: c.invite(ACTOR, [uuid4()]),
    "mark_prepared": lambda c: c.mark_prepared(ACTOR),
    "open_session": lambda c: c.open_session(ACTOR),
    "close_session": lambda c: c.close_session(ACTOR),
    "publish_minutes": lambda c: c.publish_minutes(ACTOR, "Protokoll."),
}


@pytest.mark.parametrize("command", sorted(AGGREGATE_COMMANDS))
@pytest.mark.parametrize("status", CONFERENCE_ORDER)
def test_conference_aggregate_allows_a_command_only_in_its_statuses(status: str, command: str) -> None:
    conference = conference_aggregate_in(status)
    version = conference.version
    if status in ALLOWED[command]:
        AGGREGATE_COMMANDS[command](conference)
        assert conference.version == version + 1
        assert conference.status == RESULT.get(command, status)
    else:
        with pytest.raises(TransitionError) as info:
            AGGREGATE_COMMANDS[command](conference)
        assert info.value.code == "invalid_transition"
        assert conference.version == version
        assert conference.status == status


# --- through the application, on both databases --------------------------------


@pytest.mark.parametrize("status", CONFERENCE_ORDER)
def test_conference_commands_follow_the_lifecycle(app: Sozialkonferenz, actor: UUID, status: str) -> None:
    case = conference_in_status(app, actor, status)
    for command in sorted(c for c in APP_COMMANDS if status not in ALLOWED[c]):
        organisation = app.register_organisation(actor, f"Träger für {command}", "welfare")
        with refused(app, TransitionError, "invalid_transition"):
            APP_COMMANDS[command](app, actor, case, organisation)
        assert status_of(app, case.conference_id) == status
    for command in sorted(c for c in APP_COMMANDS if status in ALLOWED[c]):
        fresh = conference_in_status(app, actor, status)
        organisation = app.register_organisation(actor, f"Träger für {command}", "welfare")
        before = app.position()
        APP_COMMANDS[command](app, actor, fresh, organisation)
        assert app.position() > before
        assert status_of(app, fresh.conference_id) == RESULT.get(command, status), command


def test_conference_runs_from_scheduled_to_reported(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "scheduled")
    seen = [status_of(app, case.conference_id)]
    app.mark_conference_prepared(actor, case.conference_id)
    seen.append(status_of(app, case.conference_id))
    app.open_session(actor, case.conference_id)
    seen.append(status_of(app, case.conference_id))
    app.close_session(actor, case.conference_id)
    seen.append(status_of(app, case.conference_id))
    app.publish_minutes(actor, case.conference_id, "Protokoll der Sozialkonferenz 2024.")
    seen.append(status_of(app, case.conference_id))

    assert seen == ["scheduled", "prepared", "in_session", "closed", "reported"]
    conference = app.load(Conference, case.conference_id)
    assert conference.minutes == "Protokoll der Sozialkonferenz 2024."
    assert [type(e).__name__ for e in app.history(case.conference_id)] == [
        "Scheduled",
        "WorkingGroupConstituted",
        "FocusTopicSet",
        "AgendaSet",
        "Invited",
        "Prepared",
        "SessionOpened",
        "SessionClosed",
        "MinutesPublished",
    ]


def test_mark_prepared_lists_everything_still_missing(app: Sozialkonferenz, actor: UUID) -> None:
    conference_id = app.schedule_conference(actor, "Sozialkonferenz 2024", "city", SERIES, "2024", "2024-03-14")
    with refused(app, RuleViolation, "preparation_incomplete") as info:
        app.mark_conference_prepared(actor, conference_id)
    assert info.value.details["missing"] == ["Schwerpunktthema", "Tagesordnung", "Arbeitsgruppen", "Einladungen"]

    app.set_focus_topic(actor, conference_id, "Armut im Quartier")
    app.form_working_group(actor, conference_id, "AG 1 Kinderarmut")
    with refused(app, RuleViolation, "preparation_incomplete") as info:
        app.mark_conference_prepared(actor, conference_id)
    assert info.value.details["missing"] == ["Tagesordnung", "Einladungen"]

    app.set_agenda(actor, conference_id, ["Begrüßung"])
    app.invite_organisations(actor, conference_id, [app.register_organisation(actor, "Caritas", "welfare")])
    app.mark_conference_prepared(actor, conference_id)
    assert status_of(app, conference_id) == "prepared"


def test_inviting_the_same_organisation_twice_is_refused(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "scheduled")
    with refused(app, RuleViolation, "already_invited"):
        app.invite_organisations(actor, case.conference_id, [case.partners.organisation_id])


def test_follow_up_conference_points_to_its_predecessor(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "reported")
    second = conference_in_status(app, actor, "scheduled", previous=first, cycle="2026")
    assert app.load(Conference, second.conference_id).previous_conference_id == first.conference_id


def test_previous_conference_of_another_series_is_refused(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "closed")
    with refused(app, RuleViolation, "series_mismatch"):
        app.schedule_conference(
            actor,
            "Stadtbezirkskonferenz Nord 2026",
            "district",
            "Stadtbezirkskonferenz Nord",
            "2026",
            "2026-03-12",
            district="Nord",
            previous_conference_id=first.conference_id,
        )


@pytest.mark.parametrize(
    ("cycle", "starts_on"),
    [("2024", "2026-03-12"), ("2022", "2022-03-10"), ("2024b", "2024-03-14")],
    ids=["same-cycle", "earlier-cycle", "same-day"],
)
def test_previous_conference_must_belong_to_an_earlier_cycle(
    app: Sozialkonferenz, actor: UUID, cycle: str, starts_on: str
) -> None:
    first = conference_in_status(app, actor, "closed")  # cycle 2024, 2024-03-14
    with refused(app, RuleViolation, "cycle_order"):
        app.schedule_conference(
            actor, "Sozialkonferenz", "city", SERIES, cycle, starts_on, previous_conference_id=first.conference_id
        )


def test_unknown_previous_conference_is_not_found(app: Sozialkonferenz, actor: UUID) -> None:
    with refused(app, NotFound, "not_found"):
        app.schedule_conference(
            actor, "Sozialkonferenz", "city", SERIES, "2026", "2026-03-12", previous_conference_id=uuid4()
        )


def test_close_preview_names_what_closing_then_does(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "prepared")
    second_group = app.form_working_group(actor, case.conference_id, "AG 2 Wohnen", "Wohnungslosigkeit")
    drafted = app.draft_measure(actor, case.group_id, {"title": "Entwurf ohne Ziel"})
    agreed = app.draft_measure(actor, case.group_id, PROPOSAL)
    app.agree_in_group(actor, agreed)
    withdrawn = app.draft_measure(actor, second_group, PROPOSAL)
    app.withdraw_measure(actor, withdrawn, "Doppelt.")
    app.open_session(actor, case.conference_id)
    adopted = app.draft_measure(actor, second_group, PROPOSAL)
    app.agree_in_group(actor, adopted)
    app.adopt_measure(actor, adopted)

    before = app.position()
    preview = app.close_preview(case.conference_id)
    assert app.position() == before, "a preview stored events"
    assert (preview["can_close"], preview["working_group_count"], preview["lapsing_count"]) == (True, 2, 2)
    lapsing = {m["measure_id"]: m for g in preview["working_groups"] for m in g["lapsing"]}
    assert set(lapsing) == {str(drafted), str(agreed)}
    assert lapsing[str(drafted)]["title"] == "Entwurf ohne Ziel"
    assert lapsing[str(agreed)]["status_label"] == "von der AG vorgeschlagen"

    app.close_session(actor, case.conference_id)
    lapsed = {str(m) for m in (drafted, agreed, withdrawn, adopted) if app.load(Measure, m).status == "lapsed"}
    assert lapsed == set(lapsing)
    closed = {str(g) for g in (case.group_id, second_group) if app.load(WorkingGroup, g).closed}
    assert closed == {g["working_group_id"] for g in preview["working_groups"]}
    after = app.close_preview(case.conference_id)
    assert (after["can_close"], after["working_group_count"], after["lapsing_count"]) == (False, 0, 0)
