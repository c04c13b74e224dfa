"""Live-editing benchmark: our server against the Node reference (``@y/websocket-server``) and Hocuspocus.

    python -m bench.collab [--seconds 60] [--clients 5,20,50] [--only reference|hocuspocus|floor|ours|cluster]
                           [--floor] [--skip-hocuspocus] [--skip-joinstorm] [--sqlite-synchronous FULL|NORMAL]
                           [--pairs N] [--history N] [--output FILE] [--cluster] [--logs DIR]

Needs ``npm ci --prefix bench/collab`` (``make bench-collab`` does both). For each server and each
number of clients C it starts the server afresh as a subprocess on a free port of 127.0.0.1 and
runs ``bench/collab/loadgen.mjs``: 12 rooms × C y-websocket clients, each typing 2 tokens per
second into ``description`` (after a warm-up), latency = until the last other client of the room
has an edit. Meanwhile it samples the server process's CPU time and memory from ``/proc``. Then
the join storm (``bench/collab/joinstorm.mjs``): 20,000 prior edits in one room, 300 clients
connecting at once.

Our server gets a fresh SQLite database in a temporary folder, prepared through the application:
a conference in session with 12 working groups and one draft per group and run (rooms are never
reused, so every run starts with empty documents; the reference server gets the same ids). For
the join storm only, our server's per-connection message limit is raised
(``SOZIALKONFERENZ_COLLAB_MESSAGES_PER_SECOND``/``_BURST``): the writer sends its 20,000 edits as
fast as it can, which the default limit (200/s) would rightly refuse as a flood.

Hocuspocus (``bench/collab/hocuspocus_server.mjs``: ``@hocuspocus/server`` from npm, version pinned in
``bench/collab/package.json``, in memory, no extensions) runs beside the y-websocket reference; the load
generator speaks its protocol through ``@hocuspocus/provider`` (``loadgen.mjs --protocol hocuspocus``).
Every server gets fresh rooms in every run: ours new proposals created through the application, the Node
servers start empty anyway. For every run the server's CPU time per 1,000 updates delivered to a client
(``server.cpu_ms_per_1000_deliveries``) is reported beside its CPU share: the fair comparison of work per
update, whatever the load generator managed to deliver on a busy machine.

``--floor`` also runs ``bench/collab/null_relay.mjs``, a relay that keeps no document and stores
nothing (it answers a sync step 1 with an empty step 2 and sends each update on, byte for byte):
what the load generator measures against it is the machine's and the load generator's share of
the latency, the floor no server can go below here. It is reported beside the others, with its
p99 as a ratio to the reference's (no join storm: it has no document to join).

``--pairs N`` runs each client count N times more, every server one after the other (reference,
Hocuspocus, the floor, ours), each on fresh rooms: single runs on a shared machine vary a lot, the pairs
show how much. Reported per client count: every pair's p99 and CPU per 1,000 deliveries of each server,
the ratios ours/Hocuspocus and ours/reference, their medians and ranges, and the issue's targets (at
C = 20: CPU per delivery at most Hocuspocus's, p99 at most 1.0 × Hocuspocus's and 0.8 × the reference's;
at C = 50: p99 at most Hocuspocus's) as met or not.

``--history N`` then runs ours and Hocuspocus once more at the first client count with one of the 12
rooms holding N prior updates (a writer client makes them, one update each, before any other client
connects, then stays connected, idle: it keeps Hocuspocus' document in memory): join time (until a client
synced) and latency are reported for that room and for the fresh ones beside it (``history`` in each
server's entry).

``--cluster`` (or ``--only cluster``) then runs the cluster series of ``bench/collab_cluster.py``:
one process against two on PostgreSQL and Redis, with the reference beside them, into
``bench/results/collab-cluster.json``. ``--logs DIR`` keeps the servers' logs (and the SQLite
databases) in DIR instead of a temporary folder.

Results go to ``bench/results/collab.json`` (with ours/reference ratios when both ran) and a
Markdown table to stdout. CPU figures are percent of one core. The machine is shared by server,
load generator and anything else running: the table shows what the load generator and other
processes used during each measured window, so a saturated machine is visible. On a 2-core
machine, 12 × 50 clients at 2 edits/s (about 58,800 deliveries/s) need more than the machine has
(the load generator alone spends roughly 20–25 µs of CPU per delivery, mostly socket I/O).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "bench" / "collab"
RESULTS = ROOT / "bench" / "results" / "collab.json"
ROOMS = 12
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- processes and /proc ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_kib(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


def machine_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    numbers = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = numbers[3] + numbers[4]
    total = sum(numbers[:8])
    return total - idle, total


@dataclass
class Snapshot:
    at: float
    cpu: float
    machine: tuple[int, int]


class Sampler(threading.Thread):
    """Follows a server's processes: their peak resident memory (summed over the processes), and
    snapshots of their CPU time (summed) on request."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.peaks_kib = dict.fromkeys(pids, 0)
        self._stop_event = threading.Event()

    @property
    def peak_rss_kib(self) -> int:
        return sum(self.peaks_kib.values())

    def _measure(self, key: str) -> None:
        for pid in self.pids:
            with contextlib.suppress(OSError, ValueError):
                self.peaks_kib[pid] = max(self.peaks_kib[pid], memory_kib(pid).get(key, 0))

    def run(self) -> None:
        while not self._stop_event.wait(0.1):
            self._measure("VmRSS")

    def snapshot(self) -> Snapshot:
        return Snapshot(time.monotonic(), sum(cpu_seconds(pid) for pid in self.pids), machine_times())

    def stop(self) -> None:
        self._measure("VmHWM")
        self._stop_event.set()


