"""The live-editing fuzzer of tests/fuzz/test_collab_structured.py, for as long as asked.

    python -m bench.fuzz_collab --seconds 1800
    python -m bench.fuzz_collab --seconds 600 --seed 123 --database postgresql+psycopg://postgres@127.0.0.1:5432/fuzz
    python -m bench.fuzz_collab --seconds 3600 --keep-going [--skip-open-defects] [--no-node]

Each campaign builds the test scenario in a fresh database (an SQLite file in a temporary folder, or
the given database, which must be empty), starts ``sozialkonferenz serve`` on it and attacks it until
the time is up or a check fails. ``--keep-going`` starts a new campaign (fresh database, next seed)
after a failure and lists every failure at the end. The frames of each failure are written to
``tests/output/fuzz/``; the server's output to ``tests/output/fuzz/server-<seed>.log``. The exit status
is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.campaign import OUTPUT, Campaign


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz_collab", description=__doc__.split("\n\n")[0])
    default_seconds = float(os.environ.get("SOZIALKONFERENZ_FUZZ_SECONDS", "600"))
    parser.add_argument("--seconds", type=float, default=default_seconds, help="how long in all (default 600)")
    parser.add_argument("--seed", type=int, default=None, help="the first campaign's seed (default: random)")
    parser.add_argument("--database", default=None, help="an empty database (default: a new SQLite file)")
    parser.add_argument("--keep-going", action="store_true", help="after a failure, go on with a new campaign")
    parser.add_argument("--no-node", action="store_true", help="without the yjs client (node) and its updates")
    parser.add_argument(
        "--skip-open-defects", action="store_true", help="leave out the inputs of the known open defects (as CI does)"
    )
    return parser.parse_args(argv)


async def _campaigns(args: argparse.Namespace) -> list[str]:
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    deadline = time.monotonic() + args.seconds
    failures: list[str] = []
    OUTPUT.mkdir(parents=True, exist_ok=True)
    while (left := deadline - time.monotonic()) > 5:
        with tempfile.TemporaryDirectory(prefix="fuzz-collab-") as folder:
            database = args.database or f"sqlite:///{Path(folder) / 'events.db'}"
            log = OUTPUT / f"server-{seed}.log"
            log.unlink(missing_ok=True)  # a run of the same seed before
            campaign = Campaign(database, left, seed, log, not args.no_node, not args.skip_open_defects)
            try:
                stats = await campaign.run()
                print(f"Seed {seed}: {stats.batches} Stapel, {stats.frames} Rahmen, Schließcodes {stats.closes}")
            except AssertionError as error:
                failures.append(str(error))
                print(f"Seed {seed}: FEHLER nach {campaign.stats.batches} Stapeln\n{error}\n", flush=True)
                if not args.keep_going or args.database:
                    break
        seed += 1
    return failures


def main(argv: list[str] | None = None) -> int:
    failures = asyncio.run(_campaigns(_arguments(argv)))
    if failures:
        print(f"{len(failures)} Fehler gefunden:")
        for failure in failures:
            print(" - " + failure.splitlines()[0])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
