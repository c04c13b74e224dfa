"""The measure (Maßnahme): from a live proposal through decisions to evaluation.

Lifecycle::

    drafted ─agree─▶ proposed ─adopt─▶ adopted ─submit─▶ submitted ─decide─▶ approved | amended | noted
       ▲               │                                   ▲   │                │
       └──returned ◀───┘ return                 deferred ──┘   └─▶ rejected     ▼ start
    (drafted, returned, proposed) ─close of conference─▶ lapsed          in implementation
    (drafted, returned, proposed) ─withdraw─▶ withdrawn                  │ complete
                                    implemented | partly implemented | abandoned
                                    ─evaluate (next conference)─▶ evaluated ─carry over─▶ carried over

Decisions (group agreement, plenary adoption, committee decision) keep the
exact text decided on with its SHA-256 hash.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import RuleViolation, TransitionError
from domain.indicators import structured_indicator
from domain.texts import FIELD_LABELS, missing_required


class MeasureStatus(StrEnum):
    DRAFTED = "drafted"
    PROPOSED = "proposed"
    RETURNED = "returned"
    ADOPTED = "adopted"
    SUBMITTED = "submitted"
    DEFERRED = "deferred"
    APPROVED = "approved"
    AMENDED = "amended"
    NOTED = "noted"
    REJECTED = "rejected"
    IN_IMPLEMENTATION = "in_implementation"
    IMPLEMENTED = "implemented"
    PARTLY_IMPLEMENTED = "partly_implemented"
    ABANDONED = "abandoned"
    EVALUATED = "evaluated"
    CARRIED_OVER = "carried_over"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"


MEASURE_STATUS_LABELS = {
    "drafted": "in Bearbeitung",
    "proposed": "von der AG vorgeschlagen",
    "returned": "an die AG zurückverwiesen",
    "adopted": "vom Plenum verabschiedet",
    "submitted": "dem Ausschuss vorgelegt",
    "deferred": "im Ausschuss vertagt",
    "approved": "beschlossen",
    "amended": "mit Änderungen beschlossen",
    "noted": "zur Kenntnis genommen",
    "rejected": "abgelehnt",
    "in_implementation": "in Umsetzung",
    "implemented": "umgesetzt",
    "partly_implemented": "teilweise umgesetzt",
    "abandoned": "aufgegeben",
    "evaluated": "evaluiert",
    "carried_over": "fortgeführt",
    "withdrawn": "zurückgezogen",
    "lapsed": "nicht verabschiedet",
}

M = MeasureStatus
EDITABLE = (M.DRAFTED, M.RETURNED)
OPEN_PROPOSAL = (M.DRAFTED, M.RETURNED, M.PROPOSED)
DECIDED_FOR_IMPLEMENTATION = (M.APPROVED, M.AMENDED, M.NOTED)
FINISHED_IMPLEMENTATION = (M.IMPLEMENTED, M.PARTLY_IMPLEMENTED, M.ABANDONED)
EVALUABLE = (*DECIDED_FOR_IMPLEMENTATION, M.IN_IMPLEMENTATION, *FINISHED_IMPLEMENTATION, M.EVALUATED)
# Actual values of indicators are measured once the measure is decided, also after it ended.
REPORTABLE_ACTUALS = (*EVALUABLE, M.CARRIED_OVER)

COMMITTEE_DECISIONS: dict[str, MeasureStatus] = {
    "approved": M.APPROVED,
    "amended": M.AMENDED,
    "deferred": M.DEFERRED,
    "rejected": M.REJECTED,
    "noted": M.NOTED,
}
DECISIONS_NEEDING_REASON = ("amended", "deferred", "rejected")
ADOPTING_COMMITTEE_DECISIONS = ("approved", "amended")
OUTCOMES: dict[str, MeasureStatus] = {
    "implemented": M.IMPLEMENTED,
    "partly_implemented": M.PARTLY_IMPLEMENTED,
    "abandoned": M.ABANDONED,
}
VERDICTS: tuple[str, ...] = ("continue", "adapt", "end")
FACTOR_CATEGORIES: dict[str, str] = {
    "funding": "Finanzierung",
    "staff": "Personal",
    "cooperation": "Kooperation",
    "legal": "Rechtliche Rahmenbedingungen",
    "demand": "Bedarf und Nachfrage",
    "premises": "Räumlichkeiten",
    "participation": "Beteiligung und Erreichbarkeit",
    "other": "Sonstiges",
}


def _structure_details(details: dict[str, Any]) -> None:
    if "indicators" in details:
        details["indicators"] = [structured_indicator(i) for i in details["indicators"] or []]


class Measure(DomainAggregate):
    """Version 2 (of snapshots) has structured indicators, reported actuals and district ids."""

    import_source: dict[str, Any] | None = None  # file, row and key, once imported (a class default: old snapshots)

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        _structure_details(state.get("details") or {})
        state.setdefault("indicator_actuals", [])
        state.setdefault("district_ids", [])

    class DetailsSet(DomainAggregate.Event):
        """Version 2 has structured indicators; version 1 free-text indicators are read into that shape
        (a plain number becomes the value, other text is kept as ``remark``)."""

        actor: UUID
        details: dict[str, Any]

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            _structure_details(state["details"])

    @event("Drafted")
    def __init__(
        self,
        actor: UUID,
        conference_id: UUID,
        working_group_id: UUID,
        lineage_id: UUID,
        cycle: str,
        reference: str,
        fields: dict[str, str],
        continues_measure_id: UUID | None,
    ) -> None:
        self.conference_id = conference_id
        self.working_group_id = working_group_id
        self.lineage_id = lineage_id
        self.cycle = cycle
        self.reference = reference
        self.fields = dict(fields)
        self.continues_measure_id = continues_measure_id
        self.carried_over_to: UUID | None = None
        self.status = M.DRAFTED.value
        self.proposal_version = 0
        self.details: dict[str, Any] = {}
        self.decisions: list[dict[str, Any]] = []
        self.committee_id: UUID | None = None
        self.paper_number = ""
        self.progress = 0
        self.outcome = ""
        self.evaluation: dict[str, Any] | None = None
        self.indicator_actuals: list[dict[str, Any]] = []
        self.district_ids: list[UUID] = []

    # --- rules -----------------------------------------------------------------

    def require(self, action: str, *allowed: MeasureStatus) -> None:
        if self.status not in allowed:
            raise TransitionError(
                "Die Maßnahme",
                self.id,
                MEASURE_STATUS_LABELS[self.status],
                action,
                ", ".join(MEASURE_STATUS_LABELS[s] for s in allowed),
            )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def last_adopted_text(self) -> dict[str, Any] | None:
        """The text of the newest decision that adopted it: the plenary's, or a committee's that approved
        or amended it (deferring, rejecting or noting adopts nothing)."""
        for decision in reversed(self.decisions):
            adopting = decision["kind"] == "adopted" or (
                decision["kind"] == "committee" and decision.get("decision") in ADOPTING_COMMITTEE_DECISIONS
            )
            if adopting and decision["frozen"] is not None:
                return decision["frozen"]
        return None

    @property
    def indicators(self) -> list[dict[str, Any]]:
        """The structured indicators (see ``domain.indicators``)."""
        return [structured_indicator(i) for i in self.details.get("indicators") or []]

    def indicator(self, name: str) -> dict[str, Any]:
        for indicator in self.indicators:
            if indicator["name"] == name:
                return indicator
        raise RuleViolation(
            f"Die Maßnahme hat keinen Indikator „{name}“.",
            code="unknown_indicator",
            indicator=name,
            indicators=[i["name"] for i in self.indicators],
        )

    # --- the proposal ----------------------------------------------------------

    def edit(self, actor: UUID, fields: dict[str, str]) -> None:
        self.require("Text bearbeiten", *EDITABLE)
        changed = {k: v for k, v in fields.items() if self.fields.get(k, "") != v}
        if changed:
            self._edited(actor=actor, fields=changed)

    def set_details(self, actor: UUID, details: dict[str, Any]) -> None:
        self.require("Angaben ändern", *EDITABLE)
        self._details_set(actor=actor, details=details)

    def agree_in_group(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.require("in der AG beschließen", *EDITABLE)
        missing = missing_required(frozen["fields"])
        if missing:
            labels = [FIELD_LABELS[name] for name in missing]
            raise RuleViolation(
                "Die AG kann den Vorschlag erst beschließen, wenn alle Pflichtfelder ausgefüllt sind. "
                f"Es fehlt: {', '.join(labels)}.",
                code="required_fields_missing",
                missing=missing,
                missing_labels=labels,
            )
        self._agreed_in_group(actor=actor, frozen=frozen)

    def withdraw(self, actor: UUID, reason: str) -> None:
        self.require("zurückziehen", *OPEN_PROPOSAL)
        self._withdrawn(actor=actor, reason=reason)

    def lapse(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.require("bei Konferenzende einfrieren", *OPEN_PROPOSAL)
        self._lapsed(actor=actor, frozen=frozen)

    # --- the plenary -----------------------------------------------------------

    def adopt(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.require("im Plenum verabschieden", M.PROPOSED)
        self._adopted(actor=actor, frozen=frozen)

    def return_to_group(self, actor: UUID, reason: str) -> None:
        self.require("an die AG zurückverweisen", M.PROPOSED)
        self._returned(actor=actor, reason=reason)

    # --- the committees --------------------------------------------------------

    def submit(self, actor: UUID, committee_id: UUID, paper_number: str) -> None:
        self.require("dem Ausschuss vorlegen", M.ADOPTED, M.DEFERRED)
        self._submitted(actor=actor, committee_id=committee_id, paper_number=paper_number)

    def decide(
        self,
        actor: UUID,
        committee_id: UUID,
        decision: str,
        reason: str,
        decided_on: str,
        frozen: dict[str, Any],
    ) -> None:
        self.require("Ausschussbeschluss erfassen", M.SUBMITTED)
        if committee_id != self.committee_id:
            raise RuleViolation(
                "Über diese Maßnahme kann nur der Ausschuss entscheiden, dem sie vorgelegt wurde.",
                code="wrong_committee",
                committee_id=committee_id,
            )
        self._committee_decided(
            actor=actor,
            committee_id=committee_id,
            decision=decision,
            reason=reason,
            decided_on=decided_on,
            frozen=frozen,
        )

    # --- implementation --------------------------------------------------------

    def start_implementation(self, actor: UUID, note: str) -> None:
        self.require("Umsetzung beginnen", *DECIDED_FOR_IMPLEMENTATION)
        self._implementation_started(actor=actor, note=note)

    def report_progress(self, actor: UUID, progress: int, note: str, indicator_actuals: dict[str, str]) -> None:
        self.require("Fortschritt berichten", M.IN_IMPLEMENTATION)
        self._progress_reported(actor=actor, progress=progress, note=note, indicator_actuals=indicator_actuals)

    def report_indicator_actual(
        self, actor: UUID, indicator: str, value: str, measured_on: str, source: str, remark: str
    ) -> None:
        self.require("Ist-Wert eines Indikators berichten", *REPORTABLE_ACTUALS)
        self.indicator(indicator)
        self._indicator_actual_reported(
            actor=actor, indicator=indicator, value=value, measured_on=measured_on, source=source, remark=remark
        )

    def set_districts(self, actor: UUID, district_ids: list[UUID]) -> None:
        if list(district_ids) != list(self.district_ids):
            self._districts_set(actor=actor, district_ids=list(district_ids))

    def complete_implementation(self, actor: UUID, outcome: str, reason: str) -> None:
        if outcome == "abandoned":
            self.require("Umsetzung aufgeben", M.IN_IMPLEMENTATION, *DECIDED_FOR_IMPLEMENTATION)
        else:
            self.require("Umsetzung abschließen", M.IN_IMPLEMENTATION)
        self._implementation_completed(actor=actor, outcome=outcome, reason=reason)

    # --- evaluation at the next conference -------------------------------------

    def evaluate(self, actor: UUID, evaluation: dict[str, Any]) -> None:
        self.require("evaluieren", *EVALUABLE)
        previous = self.evaluation if self.status == M.EVALUATED else None
        if previous is not None and previous["conference_id"] != evaluation["conference_id"]:
            raise RuleViolation(
                "Die Maßnahme wurde bereits von einer anderen Konferenz evaluiert.",
                code="already_evaluated",
            )
        self._evaluated(actor=actor, evaluation=evaluation)

    def record_import(self, actor: UUID, source: dict[str, Any]) -> None:
        """Mark the measure as read from a catalogue file ("importiert aus FILE, Zeile N") in its history."""
        self.require("als importiert kennzeichnen", M.DRAFTED)
        self._imported(actor=actor, source=source)

    def carry_over(self, actor: UUID, new_measure_id: UUID) -> None:
        self.require("fortführen", M.EVALUATED)
        assert self.evaluation is not None
        if self.evaluation["verdict"] == "end":
            raise RuleViolation(
                "Die Evaluierung empfiehlt, die Maßnahme zu beenden; sie kann nicht fortgeführt werden.",
                code="verdict_end",
            )
        self._carried_over(actor=actor, new_measure_id=new_measure_id)

    # --- events ----------------------------------------------------------------

    def _record_decision(self, kind: str, actor: UUID, frozen: dict[str, Any] | None, **extra: Any) -> None:
        self.decisions.append({"kind": kind, "actor": actor, "version": self.version + 1, "frozen": frozen, **extra})

    @event("ProposalEdited")
    def _edited(self, actor: UUID, fields: dict[str, str]) -> None:
        self.fields.update(fields)

    @event(DetailsSet)
    def _details_set(self, actor: UUID, details: dict[str, Any]) -> None:
        self.details.update(details)

    @event("AgreedInGroup")
    def _agreed_in_group(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.fields = dict(frozen["fields"])
        self.proposal_version += 1
        self.status = M.PROPOSED.value
        self._record_decision("agreed", actor, frozen, proposal_version=self.proposal_version)

    @event("Withdrawn")
    def _withdrawn(self, actor: UUID, reason: str) -> None:
        self.status = M.WITHDRAWN.value

    @event("Lapsed")
    def _lapsed(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.fields = dict(frozen["fields"])
        self.status = M.LAPSED.value
        self._record_decision("lapsed", actor, frozen)

    @event("Adopted")
    def _adopted(self, actor: UUID, frozen: dict[str, Any]) -> None:
        self.status = M.ADOPTED.value
        self._record_decision("adopted", actor, frozen)

    @event("Returned")
    def _returned(self, actor: UUID, reason: str) -> None:
        self.status = M.RETURNED.value
        self._record_decision("returned", actor, None, reason=reason)

    @event("Submitted")
    def _submitted(self, actor: UUID, committee_id: UUID, paper_number: str) -> None:
        self.status = M.SUBMITTED.value
        self.committee_id = committee_id
        self.paper_number = paper_number

    @event("CommitteeDecided")
    def _committee_decided(
        self,
        actor: UUID,
        committee_id: UUID,
        decision: str,
        reason: str,
        decided_on: str,
        frozen: dict[str, Any],
    ) -> None:
        self.status = COMMITTEE_DECISIONS[decision].value
        if decision == "amended":
            self.fields = dict(frozen["fields"])
        self._record_decision(
            "committee",
            actor,
            frozen,
            decision=decision,
            reason=reason,
            committee_id=committee_id,
            decided_on=decided_on,
        )

    @event("ImplementationStarted")
    def _implementation_started(self, actor: UUID, note: str) -> None:
        self.status = M.IN_IMPLEMENTATION.value

    @event("ProgressReported")
    def _progress_reported(self, actor: UUID, progress: int, note: str, indicator_actuals: dict[str, str]) -> None:
        self.progress = progress

    @event("IndicatorActualReported")
    def _indicator_actual_reported(
        self, actor: UUID, indicator: str, value: str, measured_on: str, source: str, remark: str
    ) -> None:
        self.indicator_actuals = [
            *self.indicator_actuals,
            {
                "indicator": indicator,
                "value": value,
                "date": measured_on,
                "source": source,
                "remark": remark,
                "reported_by": actor,
            },
        ]

    @event("DistrictsSet")
    def _districts_set(self, actor: UUID, district_ids: list[UUID]) -> None:
        self.district_ids = list(district_ids)

    @event("ImplementationCompleted")
    def _implementation_completed(self, actor: UUID, outcome: str, reason: str) -> None:
        self.status = OUTCOMES[outcome].value
        self.outcome = outcome
        if outcome == "implemented":
            self.progress = 100

    @event("Evaluated")
    def _evaluated(self, actor: UUID, evaluation: dict[str, Any]) -> None:
        self.status = M.EVALUATED.value
        self.evaluation = dict(evaluation)

    @event("Imported")
    def _imported(self, actor: UUID, source: dict[str, Any]) -> None:
        self.import_source = dict(source)

    @event("CarriedOver")
    def _carried_over(self, actor: UUID, new_measure_id: UUID) -> None:
        self.status = M.CARRIED_OVER.value
        self.carried_over_to = new_measure_id
