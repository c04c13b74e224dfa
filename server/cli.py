"""The command line: ``sozialkonferenz serve [--host] [--port] [--database URL] [--demo]``.

Each command is a subparser with its own handler, so more (``verify``,
``projections rebuild``, ``token create``) slot in beside ``serve``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from server.config import Settings


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    settings = Settings.load(host=args.host, port=args.port, database_url=args.database, demo=args.demo)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        ws="websockets-sansio",  # the same websockets library, without its deprecated legacy API
        # Per-message compression costs memory per connection and is a known attack surface
        # for small, frequent CRDT updates; clients work without it.
        ws_per_message_deflate=False,
        lifespan="on",
    )
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="sozialkonferenz", description="Sozialkonferenz: Server und Werkzeuge.")
    commands = root.add_subparsers(dest="command", required=True, metavar="BEFEHL")

    serve_parser = commands.add_parser("serve", help="den Webserver starten")
    serve_parser.add_argument("--host", help="Adresse, an die der Server bindet (Standard: $HOST oder 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, help="Port (Standard: $PORT oder 8000)")
    serve_parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy-URL der Datenbank, z. B. postgresql+psycopg://user@host/db "
        "(Standard: $SOZIALKONFERENZ_DATABASE_URL oder eine SQLite-Datei in data/)",
    )
    serve_parser.add_argument("--demo", action="store_true", help="Demodaten laden, falls noch nicht vorhanden")
    serve_parser.set_defaults(handler=serve)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ValueError as error:  # a bad setting, e.g. PORT=abc: say so without a traceback
        parser().exit(2, f"sozialkonferenz: Fehler: {error}\n")


if __name__ == "__main__":
    raise SystemExit(main())
