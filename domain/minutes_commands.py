"""Commands writing a conference's structured minutes (Protokoll), mixed into the application.

Minutes are organised by session (Sitzung); each item names the agenda item it
discussed (or a topic of its own), what was said, the results and the next
steps. Results are *links* to decisions that are already events of a measure
(its id and the decision's version), never retyped text; next steps name who
(a person or an organisation, by id) and by when.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from domain import validation as check
from domain.conference import Conference
from domain.errors import InvalidInput, RuleViolation
from domain.measure import Measure
from domain.reference import Organisation, Person

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object

MAX_RESULTS = 50
MAX_NEXT_STEPS = 50


class MinutesCommands(_App):
    def add_minutes_session(self, actor: UUID, conference_id: Any, title: str = "", held_on: Any = None) -> str:
        """A session of the conference (Sitzung), numbered in order; returns its id."""
        conference = self.load(Conference, conference_id, field="conference_id")
        session_id = self._new_session(actor, conference, title, held_on)
        self.save(conference)
        return session_id

    def add_minutes_item(
        self,
        actor: UUID,
        conference_id: Any,
        session_id: Any = None,
        agenda_item: Any = None,
        topic: str = "",
        discussion: str = "",
        results: Any = None,
        next_steps: Any = None,
    ) -> str:
        """One item of the minutes; without ``session_id`` the latest session (the first is created if none)."""
        conference = self.load(Conference, conference_id, field="conference_id")
        if session_id is None:
            sessions = conference.minutes_sessions
            session = sessions[-1]["id"] if sessions else self._new_session(actor, conference, "", None)
        else:
            session = str(check.uuid("session_id", session_id, label="Sitzung"))
        item = {"id": str(uuid4()), **self._minutes_item(session, agenda_item, topic, discussion, results, next_steps)}
        conference.add_minutes_item(actor, item)
        self.save(conference)
        return item["id"]

    def edit_minutes_item(
        self,
        actor: UUID,
        conference_id: Any,
        item_id: Any,
        agenda_item: Any = None,
        topic: str = "",
        discussion: str = "",
        results: Any = None,
        next_steps: Any = None,
        session_id: Any = None,
    ) -> None:
        """Replace an item's content (the earlier wording stays in the history)."""
        conference = self.load(Conference, conference_id, field="conference_id")
        existing = conference.minutes_item(str(check.uuid("item_id", item_id, label="Protokollpunkt")))
        session = str(check.uuid("session_id", session_id, label="Sitzung")) if session_id else existing["session_id"]
        item = {
            "id": existing["id"],
            **self._minutes_item(session, agenda_item, topic, discussion, results, next_steps),
        }
        conference.edit_minutes_item(actor, item)
        self.save(conference)

    # --- checking the parts ----------------------------------------------------------

    def _new_session(self, actor: UUID, conference: Conference, title: str, held_on: Any) -> str:
        session_id = str(uuid4())
        number = len(conference.minutes_sessions) + 1
        conference.add_minutes_session(
            actor,
            session_id,
            check.text("title", title, label="Titel der Sitzung", required=False) or f"Sitzung {number}",
            conference.starts_on if held_on is None else check.iso_date("held_on", held_on, label="Sitzungsdatum"),
        )
        return session_id

    def _minutes_item(
        self, session_id: str, agenda_item: Any, topic: Any, discussion: Any, results: Any, next_steps: Any
    ) -> dict[str, Any]:
        if agenda_item is not None:
            agenda_item = check.integer("agenda_item", agenda_item, label="Tagesordnungspunkt", low=1, high=999)
        return {
            "session_id": session_id,
            "agenda_item": agenda_item,
            "topic": check.text("topic", topic, label="Thema", required=False),
            "discussion": check.text("discussion", discussion, label="Beratung", max_length=20_000, required=False),
            "results": [self._result(i, r) for i, r in enumerate(self._list("results", results, MAX_RESULTS))],
            "next_steps": [
                self._step(i, s) for i, s in enumerate(self._list("next_steps", next_steps, MAX_NEXT_STEPS))
            ],
        }

    @staticmethod
    def _list(field: str, value: Any, most: int) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise InvalidInput(field, f"„{field}“ muss eine Liste von Objekten sein.")
        if len(value) > most:
            raise InvalidInput(field, f"Höchstens {most} Einträge in „{field}“.")
        return value

    def _result(self, index: int, result: dict[str, Any]) -> dict[str, Any]:
        """A link to a decision of a measure: its id and the decision's version (default: its latest decision)."""
        field = f"results.{index}"
        measure = self.load(Measure, result.get("measure_id"), field=f"{field}.measure_id")
        if not measure.decisions:
            raise RuleViolation(
                f"Die Maßnahme {measure.reference} hat noch keinen Beschluss, auf den das Protokoll verweisen kann.",
                code="decision_missing",
            )
        version = result.get("decision_version")
        if version is None:
            version = measure.decisions[-1]["version"]
        version = check.integer(f"{field}.decision_version", version, label="Beschluss (Version)", low=1,
                                high=1_000_000)  # fmt: skip
        if version not in {d["version"] for d in measure.decisions}:
            raise RuleViolation(
                f"Version {version} der Maßnahme {measure.reference} ist kein Beschluss.", code="decision_missing"
            )
        note = check.text(f"{field}.note", result.get("note"), label="Anmerkung", max_length=2000, required=False)
        return {"measure_id": str(measure.id), "decision_version": version, "note": note}

    def _step(self, index: int, step: dict[str, Any]) -> dict[str, Any]:
        """A next step: what, who (a person or an organisation, by id) and by when."""
        field = f"next_steps.{index}"
        task = check.text(f"{field}.task", step.get("task"), label="Nächster Schritt", max_length=2000)
        person_id = step.get("person_id")
        organisation_id = step.get("organisation_id")
        if person_id is None and organisation_id is None:
            raise InvalidInput(
                f"{field}.person_id", "Ein nächster Schritt braucht eine zuständige Person oder Organisation."
            )
        person = self.load(Person, person_id, field=f"{field}.person_id").id if person_id is not None else None
        organisation = (
            self.load(Organisation, organisation_id, field=f"{field}.organisation_id").id
            if organisation_id is not None
            else None
        )
        return {
            "task": task,
            "person_id": str(person) if person else "",
            "organisation_id": str(organisation) if organisation else "",
            "due_on": check.iso_date(f"{field}.due_on", step.get("due_on"), label="Bis wann"),
        }
