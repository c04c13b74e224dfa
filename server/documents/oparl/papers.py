"""Paper, Consultation and File: one Beschlussvorlage per measure submitted to a committee.

Each submission is a consultation (a deferred paper comes back as a second one); the decision is its
``result`` and the result of the agenda item of the committee's meeting that day. The paper's main file
is the text the plenary adopted.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from server.documents.oparl import files
from server.documents.oparl.bodies import CITY, plenary_path
from server.documents.oparl.meetings import COMMITTEE_RESULTS, LOCAL

if TYPE_CHECKING:
    from server.documents.oparl.corpus import Builder

AUTHORITATIVE = ("approved", "amended", "rejected", "noted")


def local_day(moment: str) -> str:
    return datetime.fromisoformat(moment).astimezone(LOCAL).date().isoformat()


def papers(b: Builder) -> None:
    submissions: dict[str, list[dict[str, Any]]] = {}
    for row in b.s.docket:
        submissions.setdefault(row["measure_id"], []).append(row)
    for measure_id, rows in submissions.items():
        measure = b.s.measures.get(measure_id)
        if measure is None or measure["conference_id"] not in b.conferences:
            continue
        rows.sort(key=lambda r: int(r["id"].rpartition(":")[2]))
        paper(b, measure, rows)


def paper(b: Builder, measure: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    c = b.c
    conference = b.conferences[measure["conference_id"]]
    body = b.body_of_conference[conference["id"]]
    path = f"paper/{measure['id']}"
    decided = b.decisions(measure["id"], "committee_decision")
    consultations = [consultation(b, measure, row, decided, path) for row in rows]
    main = main_file(b, measure, rows[-1], path, body)
    pdf_file(b, measure, rows[-1], path, body, main)
    created = rows[0]["submitted_at"]
    record = decision_record_file(b, measure, path, body, created)
    modified = max([main["modified"], record["modified"], *(c.objects[p]["modified"] for p in consultations)])
    c.put(
        path, "Paper", created, modified,
        body=c.url(f"body/{body}"),
        name=measure["title"],
        reference=rows[-1]["paper_number"],
        date=local_day(created),
        paperType="Beschlussvorlage",
        mainFile=main,
        auxiliaryFile=[record],
        originatorOrganization=[c.url(plenary_path(conference["series"]))],
        consultation=c.alive(consultations),
        keyword=[f"Maßnahme {measure['reference']}"],
    )  # fmt: skip
    c.listed(f"body/{body}/paper", path)
    c.listed(f"body/{CITY}/consultation", *consultations)


def consultation(b: Builder, measure: dict[str, Any], row: dict[str, Any], decided: list[Any], paper: str) -> str:
    """One submission; its decision is the committee decision of the same number (one per submission)."""
    c = b.c
    number = int(row["id"].rpartition(":")[2])
    key = f"{measure['id']}-{number}"
    path = f"consultation/{key}"
    committee = row["committee_id"]
    extra: dict[str, Any] = {}
    modified = row["submitted_at"]
    if row["decision"] and row["decided_on"]:
        at = decided[number - 1]["at"] if len(decided) >= number else row["submitted_at"]
        modified = max(modified, at)
        result = COMMITTEE_RESULTS.get(row["decision"], row["decision"])
        item, meeting = f"agendaitem/{key}", f"meeting/{committee}-{row['decided_on']}"
        c.put(
            item, "AgendaItem", at, at,
            meeting=c.url(meeting), order=1,
            name=f"{row['paper_number']} {measure['title']}", public=True,
            consultation=c.url(path), result=result,
            **({"resolutionText": row["reason"]} if row["reason"] else {}),
        )  # fmt: skip
        b.decided_items[item] = (committee, row["decided_on"])
        extra = {"agendaItem": c.url(item), "meeting": c.url(meeting), "result": result}
    c.put(
        path, "Consultation", row["submitted_at"], modified,
        paper=c.url(paper),
        organization=[c.url(f"organization/{committee}")],
        authoritative=row["decision"] in AUTHORITATIVE,
        role="Entscheidung",
        **extra,
    )  # fmt: skip
    return path


def main_file(b: Builder, measure: dict[str, Any], row: dict[str, Any], paper: str, body: str) -> dict[str, Any]:
    c = b.c
    path = f"file/beschlussvorlage-{measure['id']}"
    recommendation = row["recommendation"] or {}
    content = files.adopted_text(row["paper_number"], measure["reference"], recommendation)
    c.contents[path] = content
    adopted = recommendation.get("at") or row["submitted_at"]
    c.listed(f"body/{body}/file", path)
    return c.put(
        path, "File", adopted, adopted,
        name=f"Beschlussvorlage {row['paper_number']}: {measure['title']}",
        date=local_day(adopted),
        accessUrl=c.url(f"{path}/inhalt"), downloadUrl=c.url(f"{path}/inhalt?download=1"),
        paper=[c.url(paper)],
        derivativeFile=[c.url(f"file/beschlussvorlage-pdf-{measure['id']}")],
        **content.properties(),
    )  # fmt: skip


def pdf_file(b: Builder, measure: dict[str, Any], row: dict[str, Any], paper: str, body: str, main: Any) -> str:
    """The printed Beschlussvorlage (``server.documents``) for the public (no names), as it stood when it was last
    submitted: dated by that moment, so its bytes, size and checksums stay the same until it changes."""
    c = b.c
    path = f"file/beschlussvorlage-pdf-{measure['id']}"
    modified = max(main["modified"], row["submitted_at"])
    c.listed(f"body/{body}/file", path)
    c.put(
        path, "File", main["created"], modified,
        name=f"Beschlussvorlage {row['paper_number']} (PDF)",
        fileName=f"beschlussvorlage-{files.safe(measure['reference'])}.pdf",
        mimeType="application/pdf",
        date=main["date"],
        accessUrl=c.url(f"{path}/inhalt"), downloadUrl=c.url(f"{path}/inhalt?download=1"),
        masterFile=main["id"],
        paper=[c.url(paper)],
        **b.printed(path, "beschlussvorlage", measure["id"], modified),
    )  # fmt: skip
    return path


def decision_record_file(b: Builder, measure: dict[str, Any], paper: str, body: str, created: str) -> dict[str, Any]:
    """The measure's Beschlussnachweis (every decision with its text and SHA-256) for the public, as of the
    measure's last change: the paper's auxiliary file."""
    c = b.c
    path = f"file/beschlussnachweis-{measure['id']}"
    modified = max(created, measure["updated_at"])
    c.listed(f"body/{body}/file", path)
    return c.put(
        path, "File", created, modified,
        name=f"Beschlussnachweis {measure['reference']} (PDF)",
        fileName=f"beschlussnachweis-{files.safe(measure['reference'])}.pdf",
        mimeType="application/pdf",
        date=local_day(modified),
        accessUrl=c.url(f"{path}/inhalt"), downloadUrl=c.url(f"{path}/inhalt?download=1"),
        paper=[c.url(paper)],
        **b.printed(path, "beschlussnachweis", measure["id"], modified),
    )  # fmt: skip
