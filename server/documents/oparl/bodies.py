"""System, Body and Organization: the city and its districts, the conference plenaries, working groups, committees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, uuid5

from server.documents.oparl.corpus import BODY_LISTS, body_key, span

if TYPE_CHECKING:
    from server.documents.oparl.corpus import Builder

CITY = "stadt"
CONFERENCE_CLASSIFICATION = {
    "city": "Sozialkonferenz",
    "district": "Stadtbezirkskonferenz",
    "youth": "Kinder- und Jugendhilfekonferenz",
}


def plenary_path(series: str) -> str:
    return f"organization/plenum-{uuid5(NAMESPACE_URL, 'sozialkonferenz-series:' + series)}"


def committee_classification(name: str) -> str:
    for prefix in ("Rat", "Bezirksvertretung", "Kreistag"):
        if name.startswith(prefix):
            return prefix
    return "Ausschuss"


def organizations(b: Builder) -> None:
    c = b.c
    series: dict[str, list[dict[str, Any]]] = {}
    for row in b.s.conferences:
        series.setdefault(row["series"], []).append(row)
    for name, conferences in sorted(series.items()):
        path = plenary_path(name)
        first = min(conferences, key=lambda r: r["starts_on"])
        created, modified = span([(r["created_at"], r["updated_at"]) for r in conferences])
        c.put(
            path, "Organization", created, modified,
            body=c.url(f"body/{body_key(first['district'])}"),
            name=f"Plenum: {name}",
            shortName="Plenum",
            organizationType="Gremium",
            classification=CONFERENCE_CLASSIFICATION.get(first["kind"], "Sozialkonferenz"),
            meeting=c.url(f"{path}/meeting"),
            startDate=first["starts_on"],
        )  # fmt: skip
        c.listed(f"body/{body_key(first['district'])}/organization", path)
        c.lists.setdefault(f"{path}/meeting", [])
    for group in b.s.groups:
        conference = b.conferences.get(group["conference_id"])
        if conference is None:
            continue
        path = f"organization/{group['id']}"
        fallback = {"created_at": conference["created_at"], "modified_at": group["updated_at"]}
        times = b.s.times.get(group["id"]) or fallback
        c.put(
            path, "Organization", times["created_at"], times["modified_at"],
            body=c.url(f"body/{b.body_of_conference[conference['id']]}"),
            name=f"AG {group['number']} {group['name']} ({conference['title']})",
            shortName=f"AG {group['number']}",
            organizationType="Sonstiges",
            classification="Arbeitsgruppe",
            subOrganizationOf=c.url(plenary_path(conference["series"])),
            startDate=conference["starts_on"],
            memberCount=group["member_count"],
            keyword=[k for k in (group["topic"],) if k],
        )  # fmt: skip
        c.listed(f"body/{b.body_of_conference[conference['id']]}/organization", path)
    for committee in b.s.committees:
        path = f"organization/{committee['id']}"
        registered = b.s.times.get(committee["id"])
        if registered is None:
            continue  # not yet in the times view (it catches up with the others)
        c.put(
            path, "Organization", registered["created_at"], registered["modified_at"],
            body=c.url(f"body/{CITY}"),
            name=committee["name"],
            shortName=committee["short_name"],
            organizationType="Gremium",
            classification=committee_classification(committee["name"]),
            meeting=c.url(f"{path}/meeting"),
            memberCount=committee["member_count"],
        )  # fmt: skip
        c.listed(f"body/{CITY}/organization", path)
        c.lists.setdefault(f"{path}/meeting", [])


def bodies(b: Builder) -> None:
    """One body per owner of a series (the city, each district), then the system; every list sorted."""
    c = b.c
    keys = {body_key(r["district"]): r["district"] for r in b.s.conferences}
    if b.s.committees:
        keys.setdefault(CITY, "")
    for path in c.lists:
        c.lists[path] = sorted(set(c.lists[path]))
    spans = []
    for key, district in sorted(keys.items()):
        path = f"body/{key}"
        contained = [c.objects[p] for name in BODY_LISTS for p in c.lists.get(f"{path}/{name}", [])]
        if not contained:
            continue
        created, modified = span([(o["created"], o["modified"]) for o in contained])
        spans.append((created, modified))
        for name in BODY_LISTS:
            c.lists.setdefault(f"{path}/{name}", [])
        c.put(
            path, "Body", created, modified,
            system=c.url("system"),
            name=f"Stadtbezirk {district}" if district else b.city_name,
            shortName=district or b.city_name,
            classification="Stadtbezirk" if district else "Stadt",
            legislativeTerm=[],
            **{name: c.url(f"{path}/{name}") for name in BODY_LISTS},
        )  # fmt: skip
        c.listed("body", path)
    c.lists.setdefault("body", [])
    created, modified = span(spans) if spans else ("", "")
    system: dict[str, str] = {"created": created, "modified": modified} if spans else {}
    c.objects["system"] = {
        "id": c.url("system"),
        "type": "https://schema.oparl.org/1.1/System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "name": f"Sozialkonferenz – {b.city_name}",
        "body": c.url("body"),
        **system,
    }
