"""The body of every command (``server.http.commands``), one model each: what the domain will accept as input.

Optional parameters may be left out or sent as null (both mean: not given). What only the stored state can
decide (an unknown id, a lifecycle step out of order, a rule between aggregates) is not here: it is
answered with 404, 409 or 422.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, StringConstraints, TypeAdapter, model_validator

from domain.conference import CONFERENCE_KINDS
from domain.measure import COMMITTEE_DECISIONS, DECISIONS_NEEDING_REASON, OUTCOMES, VERDICTS
from domain.reference import ORGANISATION_KINDS
from domain.roles import CONFERENCE_ROLES, GLOBAL_ROLES
from server.http.contract import Body
from server.http.types import (
    ANY_TEXT,
    Actuals,
    Factor,
    Indicator,
    IndicatorName,
    IsoDate,
    Line,
    Login,
    Measured,
    Model,
    Note,
    OptionalLine,
    Password,
    ProposalFields,
    Reason,
    Uuid,
    text,
    whole,
)
from server.http.types import Email as EmailText

Name = Line
Blank = OptionalLine
ShortName = text(20)
PersonName = text(200)
Cycle = text(20)
MinutesText = text(200_000)
PaperNumber = text(50)
Summary = text(20_000, blank=True)
ConferenceRole = Literal[CONFERENCE_ROLES]
GlobalRole = Literal[GLOBAL_ROLES]
ROLE = "Rolle: organiser, auditor, planner, committee_member (in einer Konferenz)"


class Empty(Model):
    """No parameters (an empty body, or none at all)."""


class AmendedFields(ProposalFields):
    """The changed fields of a text amended by the committee: at least one."""

    model_config = {"json_schema_extra": {"minProperties": 1}}

    @model_validator(mode="after")
    def _not_empty(self) -> AmendedFields:
        if not self.model_fields_set:
            raise ValueError("braucht mindestens ein geändertes Feld")
        return self


# --- reference data and people ---------------------------------------------------


class RegisterOrganisation(Model):
    name: Name
    kind: Literal[ORGANISATION_KINDS]
    district: Blank | None = None


class District(Model):
    name: text(100) = Field(description="Name des Sozialraums")


class RegisterCommittee(Model):
    name: Name
    short_name: ShortName


class RegisterPerson(Model):
    name: PersonName
    email: EmailText | None = None
    organisation_id: Uuid | None = None


class Erasure(Model):
    reason: Reason = Field(description="Begründung")


class GrantGlobalRole(Model):
    role: GlobalRole = Field(description="Stadtweite Rolle")


class RevokeGlobalRole(GrantGlobalRole):
    reason: Reason = Field(description="Begründung")


class CommitteeMember(Model):
    person_id: Uuid


class CommitteeMemberRemoval(CommitteeMember):
    reason: Reason = Field(description="Begründung")


# --- conferences ----------------------------------------------------------------------


class ScheduleConference(Model):
    title: Name
    kind: Literal[CONFERENCE_KINDS]
    series: Name
    cycle: Cycle
    starts_on: IsoDate
    venue: Blank | None = None
    district: Blank | None = None
    previous_conference_id: Uuid | None = None


class Reschedule(Model):
    starts_on: IsoDate
    venue: Blank = Field(description="Ort; leer, wenn noch offen")


class FocusTopic(Model):
    focus_topic: Name


class Agenda(Model):
    items: Annotated[list[Name], Field(min_length=1)]


class Invitations(Model):
    organisation_ids: Annotated[list[Uuid], Field(min_length=1)]


class Minutes(Model):
    minutes: MinutesText


class GrantRole(Model):
    person_id: Uuid
    role: ConferenceRole = Field(description=ROLE)


class RevokeRole(GrantRole):
    reason: Reason = Field(description="Begründung")


class FormWorkingGroup(Model):
    name: Name
    topic: Blank | None = None


class CarryOverGroup(Model):
    previous_group_id: Uuid


# --- working groups ---------------------------------------------------------------------


class Refocus(Model):
    topic: Name
    reason: Reason = Field(description="Begründung")


class Person(Model):
    person_id: Uuid


class Removal(Model):
    reason: Reason = Field(description="Begründung")


class Draft(Model):
    fields: ProposalFields | None = Field(None, description="Felder des Vorschlags (title, description, goal, …)")


# --- measures -------------------------------------------------------------------------------


class EditProposal(Model):
    fields: ProposalFields


class Details(Model):
    lead_organisation_id: Uuid | None = None
    partner_organisation_ids: list[Uuid] | None = None
    cost_estimate_eur: whole(0, 10**10) | None = None
    funding_secured: bool | None = None
    indicators: list[Indicator] | None = None


class Submission(Model):
    committee_id: Uuid
    paper_number: PaperNumber


class _Decision(Model):
    committee_id: Uuid
    decided_on: IsoDate


class Decision(_Decision):
    """Approved or noted: a reason may be given, the text stays as adopted."""

    decision: Literal[tuple(d for d in COMMITTEE_DECISIONS if d not in DECISIONS_NEEDING_REASON)]  # type: ignore[misc]
    reason: Note | None = None
    amended_fields: Empty | None = None


class ReasonedDecision(_Decision):
    """Deferred or rejected: the reason is required."""

    decision: Literal[tuple(d for d in DECISIONS_NEEDING_REASON if d != "amended")]  # type: ignore[misc]
    reason: Reason
    amended_fields: Empty | None = None


class AmendedDecision(_Decision):
    """Decided with amendments: the reason and the changed text are required."""

    decision: Literal["amended"]
    reason: Reason
    amended_fields: AmendedFields


class IndicatorActual(Model):
    indicator: IndicatorName = Field(description="Name des Indikators")
    value: Measured = Field(description="Ist-Wert (Zahl, als Zahl oder Text mit Komma oder Punkt)")
    measured_on: IsoDate = Field(description="Stichtag (JJJJ-MM-TT, nicht in der Zukunft)")
    source: text(500, blank=True) | None = Field(None, description="Quelle")
    remark: Note | None = Field(None, description="Bemerkung")


class MeasureDistricts(Model):
    district_ids: Annotated[list[Uuid], Field(max_length=50)] = Field(
        description="Sozialräume der Maßnahme (Kennungen aus /api/districts)"
    )


class StartImplementation(Model):
    note: Note | None = None


class Progress(Model):
    progress: whole(0, 100)
    note: Note | None = None
    indicator_actuals: Actuals | None = None


class Implemented(Model):
    outcome: Literal["implemented"]
    reason: Note | None = None


class PartlyImplemented(Model):
    """Partly implemented or abandoned: the reason is required."""

    outcome: Literal[tuple(o for o in OUTCOMES if o != "implemented")]  # type: ignore[misc]
    reason: Reason


class Evaluation(Model):
    working_group_id: Uuid
    progress: whole(0, 100)
    verdict: Literal[VERDICTS]
    rating: whole(1, 5)
    summary: Summary | None = None
    obstacles: list[Factor] | None = None
    enablers: list[Factor] | None = None
    indicator_actuals: Actuals | None = None


class CarryOverMeasure(Model):
    working_group_id: Uuid
    fields: ProposalFields | None = Field(None, description="Felder des Vorschlags (title, description, goal, …)")


def tagged(name: str, discriminator: str, *variants: type[Model]) -> Body:
    """A body of several shapes told apart by one parameter."""
    union = Annotated[Union[variants], Field(discriminator=discriminator)]  # noqa: UP007
    tags = frozenset(tag for v in variants for tag in v.model_fields[discriminator].annotation.__args__)  # type: ignore[union-attr]
    return Body(name, TypeAdapter(union), discriminator, tags, variants)


CommitteeDecision = tagged("CommitteeDecision", "decision", Decision, ReasonedDecision, AmendedDecision)
Completion = tagged("Completion", "outcome", Implemented, PartlyImplemented)


# --- sign-in, accounts, invitations, tokens (server.auth.http) --------------------


class SignIn(Model):
    login: Line = Field(description="Anmeldename")
    password: Annotated[str, StringConstraints(pattern=ANY_TEXT, min_length=1)] = Field(description="Passwort")


class NewAccount(Model):
    person_id: Uuid
    login: Login = Field(description="Anmeldename: 3 bis 200 Zeichen ohne Leerzeichen")
    password: Password = Field(description="Passwort: 10 bis 1000 Zeichen")


class Acceptance(Model):
    login: Login | None = Field(None, description="Anmeldename; nötig, wenn die Person noch kein Konto hat")
    password: Password = Field(description="Passwort: 10 bis 1000 Zeichen")


class NewToken(Model):
    label: Annotated[str, StringConstraints(pattern=ANY_TEXT, max_length=200)] = Field(
        "", description="wofür der Schlüssel ist"
    )
