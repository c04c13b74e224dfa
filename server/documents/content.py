"""The pieces every document shares: dates, people, a measure's text, details and decisions.

Everything here turns aggregates (``server.documents.record``) into plain JSON-ready data; the Typst
templates only lay it out. User text is never turned into markup: it travels as data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote
from uuid import UUID
from zoneinfo import ZoneInfo

import segno

from domain.conference import Conference
from domain.measure import COMMITTEE_DECISIONS, FACTOR_CATEGORIES, MEASURE_STATUS_LABELS, Measure
from domain.reference import Person
from domain.texts import FIELD_LABELS, PROPOSAL_FIELDS, verify_frozen
from domain.working_group import WorkingGroup
from server.documents.record import Record

LOCAL = ZoneInfo("Europe/Berlin")
DECISION_LABELS = {
    "agreed": "Vorschlag der Arbeitsgruppe",
    "adopted": "Verabschiedung im Plenum",
    "returned": "Zurückverweisung an die Arbeitsgruppe",
    "lapsed": "Bei Konferenzende eingefroren (nicht verabschiedet)",
}
COMMITTEE_DECISION_LABELS = {
    "approved": "beschlossen",
    "amended": "mit Änderungen beschlossen",
    "deferred": "vertagt",
    "rejected": "abgelehnt",
    "noted": "zur Kenntnis genommen",
}
VERDICT_LABELS = {"continue": "fortführen", "adapt": "anpassen", "end": "beenden"}
assert set(COMMITTEE_DECISION_LABELS) == set(COMMITTEE_DECISIONS)

Names = Callable[[list[str]], dict[str, str]]


@dataclass
class Context:
    """What a document is made with: the record, how to name people (None: for the public, no one), the
    address the QR codes point to, and the moment of printing.

    ``dated``: a print of the record's state at ``record.at`` rather than of a moment on the clock (OParl's
    files): dated by that moment, so the same state gives the same bytes (``server.documents.oparl.prints``).
    """

    record: Record
    names: Names | None
    base_url: str
    printed_at: datetime
    dated: bool = False

    def name(self, person_id: Any) -> str:
        if self.names is None or person_id is None:
            return ""
        return self.names([str(person_id)]).get(str(person_id), "")

    def visible_names(self, person_ids: list[str]) -> dict[str, str]:
        """Names this reader may see: everyone's for readers who see names; for the public only of those who
        agreed to be named publicly (as the record stood) and whose data is not erased (the others are left out)."""
        if self.names is not None:
            return self.names(person_ids)
        shown = {}
        for person_id in person_ids:
            found = self.record.find(UUID(person_id))
            person = found.aggregate if found is not None else None
            if not isinstance(person, Person) or not person.consents_to_public_naming:
                continue
            data = self.record.app.personal_data.get(person.id)
            if data is not None:
                shown[person_id] = data.name
        return shown

    def frame(self, title: str, subtitle: str) -> dict[str, Any]:
        """Title, subtitle and the footer's lines every template prints."""
        at = self.record.at
        if self.dated and at is not None:
            return {"title": title, "subtitle": subtitle, "printed": f"Stand: {moment(at)} (letzte Änderung)",
                    "as_of": ""}  # fmt: skip
        return {
            "title": title,
            "subtitle": subtitle,
            "printed": f"Gedruckt am {moment(self.printed_at)}",
            "as_of": f"Stand: {moment(at)} (Zustand zu diesem Zeitpunkt)" if at is not None else "",
        }


def moment(value: datetime) -> str:
    try:
        return value.astimezone(LOCAL).strftime("%d.%m.%Y, %H:%M Uhr")
    except OverflowError:  # the first or last moment Python knows: shown in UTC
        return value.strftime("%d.%m.%Y, %H:%M Uhr UTC")


def day(value: str | datetime) -> str:
    if isinstance(value, datetime):
        return moment(value)[:10]
    try:
        return datetime.fromisoformat(value).strftime("%d.%m.%Y")
    except ValueError:
        return value


def euro(value: int | None) -> str:
    return "" if value is None else f"{value:,} €".replace(",", ".")


def fields(values: dict[str, str]) -> list[dict[str, str]]:
    """A proposal's text as labelled fields, in the form's order (empty ones too: a document shows all)."""
    return [{"name": f, "label": FIELD_LABELS[f], "text": values.get(f, "")} for f in PROPOSAL_FIELDS]


