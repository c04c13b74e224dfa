"""``sozialkonferenz import catalogue``: the dry run reports, the import writes, a second import creates nothing."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest

from domain.application import SYSTEM_ACTOR
from domain.measure import Measure
from domain.working_group import WorkingGroup
from server.cli import main
from server.composition import build_application, close_application
from tests.imports.files import ROWS, csv_bytes, prepared_conference


def test_the_command_line_checks_imports_and_imports_once(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_application(database_url)
    try:
        conference = prepared_conference(app, SYSTEM_ACTOR)
    finally:
        close_application(app)
    good = tmp_path / "katalog.csv"
    good.write_bytes(csv_bytes(ROWS, encoding="cp1252"))
    bad = tmp_path / "fehler.csv"
    bad.write_bytes(csv_bytes([*ROWS, ["9", "", "ohne Titel", "", "", "", "", "Kinderarmut", "", "", "", "", ""]]))
    common = ["--conference", str(conference.id), "--database", database_url]

    assert main(["import", "catalogue", str(good), *common, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Datei katalog.csv (CSV, Windows-1252, Semikolon)" in out
    assert "Spalte M „Bemerkung“: unbekannt, wird nicht gelesen" in out
    assert "3 Zeilen gelesen: 3 Maßnahmen würden angelegt, 0 bereits importiert" in out

    assert main(["import", "catalogue", str(bad), *common]) == 1  # one unreadable row: nothing written
    out = capsys.readouterr().out
    assert "Zeile 5, Spalte B: Der Titel der Maßnahme fehlt." in out
    assert "Nichts importiert" in out

    assert main(["import", "catalogue", str(good), *common]) == 0
    assert "3 Maßnahmen angelegt" in capsys.readouterr().out
    assert main(["import", "catalogue", str(good), *common]) == 0
    assert "0 Maßnahmen angelegt, 3 bereits importiert" in capsys.readouterr().out

    app = build_application(database_url)
    try:
        titles = [
            app.load(Measure, m).fields["title"]
            for g in conference.groups.values()
            for m in app.load(WorkingGroup, g).proposal_ids
        ]
        assert sorted(titles) == sorted(r[1] for r in ROWS)
    finally:
        close_application(app)


def test_an_unknown_conference_is_named_without_a_traceback(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "katalog.csv"
    good.write_bytes(csv_bytes(ROWS))
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "catalogue", str(good), "--conference", str(UUID(int=5)), "--database", database_url])
    assert exit_info.value.code == 2
    assert "Konferenz" in capsys.readouterr().err
