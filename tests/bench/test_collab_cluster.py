"""The live-editing benchmark's cluster series: its comparison, its metrics reading, and the load
generator spreading a room's clients over several URLs (against the real null relay)."""

from __future__ import annotations

import http.server
import json
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.collab import JS, persistence_figures, start_floor, start_node
from bench.collab_cluster import cluster_figures, counter_total
from bench.collab_cluster_report import compare, markdown, summarise
from tests.bench.loadgen import need_load_generator


def run(p50: float, p99: float, **extra: Any) -> dict[str, Any]:
    return {"p50": p50, "p95": p99, "p99": p99, "max": p99, "server_cpu_percent": 10.0,
            "other_processes_cpu_percent": 5.0, "converged": True, "lost": 0, "log_problems": 0, **extra}  # fmt: skip


def a_round(one: dict[str, Any], two: dict[str, Any]) -> dict[str, Any]:
    runs = {"reference": run(1.0, 10.0), "ours": run(2.0, 12.0), "ours-pg": one, "cluster": two}
    return {"order": list(runs), "runs": runs, **compare(runs)}


def test_two_processes_are_compared_with_one_on_the_same_store_as_the_median_of_the_rounds() -> None:
    rounds = [
        a_round(run(3.0, 20.0), run(4.0, 22.0)),  # +1 ms, 1.1
        a_round(run(3.0, 20.0), run(6.0, 40.0)),  # +3 ms, 2.0
        a_round(run(2.0, 10.0), run(3.5, 12.0)),  # +1.5 ms, 1.2
    ]
    summary = summarise(rounds)
    assert summary["p50_diff_ms"] == {"median": 1.5, "range": [1.0, 3.0]}
    assert summary["p99_ratio"] == {"median": 1.2, "range": [1.1, 2.0]}
    assert summary["targets"]["p50_met"] and summary["targets"]["p99_met"]
    assert summary["medians"]["cluster"]["p50"] == 4.0
    table = markdown({"clients": 20, "rounds": rounds, "summary": summary})
    assert "| median (range) | 1.50 (1.00, 3.00): target ≤ 2.0, met | 1.20 (1.10, 2.00): target ≤ 1.25, met |" in table


def test_a_target_missed_and_a_failed_run_are_reported_as_such() -> None:
    failed = a_round(run(3.0, 20.0), {"error": "not every client synced within 120 s"})
    slow = a_round(run(3.0, 20.0), run(3000.0, 30000.0, converged=False, lost=7))
    summary = summarise([failed, slow])
    assert failed["p50_diff_ms"] is None
    assert summary["p50_diff_ms"]["median"] == 2997.0
    assert not summary["targets"]["p50_met"] and not summary["targets"]["p99_met"]
    assert summary["medians"]["cluster"] == {**summary["medians"]["cluster"], "runs": 1, "failed_runs": 1,
                                             "all_converged": False, "lost": 7}  # fmt: skip


@pytest.fixture
def metrics_server() -> Iterator[tuple[int, dict[str, Any]]]:
    """A /metrics that answers as configured: a status and a body."""
    answer: dict[str, Any] = {"status": 200, "body": ""}
    seen: list[str | None] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            seen.append(self.headers.get("Authorization"))
            body = answer["body"].encode()
            self.send_response(answer["status"])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    answer["seen"] = seen
    try:
        yield server.server_address[1], answer
    finally:
        server.shutdown()
        server.server_close()


BROKER_METRICS = """\
sk_broker_published_total{kind="updates"} 40.0
sk_broker_published_total{kind="presence"} 2.0
sk_broker_received_total{kind="updates"} 30.0
sk_broker_dropped_total 0.0
sk_broker_reconnects_total 1.0
sk_broker_lag_seconds_bucket{le="0.001"} 10.0
sk_broker_lag_seconds_bucket{le="0.005"} 29.0
sk_broker_lag_seconds_bucket{le="0.01"} 30.0
sk_broker_lag_seconds_bucket{le="+Inf"} 30.0
sk_broker_lag_seconds_count 30.0
sk_broker_lag_seconds_sum 0.06
sk_collab_write_retries_total 3.0
"""


def test_the_broker_figures_come_from_metrics_with_the_token(metrics_server: tuple[int, dict[str, Any]]) -> None:
    port, answer = metrics_server
    answer["body"] = BROKER_METRICS
    assert counter_total(BROKER_METRICS, "sk_broker_published_total") == 42.0
    figures = cluster_figures(port, "geheim")
    assert figures == {**figures, "published": 42, "received": 30, "reconnects": 1, "write_retries": 3,
                       "lag_mean_ms": 2.0, "lag_p50_ms_at_most": 5.0, "lag_p99_ms_at_most": 10.0}  # fmt: skip
    assert answer["seen"] == ["Bearer geheim"]


@pytest.mark.parametrize("status", [401, 403])
def test_metrics_that_want_an_operator_are_noted_not_fatal(
    metrics_server: tuple[int, dict[str, Any]], status: int
) -> None:
    port, answer = metrics_server
    answer["status"] = status
    assert str(status) in persistence_figures(port, "")["error"]
    assert str(status) in cluster_figures(port, "")["error"]


def test_the_load_generator_splits_a_rooms_clients_over_the_urls_it_is_given() -> None:
    """Two URLs of one null relay: each room's clients alternate between them, and receivers on the
    same URL as the sender and on the other one are reported apart."""
    need_load_generator("y-websocket")
    with tempfile.TemporaryDirectory() as logs:
        relay = start_floor(Path(logs))
        try:
            url = relay.url
            result = subprocess.run(
                ["node", str(JS / "loadgen.mjs"), "--url", f"{url},{url.replace('127.0.0.1', 'localhost')}",
                 "--rooms", "a,b", "--clients", "4", "--seconds", "1", "--warmup", "0.5", "--rate", "4"],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        finally:
            relay.stop()
    output = json.loads(result.stdout.strip().splitlines()[-1])
    assert result.returncode == 0, result.stderr[-2000:]
    assert output["convergence"] and output["lost_edits"] == 0
    same, cross = output["latency_receiver_same_ms"], output["latency_receiver_cross_ms"]
    # 4 clients a room on 2 URLs: of an edit's 3 receivers, 1 shares the sender's URL and 2 do not
    assert same["count"] > 0 and cross["count"] == pytest.approx(2 * same["count"], rel=0.2)
    assert same["count"] + cross["count"] == output["latency_receiver_ms"]["count"]


def test_edits_that_arrive_out_of_order_are_counted_once_each_not_lost() -> None:
    """A relay that holds back every third update of a client until after its next: the receivers
    see gaps filled later, and still every edit is counted as arrived, each once."""
    need_load_generator("y-websocket")
    with tempfile.TemporaryDirectory() as logs:
        relay = start_node("reorder", "reorder_relay.mjs", Path(logs))
        try:
            result = subprocess.run(
                ["node", str(JS / "loadgen.mjs"), "--url", relay.url, "--rooms", "a,b", "--clients", "3",
                 "--seconds", "2", "--warmup", "0.5", "--rate", "4", "--quiesce", "5"],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        finally:
            relay.stop()
    output = json.loads(result.stdout.strip().splitlines()[-1])
    assert output["rooms_converged"] == 2, output
    assert output["lost_edits"] == 0, output
    assert output["convergence"] and result.returncode == 0
    # each measured edit reached its 2 receivers, and was counted once for each
    assert output["latency_receiver_ms"]["count"] == 2 * output["latency_all_ms"]["count"]
