"""Changing the store behind the application's back: verification names the first altered, removed or inserted event."""

from __future__ import annotations

import struct
from hashlib import sha256
from uuid import UUID

from domain.application import SYSTEM_ACTOR
from server.chain_report import ChainProblem
from server.chain_verification import verify_chain
from tests.chain.conftest import EVENTS, Store


def named(store: Store, kind: str, notification_id: int) -> ChainProblem:
    n = next(n for n in store.notifications() if n.id == notification_id)
    return ChainProblem(kind, n.id, UUID(str(n.originator_id)), n.originator_version, n.topic)


def test_a_fresh_store_verifies_with_its_head(filled: Store) -> None:
    report = filled.verify()

    notifications = filled.notifications()
    assert report.ok and report.problem is None
    assert report.checked == len(notifications) == 6
    assert report.head_position == notifications[-1].id
    assert len(report.head_hash) == 64


def test_links_follow_the_documented_encoding(filled: Store) -> None:
    """An independent implementation of the encoding in server/chain.py's docstring gives the same head."""
    previous = bytes(32)
    for n in filled.notifications():
        topic = n.topic.encode("utf-8")
        originator = UUID(str(n.originator_id)).bytes
        message = previous + struct.pack(">q", n.id) + originator + struct.pack(">q", n.originator_version)
        previous = sha256(message + struct.pack(">I", len(topic)) + topic + n.state).digest()

    assert filled.verify().head_hash == previous.hex()


def test_a_modified_event_is_named_altered(filled: Store) -> None:
    target = filled.event(filled.document, 2)  # written by the live-editing group commit
    assert b"AQ==" in target.state
    filled.sql(
        f"UPDATE {EVENTS} SET state = :state WHERE id = :id", state=target.state.replace(b"AQ==", b"AA=="), id=target.id
    )

    report = filled.verify()

    assert not report.ok
    assert report.problem == named(filled, "altered", target.id)
    assert report.problem.label == "verändert"
    assert report.head_position == target.id - 1 and report.checked == target.id - 1


def test_a_modified_command_event_is_named_altered(filled: Store) -> None:
    target = filled.event(filled.organisation, 1)
    filled.sql(
        f"UPDATE {EVENTS} SET state = :state WHERE id = :id",
        state=target.state.replace(b"Diakonisches Werk", b"Caritas-Verband!"),
        id=target.id,
    )

    assert filled.verify().problem == named(filled, "altered", target.id)


def test_a_deleted_event_is_named_removed(filled: Store) -> None:
    target = filled.event(filled.document, 1)
    filled.sql(f"DELETE FROM {EVENTS} WHERE id = :id", id=target.id)

    problem = filled.verify().problem

    assert problem is not None
    assert (problem.kind, problem.label, problem.notification_id) == ("removed", "entfernt", target.id)
    assert (problem.originator_id, problem.originator_version) == (filled.document, 1)  # from the link's copy


def test_a_deleted_event_with_its_link_is_named_removed(filled: Store) -> None:
    target = filled.event(filled.document, 2)
    filled.sql(f"DELETE FROM {EVENTS} WHERE id = :id", id=target.id)
    filled.sql("DELETE FROM event_chain WHERE notification_id = :id", id=target.id)

    problem = filled.verify().problem

    assert problem is not None and (problem.kind, problem.notification_id) == ("removed", target.id)


def test_a_forged_event_is_named_inserted(filled: Store) -> None:
    original = filled.event(filled.organisation, 1)
    filled.sql(
        f"INSERT INTO {EVENTS} (originator_id, originator_version, topic, state)"
        f" SELECT originator_id, 2, topic, state FROM {EVENTS} WHERE id = :id",
        id=original.id,
    )
    forged = filled.event(filled.organisation, 2)

    report = filled.verify()

    assert report.problem == named(filled, "inserted", forged.id)
    assert report.problem.label == "eingefügt"
    assert report.checked == len(filled.notifications()) - 1


def test_an_altered_link_is_named(filled: Store) -> None:
    target = filled.event(filled.document, 1)
    filled.sql("UPDATE event_chain SET hash = :hash WHERE notification_id = :id", hash=bytes(32), id=target.id)

    problem = filled.verify().problem

    assert problem == named(filled, "link_altered", target.id)
    assert problem.label == "Kettenglied verändert"


def test_a_link_pointing_elsewhere_is_named(filled: Store) -> None:
    target = filled.event(filled.document, 2)
    filled.sql("UPDATE event_chain SET originator_version = 9 WHERE notification_id = :id", id=target.id)

    assert filled.verify().problem == named(filled, "link_altered", target.id)


def test_the_first_of_several_problems_is_named(filled: Store) -> None:
    notifications = filled.notifications()
    first, later = notifications[2], notifications[5]
    filled.sql(f"DELETE FROM {EVENTS} WHERE id = :id", id=later.id)
    filled.sql(f"UPDATE {EVENTS} SET topic = :topic WHERE id = :id", topic=first.topic + "X", id=first.id)

    problem = filled.verify().problem

    assert problem is not None and (problem.kind, problem.notification_id) == ("altered", first.id)


def test_an_expected_head_is_checked_at_its_position(filled: Store) -> None:
    head = filled.verify()
    filled.app.register_organisation(SYSTEM_ACTOR, "Caritas", "welfare")

    later = verify_chain(filled.engine, expect=(head.head_position, head.head_hash))
    wrong = verify_chain(filled.engine, expect=(head.head_position, "0" * 64))
    beyond = verify_chain(filled.engine, expect=(later.head_position + 5, head.head_hash))

    assert later.ok and later.checked == head.checked + 1
    assert wrong.problem == ChainProblem("mismatch", head.head_position)
    assert beyond.problem == ChainProblem("mismatch", later.head_position + 5)


def test_erasing_a_person_removes_personal_data_and_leaves_the_chain_intact(filled: Store) -> None:
    before = filled.verify()

    filled.app.erase_person(SYSTEM_ACTOR, filled.person, "Antrag nach Art. 17 DSGVO")

    report = filled.verify()
    assert filled.app.personal_data.get(filled.person) is None
    assert report.ok and report.checked == before.checked + 1
    assert all(b"Ada Lovelace" not in n.state and b"ada@example.org" not in n.state for n in filled.notifications())


def test_a_forged_link_ahead_of_the_events_is_named_and_new_events_still_chain_correctly(filled: Store) -> None:
    last = filled.notifications()[-1]
    filled.sql(
        "INSERT INTO event_chain (notification_id, previous_id, originator_id, originator_version, hash)"
        " SELECT 1000000, notification_id, originator_id, originator_version, hash FROM event_chain"
        " WHERE notification_id = :id",
        id=last.id,
    )
    filled.app.register_organisation(SYSTEM_ACTOR, "Caritas", "welfare")  # chains onto the last real link

    report = filled.verify()

    assert report.checked == len(filled.notifications())
    assert report.problem == ChainProblem("removed", 1000000, UUID(str(last.originator_id)), last.originator_version)
