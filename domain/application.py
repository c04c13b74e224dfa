"""The application service: one method per command, queries, and time travel.

Methods follow *get, call, save* and return ids or primitives. Conflicting
commands on the same aggregate never both win: the second save hits the
store's version constraint and raises ``ConcurrencyConflict``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, Recording

from domain import validation as check
from domain.access_commands import AccessCommands
from domain.catalogue_import import ImportCommands, ImportedRow
from domain.clock import DomainAggregate
from domain.conference import Conference
from domain.conference_commands import ConferenceCommands
from domain.coordination import CoordinationGroup
from domain.coordination_commands import CoordinationCommands
from domain.district_commands import DistrictCommands
from domain.districts import DistrictRegister
from domain.document import ProposalDocument
from domain.errors import ConcurrencyConflict, InvalidInput, NotFound
from domain.measure import Measure
from domain.measure_commands import MeasureCommands
from domain.minutes_commands import MinutesCommands
from domain.people import InMemoryPersonalData, PersonalData, PersonalDataStore, pseudonym
from domain.reference import ORGANISATION_KINDS, Committee, Organisation, Person
from domain.working_group import WorkingGroup

A = TypeVar("A", bound=MutableOrImmutableAggregate[UUID])

KIND_NAMES: dict[type, str] = {
    DomainAggregate: "Datensatz",
    Conference: "Konferenz",
    WorkingGroup: "Arbeitsgruppe",
    Measure: "Maßnahme",
    Organisation: "Organisation",
    Committee: "Ausschuss",
    Person: "Person",
    ProposalDocument: "Vorschlagsdokument",
    CoordinationGroup: "Koordinierungsgruppe",
    ImportedRow: "Importierte Zeile",
    DistrictRegister: "Liste der Sozialräume",
}

SYSTEM_ACTOR = UUID(int=0)


class Sozialkonferenz(
    ConferenceCommands,
    MinutesCommands,
    CoordinationCommands,
    MeasureCommands,
    DistrictCommands,
    ImportCommands,
    AccessCommands,
    Application[UUID],
):
    name = "sozialkonferenz"
    snapshotting_intervals = {Conference: 50, WorkingGroup: 50, Measure: 50, ProposalDocument: 100}

    def __init__(
        self,
        env: dict[str, str] | None = None,
        personal_data: PersonalDataStore | None = None,
    ) -> None:
        super().__init__(env)
        self.personal_data: PersonalDataStore = personal_data or InMemoryPersonalData()
        # Called with the new store position after every successful save (wakes projections).
        self.save_listeners: list[Callable[[int], None]] = []

    # --- loading and saving ----------------------------------------------------

    def load(self, kind: type[A], id: Any, *, field: str = "id", version: int | None = None) -> A:
        label = KIND_NAMES.get(kind, kind.__name__)
        aggregate_id = check.uuid(field, id, label=f"Kennung ({label})")
        try:
            aggregate = self.repository.get(aggregate_id, version=version)
        except AggregateNotFoundError:
            raise NotFound(label, aggregate_id) from None
        if not isinstance(aggregate, kind):
            raise NotFound(label, aggregate_id)
        return aggregate

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        try:
            recordings = super().save(*objs, **kwargs)
        except IntegrityError:
            ids = [o.id for o in objs if o is not None and hasattr(o, "id")]
            raise ConcurrencyConflict(ids) from None
        if recordings:
            position = max(r.notification.id for r in recordings)
            for listener in self.save_listeners:
                listener(position)
        return recordings

    def position(self) -> int:
        """The event store's current position (highest notification id)."""
        return self.recorder.max_notification_id() or 0

    # --- reference data --------------------------------------------------------

    def register_organisation(self, actor: UUID, name: str, kind: str, district: str = "") -> UUID:
        organisation = Organisation(
            actor=actor,
            name=check.text("name", name, label="Name"),
            kind=check.choice("kind", kind, ORGANISATION_KINDS, label="Art der Organisation"),
            district=check.text("district", district, label="Stadtbezirk", required=False),
        )
        self.save(organisation)
        return organisation.id

    def register_committee(self, actor: UUID, name: str, short_name: str) -> UUID:
        committee = Committee(
            actor=actor,
            name=check.text("name", name, label="Name"),
            short_name=check.text("short_name", short_name, label="Kurzname", max_length=20),
        )
        self.save(committee)
        return committee.id

    def register_person(self, actor: UUID, name: str, email: str = "", organisation_id: Any = None) -> UUID:
        name = check.text("name", name, label="Name", max_length=200)
        email = check.text("email", email, label="E-Mail-Adresse", max_length=320, required=False)
        if email and "@" not in email:
            raise InvalidInput("email", "Die E-Mail-Adresse ist ungültig.")
        organisation = None
        if organisation_id is not None:
            organisation = self.load(Organisation, organisation_id, field="organisation_id").id
        person = Person(actor=actor, organisation_id=organisation)
        # Personal data first: should the event fail, an orphan row names nobody in history.
        self.personal_data.put(PersonalData(person.id, name, email))
        self.save(person)
        return person.id

    def erase_person(self, actor: UUID, person_id: Any, reason: str) -> None:
        """GDPR art. 17: delete name and e-mail; every event stays as it is."""
        person = self.load(Person, person_id, field="person_id")
        reason = check.reason(reason)
        self.personal_data.erase(person.id)
        if not person.erased:
            person.erase_personal_data(actor=actor, reason=reason)
            self.save(person)

    def person_name(self, person_id: UUID) -> str:
        data = self.personal_data.get(person_id)
        return data.name if data is not None else pseudonym(person_id)

    # --- history and time travel -----------------------------------------------

    def history(self, aggregate_id: Any) -> list[DomainEventProtocol[UUID]]:
        aggregate_id = check.uuid("id", aggregate_id, label="Kennung")
        events = list(self.events.get(aggregate_id))
        if not events:
            raise NotFound("Datensatz", aggregate_id)
        return events

    def as_of_version(self, kind: type[A], aggregate_id: Any, version: int) -> A:
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InvalidInput("version", "Die Version muss eine ganze Zahl ab 1 sein.")
        aggregate = self.load(kind, aggregate_id, version=version)
        if aggregate.version < version:
            raise NotFound(f"{KIND_NAMES.get(kind, kind.__name__)} in Version {version}", aggregate_id)
        return aggregate

    def as_of_time(self, kind: type[A], aggregate_id: Any, moment: datetime) -> A:
        """The aggregate as it was at ``moment`` (state after the last event at or before it)."""
        if moment.tzinfo is None:
            raise InvalidInput("at", "Der Zeitpunkt braucht eine Zeitzone.")
        version = None
        for domain_event in self.history(aggregate_id):
            if domain_event.timestamp > moment:
                break
            version = domain_event.originator_version
        if version is None:
            raise NotFound(KIND_NAMES.get(kind, kind.__name__) + f" zum Zeitpunkt {moment.isoformat()}", aggregate_id)
        return self.load(kind, aggregate_id, version=version)

    def iter_notifications(self, start: int = 1, batch: int = 500) -> Iterator[Any]:
        """Every stored event in order, in batches (for projections and exports)."""
        while True:
            notifications = self.recorder.select_notifications(start=start, limit=batch)
            if not notifications:
                return
            yield from notifications
            start = notifications[-1].id + 1
