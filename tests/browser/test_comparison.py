"""The planner's cycle comparison: two cycles side by side per working group and per district."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

SERIES = "Sozialkonferenz Lindenau"
COLUMNS = (
    "measures",
    "proposed",
    "adopted",
    "approved",
    "implemented",
    "partly_implemented",
    "abandoned",
    "carried_over",
)
HEADER = (
    "Arbeitsgruppe / Stadtbezirk;Name;Zyklus;Maßnahmen;Von der AG vorgeschlagen;Vom Plenum verabschiedet;"
    "Vom Ausschuss beschlossen;Umgesetzt;Teilweise umgesetzt;Aufgegeben;Fortgeführt;Umsetzungsquote (%);"
    "Hemmnis: Finanzierung;Hemmnis: Personal;Hemmnis: Kooperation;Hemmnis: Rechtliche Rahmenbedingungen;"
    "Hemmnis: Bedarf und Nachfrage;Hemmnis: Räumlichkeiten;Hemmnis: Beteiligung und Erreichbarkeit;"
    "Hemmnis: Sonstiges;Gelingensfaktor: Finanzierung;Gelingensfaktor: Personal;Gelingensfaktor: Kooperation;"
    "Gelingensfaktor: Rechtliche Rahmenbedingungen;Gelingensfaktor: Bedarf und Nachfrage;"
    "Gelingensfaktor: Räumlichkeiten;Gelingensfaktor: Beteiligung und Erreichbarkeit;Gelingensfaktor: Sonstiges"
)


def exact(text: str) -> re.Pattern[str]:
    return re.compile(f"^{re.escape(text)}$")


def comparison(server: RunningServer, series: str) -> dict[str, Any]:
    return server.get(f"/api/cycle-comparison?series={quote(series)}")


def rate_text(rate: float | None, *, csv: bool = False) -> str:
    if rate is None:
        return "" if csv else "–"
    text = f"{rate * 100:.1f}".replace(".", ",")
    return text if csv else f"{text} %"


def merged(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The rows by (label, cycle); rows with the same label are one line on the page (as for
    "gesamtstädtisch", the label of measures without a district and a district text of its own)."""
    result: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["label"], row["cycle"])
        if key not in result:
            result[key] = row
            continue
        both = [result[key], row]
        sums = {c: sum(r[c] for r in both) for c in (*COLUMNS, "mandated")}
        mandated = sums["mandated"]
        rate = (sums["implemented"] + 0.5 * sums["partly_implemented"]) / mandated if mandated else None
        result[key] = {**row, **sums, "implementation_rate": rate}
    return result


def expected_rows(rows: list[dict[str, Any]], cycles: tuple[str, ...]) -> dict[tuple[str, str], list[str]]:
    """(name, cycle) -> the counts and the rate as the table shows them; no row means no measures."""
    names = {row["label"] for row in rows if row["cycle"] in cycles}
    shown: dict[tuple[str, str], list[str]] = {
        (name, cycle): ["0"] * len(COLUMNS) + ["–"] for name in names for cycle in cycles
    }
    for (name, cycle), row in merged(rows).items():
        if cycle in cycles:
            shown[(name, cycle)] = [str(row[c]) for c in COLUMNS] + [rate_text(row["implementation_rate"])]
    return shown


def table_rows(page: Any, table_id: str) -> dict[tuple[str, str], list[str]]:
    """What the page's table shows: (name, cycle) -> counts and rate (totals left out)."""
    return {
        (name, cycle): values
        for name, cycle, values in page.locator(f"#{table_id}").evaluate(
            """table => [...table.tBodies].filter(b => !b.classList.contains('totals')).flatMap(body => {
                const name = body.querySelector('th').textContent.trim();
                return [...body.rows].map(row => {
                    const cells = [...row.querySelectorAll('td')].map(td => td.textContent.trim());
                    return [name, cells[0], cells.slice(1, 10)];
                });
            })"""
        )
    }


