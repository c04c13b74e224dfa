"""Every decision keeps the exact text decided on, with a SHA-256 an auditor can check."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.measure import Measure
from domain.texts import verify_frozen
from tests.domain.builders import PROPOSAL, measure_in_status

# Written out here rather than imported: the test checks the documented canonical form.
FIELD_NAMES = (
    "title",
    "description",
    "goal",
    "target_group",
    "district",
    "lead",
    "partners",
    "timeframe",
    "cost",
    "funding",
    "indicators",
)


def sha256_of(fields: dict[str, str]) -> str:
    """Canonical JSON: every field, sorted keys, no ASCII escaping, no spaces; UTF-8; SHA-256."""
    canonical = json.dumps(
        {name: fields.get(name, "") for name in FIELD_NAMES}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def decisions(app: Sozialkonferenz, measure_id: UUID) -> list[dict[str, Any]]:
    return app.load(Measure, measure_id).decisions


def test_hash_covers_umlauts_as_utf8_not_escapes() -> None:
    escaped = json.dumps(dict.fromkeys(FIELD_NAMES, ""), sort_keys=True, separators=(",", ":"))
    assert sha256_of({"title": "Frühe Hilfen"}) != sha256_of({"title": "Fruehe Hilfen"})
    assert sha256_of({}) == hashlib.sha256(escaped.encode()).hexdigest()


def test_group_agreement_stores_every_field_and_its_hash(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted")
    returned_hash = app.agree_in_group(actor, case.measure_id, {"goal": "Jede Familie wird besucht."})
    expected = {**PROPOSAL, "goal": "Jede Familie wird besucht."}

    [agreed] = decisions(app, case.measure_id)
    assert agreed["kind"] == "agreed"
    assert agreed["actor"] == actor
    assert agreed["proposal_version"] == 1
    assert agreed["version"] == app.load(Measure, case.measure_id).version
    assert agreed["frozen"]["fields"] == expected
    assert set(agreed["frozen"]["fields"]) == set(FIELD_NAMES)
    assert agreed["frozen"]["sha256"] == sha256_of(expected) == returned_hash
    assert agreed["frozen"]["state_vector"] is None
    assert verify_frozen(agreed["frozen"])
    event = app.history(case.measure_id)[-1]
    assert type(event).__name__ == "AgreedInGroup"
    assert event.frozen == agreed["frozen"]  # type: ignore[attr-defined]


def test_plenary_adoption_stores_every_field_and_its_hash(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "proposed")
    returned_hash = app.adopt_measure(actor, case.measure_id)
    adopted = decisions(app, case.measure_id)[-1]
    assert adopted["kind"] == "adopted"
    assert adopted["frozen"]["fields"] == PROPOSAL
    assert adopted["frozen"]["sha256"] == sha256_of(PROPOSAL) == returned_hash
    assert verify_frozen(adopted["frozen"])
    assert app.load(Measure, case.measure_id).last_adopted_text == adopted["frozen"]


def test_committee_approval_stores_the_adopted_text(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "submitted")
    returned_hash = app.record_committee_decision(actor, case.measure_id, case.committee_id, "approved", "2024-06-12")
    committee = decisions(app, case.measure_id)[-1]
    assert committee["kind"] == "committee"
    assert (committee["decision"], committee["decided_on"], committee["committee_id"], committee["reason"]) == (
        "approved",
        "2024-06-12",
        case.committee_id,
        "",
    )
    assert committee["frozen"]["fields"] == PROPOSAL
    assert committee["frozen"]["sha256"] == sha256_of(PROPOSAL) == returned_hash


def test_amended_committee_decision_stores_the_amended_text(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "submitted")
    amended_text = {**PROPOSAL, "cost": "30.000 € jährlich", "timeframe": "2025"}
    returned_hash = app.record_committee_decision(
        actor,
        case.measure_id,
        case.committee_id,
        "amended",
        "2024-06-12",
        "Kosten gedeckelt, Laufzeit verkürzt.",
        amended_fields={"cost": "30.000 € jährlich", "timeframe": "2025"},
    )
    measure = app.load(Measure, case.measure_id)
    agreed, adopted, committee = measure.decisions
    assert committee["frozen"]["fields"] == amended_text
    assert committee["frozen"]["sha256"] == sha256_of(amended_text) == returned_hash
    assert committee["reason"] == "Kosten gedeckelt, Laufzeit verkürzt."
    assert measure.fields == amended_text
    assert measure.last_adopted_text == committee["frozen"]
    # the plenary's decision still shows what the plenary adopted
    assert adopted["frozen"]["fields"] == PROPOSAL
    assert adopted["frozen"]["sha256"] == sha256_of(PROPOSAL)
    assert all(verify_frozen(d["frozen"]) for d in (agreed, adopted, committee))


def test_editing_after_a_return_leaves_earlier_decisions_unchanged(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "returned")
    first_hash = decisions(app, case.measure_id)[0]["frozen"]["sha256"]
    first_event = app.history(case.measure_id)[1]
    app.edit_proposal(actor, case.measure_id, {"cost": "38.000 € jährlich", "lead": "Jugendamt"})
    second_hash = app.agree_in_group(actor, case.measure_id)

    first, returned, second = decisions(app, case.measure_id)
    assert first["frozen"]["fields"] == PROPOSAL
    assert first["frozen"]["sha256"] == first_hash == sha256_of(PROPOSAL)
    assert verify_frozen(first["frozen"])
    assert returned == {
        "kind": "returned",
        "actor": actor,
        "version": 3,
        "frozen": None,
        "reason": "Die Kosten sind noch nicht belegt.",
    }
    assert second["frozen"]["fields"] == {**PROPOSAL, "cost": "38.000 € jährlich", "lead": "Jugendamt"}
    assert second["frozen"]["sha256"] == second_hash != first_hash
    assert (first["proposal_version"], second["proposal_version"]) == (1, 2)
    # the stored event of the first agreement is unchanged as well
    again = app.history(case.measure_id)[1]
    assert again.frozen == first_event.frozen  # type: ignore[attr-defined]
    assert again.frozen["sha256"] == first_hash  # type: ignore[attr-defined]


def test_a_tampered_frozen_copy_no_longer_verifies(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "adopted")
    frozen = decisions(app, case.measure_id)[-1]["frozen"]
    tampered = {**frozen, "fields": {**frozen["fields"], "cost": "4.500 € jährlich"}}
    assert verify_frozen(frozen)
    assert not verify_frozen(tampered)


def test_a_committee_that_defers_rejects_or_notes_adopts_no_text(app: Sozialkonferenz, actor: UUID) -> None:
    for decision in ("deferred", "rejected", "noted"):
        case = measure_in_status(app, actor, "submitted")
        plenary = decisions(app, case.measure_id)[-1]
        assert plenary["kind"] == "adopted"
        reason = "" if decision == "noted" else "Haushaltslage"
        app.record_committee_decision(actor, case.measure_id, case.committee_id, decision, "2024-06-12", reason)
        measure = app.load(Measure, case.measure_id)
        assert measure.decisions[-1]["decision"] == decision and measure.decisions[-1]["frozen"] is not None
        assert measure.last_adopted_text == plenary["frozen"], decision  # still what the plenary adopted
