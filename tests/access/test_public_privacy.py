"""The public sees texts, decisions, group names and counts: no member's name, no per-person history.

Signed in as the public account (no role anywhere), every GET route the walk in
``test_history_access`` knows is read; no answer may carry another person's name or id
(ids lead to names, and to who did what at each step). The operator holds nothing beyond the
public's rights and is checked the same way. People with a role still see the names.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.access.test_history_access import Case, cases
from tests.access.test_http_permissions import headers_of, world_client  # noqa: F401 - the fixture
from tests.access.world import NAMES, World


@pytest.fixture
def walk(world_client: tuple[TestClient, World]) -> Iterator[tuple[TestClient, World, list[Case]]]:  # noqa: F811
    client, w = world_client
    app = client.app_state["runtime"].application
    app.submit_measure(w.people["O"], w.previous_measure, w.committee, "V/2026/001")
    client.app_state["runtime"].runner.wait_for(app.position(), 10)
    yield client, w, cases(client, w)


@pytest.mark.parametrize("reader", ["PU", "OP"])
def test_the_public_reads_no_names_and_no_ids_of_others(
    walk: tuple[TestClient, World, list[Case]], reader: str
) -> None:
    client, w, walked = walk
    others = {key: name for key, name in NAMES.items() if key != reader}
    leaks = []
    read = 0
    for case in walked:
        response = client.get("/api" + case.path, headers=headers_of(w, reader))
        if response.status_code != 200:
            continue
        read += 1
        for key, name in others.items():
            if name in response.text or str(w.people[key]) in response.text:
                leaks.append(f"{case.path}: {name}")
    assert read >= 20  # the walk reached the views, not only refusals
    assert not leaks, "\n".join(leaks)


def test_people_with_a_role_still_see_the_names(walk: tuple[TestClient, World, list[Case]]) -> None:
    client, w, _ = walk
    board = client.get(f"/api/working-groups/{w.group}", headers=headers_of(w, "ME")).json()
    assert [m["name"] for m in board["members"]] == [NAMES["ME"]]
    committee = client.get(f"/api/committees/{w.committee}", headers=headers_of(w, "P")).json()
    assert [m["name"] for m in committee["members"]] == [NAMES["C"]]


def test_the_public_sees_group_names_counts_and_decided_texts(walk: tuple[TestClient, World, list[Case]]) -> None:
    client, w, _ = walk
    board = client.get(f"/api/working-groups/{w.group}", headers=headers_of(w, "PU")).json()
    assert board["name"] == "AG Kinderarmut"
    assert board["member_count"] == 1 and board["moderator_count"] == 1
    assert "members" not in board and "moderators" not in board
    texts = client.get(f"/api/measures/{w.previous_measure}/decision-texts", headers=headers_of(w, "PU")).json()
    assert texts and all(len(t["frozen"]["sha256"]) == 64 for t in texts)
    assert all("actor" not in t for t in texts)
    committee = client.get(f"/api/committees/{w.committee}", headers=headers_of(w, "PU")).json()
    assert committee["member_count"] == 1 and "members" not in committee
    assert [e["paper_number"] for e in committee["docket"]] == ["V/2026/001"]
