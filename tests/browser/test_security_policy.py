"""The browser application works under its strict Content-Security-Policy, and breaks none of it.

Every main page is opened in Chromium with the server's headers in force; the page's own work
(lists, the live proposal form with its WebSocket and coloured cursors, charts, the replay) must
come through without a single violation: none reported to the page (``securitypolicyviolation``)
and none in the console. A failure here names the blocked resource and directive.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer
from tests.browser.test_live_editing import new_proposal, type_at_end

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`));
"""


def watched(page: Any) -> Any:
    page.context.add_init_script(WATCH)
    page.csp_console = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_console.append(message.text),
    )
    return page


def violations(page: Any) -> list[str]:
    return [*page.evaluate("() => window.__cspViolations || []"), *page.csp_console]


def visit(page: Any, path: str, ready: Any) -> list[str]:
    response = page.goto(path)
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"], path
    assert (headers["x-content-type-options"], headers["x-frame-options"]) == ("nosniff", "DENY"), path
    expect(ready(page)).to_be_visible()
    page.wait_for_load_state("networkidle")
    return [f"{path}: {v}" for v in violations(page)]


def test_every_main_page_runs_without_a_policy_violation(new_page: Any, server: RunningServer) -> None:
    conference = next(
        c for c in server.get("/api/conferences") if c["series"] == "Sozialkonferenz Lindenau" and c["cycle"] == "2026"
    )
    group_id, measure_id = new_proposal(server, "CSP-Probe: Nachbarschaftstreff")
    page = watched(new_page("organisation"))
    found: list[str] = []
    heading = lambda p: p.get_by_role("heading", level=1)  # noqa: E731
    editor = lambda p: p.locator(".ql-editor").first  # noqa: E731
    form = f"/arbeitsgruppen/{group_id}/vorschlaege/{measure_id}"
    for path in (
        "/",
        f"/konferenzen/{conference['id']}",
        f"/arbeitsgruppen/{group_id}",
        f"/massnahmen/{measure_id}",
        "/pruefung",
        f"/pruefung?massnahme={measure_id}",
        "/vergleich",
        "/sozialraeume",
    ):
        found += visit(page, path, heading)
    found += visit(page, "/vergleich", lambda p: p.locator("canvas").first)  # chart.js draws

    # The live form: WebSocket to /collab, Quill, the cursors' style element, typing that arrives.
    found += visit(page, form, editor)
    expect(page.locator(".collab-connection")).to_have_text("Verbunden")
    other = watched(new_page("moderation"))
    found += visit(other, form, editor)
    expect(other.locator(".collab-connection")).to_have_text("Verbunden")
    type_at_end(page, "Ziel", "Begegnung im Quartier")
    expect(other.get_by_role("textbox", name="Ziel", exact=True)).to_contain_text("Begegnung im Quartier")
    expect(other.locator(".ql-cursor").first).to_be_attached()  # the other person's cursor is drawn
    found += [f"live form: {v}" for v in violations(page) + violations(other)]

    found += visit(page, f"/konferenzen/{conference['id']}/plenum", heading)
    signed_out = watched(new_page())
    found += visit(signed_out, "/anmelden", heading)
    assert found == [], "\n".join(found)
