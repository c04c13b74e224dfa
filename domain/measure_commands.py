"""Commands on measures, from the first draft to evaluation (mixed into the application)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import validation as check
from domain.clock import now
from domain.conference import Conference, ConferenceStatus
from domain.errors import InvalidInput, RuleViolation
from domain.indicators import INDICATOR_FIELDS, decimal_value, structured_indicator, year_value
from domain.measure import (
    COMMITTEE_DECISIONS,
    DECISIONS_NEEDING_REASON,
    FACTOR_CATEGORIES,
    OUTCOMES,
    VERDICTS,
    Measure,
    MeasureStatus,
)
from domain.reference import Committee, Organisation
from domain.texts import check_fields, freeze
from domain.working_group import WorkingGroup

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object

S = ConferenceStatus


class MeasureCommands(_App):
    def _conference_of(self, measure: Measure) -> Conference:
        return self.load(Conference, measure.conference_id)

    # --- drafting in the working group -----------------------------------------

    def draft_measure(
        self,
        actor: UUID,
        working_group_id: Any,
        fields: dict[str, str] | None = None,
    ) -> UUID:
        group, measure = self._new_draft(actor, working_group_id, fields or {}, None)
        self.save(group, measure)
        return measure.id

    def _new_draft(
        self, actor: UUID, working_group_id: Any, fields: dict[str, str], continues_measure_id: UUID | None
    ) -> tuple[WorkingGroup, Measure]:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        conference = self.load(Conference, group.conference_id)
        measure = self._draft_in(actor, group, conference, fields, continues_measure_id)
        return group, measure

    def _draft_in(
        self,
        actor: UUID,
        group: WorkingGroup,
        conference: Conference,
        fields: dict[str, str],
        continues_measure_id: UUID | None,
    ) -> Measure:
        """A new draft in ``group`` (already loaded: the catalogue import drafts many into one group at once)."""
        if not conference.is_open_for_proposals:
            raise RuleViolation(
                "Maßnahmenvorschläge können nur in einer vorbereiteten oder tagenden Konferenz angelegt werden.",
                code="conference_not_open",
                status=conference.status,
            )
        measure = Measure(
            actor=actor,
            conference_id=conference.id,
            working_group_id=group.id,
            lineage_id=group.lineage_id,
            cycle=conference.cycle,
            reference=f"M-{conference.cycle}-{group.number:02d}.{len(group.proposal_ids) + 1}",
            fields=check_fields(fields, partial=False),
            continues_measure_id=continues_measure_id,
        )
        group.start_proposal(actor, measure.id)
        return measure

    def edit_proposal(self, actor: UUID, measure_id: Any, fields: dict[str, str]) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        measure.edit(actor, check_fields(fields, partial=True))
        self.save(measure)

    def set_measure_details(
        self,
        actor: UUID,
        measure_id: Any,
        lead_organisation_id: Any = None,
        partner_organisation_ids: list[Any] | None = None,
        cost_estimate_eur: int | None = None,
        funding_secured: bool = False,
        indicators: list[dict[str, Any]] | None = None,
    ) -> None:
        """Lead, partners, cost and indicators; see ``_indicators`` for the indicators' shape."""
        measure = self.load(Measure, measure_id, field="measure_id")
        lead = None
        if lead_organisation_id is not None:
            lead = self.load(Organisation, lead_organisation_id, field="lead_organisation_id").id
        partners = [
            self.load(Organisation, p, field="partner_organisation_ids").id for p in partner_organisation_ids or []
        ]
        if cost_estimate_eur is not None:
            check.integer("cost_estimate_eur", cost_estimate_eur, label="Kostenschätzung (Euro)", low=0, high=10**10)
        if not isinstance(funding_secured, bool):
            raise InvalidInput("funding_secured", "„Finanzierung gesichert“ muss ja oder nein sein.")
        checked_indicators = _indicators(indicators)
        measure.set_details(
            actor,
            {
                "lead_organisation_id": lead,
                "partner_organisation_ids": partners,
                "cost_estimate_eur": cost_estimate_eur,
                "funding_secured": funding_secured,
                "indicators": checked_indicators,
            },
        )
        self.save(measure)

    def agree_in_group(
        self,
        actor: UUID,
        measure_id: Any,
        fields: dict[str, str] | None = None,
        state_vector: str | None = None,
    ) -> str:
        """The group agrees on its proposal; returns the SHA-256 of the frozen text.

        With live editing the server passes the live document's text and the Yjs
        state vector it came from.
        """
        measure = self.load(Measure, measure_id, field="measure_id")
        conference = self._conference_of(measure)
        conference.require("Vorschlag in der AG beschließen", S.PREPARED, S.IN_SESSION)
        text = dict(measure.fields)
        if fields is not None:
            text.update(check_fields(fields, partial=True))
        frozen = freeze(text, state_vector)
        measure.agree_in_group(actor, frozen)
        self.save(measure)
        return str(frozen["sha256"])

    def withdraw_measure(self, actor: UUID, measure_id: Any, reason: str) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        measure.withdraw(actor, check.reason(reason))
        self.save(measure)

    # --- the plenary -----------------------------------------------------------

    def adopt_measure(self, actor: UUID, measure_id: Any) -> str:
        measure = self.load(Measure, measure_id, field="measure_id")
        self._conference_of(measure).require("Maßnahme im Plenum verabschieden", S.IN_SESSION)
        frozen = freeze(measure.fields)
        measure.adopt(actor, frozen)
        self.save(measure)
        return str(frozen["sha256"])

    def return_measure(self, actor: UUID, measure_id: Any, reason: str) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        self._conference_of(measure).require("Maßnahme zurückverweisen", S.IN_SESSION)
        measure.return_to_group(actor, check.reason(reason))
        self.save(measure)

    # --- committees ------------------------------------------------------------

    def submit_measure(self, actor: UUID, measure_id: Any, committee_id: Any, paper_number: str) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        committee = self.load(Committee, committee_id, field="committee_id")
        self._conference_of(measure).require("Maßnahme dem Ausschuss vorlegen", S.CLOSED, S.REPORTED)
        measure.submit(
            actor, committee.id, check.text("paper_number", paper_number, label="Vorlagennummer", max_length=50)
        )
        self.save(measure)

    def record_committee_decision(
        self,
        actor: UUID,
        measure_id: Any,
        committee_id: Any,
        decision: str,
        decided_on: str,
        reason: str = "",
        amended_fields: dict[str, str] | None = None,
    ) -> str:
        measure = self.load(Measure, measure_id, field="measure_id")
        committee = self.load(Committee, committee_id, field="committee_id")
        decision = check.choice("decision", decision, tuple(COMMITTEE_DECISIONS), label="Beschlussart")
        reason = check.reason(reason, required=decision in DECISIONS_NEEDING_REASON)
        text = dict(measure.fields)
        if decision == "amended":
            if not amended_fields:
                raise InvalidInput(
                    "amended_fields", "Bei einem Beschluss mit Änderungen muss der geänderte Text angegeben werden."
                )
            text.update(check_fields(amended_fields, partial=True))
        elif amended_fields:
            raise InvalidInput(
                "amended_fields", "Ein geänderter Text ist nur bei „mit Änderungen beschlossen“ möglich."
            )
        frozen = freeze(text)
        measure.decide(
            actor,
            committee.id,
            decision,
            reason,
            check.iso_date("decided_on", decided_on, label="Sitzungsdatum"),
            frozen,
        )
        self.save(measure)
        return str(frozen["sha256"])

    # --- implementation --------------------------------------------------------

    def start_implementation(self, actor: UUID, measure_id: Any, note: str = "") -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        measure.start_implementation(
            actor, check.text("note", note, label="Bemerkung", max_length=5000, required=False)
        )
        self.save(measure)

    def report_progress(
        self,
        actor: UUID,
        measure_id: Any,
        progress: int,
        note: str = "",
        indicator_actuals: dict[str, str] | None = None,
    ) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        measure.report_progress(
            actor,
            check.integer("progress", progress, label="Fortschritt (%)", low=0, high=100),
            check.text("note", note, label="Bemerkung", max_length=5000, required=False),
            _actuals(indicator_actuals),
        )
        self.save(measure)

    def report_indicator_actual(
        self,
        actor: UUID,
        measure_id: Any,
        indicator: str,
        value: Any,
        measured_on: str,
        source: str = "",
        remark: str = "",
    ) -> None:
        """Report an actual value of one of the measure's indicators (value: a number, stored as decimal text)."""
        measure = self.load(Measure, measure_id, field="measure_id")
        indicator = check.text("indicator", indicator, label="Indikator", max_length=200)
        number = decimal_value("value", value, label="Ist-Wert", required=True)
        assert number is not None
        measured_on = check.iso_date("measured_on", measured_on, label="Stichtag")
        if not "1900-01-01" <= measured_on <= now().date().isoformat():
            raise RuleViolation(
                "Der Stichtag des Ist-Werts muss zwischen 1900 und heute liegen, nicht in der Zukunft.",
                code="measured_on_out_of_range",
                field="measured_on",
            )
        measure.report_indicator_actual(
            actor,
            indicator,
            number,
            measured_on,
            check.text("source", source, label="Quelle", max_length=500, required=False),
            check.text("remark", remark, label="Bemerkung", max_length=5000, required=False),
        )
        self.save(measure)

    def complete_implementation(self, actor: UUID, measure_id: Any, outcome: str, reason: str = "") -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        outcome = check.choice("outcome", outcome, tuple(OUTCOMES), label="Ergebnis")
        measure.complete_implementation(actor, outcome, check.reason(reason, required=outcome != "implemented"))
        self.save(measure)

    # --- evaluation at the next conference -------------------------------------

    def record_evaluation(
        self,
        actor: UUID,
        measure_id: Any,
        working_group_id: Any,
        progress: int,
        verdict: str,
        rating: int,
        summary: str = "",
        obstacles: list[dict[str, str]] | None = None,
        enablers: list[dict[str, str]] | None = None,
        indicator_actuals: dict[str, str] | None = None,
    ) -> None:
        measure = self.load(Measure, measure_id, field="measure_id")
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.require_open("Maßnahme evaluieren")
        conference = self.load(Conference, group.conference_id)
        if conference.previous_conference_id != measure.conference_id:
            raise RuleViolation(
                "Evaluiert werden nur Maßnahmen aus dem vorigen Planungszyklus dieser Konferenzreihe.",
                code="not_previous_cycle",
            )
        if group.lineage_id != measure.lineage_id:
            raise RuleViolation(
                "Diese Maßnahme gehört zu einer anderen Arbeitsgruppe und wird dort evaluiert.",
                code="other_working_group",
            )
        evaluation = {
            "conference_id": conference.id,
            "working_group_id": group.id,
            "progress": check.integer("progress", progress, label="Fortschritt (%)", low=0, high=100),
            "verdict": check.choice("verdict", verdict, VERDICTS, label="Empfehlung"),
            "rating": check.integer("rating", rating, label="Bewertung", low=1, high=5),
            "summary": check.text("summary", summary, label="Zusammenfassung", max_length=20_000, required=False),
            "obstacles": _factors("obstacles", obstacles),
            "enablers": _factors("enablers", enablers),
            "indicator_actuals": _actuals(indicator_actuals),
        }
        measure.evaluate(actor, evaluation)
        self.save(measure)

    def carry_over_measure(
        self, actor: UUID, measure_id: Any, working_group_id: Any, fields: dict[str, str] | None = None
    ) -> UUID:
        """Continue an evaluated measure as a new proposal of the evaluating group."""
        measure = self.load(Measure, measure_id, field="measure_id")
        # The lifecycle first: a measure that was never evaluated has no evaluating group to ask for.
        measure.require("fortführen", MeasureStatus.EVALUATED)
        if measure.evaluation is None or str(measure.evaluation["working_group_id"]) != str(working_group_id):
            raise RuleViolation(
                "Fortführen kann nur die Arbeitsgruppe, die die Maßnahme evaluiert hat.", code="not_evaluating_group"
            )
        text = dict(measure.fields)
        text.update(check_fields(fields or {}, partial=True))
        group, new = self._new_draft(actor, working_group_id, text, measure.id)
        measure.carry_over(actor, new.id)
        self.save(group, new, measure)
        return new.id


