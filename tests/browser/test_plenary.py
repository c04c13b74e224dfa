"""The plenary projector view: every group's proposals in large type, updating live as the groups type."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Coroutine
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, RunningServer, check_accessibility
from tests.collab.client import CollabClient

SERIES = "Sozialkonferenz Lindenau"


class Typist:
    """A pycrdt participant in a proposal's room, on its own event loop in a thread."""

    def __init__(self, server: RunningServer, measure_id: str, login: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        base = server.url.replace("http://", "ws://")
        self.client = CollabClient(base, measure_id, None)
        self.client.url = f"{base}/collab/{measure_id}?token={server.token(login)}"  # a script: its API token

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(20)

    def __enter__(self) -> Typist:
        self.thread.start()
        self.run(self.client.__aenter__())
        self.run(asyncio.wait_for(self.client.synced.wait(), 10))
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.run(self.client.close())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)

    def append(self, field: str, text: str) -> None:
        async def edit() -> None:
            await self.client.edit(field, len(self.client.text(field)), text)  # its own offsets

        self.run(edit())

    def others_present(self) -> list[Any]:
        """Presence states other participants published (none left: "null")."""

        async def states() -> list[Any]:
            return [json.loads(state) for state in self.client.awareness.values() if state != "null"]

        return self.run(states())


def lindenau_2026(server: RunningServer) -> dict[str, Any]:
    conference = next(c for c in server.get("/api/conferences") if c["series"] == SERIES and c["cycle"] == "2026")
    assert conference["status"] == "in_session"
    return server.get(f"/api/conferences/{conference['id']}")


def draft(server: RunningServer, group_id: str, fields: dict[str, str], login: str) -> str:
    return str(server.send("POST", f"/api/working-groups/{group_id}/measures", {"fields": fields}, login)["id"])


def test_projector_shows_every_group_and_the_text_as_it_is_typed(new_page: Any, server: RunningServer) -> None:
    conference = lindenau_2026(server)
    groups = conference["working_groups"]
    # The organiser types; the projector runs signed in as a committee member of this conference,
    # who belongs to no group of it that the proposal is in: she may only read along.
    typist_id, projector_id = server.person("Katrin Hoffmann"), server.person("Renate Klein")
    group = groups[-1]
    measure = draft(
        server,
        group["id"],
        {"title": "Plenumstest Quartiersfrühstück", "description": "Ausgangslage: offen.", "goal": "Begegnung"},
        "organisation",
    )

    page = new_page("ausschuss")
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    page.goto(f"/konferenzen/{conference['id']}/plenum")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Plenum: {conference['title']}")
    expect(page.get_by_role("banner")).to_have_count(0)  # no application header on the projector
    cards = page.locator("section.group-card")
    expect(cards).to_have_count(len(groups))
    for g in groups:
        expect(page.get_by_role("heading", level=2, name=f"AG {g['number']}: {g['name']}", exact=True)).to_be_visible()
    # Every proposal of the conference is on its group's card, with its status.
    catalogue = server.get(f"/api/measures?conference_id={conference['id']}&limit=1000")
    shown = [m for m in catalogue if m["status"] != "withdrawn"]
    expect(page.locator("article.proposal")).to_have_count(len(shown))
    some = next(m for m in shown if m["status"] == "adopted")
    some_card = page.locator(f'article[data-measure-id="{some["id"]}"]')
    expect(some_card.get_by_role("heading", level=3)).to_have_text(some["title"])
    expect(some_card.locator(".badge").first).to_have_text("Vom Plenum verabschiedet")

    proposal = page.locator(f'article[data-measure-id="{measure}"]')
    expect(proposal.get_by_role("heading", level=3)).to_have_text("Plenumstest Quartiersfrühstück")
    # The projector listens in the room. Chromium opens one WebSocket to a host at a time, and every
    # other proposal's room comes first, so allow for a busy machine.
    expect(proposal.locator(".badge.live")).to_be_visible(timeout=45_000)
    # It only reads along, and says so: ?mode=read (a limit of its own, apart from editing connections).
    rooms = [url for url in sockets if "/collab/" in url]
    assert any(measure in url for url in rooms) and all("mode=read" in url for url in rooms), rooms
    expect(page.locator(".plenary-status .clock time")).to_have_text(re.compile(r"^\d\d:\d\d:\d\d$"))

    with Typist(server, measure, "organisation") as typist:
        typist.append("title", " im Saal")
        expect(proposal.get_by_role("heading", level=3)).to_have_text("Plenumstest Quartiersfrühstück im Saal")
        typist.append("description", "\nVorhaben: jeden Freitag im Stadtteiltreff.")
        expect(proposal.locator(".description")).to_have_text(
            "Ausgangslage: offen.\nVorhaben: jeden Freitag im Stadtteiltreff.", use_inner_text=True
        )
        typist.append("goal", " der Nachbarschaft")
        expect(proposal.locator("dd").first).to_have_text("Begegnung der Nachbarschaft")
        # The projector publishes no presence, so it is not listed among those editing.
        assert typist.others_present() == []

    # Nothing the projector did reached the document: every character is the typist's.
    authors = json.dumps(server.get(f"/api/measures/{measure}/authors"))
    assert typist_id in authors and projector_id not in authors
    check_accessibility(page, "Plenum")
    assert page.console_errors == []


