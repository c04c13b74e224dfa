"""„Ähnliche Vorschläge“ on the proposal page: another group's overlapping proposal appears while one types."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility
from tests.browser.test_live_editing import MODERATOR, editor, new_proposal, open_form, type_at_end

OTHER = "Quartiersküche Lindenhof: Mittagstisch mit Fahrdienst für alleinlebende Seniorinnen und Senioren"
TYPED = " Mittagstisch mit Fahrdienst für alleinlebende Seniorinnen und Senioren in der Quartiersküche Lindenhof."


def test_the_panel_shows_another_groups_overlapping_proposal_as_the_group_types(
    new_page: Any, server: RunningServer
) -> None:
    other_group, other = new_proposal(server, OTHER, group_number=2)
    other_name = server.get(f"/api/working-groups/{other_group}")["name"]
    group_id, measure_id = new_proposal(server, "Ein neuer Vorschlag der AG Kinderarmut")
    page = new_page(MODERATOR)
    open_form(page, group_id, measure_id)
    panel = page.get_by_role("region", name="Ähnliche Vorschläge")
    expect(panel).to_be_visible()
    expect(panel.locator(f'.similar-item[data-measure-id="{other}"]')).to_have_count(0)
    type_at_end(page, "Titel", TYPED)
    expect(editor(page, "Titel")).to_contain_text("Quartiersküche Lindenhof")
    item = panel.locator(f'.similar-item[data-measure-id="{other}"]')
    expect(item).to_be_visible(timeout=20_000)  # asked again 1.2 s after the typing; the live text counts
    expect(item.get_by_role("link")).to_contain_text("Quartiersküche Lindenhof")
    expect(item).to_contain_text(other_name)
    expect(item.locator("mark").first).to_be_visible()
    check_accessibility(page, "Vorschlag mit ähnlichen Vorschlägen")