def _factors(field: str, items: list[dict[str, str]] | None) -> list[dict[str, str]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise InvalidInput(field, "Bitte eine Liste angeben.")
    result = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InvalidInput(f"{field}.{i}", "Jeder Eintrag braucht Kategorie und Beschreibung.")
        result.append(
            {
                "category": check.choice(
                    f"{field}.{i}.category", item.get("category"), tuple(FACTOR_CATEGORIES), label="Kategorie"
                ),
                "text": check.text(f"{field}.{i}.text", item.get("text"), label="Beschreibung", max_length=5000),
            }
        )
    return result


def _point(field: str, value: Any, label: str, unit: str) -> tuple[dict[str, Any], str]:
    """A baseline or target: ``{"value", "year"}``, or (as before) a text that is a number or a remark."""
    if isinstance(value, dict):
        unknown = set(value) - {"value", "year"}
        if unknown:
            raise InvalidInput(f"{field}.{sorted(unknown)[0]}", f"„{label}“ kennt nur Wert (value) und Jahr (year).")
        return {
            "value": decimal_value(f"{field}.value", value.get("value"), label=label),
            "year": year_value(f"{field}.year", value.get("year"), label=f"{label} (Jahr)"),
        }, ""
    if value is None or isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": decimal_value(field, value, label=label), "year": None}, ""
    text = check.text(field, value, label=label, required=False)
    point = structured_indicator({"baseline": text, "unit": unit})["baseline"]
    return point, "" if point["value"] is not None or not text else text


def _indicators(indicators: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Structured indicators: name, unit, baseline and target (each ``{"value", "year"}`` or, as
    before, a text read tolerantly), remark. Names are unique within a measure."""
    if indicators is None:
        return []
    if not isinstance(indicators, list):
        raise InvalidInput("indicators", "Die Indikatoren müssen als Liste angegeben werden.")
    result: list[dict[str, Any]] = []
    for i, indicator in enumerate(indicators):
        if not isinstance(indicator, dict):
            raise InvalidInput(f"indicators.{i}", "Ein Indikator muss ein Objekt sein.")
        unknown = set(indicator) - set(INDICATOR_FIELDS)
        if unknown:
            raise InvalidInput(f"indicators.{i}.{sorted(unknown)[0]}", "Unbekannte Angabe zu einem Indikator.")
        name = check.text(f"indicators.{i}.name", indicator.get("name", ""), label="Indikator", max_length=200)
        if any(other["name"].casefold() == name.casefold() for other in result):
            raise RuleViolation(
                f"Der Indikator „{name}“ ist doppelt genannt.", code="duplicate_indicator", field=f"indicators.{i}.name"
            )
        unit = check.text(f"indicators.{i}.unit", indicator.get("unit", ""), label="Einheit", required=False)
        baseline, baseline_text = _point(f"indicators.{i}.baseline", indicator.get("baseline"), "Ausgangswert", unit)
        target, target_text = _point(f"indicators.{i}.target", indicator.get("target"), "Zielwert", unit)
        remark = check.text(
            f"indicators.{i}.remark", indicator.get("remark", ""), label="Bemerkung", max_length=5000, required=False
        )
        remarks = [remark, *(f"{k}: {t}" for k, t in (("Ausgangswert", baseline_text), ("Zielwert", target_text)) if t)]
        result.append(
            {
                "name": name,
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "remark": "; ".join(filter(None, remarks)),
            }
        )
    return result


def _actuals(actuals: dict[str, str] | None) -> dict[str, str]:
    if actuals is None:
        return {}
    if not isinstance(actuals, dict):
        raise InvalidInput("indicator_actuals", "Die Ist-Werte müssen als Objekt angegeben werden.")
    return {
        check.text("indicator_actuals", k, label="Indikator"): check.text(f"indicator_actuals.{k}", v, label="Ist-Wert")
        for k, v in actuals.items()
    }
