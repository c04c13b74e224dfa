"""Settings of one server process, read once from the command line and the environment.

Precedence: command-line option, then environment variable, then default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from server.auth.http import AuthSettings
from server.collab.room import Limits
from server.composition import SQLITE_SYNCHRONOUS, default_database_url
from server.documents.oparl.settings import OParlSettings
from server.http.params import MAX_BODY_BYTES

T = TypeVar("T", int, float)
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
    auth: AuthSettings = field(default_factory=AuthSettings)
    max_body_bytes: int = MAX_BODY_BYTES
    broker_url: str | None = None  # Redis joining several processes on one PostgreSQL (server/cluster/)
    broker_prefix: str = ""  # namespace of the cluster's Redis keys and channels
    oparl: OParlSettings = field(default_factory=OParlSettings)  # ids' base URL, the city's name

    @classmethod
    def load(
        cls,
        *,
        host: str | None = None,
        port: int | None = None,
        database_url: str | None = None,
        demo: bool = False,
        broker_url: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        # The default SQLite file (and its folder) is only made when no URL is given.
        database_url = database_url or env.get("SOZIALKONFERENZ_DATABASE_URL") or default_database_url()
        broker_url = broker_url or env.get("SOZIALKONFERENZ_BROKER_URL") or None
        return cls(
            database_url=database_url,
            host=host or env.get("HOST") or DEFAULT_HOST,
            port=port if port is not None else _port(env.get("PORT")),
            demo=demo,
            collab_limits=_limits(env),
            sqlite_synchronous=_synchronous(env.get("SOZIALKONFERENZ_SQLITE_SYNCHRONOUS")),
            client_dist=Path(env.get("SOZIALKONFERENZ_CLIENT_DIST") or DEFAULT_CLIENT_DIST),
            auth=_auth(env),
            max_body_bytes=_number(env, "SOZIALKONFERENZ_MAX_BODY_BYTES", MAX_BODY_BYTES, int),
            broker_url=_broker(broker_url, database_url),
            broker_prefix=env.get("SOZIALKONFERENZ_BROKER_PREFIX") or _prefix(database_url),
            oparl=_oparl(env, demo),
        )


DEMO_CITY = "Lindenau"


def _oparl(env: Mapping[str, str], demo: bool) -> OParlSettings:
    """The OParl interface's public base URL (default: the request's) and the city's name."""
    public_url = env.get("SOZIALKONFERENZ_PUBLIC_URL", "").strip().rstrip("/")
    if public_url and not public_url.startswith(("http://", "https://")):
        raise ValueError(f"SOZIALKONFERENZ_PUBLIC_URL muss mit http:// oder https:// beginnen, nicht {public_url!r}.")
    city = env.get("SOZIALKONFERENZ_CITY_NAME", "").strip() or (DEMO_CITY if demo else OParlSettings.city_name)
    return OParlSettings(public_url=public_url, city_name=city)


def _broker(url: str | None, database_url: str) -> str | None:
    """The broker's address (``server/cluster/startup.py`` refuses it for SQLite when serving)."""
    if url is None:
        return None
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"Der Broker muss eine Redis-Adresse sein (redis://HOST:PORT/DB), nicht {url!r}.")
    return url


def _prefix(database_url: str) -> str:
    """The default namespace of Redis keys and channels: the database's name."""
    try:
        name = make_url(database_url).database
    except ArgumentError:  # an unusable URL is reported where the database is opened
        name = None
    return f"sk:{name or 'sozialkonferenz'}"


def _number(env: Mapping[str, str], name: str, default: T, kind: Callable[[str], T]) -> T:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ValueError(f"{name} muss eine Zahl sein, nicht {raw!r}.") from None
    if value <= 0:  # type: ignore[operator]
        raise ValueError(f"{name} muss größer als 0 sein, nicht {raw!r}.")
    return value


def _auth(env: Mapping[str, str]) -> AuthSettings:
    """Sign-in settings from ``SOZIALKONFERENZ_*`` variables (defaults are safe)."""
    defaults = AuthSettings()
    secure = env.get("SOZIALKONFERENZ_COOKIE_SECURE", "1").strip().lower()
    if secure not in ("1", "0", "true", "false", "yes", "no"):
        raise ValueError(f"SOZIALKONFERENZ_COOKIE_SECURE muss 1 oder 0 sein, nicht {secure!r}.")
    listed = env.get("SOZIALKONFERENZ_ALLOWED_ORIGINS", "").split(",")
    origins = tuple(o.strip().rstrip("/") for o in listed if o.strip())
    return AuthSettings(
        cookie_secure=secure in ("1", "true", "yes"),
        session_hours=_number(env, "SOZIALKONFERENZ_SESSION_HOURS", defaults.session_hours, float),
        invitation_days=_number(env, "SOZIALKONFERENZ_INVITATION_DAYS", defaults.invitation_days, float),
        login_failures=_number(env, "SOZIALKONFERENZ_LOGIN_FAILURES", defaults.login_failures, int),
        login_pause_seconds=_number(env, "SOZIALKONFERENZ_LOGIN_PAUSE_SECONDS", defaults.login_pause_seconds, float),
        allowed_origins=origins,
        secret_key=env.get("SOZIALKONFERENZ_SECRET_KEY", ""),
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
