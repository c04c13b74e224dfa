// Planner's cycle comparison: two cycles of a conference series side by side, per standing
// working group and per district, as charts and tables, with a CSV download for spreadsheets.

import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, query as queryString } from "../api";
import { fill, formatNumber, messages } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { ErrorMessage, Field, Loading, PageTitle } from "../ui";
import { BarChart } from "./comparison-chart";
import {
  CATEGORIES,
  COUNTS,
  type Comparison,
  type ComparisonRow,
  type Count,
  type Entity,
  entities,
  type Metric,
  metricValue,
  toCsv,
  total,
} from "./comparison-data";
import type { ConferenceRow } from "./start";
import "./comparison.css";

const T = messages({
  de: {
    title: "Zyklenvergleich",
    intro:
      "Vergleichen Sie zwei Zyklen einer Konferenzreihe: was die Arbeitsgruppen vorgeschlagen haben, was beschlossen und was umgesetzt wurde – je ständiger Arbeitsgruppe und je Stadtbezirk.",
    choose: "Auswahl",
    series: "Konferenzreihe",
    from: "Zyklus",
    to: "verglichen mit Zyklus",
    noSeries: "Es gibt noch keine Konferenzreihe.",
    noCycles: "Für die Konferenzreihe „{series}“ gibt es keine Zyklen.",
    oneCycle: "Diese Konferenzreihe hat bisher nur einen Zyklus ({cycle}); ein Vergleich ist erst mit dem nächsten Zyklus möglich.",
    sameCycle: "Bitte zwei verschiedene Zyklen wählen, um sie zu vergleichen.",
    groups: "Nach Arbeitsgruppen",
    districts: "Nach Stadtbezirken",
    group: "Arbeitsgruppe",
    district: "Stadtbezirk",
    groupInText: "Arbeitsgruppe",
    districtInText: "Stadtbezirk",
    cycle: "Zyklus",
    total: "Insgesamt",
    metric: "Im Diagramm zeigen",
    measures: "Maßnahmen",
    proposed: "Von der AG vorgeschlagen",
    adopted: "Vom Plenum verabschiedet",
    approved: "Vom Ausschuss beschlossen",
    implemented: "Umgesetzt",
    partly_implemented: "Teilweise umgesetzt",
    abandoned: "Aufgegeben",
    carried_over: "Fortgeführt",
    implementation_rate: "Umsetzungsquote",
    rateUnit: "Umsetzungsquote (%)",
    obstacles: "Hemmnisse",
    enablers: "Gelingensfaktoren",
    obstacle: "Hemmnis",
    enabler: "Gelingensfaktor",
    none: "keine",
    noMeasures: "keine Maßnahmen",
    rateNote:
      "Umsetzungsquote: umgesetzte Maßnahmen (teilweise umgesetzte zur Hälfte gezählt) im Verhältnis zu den Maßnahmen, die ein Ausschuss beschlossen oder zur Kenntnis genommen hat. „–“ heißt: noch kein solcher Beschluss.",
    factorsNote:
      "Hemmnisse und Gelingensfaktoren stammen aus den Evaluierungen; sie zählen für den Zyklus, in dem die Maßnahme beschlossen wurde.",
    factors: "Hemmnisse und Gelingensfaktoren nach Kategorie",
    factorsPer: "Hemmnisse und Gelingensfaktoren je {unit}: Zyklus {from} und Zyklus {to}",
    category: "Kategorie",
    tableCaption: "{what}: Zyklus {from} und Zyklus {to} im Vergleich",
    chartCaption: "{metric} je {unit}, Zyklus {from} und Zyklus {to}",
    chartSummary: "Balkendiagramm: {metric} je {unit} in den Zyklen {from} und {to}. {totals}. Alle Werte stehen in der Tabelle.",
    factorChartSummary: "Balkendiagramm: {what} nach Kategorie in den Zyklen {from} und {to}. {totals}. Alle Werte stehen in der Tabelle.",
    totalIn: "{cycle}: {value}",
    rateIn: "{cycle}: {value}",
    download: "Als CSV herunterladen (für Excel)",
    downloadHint: "Beide Zyklen, alle Arbeitsgruppen und Stadtbezirke; Trennzeichen Semikolon, Dezimalkomma.",
    kindGroup: "Arbeitsgruppe",
    kindDistrict: "Stadtbezirk",
    funding: "Finanzierung",
    staff: "Personal",
    cooperation: "Kooperation",
    legal: "Rechtliche Rahmenbedingungen",
    demand: "Bedarf und Nachfrage",
    premises: "Räumlichkeiten",
    participation: "Beteiligung und Erreichbarkeit",
    other: "Sonstiges",
  },
  en: {
    title: "Cycle comparison",
    intro:
      "Compare two cycles of a conference series: what the working groups proposed, what was decided and what was implemented – per standing working group and per district.",
    choose: "Selection",
    series: "Conference series",
    from: "Cycle",
    to: "compared with cycle",
    noSeries: "There is no conference series yet.",
    noCycles: "The conference series “{series}” has no cycles.",
    oneCycle: "This conference series has only one cycle so far ({cycle}); a comparison becomes possible with the next cycle.",
    sameCycle: "Please choose two different cycles to compare them.",
    groups: "By working group",
    districts: "By district",
    group: "Working group",
    district: "District",
    groupInText: "working group",
    districtInText: "district",
    cycle: "Cycle",
    total: "Total",
    metric: "Show in the chart",
    measures: "Measures",
    proposed: "Proposed by the group",
    adopted: "Adopted by the plenary",
    approved: "Approved by a committee",
    implemented: "Implemented",
    partly_implemented: "Partly implemented",
    abandoned: "Abandoned",
    carried_over: "Carried over",
    implementation_rate: "Implementation rate",
    rateUnit: "Implementation rate (%)",
    obstacles: "Obstacles",
    enablers: "Enablers",
    obstacle: "Obstacle",
    enabler: "Enabler",
    none: "none",
    noMeasures: "no measures",
    rateNote:
      "Implementation rate: implemented measures (partly implemented ones counted half) relative to the measures a committee approved or took note of. “–” means: no such decision yet.",
    factorsNote: "Obstacles and enablers come from the evaluations; they count for the cycle in which the measure was decided.",
    factors: "Obstacles and enablers by category",
    factorsPer: "Obstacles and enablers per {unit}: cycle {from} and cycle {to}",
    category: "Category",
    tableCaption: "{what}: cycle {from} compared with cycle {to}",
    chartCaption: "{metric} per {unit}, cycle {from} and cycle {to}",
    chartSummary: "Bar chart: {metric} per {unit} in cycles {from} and {to}. {totals}. All values are in the table.",
    factorChartSummary: "Bar chart: {what} by category in cycles {from} and {to}. {totals}. All values are in the table.",
    totalIn: "{cycle}: {value}",
    rateIn: "{cycle}: {value}",
    download: "Download as CSV (for Excel)",
    downloadHint: "Both cycles, all working groups and districts; semicolon separated, decimal comma.",
    kindGroup: "Working group",
    kindDistrict: "District",
    funding: "Funding",
    staff: "Staff",
    cooperation: "Cooperation",
    legal: "Legal framework",
    demand: "Need and demand",
    premises: "Premises",
    participation: "Participation and accessibility",
    other: "Other",
  },
});

