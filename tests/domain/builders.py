"""Builders that bring conferences and measures into a given state through the application.

They keep the tests short: ``conference_in_status(app, actor, "in_session")`` gives a
conference with one working group, an invited organisation and a committee;
``measure_in_status(app, actor, "approved")`` drives a measure there along the
ordinary path (agree, adopt, close, submit, decide, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.conference import Conference

SERIES = "Sozialkonferenz Musterstadt"

PROPOSAL: dict[str, str] = {
    "title": "Frühe Hilfen im Quartier",
    "description": "Junge Familien im Nordviertel erreichen die Beratungsangebote kaum. "
    "Eine Familienlotsin besucht jede Familie nach der Geburt.",
    "goal": "Jede Familie mit Neugeborenem kennt die Angebote im Quartier.",
    "target_group": "Familien mit Kindern unter drei Jahren",
    "district": "Nordviertel",
    "lead": "Fachbereich Jugend",
    "partners": "AWO Kreisverband, Familienzentrum Am Park",
    "timeframe": "2024–2025",
    "cost": "45.000 € jährlich",
    "funding": "Bundesstiftung Frühe Hilfen, Eigenanteil Stadt",
    "indicators": "Anteil besuchter Familien: Ausgangswert 20 %, Ziel 80 %",
}

CONFERENCE_ORDER = ("scheduled", "prepared", "in_session", "closed", "reported")

MEASURE_ROUTES: dict[str, tuple[str, ...]] = {
    "drafted": (),
    "proposed": ("agree",),
    "returned": ("agree", "return"),
    "withdrawn": ("withdraw",),
    "adopted": ("agree", "adopt"),
    "lapsed": ("close",),
    "submitted": ("agree", "adopt", "close", "submit"),
    "deferred": ("agree", "adopt", "close", "submit", "defer"),
    "approved": ("agree", "adopt", "close", "submit", "approve"),
    "amended": ("agree", "adopt", "close", "submit", "amend"),
    "noted": ("agree", "adopt", "close", "submit", "note"),
    "rejected": ("agree", "adopt", "close", "submit", "reject"),
    "in_implementation": ("agree", "adopt", "close", "submit", "approve", "start"),
    "implemented": ("agree", "adopt", "close", "submit", "approve", "start", "implement"),
    "partly_implemented": ("agree", "adopt", "close", "submit", "approve", "start", "partly"),
    "abandoned": ("agree", "adopt", "close", "submit", "approve", "abandon"),
    "evaluated": ("agree", "adopt", "close", "submit", "approve", "start", "implement", "evaluate"),
    "carried_over": (
        "agree",
        "adopt",
        "close",
        "submit",
        "approve",
        "start",
        "implement",
        "evaluate",
        "carry_over",
    ),
}
MEASURE_STATUSES = tuple(MEASURE_ROUTES)
OPEN_PROPOSAL_STATUSES = ("drafted", "returned", "proposed")


@dataclass(frozen=True)
class Partners:
    """Reference data a conference works with."""

    organisation_id: UUID
    committee_id: UUID
    other_committee_id: UUID
    person_id: UUID


@dataclass(frozen=True)
class ConferenceCase:
    conference_id: UUID
    group_id: UUID
    partners: Partners
    cycle: str


@dataclass(frozen=True)
class MeasureCase:
    measure_id: UUID
    conference: ConferenceCase
    follow_up: ConferenceCase | None

    @property
    def committee_id(self) -> UUID:
        return self.conference.partners.committee_id


def register_partners(app: Sozialkonferenz, actor: UUID) -> Partners:
    organisation_id = app.register_organisation(actor, "AWO Kreisverband Musterstadt", "welfare")
    return Partners(
        organisation_id=organisation_id,
        committee_id=app.register_committee(actor, "Sozialausschuss", "SozA"),
        other_committee_id=app.register_committee(actor, "Jugendhilfeausschuss", "JHA"),
        person_id=app.register_person(actor, "Erika Mustermann", "erika@example.org", organisation_id),
    )


def conference_in_status(
    app: Sozialkonferenz,
    actor: UUID,
    status: str = "in_session",
    *,
    partners: Partners | None = None,
    cycle: str = "2024",
    previous: ConferenceCase | None = None,
    series: str = SERIES,
) -> ConferenceCase:
    """A conference with one working group (carried over when ``previous`` is given),
    focus topic, agenda and invitation, brought to ``status``."""
    partners = partners or (previous.partners if previous else register_partners(app, actor))
    conference_id = app.schedule_conference(
        actor,
        title=f"{series} {cycle}",
        kind="city",
        series=series,
        cycle=cycle,
        starts_on=f"{cycle}-03-14",
        venue="Bürgerhaus Mitte",
        previous_conference_id=previous.conference_id if previous else None,
    )
    if previous is None:
        group_id = app.form_working_group(actor, conference_id, "AG 1 Kinderarmut", "Frühe Hilfen")
    else:
        group_id = app.carry_over_working_group(actor, conference_id, previous.group_id)
    app.set_focus_topic(actor, conference_id, "Armut im Quartier")
    app.set_agenda(actor, conference_id, ["Begrüßung", "Arbeitsgruppen", "Plenum"])
    app.invite_organisations(actor, conference_id, [partners.organisation_id])
    case = ConferenceCase(conference_id, group_id, partners, cycle)
    advance_conference(app, actor, case, status)
    return case


def advance_conference(app: Sozialkonferenz, actor: UUID, case: ConferenceCase, status: str) -> None:
    """Move a conference forward to ``status`` from wherever it is."""
    current = str(app.load(Conference, case.conference_id).status)
    steps = {
        "prepared": lambda: app.mark_conference_prepared(actor, case.conference_id),
        "in_session": lambda: app.open_session(actor, case.conference_id),
        "closed": lambda: app.close_session(actor, case.conference_id),
        "reported": lambda: app.publish_minutes(actor, case.conference_id, "Protokoll der Konferenz."),
    }
    for target in CONFERENCE_ORDER[CONFERENCE_ORDER.index(current) + 1 : CONFERENCE_ORDER.index(status) + 1]:
        steps[target]()


def follow_up(
    app: Sozialkonferenz, actor: UUID, previous: ConferenceCase, status: str = "in_session"
) -> ConferenceCase:
    """The next conference of the series, two years later, with the group carried over."""
    return conference_in_status(app, actor, status, previous=previous, cycle=str(int(previous.cycle) + 2))


def measure_in_status(
    app: Sozialkonferenz,
    actor: UUID,
    status: str,
    *,
    conference: ConferenceCase | None = None,
    close_conference: bool = False,
    with_follow_up: bool = False,
    verdict: str = "continue",
    fields: dict[str, str] | None = None,
) -> MeasureCase:
    """A measure driven to ``status`` along the ordinary path.

    ``close_conference`` also closes the measure's conference where the status
    allows it; ``with_follow_up`` also schedules the next conference (in session,
    group carried over), which evaluation and carry-over need anyway.
    """
    route = list(MEASURE_ROUTES[status])
    if close_conference and "close" not in route:
        if status in OPEN_PROPOSAL_STATUSES:
            raise ValueError(f"closing the conference would lapse a {status} measure")
        route.append("close")
    conference = conference or conference_in_status(app, actor, "in_session")
    measure_id = app.draft_measure(actor, conference.group_id, fields if fields is not None else PROPOSAL)
    later: ConferenceCase | None = None
    committee_id = conference.partners.committee_id

    def next_conference() -> ConferenceCase:
        nonlocal later
        if later is None:
            later = follow_up(app, actor, conference)
        return later

    steps: dict[str, Any] = {
        "agree": lambda: app.agree_in_group(actor, measure_id),
        "return": lambda: app.return_measure(actor, measure_id, "Die Kosten sind noch nicht belegt."),
        "withdraw": lambda: app.withdraw_measure(actor, measure_id, "Wird im Familienzentrum ohnehin umgesetzt."),
        "adopt": lambda: app.adopt_measure(actor, measure_id),
        "close": lambda: app.close_session(actor, conference.conference_id),
        "submit": lambda: app.submit_measure(actor, measure_id, committee_id, "V/2024/0815"),
        "defer": lambda: app.record_committee_decision(
            actor, measure_id, committee_id, "deferred", "2024-06-12", "Haushaltsberatung abwarten."
        ),
        "approve": lambda: app.record_committee_decision(actor, measure_id, committee_id, "approved", "2024-06-12"),
        "amend": lambda: app.record_committee_decision(
            actor,
            measure_id,
            committee_id,
            "amended",
            "2024-06-12",
            "Kosten gedeckelt.",
            amended_fields={"cost": "30.000 € jährlich"},
        ),
        "note": lambda: app.record_committee_decision(actor, measure_id, committee_id, "noted", "2024-06-12"),
        "reject": lambda: app.record_committee_decision(
            actor, measure_id, committee_id, "rejected", "2024-06-12", "Keine Haushaltsmittel."
        ),
        "start": lambda: app.start_implementation(actor, measure_id, "Stelle ausgeschrieben."),
        "implement": lambda: app.complete_implementation(actor, measure_id, "implemented"),
        "partly": lambda: app.complete_implementation(
            actor, measure_id, "partly_implemented", "Nur eine halbe Stelle besetzt."
        ),
        "abandon": lambda: app.complete_implementation(actor, measure_id, "abandoned", "Förderung entfallen."),
        "evaluate": lambda: evaluate(app, actor, measure_id, next_conference().group_id, verdict=verdict),
        "carry_over": lambda: app.carry_over_measure(actor, measure_id, next_conference().group_id),
    }
    for step in route:
        steps[step]()
    if with_follow_up:
        next_conference()
    return MeasureCase(measure_id, conference, later)


def evaluate(app: Sozialkonferenz, actor: UUID, measure_id: UUID, group_id: UUID, *, verdict: str = "continue") -> None:
    app.record_evaluation(
        actor,
        measure_id,
        group_id,
        progress=80,
        verdict=verdict,
        rating=4,
        summary="Die Familienlotsin erreicht die meisten Familien.",
        obstacles=[{"category": "staff", "text": "Stelle erst nach sechs Monaten besetzt."}],
        enablers=[{"category": "cooperation", "text": "Geburtskliniken melden die Familien."}],
        indicator_actuals={"Anteil besuchter Familien": "72 %"},
    )