def test_without_live_access_the_saved_texts_follow_the_change_feed(new_page: Any, server: RunningServer) -> None:
    conference = lindenau_2026(server)
    group = conference["working_groups"][0]
    measure = draft(server, group["id"], {"title": "Plenumstest ohne Live-Zugang"}, "moderation")

    page = new_page("oeffentlichkeit")  # Katharina Seidel: signed in, but no part in this conference
    page.goto(f"/konferenzen/{conference['id']}/plenum")
    proposal = page.locator(f'article[data-measure-id="{measure}"]')
    expect(proposal.get_by_role("heading", level=3)).to_have_text("Plenumstest ohne Live-Zugang")
    expect(page.get_by_text("Für die Live-Ansicht beim Tippen fehlt Ihnen die Berechtigung")).to_be_visible()
    expect(page.locator(".badge.live")).to_have_count(0)

    change = {"fields": {"title": "Plenumstest geändert"}}
    server.send("PATCH", f"/api/measures/{measure}/proposal", change, "moderation")
    expect(proposal.get_by_role("heading", level=3)).to_have_text("Plenumstest geändert")
    expect(page.get_by_role("link", name="Zurück zur Konferenz")).to_have_attribute(
        "href", f"/konferenzen/{conference['id']}"
    )
    check_accessibility(page, "Plenum ohne Live-Zugang")
    assert page.console_errors == []


def fits_the_screen(page: Any) -> bool:
    return bool(
        page.evaluate(
            "() => document.documentElement.scrollHeight <= window.innerHeight"
            " && document.documentElement.scrollWidth <= window.innerWidth"
        )
    )


def test_projector_shows_one_group_at_a_time_on_one_screen(new_page: Any, server: RunningServer) -> None:
    conference = lindenau_2026(server)
    groups = sorted(conference["working_groups"], key=lambda g: g["number"])
    assert len(groups) >= 3
    page = new_page("ausschuss")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"/konferenzen/{conference['id']}/plenum")
    expect(page.locator("section.group-card")).to_have_count(len(groups))
    # All groups side by side do not fit one screen: that is why the projector needs the mode.
    assert not fits_the_screen(page)

    page.get_by_role("button", name="Eine AG nach der anderen").click()
    stage = page.locator(".projector-stage")
    heading = stage.get_by_role("heading", level=2)
    expect(stage.locator("section.group-card")).to_have_count(1)
    expect(heading).to_have_text(f"AG {groups[0]['number']}: {groups[0]['name']}")
    expect(page.get_by_role("button", name=f"AG {groups[0]['number']}", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    for group in groups:  # each group, in large type, fits the screen
        page.get_by_role("button", name=f"AG {group['number']}", exact=True).click()
        expect(heading).to_have_text(f"AG {group['number']}: {group['name']}")
        page.wait_for_function(
            "() => { const s = document.querySelector('.projector-stage');"
            " return s.scrollHeight <= s.clientHeight + 1 && s.scrollWidth <= s.clientWidth + 1; }"
        )
        assert fits_the_screen(page), group["name"]
        assert float(stage.get_attribute("data-font-size") or 0) >= 0.9
    # Choosing a group holds it: the cycle is paused, and says so.
    expect(page.get_by_text("Angehalten")).to_be_visible()
    check_accessibility(page, "Plenum, eine AG nach der anderen")

    # Cycling: every 10 seconds the next group, after the last the first again.
    page.get_by_label("Wechsel alle").select_option("10")
    page.get_by_role("button", name=f"AG {groups[0]['number']}", exact=True).click()
    page.get_by_role("button", name="Weiterschalten").click()
    expect(page.get_by_text("Angehalten")).to_have_count(0)
    expect(heading).to_have_text(f"AG {groups[1]['number']}: {groups[1]['name']}", timeout=25_000)
    expect(heading).to_have_text(f"AG {groups[2]['number']}: {groups[2]['name']}", timeout=25_000)
    assert fits_the_screen(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "plenary-one-group-at-a-time.png"))
    # Paused, it stays.
    page.get_by_role("button", name="Anhalten").click()
    held = heading.inner_text()
    page.get_by_role("button", name="Nächste AG").click()
    expect(heading).not_to_have_text(held)
    held = heading.inner_text()
    page.wait_for_timeout(11_000)  # longer than the interval: a running cycle would have moved on
    expect(heading).to_have_text(held)

    page.get_by_role("button", name="Alle AGs zeigen").click()
    expect(page.locator("section.group-card")).to_have_count(len(groups))
    assert page.console_errors == []