def verification_url(ctx: Context, measure_id: UUID, sha256: str) -> str:
    """The measure page, which shows each decided text with its SHA-256 and checks it (``?pruefsumme=``)."""
    return f"{ctx.base_url.rstrip('/')}/massnahmen/{measure_id}?pruefsumme={quote(sha256)}"


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """The QR code as SVG, kept: encoding one takes tens of milliseconds, and a print made again (another moment
    of the same measure, OParl's prints after a change) shows the same hashes."""
    return str(segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", border=2))


def measure_details(ctx: Context, measure: Measure) -> dict[str, Any]:
    details = measure.details
    indicators = [
        {k: str(i.get(k) or "") for k in ("name", "unit", "baseline", "target")} for i in details.get("indicators", [])
    ]
    partners = [ctx.record.organisation_name(p) for p in details.get("partner_organisation_ids", [])]
    return {
        "lead_organisation": ctx.record.organisation_name(details.get("lead_organisation_id")),
        "partner_organisations": [p for p in partners if p],
        "cost_estimate": euro(details.get("cost_estimate_eur")),
        "funding_secured": "ja" if details.get("funding_secured") else "nein",
        "indicator_list": indicators,
    }


def decisions(ctx: Context, measure: Measure, times: dict[int, datetime], *, qr: bool = False) -> list[dict[str, Any]]:
    """Every decision on the measure, oldest first: what, when, by which body, recorded by whom, exact text."""
    group = ctx.record.find(measure.working_group_id)
    conference = ctx.record.find(measure.conference_id)
    group_name = group.aggregate.name if group is not None else ""
    conference_title = conference.aggregate.title if conference is not None else ""
    result = []
    for d in measure.decisions:
        kind = d["kind"]
        body = {"agreed": f"Arbeitsgruppe {group_name}", "lapsed": "Ende der Konferenz"}.get(
            kind, f"Plenum der {conference_title}"
        )
        label = DECISION_LABELS.get(kind, kind)
        date = day(times[d["version"]])
        if kind == "committee":
            body = ctx.record.committee_name(d["committee_id"]) or "Ausschuss"
            label = f"Ausschussbeschluss: {COMMITTEE_DECISION_LABELS.get(d['decision'], d['decision'])}"
            date = day(d.get("decided_on") or times[d["version"]])
        frozen = d["frozen"]
        entry: dict[str, Any] = {
            "kind": kind,
            "label": label,
            "date": date,
            "recorded": moment(times[d["version"]]),
            "body": body,
            "recorded_by": ctx.name(d["actor"]),
            "reason": d.get("reason", ""),
            "sha256": frozen["sha256"] if frozen else "",
            "verified": verify_frozen(frozen) if frozen else None,
            "fields": fields(frozen["fields"]) if frozen else [],
        }
        if qr and frozen:
            url = verification_url(ctx, measure.id, frozen["sha256"])
            entry["url"], entry["qr"] = url, qr_svg(url)
        result.append(entry)
    return result


def measure_summary(ctx: Context, measure: Measure, times: dict[int, datetime]) -> dict[str, Any]:
    """A measure as the catalogue and the Dokumentation list it."""
    adopted = measure.last_adopted_text
    last = measure.decisions[-1] if measure.decisions else None
    decision = ""
    if last is not None:
        label = DECISION_LABELS.get(last["kind"], last["kind"])
        if last["kind"] == "committee":
            label = f"{ctx.record.committee_name(last['committee_id'])}: " + COMMITTEE_DECISION_LABELS.get(
                last["decision"], last["decision"]
            )
        date = last.get("decided_on") or times[last["version"]]
        decision = f"{label} ({day(date)})"
    return {
        "id": str(measure.id),
        "reference": measure.reference,
        "title": measure.fields.get("title", ""),
        "status": MEASURE_STATUS_LABELS.get(measure.status, measure.status),
        "cycle": measure.cycle,
        "lead": measure.fields.get("lead", ""),
        "district": measure.fields.get("district", ""),
        "indicators": measure.fields.get("indicators", ""),
        "decision": decision,
        "adopted_sha256": adopted["sha256"] if adopted else "",
        "committee": ctx.record.committee_name(measure.committee_id),
        "paper_number": measure.paper_number,
        **measure_details(ctx, measure),
    }


def evaluation(measure: Measure) -> dict[str, Any] | None:
    found = measure.evaluation
    if found is None:
        return None

    def factors(key: str) -> list[dict[str, str]]:
        return [{"category": FACTOR_CATEGORIES.get(f["category"], f["category"]), "text": f["text"]} 
                for f in found[key]]

    return {
        "progress": found["progress"],
        "verdict": VERDICT_LABELS.get(found["verdict"], found["verdict"]),
        "rating": found["rating"],
        "summary": found.get("summary", ""),
        "obstacles": factors("obstacles"),
        "enablers": factors("enablers"),
        "actuals": [{"name": k, "value": v} for k, v in found.get("indicator_actuals", {}).items()],
    }


def group_and_conference(ctx: Context, measure: Measure) -> tuple[WorkingGroup | None, Conference | None]:
    group = ctx.record.find(measure.working_group_id)
    conference = ctx.record.find(measure.conference_id)
    return (group.aggregate if group else None, conference.aggregate if conference else None)
