"""Clear messages: a refusal said once and without a useless retry, menus that offer only what one may
open, and a broken hash chain named by its measure and time rather than a raw id."""

from __future__ import annotations

import sqlite3
import time
from typing import Any
from uuid import UUID, uuid4

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility
from tests.browser.test_plenary import lindenau_2026


def until_projected(server: RunningServer, path: str) -> Any:
    """The view's answer once the projection has the new record (a script's token carries no position)."""
    deadline = time.monotonic() + 20
    while True:
        try:
            return server.get(path)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_what_one_may_not_use_is_not_offered_and_a_dead_end_offers_no_retry(
    new_page: Any, server: RunningServer
) -> None:
    page = new_page("mitglied")  # Anja Sommer, a group member: may read every history, may not audit
    page.goto("/pruefung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prüfung und Verlauf")
    expect(page.get_by_role("combobox", name="Konferenz")).to_be_visible()
    # The chain check needs the right to audit: not offered, rather than refused.
    expect(page.get_by_role("region", name="Prüfung der Hash-Kette")).to_have_count(0)
    expect(page.get_by_text("Keine Berechtigung")).to_have_count(0)
    expect(page.get_by_role("button", name="Erneut prüfen")).to_have_count(0)
    check_accessibility(page, "Prüfung ohne Prüfrecht")

    page.goto(f"/konferenzen/{uuid4()}")  # nothing there: asking again cannot help
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("wurde nicht gefunden")
    expect(alert.get_by_role("button", name="Erneut versuchen")).to_have_count(0)
    assert alert.inner_text().count("Nicht gefunden") <= 1

    auditor = new_page("pruefung")
    auditor.goto("/pruefung")
    expect(auditor.get_by_role("region", name="Prüfung der Hash-Kette")).to_be_visible()
    assert page.console_errors == [] or all("404" in e for e in page.console_errors), page.console_errors


def test_a_broken_chain_names_the_measure_and_the_time_of_the_altered_event(
    new_page: Any, server: RunningServer
) -> None:
    conference = lindenau_2026(server)
    group = conference["working_groups"][0]
    measure = server.send(
        "POST", f"/api/working-groups/{group['id']}/measures", {"fields": {"title": "Kettenprobe Nord"}}, "moderation"
    )["id"]
    reference = until_projected(server, f"/api/measures/{measure}")["reference"]
    database = server.log.parent / "store.db"
    with sqlite3.connect(database) as connection:
        event_id, state = connection.execute(
            "SELECT id, state FROM sozialkonferenz_events WHERE originator_id = ? AND originator_version = 1",
            (UUID(measure).bytes,),
        ).fetchone()
    statement = "UPDATE sozialkonferenz_events SET state = ? WHERE id = ?"
    try:
        with sqlite3.connect(database) as connection:
            connection.execute(statement, (bytes(state) + b" ", event_id))
        page = new_page("pruefung")
        page.goto("/pruefung")
        panel = page.get_by_role("region", name="Prüfung der Hash-Kette")
        panel.get_by_role("button", name="Erneut prüfen").click()
        result = panel.locator(".chain-result")
        expect(result).to_contain_text("Hash-Kette verletzt")
        expect(result).to_contain_text(f"Maßnahme {reference} „Kettenprobe Nord“")
        expect(result).to_contain_text("Ereignis vom ")
        shown = panel.inner_text()
        assert measure not in shown and "sozialkonferenz verify" not in shown, shown
        check_accessibility(page, "Hash-Kette verletzt")
    finally:
        with sqlite3.connect(database) as connection:
            connection.execute(statement, (bytes(state), event_id))
    assert server.get("/api/audit/chain?refresh=1", login="pruefung")["ok"] is True


def test_the_proposal_form_is_offered_only_to_those_who_may_write_in_it(new_page: Any, server: RunningServer) -> None:
    conference = lindenau_2026(server)
    group = next(g for g in conference["working_groups"] if g["number"] == 1)  # moderated by "moderation"
    measure = server.send(
        "POST", f"/api/working-groups/{group['id']}/measures", {"fields": {"title": "Formularprobe"}}, "moderation"
    )["id"]
    until_projected(server, f"/api/measures/{measure}")
    moderator = new_page("moderation")
    moderator.goto(f"/massnahmen/{measure}")
    expect(moderator.get_by_role("link", name="Im Vorschlagsformular bearbeiten")).to_be_visible()

    public = new_page("oeffentlichkeit")  # Katharina Seidel: no part in this group
    public.goto(f"/massnahmen/{measure}")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Formularprobe")
    expect(public.get_by_role("link", name="Im Vorschlagsformular bearbeiten")).to_have_count(0)
    check_accessibility(public, "Maßnahme ohne Schreibrecht")
