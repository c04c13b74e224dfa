"""The result of verifying the hash chain: the first problem (if any) and the head, as JSON and in German."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

# kind -> German label (the API sends the kind; clients translate it)
KINDS = {
    "altered": "verändert",
    "removed": "entfernt",
    "inserted": "eingefügt",
    "link_altered": "Kettenglied verändert",
    "mismatch": "abweichender Kopf-Hash",
    "missing": "keine Hash-Kette",
}


@dataclass(frozen=True)
class ChainProblem:
    kind: str
    notification_id: int
    originator_id: UUID | None = None
    originator_version: int | None = None
    topic: str | None = None

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def describe(self) -> str:
        if self.kind == "missing":
            return "Die Datenbank hat keine Hash-Kette (der Server wurde mit ihr noch nicht gestartet)."
        if self.kind == "mismatch":
            return f"Der Hash an Position {self.notification_id} weicht vom erwarteten ab."
        event = f"Ereignis an Position {self.notification_id}"
        if self.originator_id is not None:
            event += f" (Datensatz {self.originator_id}, Version {self.originator_version}"
            event += f", {self.topic})" if self.topic else ")"
        return f"{event}: {self.label}."

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "notification_id": self.notification_id,
            "originator_id": str(self.originator_id) if self.originator_id else None,
            "originator_version": self.originator_version,
            "topic": self.topic,
            "description": self.describe(),
        }


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_position: int  # the last event whose link verified (0: none)
    head_hash: str  # its link, hexadecimal ("" if none)
    problem: ChainProblem | None = None
    seconds: float = 0.0
    verified_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        return self.problem is None

    def summary(self) -> list[str]:
        """The result in German, as the command line prints it."""
        count = f"{self.checked:,}".replace(",", ".")
        head = f"Kopf-Hash {self.head_hash} (Position {self.head_position})"
        if self.problem is None:
            lines = [f"Hash-Kette unversehrt: {count} Ereignisse geprüft, {head}."]
            if self.head_position:
                lines.append(f"Zum späteren Vergleich notieren: --expect {self.head_position}:{self.head_hash}")
            return lines
        if self.problem.kind == "missing":
            return [f"Hash-Kette fehlt: {self.problem.describe()}"]
        lines = [f"Hash-Kette verletzt: {self.problem.describe()}"]
        if self.checked:
            lines.append(f"Bis dahin unversehrt: {count} Ereignisse, {head}.")
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head_position": self.head_position,
            "head_hash": self.head_hash,
            "problem": self.problem.as_json() if self.problem else None,
            "seconds": round(self.seconds, 3),
            "verified_at": self.verified_at.isoformat(),
        }
