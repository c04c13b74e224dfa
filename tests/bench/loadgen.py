"""What the load generator's tests need: node and the packages of ``bench/collab``."""

from __future__ import annotations

import shutil

import pytest

from bench.collab import JS
from tests.conftest import REQUIRE_SERVICES


def need_load_generator(package: str) -> None:
    """Skip (fail where services are required, as in CI) without node or ``package`` in bench/collab."""
    if shutil.which("node") is None or not (JS / "node_modules" / package).is_dir():
        message = "node and `npm ci --prefix bench/collab` are needed for the load generator"
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
