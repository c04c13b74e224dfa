"""The two documents of one measure: the Beschlussvorlage for a committee and the decision record."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select

from domain.measure import MEASURE_STATUS_LABELS, Measure
from domain.texts import FIELD_LABELS
from server.chain import event_chain
from server.documents import content as c


def _measure(ctx: c.Context, measure_id: UUID) -> tuple[Measure, dict[int, Any]]:
    found = ctx.record.get(Measure, measure_id)
    return found.aggregate, found.times


def committee_paper(ctx: c.Context, measure_id: UUID) -> dict[str, Any]:
    """Betreff, Sachverhalt, Beschlussvorschlag, Finanzielle Auswirkungen: from the adopted text if there is one."""
    measure, times = _measure(ctx, measure_id)
    group, conference = c.group_and_conference(ctx, measure)
    adopted = measure.last_adopted_text
    text = adopted["fields"] if adopted else measure.fields
    adoption = next((d for d in reversed(measure.decisions) if d["kind"] == "adopted"), None)
    committee = ctx.record.committee_name(measure.committee_id)
    details = c.measure_details(ctx, measure)
    title = text.get("title", "")
    if adopted and adoption is not None:
        basis = (
            f"in der Fassung, die das Plenum der {conference.title if conference else 'Sozialkonferenz'} am "
            f"{c.day(times[adoption['version']])} verabschiedet hat"
        )
    elif adopted:
        basis = "in der vom Ausschuss beschlossenen Fassung"
    else:
        basis = "im Entwurf (noch nicht vom Plenum verabschiedet)"
    proposal = f"Der {committee or 'Ausschuss'} beschließt die Maßnahme {measure.reference} „{title}“ {basis}."
    facts = [
        {"label": FIELD_LABELS[f], "text": text.get(f, "")}
        for f in ("description", "goal", "target_group", "district", "lead", "partners", "timeframe", "indicators")
    ]
    return {
        **ctx.frame(f"Beschlussvorlage {measure.paper_number or measure.reference}: {title}", "Beschlussvorlage"),
        "paper_number": measure.paper_number,
        "reference": measure.reference,
        "committee": committee,
        "status": MEASURE_STATUS_LABELS.get(measure.status, measure.status),
        "origin": f"{conference.title if conference else ''}, Arbeitsgruppe {group.name if group else ''}".strip(", "),
        "subject": f"Maßnahme {measure.reference}: {title}",
        "facts": facts,
        "proposal": proposal,
        "sha256": adopted["sha256"] if adopted else "",
        "finance": [
            {"label": FIELD_LABELS["cost"], "text": text.get("cost", "")},
            {"label": "Kostenschätzung (Euro)", "text": details["cost_estimate"]},
            {"label": FIELD_LABELS["funding"], "text": text.get("funding", "")},
            {"label": "Finanzierung gesichert", "text": details["funding_secured"]},
        ],
        "indicators": details["indicator_list"],
    }


def chain_head(ctx: c.Context, measure: Measure) -> str:
    """POSITION:HASH of the hash chain's newest link when the document is printed; for a dated print (the same
    bytes for the same state) the link of the measure's last event it shows, which seals everything before."""
    engine = ctx.record.app.recorder.datastore.engine  # type: ignore[attr-defined]
    query = select(event_chain.c.notification_id, event_chain.c.hash).order_by(event_chain.c.notification_id.desc())
    if ctx.dated:
        query = query.where(
            event_chain.c.originator_id == measure.id, event_chain.c.originator_version == measure.version
        )
    with engine.connect() as connection:
        row = connection.execute(query.limit(1)).first()
    return f"{row[0]}:{bytes(row[1]).hex()}" if row is not None else ""


def decision_record(ctx: c.Context, measure_id: UUID) -> dict[str, Any]:
    """Every decision with its exact text, date, body and SHA-256, a QR code to check it, and the chain head."""
    measure, times = _measure(ctx, measure_id)
    group, conference = c.group_and_conference(ctx, measure)
    title = measure.fields.get("title", "")
    return {
        **ctx.frame(f"Beschlussnachweis {measure.reference}: {title}", "Beschlussnachweis"),
        "reference": measure.reference,
        "measure_title": title,
        "status": MEASURE_STATUS_LABELS.get(measure.status, measure.status),
        "conference": conference.title if conference else "",
        "group": group.name if group else "",
        "decisions": c.decisions(ctx, measure, times, qr=True),
        "chain_head": chain_head(ctx, measure),
        "chain_label": "Glied der Hash-Kette zum letzten Ereignis der Maßnahme" if ctx.dated else
        "Kopf der Hash-Kette beim Druck",
        "names_shown": ctx.names is not None,
    }
