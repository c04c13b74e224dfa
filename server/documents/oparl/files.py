"""The documents OParl ``File`` objects point at: the adopted text of a paper and a conference's minutes.

Served as UTF-8 plain text; ``size`` and the checksums are those of exactly these bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from domain.texts import FIELD_LABELS, PROPOSAL_FIELDS

MIME_TYPE = "text/plain"


@dataclass(frozen=True)
class Content:
    data: bytes
    file_name: str

    def properties(self) -> dict[str, Any]:
        return {
            "fileName": self.file_name,
            "mimeType": MIME_TYPE,
            "size": len(self.data),
            "sha512Checksum": hashlib.sha512(self.data).hexdigest(),
            "sha256Checksum": hashlib.sha256(self.data).hexdigest(),
            "text": self.data.decode("utf-8"),
        }


def adopted_text(paper_number: str, reference: str, recommendation: dict[str, Any]) -> Content:
    """The Beschlussvorlage's text: every field as the plenary adopted it, with the hash of that decision."""
    fields = recommendation.get("fields") or {}
    lines = [
        f"Beschlussvorlage {paper_number}",
        f"Maßnahme {reference}",
        f"Vom Plenum der Sozialkonferenz verabschiedeter Wortlaut (SHA-256 {recommendation.get('sha256', '')})",
        "",
    ]
    for name in PROPOSAL_FIELDS:
        if fields.get(name):
            lines += [FIELD_LABELS[name], fields[name], ""]
    return Content("\n".join(lines).encode("utf-8"), f"beschlussvorlage-{safe(reference)}.txt")


def minutes(record: dict[str, Any]) -> Content:
    """The published minutes (``projections.minutes.minutes_of``) as text; next steps name organisations, never a
    person (the public's rule), and decisions are linked by measure, kind, time and hash."""
    lines = [f"Protokoll: {record['title']}"]
    if record["focus_topic"]:
        lines.append(f"Schwerpunktthema: {record['focus_topic']}")
    for session in record["sessions"]:
        lines += ["", f"Sitzung {session['number']}: {session['title']} ({session['held_on']})"]
        for item in session["items"]:
            if item["kind"] == "free_text":
                lines += ["", item["text"]]
                continue
            lines += ["", f"{item['number']}. {item['topic']}"]
            if item["discussion"]:
                lines.append(item["discussion"])
            for result in item["results"]:
                lines.append("Ergebnis: " + _result(result))
            for step in item["next_steps"]:
                who = f", zuständig: {step['organisation_name']}" if step["organisation_name"] else ""
                due = f", bis {step['due_on']}" if step["due_on"] else ""
                lines.append(f"Nächster Schritt: {step['task']}{due}{who}")
    return Content(("\n".join(lines) + "\n").encode(), f"protokoll-{safe(record['title'])}.txt")


def _result(result: dict[str, Any]) -> str:
    if not result.get("found"):
        return f"Beschluss zur Maßnahme {result['measure_id']} (nicht gefunden)" + _note(result)
    return (
        f"{result['decision_label']}: Maßnahme {result['reference']} „{result['title']}“ am {result['decided_at']}"
        + (f" (SHA-256 {result['sha256']})" if result["sha256"] else "")
        + _note(result)
    )


def _note(result: dict[str, Any]) -> str:
    return f" – {result['note']}" if result.get("note") else ""


def safe(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in name).strip("-").lower()
