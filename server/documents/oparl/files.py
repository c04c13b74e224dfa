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
    return Content("\n".join(lines).encode("utf-8"), f"beschlussvorlage-{_safe(reference)}.txt")


def minutes(title: str, text: str) -> Content:
    return Content(f"Protokoll: {title}\n\n{text}\n".encode(), f"protokoll-{_safe(title)}.txt")


def _safe(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in name).strip("-").lower()