const METRICS: Metric[] = [...COUNTS, "implementation_rate"];

function label(key: string): string {
  return (T() as Record<string, string>)[key] ?? key;
}

/** Column headings with soft hyphens, so the wide table fits the page (German words are long). */
const BREAKS: Record<string, string> = {
  vorgeschlagen: "vorge\u00ADschlagen",
  verabschiedet: "verab\u00ADschiedet",
  beschlossen: "be\u00ADschlossen",
  Umsetzungsquote: "Umsetzungs\u00ADquote",
  Fortgeführt: "Fort\u00ADgeführt",
  Aufgegeben: "Auf\u00ADgegeben",
  Umgesetzt: "Um\u00ADgesetzt",
  umgesetzt: "um\u00ADgesetzt",
  Maßnahmen: "Maß\u00ADnahmen",
  Implementation: "Imple\u00ADmentation",
  implemented: "imple\u00ADmented",
};

function heading(key: string): string {
  return label(key).replace(/[A-Za-zÄÖÜäöüß]+/g, (word) => BREAKS[word] ?? word);
}

function rateText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${formatNumber(rate * 100, 1)} %`;
}

function factorText(factors: Record<string, number> | undefined): string {
  const entries = CATEGORIES.filter((c) => factors?.[c]).map((c) => `${label(c)} ${factors![c]}`);
  return entries.length ? entries.join(", ") : T().none;
}

function seriesOf(conferences: ConferenceRow[]): { name: string; cycles: string[] }[] {
  const found = new Map<string, string[]>();
  for (const c of [...conferences].sort((a, b) => a.starts_on.localeCompare(b.starts_on))) {
    const cycles = found.get(c.series) ?? [];
    if (!cycles.includes(c.cycle)) cycles.push(c.cycle);
    found.set(c.series, cycles);
  }
  return [...found.entries()].map(([name, cycles]) => ({ name, cycles }));
}

function go(series: string, from?: string, to?: string): void {
  navigate(`/vergleich${queryString({ reihe: series, von: from, bis: to })}`, true);
}

function RowCells({ row }: { row: ComparisonRow | null }) {
  if (!row) {
    return (
      <>
        {COUNTS.map((count) => (
          <td key={count} class="number">
            0
          </td>
        ))}
        <td class="number">–</td>
      </>
    );
  }
  return (
    <>
      {COUNTS.map((count) => (
        <td key={count} class="number">
          {formatNumber(row[count])}
        </td>
      ))}
      <td class="number">{rateText(row.implementation_rate)}</td>
    </>
  );
}

/** One row group: the label once, then a row per cycle with the cells ``children(index)`` gives. */
function CycleRows({
  label,
  cycles,
  className,
  children,
}: {
  label: string;
  cycles: string[];
  className?: string;
  children: (index: number) => ComponentChildren;
}) {
  return (
    <tbody class={className}>
      {cycles.map((cycle, index) => (
        <tr key={cycle} data-cycle={cycle}>
          {index === 0 && (
            <th scope="rowgroup" rowSpan={cycles.length}>
              {label}
            </th>
          )}
          <td>{cycle}</td>
          {children(index)}
        </tr>
      ))}
    </tbody>
  );
}

function Breakdown({
  id,
  title,
  unit,
  unitInText,
  list,
  cycles,
}: {
  id: string;
  title: string;
  unit: string;
  unitInText: string;
  list: Entity[];
  cycles: string[];
}) {
  const [metric, setMetric] = useState<Metric>("implemented");
  const metricLabel = metric === "implementation_rate" ? T().rateUnit : label(metric);
  const totals = cycles.map((cycle, index) => total(list.map((e) => e.rows[index]), cycle));
  const totalsText = cycles
    .map((cycle, index) =>
      fill(metric === "implementation_rate" ? T().rateIn : T().totalIn, {
        cycle,
        value: metric === "implementation_rate" ? rateText(totals[index].implementation_rate) : formatNumber(totals[index][metric as Count]),
      }),
    )
    .join(", ");
  const from = cycles[0];
  const to = cycles[cycles.length - 1];
  return (
    <section class="card comparison-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Field id={`${id}-metric`} label={T().metric}>
        <select id={`${id}-metric`} value={metric} onChange={(event) => setMetric((event.target as HTMLSelectElement).value as Metric)}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {m === "implementation_rate" ? T().rateUnit : label(m)}
            </option>
          ))}
        </select>
      </Field>
      <BarChart
        id={`${id}-chart`}
        labels={list.map((e) => e.label)}
        series={cycles.map((cycle, index) => ({ label: `${T().cycle} ${cycle}`, values: list.map((e) => metricValue(e.rows[index], metric)) }))}
        percent={metric === "implementation_rate"}
        caption={fill(T().chartCaption, { metric: metricLabel, unit: unitInText, from, to })}
        summary={fill(T().chartSummary, { metric: metricLabel, unit: unitInText, from, to, totals: totalsText })}
      />
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
        <table class="comparison" id={`${id}-table`}>
          <caption id={`${id}-caption`}>{fill(T().tableCaption, { what: title, from, to })}</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col">{T().cycle}</th>
              {COUNTS.map((count) => (
                <th scope="col" class="number" key={count}>
                  {heading(count)}
                </th>
              ))}
              <th scope="col" class="number">
                {heading("implementation_rate")}
              </th>
            </tr>
          </thead>
          {list.map((entity) => (
            <CycleRows key={entity.key} label={entity.label} cycles={cycles}>
              {(index) => <RowCells row={entity.rows[index]} />}
            </CycleRows>
          ))}
          <CycleRows label={T().total} cycles={cycles} className="totals">
            {(index) => <RowCells row={totals[index]} />}
          </CycleRows>
        </table>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-factors-caption`}>
        <table class="comparison factors" id={`${id}-factors-table`}>
          <caption id={`${id}-factors-caption`}>{fill(T().factorsPer, { unit: unitInText, from, to })}</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col">{T().cycle}</th>
              <th scope="col">{T().obstacles}</th>
              <th scope="col">{T().enablers}</th>
            </tr>
          </thead>
          {list.map((entity) => (
            <CycleRows key={entity.key} label={entity.label} cycles={cycles}>
              {(index) =>
                entity.rows[index] ? (
                  <>
                    <td>{factorText(entity.rows[index]!.obstacles)}</td>
                    <td>{factorText(entity.rows[index]!.enablers)}</td>
                  </>
                ) : (
                  <td colSpan={2} class="muted">
                    {T().noMeasures}
                  </td>
                )
              }
            </CycleRows>
          ))}
        </table>
      </div>
    </section>
  );
}

