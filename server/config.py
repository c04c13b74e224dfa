"""Settings of one server process, read once from the command line and the environment.

Precedence: command-line option, then environment variable, then default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from server.collab.room import Limits
from server.composition import SQLITE_SYNCHRONOUS, default_database_url

DEFAULT_CLIENT_DIST = Path(__file__).resolve().parent.parent / "client" / "dist"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Settings:
    database_url: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    demo: bool = False
    collab_limits: Limits = field(default_factory=Limits)
    sqlite_synchronous: str = "FULL"
    client_dist: Path = DEFAULT_CLIENT_DIST  # the built browser application (client/dist)

    @classmethod
    def load(
        cls,
        *,
        host: str | None = None,
        port: int | None = None,
        database_url: str | None = None,
        demo: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            # The default SQLite file (and its folder) is only made when no URL is given.
            database_url=database_url or env.get("SOZIALKONFERENZ_DATABASE_URL") or default_database_url(),
            host=host or env.get("HOST") or DEFAULT_HOST,
            port=port if port is not None else _port(env.get("PORT")),
            demo=demo,
            collab_limits=_limits(env),
            sqlite_synchronous=_synchronous(env.get("SOZIALKONFERENZ_SQLITE_SYNCHRONOUS")),
            client_dist=Path(env.get("SOZIALKONFERENZ_CLIENT_DIST") or DEFAULT_CLIENT_DIST),
        )


def _synchronous(value: str | None) -> str:
    if not value:
        return "FULL"
    if value.upper() not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"SOZIALKONFERENZ_SQLITE_SYNCHRONOUS muss FULL oder NORMAL sein, nicht {value!r}.")
    return value.upper()


def _port(value: str | None) -> int:
    if not value:
        return DEFAULT_PORT
    try:
        port = int(value)
    except ValueError:
        raise ValueError(f"PORT muss eine Zahl sein, nicht {value!r}.") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"PORT muss zwischen 0 und 65535 liegen, nicht {port}.")
    return port


def _limits(env: Mapping[str, str]) -> Limits:
    """Live-editing limits from ``SOZIALKONFERENZ_COLLAB_*`` variables (defaults are safe)."""
    defaults = Limits()
    values = {}
    for name, default in vars(defaults).items():
        raw = env.get(f"SOZIALKONFERENZ_COLLAB_{name.upper()}")
        if raw:
            try:
                values[name] = type(default)(raw)
            except ValueError:
                raise ValueError(f"SOZIALKONFERENZ_COLLAB_{name.upper()} muss eine Zahl sein, nicht {raw!r}.") from None
    return Limits(**values)
