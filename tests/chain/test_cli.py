"""``sozialkonferenz verify``: German result lines, exit status 0 when intact, 1 naming the first problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from server.cli import main
from tests.chain.conftest import EVENTS, Store

REPO = Path(__file__).resolve().parents[2]


def test_an_intact_chain_exits_0_with_count_and_head(
    filled: Store, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    head = filled.verify()

    status = main(["verify", "--database", database_url])

    out, err = capsys.readouterr()
    assert status == 0
    assert out.splitlines() == [
        f"Hash-Kette unversehrt: 6 Ereignisse geprüft, Kopf-Hash {head.head_hash} (Position {head.head_position}).",
        f"Zum späteren Vergleich notieren: --expect {head.head_position}:{head.head_hash}",
    ]
    assert "Hash-Kette prüfen:" in err and "100.0%" in err  # the progress bar, on stderr


def test_an_altered_event_exits_1_and_is_named(
    filled: Store, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = filled.event(filled.organisation, 1)
    filled.sql(f"UPDATE {EVENTS} SET originator_version = 7 WHERE id = :id", id=target.id)

    status = main(["verify", "--database", database_url])

    out = capsys.readouterr().out
    assert status == 1
    assert out.splitlines()[0] == (
        f"Hash-Kette verletzt: Ereignis an Position {target.id} "
        f"(Datensatz {filled.organisation}, Version 7, {target.topic}): verändert."
    )


def test_a_noted_head_is_compared(filled: Store, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    head = filled.verify()

    assert main(["verify", "--database", database_url, "--expect", f"{head.head_position}:{head.head_hash}"]) == 0
    assert main(["verify", "--database", database_url, "--expect", f"{head.head_position - 1}:{head.head_hash}"]) == 1
    assert f"Der Hash an Position {head.head_position - 1} weicht vom erwarteten ab." in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["verify", "--database", database_url, "--expect", "17"])
    assert exit_.value.code == 2
    assert "POSITION:HASH" in capsys.readouterr().err


def test_a_missing_database_is_an_error_not_a_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["verify", "--database", f"sqlite:///{tmp_path / 'nichts.db'}"])

    assert exit_.value.code == 2
    assert "Datenbank nicht gefunden" in capsys.readouterr().err
    assert not (tmp_path / "nichts.db").exists()


def test_the_installed_command_names_an_inserted_event_with_exit_status_1(filled: Store, database_url: str) -> None:
    filled.sql(
        f"INSERT INTO {EVENTS} (originator_id, originator_version, topic, state)"
        f" SELECT originator_id, originator_version + 1, topic, state FROM {EVENTS} WHERE id = :id",
        id=filled.event(filled.person, 1).id,
    )
    forged = filled.event(filled.person, 2)

    result = subprocess.run(
        [sys.executable, "-m", "server.cli", "verify", "--database", database_url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1, result.stderr
    assert f"Ereignis an Position {forged.id} (Datensatz {filled.person}, Version 2" in result.stdout
    assert result.stdout.splitlines()[0].endswith("eingefügt.")
    assert "Bis dahin unversehrt: 6 Ereignisse" in result.stdout
