"""The PDFs OParl serves: typeset once per state, and the same bytes for the same state.

A print is dated by the last event it shows, not by the clock: it is made from the record as of that
moment (``Record(at=…)``), its footer and Typst's PDF dates carry that moment, so the same state always
gives the same bytes and its ``File`` can name their size and checksums. Prints are kept per process by
(document, subject, moment, address); a corpus built for a changed state typesets only what moved.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from server.documents import dokumentation, papers
from server.documents.content import Context, Names
from server.documents.record import Record
from server.documents.typesetting import render

KEPT = 2000  # prints kept per process (the demo serves about 110)
TYPESETTERS = 2  # prints typeset at once while a corpus is built (as ``server.documents.routes.LIMITER``)

BUILDERS: dict[str, Callable[[Context, UUID], dict[str, Any]]] = {
    "beschlussvorlage": papers.committee_paper,
    "beschlussnachweis": papers.decision_record,
    "dokumentation": dokumentation.dokumentation,
}


@dataclass(frozen=True)
class Job:
    """One print: ``at`` (ISO 8601) is the time of the last event the document shows."""

    document: str
    subject: str  # the measure's or the conference's id
    at: str
    base_url: str  # where the QR codes point


@dataclass(frozen=True)
class Print:
    data: bytes

    def properties(self) -> dict[str, Any]:
        return {
            "size": len(self.data),
            "sha256Checksum": hashlib.sha256(self.data).hexdigest(),
            "sha512Checksum": hashlib.sha512(self.data).hexdigest(),
        }


def typeset(app: Sozialkonferenz, job: Job, names: Names | None = None) -> bytes:
    """The public's version (no names, or only those ``names`` gives), as the record stood at ``job.at``."""
    at = datetime.fromisoformat(job.at)
    context = Context(Record(app, at), names, job.base_url, at, dated=True)
    return render(job.document, BUILDERS[job.document](context, UUID(job.subject)), dated=at)


class Prints:
    """The prints of this process, least recently used dropped first."""

    def __init__(self, app: Sozialkonferenz, names: Names | None = None) -> None:
        self.app = app
        self.names = names
        self._kept: OrderedDict[Job, Print] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, job: Job) -> Print | None:
        with self._lock:
            found = self._kept.get(job)
            if found is not None:
                self._kept.move_to_end(job)
            return found

    def get(self, job: Job) -> Print:
        """The print, typeset now if it is not kept (call from a worker thread)."""
        found = self.cached(job)
        if found is not None:
            return found
        made = Print(typeset(self.app, job, self.names))
        with self._lock:
            self._kept[job] = made
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return made

    def make(self, jobs: list[Job]) -> list[Print]:
        """Several prints, typeset side by side (Typst leaves the interpreter while it sets a page)."""
        with ThreadPoolExecutor(TYPESETTERS) as pool:
            return list(pool.map(self.get, jobs))

    def keep_only(self, jobs: Iterable[Job]) -> None:
        """Forget prints of states no corpus shows any more (a name erased since leaves memory with them)."""
        current = set(jobs)
        with self._lock:
            for job in [j for j in self._kept if j not in current]:
                del self._kept[job]
