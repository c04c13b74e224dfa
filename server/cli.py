"""The command line: ``sozialkonferenz serve [--host] [--port] [--database URL] [--demo] [--broker URL] [--workers N]``.

Each command is a subparser with its own handler, so more (``verify``,
``projections rebuild``, ``token create``) slot in beside ``serve``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from server.config import Settings


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app
    from server.cluster.startup import check_startup, prepare_workers
    from server.collab.transport import uvicorn_options

    settings = Settings.load(
        host=args.host, port=args.port, database_url=args.database, demo=args.demo, broker_url=args.broker
    )
    check_startup(settings, args.workers)  # a clear message instead of a failed start-up
    if args.workers > 1:
        prepare_workers(settings)  # demo data once, then the settings travel in the environment
        uvicorn.run(
            "server.cluster.startup:worker_app", factory=True, workers=args.workers,
            host=settings.host, port=settings.port, lifespan="on", **uvicorn_options(),
        )  # fmt: skip
        return 0
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        lifespan="on",
        **uvicorn_options(),
    )
    return 0


def rebuild(args: argparse.Namespace) -> int:
    from projections.runner import ProjectionRunner
    from server.composition import build_application, close_application
    from server.progress import ProgressBar

    settings = Settings.load(database_url=args.database)
    application = build_application(settings.database_url)
    try:
        runner = ProjectionRunner(application)
        names = [args.name] if args.name else list(runner.projections)
        unknown = [n for n in names if n not in runner.projections]
        if unknown:
            raise ValueError(f"Unbekannte Projektion {unknown[0]!r}; vorhanden: {', '.join(runner.projections)}")
        for name in names:
            runner.rebuild(name, ProgressBar(f"{runner.projections[name].label} neu aufbauen"))
        print(f"{len(names)} Projektion(en) neu aufgebaut bis Position {application.position()}.")
    finally:
        close_application(application)
    return 0


def verify(args: argparse.Namespace) -> int:
    """Check the hash chain over the whole event store; exit status 1 names the first problem."""
    from server.chain_verification import parse_expected_head, verify_chain, verify_database
    from server.progress import ProgressBar

    settings = Settings.load(database_url=args.database)
    expect = parse_expected_head(args.expect) if args.expect else None
    with verify_database(settings.database_url) as engine:
        report = verify_chain(engine, progress=ProgressBar("Hash-Kette prüfen"), expect=expect)
    if not report.ok and report.checked:
        print(file=sys.stderr)  # end the progress bar's line where the walk stopped
    for line in report.summary():
        print(line)
    return 0 if report.ok else 1


def reset_demo(args: argparse.Namespace) -> int:
    """Throw away everything in the database and load the demo city afresh (asks first, unless --yes)."""
    from sqlalchemy import create_engine, make_url, text

    from server.auth.store import AccountStore
    from server.cluster.locks import AlreadyServed, ServerGuard
    from server.composition import build_application, close_application
    from server.demo import ensure_demo_accounts, load_demo

    settings = Settings.load(database_url=args.database)
    url = make_url(settings.database_url)
    where = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
    if not args.yes:
        print(f"Alle Daten in {where} werden gelöscht und die Demo neu geladen.", file=sys.stderr)
        if input("Fortfahren? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
            print("Abgebrochen; nichts wurde geändert.", file=sys.stderr)
            return 1
    engine = create_engine(settings.database_url)
    guard = ServerGuard(engine, shared=False)  # no server may be running on it meanwhile
    try:
        guard.acquire()
    except AlreadyServed:
        engine.dispose()
        raise ValueError("Auf dieser Datenbank läuft noch ein Server; bitte ihn zuerst beenden.") from None
    try:
        if url.get_backend_name() == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        else:
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        application = build_application(settings.database_url)
        try:
            load_demo(application)
            ensure_demo_accounts(application, AccountStore(application.recorder.datastore.engine))  # type: ignore[attr-defined]
        finally:
            close_application(application)
    finally:
        guard.release()
        engine.dispose()
    print("Demo neu geladen (Anmeldung wie im README, Abschnitt „Demokonten“).", file=sys.stderr)
    return 0


def import_catalogue(args: argparse.Namespace) -> int:
    """Dry run or import of a catalogue file; exit status 1 when the file has errors (nothing is written then)."""
    from uuid import UUID

    from domain.application import SYSTEM_ACTOR
    from domain.errors import DomainError
    from server.composition import build_application, close_application
    from server.imports.catalogue import ImportRefused, plan_import, run_import
    from server.imports.summary import report_lines
    from server.progress import ProgressBar

    path = Path(args.file)
    if not path.is_file():
        raise ValueError(f"Die Datei {path} gibt es nicht.")
    actor = UUID(args.actor) if args.actor else SYSTEM_ACTOR
    settings = Settings.load(database_url=args.database)
    application = build_application(settings.database_url)
    try:
        try:
            plan = plan_import(application, args.conference, path.name, path.read_bytes())
        except DomainError as error:  # an unknown conference: say so without a traceback
            raise ValueError(error.message) from None
        if args.dry_run:
            for line in report_lines(plan.report(), dry_run=True):
                print(line)
            return 0 if plan.readable else 1
        bar = ProgressBar("Maßnahmen importieren")
        try:
            result = run_import(
                application, actor, args.conference, plan, readable_rows_only=args.readable_rows_only,
                progress=bar,
            )
        except ImportRefused:
            for line in report_lines(plan.report(), dry_run=True):
                print(line)
            print("Nichts importiert: die Datei enthält Fehler (mit --readable-rows-only nur die lesbaren Zeilen).")
            return 1
        for line in report_lines(result.report(), dry_run=False):
            print(line)
    finally:
        close_application(application)
    return 0


def check_documents(args: argparse.Namespace) -> int:
    """Replay every live proposal document; exit status 1 lists stored updates that do not fit."""
    from server.collab import store
    from server.composition import build_application, close_application

    settings = Settings.load(database_url=args.database)
    application = build_application(settings.database_url)
    try:
        found = store.check_documents(application)
    finally:
        close_application(application)
    for measure_id, skipped in found:
        print(f"Maßnahme {measure_id}: {len(skipped)} gespeicherte Aktualisierung(en) werden beim Laden übersprungen")
        for entry in skipped:
            author = entry.actor or "ohne Autor"
            print(f"  Ereignis {entry.version}, Nr. {entry.index + 1} (von {author}): {entry.reason}")
    if not found:
        print("Alle Live-Dokumente lassen sich vollständig laden.")
    return 1 if found else 0


@contextmanager
def _accounts(database: str | None) -> Iterator[tuple[Any, Any]]:
    """The application and its account store, closed afterwards."""
    from server.auth.store import AccountStore
    from server.composition import build_application, close_application

    settings = Settings.load(database_url=database)
    application = build_application(settings.database_url)
    try:
        yield application, AccountStore(application.recorder.datastore.engine)  # type: ignore[attr-defined]
    finally:
        close_application(application)


def _account(accounts: Any, user: str) -> Any:
    """An account by sign-in name or person id."""
    from uuid import UUID

    account = accounts.account_by_login(user)
    if account is None:
        try:
            account = accounts.account_of(UUID(user))
        except ValueError:
            account = None
    if account is None:
        raise ValueError(f"Kein Konto mit dem Anmeldenamen oder der Kennung {user!r}.")
    return account


def create_token(args: argparse.Namespace) -> int:
    """An API token for a person's account (by sign-in name or person id); printed once, stored hashed."""
    with _accounts(args.database) as (application, accounts):
        account = _account(accounts, args.user)
        token = accounts.create_token(account.person_id, args.label)
        print(f"API-Schlüssel für {application.person_name(account.person_id)} ({account.login}):", file=sys.stderr)
        print(token)
    return 0


