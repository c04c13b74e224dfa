"""Domain errors: each carries a stable machine-readable ``code`` and a German message.

Exception tree::

    DomainError
    ├── InvalidInput          a command argument is malformed (field named)
    ├── NotFound              an id names nothing of the expected kind
    ├── TransitionError       the lifecycle forbids this action in the current state
    ├── RuleViolation         a rule between aggregates is broken (code says which)
    └── ConcurrencyConflict   another command changed the aggregate first
"""

from __future__ import annotations

from typing import Any
from uuid import UUID


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        details = {k: (str(v) if isinstance(v, UUID) else v) for k, v in self.details.items()}
        return {"code": self.code, "message": self.message, **details}


class InvalidInput(DomainError):
    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)
        self.field = field


class NotFound(DomainError):
    code = "not_found"

    def __init__(self, kind: str, id: object) -> None:
        super().__init__(f"{kind} mit der Kennung {id} wurde nicht gefunden.", kind=kind, id=str(id))


class TransitionError(DomainError):
    code = "invalid_transition"

    def __init__(self, kind: str, id: UUID, status: str, action: str, allowed: str = "") -> None:
        message = f"{kind} ist im Status „{status}“; „{action}“ ist in diesem Status nicht möglich."
        if allowed:
            message += f" Erlaubt nur im Status: {allowed}."
        super().__init__(message, kind=kind, id=id, status=status, action=action)


class RuleViolation(DomainError):
    code = "rule_violation"


class ConcurrencyConflict(DomainError):
    code = "concurrency_conflict"

    def __init__(self, ids: list[UUID]) -> None:
        super().__init__(
            "Der Datensatz wurde inzwischen von jemand anderem geändert. "
            "Bitte laden Sie ihn neu und versuchen Sie es noch einmal.",
            ids=[str(i) for i in ids],
        )