def usage_between(first: Snapshot, last: Snapshot) -> dict[str, float]:
    seconds = max(last.at - first.at, 1e-9)
    busy = last.machine[0] - first.machine[0]
    total = max(last.machine[1] - first.machine[1], 1)
    return {
        "cpu_seconds": round(last.cpu - first.cpu, 2),
        "cpu_percent": round(100 * (last.cpu - first.cpu) / seconds, 1),
        "machine_busy_percent": round(100 * busy / total, 1),
        "window_s": round(seconds, 2),
    }


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    ours: bool = False  # our server: has /metrics
    token: str = ""  # sent to /metrics (it may want an operator's token)
    protocol: str = "y-websocket"  # what the load generator speaks to it (``hocuspocus``: @hocuspocus/provider)

    @property
    def url(self) -> str:
        """The live-editing URL(s) for the load generator (a cluster gives one per process, comma-separated)."""
        if self.protocol == "hocuspocus":  # the document name travels in every message, not in the path
            return f"ws://127.0.0.1:{self.port}"
        return f"ws://127.0.0.1:{self.port}/collab"

    @property
    def pids(self) -> list[int]:
        return [self.process.pid]

    def figures(self) -> dict[str, Any]:
        """What the server itself reports after a run (our server: its group commits)."""
        return {"persistence": persistence_figures(self.port, self.token)} if self.ours else {}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; log: {log}\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s; log: {log}")


def start_node(name: str, script: str, workdir: Path) -> Server:
    port = free_port()
    log = workdir / f"{name}-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["node", str(JS / script), "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    wait_for_http(f"http://127.0.0.1:{port}/", process, log)
    return Server(name, process, port, log)


def start_reference(workdir: Path) -> Server:
    return start_node("reference", "reference_server.mjs", workdir)


def start_hocuspocus(workdir: Path) -> Server:
    """Hocuspocus (``hocuspocus_server.mjs``): ``@hocuspocus/server`` in memory, no extensions."""
    server = start_node("hocuspocus", "hocuspocus_server.mjs", workdir)
    server.protocol = "hocuspocus"
    return server


def start_floor(workdir: Path) -> Server:
    """The null relay (``null_relay.mjs``): no document, no storage; the floor of the measurement."""
    return start_node("floor", "null_relay.mjs", workdir)


def start_ours(
    workdir: Path, database_url: str, env: dict[str, str] | None = None, name: str = "ours", extra: tuple[str, ...] = ()
) -> Server:
    port = free_port()
    log = workdir / f"{name}-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--database", database_url, *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
    wait_for_http(f"http://127.0.0.1:{port}/api/health", process, log)
    return Server(name, process, port, log, ours=True)


# --- our server's database -------------------------------------------------------------------


@dataclass
class Setup:
    person_id: UUID
    token: str = ""  # the load person's API token (sent as ``token``, as the browser's provider would)
    rooms_per_run: dict[int, list[str]] = field(default_factory=dict)
    rooms_per_pair: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (clients, pair): fresh rooms
    joinstorm_room: str = ""
    spare_rooms: list[list[str]] = field(default_factory=list)  # fresh rooms for further runs (the cluster series)


def prepare_database(database_url: str, client_counts: list[int], pairs: int = 0, spare_runs: int = 0) -> Setup:
    """A conference in session with 12 groups; one draft per group for every run and the storm
    (and for ``spare_runs`` further runs)."""
    from domain.application import SYSTEM_ACTOR
    from server.composition import build_application, close_application

    app = build_application(database_url)
    try:
        actor = SYSTEM_ACTOR
        person = app.register_person(actor, "Lena Lastprobe", "lena.lastprobe@example.org")
        organisation = app.register_organisation(actor, "Sozialamt Lastprobe", "department", "Mitte")
        conference = app.schedule_conference(
            actor, "Sozialkonferenz Lastprobe", "city", "Lastprobe", "2030", "2030-03-01", "Rathaus", "Mitte"
        )
        groups = [
            app.form_working_group(actor, conference, f"Arbeitsgruppe {n + 1}", f"Thema {n + 1}") for n in range(ROOMS)
        ]
        app.set_focus_topic(actor, conference, "Gemeinsam schreiben")
        app.set_agenda(actor, conference, ["Begrüßung", "Arbeitsgruppen", "Abschluss"])
        app.invite_organisations(actor, conference, [organisation])
        app.mark_conference_prepared(actor, conference)
        app.open_session(actor, conference)
        from server.auth.store import AccountStore

        app.grant_global_role(actor, person, "organiser")  # may edit every group's proposal
        app.grant_global_role(actor, person, "operator")  # may read /metrics
        token = AccountStore(app.recorder.datastore.engine).create_token(person, "Lastprobe")  # type: ignore[attr-defined]
        setup = Setup(person_id=person, token=token)
        for clients in client_counts:
            setup.rooms_per_run[clients] = [
                str(app.draft_measure(actor, group, {"title": f"Lastprobe {clients} Personen, Gruppe {n + 1}"}))
                for n, group in enumerate(groups)
            ]
            for pair in range(pairs):
                setup.rooms_per_pair[clients, pair] = [
                    str(app.draft_measure(actor, group, {"title": f"Lastprobe {clients} Personen, Paar {pair + 1}"}))
                    for group in groups
                ]
        setup.joinstorm_room = str(app.draft_measure(actor, groups[0], {"title": "Lastprobe Ansturm"}))
        for run in range(spare_runs):
            setup.spare_rooms.append(
                [str(app.draft_measure(actor, group, {"title": f"Lastprobe Lauf {run + 1}"})) for group in groups]
            )
        return setup
    finally:
        close_application(app)


