"""The demo: the fictional Stadt Lindenau and its social conferences.

``load_demo(app)`` records, through the application's ordinary commands, a city
series with a finished cycle (2024: measures adopted, decided by committees,
implemented and evaluated) and the current conference (2026) in session, plus
four district series. The content lives in data files beside this module (``server.demo.data``;
the measure texts are catalogue files read by the catalogue importer); this module only turns it
into commands.

Every event carries a realistic timestamp (``domain.clock.recorded_at``):
preparation weeks before a conference, conference-day events during the day,
committee decisions on their meeting dates. All steps of all series are
collected first and then run in time order, so the order of the event store
and the timestamps agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.clock import recorded_at
from domain.conference import Conference
from domain.districts import CITYWIDE_ID, CITYWIDE_NAME
from domain.measure import Measure
from domain.reference import Person
from domain.working_group import WorkingGroup
from projections.district_text import districts_in_text
from server.demo import data
from server.demo.catalogues import measures as read_measures
from server.demo.coordination import add_coordination_and_minutes
from server.demo.data import read_json
from server.imports.catalogue import plan_import, run_import

DEMO_SERIES = data.CITY_SERIES
"""The demo is present if a conference of this series has been scheduled."""

# Conference-day choreography (local times); k is the running number of a proposal
# that day. A proposal is drafted with its title and starting situation, completed in
# two rounds of edits by other members, agreed by the moderator, decided in plenary.
CITY_DAY = {
    "open": "09:00",
    "evaluate": "09:05",  # + k: the last cycle's measures
    "draft": "09:45",  # + 3k minutes
    "edit1": "10:50",  # + 2k
    "edit2": "13:15",  # + 2k, details one minute later
    "agree": "14:20",  # + k
    "plenary": "15:10",  # + k
    "close": "16:30",
}
DISTRICT_DAY = {
    "open": "14:00",
    "draft": "14:25",
    "edit1": "15:00",
    "edit2": "15:40",
    "agree": "16:20",
    "plenary": "17:00",
    "close": "17:45",
}
OLDER_DAY = {  # 2020 and 2022: the catalogue was imported beforehand
    "open": "09:00",
    "evaluate": "09:30",  # + 2k
    "draft": "10:30",  # carry-overs, + 3k
    "edit1": "11:30",
    "edit2": "12:00",
    "agree": "13:30",  # + k
    "plenary": "14:30",  # + k
    "close": "16:00",
}
SESSION_2026 = {
    "open": "09:00",
    "evaluate": "10:00",  # + 3k
    "draft": "11:15",  # + 3k, carry-overs included
    "edit1": "12:10",  # + 2k
    "edit2": "13:30",  # + 2k
    "agree": "14:30",  # + k
    "plenary": "15:30",  # + k
    "after": "16:05",  # edits after a return to the group
}
PERSON_KEYS = frozenset(key for key, *_ in data.PEOPLE)
FIRST_FIELDS = ("title", "description")
MORNING_FIELDS = ("description", "goal", "target_group", "district")
AFTERNOON_FIELDS = ("lead", "partners", "timeframe", "cost", "funding", "indicators")
# Lindenau's districts (Sozialräume); "gesamtstädtisch" is on every list. A measure's free-text
# "Stadtbezirk / Sozialraum" (or, if empty, its conference's district) is mapped onto them with
# ``projections.district_text.districts_in_text``; the text itself stays as the remark.
DISTRICTS = ("Nordstadt", "Südfeld", "Weststadt", "Altstadt")


def load_demo(app: Sozialkonferenz) -> bool:
    """Load the demo; False (and nothing recorded) if it is already there."""
    if demo_present(app):
        return False
    plan = _Plan(app)
    plan.reference_data()
    plan.city_series()
    add_coordination_and_minutes(plan)
    for series in data.DISTRICT_SERIES:
        plan.district_series(series)
    plan.run()
    return True


def demo_present(app: Sozialkonferenz, batch: int = 500) -> bool:
    """True if a conference of the demo's city series was ever scheduled."""
    topic = get_topic(Conference.Scheduled)  # type: ignore[attr-defined]  # made by @event("Scheduled")
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=batch, topics=[topic])
        if not notifications:
            return False
        for notification in notifications:
            if getattr(app.mapper.to_domain_event(notification), "series", None) == DEMO_SERIES:
                return True
        start = notifications[-1].id + 1


