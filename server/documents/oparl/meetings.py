"""Meeting and AgendaItem: the conferences' sessions and the committees' meetings.

The domain has no committee meeting: a committee's decisions of one day make one meeting (id: committee
and date), its agenda items are the papers decided that day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain.coordination import coordination_group_id
from server.documents.oparl import files
from server.documents.oparl.bodies import CITY, plenary_path
from server.documents.oparl.corpus import times_of

if TYPE_CHECKING:
    from server.documents.oparl.corpus import Builder

LOCAL = ZoneInfo("Europe/Berlin")
MEETING_STATES = {
    "scheduled": "terminiert",
    "prepared": "eingeladen",
    "in_session": "läuft",
    "closed": "durchgeführt",
    "reported": "durchgeführt",
}
PLENARY_RESULTS = {
    "adopted": "verabschiedet",
    "returned": "an die Arbeitsgruppe zurückverwiesen",
    "lapsed": "nicht verabschiedet (Konferenz geschlossen)",
}
COMMITTEE_RESULTS = {
    "approved": "beschlossen",
    "amended": "mit Änderungen beschlossen",
    "deferred": "vertagt",
    "rejected": "abgelehnt",
    "noted": "zur Kenntnis genommen",
}


def day_start(day: str) -> str:
    """The start of a meeting day in local time (the domain records the day, not the hour)."""
    return datetime.combine(date.fromisoformat(day), time(0, 0), LOCAL).isoformat()


def conference_meetings(b: Builder) -> None:
    c = b.c
    for conference in b.s.conferences:
        key = conference["id"]
        body = b.body_of_conference[key]
        path = f"meeting/{key}"
        items = agenda(b, conference)
        created, modified = conference["created_at"], conference["updated_at"]
        modified = max([modified, *(c.objects[p]["modified"] for p in items)])
        extra: dict[str, Any] = {}
        if conference["venue"]:
            extra["location"] = c.put(
                f"location/{key}", "Location", created, modified, description=conference["venue"],
                meetings=[c.url(path)],
            )  # fmt: skip
        if key in b.s.minutes:
            extra["resultsProtocol"] = minutes_file(b, conference, path)
        documentation = dokumentation_file(b, conference, path)
        modified = max(modified, documentation["modified"])
        c.put(
            path, "Meeting", created, modified,
            name=conference["title"],
            meetingState=MEETING_STATES.get(conference["status"], conference["status"]),
            cancelled=False,
            start=day_start(conference["starts_on"]),
            organization=[c.url(plenary_path(conference["series"]))],
            agendaItem=c.alive(items),
            auxiliaryFile=[documentation],
            keyword=[k for k in (conference["focus_topic"],) if k],
            **extra,
        )  # fmt: skip
        c.listed(f"body/{body}/meeting", path)
        c.listed(f"{plenary_path(conference['series'])}/meeting", path)
        c.listed(f"body/{body}/agendaItem", *items)


def agenda(b: Builder, conference: dict[str, Any]) -> list[str]:
    """The agenda's points, then one item per proposal a group put before the plenary."""
    c = b.c
    key, meeting = conference["id"], c.url(f"meeting/{conference['id']}")
    paths = []
    order = 0
    for order, name in enumerate(conference["agenda"] or [], start=1):
        path = f"agendaitem/{key}-top{order}"
        c.put(
            path, "AgendaItem", conference["created_at"], conference["updated_at"],
            meeting=meeting, number=str(order), order=order, name=name, public=True,
        )  # fmt: skip
        paths.append(path)
    proposals = [
        m for m in b.s.measures.values() if m["conference_id"] == key and b.decisions(m["id"], "agreed_in_group")
    ]
    for offset, measure in enumerate(sorted(proposals, key=lambda m: (m["reference"], m["id"])), start=1):
        path = f"agendaitem/vorschlag-{measure['id']}"
        paths.append(path)
        created = b.decisions(measure["id"], "agreed_in_group")[0]["at"]
        withdrawn = b.decisions(measure["id"], "withdrawn")
        if withdrawn:
            c.deleted(path, "AgendaItem", created, withdrawn[-1]["at"], order=order + offset)
            continue
        outcome = [d for kind in PLENARY_RESULTS for d in b.decisions(measure["id"], kind)]
        last = max(outcome, key=lambda d: d["position"]) if outcome else None
        c.put(
            path, "AgendaItem", created, last["at"] if last else created,
            meeting=meeting, number=f"{order + 1}.{offset}", order=order + offset,
            name=f"Maßnahmenvorschlag {measure['reference']}: {measure['title']}", public=True,
            **({"result": PLENARY_RESULTS[last["kind"]]} if last else {}),
        )  # fmt: skip
    return paths