function Factors({ list, cycles }: { list: Entity[]; cycles: string[] }) {
  const totals = cycles.map((cycle, index) => total(list.map((e) => e.rows[index]), cycle));
  const from = cycles[0];
  const to = cycles[cycles.length - 1];
  const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  const chart = (kind: "obstacles" | "enablers") => (
    <BarChart
      id={`factors-${kind}-chart`}
      labels={CATEGORIES.map(label)}
      series={cycles.map((cycle, index) => ({
        label: `${T().cycle} ${cycle}`,
        values: CATEGORIES.map((c) => totals[index][kind][c] ?? 0),
      }))}
      caption={fill(T().chartCaption, { metric: label(kind), unit: T().category, from, to })}
      summary={fill(T().factorChartSummary, {
        what: label(kind),
        from,
        to,
        totals: cycles.map((cycle, index) => fill(T().totalIn, { cycle, value: sum(totals[index][kind]) })).join(", "),
      })}
    />
  );
  return (
    <section class="card comparison-section" aria-labelledby="factors-title">
      <h2 id="factors-title">{T().factors}</h2>
      <p class="muted">{T().factorsNote}</p>
      <div class="chart-pair">
        {chart("obstacles")}
        {chart("enablers")}
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="factors-caption">
        <table class="comparison" id="factors-table">
          <caption id="factors-caption">{fill(T().tableCaption, { what: T().factors, from, to })}</caption>
          <thead>
            <tr>
              <th scope="col">{T().category}</th>
              {cycles.map((cycle) => (
                <th scope="col" class="number" key={`o${cycle}`}>
                  {T().obstacles} {cycle}
                </th>
              ))}
              {cycles.map((cycle) => (
                <th scope="col" class="number" key={`e${cycle}`}>
                  {T().enablers} {cycle}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">{label(category)}</th>
                {totals.map((row) => (
                  <td class="number" key={`o${row.cycle}`}>
                    {row.obstacles[category] ?? 0}
                  </td>
                ))}
                {totals.map((row) => (
                  <td class="number" key={`e${row.cycle}`}>
                    {row.enablers[category] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Download({ comparison, groups, districts, cycles }: { comparison: Comparison; groups: Entity[]; districts: Entity[]; cycles: string[] }) {
  const text = useMemo(
    () =>
      toCsv(
        {
          kind: T().kindGroup + " / " + T().kindDistrict,
          name: "Name",
          cycle: T().cycle,
          counts: Object.fromEntries(COUNTS.map((c) => [c, label(c)])) as Record<Count, string>,
          rate: T().rateUnit,
          obstacle: T().obstacle,
          enabler: T().enabler,
          categories: Object.fromEntries(CATEGORIES.map((c) => [c, label(c)])),
        },
        [
          { kind: T().kindGroup, entities: groups },
          { kind: T().kindDistrict, entities: districts },
        ],
        cycles,
      ),
    [groups, districts, cycles.join("|")],
  );
  const [href, setHref] = useState("");
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);
  const name = `Zyklenvergleich ${comparison.series} ${cycles.join("-")}.csv`.replace(/[\\/:*?"<>|]+/g, "_");
  return (
    <p class="download">
      <a class="button secondary" href={href || undefined} download={name} aria-describedby="download-hint">
        {T().download}
      </a>{" "}
      <small id="download-hint" class="hint">
        {T().downloadHint}
      </small>
    </p>
  );
}

function ComparisonView({
  series,
  from,
  to,
  children,
}: {
  series: string;
  from: string | null;
  to: string | null;
  children: ComponentChildren;
}) {
  const { data, error, reload } = useLive(
    () => api.get<Comparison>(`/cycle-comparison${queryString({ series })}`),
    [series],
    { relevant: (change) => ["measures", "conferences", "working_groups"].includes(change.view) },
  );
  const cycles = data?.cycles ?? [];
  const start = from && cycles.includes(from) ? from : cycles[Math.max(0, cycles.length - 2)];
  const end = to && cycles.includes(to) ? to : cycles[cycles.length - 1];
  const compared = start === end ? [start] : [start, end];
  const groups = useMemo(() => (data ? entities(data.working_groups, compared) : []), [data, compared.join("|")]);
  const districts = useMemo(() => (data ? entities(data.districts, compared, "label") : []), [data, compared.join("|")]);
  return (
    <>
      <form class="card row selection" aria-label={T().choose} onSubmit={(event) => event.preventDefault()}>
        {children}
        <Field id="comparison-from" label={T().from}>
          <select id="comparison-from" value={start ?? ""} disabled={!data} onChange={(e) => go(series, (e.target as HTMLSelectElement).value, end)}>
            {cycles.map((cycle) => (
              <option key={cycle} value={cycle}>
                {cycle}
              </option>
            ))}
          </select>
        </Field>
        <Field id="comparison-to" label={T().to}>
          <select id="comparison-to" value={end ?? ""} disabled={!data} onChange={(e) => go(series, start, (e.target as HTMLSelectElement).value)}>
            {cycles.map((cycle) => (
              <option key={cycle} value={cycle}>
                {cycle}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && cycles.length === 0 && <p class="notice">{fill(T().noCycles, { series })}</p>}
      {data && cycles.length === 1 && <p class="notice">{fill(T().oneCycle, { cycle: cycles[0] })}</p>}
      {data && cycles.length > 1 && start === end && <p class="notice">{T().sameCycle}</p>}
      {data && cycles.length > 0 && (
        <>
          <Download comparison={data} groups={groups} districts={districts} cycles={compared} />
          <p class="muted">{T().rateNote}</p>
          <Breakdown id="groups" title={T().groups} unit={T().group} unitInText={T().groupInText} list={groups} cycles={compared} />
          <Breakdown id="districts" title={T().districts} unit={T().district} unitInText={T().districtInText} list={districts} cycles={compared} />
          <Factors list={groups} cycles={compared} />
        </>
      )}
    </>
  );
}

export function ComparisonPage({ query }: { query: URLSearchParams }) {
  const { data, error, reload } = useLive(() => api.get<ConferenceRow[]>("/conferences"), [], {
    relevant: (change) => change.view === "conferences",
  });
  const list = data ? seriesOf(data) : [];
  const requested = query.get("reihe");
  const series = requested || (list.find((s) => s.cycles.length >= 2) ?? list[0])?.name || "";
  const names = list.map((s) => s.name);
  if (series && !names.includes(series)) names.push(series);
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data !== undefined && list.length === 0 && !requested && <p>{T().noSeries}</p>}
      {series && (
        <ComparisonView key={series} series={series} from={query.get("von")} to={query.get("bis")}>
          <Field id="comparison-series" label={T().series}>
            <select id="comparison-series" value={series} onChange={(e) => go((e.target as HTMLSelectElement).value)}>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        </ComparisonView>
      )}
    </>
  );
}