def list_tokens(args: argparse.Namespace) -> int:
    """A person's tokens: id, date, state and label (the tokens themselves are not stored)."""
    with _accounts(args.database) as (_, accounts):
        for token in accounts.tokens_of(_account(accounts, args.user).person_id):
            state = "widerrufen" if token.revoked else "gültig"
            print(f"{token.id}  {token.created_at:%Y-%m-%d %H:%M}  {state:10}  {token.label}")
    return 0


def revoke_token(args: argparse.Namespace) -> int:
    """Revoke a token by its id. With a broker the running servers close its live connections at
    once; otherwise at their next check."""
    with _accounts(args.database) as (_, accounts):
        if not accounts.revoke_token_id(args.id):
            raise ValueError(f"Kein API-Schlüssel mit der Kennung {args.id!r} (siehe „token list“).")
    print("API-Schlüssel widerrufen.", file=sys.stderr)
    settings = Settings.load(database_url=args.database, broker_url=args.broker)
    if settings.broker_url is not None:
        from server.auth.store import TOKEN_KEY
        from server.cluster.relays import publish_credential_closed

        try:
            publish_credential_closed(settings, TOKEN_KEY + args.id, "API-Schlüssel widerrufen.")
        except ValueError as error:  # revoked all the same; the servers' next check closes its connections
            print(f"Hinweis: {error}", file=sys.stderr)
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
    serve_parser.add_argument(
        "--broker",
        metavar="URL",
        help="Redis, das mehrere Serverprozesse auf einer PostgreSQL-Datenbank verbindet, z. B. "
        "redis://127.0.0.1:6379/0 (Standard: $SOZIALKONFERENZ_BROKER_URL; ohne: ein einzelner Prozess)",
    )
    serve_parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="N Prozesse auf diesem Rechner, die sich den Port teilen (braucht PostgreSQL und --broker)",
    )
    serve_parser.set_defaults(handler=serve)

    projections_parser = commands.add_parser("projections", help="Ansichten (Projektionen) verwalten")
    projection_commands = projections_parser.add_subparsers(dest="projection_command", required=True, metavar="AKTION")
    rebuild_parser = projection_commands.add_parser(
        "rebuild", help="eine oder alle Ansichten aus den Ereignissen neu aufbauen"
    )
    rebuild_parser.add_argument("name", nargs="?", help="Name der Projektion (Standard: alle)")
    rebuild_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    rebuild_parser.set_defaults(handler=rebuild)

    verify_parser = commands.add_parser(
        "verify", help="die Hash-Kette über alle Ereignisse prüfen (Exit-Status 1: verändert, entfernt, eingefügt)"
    )
    verify_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    verify_parser.add_argument(
        "--expect",
        metavar="POSITION:HASH",
        help="einen früher notierten Kopf-Hash an seiner Position mitprüfen (z. B. 1024:3f5a…)",
    )
    verify_parser.set_defaults(handler=verify)

    demo_parser = commands.add_parser("demo", help="die Demo-Stadt verwalten")
    demo_commands = demo_parser.add_subparsers(dest="demo_command", required=True, metavar="AKTION")
    reset_parser = demo_commands.add_parser(
        "reset", help="alle Daten löschen und die Demo neu laden (fragt vorher; der Server muss gestoppt sein)"
    )
    reset_parser.add_argument("--yes", action="store_true", help="ohne Rückfrage")
    reset_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    reset_parser.set_defaults(handler=reset_demo)

    import_parser = commands.add_parser("import", help="Daten aus Dateien übernehmen")
    import_commands = import_parser.add_subparsers(dest="import_command", required=True, metavar="ART")
    catalogue_parser = import_commands.add_parser(
        "catalogue", help="einen Maßnahmenkatalog (CSV oder XLSX) in eine Konferenz importieren"
    )
    catalogue_parser.add_argument("file", metavar="DATEI", help="CSV- oder XLSX-Datei")
    catalogue_parser.add_argument("--conference", required=True, metavar="ID", help="Kennung der Konferenz")
    catalogue_parser.add_argument("--dry-run", action="store_true", help="nur prüfen und berichten, nichts schreiben")
    catalogue_parser.add_argument(
        "--readable-rows-only", action="store_true", help="nur die lesbaren Zeilen importieren, fehlerhafte auslassen"
    )
    catalogue_parser.add_argument("--actor", metavar="ID", help="Kennung der importierenden Person (Standard: System)")
    catalogue_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    catalogue_parser.set_defaults(handler=import_catalogue)

    documents_parser = commands.add_parser("documents", help="Live-Dokumente der Vorschläge prüfen")
    document_commands = documents_parser.add_subparsers(dest="documents_command", required=True, metavar="AKTION")
    check_parser = document_commands.add_parser(
        "check", help="jedes Live-Dokument laden und gespeicherte Aktualisierungen melden, die nicht passen (Exit 1)"
    )
    check_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    check_parser.set_defaults(handler=check_documents)

    token_parser = commands.add_parser("token", help="API-Schlüssel für Skripte verwalten")
    token_commands = token_parser.add_subparsers(dest="token_command", required=True, metavar="AKTION")
    create_parser = token_commands.add_parser("create", help="einen API-Schlüssel für ein Konto erzeugen")
    create_parser.add_argument("--user", required=True, help="Anmeldename oder Personenkennung (UUID)")
    create_parser.add_argument("--label", default="Kommandozeile", help="wofür der Schlüssel ist")
    create_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    create_parser.set_defaults(handler=create_token)
    list_parser = token_commands.add_parser("list", help="die API-Schlüssel eines Kontos auflisten (Kennungen)")
    list_parser.add_argument("--user", required=True, help="Anmeldename oder Personenkennung (UUID)")
    list_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    list_parser.set_defaults(handler=list_tokens)
    revoke_parser = token_commands.add_parser("revoke", help="einen API-Schlüssel widerrufen")
    revoke_parser.add_argument("id", help="Kennung des Schlüssels (aus „token list“)")
    revoke_parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL der Datenbank")
    revoke_parser.add_argument(
        "--broker", metavar="URL", help="Redis der laufenden Server, die dann sofort trennen (Standard: $…_BROKER_URL)"
    )
    revoke_parser.set_defaults(handler=revoke_token)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ValueError as error:  # a bad setting, e.g. PORT=abc: say so without a traceback
        parser().exit(2, f"sozialkonferenz: Fehler: {error}\n")


if __name__ == "__main__":
    raise SystemExit(main())
