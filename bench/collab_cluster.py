"""Live editing across two server processes (issue 16): one PostgreSQL database, joined by Redis.

    python -m bench.collab --only cluster [--cluster-clients 20] [--pairs 3] [--seconds 60]
    python -m bench.collab --floor --cluster      # make bench-collab: the series after the other runs

A series of rounds on fresh rooms, each round running, one after the other: the Node reference
(``reference``), our server as one process on SQLite (``ours``), as one process on PostgreSQL
(``ours-pg``) and as two processes on the same PostgreSQL database joined by Redis (``cluster``:
each room's clients alternate between the two processes, so about half of an edit's receivers
sit on the other process). Every other round runs in the reverse order, so neither side always
follows the other. The comparison that matters is one process against two on the same store:
per round, the p50 difference ``cluster − ours-pg`` (target: at most 2 ms) and the p99 ratio
``cluster / ours-pg`` (target: at most 1.25); the report gives their median over the rounds and
the range. Server CPU is the sum over the server's processes (Redis and PostgreSQL, shared with
the rest of the machine, are not counted in it).

The PostgreSQL database (``sozialkonferenz_bench_collab`` by default) is created if missing and
emptied at the start of every series, then prepared through the application like the SQLite one.
Each cluster gets a Redis key and channel prefix of its own (``SOZIALKONFERENZ_BROKER_PREFIX``).
After a run the cluster's ``/metrics`` (group commits and ``sk_broker_*``: messages, lag from
publishing to receiving) and ``/api/health`` (the processes with their rooms and connections) are
kept; a ``/metrics`` that wants an operator's token (401/403) is noted, not fatal. Each server's
log is searched for errors (tracebacks, ``ERROR`` lines).
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from bench.collab import (
    ROOMS,
    Server,
    bucket_quantile,
    histogram,
    load_run,
    persistence_figures,
    prepare_database,
    read_metrics,
    start_ours,
    start_reference,
)
from bench.collab_cluster_report import KINDS, brief, compare, summarise

RESULTS = Path(__file__).resolve().parent / "results" / "collab-cluster.json"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
DATABASE = "sozialkonferenz_bench_collab"
BROKER = "redis://127.0.0.1:6379/0"
# every simulated client signs in as the one load person: lift the per-person connection limit
OURS_ENV = {"SOZIALKONFERENZ_COLLAB_MAX_CONNECTIONS_PER_PERSON": "100000"}
LOG_PROBLEM = re.compile(r"Traceback|\bERROR\b|\b1011\b|CRITICAL")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="also run the cluster series: one process against two on PostgreSQL and Redis (bench/collab_cluster.py)",
    )
    parser.add_argument("--cluster-clients", type=int, default=20, help="cluster series: clients per room (20)")
    parser.add_argument("--postgres", default=POSTGRES, help=f"cluster series: PostgreSQL server ({POSTGRES})")
    parser.add_argument("--database-name", default=DATABASE, help=f"cluster series: its database ({DATABASE})")
    parser.add_argument("--broker", default=BROKER, help=f"cluster series: Redis ({BROKER})")
    parser.add_argument(
        "--cluster-servers",
        default=",".join(KINDS),
        help=f"cluster series: which servers, comma-separated ({','.join(KINDS)})",
    )
    parser.add_argument("--cluster-output", type=Path, default=RESULTS, help=f"cluster series' results ({RESULTS})")


def missing_services(args: argparse.Namespace) -> str | None:
    """Why the series cannot run (PostgreSQL or Redis unreachable), or None: checked before any run."""
    from redis import Redis
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(f"{args.postgres}/postgres", connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect: no usable PostgreSQL
        return f"the cluster series needs PostgreSQL at {args.postgres}: {error.__class__.__name__}: {error}"
    try:
        Redis.from_url(args.broker, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure to connect: no usable Redis
        return f"the cluster series needs Redis at {args.broker}: {error.__class__.__name__}: {error}"
    return None


# --- the database and the servers ------------------------------------------------------------


def fresh_database(server_url: str, name: str) -> str:
    """The benchmark database on ``server_url``, created if missing and emptied; its URL."""
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if exists is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = f"{server_url}/{name}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@dataclass
class Cluster(Server):
    """Several processes of one server: the load generator gets one URL per process."""

    members: list[Server] = field(default_factory=list)
    prefix: str = ""

    @property
    def url(self) -> str:
        return ",".join(member.url for member in self.members)

    @property
    def pids(self) -> list[int]:
        return [member.process.pid for member in self.members]

    def figures(self) -> dict[str, Any]:
        return {
            "persistence": [persistence_figures(m.port, self.token) for m in self.members],
            "broker": [cluster_figures(m.port, self.token) for m in self.members],
            "health": health(self.members[0].port),
        }

    def stop(self) -> None:
        for member in self.members:
            member.stop()


def start_cluster(workdir: Path, database_url: str, broker: str, token: str, processes: int = 2) -> Cluster:
    """``processes`` servers on one database and broker, started at the same time, with a fresh prefix."""
    prefix = f"sk_bench:{secrets.token_hex(4)}"
    env = {**OURS_ENV, "SOZIALKONFERENZ_BROKER_PREFIX": prefix}
    with ThreadPoolExecutor(processes) as pool:
        starting = [
            pool.submit(start_ours, workdir, database_url, env, f"cluster{n + 1}", ("--broker", broker))
            for n in range(processes)
        ]
        members = []
        for future in starting:
            try:
                members.append(future.result())
            except RuntimeError:
                for other in starting:
                    if other.done() and other.exception() is None:
                        other.result().stop()
                raise
    for member in members:
        member.token = token
    first = members[0]
    return Cluster("cluster", first.process, first.port, first.log, ours=True, token=token, members=members,
                   prefix=prefix)  # fmt: skip


def counter_total(text: str, name: str) -> float:
    """The sum of a Prometheus counter over its labels."""
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if re.match(rf"{name}(\{{| )", line))


def cluster_figures(port: int, token: str) -> dict[str, Any]:
    """One process's broker traffic in this run (messages out and in, drops, reconnects, lag), and its
    writes that lost a race for a stream version to the other process (``sk_collab_write_retries``)."""
    text = read_metrics(port, token)
    if isinstance(text, dict):
        return text
    lag, lag_sum, received = histogram(text, "sk_broker_lag_seconds")

    def ms(q: float) -> float | None:
        bound = bucket_quantile(lag, received, q)
        return None if bound is None or bound == float("inf") else round(1000 * bound, 1)

    return {
        "published": int(counter_total(text, "sk_broker_published_total")),
        "received": int(counter_total(text, "sk_broker_received_total")),
        "dropped": int(counter_total(text, "sk_broker_dropped_total")),
        "reconnects": int(counter_total(text, "sk_broker_reconnects_total")),
        "lag_mean_ms": round(1000 * lag_sum / received, 2) if received else None,
        "lag_p50_ms_at_most": ms(0.5),
        "lag_p99_ms_at_most": ms(0.99),
        "write_retries": int(counter_total(text, "sk_collab_write_retries_total")),
        "room_failures": int(counter_total(text, "sk_collab_room_failures_total")),
        "updates_invalid": int(counter_total(text, "sk_collab_updates_invalid_total")),
    }


def health(port: int) -> Any:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as response:
            return json.loads(response.read())
    except (OSError, ValueError) as error:
        return {"error": str(error)}


def log_problems(servers: list[Server]) -> list[str]:
    """Lines of the servers' logs that name an error (the first 20)."""
    found: list[str] = []
    for server in servers:
        for member in server.members if isinstance(server, Cluster) else [server]:
            lines = member.log.read_text(errors="replace").splitlines() if member.log.exists() else []
            found += [f"{member.log.name}: {line}" for line in lines if LOG_PROBLEM.search(line)]
    return found[:20]