def assert_tables_show(page: Any, data: dict[str, Any], cycles: tuple[str, ...]) -> None:
    for table_id, rows in (("groups-table", data["working_groups"]), ("districts-table", data["districts"])):
        expected = expected_rows(rows, cycles)
        names = {name for name, _ in expected}
        table = page.locator(f"#{table_id}")
        expect(table.locator("tbody:not(.totals)")).to_have_count(len(names))
        for cycle in cycles:
            expect(table.locator(f'tbody:not(.totals) tr[data-cycle="{cycle}"]')).to_have_count(len(names))
        assert table_rows(page, table_id) == expected


def test_the_two_lindenau_cycles_side_by_side_per_group_and_district(new_page: Any, server: RunningServer) -> None:
    data = comparison(server, SERIES)
    assert data["cycles"] == ["2020", "2022", "2024", "2026"]  # the page starts with the last two
    page = new_page("planung")
    page.goto("/vergleich")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zyklenvergleich")
    expect(page.get_by_label("Konferenzreihe")).to_have_value(SERIES)
    expect(page.get_by_label("Zyklus", exact=True)).to_have_value("2024")
    expect(page.get_by_label("verglichen mit Zyklus")).to_have_value("2026")
    assert_tables_show(page, data, ("2024", "2026"))
    assert len({r["key"] for r in data["working_groups"]}) == 12  # the demo's standing groups

    # The totals row sums the groups; the 2024 implementation rate is computed over all of them.
    totals = page.locator("#groups-table tbody.totals")
    for cycle in ("2024", "2026"):
        rows = [r for r in data["working_groups"] if r["cycle"] == cycle]
        implemented = sum(r["implemented"] for r in rows)
        expect(totals.locator(f'tr[data-cycle="{cycle}"] td').nth(5)).to_have_text(str(implemented))

    # Charts: a canvas per breakdown with a summary as its accessible name, and a caption.
    implemented = {
        c: sum(r["implemented"] for r in data["working_groups"] if r["cycle"] == c) for c in ("2024", "2026")
    }
    chart = page.get_by_role("img", name=re.compile("Balkendiagramm: Umgesetzt je Arbeitsgruppe"))
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute(
        "aria-label", re.compile(f"2024: {implemented['2024']}, 2026: {implemented['2026']}")
    )
    expect(page.locator("canvas#districts-chart")).to_have_attribute("aria-label", re.compile("je Stadtbezirk"))
    expect(page.locator("canvas#factors-obstacles-chart")).to_have_attribute("aria-label", re.compile("Hemmnisse"))
    expect(
        page.locator("figcaption", has_text="Umgesetzt je Arbeitsgruppe, Zyklus 2024 und Zyklus 2026")
    ).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 100

    # The chart follows the chosen figure.
    page.get_by_label("Im Diagramm zeigen").first.select_option(label="Von der AG vorgeschlagen")
    proposed = {c: sum(r["proposed"] for r in data["working_groups"] if r["cycle"] == c) for c in ("2024", "2026")}
    expect(page.locator("canvas#groups-chart")).to_have_attribute(
        "aria-label",
        re.compile(f"Von der AG vorgeschlagen je Arbeitsgruppe .*2024: {proposed['2024']}, 2026: {proposed['2026']}"),
    )

    # Obstacles by category over all groups, for 2024.
    staff = sum(r["obstacles"].get("staff", 0) for r in data["working_groups"] if r["cycle"] == "2024")
    assert staff > 0
    staff_row = page.locator("#factors-table tr", has=page.locator("th").filter(has_text=exact("Personal")))
    expect(staff_row.locator("td").first).to_have_text(str(staff))

    check_accessibility(page, "Zyklenvergleich")
    assert page.console_errors == []


