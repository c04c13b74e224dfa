"""The read tables of every view, in the same database as the events.

Ids are stored as 36-character strings and times as ISO-8601 UTC strings, so
that SQLite and PostgreSQL sort and compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

ID = 36
TIME = 32


def _id(name: str, **kwargs: object) -> Column[str]:
    return Column(name, String(ID), **kwargs)  # type: ignore[arg-type]


positions = Table(
    "projection_positions",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("updated_at", String(TIME), nullable=False),
)

# --- reference data --------------------------------------------------------------

organisations = Table(
    "view_organisations",
    metadata,
    _id("id", primary_key=True),
    Column("name", String(500), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("district", String(500), nullable=False),
)

committees = Table(
    "view_committees",
    metadata,
    _id("id", primary_key=True),
    Column("name", String(500), nullable=False),
    Column("short_name", String(20), nullable=False),
)

people = Table(
    "view_people",
    metadata,
    _id("id", primary_key=True),
    _id("organisation_id", nullable=True),
    Column("erased", Boolean, nullable=False),
    Column("registered_at", String(TIME), nullable=False),
)

# --- conference overview -----------------------------------------------------------

conferences = Table(
    "view_conferences",
    metadata,
    _id("id", primary_key=True),
    Column("series", String(500), nullable=False),
    Column("title", String(500), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("cycle", String(20), nullable=False),
    Column("district", String(500), nullable=False),
    Column("starts_on", String(10), nullable=False),
    Column("venue", String(500), nullable=False),
    Column("status", String(20), nullable=False),
    Column("focus_topic", String(500), nullable=False),
    Column("agenda", JSON, nullable=False),
    _id("previous_conference_id", nullable=True),
    Column("working_group_count", Integer, nullable=False),
    Column("invited_organisation_ids", JSON, nullable=False),
    Column("minutes", Text, nullable=False),
    Column("created_at", String(TIME), nullable=False),
    Column("updated_at", String(TIME), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_view_conferences_series", "series", "starts_on"),
)

# --- working group board -----------------------------------------------------------

working_groups = Table(
    "view_working_groups",
    metadata,
    _id("id", primary_key=True),
    _id("conference_id", nullable=False),
    Column("number", Integer, nullable=False),
    Column("name", String(500), nullable=False),
    Column("topic", String(500), nullable=False),
    _id("lineage_id", nullable=False),
    _id("predecessor_id", nullable=True),
    Column("member_ids", JSON, nullable=False),
    Column("moderator_ids", JSON, nullable=False),
    Column("proposal_count", Integer, nullable=False),
    Column("closed", Boolean, nullable=False),
    Column("updated_at", String(TIME), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_view_working_groups_conference", "conference_id", "number"),
    Index("ix_view_working_groups_lineage", "lineage_id"),
)

# --- measure catalogue -------------------------------------------------------------

measures = Table(
    "view_measures",
    metadata,
    _id("id", primary_key=True),
    Column("reference", String(50), nullable=False),
    _id("conference_id", nullable=False),
    Column("cycle", String(20), nullable=False),
    _id("working_group_id", nullable=False),
    _id("lineage_id", nullable=False),
    Column("status", String(30), nullable=False),
    Column("title", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("goal", Text, nullable=False),
    Column("target_group", Text, nullable=False),
    Column("district", Text, nullable=False),
    Column("lead", Text, nullable=False),
    Column("partners", Text, nullable=False),
    Column("timeframe", Text, nullable=False),
    Column("cost", Text, nullable=False),
    Column("funding", Text, nullable=False),
    Column("indicators", Text, nullable=False),
    _id("lead_organisation_id", nullable=True),
    Column("partner_organisation_ids", JSON, nullable=False),
    Column("cost_estimate_eur", BigInteger, nullable=True),
    Column("funding_secured", Boolean, nullable=False),
    Column("indicator_list", JSON, nullable=False),
    _id("committee_id", nullable=True),
    Column("paper_number", String(50), nullable=False),
    Column("committee_decision", String(20), nullable=False),
    Column("progress", Integer, nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("proposal_version", Integer, nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("rating", Integer, nullable=True),
    _id("evaluated_by_conference_id", nullable=True),
    _id("continues_measure_id", nullable=True),
    _id("carried_over_to", nullable=True),
    Column("ever_proposed", Boolean, nullable=False),
    Column("ever_adopted", Boolean, nullable=False),
    Column("ever_approved", Boolean, nullable=False),
    Column("ever_rejected", Boolean, nullable=False),
    Column("search_text", Text, nullable=False),
    Column("created_at", String(TIME), nullable=False),
    Column("updated_at", String(TIME), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_view_measures_conference", "conference_id", "status"),
    Index("ix_view_measures_group", "working_group_id"),
    Index("ix_view_measures_lineage", "lineage_id", "cycle"),
    Index("ix_view_measures_committee", "committee_id"),
    Index("ix_view_measures_cycle_status", "cycle", "status"),
)

evaluation_factors = Table(
    "view_evaluation_factors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _id("measure_id", nullable=False),
    Column("factor", String(10), nullable=False),  # obstacle | enabler
    Column("category", String(30), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_view_evaluation_factors_measure", "measure_id"),
)

# --- decision log ------------------------------------------------------------------

decisions = Table(
    "view_decisions",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(TIME), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("aggregate_type", String(20), nullable=False),
    _id("aggregate_id", nullable=False),
    Column("aggregate_version", Integer, nullable=False),
    _id("conference_id", nullable=True),
    _id("actor_id", nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("decision", String(20), nullable=False),
    _id("committee_id", nullable=True),
    Column("detail", JSON, nullable=False),
    Index("ix_view_decisions_aggregate", "aggregate_id"),
    Index("ix_view_decisions_conference", "conference_id", "position"),
)

decision_measures = Table(
    "view_decisions_measures",  # the decision log's own note of each measure's conference
    metadata,
    _id("id", primary_key=True),
    _id("conference_id", nullable=False),
)

# --- committee docket --------------------------------------------------------------

docket = Table(
    "view_committee_docket",
    metadata,
    Column("id", String(ID + 8), primary_key=True),  # measure id and submission number
    _id("measure_id", nullable=False),
    _id("committee_id", nullable=False),
    Column("paper_number", String(50), nullable=False),
    Column("submitted_at", String(TIME), nullable=False),
    Column("recommendation", JSON, nullable=False),  # the plenary's adopted text and hash
    Column("decision", String(20), nullable=False),
    Column("decided_on", String(10), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_text", JSON, nullable=True),
    Index("ix_view_committee_docket_committee", "committee_id", "submitted_at"),
)

committee_members = Table(
    "view_committee_members",  # who may record each committee's decisions (names come from personal data)
    metadata,
    _id("id", primary_key=True),  # the committee's id
    Column("member_ids", JSON, nullable=False),
)

docket_recommendations = Table(
    "view_committee_docket_recommendations",  # the docket's own note of each adopted text
    metadata,
    _id("id", primary_key=True),  # the measure's id
    Column("recommendation", JSON, nullable=False),
    Column("submissions", Integer, nullable=False),
)

# --- districts (Sozialräume) and indicator actuals ----------------------------------

districts = Table(
    "view_districts",
    metadata,
    _id("id", primary_key=True),
    Column("name", String(100), nullable=False),
    Column("citywide", Boolean, nullable=False),
    Column("retired", Boolean, nullable=False),
    Column("position", Integer, nullable=False),  # order of registration ("gesamtstädtisch" first)
)

measure_districts = Table(
    "view_measure_districts",
    metadata,
    _id("measure_id", primary_key=True),
    _id("district_id", primary_key=True),
    Column("position", Integer, nullable=False),  # order in which the measure names them
    Index("ix_view_measure_districts_district", "district_id"),
)

indicator_actuals = Table(
    "view_indicator_actuals",
    metadata,
    Column("id", String(40), primary_key=True),  # event position and index within the event
    Column("position", BigInteger, nullable=False),
    _id("measure_id", nullable=False),
    Column("indicator", String(200), nullable=False),
    Column("value", String(40), nullable=True),  # canonical decimal text; None: a free text (see remark)
    Column("date", String(10), nullable=False),
    Column("source", String(500), nullable=False),
    Column("remark", Text, nullable=False),
    _id("reported_by", nullable=True),
    Column("kind", String(20), nullable=False),  # report | progress | evaluation
    Index("ix_view_indicator_actuals_measure", "measure_id", "position"),
)

# --- times of aggregates whose views keep none (OParl's created/modified) ----------------

object_times = Table(
    "view_object_times",
    metadata,
    _id("id", primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("created_at", String(TIME), nullable=False),
    Column("modified_at", String(TIME), nullable=False),
    Column("events", Integer, nullable=False),  # how many: grows with every event, whatever its time stamp
)

# --- people who agreed to be named publicly, and their public roles (OParl's Person and Membership) ----

public_people = Table(
    "view_public_people",  # only people who once agreed; ``consented`` false again after withdrawal or erasure
    metadata,
    _id("id", primary_key=True),
    Column("consented", Boolean, nullable=False),
    Column("erased", Boolean, nullable=False),
    Column("created_at", String(TIME), nullable=False),  # the first consent
    Column("modified_at", String(TIME), nullable=False),  # the last consent, withdrawal or erasure
)

public_roles = Table(
    "view_public_roles",  # every span of a public role, whoever holds it (shown only with consent)
    metadata,
    _id("id", primary_key=True),
    _id("person_id", nullable=False),
    Column("kind", String(20), nullable=False),  # moderator | committee | coordination | chair | organiser
    _id("target_id", nullable=False),  # the working group, committee, coordination group or conference
    Column("start_at", String(TIME), nullable=False),
    Column("end_at", String(TIME), nullable=True),
    Column("modified_at", String(TIME), nullable=False),
    Index("ix_view_public_roles_person", "person_id"),
)
