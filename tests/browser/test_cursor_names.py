"""Other people's cursor names in the proposal form: shown while they type, readable in a one-line field."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, RunningServer, check_accessibility
from tests.browser.test_live_editing import MEMBER, MODERATOR, editor, new_proposal, open_form, type_at_end

# The flag with the name: shown (not hidden, not transparent), inside the window, and what the
# reader sees at its centre, i.e. not cut off by a box around it (overflow) nor covered.
FLAG_IS_READABLE = """([field, name]) => {
  const flag = [...document.querySelectorAll(`.field-${field} .ql-cursor-flag`)]
    .find((element) => element.textContent.includes(name));
  if (!flag) return false;
  const style = getComputedStyle(flag);
  if (style.visibility !== "visible" || Number(style.opacity) < 1) return false;
  const box = flag.getBoundingClientRect();
  if (box.width < 10 || box.height < 10) return false;
  if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) return false;
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return !!hit && flag.contains(hit);
}"""


def test_the_name_of_someone_typing_in_the_title_is_shown_above_her_cursor(
    new_page: Any, server: RunningServer
) -> None:
    group_id, measure_id = new_proposal(server, "Lernpaten")
    andrea = new_page(MODERATOR)
    aylin = new_page(person=MEMBER)
    open_form(andrea, group_id, measure_id)
    open_form(aylin, group_id, measure_id)

    type_at_end(aylin, "Titel", " für Grundschulen")
    expect(editor(andrea, "Titel")).to_have_text("Lernpaten für Grundschulen")
    # While she types, Andrea sees her name at her cursor in the one-line title field, without hovering.
    andrea.wait_for_function(FLAG_IS_READABLE, arg=["title", MEMBER])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    andrea.screenshot(path=str(SCREENSHOTS / "cursor-name-in-title.png"))
    aylin.keyboard.type(" in Lindenau")
    expect(editor(andrea, "Titel")).to_have_text("Lernpaten für Grundschulen in Lindenau")
    andrea.wait_for_function(FLAG_IS_READABLE, arg=["title", MEMBER])
    flag = andrea.locator(".field-title .ql-cursor-flag", has_text=MEMBER)
    expect(flag).to_contain_text(MEMBER)
    check_accessibility(andrea, "Vorschlag mit fremdem Cursor")
    assert andrea.console_errors == [] and aylin.console_errors == []
