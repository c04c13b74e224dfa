"""The planner's cycle comparison: chosen cycles side by side per working group and per district, every
number a link to the catalogue behind it, charts downloadable as SVG and PNG, and the CSV export."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

SERIES = "Sozialkonferenz Lindenau"
COLUMNS = (
    "proposed",
    "agreed",
    "adopted",
    "approved",
    "implemented",
    "partly_implemented",
    "abandoned",
    "evaluated",
    "carried_over",
)
HEADER = (
    "Arbeitsgruppe / Stadtbezirk;Name;Zyklus;Vorschläge der AG (alle Entwürfe);In der AG abgestimmt;"
    "Vom Plenum verabschiedet;Vom Ausschuss beschlossen;Umgesetzt;Teilweise umgesetzt;Aufgegeben;Evaluiert;"
    "Fortgeführt;Umsetzungsquote (%);Maßnahmen mit Zielerreichung;Zielerreichung der Indikatoren (%);"
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


def expected_rows(rows: list[dict[str, Any]], cycles: tuple[str, ...]) -> dict[tuple[str, str], list[str]]:
    """(name, cycle) -> the counts and the rate as the table shows them; no row means no measures."""
    names = {row["label"] for row in rows if row["cycle"] in cycles}
    shown: dict[tuple[str, str], list[str]] = {
        (name, cycle): ["0"] * len(COLUMNS) + ["–", "–"] for name in names for cycle in cycles
    }
    for row in rows:
        if row["cycle"] in cycles:
            shown[(row["label"], row["cycle"])] = [str(row[c]) for c in COLUMNS] + [
                rate_text(row["implementation_rate"]),
                rate_text(row["attainment"]),
            ]
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
                    return [name, cells[0], cells.slice(1, 12)];
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


def test_the_lindenau_cycles_side_by_side_with_links_and_charts(
    new_page: Any, server: RunningServer, tmp_path: Any
) -> None:
    data = comparison(server, SERIES)
    cycles = tuple(data["cycles"])
    assert len(cycles) >= 2
    page = new_page("planung")
    page.goto("/vergleich")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zyklenvergleich")
    expect(page.get_by_label("Konferenzreihe")).to_have_value(SERIES)
    for cycle in cycles:  # every cycle is compared at first
        expect(page.get_by_role("checkbox", name=cycle)).to_be_checked()
    assert_tables_show(page, data, cycles)

    # The totals row sums the groups.
    totals = page.locator("#groups-table tbody.totals")
    for cycle in cycles:
        implemented = sum(r["implemented"] for r in data["working_groups"] if r["cycle"] == cycle)
        expect(totals.locator(f'tr[data-cycle="{cycle}"] td').nth(5)).to_have_text(str(implemented))

    # Charts: SVG drawn by the page, a summary as accessible name; the trend over the cycles.
    chart = page.locator("#groups-chart svg")
    expect(chart).to_have_attribute("aria-label", re.compile("Balkendiagramm: Umgesetzt je Arbeitsgruppe"))
    expect(page.locator("#trend-chart svg")).to_have_attribute("aria-label", re.compile("Liniendiagramm"))
    page.get_by_label("Im Diagramm zeigen").first.select_option(label="In der AG abgestimmt")
    agreed = ", ".join(f"{c}: {sum(r['agreed'] for r in data['working_groups'] if r['cycle'] == c)}" for c in cycles)
    expect(chart).to_have_attribute("aria-label", re.compile(f"In der AG abgestimmt je Arbeitsgruppe .*{agreed}"))

    # Each chart downloads as SVG and as PNG.
    with page.expect_download() as svg_download:
        page.locator("#groups-chart").get_by_role("button", name=re.compile("als SVG herunterladen")).click()
    assert svg_download.value.suggested_filename.endswith(".svg")
    svg_path = tmp_path / "chart.svg"
    svg_download.value.save_as(svg_path)
    svg = svg_path.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert "In der AG abgestimmt je Arbeitsgruppe" in svg and "<rect" in svg
    with page.expect_download() as png_download:
        page.locator("#trend-chart").get_by_role("button", name=re.compile("als PNG herunterladen")).click()
    assert png_download.value.suggested_filename.endswith(".png")
    png_path = tmp_path / "trend.png"
    png_download.value.save_as(png_path)
    png = png_path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    trend = page.locator("#trend-chart svg")
    shown = (int(trend.get_attribute("width") or 0), int(trend.get_attribute("height") or 0))
    assert (width, height) == (2 * shown[0], 2 * shown[1])  # drawn at twice the chart's size

    check_accessibility(page, "Zyklenvergleich")

    # A number leads to the catalogue of exactly the measures it counts.
    group = next(r for c in cycles for r in data["working_groups"] if r["cycle"] == c and r["adopted"] > 1)
    body = page.locator("#groups-table tbody", has=page.locator("th").filter(has_text=exact(group["label"])))
    body.locator(f'tr[data-cycle="{group["cycle"]}"] td').nth(3).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/massnahmenkatalog\?.*kennzahl=adopted"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Maßnahmenkatalog")
    expect(page.locator("#catalogue-count")).to_have_text(f"{group['adopted']} Maßnahmen")
    expect(page.locator("#catalogue-table tbody tr")).to_have_count(group["adopted"])
    expect(page.locator(".filters")).to_contain_text(group["label"])
    expect(page.locator(".filters")).to_contain_text("Vom Plenum verabschiedet")
    check_accessibility(page, "Maßnahmenkatalog, gefiltert")
    assert page.console_errors == []


def test_csv_download_for_german_excel(new_page: Any, server: RunningServer, tmp_path: Any) -> None:
    data = comparison(server, SERIES)
    cycles = data["cycles"]
    page = new_page("planung")
    page.goto("/vergleich")
    expect(page.locator("#groups-table tbody:not(.totals)").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als CSV herunterladen (für Excel)").click()
    download = download_info.value
    assert download.suggested_filename == f"Zyklenvergleich {SERIES} {'-'.join(cycles)}.csv"
    target = tmp_path / "vergleich.csv"
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[-1] == ""
    body = [line.split(";") for line in lines[1:-1]]
    groups = {r["label"] for r in data["working_groups"]}
    districts = {r["label"] for r in data["districts"]}
    assert len(body) == len(cycles) * (len(groups) + len(districts))
    csv_rows = {(cells[0], cells[1], cells[2]): cells[3:] for cells in body}
    assert len(csv_rows) == len(body)
    for kind, rows in (("Arbeitsgruppe", data["working_groups"]), ("Stadtbezirk", data["districts"])):
        for row in rows:
            expected = [str(row[c]) for c in COLUMNS] + [
                rate_text(row["implementation_rate"], csv=True),
                str(row["measured"]),
                rate_text(row["attainment"], csv=True),
            ]
            assert csv_rows[(kind, row["label"], row["cycle"])][: len(expected)] == expected
    first = next(r for r in data["working_groups"] if r["obstacles"])
    obstacles = csv_rows[("Arbeitsgruppe", first["label"], first["cycle"])][len(COLUMNS) + 3 :][:8]
    assert obstacles[0] == str(first["obstacles"].get("funding", 0))
    assert obstacles[1] == str(first["obstacles"].get("staff", 0))


def test_switching_series_and_cycles_updates_tables_and_address(new_page: Any, server: RunningServer) -> None:
    district_series = "Stadtbezirkskonferenz Nordstadt"
    data = comparison(server, district_series)
    cycles = data["cycles"]
    assert len(cycles) >= 2
    page = new_page("planung")
    page.goto("/vergleich")
    page.get_by_label("Konferenzreihe").select_option(district_series)
    expect(page).to_have_url(re.compile(r"/vergleich\?reihe=Stadtbezirkskonferenz\+Nordstadt$"))
    assert_tables_show(page, data, tuple(cycles))

    # One cycle only: the page says so and shows only that cycle.
    for cycle in cycles[1:]:
        page.get_by_role("checkbox", name=cycle).uncheck()
    expect(page).to_have_url(re.compile(f"zyklen={cycles[0]}$"))
    expect(page.get_by_text("Bitte mindestens zwei Zyklen wählen")).to_be_visible()
    expect(page.locator(f'#groups-table tr[data-cycle="{cycles[-1]}"]')).to_have_count(0)
    assert_tables_show(page, data, (cycles[0],))

    # The address is a link to this very view.
    page.reload()
    expect(page.get_by_label("Konferenzreihe")).to_have_value(district_series)
    expect(page.get_by_role("checkbox", name=cycles[-1])).not_to_be_checked()
    check_accessibility(page, "Zyklenvergleich, eine Bezirksreihe")
    assert page.console_errors == []


def test_a_new_draft_shows_up_without_reload(new_page: Any, server: RunningServer) -> None:
    newest = [c for c in server.get("/api/conferences") if c["series"] == SERIES][-1]
    group = server.get(f"/api/conferences/{newest['id']}")["working_groups"][0]
    page = new_page("planung")
    page.goto("/vergleich")
    body = page.locator("#groups-table tbody", has=page.locator("th").filter(has_text=exact(group["name"])))
    cell = body.locator(f'tr[data-cycle="{newest["cycle"]}"] td').nth(1)
    before = next(
        r["proposed"]
        for r in comparison(server, SERIES)["working_groups"]
        if r["key"] == group["lineage_id"] and r["cycle"] == newest["cycle"]
    )
    expect(cell).to_have_text(str(before))
    server.send(
        "POST",
        f"/api/working-groups/{group['id']}/measures",
        {"fields": {"title": "Vergleichstest: neuer Entwurf"}},
        "moderation",
    )
    expect(cell).to_have_text(str(before + 1))