# --- time -----------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def local_time(day: str, clock: str = "10:00", minutes: int = 0) -> datetime:
    """A wall-clock time in Lindenau (CET/CEST) as an aware UTC datetime."""
    d = date.fromisoformat(day)
    hours, mins = (int(part) for part in clock.split(":"))
    summer = _last_sunday(d.year, 3) <= d < _last_sunday(d.year, 10)
    naive = datetime(d.year, d.month, d.day, hours, mins) + timedelta(minutes=minutes)
    return (naive - timedelta(hours=2 if summer else 1)).replace(tzinfo=UTC)


# --- the plan ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """An id that exists only once an earlier step has run."""

    key: str


def person(key: str) -> _Ref:
    return _Ref(f"person:{key}")


def org(key: str) -> _Ref:
    return _Ref(f"org:{key}")


def committee(key: str) -> _Ref:
    return _Ref(f"committee:{key}")


def group(conference_key: str, key: str) -> _Ref:
    return _Ref(f"group:{conference_key}:{key}")


def measure(key: str) -> _Ref:
    return _Ref(f"measure:{key}")


@dataclass
class _Group:
    moderators: list[str]
    members: list[str]


class _Plan:
    def __init__(self, app: Sozialkonferenz) -> None:
        self.app = app
        self.ids: dict[str, Any] = {f"district:{CITYWIDE_NAME}": CITYWIDE_ID}
        self.conference_districts: dict[str, str] = {}
        self.steps: list[tuple[datetime, int, Callable[[], None]]] = []

    # --- steps ----------------------------------------------------------------

    def do(self, when: datetime, command: str, *args: Any, key: str | None = None, **kwargs: Any) -> None:
        """Run ``app.<command>(*args, **kwargs)`` at ``when``; keep its result as ``key``."""

        def step() -> None:
            result = getattr(self.app, command)(*self.resolve(args), **self.resolve(kwargs))
            if key is not None:
                self.ids[key] = result

        self.steps.append((when, len(self.steps), step))

    def call(self, when: datetime, step: Callable[[], None]) -> None:
        self.steps.append((when, len(self.steps), step))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, _Ref):
            return self.ids[value.key]
        if isinstance(value, tuple):
            return tuple(self.resolve(v) for v in value)
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def run(self) -> None:
        for when, _, step in sorted(self.steps, key=lambda s: (s[0], s[1])):
            with recorded_at(when):
                step()

    # --- reference data -------------------------------------------------------

    def reference_data(self) -> None:
        day = data.SETUP_DAY
        organisations = {key: (name, kind, district) for key, name, kind, district in data.ORGANISATIONS}
        people = {key: (name, email, organisation, since) for key, name, email, organisation, since in data.PEOPLE}
        first_org = people["hoffmann"][2]
        # The first organiser is set up by the system; she registers everything else.
        self.do(
            local_time(day, "08:30"),
            "register_organisation",
            SYSTEM_ACTOR,
            *organisations[first_org],
            key=f"org:{first_org}",
        )
        name, email, _, _ = people["hoffmann"]
        self.do(
            local_time(day, "08:31"),
            "register_person",
            SYSTEM_ACTOR,
            name,
            email,
            org(first_org),
            key="person:hoffmann",
        )
        actor = person("hoffmann")
        for i, (key, (name, kind, district)) in enumerate(organisations.items()):
            if key != first_org:
                self.do(
                    local_time(day, "09:00", i), "register_organisation", actor, name, kind, district, key=f"org:{key}"
                )
        for i, (key, name, short_name) in enumerate(data.COMMITTEES):
            self.do(local_time(day, "10:00", i), "register_committee", actor, name, short_name, key=f"committee:{key}")
        for i, (key, (name, email, organisation, since)) in enumerate(people.items()):
            if key != "hoffmann":
                when = local_time(since or day, "11:00", i)
                self.do(when, "register_person", actor, name, email, org(organisation), key=f"person:{key}")
        for i, (key, role) in enumerate(data.GLOBAL_ROLES):
            granter = SYSTEM_ACTOR if key == "hoffmann" else actor
            self.do(local_time(day, "12:00", i), "grant_global_role", granter, person(key), role)
        for i, (key, member) in enumerate(data.COMMITTEE_MEMBERS):
            when = local_time(day, "12:30", i)
            self.do(when, "appoint_committee_member", actor, committee(key), person(member))
        for i, (key, given_on, recorder) in enumerate(data.PUBLIC_NAMING):
            when = local_time(given_on, "13:00", i)
            self.do(when, "consent_to_public_naming", person(recorder or key), person(key))
        for i, name in enumerate(DISTRICTS):
            self.do(local_time(day, "12:45", i), "register_district", actor, name, key=f"district:{name}")

    # --- conferences ----------------------------------------------------------

    def conference(
        self,
        conf: Mapping[str, Any],
        *,
        series: str,
        kind: str,
        district: str,
        previous: str | None,
        groups: list[tuple[str, str, str, list[str], list[str]]] | None,
    ) -> None:
        """Schedule and prepare a conference (up to ``prepared``)."""
        key = conf["key"]
        self.conference_districts[key] = district
        organiser = person(conf["organiser"])
        previous_id = _Ref(f"conference:{previous}") if previous else None
        self.do(
            local_time(conf["scheduled"]),
            "schedule_conference",
            organiser,
            conf["title"],
            kind,
            series,
            conf["cycle"],
            conf["starts_on"],
            conf["venue"],
            district,
            previous_id,
            key=f"conference:{key}",
        )
        conference_id = _Ref(f"conference:{key}")
        for i, (person_key, role) in enumerate(conf.get("roles", [])):
            when = local_time(conf["scheduled"], minutes=5 + i)
            self.do(when, "grant_role", organiser, conference_id, person(person_key), role)
        if "focus_topic" in conf:
            day, topic = conf["focus_topic"]
            self.do(local_time(day, "10:30"), "set_focus_topic", organiser, conference_id, topic)
        if "agenda" in conf:
            day, items = conf["agenda"]
            self.do(local_time(day, "11:00"), "set_agenda", organiser, conference_id, items)
        if groups:
            for i, (gkey, name, topic, moderators, members) in enumerate(groups):
                when = local_time(conf["groups_formed"], "10:00", 5 * i)
                self.do(when, "form_working_group", organiser, conference_id, name, topic, key=group(key, gkey).key)
                for j, moderator in enumerate(moderators):
                    self.do(
                        when + timedelta(seconds=10 + j),
                        "assign_moderator",
                        organiser,
                        group(key, gkey),
                        person(moderator),
                    )
                for j, member in enumerate(members):
                    self.do(when + timedelta(seconds=20 + j), "add_member", organiser, group(key, gkey), person(member))
        if "carry_over_groups" in conf:
            self.call(
                local_time(conf["carry_over_groups"], "10:00"),
                self._carry_over_groups(key, previous or "", conf["organiser"]),
            )
        if "invited" in conf:
            day, invited = conf["invited"]
            # "all": every organisation but the audit office, which reads the record and takes no part
            organisations = [k for k, *_ in data.ORGANISATIONS if k != "rpa"] if invited == "all" else invited
            self.do(
                local_time(day, "09:30"),
                "invite_organisations",
                organiser,
                conference_id,
                [org(o) for o in organisations],
            )
        if "prepared" in conf:
            self.do(local_time(conf["prepared"], "16:00"), "mark_conference_prepared", organiser, conference_id)

    def _carry_over_groups(self, key: str, previous: str, organiser: str) -> Callable[[], None]:
        """Carry the previous conference's groups over; remember them under their old keys."""

        def step() -> None:
            conf_id = self.ids[f"conference:{key}"]
            self.app.carry_over_all_working_groups(self.ids[f"person:{organiser}"], conf_id)
            old_keys = {v: k.rsplit(":", 1)[1] for k, v in self.ids.items() if k.startswith(f"group:{previous}:")}
            for group_id in self.app.load(Conference, conf_id).working_group_ids:
                predecessor = self.app.load(WorkingGroup, group_id).predecessor_id
                self.ids[group(key, old_keys[predecessor]).key] = group_id

        return step

    def _name_districts(self, mid: _Ref, actor: _Ref, fallback: str) -> Callable[[], None]:
        """Map the measure's free-text district (its conference's, if empty) onto the district list."""

        def step() -> None:
            measure_id = self.ids[mid.key]
            text = self.app.load(Measure, measure_id).fields.get("district") or fallback
            named = districts_in_text(text, (CITYWIDE_NAME, *DISTRICTS)).names
            if named:
                ids = [self.ids[f"district:{name}"] for name in named]
                self.app.set_measure_districts(self.ids[actor.key], measure_id, ids)

        return step

    # --- a conference day -----------------------------------------------------

    def session_day(
        self,
        conf: Mapping[str, Any],
        measures: list[dict[str, Any]],
        groups: dict[str, _Group],
        times: Mapping[str, str],
        evaluate: list[dict[str, Any]] | None = None,
    ) -> None:
        """Open the session, evaluate the last cycle's measures, draft and decide the measures, close,
        publish minutes."""
        key, day = conf["key"], conf["starts_on"]
        organiser = person(conf["organiser"])
        conference_id = _Ref(f"conference:{key}")
        self.do(local_time(day, times["open"]), "open_session", organiser, conference_id)
        self.evaluations(key, day, times.get("evaluate", times["open"]), evaluate or [], groups, step=1)
        for k, m in enumerate(measures):
            self.proposal(key, day, times, k, m, groups[m["group"]], organiser)
        self.do(local_time(day, times["close"]), "close_session", organiser, conference_id)
        minutes_day, minutes_by, minutes = conf["minutes"]
        self.do(local_time(minutes_day, "10:00"), "publish_minutes", person(minutes_by), conference_id, minutes)

    def proposal(
        self,
        conf_key: str,
        day: str,
        times: Mapping[str, str],
        k: int,
        m: Mapping[str, Any],
        g: _Group,
        organiser: _Ref,
    ) -> None:
        """One proposal on a conference day: drafted, edited, agreed, decided in plenary."""
        mid = measure(m["key"])
        members = g.members or g.moderators
        moderator = person(g.moderators[0])
        fields: dict[str, str] = m["fields"]
        drafted_on = m.get("drafted_on", (day, times["draft"]))
        draft_time = local_time(drafted_on[0], drafted_on[1], 0 if "drafted_on" in m else 3 * k)
        if m.get("continues"):
            # The group continues an evaluated measure of the last cycle: its text is copied.
            self.do(
                draft_time,
                "carry_over_measure",
                moderator,
                measure(m["continues"]),
                group(conf_key, m["group"]),
                fields,
                key=mid.key,
            )
        else:
            first = {
                f: fields[f].split("\n\nVorhaben:")[0] if f == "description" else fields[f]
                for f in FIRST_FIELDS
                if f in fields
            }
            self.do(
                draft_time,
                "draft_measure",
                person(members[k % len(members)]),
                group(conf_key, m["group"]),
                first,
                key=mid.key,
            )
            for n, (names, start) in enumerate(((MORNING_FIELDS, "edit1"), (AFTERNOON_FIELDS, "edit2")), start=1):
                part = {f: fields[f] for f in names if fields.get(f)}
                if part:
                    self.do(
                        local_time(day, times[start], 2 * k),
                        "edit_proposal",
                        person(members[(k + n) % len(members)]),
                        mid,
                        part,
                    )
        when = max(draft_time, local_time(day, times["edit1"], 2 * k)) + timedelta(seconds=30)
        self.call(when, self._name_districts(mid, moderator, self.conference_districts.get(conf_key, "")))
        if "details" in m:
            lead, partners, cost, secured, indicators = m["details"]
            self.do(
                local_time(day, times["edit2"], 2 * k + 1),
                "set_measure_details",
                moderator,
                mid,
                lead_organisation_id=org(lead) if lead else None,
                partner_organisation_ids=[org(p) for p in partners],
                cost_estimate_eur=cost,
                funding_secured=secured,
                indicators=[dict(zip(("name", "unit", "baseline", "target"), i, strict=True)) for i in indicators],
            )
        state = m.get("plenary", "adopted")
        agree, plenary = local_time(day, times["agree"], k), local_time(day, times["plenary"], k)
        if state == "withdrawn":
            self.do(agree, "withdraw_measure", moderator, mid, m["reason"])
        if state in ("proposed", "adopted", "returned", "returned_readopted"):
            self.do(agree, "agree_in_group", moderator, mid)
        if state == "adopted":
            self.do(plenary, "adopt_measure", organiser, mid)
        if state in ("returned", "returned_readopted"):
            self.do(plenary, "return_measure", organiser, mid, m["reason"])
            revised = plenary + timedelta(minutes=4)
            if "after" in times:
                revised = local_time(day, times["after"])
            self.do(revised, "edit_proposal", person(members[k % len(members)]), mid, m["revision"])
        if state == "returned_readopted":
            self.do(plenary + timedelta(minutes=8), "agree_in_group", moderator, mid)
            self.do(plenary + timedelta(minutes=12), "adopt_measure", organiser, mid)

    # --- after the conference: committees and implementation -------------------

    def committees_and_implementation(self, conf: Mapping[str, Any], measures: list[dict[str, Any]]) -> None:
        reporter = person(conf["reporter"])
        prefix, number = conf["papers"]
        for m in measures:
            if "committee" not in m:
                continue
            mid, decision = measure(m["key"]), m["committee"]
            to = committee(decision["to"])
            submitted, meeting = conf["committee_meetings"][decision["to"]]
            paper = f"{prefix}{number:04d}"
            number += 1
            self.do(local_time(submitted, "10:00"), "submit_measure", reporter, mid, to, paper)
            self.do(
                local_time(meeting, "19:00"),
                "record_committee_decision",
                reporter,
                mid,
                to,
                decision["decision"],
                meeting,
                decision.get("reason", ""),
                decision.get("amended"),
            )
            if "then" in decision:
                then = decision["then"]
                self.do(local_time(then["submitted"], "10:00"), "submit_measure", reporter, mid, to, f"{paper}/1")
                self.do(
                    local_time(then["on"], "19:00"),
                    "record_committee_decision",
                    reporter,
                    mid,
                    to,
                    then["decision"],
                    then["on"],
                    then.get("reason", ""),
                    then.get("amended"),
                )
            implementation = m.get("implementation", {})
            if "start" in implementation:
                day, note = implementation["start"]
                self.do(local_time(day, "09:30"), "start_implementation", reporter, mid, note)
            for report in implementation.get("progress", []):
                day, progress, note, *actuals = report
                self.do(
                    local_time(day, "11:00"),
                    "report_progress",
                    reporter,
                    mid,
                    progress,
                    note,
                    actuals[0] if actuals else None,
                )
            for day, indicator, value, source in implementation.get("actuals", []):
                self.do(
                    local_time(day, "15:00"),
                    "report_indicator_actual",
                    reporter,
                    mid,
                    indicator,
                    value,
                    day,
                    source,
                )
            if "outcome" in implementation:
                day, outcome, reason = implementation["outcome"]
                self.do(local_time(day, "14:00"), "complete_implementation", reporter, mid, outcome, reason)

    # --- the city series ------------------------------------------------------

    def city_series(self) -> None:
        c2020, c2022, c2024, c2026 = (data.CITY_CONFERENCES[cycle] for cycle in ("2020", "2022", "2024", "2026"))
        names = {key: name for key, name, *_ in data.CITY_GROUPS}
        history_2020, history_2022 = read_json("verlauf-stadt-2020.json"), read_json("verlauf-stadt-2022.json")
        continued_2022 = [m for m in history_2022 if m.get("continues")]
        carried_2022 = read_measures("massnahmen-stadt-2022-fortgefuehrt.csv", continued_2022, names)
        measures_2024 = read_measures("massnahmen-stadt-2024.csv", "verlauf-stadt-2024.json", names)
        proposals_2026 = read_measures("massnahmen-stadt-2026.csv", "verlauf-stadt-2026.json", names)
        groups = {key: _Group(list(mods), list(members)) for key, _, _, mods, members in data.CITY_GROUPS}
        city = {"series": DEMO_SERIES, "kind": "city", "district": ""}

        # 2020 and 2022: the catalogues came from the planning office's spreadsheet (the catalogue import)
        self.conference(c2020, previous=None, groups=data.CITY_GROUPS, **city)
        self.imported_session(c2020, "massnahmen-stadt-2020.csv", history_2020, [], [], groups)
        self.committees_and_implementation(c2020, history_2020)
        self.conference(c2022, previous=c2020["key"], groups=None, **city)
        imported_2022 = [m for m in history_2022 if not m.get("continues")]
        self.imported_session(c2022, "massnahmen-stadt-2022.csv", imported_2022, carried_2022, history_2020, groups)
        self.committees_and_implementation(c2022, history_2022)

        self.conference(c2024, previous=c2022["key"], groups=None, **city)
        self.session_day(c2024, measures_2024, groups, CITY_DAY, evaluate=history_2022)
        self.committees_and_implementation(c2024, measures_2024)

        self.conference(c2026, series=DEMO_SERIES, kind="city", district="", previous=c2024["key"], groups=None)
        for day, command, gkey, args, actor in data.CITY_GROUP_CHANGES_2026:
            resolved = tuple(person(a) if a in PERSON_KEYS else a for a in args)
            self.do(local_time(day, "14:00"), command, person(actor), group(c2026["key"], gkey), *resolved)
            g = groups[gkey]  # keep track of who moderates and drafts in 2026
            if command == "unassign_moderator":
                g.moderators.remove(args[0])
            elif command == "assign_moderator":
                g.moderators.append(args[0])
            elif command == "add_member":
                g.members.append(args[0])
            elif command == "remove_member":
                g.members.remove(args[0])
        self.session_2026(c2026, groups, measures_2024, proposals_2026)

    def session_2026(
        self,
        conf: Mapping[str, Any],
        groups: dict[str, _Group],
        measures_2024: list[dict[str, Any]],
        proposals_2026: list[dict[str, Any]],
    ) -> None:
        """The running conference: evaluations of the last cycle, new proposals; not closed."""
        key, day = conf["key"], conf["starts_on"]
        organiser = person(conf["organiser"])
        self.do(local_time(day, SESSION_2026["open"]), "open_session", organiser, _Ref(f"conference:{key}"))
        self.evaluations(key, day, SESSION_2026["evaluate"], measures_2024, groups, step=3)
        for k, m in enumerate(proposals_2026):
            self.proposal(key, day, SESSION_2026, k, m, groups[m["group"]], organiser)

    def evaluations(
        self, key: str, day: str, start: str, measures: list[dict[str, Any]], groups: dict[str, _Group], step: int
    ) -> None:
        """The groups evaluate the last cycle's measures (those with an evaluation), ``step`` minutes apart."""
        evaluated = [m for m in measures if "evaluation" in m]
        for k, m in enumerate(evaluated):
            e = m["evaluation"]
            self.do(
                local_time(day, start, step * k),
                "record_evaluation",
                person(groups[m["group"]].moderators[0]),
                measure(m["key"]),
                group(key, m["group"]),
                e["progress"],
                e["verdict"],
                e["rating"],
                e["summary"],
                [{"category": c, "text": t} for c, t in e["obstacles"]],
                [{"category": c, "text": t} for c, t in e["enablers"]],
                e.get("actuals"),
            )

    # --- older cycles: catalogues imported from a spreadsheet ----------------------

    def imported_session(
        self,
        conf: Mapping[str, Any],
        catalogue: str,
        imported: list[dict[str, Any]],
        carried: list[dict[str, Any]],
        evaluate: list[dict[str, Any]],
        groups: dict[str, _Group],
    ) -> None:
        """The catalogue is imported once the conference is prepared; on the day the groups evaluate the last
        cycle and carry measures over, and the plenary adopts everything."""
        key, day = conf["key"], conf["starts_on"]
        organiser = person(conf["organiser"])
        conference_id = _Ref(f"conference:{key}")
        self.call(local_time(conf["imported"], "11:00"), self._import_catalogue(key, catalogue, conf["organiser"]))
        self.do(local_time(day, OLDER_DAY["open"]), "open_session", organiser, conference_id)
        self.evaluations(key, day, OLDER_DAY["evaluate"], evaluate, groups, step=2)
        for k, m in enumerate(carried):
            self.proposal(key, day, OLDER_DAY, k, m, groups[m["group"]], organiser)
        for k, m in enumerate(imported, start=len(carried)):
            self.do(local_time(day, OLDER_DAY["plenary"], k), "adopt_measure", organiser, measure(m["key"]))
        self.do(local_time(day, OLDER_DAY["close"]), "close_session", organiser, conference_id)
        minutes_day, minutes_by, minutes = conf["minutes"]
        self.do(local_time(minutes_day, "10:00"), "publish_minutes", person(minutes_by), conference_id, minutes)

    def _import_catalogue(self, conf_key: str, catalogue: str, organiser: str) -> Callable[[], None]:
        """Import a catalogue file as an organiser would; remember each measure under its row's "Nr."."""

        def step() -> None:
            conference_id = self.ids[f"conference:{conf_key}"]
            plan = plan_import(self.app, conference_id, catalogue, (data.FOLDER / catalogue).read_bytes())
            if not plan.readable:
                raise ValueError(f"Demo-Katalog {catalogue}: {plan.report()['problems'] or plan.file_errors}")
            result = run_import(self.app, self.ids[f"person:{organiser}"], conference_id, plan)
            for measure_id in result.created:
                source = self.app.load(Measure, measure_id).import_source or {}
                self.ids[measure(str(source["key"]).removeprefix("kennung:")).key] = measure_id

        return step

    # --- a district series ------------------------------------------------------

    def district_series(self, series: Mapping[str, Any]) -> None:
        first, second = series["2025"], series["2026"]
        groups = {key: _Group(list(mods), list(members)) for key, _, _, mods, members in first["groups"]}
        common = {"series": series["series"], "kind": "district", "district": series["district"]}
        names = {key: name for key, name, *_ in first["groups"]}
        measures = read_measures(first["catalogue"], first["measures"], names)
        self.conference(first, previous=None, groups=first["groups"], **common)
        self.session_day(first, measures, groups, DISTRICT_DAY)
        self.committees_and_implementation(first, measures)
        self.conference(second, previous=first["key"], groups=None, **common)


