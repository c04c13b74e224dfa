"""Old stored events still load after their class changed: ``Organisation.Registered`` v1 → v2."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from eventsourcing.persistence import StoredEvent

from domain.application import Sozialkonferenz
from domain.reference import Organisation

TOPIC = "domain.reference:Organisation.Registered"


def insert_version_1_registration(app: Sozialkonferenz, actor: UUID, organisation_id: UUID) -> None:
    """What version 1 wrote: no ``district``, and no ``class_version`` in the state."""
    state = {
        "timestamp": datetime(2023, 5, 4, 10, 30, tzinfo=UTC),
        "originator_topic": "domain.reference:Organisation",
        "actor": actor,
        "name": "Diakonie Musterstadt",
        "kind": "welfare",
    }
    app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=organisation_id,
                originator_version=1,
                topic=TOPIC,
                state=app.mapper.transcoder.encode(state),
            )
        ]
    )


def test_version_1_registration_loads_with_an_empty_district(app: Sozialkonferenz, actor: UUID) -> None:
    organisation_id = uuid4()
    insert_version_1_registration(app, actor, organisation_id)
    [stored] = app.recorder.select_events(organisation_id)
    assert b"district" not in stored.state and b"class_version" not in stored.state

    organisation = app.load(Organisation, organisation_id)
    assert (organisation.name, organisation.kind, organisation.district) == ("Diakonie Musterstadt", "welfare", "")
    assert organisation.version == 1
    assert organisation.created_on == datetime(2023, 5, 4, 10, 30, tzinfo=UTC)
    [registered] = app.history(organisation_id)
    assert isinstance(registered, Organisation.Registered)
    assert (registered.district, registered.actor) == ("", actor)


def test_upcast_organisation_can_change_and_new_events_are_version_2(app: Sozialkonferenz, actor: UUID) -> None:
    organisation_id = uuid4()
    insert_version_1_registration(app, actor, organisation_id)
    organisation = app.load(Organisation, organisation_id)
    organisation.rename(actor, "Diakonisches Werk Musterstadt")
    app.save(organisation)
    assert app.load(Organisation, organisation_id).name == "Diakonisches Werk Musterstadt"

    new_id = app.register_organisation(actor, "Caritas Nord", "welfare", district="Nord")
    [stored] = app.recorder.select_events(new_id)
    decoded = app.mapper.transcoder.decode(stored.state)
    assert (decoded["class_version"], decoded["district"]) == (2, "Nord")
    assert app.load(Organisation, new_id).district == "Nord"
