"""Reference data over HTTP: organisations, committees and people, and erasing a person's data."""

from __future__ import annotations

from tests.api.scenario import Api


def test_command_answers_with_the_new_store_position_and_sets_the_cookie(api: Api) -> None:
    before = api.position()
    response = api.send("POST", "/committees", {"name": "Ausschuss für Soziales", "short_name": "ASG"})

    assert response.status_code == 201
    answer = response.json()
    assert answer["position"] == before + 1 == api.position()
    assert response.cookies["sk_position"] == str(answer["position"])


def test_registered_organisation_committee_and_person_appear_in_their_lists(api: Api, planner: str) -> None:
    organisation = api.create("/organisations", {"name": "AWO Kreisverband", "kind": "welfare", "district": "Nord"})
    committee = api.create("/committees", {"name": "Ausschuss für Soziales", "short_name": "ASG"})
    person = api.create(
        "/people", {"name": "Erika Mustermann", "email": "erika@example.org", "organisation_id": organisation}
    )

    assert api.get("/organisations") == [
        {"id": organisation, "name": "AWO Kreisverband", "kind": "welfare", "district": "Nord"}
    ]
    assert api.get("/committees") == [{"id": committee, "name": "Ausschuss für Soziales", "short_name": "ASG"}]
    people = {p["id"]: p for p in api.get("/people")}
    assert set(people) == {planner, person}
    assert people[person] | {"registered_at": None} == {
        "id": person,
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "organisation_id": organisation,
        "erased": False,
        "registered_at": None,
    }


def test_person_without_email_is_registered_with_an_empty_address(api: Api) -> None:
    person = api.create("/people", {"name": "Max Meier"})

    [listed] = [p for p in api.get("/people") if p["id"] == person]
    assert (listed["name"], listed["email"]) == ("Max Meier", "")


def test_erasing_a_person_shows_a_pseudonym_instead_of_name_and_email(api: Api) -> None:
    person = api.create("/people", {"name": "Erika Mustermann", "email": "erika@example.org"})

    answer = api.post(f"/people/{person}/erasure", {"reason": "Antrag nach Art. 17 DSGVO vom 3. Juni"})

    assert set(answer) == {"position"}
    [listed] = [p for p in api.get("/people") if p["id"] == person]
    assert listed["erased"] is True
    assert listed["name"] == f"gelöschte Person {person[:8]}"
    assert listed["email"] == ""