# --- the series ------------------------------------------------------------------------------


def run_series(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    clients, rounds = args.cluster_clients, args.pairs or 3
    print(f"cluster series: preparing SQLite and PostgreSQL ({args.database_name}) …", file=sys.stderr, flush=True)
    sqlite_url = f"sqlite:///{workdir / 'cluster-series.db'}"
    sqlite = prepare_database(sqlite_url, [], spare_runs=rounds)
    postgres_url = fresh_database(args.postgres, args.database_name)
    postgres = prepare_database(postgres_url, [], spare_runs=2 * rounds)
    started: list[Server] = []

    def keep(start: Callable[[], Server]) -> Callable[[], Server]:
        def run() -> Server:
            server = start()
            started.append(server)
            return server

        return run

    def ours(url: str, name: str, token: str) -> Server:
        env = {**OURS_ENV, "SOZIALKONFERENZ_SQLITE_SYNCHRONOUS": args.sqlite_synchronous}
        server = start_ours(workdir, url, env, name)
        server.token = token
        return server

    starters = {
        "reference": (keep(lambda: start_reference(workdir)), str(UUID(int=1))),
        "ours": (keep(lambda: ours(sqlite_url, "ours", sqlite.token)), sqlite.token),
        "ours-pg": (keep(lambda: ours(postgres_url, "ours-pg", postgres.token)), postgres.token),
        "cluster": (keep(lambda: start_cluster(workdir, postgres_url, args.broker, postgres.token)), postgres.token),
    }
    rooms = {
        "ours": sqlite.spare_rooms,
        "ours-pg": postgres.spare_rooms[0::2],
        "cluster": postgres.spare_rooms[1::2],
        "reference": [[str(uuid4()) for _ in range(ROOMS)] for _ in range(rounds)],
    }
    results: dict[str, Any] = {"clients": clients, "rounds": []}
    kinds = [kind for kind in KINDS if kind in args.cluster_servers.split(",")]
    for n in range(rounds):
        order = kinds if n % 2 == 0 else kinds[::-1]
        full: dict[str, Any] = {}
        for kind in order:
            start, actor = starters[kind]
            print(f"cluster series, round {n + 1}/{rounds}: {kind}, {ROOMS} × {clients} …", file=sys.stderr, flush=True)
            before = len(started)
            try:
                full[kind] = load_run(start, rooms[kind][n], clients, args, actor)
            except RuntimeError as error:
                full[kind] = {"error": str(error)}
            full[kind]["log_problems"] = log_problems(started[before:])
        runs = {kind: brief(full[kind]) for kind in kinds}
        results["rounds"].append({"order": list(order), "runs": runs, **compare(runs), "full": full})
    results["summary"] = summarise(results["rounds"])
    return results
