"""Expectations shared by the domain tests: a refused command raises a specific error and stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from domain.application import Sozialkonferenz
from domain.errors import DomainError

TRANSIENT_ATTRIBUTES = ("_pending_events",)


@contextmanager
def refused(app: Sozialkonferenz, error: type[DomainError], code: str) -> Iterator[pytest.ExceptionInfo[Any]]:
    """The block must raise ``error`` with ``code`` and leave the event store untouched."""
    before = app.position()
    with pytest.raises(error) as info:
        yield info
    assert info.value.code == code, info.value.as_dict()
    assert app.position() == before, "a refused command stored events"


def state(aggregate: Any) -> dict[str, Any]:
    """An aggregate's state without the attributes that only live in memory."""
    return {k: v for k, v in vars(aggregate).items() if k not in TRANSIENT_ATTRIBUTES}
