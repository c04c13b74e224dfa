"""The start page per person: each role sees her own groups and what waits for her (from GET /api/me/desk)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

HEADINGS = {
    "groups": "Meine Arbeitsgruppen",
    "agree": "Abzustimmen in meinen Arbeitsgruppen",
    "evaluate": "Zu evaluieren",
    "decide": "Zu entscheiden im Ausschuss",
    "audit": "Zu prüfen",
    "organiser": "Heute im Organisationsteam",
}


def open_desk(new_page: Any, server: RunningServer, login: str) -> tuple[Any, dict[str, Any]]:
    page = new_page(login)
    page.goto("/")
    expect(page.get_by_role("heading", name="Aktuelle Konferenz", level=2)).to_be_visible()
    return page, server.get("/api/me/desk", login=login)


def section(page: Any, key: str) -> Any:
    return page.locator("section", has=page.get_by_role("heading", name=HEADINGS[key], exact=True, level=2))


def shows_only(page: Any, desk: dict[str, Any], *keys: str) -> None:
    """Exactly these role sections (and her groups, if she has any)."""
    keys = (*keys, "groups") if desk["groups"] else keys
    for key, heading in HEADINGS.items():
        expect(page.get_by_role("heading", name=heading, exact=True, level=2)).to_have_count(1 if key in keys else 0)


def shows_groups(page: Any, desk: dict[str, Any]) -> None:
    groups = section(page, "groups")
    for group in desk["groups"]:
        link = groups.get_by_role("heading", level=3).locator(f'a[href="/arbeitsgruppen/{group["id"]}"]')
        expect(link).to_have_text(group["name"])
        for proposal in group["proposals"]:
            expect(groups.get_by_role("link", name=proposal["title"], exact=True).first).to_be_visible()


def test_member_sees_her_groups_with_their_proposals(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "mitglied")
    assert desk["groups"] and all(g["role"] == "member" for g in desk["groups"])
    assert any(g["proposals"] for g in desk["groups"]), "the demo member's group has proposals"
    shows_only(page, desk)
    shows_groups(page, desk)
    current = desk["current_conference"]
    expect(page.locator("section", has=page.get_by_role("heading", name="Aktuelle Konferenz"))).to_contain_text(
        current["title"]
    )
    check_accessibility(page, "Startseite Mitglied")
    assert page.console_errors == []


def test_moderator_sees_drafts_to_agree_and_measures_to_evaluate(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "moderation")
    assert any(g["role"] == "moderator" for g in desk["groups"])
    shows_only(page, desk, "agree", "evaluate")
    shows_groups(page, desk)
    for row in desk["to_agree"]:
        expect(section(page, "agree").get_by_role("link", name=row["title"])).to_have_count(1)
    for row in desk["to_evaluate"]:
        expect(section(page, "evaluate").get_by_role("link", name=row["title"])).to_have_count(1)
    if not desk["to_agree"]:
        expect(section(page, "agree")).to_contain_text("Kein Entwurf wartet auf einen Beschluss.")
    check_accessibility(page, "Startseite Moderation")


def test_committee_member_sees_the_papers_to_decide(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "ausschuss")
    shows_only(page, desk, "decide")
    decide = section(page, "decide")
    for paper in desk["to_decide"]:
        expect(decide.get_by_role("row", name=paper["paper_number"])).to_have_count(1)
    if not desk["to_decide"]:
        expect(decide).to_contain_text("Keine Vorlage wartet auf eine Entscheidung.")
    check_accessibility(page, "Startseite Ausschuss")


def test_auditor_sees_the_latest_decisions_and_the_way_to_the_chain_check(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "pruefung")
    assert desk["to_audit"]["latest_decisions"], "the demo city has decisions"
    shows_only(page, desk, "audit")
    audit = section(page, "audit")
    expect(audit.locator("tbody tr")).to_have_count(len(desk["to_audit"]["latest_decisions"]))
    audit.get_by_role("link", name="Zur Prüfung (Verlauf und Hash-Kette)").click()
    expect(page).to_have_url(server.url + "/pruefung")
    check_accessibility(page, "Prüfseite nach Startseite")


def test_organiser_sees_what_she_has_today(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "organisation")
    assert desk["organiser"] is not None
    organiser = section(page, "organiser")
    expect(organiser).to_be_visible()
    for row in desk["organiser"]["to_adopt"] + desk["organiser"]["to_submit"]:
        expect(organiser.get_by_role("link", name=row["title"]).first).to_be_visible()
    expect(page.get_by_role("heading", name=HEADINGS["decide"], exact=True)).to_have_count(0)
    check_accessibility(page, "Startseite Organisation")


def test_the_public_sees_the_current_conference_and_all_conferences(new_page: Any, server: RunningServer) -> None:
    page, desk = open_desk(new_page, server, "oeffentlichkeit")
    # No role's list beyond her groups (the demo's "public" person moderates a district group).
    for key in ("decide", "audit", "organiser"):
        expect(page.get_by_role("heading", name=HEADINGS[key], exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sozialkonferenzen")
    for conference in server.get("/api/conferences"):
        expect(page.locator("tr").get_by_role("link", name=conference["title"], exact=True)).to_be_visible()