def test_csv_download_for_german_excel(new_page: Any, server: RunningServer, tmp_path: Any) -> None:
    data = comparison(server, SERIES)
    page = new_page("planung")
    page.goto("/vergleich")
    expect(page.locator("#groups-table tbody:not(.totals)").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als CSV herunterladen (für Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "Zyklenvergleich Sozialkonferenz Lindenau 2024-2026.csv"
    target = tmp_path / "vergleich.csv"
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[-1] == ""
    body = [line.split(";") for line in lines[1:-1]]
    shown = ("2024", "2026")  # the two cycles on the page (the demo's series has four)
    groups = {r["label"] for r in data["working_groups"] if r["cycle"] in shown}
    districts = {r["label"] for r in data["districts"] if r["cycle"] in shown}
    assert len(body) == 2 * (len(groups) + len(districts))
    csv_rows = {(cells[0], cells[1], cells[2]): cells[3:] for cells in body}
    assert len(csv_rows) == len(body)
    for kind, rows in (("Arbeitsgruppe", data["working_groups"]), ("Stadtbezirk", data["districts"])):
        for (name, cycle), row in merged([r for r in rows if r["cycle"] in shown]).items():
            expected = [str(row[c]) for c in COLUMNS] + [rate_text(row["implementation_rate"], csv=True)]
            assert csv_rows[(kind, name, cycle)][: len(expected)] == expected
    first = next(r for r in data["working_groups"] if r["cycle"] == "2024" and r["obstacles"])
    obstacles = csv_rows[("Arbeitsgruppe", first["label"], "2024")][9:17]
    assert obstacles[0] == str(first["obstacles"].get("funding", 0))
    assert obstacles[1] == str(first["obstacles"].get("staff", 0))


def test_switching_series_and_cycles_updates_tables_and_address(new_page: Any, server: RunningServer) -> None:
    district_series = "Stadtbezirkskonferenz Nordstadt"
    data = comparison(server, district_series)
    assert data["cycles"] == ["2025", "2026"]
    page = new_page("planung")
    page.goto("/vergleich")
    expect(page.get_by_label("verglichen mit Zyklus")).to_have_value("2026")
    page.get_by_label("Konferenzreihe").select_option(district_series)
    expect(page).to_have_url(re.compile(r"/vergleich\?reihe=Stadtbezirkskonferenz\+Nordstadt$"))
    expect(page.get_by_label("Zyklus", exact=True)).to_have_value("2025")
    assert_tables_show(page, data, ("2025", "2026"))

    # One cycle only: the page says so and shows only that cycle.
    page.get_by_label("verglichen mit Zyklus").select_option("2025")
    expect(page).to_have_url(re.compile(r"von=2025&bis=2025"))
    expect(page.get_by_text("Bitte zwei verschiedene Zyklen wählen")).to_be_visible()
    expect(page.locator('#groups-table tr[data-cycle="2026"]')).to_have_count(0)
    assert_tables_show(page, data, ("2025",))

    # The address is a link to this very view.
    page.reload()
    expect(page.get_by_label("Konferenzreihe")).to_have_value(district_series)
    expect(page.get_by_label("verglichen mit Zyklus")).to_have_value("2025")
    check_accessibility(page, "Zyklenvergleich, eine Bezirksreihe")
    assert page.console_errors == []


def test_a_new_draft_shows_up_without_reload(new_page: Any, server: RunningServer) -> None:
    lindenau = next(c for c in server.get("/api/conferences") if c["series"] == SERIES and c["cycle"] == "2026")
    group = server.get(f"/api/conferences/{lindenau['id']}")["working_groups"][0]
    page = new_page("planung")
    page.goto("/vergleich")
    body = page.locator("#groups-table tbody", has=page.locator("th").filter(has_text=exact(group["name"])))
    cell = body.locator('tr[data-cycle="2026"] td').nth(1)
    before = next(
        r["measures"]
        for r in comparison(server, SERIES)["working_groups"]
        if r["key"] == group["lineage_id"] and r["cycle"] == "2026"
    )
    expect(cell).to_have_text(str(before))
    server.send(
        "POST",
        f"/api/working-groups/{group['id']}/measures",
        {"fields": {"title": "Vergleichstest: neuer Entwurf"}},
        "moderation",
    )
    expect(cell).to_have_text(str(before + 1))