# --- running the node scripts ----------------------------------------------------------------


def run_node(
    script: str, args: list[str], sampler: Sampler, marks: tuple[str, str], timeout: float
) -> tuple[dict[str, Any], dict[str, float] | None]:
    """Run a node script; snapshot the server's CPU at the two progress phases named in ``marks``."""
    command = ["node", str(JS / script), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    snapshots: dict[str, Snapshot] = {}
    stderr_tail: list[str] = []

    def follow() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            try:
                phase = json.loads(line).get("phase")
            except (json.JSONDecodeError, AttributeError):
                phase = None
            if phase in marks:
                with contextlib.suppress(OSError, ValueError):
                    snapshots[phase] = sampler.snapshot()
            if phase is None:
                stderr_tail.append(line)
                del stderr_tail[:-40]
            else:
                print(f"    {script}: {phase}", file=sys.stderr, flush=True)

    out: list[str] = []

    def collect() -> None:
        assert process.stdout is not None
        out.extend(process.stdout)

    readers = [threading.Thread(target=follow, daemon=True), threading.Thread(target=collect, daemon=True)]
    for reader in readers:
        reader.start()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise RuntimeError(f"{script} did not finish within {timeout:.0f} s") from None
    for reader in readers:
        reader.join(5)
    stdout = "".join(out)
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{script} printed no result (exit {process.returncode}):\n{''.join(stderr_tail)}")
    result: dict[str, Any] = json.loads(lines[-1])
    result["exit_code"] = process.returncode
    usage = usage_between(snapshots[marks[0]], snapshots[marks[1]]) if len(snapshots) == 2 else None
    return result, usage


@contextlib.contextmanager
def running(start: Callable[[], Server]) -> Iterator[tuple[Server, Sampler]]:
    server: Server = start()
    sampler = Sampler(server.pids)
    sampler.start()
    try:
        yield server, sampler
    finally:
        sampler.stop()
        server.stop()


def histogram(text: str, name: str) -> tuple[list[tuple[float, float]], float, float]:
    """Cumulative buckets (upper bound, count), sum and count of one Prometheus histogram."""
    buckets, total, count = [], 0.0, 0.0
    for line in text.splitlines():
        if line.startswith(f"{name}_bucket{{"):
            bound = line.split('le="', 1)[1].split('"', 1)[0]
            buckets.append((float(bound), float(line.rsplit(" ", 1)[1])))
        elif line.startswith(f"{name}_sum "):
            total = float(line.rsplit(" ", 1)[1])
        elif line.startswith(f"{name}_count "):
            count = float(line.rsplit(" ", 1)[1])
    return buckets, total, count


def bucket_quantile(buckets: list[tuple[float, float]], count: float, q: float) -> float | None:
    """The upper bound of the bucket holding the q-quantile (Prometheus buckets are coarse)."""
    for bound, cumulative in buckets:
        if count and cumulative >= q * count:
            return bound
    return None


def read_metrics(port: int, token: str = "") -> str | dict[str, str]:
    """Our server's ``/metrics`` text, or ``{"error": …}`` (e.g. 401/403 where it wants an operator's token)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return str(response.read().decode())
    except OSError as error:  # urllib's HTTPError (401, 403, …) is one too
        return {"error": str(error)}


def persistence_figures(port: int, token: str = "") -> dict[str, Any]:
    """What durability cost in this run: our server's group commits, from its ``/metrics``."""
    text = read_metrics(port, token)
    if isinstance(text, dict):
        return text
    seconds, seconds_sum, batches = histogram(text, "sk_collab_persist_seconds")
    _, updates, _ = histogram(text, "sk_collab_persist_batch_size")
    relay, relay_sum, relayed = histogram(text, "sk_collab_relay_seconds")
    return {
        "batches": int(batches),
        "updates": int(updates),
        "updates_per_batch": round(updates / batches, 2) if batches else None,
        "commit_mean_ms": round(1000 * seconds_sum / batches, 2) if batches else None,
        # bucket bounds: the true value lies at or below
        "commit_p50_ms_at_most": _ms(bucket_quantile(seconds, batches, 0.5)),
        "commit_p99_ms_at_most": _ms(bucket_quantile(seconds, batches, 0.99)),
        # from an update's arrival until it went out to the others, the commit included: the server's share
        "relay_mean_ms": round(1000 * relay_sum / relayed, 2) if relayed else None,
        "relay_p50_ms_at_most": _ms(bucket_quantile(relay, relayed, 0.5)),
        "relay_p99_ms_at_most": _ms(bucket_quantile(relay, relayed, 0.99)),
    }


def _ms(value: float | None) -> float | None:
    return None if value is None or value == float("inf") else round(1000 * value, 1)


def load_run(
    start: Callable[[], Server],
    rooms: list[str],
    clients: int,
    args: argparse.Namespace,
    actor: str | None,
    extra: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One load generator run against a server started afresh; ``extra``: more loadgen options."""
    with running(start) as (server, sampler):
        loadgen_args = [
            "--protocol", server.protocol,
            "--url", server.url,
            "--rooms", ",".join(rooms),
            "--clients", str(clients),
            "--rate", str(args.rate),
            "--seconds", str(args.seconds),
            "--warmup", str(args.warmup),
        ]  # fmt: skip
        if actor:
            loadgen_args += ["--actor-param", actor]
        if args.processes:
            loadgen_args += ["--processes", str(args.processes)]
        if clients >= 50 and getattr(args, "typing_at_50", 0):  # the issue's C = 50: a few type, the rest read
            loadgen_args += ["--typing", str(args.typing_at_50)]
        loadgen_args += list(extra)
        timeout = 120 + args.warmup + args.seconds + 30 + 60 + (600 if extra else 0)
        result, usage = run_node("loadgen.mjs", loadgen_args, sampler, ("measure-start", "measure-end"), timeout)
        sampler.stop()
        details = result.pop("rooms_detail", [])
        failed = [room for room in details if not (room["converged"] and room["complete"])]
        if failed:  # what each client ended with, where a room did not come out right
            result["rooms_not_converged"] = failed
        result["server"] = {**(usage or {}), "peak_rss_mb": round(sampler.peak_rss_kib / 1024, 1)}
        if usage and result.get("deliveries"):
            # the server's CPU time per 1,000 updates delivered to a client in the measured window
            result["server"]["cpu_ms_per_1000_deliveries"] = round(1e6 * usage["cpu_seconds"] / result["deliveries"], 1)
        if server.ours and not server.token:
            server.token = actor or ""  # our server's actor: the load person, an operator (may read /metrics)
        result.update(server.figures())
        if usage and "loadgen" in result:
            # CPU the rest of the machine used meanwhile (% of one core): other work skews the figures
            loadgen = sum(c for c in result["loadgen"]["cpu_percent"] if c is not None)
            machine = usage["machine_busy_percent"] * (os.cpu_count() or 1)
            result["other_processes_cpu_percent"] = round(max(0.0, machine - usage["cpu_percent"] - loadgen), 1)
        return result


def joinstorm_run(
    start: Callable[[], Server], room: str, args: argparse.Namespace, actor: str | None
) -> dict[str, Any]:
    with running(start) as (server, sampler):
        storm_args = [
            "--url", server.url, "--room", room,
            "--prior-edits", str(args.prior_edits), "--clients", str(args.storm_clients),
        ]  # fmt: skip
        if actor:
            storm_args += ["--actor-param", actor]
        result, usage = run_node("joinstorm.mjs", storm_args, sampler, ("storm", "done"), 600)
        sampler.stop()
        result["server"] = {**(usage or {}), "peak_rss_mb": round(sampler.peak_rss_kib / 1024, 1)}
        return result


# --- report ----------------------------------------------------------------------------------

PEERS = ("reference", "hocuspocus")  # the servers ours is compared with (the floor is no server)
SERVERS = ("reference", "hocuspocus", "floor", "ours")  # in the order they run, in every pair


def ratio(ours: float | None, reference: float | None) -> float | None:
    if ours is None or reference is None or reference == 0:
        return None
    return round(ours / reference, 2)


def cpu_per_1000(run: dict[str, Any]) -> float | None:
    return run.get("server", {}).get("cpu_ms_per_1000_deliveries")


def ratios(results: dict[str, Any], peer: str = "reference") -> dict[str, Any]:
    """Ours against one peer per client count (and the join storm): p50/p95/p99, CPU %, CPU per delivery."""
    ours, reference = results.get("ours", {}), results.get(peer, {})
    out: dict[str, Any] = {}
    for key in sorted(set(ours.get("load", {})) & set(reference.get("load", {})), key=int):
        o, r = ours["load"][key], reference["load"][key]
        if "error" in o or "error" in r:
            continue
        out[key] = {
            **{p: ratio(o["latency_all_ms"][p], r["latency_all_ms"][p]) for p in ("p50", "p95", "p99")},
            "cpu": ratio(o["server"].get("cpu_percent"), r["server"].get("cpu_percent")),
            "cpu_per_delivery": ratio(cpu_per_1000(o), cpu_per_1000(r)),
        }
    floor = results.get("floor", {})
    for key in sorted(set(floor.get("load", {})) & set(reference.get("load", {})), key=int):
        f, r = floor["load"][key], reference["load"][key]
        if "error" not in f and "error" not in r and key in out:
            out[key]["floor_p99"] = ratio(f["latency_all_ms"]["p99"], r["latency_all_ms"]["p99"])
    o, r = ours.get("joinstorm", {}), reference.get("joinstorm", {})
    if "full_ms" in o and "full_ms" in r:
        out["joinstorm"] = {
            "p50": ratio(o["full_ms"]["p50"], r["full_ms"]["p50"]),
            "p99": ratio(o["full_ms"]["p99"], r["full_ms"]["p99"]),
            "total": ratio(o.get("total_ms"), r.get("total_ms")),
            "cpu": ratio(o["server"].get("cpu_seconds"), r["server"].get("cpu_seconds")),
        }
    return out


def brief(run: dict[str, Any]) -> dict[str, Any]:
    """One load run, condensed for the pairs."""
    if "error" in run:
        return {"error": run["error"]}
    return {
        **{p: run["latency_all_ms"][p] for p in ("p50", "p95", "p99")},
        "cpu_percent": run["server"].get("cpu_percent"),
        "cpu_ms_per_1000_deliveries": cpu_per_1000(run),
        "deliveries_per_s": run.get("deliveries_per_s"),
        "converged": run.get("convergence"),
        "lost": run.get("lost_edits"),
        "other_processes_cpu_percent": run.get("other_processes_cpu_percent"),
        "relay_p99_ms_at_most": run.get("persistence", {}).get("relay_p99_ms_at_most"),
    }


def pair_summary(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One interleaved pair: every server's run on fresh rooms, one after the other, condensed, with
    our p99 and CPU per delivery as ratios to each peer's (and the floor's p99 to the reference's)."""
    summary: dict[str, Any] = {name: brief(run) for name, run in runs.items()}
    ours = summary.get("ours", {})
    for peer in PEERS:
        if peer in summary:
            summary[f"ratio_p99_{peer}"] = ratio(ours.get("p99"), summary[peer].get("p99"))
            summary[f"ratio_cpu_per_delivery_{peer}"] = ratio(
                ours.get("cpu_ms_per_1000_deliveries"), summary[peer].get("cpu_ms_per_1000_deliveries")
            )
    if "floor" in summary and "reference" in summary:
        summary["floor_ratio_p99"] = ratio(summary["floor"].get("p99"), summary["reference"].get("p99"))
    return summary


def _median_range(values: list[float | None]) -> dict[str, Any] | None:
    present = sorted(v for v in values if v is not None)
    if not present:
        return None
    return {"median": round(statistics.median(present), 2), "range": [present[0], present[-1]]}


def pairs_report(pairs: list[dict[str, Any]], clients: int | None = None) -> dict[str, Any]:
    """The median (and range) over the pairs of every ratio, and each server's median p99 and CPU per delivery;
    with the issue's targets where they apply (C = 20, C = 50)."""
    keys = sorted({k for p in pairs for k in p if k.startswith(("ratio_", "floor_ratio"))})
    report: dict[str, Any] = {"runs": pairs, "medians": {k: _median_range([p.get(k) for p in pairs]) for k in keys}}
    report["servers"] = {
        name: {
            "p99_ms": _median_range([p[name].get("p99") for p in pairs if name in p]),
            "cpu_ms_per_1000_deliveries": _median_range(
                [p[name].get("cpu_ms_per_1000_deliveries") for p in pairs if name in p]
            ),
        }
        for name in SERVERS
        if any(name in p for p in pairs)
    }
    medians = {k: (v or {}).get("median") for k, v in report["medians"].items()}

    def at_most(key: str, limit: float) -> dict[str, Any]:
        value = medians.get(key)
        return {"median": value, "at_most": limit, "met": value is not None and value <= limit}

    if clients == 20:
        report["targets"] = {
            "cpu_per_delivery_vs_hocuspocus": at_most("ratio_cpu_per_delivery_hocuspocus", 1.0),
            "p99_vs_hocuspocus": at_most("ratio_p99_hocuspocus", 1.0),
            "p99_vs_reference": at_most("ratio_p99_reference", 0.8),
        }
    elif clients == 50:
        report["targets"] = {"p99_vs_hocuspocus": at_most("ratio_p99_hocuspocus", 1.0)}
    # the figures of earlier versions of this file, for comparison
    report["ratio_p99_median"] = medians.get("ratio_p99_reference")
    return report


def _fmt(value: Any, whole: bool = False) -> str:
    if value is None:
        return "–"
    if whole or not isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) else str(value)
    return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"


def markdown(results: dict[str, Any]) -> str:
    fmt = _fmt
    lines = [
        "| server | clients | p50 ms | p95 ms | p99 ms | max ms | deliveries/s | awareness msgs/s | server CPU % "
        "| server CPU ms per 1,000 deliveries | peak RSS MB "
        "| load generator CPU % | other processes CPU % | converged | lost |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in SERVERS:
        for key, run in results.get(name, {}).get("load", {}).items():
            if "error" in run:
                lines.append(f"| {name} | {ROOMS}×{key} | {run['error']} | | | | | | | | | | | | |")
                continue
            lat, srv = run["latency_all_ms"], run["server"]
            loadgen = sum(c for c in run["loadgen"]["cpu_percent"] if c is not None)
            lines.append(
                f"| {name} | {ROOMS}×{key} | {fmt(lat['p50'])} | {fmt(lat['p95'])} | {fmt(lat['p99'])} "
                f"| {fmt(lat['max'])} | {fmt(run['deliveries_per_s'], whole=True)} "
                f"| {fmt(run.get('awareness_messages_per_s'), whole=True)} | {fmt(srv.get('cpu_percent'))} "
                f"| {fmt(srv.get('cpu_ms_per_1000_deliveries'))} "
                f"| {fmt(srv.get('peak_rss_mb'))} | {loadgen} | {fmt(run.get('other_processes_cpu_percent'))} "
                f"| {'yes' if run['convergence'] else 'NO'} | {run['lost_edits']} |"
            )
    storms = [(n, results[n]["joinstorm"]) for n in ("reference", "ours") if "joinstorm" in results.get(n, {})]
    if storms:
        lines += [
            "",
            "| join storm | prior edits | clients | p50 ms | p99 ms | max ms | total ms | server CPU s | peak RSS MB "
            "| failures |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, storm in storms:
            if "error" in storm:
                lines.append(f"| {name} | {storm['error']} | | | | | | | | |")
                continue
            full = storm["full_ms"]
            lines.append(
                f"| {name} | {storm['prior_edits']:,} | {storm['clients']} | {fmt(full['p50'])} | {fmt(full['p99'])} "
                f"| {fmt(full['max'])} | {fmt(storm['total_ms'])} | {fmt(storm['server'].get('cpu_seconds'))} "
                f"| {fmt(storm['server'].get('peak_rss_mb'))} | {storm['failures']} |"
            )
    for peer in PEERS:
        if not results.get(f"ratios_{peer}"):
            continue
        lines += [
            "",
            f"| ours / {peer} | p50 | p95 | p99 | CPU % | CPU per delivery | floor / reference, p99 |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for key, r in results[f"ratios_{peer}"].items():
            if key == "joinstorm":
                lines.append(
                    f"| join storm (p50, p99, total, CPU s) | {fmt(r['p50'])} | {fmt(r['p99'])} | {fmt(r['total'])} "
                    f"| {fmt(r['cpu'])} | | |"
                )
            else:
                lines.append(
                    f"| {ROOMS}×{key} | {fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | {fmt(r['cpu'])} "
                    f"| {fmt(r.get('cpu_per_delivery'))} | {fmt(r.get('floor_p99'))} |"
                )
    for key, report in results.get("pairs", {}).items():
        names = [n for n in SERVERS if n in report.get("servers", {})]
        lines += [
            "",
            f"| {ROOMS}×{key}, pair | "
            + " | ".join(f"{n} p99 ms | {n} CPU ms/1,000" for n in names)
            + " | ours / hocuspocus, p99 | ours / reference, p99 | ours / hocuspocus, CPU per delivery |",
            "| --- |" + " --- | --- |" * len(names) + " --- | --- | --- |",
        ]
        for n, pair in enumerate(report["runs"], 1):
            cells = " | ".join(
                f"{fmt(pair.get(s, {}).get('p99'))} | {fmt(pair.get(s, {}).get('cpu_ms_per_1000_deliveries'))}"
                for s in names
            )
            lines.append(
                f"| {n} | {cells} | {fmt(pair.get('ratio_p99_hocuspocus'))} | {fmt(pair.get('ratio_p99_reference'))} "
                f"| {fmt(pair.get('ratio_cpu_per_delivery_hocuspocus'))} |"
            )
        medians = {k: (v or {}).get("median") for k, v in report["medians"].items()}
        cells = " | ".join(
            f"{fmt((report['servers'][s]['p99_ms'] or {}).get('median'))} "
            f"| {fmt((report['servers'][s]['cpu_ms_per_1000_deliveries'] or {}).get('median'))}"
            for s in names
        )
        lines.append(
            f"| median | {cells} | {fmt(medians.get('ratio_p99_hocuspocus'))} "
            f"| {fmt(medians.get('ratio_p99_reference'))} | {fmt(medians.get('ratio_cpu_per_delivery_hocuspocus'))} |"
        )
        for target, verdict in report.get("targets", {}).items():
            lines.append(
                f"\n{ROOMS}×{key} target {target}: median {fmt(verdict['median'])} ≤ {verdict['at_most']}: "
                f"{'met' if verdict['met'] else 'NOT met'}"
            )
    histories = [(n, results[n]["history"]) for n in SERVERS if "history" in results.get(n, {})]
    if histories:
        lines += [
            "",
            "| rooms with history | room | prior updates | join p50 ms | join max ms | p50 ms | p99 ms | written and "
            "checked in s | server CPU ms per 1,000 deliveries |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, run in histories:
            if "error" in run:
                lines.append(f"| {name} | {run['error']} | | | | | | | |")
                continue
            h = run["history"]
            written = max((w["write_and_check_ms"] for w in h["writers"]), default=None)
            cpu = fmt(cpu_per_1000(run))
            for label, join, latency, prior in (
                ("with history", h["join_history_ms"], h["latency_history_ms"], h["prior_edits"]),
                ("fresh", h["join_fresh_ms"], h["latency_fresh_ms"], 0),
            ):
                lines.append(
                    f"| {name} | {label} | {prior:,} | {fmt(join['p50'])} | {fmt(join['max'])} | {fmt(latency['p50'])} "
                    f"| {fmt(latency['p99'])} | {fmt(written / 1000 if written and prior else None)} | {cpu} |"
                )
    return "\n".join(lines)


def starter(name: str, workdir: Path, database_url: str, synchronous: str) -> Callable[..., Server]:
    def start(env: dict[str, str] | None = None) -> Server:
        if name == "reference":
            return start_reference(workdir)
        if name == "hocuspocus":
            return start_hocuspocus(workdir)
        if name == "floor":
            return start_floor(workdir)
        # Every simulated client signs in as the one load person: lift the per-person connection limit.
        fixed = {
            "SOZIALKONFERENZ_SQLITE_SYNCHRONOUS": synchronous,
            "SOZIALKONFERENZ_COLLAB_MAX_CONNECTIONS_PER_PERSON": "100000",
        }
        return start_ours(workdir, database_url, {**fixed, **(env or {})})

    return start


def node_version() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()


# The writer of a room with history (and the join storm's) sends its edits as fast as it can, which
# our default message limit (200/s) would rightly refuse as a flood.
UNLIMITED = {"SOZIALKONFERENZ_COLLAB_MESSAGES_PER_SECOND": "1000000", "SOZIALKONFERENZ_COLLAB_BURST": "1000000"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.collab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="measured typing per run (default 60)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured typing before (default 5)")
    parser.add_argument("--clients", default="5,20,50", help="clients per room, comma-separated (default 5,20,50)")
    parser.add_argument("--rate", type=float, default=2, help="edits per second and client (default 2)")
    parser.add_argument(
        "--only",
        choices=("reference", "hocuspocus", "floor", "ours", "cluster"),
        help="run one server only (cluster: the series)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also run the null relay (bench/collab/null_relay.mjs: no document, no storage), the floor of the "
        "measurement on this machine",
    )
    parser.add_argument("--skip-hocuspocus", action="store_true", help="leave Hocuspocus out")
    parser.add_argument("--skip-joinstorm", action="store_true", help="no join storm")
    parser.add_argument("--prior-edits", type=int, default=20000, help="join storm: edits before (default 20000)")
    parser.add_argument("--storm-clients", type=int, default=300, help="join storm: clients (default 300)")
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        metavar="N",
        help="also a run per server (ours and Hocuspocus) at the first client count where one of the 12 rooms "
        "has N prior updates, kept alive by an idle writer (default 0: none; the issue asks for 50000)",
    )
    parser.add_argument("--processes", type=int, help="load generator worker processes (default: its own choice)")
    parser.add_argument(
        "--typing-at-50",
        type=int,
        default=5,
        metavar="T",
        help="with 50 or more clients per room only T of them type, the others read along (default 5; 0: all type)",
    )
    parser.add_argument(
        "--sqlite-synchronous",
        choices=("FULL", "NORMAL"),
        default="FULL",
        help="our server's SQLite commit: synced to disk (FULL, default) or left to the system (NORMAL)",
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=0,
        help="more interleaved runs per client count, every server one after the other on fresh rooms: the spread "
        "of the ratios (default 0)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"result file (default {RESULTS})")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs and databases in this folder (default: none)")
    from bench import collab_cluster, collab_cluster_report

    collab_cluster.add_arguments(parser)
    args = parser.parse_args(argv)
    client_counts = [int(c) for c in args.clients.split(",") if c.strip()]

    if shutil.which("node") is None:
        parser.error("node is needed")
    for package in ("y-websocket", "@hocuspocus/server", "@hocuspocus/provider"):
        if not (JS / "node_modules" / package).is_dir():
            parser.error("run `npm ci --prefix bench/collab` first (make bench-collab does)")
    servers = (
        [args.only]
        if args.only
        else [n for n in SERVERS if (n != "floor" or args.floor) and (n != "hocuspocus" or not args.skip_hocuspocus)]
    )
    if args.only == "cluster":
        servers = []
    if args.cluster or args.only == "cluster":
        problem = collab_cluster.missing_services(args)
        if problem:
            parser.error(problem)

    results: dict[str, Any] = {
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "node": node_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "config": {
            "rooms": ROOMS,
            "clients": client_counts,
            "rate": args.rate,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "prior_edits": args.prior_edits,
            "storm_clients": args.storm_clients,
            "history_prior_updates": args.history,
            "typing_per_room_at_50": args.typing_at_50 or "all",
            "sqlite_synchronous": args.sqlite_synchronous,
            "servers": servers,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    }
    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
    with contextlib.nullcontext(str(args.logs)) if args.logs else tempfile.TemporaryDirectory(prefix="collab-") as tmp:
        workdir = Path(tmp)
        setup: Setup | None = None
        database_url = f"sqlite:///{workdir / 'collab.db'}"
        if "ours" in servers:
            print("preparing our database …", file=sys.stderr, flush=True)
            setup = prepare_database(database_url, client_counts, args.pairs, spare_runs=1 if args.history else 0)

        def rooms_for(name: str, clients: int, pair: int | None = None) -> tuple[list[str], str | None]:
            """Fresh rooms for one run (ours: new proposals; the Node servers start empty anyway) and the actor."""
            if name == "ours" and setup is not None:
                rooms = setup.rooms_per_run[clients] if pair is None else setup.rooms_per_pair[clients, pair]
                return rooms, setup.token
            base = clients * 1000 + (0 if pair is None else (pair + 1) * 100)
            return [str(UUID(int=base + n)) for n in range(ROOMS)], str(UUID(int=1))

        for name in servers:
            start = starter(name, workdir, database_url, args.sqlite_synchronous)
            entry: dict[str, Any] = {"load": {}}
            results[name] = entry
            for clients in client_counts:
                rooms, actor = rooms_for(name, clients)
                print(f"{name}: {ROOMS} rooms × {clients} clients …", file=sys.stderr, flush=True)
                try:
                    entry["load"][str(clients)] = load_run(start, rooms, clients, args, actor)
                except RuntimeError as error:
                    entry["load"][str(clients)] = {"error": str(error)}
            if not args.skip_joinstorm and name in ("reference", "ours"):
                # the floor keeps no document to join; the storm's raw clients speak y-websocket only
                room = setup.joinstorm_room if setup and name == "ours" else str(UUID(int=999_999))
                print(f"{name}: join storm …", file=sys.stderr, flush=True)
                try:
                    entry["joinstorm"] = joinstorm_run(
                        functools.partial(start, UNLIMITED),
                        room,
                        args,
                        setup.token if setup and name == "ours" else str(UUID(int=1)),
                    )
                except RuntimeError as error:
                    entry["joinstorm"] = {"error": str(error)}
        if args.pairs and len(servers) > 1:
            results["pairs"] = {}
            for clients in client_counts:
                loads = {name: results[name]["load"][str(clients)] for name in servers}
                pairs = [pair_summary(loads)]
                for pair in range(args.pairs):
                    runs = {}
                    for name in servers:
                        rooms, actor = rooms_for(name, clients, pair)
                        start = starter(name, workdir, database_url, args.sqlite_synchronous)
                        print(
                            f"{name}: {ROOMS} rooms × {clients} clients, pair {pair + 2} …", file=sys.stderr, flush=True
                        )
                        try:
                            runs[name] = load_run(start, rooms, clients, args, actor)
                        except RuntimeError as error:
                            runs[name] = {"error": str(error)}
                    pairs.append(pair_summary(runs))
                results["pairs"][str(clients)] = pairs_report(pairs, clients)
        if args.history:
            clients = client_counts[0]
            for name in [n for n in servers if n in ("hocuspocus", "ours")]:
                if name == "ours" and setup is not None:
                    rooms, actor = setup.spare_rooms[0], setup.token
                else:
                    rooms, actor = [str(UUID(int=888_000 + n)) for n in range(ROOMS)], str(UUID(int=1))
                start = starter(name, workdir, database_url, args.sqlite_synchronous)
                print(f"{name}: {ROOMS} rooms × {clients} clients, one with {args.history:,} prior updates …",
                      file=sys.stderr, flush=True)  # fmt: skip
                history = ("--history-rooms", "1", "--prior-edits", str(args.history), "--connect-timeout", "900")
                try:
                    results[name]["history"] = load_run(
                        functools.partial(start, UNLIMITED), rooms, clients, args, actor, history
                    )
                except RuntimeError as error:
                    results[name]["history"] = {"error": str(error)}
        if servers:
            for peer in PEERS:
                if peer in servers and "ours" in servers:
                    results[f"ratios_{peer}"] = ratios(results, peer)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
            print(markdown(results))
            print(f"\nwritten to {args.output}", file=sys.stderr)
        if args.cluster or args.only == "cluster":
            series = {**results, "cluster": collab_cluster.run_series(args, workdir)}
            series["config"] = {
                **results["config"],
                "clients": client_counts if servers else [],
                "cluster": {"clients": args.cluster_clients, "rounds": args.pairs or 3, "broker": args.broker,
                            "database": args.database_name, "servers": args.cluster_servers},
            }  # fmt: skip
            args.cluster_output.parent.mkdir(parents=True, exist_ok=True)
            args.cluster_output.write_text(json.dumps(series, indent=2, ensure_ascii=False) + "\n")
            print("\n" + collab_cluster_report.markdown(series["cluster"]))
            print(f"\nwritten to {args.cluster_output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
