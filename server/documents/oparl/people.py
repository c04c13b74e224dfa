"""Person and Membership: people in a public role who agreed to be named publicly, and those roles.

Public roles (``projections.public_people``): moderating a working group, sitting on a committee, on a
series' coordination group or chairing it, organising a conference (the last two as memberships of the
series' plenary). A person appears once she agreed and while her name is stored; after she withdrew her
consent or was erased, she and her memberships are deleted objects (``deleted: true``). Her id here is
derived from the internal one, which the interface never shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, uuid5

from domain.coordination import coordination_group_id
from server.documents.oparl.bodies import CITY, plenary_path
from server.documents.oparl.papers import local_day

if TYPE_CHECKING:
    from server.documents.oparl.corpus import Builder

ROLE_NAMES = {
    "moderator": "Moderation",
    "committee": "Mitglied",
    "coordination": "Mitglied der Koordinierungsgruppe",
    "chair": "Vorsitz der Koordinierungsgruppe",
    "organiser": "Organisationsteam",
}


def person_path(person_id: str) -> str:
    return f"person/{uuid5(NAMESPACE_URL, 'sozialkonferenz-person:' + person_id)}"


def organization_of(b: Builder, span: dict[str, Any]) -> str | None:
    """The OParl organization a role belongs to, or None if the interface does not show it."""
    target = span["target_id"]
    if span["kind"] in ("moderator", "committee"):
        path = f"organization/{target}"
    elif span["kind"] in ("coordination", "chair"):
        series = {str(coordination_group_id(r["series"])): r["series"] for r in b.s.conferences}.get(target)
        path = plenary_path(series) if series is not None else ""
    else:
        conference = b.conferences.get(target)
        path = plenary_path(conference["series"]) if conference is not None else ""
    return path if path in b.c.objects else None


def persons(b: Builder) -> None:
    c = b.c
    spans: dict[str, list[dict[str, Any]]] = {}
    for span in b.s.roles:
        spans.setdefault(span["person_id"], []).append(span)
    for person in b.s.people:
        path = person_path(person["id"])
        named = person["name"] is not None
        memberships = []
        for span in spans.get(person["id"], []):
            organization = organization_of(b, span)
            if organization is None:
                continue
            created = max(span["start_at"], person["created_at"])
            modified = max(span["modified_at"], person["modified_at"])
            key = f"membership/{span['id']}"
            memberships.append(key)
            shown_in = c.objects[organization]
            shown_in["modified"] = max(shown_in["modified"], modified)  # its list of memberships changed
            if not named:
                c.deleted(key, "Membership", created, modified)
                continue
            c.put(
                key, "Membership", created, modified,
                person=c.url(path),
                organization=c.url(organization),
                role=ROLE_NAMES[span["kind"]],
                startDate=local_day(span["start_at"]),
                **({"endDate": local_day(span["end_at"])} if span["end_at"] else {}),
            )  # fmt: skip
            c.objects[organization].setdefault("membership", []).append(c.url(key))
        if not memberships:
            continue  # no public role: not a person of this interface, whatever she agreed to
        created = person["created_at"]
        modified = max([person["modified_at"], *(c.objects[m]["modified"] for m in memberships)])
        if named:
            c.put(
                path, "Person", created, modified,
                body=c.url(f"body/{CITY}"),
                name=person["name"],
                membership=c.alive(memberships),
            )  # fmt: skip
        else:
            c.deleted(path, "Person", created, modified)
        c.listed(f"body/{CITY}/person", path)
        c.listed(f"body/{CITY}/membership", *memberships)
