"""The live-editing benchmark's rooms with history: written in a phase of their own, before any
other client connects, so every client's join time is measured alike (against real Hocuspocus)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from bench.collab import JS, start_hocuspocus
from tests.bench.loadgen import need_load_generator


def test_rooms_with_history_are_written_before_any_client_connects() -> None:
    need_load_generator("@hocuspocus/server")
    with tempfile.TemporaryDirectory() as logs:
        server = start_hocuspocus(Path(logs))
        try:
            result = subprocess.run(
                ["node", str(JS / "loadgen.mjs"), "--protocol", "hocuspocus", "--url", server.url,
                 "--rooms", "h1,f1,f2,f3", "--processes", "2", "--clients", "3", "--seconds", "1",
                 "--warmup", "0.5", "--rate", "4", "--history-rooms", "1", "--prior-edits", "300"],
                capture_output=True, text=True, timeout=180,
            )  # fmt: skip
        finally:
            server.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    phases = [json.loads(line)["phase"] for line in result.stderr.splitlines() if line.startswith("{")]
    # the writer of h1 (in the first worker) is done before the other worker's clients connect
    assert phases.index("writing-history") < phases.index("history-written") < phases.index("connecting")
    output = json.loads(result.stdout.strip().splitlines()[-1])
    assert output["convergence"] and output["lost_edits"] == 0
    history = output["history"]
    assert [w["room"] for w in history["writers"]] == ["h1"] and history["writers"][0]["length"] > 0
    assert history["written_ms"] >= history["writers"][0]["write_and_check_ms"]
    assert history["join_history_ms"]["count"] == 3 and history["join_fresh_ms"]["count"] == 9