def minutes_file(b: Builder, conference: dict[str, Any], meeting_path: str) -> dict[str, Any]:
    c = b.c
    path = f"file/protokoll-{conference['id']}"
    content = files.minutes(b.s.minutes[conference["id"]])
    published = [d["at"] for d in b.decisions(conference["id"], "minutes_published")] or [conference["updated_at"]]
    c.contents[path] = content
    c.listed(f"body/{b.body_of_conference[conference['id']]}/file", path)
    return c.put(
        path, "File", published[-1], published[-1],
        name=f"Protokoll: {conference['title']}",
        date=datetime.fromisoformat(published[-1]).astimezone(LOCAL).date().isoformat(),
        accessUrl=c.url(f"{path}/inhalt"), downloadUrl=c.url(f"{path}/inhalt?download=1"),
        meeting=[c.url(meeting_path)],
        **content.properties(),
    )  # fmt: skip


def dokumentation_moment(b: Builder, conference: dict[str, Any]) -> str:
    """The last change the Dokumentation shows: the conference, its groups and their measures, last cycle's
    measures (evaluated here), the series' coordination group, and the consent of anyone it may name."""
    key, previous = conference["id"], conference["previous_conference_id"]
    groups = [g for g in b.s.groups if g["conference_id"] == key]
    coordination = str(coordination_group_id(conference["series"]))
    people = set().union(*(b.s.group_people.get(g["id"], set()) for g in groups))
    people |= {r["person_id"] for r in b.s.roles if r["target_id"] == coordination}
    moments = [
        conference["updated_at"],
        *(g["updated_at"] for g in groups),
        *(m["updated_at"] for m in b.s.measures.values() if m["conference_id"] in (key, previous)),
        *(d["at"] for d in b.decisions(coordination, "coordination_decision")),
        *(r["modified_at"] for r in b.s.roles if r["target_id"] == coordination),
        *(p["modified_at"] for p in b.s.people if p["id"] in people),
    ]
    return str(max(moments))


def dokumentation_file(b: Builder, conference: dict[str, Any], meeting_path: str) -> dict[str, Any]:
    """The Dokumentation der Sozialkonferenz (PDF) for the public: names only of those who agreed to be named."""
    c = b.c
    path = f"file/dokumentation-{conference['id']}"
    at = dokumentation_moment(b, conference)
    c.listed(f"body/{b.body_of_conference[conference['id']]}/file", path)
    return c.put(
        path, "File", conference["created_at"], at,
        name=f"Dokumentation: {conference['title']} (PDF)",
        fileName=f"dokumentation-{files.safe(conference['title'])}.pdf",
        mimeType="application/pdf",
        date=datetime.fromisoformat(at).astimezone(LOCAL).date().isoformat(),
        accessUrl=c.url(f"{path}/inhalt"), downloadUrl=c.url(f"{path}/inhalt?download=1"),
        meeting=[c.url(meeting_path)],
        **b.printed(path, "dokumentation", conference["id"], at),
    )  # fmt: skip


def committee_meetings(b: Builder) -> None:
    """Meetings derived from the decisions recorded by each committee and day."""
    c = b.c
    days: dict[tuple[str, str], list[str]] = {}
    for path, (committee_id, decided_on) in b.decided_items.items():
        days.setdefault((committee_id, decided_on), []).append(path)
    names = {r["id"]: r["short_name"] or r["name"] for r in b.s.committees}
    for (committee_id, decided_on), items in sorted(days.items()):
        path = f"meeting/{committee_id}-{decided_on}"
        items.sort(key=lambda p: (c.objects[p]["name"], p))
        for order, item in enumerate(items, start=1):
            c.objects[item].update(number=str(order), order=order)
        created, modified = min(times_of(c.objects[p])[0] for p in items), max(c.objects[p]["modified"] for p in items)
        c.put(
            path, "Meeting", created, modified,
            name=f"Sitzung {names.get(committee_id, '')} am {date.fromisoformat(decided_on).strftime('%d.%m.%Y')}",
            meetingState="durchgeführt",
            cancelled=False,
            start=day_start(decided_on),
            organization=[c.url(f"organization/{committee_id}")],
            agendaItem=c.alive(items),
        )  # fmt: skip
        c.listed(f"body/{CITY}/meeting", path)
        c.listed(f"organization/{committee_id}/meeting", path)
        c.listed(f"body/{CITY}/agendaItem", *items)
