"""The query parameters of every read, one model each: views, the auditor's routes, sign-in and tokens.

Query values arrive as text; numbers are plain decimal digits. A parameter left out, or sent empty where
it is optional text, means "no filter". Names a model does not know are ignored (caches and proxies add
some), as HTTP clients expect.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints

from server.http.types import ANY_TEXT, ChainHead, Model, Moment, Uuid, query_int, query_integer

Filter = Annotated[str, StringConstraints(pattern=ANY_TEXT, max_length=500)]
Limit = query_int(1, 1000)
Offset = query_int(0, 10**9)
Version = query_int(1, 10**9)
Position = query_int(0, 2**63 - 1)
DecisionLimit = query_int(1, 5000)


class Query(Model):
    model_config = ConfigDict(extra="ignore", strict=False)


class View(Query):
    """What every view takes: the store position it must include (read-your-writes; else the cookie's)."""

    min_position: Position | None = Field(
        None,
        description="Position im Ereignisspeicher, die die Ansicht enthalten muss (sonst wird gewartet, höchstens 5 s)",
    )


class Conferences(View):
    series: Filter | None = None


class Catalogue(View):
    conference_id: Uuid | None = None
    cycle: Filter | None = None
    working_group_id: Uuid | None = None
    lineage_id: Uuid | None = Field(None, description="ständige Arbeitsgruppe über Zyklen hinweg")
    status: Filter | None = None
    district: Filter | None = None
    lead_organisation_id: Uuid | None = None
    committee_id: Uuid | None = None
    series: Filter | None = None
    q: Filter | None = Field(None, description="Volltextsuche in Titel und Text")
    limit: Limit = 200
    offset: Offset = 0


class Decisions(View):
    conference_id: Uuid | None = None
    aggregate_id: Uuid | None = None
    kind: Filter | None = None
    actor_id: Uuid | None = None
    since: Filter | None = Field(None, description="frühester Zeitpunkt (ISO 8601, wie gespeichert verglichen)")
    until: Filter | None = Field(None, description="spätester Zeitpunkt (ISO 8601, wie gespeichert verglichen)")
    limit: DecisionLimit = 500
    offset: Offset = 0


class Comparison(View):
    series: Annotated[str, StringConstraints(pattern=ANY_TEXT, min_length=1, max_length=500)] = Field(
        description="Konferenzreihe"
    )


# --- the auditor's routes ----------------------------------------------------------


class State(Query):
    """``at`` wins over ``version``; with neither, the current state."""

    version: Version | None = None
    at: Moment | None = None


class AsOf(Query):
    """Without ``at``: now."""

    at: Moment | None = None


class DecisionDiff(Query):
    from_: Version = Field(alias="from", description="Version des ersten Beschlusses")
    to: Version = Field(description="Version des zweiten Beschlusses")


class TextAt(Query):
    """``version`` wins over ``at``; with neither, the text now."""

    at: Moment | None = None
    version: Version | None = Field(None, description="nach dieser Version des Live-Dokuments")


class LiveUpdates(Query):
    from_: Version = Field(alias="from", description="erste Version des Live-Dokuments")
    to: Version = Field(description="letzte Version des Live-Dokuments")


class Chain(Query):
    refresh: Annotated[Literal[0, 1], BeforeValidator(query_integer)] = Field(
        0, description="1: neu prüfen statt des Ergebnisses für diese Position"
    )
    expect: ChainHead | None = Field(None, description="notierter Kopf POSITION:HASH: immer neu prüfen")


# --- sign-in, live changes, tokens ----------------------------------------------------


class Changes(Query):
    conference_id: Uuid | None = None


class Permissions(Query):
    measure_id: Uuid | None = None
    working_group_id: Uuid | None = None
    conference_id: Uuid | None = None
    committee_id: Uuid | None = None
    coordination_group_id: Uuid | None = None


class Tokens(Query):
    person_id: Uuid | None = Field(None, description="wessen Schlüssel (Organisationsteam); sonst die eigenen")
