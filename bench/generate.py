"""Generates a large county's history for benchmarks: many series, ten cycles, ~1,000,000 events.

Events are produced by the real aggregates (every rule applies) and saved in
large batches, so generation takes minutes, not hours.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from domain.application import Sozialkonferenz
from domain.clock import recorded_at
from domain.conference import Conference
from domain.measure import Measure
from domain.reference import Committee, Organisation, Person
from domain.texts import freeze
from domain.working_group import WorkingGroup

GROUPS = [
    "Kinderarmut",
    "Wohnen",
    "Gesundheit",
    "Bildung",
    "Jugend",
    "Senior*innen",
    "Integration",
    "Arbeit und Beschäftigung",
    "Inklusion",
    "Familie",
    "Sucht und Prävention",
    "Quartiersentwicklung",
]
WORDS = [
    "Beratung",
    "Quartier",
    "Familienzentrum",
    "Ehrenamt",
    "Schulsozialarbeit",
    "Wohnraum",
    "Prävention",
    "Teilhabe",
    "Netzwerk",
    "Sprachförderung",
    "Pflege",
    "Mobilität",
    "Begegnung",
    "Jugendtreff",
    "Sozialraum",
    "Armut",
    "Gesundheitslotsen",
    "Kita",
    "Ausbildung",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(
    app: Sozialkonferenz, series_count: int, cycles: int, measures_per_group: int, edits: int, seed: int = 7
) -> int:
    """Writes the history; returns the number of events stored."""
    rng = random.Random(seed)
    actor = uuid4()
    start = datetime(2006, 2, 1, tzinfo=UTC)
    with recorded_at(start):
        organisation = Organisation(actor=actor, name="Kreisverwaltung", kind="department", district="")
        committee = Committee(actor=actor, name="Sozialausschuss", short_name="SozA")
        person = Person(actor=actor, organisation_id=organisation.id)
        app.save(organisation, committee, person)
    pending: list[Any] = []
    for s in range(series_count):
        previous: Conference | None = None
        previous_measures: list[Measure] = []
        for cycle_index in range(cycles):
            year = 2006 + 2 * cycle_index
            day = start.replace(year=year) + timedelta(days=s)
            with recorded_at(day):
                conference = Conference(
                    actor=actor,
                    title=f"Sozialkonferenz Gemeinde {s + 1} {year}",
                    kind="city",
                    series=f"Gemeinde {s + 1}",
                    cycle=str(year),
                    starts_on=day.date().isoformat(),
                    venue="Rathaus",
                    district=f"Bezirk {s % 4 + 1}",
                    previous_conference_id=previous.id if previous else None,
                )
                conference.set_focus_topic(actor, sentence(rng, 3))
                conference.set_agenda(actor, ["Begrüßung", "Arbeitsgruppen", "Plenum"])
                conference.invite(actor, [organisation.id])
                groups = []
                for number, name in enumerate(GROUPS, start=1):
                    group = WorkingGroup(
                        actor=actor,
                        conference_id=conference.id,
                        number=number,
                        name=name,
                        topic="",
                        lineage_id=None,
                        predecessor_id=None,
                    )
                    group.assign_moderator(actor, person.id)
                    conference.constitute_working_group(actor, group.id)
                    groups.append(group)
                if previous is not None:
                    lineage = {g.name: g for g in groups}
                    for old in previous_measures:
                        if old.status in (
                            "approved",
                            "implemented",
                            "partly_implemented",
                            "abandoned",
                            "in_implementation",
                        ):
                            old.evaluate(
                                actor,
                                {
                                    "conference_id": conference.id,
                                    "working_group_id": lineage[GROUPS[0]].id,
                                    "progress": rng.randint(0, 100),
                                    "verdict": rng.choice(["continue", "adapt", "end"]),
                                    "rating": rng.randint(1, 5),
                                    "summary": sentence(rng, 8),
                                    "obstacles": [
                                        {
                                            "category": rng.choice(["funding", "staff", "legal"]),
                                            "text": sentence(rng, 5),
                                        }
                                    ],
                                    "enablers": [
                                        {"category": rng.choice(["cooperation", "demand"]), "text": sentence(rng, 5)}
                                    ],
                                    "indicator_actuals": {},
                                },
                            )
                    pending.extend(previous_measures)
                conference.mark_prepared(actor)
                conference.open_session(actor)
                measures = []
                for group in groups:
                    for _ in range(measures_per_group):
                        fields = {
                            "title": sentence(rng, 4),
                            "description": sentence(rng, 40),
                            "goal": sentence(rng, 10),
                            "target_group": sentence(rng, 4),  # required for the group agreement
                            "district": f"Bezirk {rng.randint(1, 4)}",
                            "lead": sentence(rng, 2),
                        }
                        measure = Measure(
                            actor=actor,
                            conference_id=conference.id,
                            working_group_id=group.id,
                            lineage_id=group.lineage_id,
                            cycle=str(year),
                            reference=f"M-{year}-{group.number:02d}.{len(group.proposal_ids) + 1}",
                            fields=freeze(fields)["fields"],
                            continues_measure_id=None,
                        )
                        group.start_proposal(actor, measure.id)
                        for i in range(edits):
                            measure.edit(actor, {"description": fields["description"] + f" ({i})"})
                        measure.agree_in_group(actor, freeze(measure.fields))
                        measure.adopt(actor, freeze(measure.fields))
                        measures.append(measure)
                conference.close_session(actor)
                for group in groups:
                    group.close(actor)
            with recorded_at(day + timedelta(days=60)):
                for measure in measures:
                    measure.submit(actor, committee.id, f"V/{year}/{rng.randint(1, 9999):04d}")
                    decision = rng.choices(["approved", "rejected", "noted"], [8, 1, 1])[0]
                    measure.decide(
                        actor,
                        committee.id,
                        decision,
                        "" if decision != "rejected" else "Haushaltslage",
                        (day + timedelta(days=60)).date().isoformat(),
                        freeze(measure.fields),
                    )
                    if decision != "rejected":
                        measure.start_implementation(actor, "")
                        measure.report_progress(actor, rng.randint(10, 90), sentence(rng, 6), {})
                        outcome = rng.choice(["implemented", "partly_implemented", "abandoned", None])
                        if outcome:
                            measure.complete_implementation(
                                actor, outcome, "" if outcome == "implemented" else "Personalmangel"
                            )
            pending.extend([conference, *groups])
            if cycle_index == cycles - 1:
                pending.extend(measures)
            previous, previous_measures = conference, measures
            _flush(app, pending)
    _flush(app, pending, force=True)
    return app.position()


def _flush(app: Sozialkonferenz, pending: list[Any], force: bool = False) -> None:
    if len(pending) > 400 or (force and pending):
        app.save(*pending)
        pending.clear()


def main() -> None:
    from server.composition import build_application

    url = sys.argv[1]
    app = build_application(url)
    began = time.perf_counter()
    count = generate(
        app, series_count=int(sys.argv[2]) if len(sys.argv) > 2 else 7, cycles=10, measures_per_group=12, edits=85
    )
    print(f"{count} events in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
