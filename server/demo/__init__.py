"""The demo city Lindenau: data files in this folder, loaded through the application's commands.

``load_demo`` (``server.demo.loader``) reads ``stadt.json`` and the series files, and the measure texts
from catalogue files through the catalogue importer (``server.imports``).
"""

from server.demo.loader import (
    DEMO_SERIES,
    demo_present,
    ensure_demo_accounts,
    iter_demo_accounts,
    load_demo,
    local_time,
)

__all__ = ["DEMO_SERIES", "demo_present", "ensure_demo_accounts", "iter_demo_accounts", "load_demo", "local_time"]
