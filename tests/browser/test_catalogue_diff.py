"""The page "Veränderungen im Maßnahmenkatalog": reached from the comparison, per working group the new,
continued (with their changed words) and dropped measures of the demo city's two conferences."""

from __future__ import annotations

import re
from typing import Any
from uuid import uuid4

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

SERIES = "Sozialkonferenz Lindenau"
COUNTS = ("new", "continued", "dropped", "changed_text", "changed_district", "changed_lead")


def test_changes_between_two_conferences_per_working_group(new_page: Any, server: RunningServer) -> None:
    conferences = [c for c in server.get("/api/conferences") if c["series"] == SERIES]
    earlier, later = conferences[-2], conferences[-1]
    diff = server.get(f"/api/catalogue-diff?from={earlier['id']}&to={later['id']}")
    page = new_page("planung")
    page.goto("/vergleich")
    page.get_by_role(
        "link", name=f"Veränderungen im Maßnahmenkatalog von {earlier['cycle']} zu {later['cycle']}"
    ).click()
    expect(page).to_have_url(re.compile(rf"/massnahmenkatalog/veraenderungen\?von={earlier['id']}&bis={later['id']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Veränderungen im Maßnahmenkatalog")
    expect(page.get_by_label("Früherer Katalog")).to_have_value(earlier["id"])
    expect(page.get_by_label("Späterer Katalog")).to_have_value(later["id"])

    # The overview: a row per working group and the totals, as the API counts them.
    rows = page.locator("#diff-counts tbody tr")
    expect(rows).to_have_count(len(diff["working_groups"]) + 1)
    totals = rows.last.locator("td")
    for index, name in enumerate(COUNTS):
        expect(totals.nth(index)).to_have_text(str(diff["counts"][name]))
    assert diff["counts"]["new"] > 0 and diff["counts"]["dropped"] > 0

    # A continued measure shows each changed field with the words inserted and removed.
    continued = [(g, c) for g in diff["working_groups"] for c in g["continued"] if c["changes"]]
    assert continued, "the demo continues at least one measure with a changed text"
    group, measure = continued[0]
    section = page.locator(f'section[data-lineage="{group["lineage_id"]}"]')
    expect(section.get_by_role("heading", level=2)).to_have_text(group["name"])
    item = section.locator(
        ".diff-continued li", has=page.get_by_role("link", name=re.compile(re.escape(measure["title"])))
    )
    expect(item).to_contain_text(f"fortgeführt aus {measure['predecessor']['reference']}")
    change = measure["changes"][0]
    field = item.locator(f'[data-field="{change["field"]}"]')
    expect(field.locator("dt")).to_have_text(change["label"])
    inserted = [w["text"] for w in change["words"] if w["op"] == "insert"]
    deleted = [w["text"] for w in change["words"] if w["op"] == "delete"]
    expect(field.locator("ins")).to_have_count(len(inserted))
    expect(field.locator("del")).to_have_count(len(deleted))
    if inserted:
        expect(field.locator("ins").first).to_contain_text(inserted[0])

    # A dropped measure with its last status.
    dropped_group = next(g for g in diff["working_groups"] if g["dropped"])
    dropped = dropped_group["dropped"][0]
    line = page.locator(f'section[data-lineage="{dropped_group["lineage_id"]}"] .diff-dropped li').first
    expect(line).to_contain_text(dropped["title"])
    check_accessibility(page, "Veränderungen im Maßnahmenkatalog")
    assert page.console_errors == []


def test_an_unknown_conference_is_named_in_german(new_page: Any, server: RunningServer) -> None:
    known = server.get("/api/conferences")[0]["id"]
    unknown = str(uuid4())
    page = new_page("planung")
    page.goto(f"/massnahmenkatalog/veraenderungen?von={known}&bis={unknown}")
    expect(page.get_by_role("alert")).to_contain_text(f"Konferenz (to) mit der Kennung {unknown} wurde nicht gefunden")
