"""Every OParl object the server shows, built from one snapshot of the views.

Paths are relative to ``/oparl/v1/``; ids are the absolute URLs of those paths. A corpus is
rebuilt only when a view has moved on (``server.documents.oparl.routes`` keeps the last one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from server.documents.oparl import files
from server.documents.oparl.prints import Job, Prints
from server.documents.oparl.reading import Row, Snapshot

SCHEMA = "https://schema.oparl.org/1.1/"
PREFIX = "/oparl/v1"
BODY_LISTS = ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership")


@dataclass
class Corpus:
    root: str  # absolute URL of /oparl/v1
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)  # list path → object paths in stable order
    contents: dict[str, files.Content] = field(default_factory=dict)  # file path → its bytes
    printed: dict[str, Job] = field(default_factory=dict)  # PDF file path → its print (server.documents.oparl.prints)

    def url(self, path: str) -> str:
        return f"{self.root}/{path}"

    def put(self, path: str, kind: str, created: str, modified: str, **properties: Any) -> dict[str, Any]:
        obj = {"id": self.url(path), "type": SCHEMA + kind, **properties, "created": created, "modified": modified}
        self.objects[path] = obj
        return obj

    def deleted(self, path: str, kind: str, created: str, modified: str, **required: Any) -> None:
        """The rule for deleted objects: id, type, created, the time of deletion, ``deleted: true``, and
        only what the object's schema requires besides (an agenda item's ``order``)."""
        self.objects[path] = {
            "id": self.url(path), "type": SCHEMA + kind, **required, "created": created, "modified": modified,
            "deleted": True,
        }  # fmt: skip

    def listed(self, list_path: str, *paths: str) -> None:
        self.lists.setdefault(list_path, []).extend(paths)

    def alive(self, paths: list[str]) -> list[dict[str, Any]]:
        """Embedded objects: deleted ones must not be shown inside another object."""
        return [self.objects[p] for p in paths if not self.objects[p].get("deleted")]


def body_key(district: str) -> str:
    if not district:
        return "stadt"
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    slug = district.lower().translate(str.maketrans(umlauts))
    return "bezirk-" + "".join(c if c.isascii() and c.isalnum() else "-" for c in slug)


def span(rows: list[tuple[str, str]]) -> tuple[str, str]:
    """The earliest creation and the latest change of several objects."""
    return min(c for c, _ in rows), max(m for _, m in rows)


def times_of(obj: dict[str, Any]) -> tuple[str, str]:
    return obj["created"], obj["modified"]


class Builder:
    """Fills a corpus; one method per kind of object (see README "OParl-Schnittstelle" for the mapping)."""

    def __init__(self, snapshot: Snapshot, root: str, city_name: str, prints: Prints) -> None:
        self.s = snapshot
        self.c = Corpus(root)
        self.city_name = city_name
        self.prints = prints
        self.conferences = {r["id"]: r for r in snapshot.conferences}
        self.body_of_conference = {r["id"]: body_key(r["district"]) for r in snapshot.conferences}
        self.decided_items: dict[str, tuple[str, str]] = {}  # agenda item path → committee id, day

    def decisions(self, aggregate_id: str, kind: str) -> list[Row]:
        return self.s.decisions.get((aggregate_id, kind), [])

    def printed(self, path: str, document: str, subject: str, at: str) -> dict[str, Any]:
        """A PDF file as of ``at``: its size and checksums if the print is kept, else filled in by ``build``."""
        job = Job(document, subject, at, self.c.root.removesuffix(PREFIX) + "/")
        self.c.printed[path] = job
        kept = self.prints.cached(job)
        return kept.properties() if kept is not None else {}

    def build(self) -> Corpus:
        from server.documents.oparl import bodies, meetings, papers, people

        bodies.organizations(self)
        people.persons(self)
        meetings.conference_meetings(self)
        papers.papers(self)
        meetings.committee_meetings(self)
        bodies.bodies(self)
        missing = {path: job for path, job in self.c.printed.items() if "size" not in self.c.objects[path]}
        for path, made in zip(missing, self.prints.make(list(missing.values())), strict=True):
            self.c.objects[path].update(made.properties())  # the same dict is embedded in its meeting or paper
        return self.c