def ensure_demo_accounts(app: Sozialkonferenz, accounts: Any) -> int:
    """Sign-in accounts for the demo's people, one per role (``DEMO_LOGINS``); returns how many were made."""
    from server.auth.passwords import hash_password

    ids = _person_ids(app)
    made = 0
    password_hash = ""
    for role, key in data.DEMO_ACCOUNTS.items():
        login = data.DEMO_LOGINS[role]
        person_id = ids.get(key)
        if person_id is None or accounts.account_by_login(login) or accounts.account_of(person_id):
            continue
        password_hash = password_hash or hash_password(data.DEMO_PASSWORD)
        accounts.create_account(person_id, login, password_hash)
        made += 1
    return made


def _person_ids(app: Sozialkonferenz) -> dict[str, UUID]:
    """The demo people's ids by key, found through their personal data (names are unique in the demo)."""
    by_name = {name: key for key, name, *_ in data.PEOPLE}
    topic = get_topic(Person.Registered)  # type: ignore[attr-defined]
    found: dict[str, UUID] = {}
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=500, topics=[topic])
        if not notifications:
            return found
        for notification in notifications:
            name = app.person_name(notification.originator_id)
            if name in by_name:
                found.setdefault(by_name[name], notification.originator_id)
        start = notifications[-1].id + 1


def iter_demo_accounts() -> Iterator[tuple[str, str, str]]:
    """(role, name, e-mail) of the person the demo offers for each role."""
    people = {key: (name, email) for key, name, email, _, _ in data.PEOPLE}
    for role, key in data.DEMO_ACCOUNTS.items():
        yield role, *people[key]
