"""OParl with its printed files: how long the first answer, a list, and a rebuild after a change take on the demo.

    python -m bench.oparl

On a fresh SQLite file with the demo city, through HTTP (Starlette's test client, no network): the first
request builds the corpus and typesets every PDF it lists (each paper's Beschlussvorlage and Beschlussnachweis,
each conference's Dokumentation, two at a time), since a ``File`` names the size and checksums of its bytes;
later requests answer from the corpus. After a change the corpus is built again, typesetting only the prints
whose state moved (``server/documents/oparl/prints.py``). Results: ``bench/results/oparl.json``.
"""

from __future__ import annotations

import json
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from projections import tables as t
from server.app import create_app
from server.config import Settings
from server.documents.oparl.settings import OParlSettings

RESULTS = Path(__file__).parent / "results"
ROOT = "/oparl/v1"


def seconds(client: TestClient, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return round(time.perf_counter() - began, 3)


def measure(folder: Path) -> dict[str, Any]:
    settings = Settings(database_url=f"sqlite:///{folder / 'events.db'}", demo=True,
                        oparl=OParlSettings(city_name="Lindenau"))  # fmt: skip
    with TestClient(create_app(settings)) as client:
        state = client.app_state["runtime"]
        assert state.runner.wait_for(state.application.position(), 120)
        first = seconds(client, f"{ROOT}/system")
        files = client.get(f"{ROOT}/body/stadt/file", params={"limit": 100}).json()
        pdfs = sum(1 for f in files["data"] if f["mimeType"] == "application/pdf")
        cached = [seconds(client, f"{ROOT}/body/stadt/file?limit=100") for _ in range(5)]
        with state.runner.engine.connect() as connection:
            committee = connection.execute(select(t.committees.c.id)).scalars().first()
            outsider = connection.execute(select(t.people.c.id).order_by(t.people.c.id.desc())).scalars().first()
        state.application.appoint_committee_member(SYSTEM_ACTOR, committee, outsider)
        assert state.runner.wait_for(state.application.position(), 30)
        unrelated = seconds(client, f"{ROOT}/system")
        measure_id = connection_measure(state)
        state.application.report_progress(SYSTEM_ACTOR, measure_id, 60, "Zwischenstand für die Messung")
        assert state.runner.wait_for(state.application.position(), 30)
        one_paper = seconds(client, f"{ROOT}/system")
    return {
        "first_request_seconds": first,
        "pdfs_on_the_first_page_of_files": pdfs,
        "files_in_the_city": files["pagination"]["totalElements"],
        "cached_list_median_seconds": sorted(cached)[len(cached) // 2],
        "rebuild_after_unrelated_change_seconds": unrelated,
        "rebuild_after_one_measure_changed_seconds": one_paper,
    }


def connection_measure(state: Any) -> str:
    with state.runner.engine.connect() as connection:
        m = t.measures.c
        row = connection.execute(select(m.id).where(m.status == "in_implementation", m.paper_number != "")).first()
    assert row is not None
    return str(row[0])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = measure(Path(folder))
    report = {
        "benchmark": "oparl",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": 2, "python": platform.python_version()},
        "database": "sqlite",
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "oparl.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
