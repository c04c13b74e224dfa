"""The demo city's coordination group (Koordinierungsgruppe) and the 2026 conference's structured minutes.

Kept apart from the rest of the demo data: ``add_coordination_and_minutes(plan)`` adds its steps to the
demo's plan (``server.demo.loader._Plan``), which runs every step in time order with its own timestamp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from server.demo.loader import _Plan

CITY_2026 = "city2026"
# person key, chair: the Sozialplanung chairs; the departments and the welfare organisations take part
MEMBERS: list[tuple[str, bool]] = [("albrecht", True), ("lorenz", False), ("krause", False), ("peters", False)]
# date, time, by, subject, text
DECISIONS: list[tuple[str, str, str, str, str]] = [
    ("2026-06-16", "09:30", "albrecht", "Schwerpunktthema 2026",
     "Die Koordinierungsgruppe schlägt als Schwerpunktthema der Sozialkonferenz 2026 vor: „Bilanz ziehen, "
     "Lücken schließen: Wohnungsnot, Einsamkeit im Alter und Übergänge in Ausbildung“. Grundlage sind die "
     "Evaluierungsergebnisse der Arbeitsgruppen und das Sozialmonitoring 2026."),
    ("2026-09-08", "09:30", "lorenz", "Tagesordnung und Ablauf",
     "Die Tagesordnung wird wie vorgelegt beschlossen. Die Evaluierung der Maßnahmen 2024 geht der Arbeit an "
     "neuen Vorschlägen voraus; der Markt der Möglichkeiten findet in der Mittagspause statt."),
    ("2026-09-22", "09:00", "albrecht", "Arbeitsgruppen 2026",
     "Alle zwölf Arbeitsgruppen der Sozialkonferenz 2024 werden fortgeführt. Die Moderationen bleiben, soweit "
     "nicht anders gemeldet; neue Mitglieder nimmt die jeweilige AG auf."),
]  # fmt: skip
# agenda item, discussion, measures whose plenary decision is a result, next steps (task, person|org, due)
MINUTES_2026: list[tuple[int, str, list[str], list[tuple[str, str, str]]]] = [
    (1, "Die Bürgermeisterin eröffnet die Konferenz und führt in das Schwerpunktthema ein. Rund 140 Teilnehmende "
        "aus Verwaltung, Rat, freien Trägern und Schulen sind anwesend.", [], []),
    (2, "Die Sozialplanung stellt das Sozialmonitoring 2026 vor. Die Kinderarmutsquote in Südfeld und der "
        "Weststadt liegt weiter über 30 %; die Zahl der Wohnungsnotfälle ist seit 2024 um ein Fünftel gestiegen.",
     [], [("Monitoringbericht 2026 auf der Website veröffentlichen", "person:albrecht", "2026-12-15")]),
    (6, "Das Plenum berät die von den Arbeitsgruppen vorgeschlagenen Maßnahmen. Weitere Vorschläge werden nach "
        "der Mittagspause beraten.",
     ["fachstelle_wohnen_verstetigen", "jugendbudget", "teilzeitausbildung"],
     [("Beschlussvorlagen für den Sozialausschuss und den Jugendhilfeausschuss vorbereiten", "person:hoffmann",
       "2027-01-15"),
      ("Finanzierungsvorschlag für das Jugendbudget mit dem Kinder- und Jugendparlament abstimmen",
       "org:fb_jugend", "2027-02-28")]),
]  # fmt: skip


def add_coordination_and_minutes(plan: _Plan) -> None:
    """The city series' coordination group with its decisions, and minutes of the 2026 conference day."""
    from server.demo.loader import _Ref, local_time, person

    conference = _Ref(f"conference:{CITY_2026}")
    organiser = person("hoffmann")
    group = _Ref("coordination:city")
    plan.do(local_time("2026-05-12", "10:20"), "form_coordination_group", organiser, conference, key=group.key)
    for i, (member, chair) in enumerate(MEMBERS):
        plan.do(local_time("2026-05-12", "10:25", i), "appoint_coordination_member", organiser, group, person(member))
        if chair:
            plan.do(local_time("2026-05-12", "10:30"), "name_coordination_chair", organiser, group, person(member))
    for day, clock, by, title, text in DECISIONS:
        plan.do(local_time(day, clock), "record_coordination_decision", person(by), group, title, text, day, conference)

    day = "2026-11-19"  # the conference day: minutes written after the plenary, by the group's chair
    for i, (agenda_item, discussion, decided, steps) in enumerate(MINUTES_2026):
        plan.do(
            local_time(day, "16:20", 2 * i),
            "add_minutes_item",
            person("albrecht"),
            conference,
            agenda_item=agenda_item,
            discussion=discussion,
            results=[{"measure_id": _Ref(f"measure:{key}")} for key in decided],
            next_steps=[_step(task, who, due) for task, who, due in steps],
        )


def _step(task: str, who: str, due: str) -> dict[str, Any]:
    from server.demo.loader import _Ref

    kind, _, _ = who.partition(":")
    return {"task": task, f"{'person' if kind == 'person' else 'organisation'}_id": _Ref(who), "due_on": due}
