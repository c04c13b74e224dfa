"""The cluster series' report (``bench/collab_cluster.py``): each run condensed, one process against
two compared per round, the medians over the rounds against the targets, and a Markdown table."""

from __future__ import annotations

import statistics
from typing import Any

from bench.collab import ROOMS

KINDS = ("reference", "ours", "ours-pg", "cluster")
P50_DIFF_TARGET_MS = 2.0
P99_RATIO_TARGET = 1.25


def brief(run: dict[str, Any]) -> dict[str, Any]:
    """One run, condensed for the round's summary."""
    if "error" in run:
        return {"error": run["error"]}
    summary = {
        **{p: run["latency_all_ms"][p] for p in ("p50", "p95", "p99", "max")},
        "server_cpu_percent": run["server"].get("cpu_percent"),
        "other_processes_cpu_percent": run.get("other_processes_cpu_percent"),
        "converged": run["convergence"],
        "lost": run["lost_edits"],
        "disconnects": run.get("disconnects"),
        "log_problems": len(run.get("log_problems", [])),
    }
    for side in ("same", "cross"):
        if f"latency_receiver_{side}_ms" in run:
            receiver = run[f"latency_receiver_{side}_ms"]
            summary[f"receiver_{side}"] = {"p50": receiver["p50"], "p99": receiver["p99"]}
    return summary


def compare(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    one, two = runs.get("ours-pg", {}), runs.get("cluster", {})
    if "p50" not in one or "p50" not in two:
        return {"p50_diff_ms": None, "p99_ratio": None}
    return {
        "p50_diff_ms": round(two["p50"] - one["p50"], 2),
        "p99_ratio": round(two["p99"] / one["p99"], 2) if one["p99"] else None,
    }


def median_range(values: list[float | None]) -> dict[str, Any]:
    known = sorted(v for v in values if v is not None)
    return {"median": statistics.median(known), "range": [known[0], known[-1]]} if known else {}


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    diff = median_range([r["p50_diff_ms"] for r in rounds])
    ratio = median_range([r["p99_ratio"] for r in rounds])
    per_kind = {}
    for kind in KINDS:
        briefs = [r["runs"][kind] for r in rounds if "p50" in r["runs"].get(kind, {})]
        if not briefs:
            continue
        per_kind[kind] = {
            **{p: median_range([b[p] for b in briefs]).get("median") for p in ("p50", "p95", "p99")},
            "server_cpu_percent": median_range([b["server_cpu_percent"] for b in briefs]).get("median"),
            "runs": len(briefs),
            "failed_runs": sum(1 for r in rounds if "error" in r["runs"].get(kind, {})),
            "all_converged": all(b["converged"] for b in briefs),
            "lost": sum(b["lost"] for b in briefs),
        }
    return {
        "p50_diff_ms": diff,
        "p99_ratio": ratio,
        "targets": {
            "p50_diff_ms_at_most": P50_DIFF_TARGET_MS,
            "p99_ratio_at_most": P99_RATIO_TARGET,
            "p50_met": diff.get("median") is not None and diff["median"] <= P50_DIFF_TARGET_MS,
            "p99_met": ratio.get("median") is not None and ratio["median"] <= P99_RATIO_TARGET,
        },
        "medians": per_kind,
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def markdown(results: dict[str, Any]) -> str:
    clients = results["clients"]
    lines = [
        f"| round | server ({ROOMS}×{clients}) | p50 ms | p95 ms | p99 ms | max ms | receivers same / other process, "
        "p99 ms | server CPU % | other processes CPU % | converged | lost | log errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n, round_ in enumerate(results["rounds"], 1):
        for kind in round_["order"]:
            run = round_["runs"][kind]
            if "error" in run:
                lines.append(f"| {n} | {kind} | {run['error'][:120]} | | | | | | | | | |")
                continue
            split = (
                f"{_fmt(run['receiver_same']['p99'])} / {_fmt(run['receiver_cross']['p99'])}"
                if "receiver_cross" in run
                else ""
            )
            lines.append(
                f"| {n} | {kind} | {_fmt(run['p50'])} | {_fmt(run['p95'])} | {_fmt(run['p99'])} | {_fmt(run['max'])} "
                f"| {split} | {_fmt(run['server_cpu_percent'])} | {_fmt(run['other_processes_cpu_percent'])} "
                f"| {_fmt(run['converged'])} | {run['lost']} | {run['log_problems']} |"
            )
    summary = results["summary"]
    lines += [
        "",
        "| round | p50 two processes − one (ms) | p99 two processes / one |",
        "| --- | --- | --- |",
    ]
    for n, round_ in enumerate(results["rounds"], 1):
        lines.append(f"| {n} | {_fmt(round_['p50_diff_ms'])} | {_fmt(round_['p99_ratio'])} |")
    diff, ratio, targets = summary["p50_diff_ms"], summary["p99_ratio"], summary["targets"]
    lines.append(
        f"| median (range) | {_fmt(diff.get('median'))} ({', '.join(map(_fmt, diff.get('range', [])))}): "
        f"target ≤ {targets['p50_diff_ms_at_most']}, {'met' if targets['p50_met'] else 'NOT met'} "
        f"| {_fmt(ratio.get('median'))} ({', '.join(map(_fmt, ratio.get('range', [])))}): "
        f"target ≤ {targets['p99_ratio_at_most']}, {'met' if targets['p99_met'] else 'NOT met'} |"
    )
    lines += ["", "| server, median of the rounds | p50 ms | p95 ms | p99 ms | server CPU % | runs | converged, lost |",
              "| --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for kind, m in summary["medians"].items():
        lines.append(
            f"| {kind} | {_fmt(m['p50'])} | {_fmt(m['p95'])} | {_fmt(m['p99'])} | {_fmt(m['server_cpu_percent'])} "
            f"| {m['runs']} (failed {m['failed_runs']}) | {_fmt(m['all_converged'])}, {m['lost']} |"
        )
    return "\n".join(lines)
