"""The measure page: proposal text, timeline, decided texts with hash, and the comparison of two decisions."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility


def _measure_with_changed_decisions(server: RunningServer) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """A demo measure whose first and last decided texts differ, and a word inserted between them."""
    for measure in server.get("/api/measures?cycle=2024&limit=1000"):
        texts = [d for d in server.get(f"/api/measures/{measure['id']}/decision-texts") if d.get("frozen")]
        if len(texts) < 2:
            continue
        diff = server.get(
            f"/api/measures/{measure['id']}/decision-texts/diff?from={texts[0]['version']}&to={texts[-1]['version']}"
        )
        inserted = [w["text"] for f in diff["fields"] for w in f["words"] if w["op"] == "insert"]
        if inserted:
            return measure, texts, inserted[0].split()[0]
    raise AssertionError("Keine Demo-Maßnahme mit zwei unterschiedlichen Beschlusstexten")


def test_measure_page_shows_timeline_decided_texts_and_their_difference(new_page: Any, server: RunningServer) -> None:
    measure, texts, word = _measure_with_changed_decisions(server)
    history = server.get(f"/api/history/{measure['id']}")
    page = new_page("oeffentlichkeit")
    page.goto(f"/massnahmen/{measure['id']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(measure["reference"])
    expect(page.get_by_role("heading", level=1)).to_contain_text(measure["title"])
    proposal = page.locator("section", has=page.get_by_role("heading", name="Vorschlagstext", exact=True))
    for label in ("Titel", "Beschreibung", "Ziel", "Zielgruppe", "Federführung", "Indikatoren"):
        expect(proposal.locator("dt", has_text=label).first).to_be_visible()

    timeline = page.locator("table.measure-timeline tbody tr")
    expect(timeline).to_have_count(len(history))
    expect(timeline.first).to_contain_text("Vorschlag angelegt")
    expect(page.locator("table.measure-timeline")).to_contain_text("In der AG beschlossen")
    drafter = next(p["name"] for p in server.get("/api/people") if p["id"] == history[0]["actor_id"])
    expect(timeline.first).not_to_contain_text(drafter)  # the public sees who did what only as "nicht öffentlich"
    expect(timeline.first).to_contain_text("nicht öffentlich")

    decisions = page.locator("li.measure-decision")
    expect(decisions).to_have_count(len(server.get(f"/api/measures/{measure['id']}/decision-texts")))
    first = decisions.filter(has=page.locator(f"#decision-{texts[0]['version']}"))
    expect(first).to_contain_text(texts[0]["frozen"]["sha256"])
    expect(first).to_contain_text("Prüfsumme stimmt mit dem Text überein")
    first.get_by_text("Beschlossenen Wortlaut anzeigen").click()
    expect(first.locator("dl.measure-fields")).to_contain_text(texts[0]["frozen"]["fields"]["title"])

    page.get_by_label("Früherer Beschluss").select_option(str(texts[0]["version"]))
    page.get_by_label("Späterer Beschluss").select_option(str(texts[-1]["version"]))
    inserted = page.locator(".diff-result ins", has_text=word)
    expect(inserted.first).to_be_visible()
    expect(inserted.first).to_contain_text("+")
    # The same decision on both sides: nothing differs.
    page.get_by_label("Späterer Beschluss").select_option(str(texts[0]["version"]))
    expect(page.locator(".diff-result")).to_contain_text("denselben Wortlaut")
    expect(page.locator(".diff-result ins")).to_have_count(0)

    expect(page.get_by_role("link", name="Verlauf Schritt für Schritt prüfen")).to_have_attribute(
        "href", f"/pruefung?massnahme={measure['id']}"
    )
    check_accessibility(page, "Maßnahmenseite")
    assert page.console_errors == []


def test_unknown_measure_shows_the_german_not_found_message(new_page: Any) -> None:
    page = new_page("oeffentlichkeit")
    page.goto("/massnahmen/00000000-0000-0000-0000-000000000000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maßnahme nicht gefunden")
    expect(page.get_by_role("alert")).to_contain_text("nicht gefunden")
    check_accessibility(page, "Maßnahme nicht gefunden")


def test_decision_record_qr_address_names_the_decision_and_the_page_prints_without_navigation(
    new_page: Any, server: RunningServer
) -> None:
    """The QR code of a printed decision record opens ``/massnahmen/{id}?pruefsumme=…``; the PDFs are linked."""
    measure, texts, _ = _measure_with_changed_decisions(server)
    sha = texts[-1]["frozen"]["sha256"]
    page = new_page("oeffentlichkeit")
    page.goto(f"/massnahmen/{measure['id']}?pruefsumme={sha}")
    expect(page.locator(".hash-check")).to_contain_text("gehört zu diesem Beschluss")
    expect(page.locator(".hash-check")).to_contain_text("Prüfsumme stimmt mit dem Text überein")
    checked = page.locator(f"li.measure-decision.checked[id='beschluss-{sha}']")
    expect(checked.locator("dl.measure-fields")).to_contain_text(texts[-1]["frozen"]["fields"]["title"])

    record = page.get_by_role("link", name="Beschlussnachweis (PDF)")
    expect(record).to_have_attribute("href", f"/api/documents/measures/{measure['id']}/beschlussnachweis.pdf")
    answer = page.request.get(record.get_attribute("href"))
    assert (answer.status, answer.headers["content-type"]) == (200, "application/pdf")
    assert answer.body().startswith(b"%PDF-")
    expect(page.get_by_role("link", name="Beschlussvorlage (PDF)")).to_have_attribute(
        "href", f"/api/documents/measures/{measure['id']}/beschlussvorlage.pdf"
    )
    check_accessibility(page, "Maßnahmenseite mit geprüfter Prüfsumme")

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator(".document-links")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.emulate_media(media="screen")
    page.goto(f"/massnahmen/{measure['id']}?pruefsumme={'0' * 64}")
    expect(page.locator(".hash-check")).to_contain_text("gehört zu keinem Beschluss dieser Maßnahme")
    assert page.console_errors == []
