// Planner's cycle comparison: two or more cycles of a conference series side by side, per standing
// working group and per district, as charts (SVG, downloadable as SVG and PNG) and tables whose every
// number links to the catalogue of the measures it counts, with a CSV download for spreadsheets.

import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, query as queryString } from "../api";
import { fill, formatNumber, messages } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { ErrorMessage, Field, Loading, PageTitle } from "../ui";
import { BarSvg, ChartFigure, TrendSvg } from "./comparison-svg";
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
      "Vergleichen Sie zwei oder mehr Zyklen einer Konferenzreihe: was die Arbeitsgruppen vorgeschlagen haben, was beschlossen und was umgesetzt wurde – je ständiger Arbeitsgruppe und je Stadtbezirk. Jede Zahl führt zu den Maßnahmen, die sie zählt.",
    choose: "Auswahl",
    series: "Konferenzreihe",
    cycles: "Verglichene Zyklen",
    noSeries: "Es gibt noch keine Konferenzreihe.",
    noCycles: "Für die Konferenzreihe „{series}“ gibt es keine Zyklen.",
    oneCycle: "Diese Konferenzreihe hat bisher nur einen Zyklus ({cycle}); ein Vergleich ist erst mit dem nächsten Zyklus möglich.",
    sameCycle: "Bitte mindestens zwei Zyklen wählen, um sie zu vergleichen.",
    definitions: "Was die Zahlen zählen",
    defproposed: "alle Maßnahmenvorschläge, die die Arbeitsgruppe in diesem Zyklus angelegt hat, auch Entwürfe, die nie abgestimmt wurden",
    defagreed: "Vorschläge, deren Text die Arbeitsgruppe abgestimmt und dem Plenum vorgelegt hat",
    defadopted: "vom Plenum der Konferenz verabschiedete Maßnahmen",
    defapproved: "von einem Ausschuss beschlossene Maßnahmen (auch mit Änderungen)",
    defimplemented: "Maßnahmen, deren Umsetzung als vollständig abgeschlossen gemeldet wurde",
    defpartly_implemented: "Maßnahmen, die teilweise umgesetzt wurden",
    defabandoned: "Maßnahmen, deren Umsetzung aufgegeben wurde",
    defevaluated: "Maßnahmen, die die Arbeitsgruppe auf der nächsten Konferenz evaluiert hat",
    defcarried_over: "Maßnahmen, die in den nächsten Zyklus übernommen und dort fortgeführt werden",
    defrate:
      "umgesetzte Maßnahmen (teilweise umgesetzte zur Hälfte) im Verhältnis zu den Maßnahmen, die ein Ausschuss beschlossen oder zur Kenntnis genommen hat; „–“: noch kein solcher Beschluss. Die Zahl führt zu diesen beschlossenen Maßnahmen.",
    deffactors: "Maßnahmen, deren Evaluierung mindestens ein Hemmnis (einen Gelingensfaktor) dieser Kategorie nennt; sie zählen für den Zyklus, in dem die Maßnahme beschlossen wurde.",
    trend: "Entwicklung über die Zyklen",
    trendCaption: "Maßnahmen je Stufe, alle Arbeitsgruppen, Zyklen {cycles}",
    trendSummary: "Liniendiagramm: {lines}. Alle Werte stehen in der Tabelle.",
    linkTitle: "{value} – Maßnahmen anzeigen: {what}, {unit} {label}, Zyklus {cycle}",
    catalogueDiff: "Veränderungen im Maßnahmenkatalog von {from} zu {to}",
    all: "alle",
    groups: "Nach Arbeitsgruppen",
    districts: "Nach Stadtbezirken",
    group: "Arbeitsgruppe",
    district: "Stadtbezirk",
    groupInText: "Arbeitsgruppe",
    districtInText: "Stadtbezirk",
    cycle: "Zyklus",
    total: "Insgesamt",
    metric: "Im Diagramm zeigen",
    proposed: "Vorschläge der AG (alle Entwürfe)",
    agreed: "In der AG abgestimmt",
    adopted: "Vom Plenum verabschiedet",
    approved: "Vom Ausschuss beschlossen",
    implemented: "Umgesetzt",
    partly_implemented: "Teilweise umgesetzt",
    abandoned: "Aufgegeben",
    evaluated: "Evaluiert",
    carried_over: "Fortgeführt",
    implementation_rate: "Umsetzungsquote",
    rateUnit: "Umsetzungsquote (%)",
    attainment: "Zielerreichung der Indikatoren",
    attainmentUnit: "Zielerreichung der Indikatoren (%)",
    measured: "Maßnahmen mit Zielerreichung",
    defattainment:
      "je Maßnahme der Mittelwert ihrer Indikatoren: wie weit der letzte Ist-Wert vom Ausgangswert zum Zielwert gekommen ist (0 % am Ausgangswert, 100 % am Ziel, darüber als 100 % gezählt); dann der Mittelwert über die Maßnahmen, deren Indikatoren einen Ist-Wert haben. Die Zahl führt zu diesen Maßnahmen.",
    districtNote: "Eine Maßnahme, die mehrere Sozialräume nennt, zählt in jedem; deshalb gibt es hier keine Summenzeile. „(Freitext)“ und Bezirke ohne Eintrag in der Liste der Sozialräume: Maßnahmen, die keinen Sozialraum der Liste nennen, nach ihrer Bezirksangabe.",
    obstacles: "Maßnahmen mit Hemmnissen",
    enablers: "Maßnahmen mit Gelingensfaktoren",
    obstacle: "Hemmnis",
    enabler: "Gelingensfaktor",
    none: "keine",
    noMeasures: "keine Maßnahmen",
    factors: "Hemmnisse und Gelingensfaktoren nach Kategorie",
    factorsPer: "Hemmnisse und Gelingensfaktoren je {unit}: Zyklen {cycles}",
    category: "Kategorie",
    tableCaption: "{what}: Zyklen {cycles} im Vergleich",
    chartCaption: "{metric} je {unit}, Zyklen {cycles}",
    chartSummary: "Balkendiagramm: {metric} je {unit} in den Zyklen {cycles}. {totals}. Alle Werte stehen in der Tabelle.",
    factorChartSummary: "Balkendiagramm: {what} nach Kategorie in den Zyklen {cycles}. {totals}. Alle Werte stehen in der Tabelle.",
    totalIn: "{cycle}: {value}",
    rateIn: "{cycle}: {value}",
    download: "Als CSV herunterladen (für Excel)",
    downloadHint: "Die gewählten Zyklen, alle Arbeitsgruppen und Stadtbezirke; Trennzeichen Semikolon, Dezimalkomma.",
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
      "Compare two or more cycles of a conference series: what the working groups proposed, what was decided and what was implemented – per standing working group and per district. Every number leads to the measures it counts.",
    choose: "Selection",
    series: "Conference series",
    cycles: "Compared cycles",
    noSeries: "There is no conference series yet.",
    noCycles: "The conference series “{series}” has no cycles.",
    oneCycle: "This conference series has only one cycle so far ({cycle}); a comparison becomes possible with the next cycle.",
    sameCycle: "Please choose at least two cycles to compare them.",
    definitions: "What the numbers count",
    defproposed: "every measure proposal the working group drafted in this cycle, including drafts never agreed",
    defagreed: "proposals whose text the working group agreed on and put to the plenary",
    defadopted: "measures adopted by the conference plenary",
    defapproved: "measures approved by a committee (also with amendments)",
    defimplemented: "measures reported as fully implemented",
    defpartly_implemented: "measures partly implemented",
    defabandoned: "measures whose implementation was abandoned",
    defevaluated: "measures the working group evaluated at the next conference",
    defcarried_over: "measures carried over into the next cycle",
    defrate:
      "implemented measures (partly implemented ones counted half) relative to the measures a committee approved or took note of; “–”: no such decision yet. The number leads to those decided measures.",
    deffactors: "measures whose evaluation names at least one obstacle (enabler) of this category; they count for the cycle in which the measure was decided.",
    trend: "Trend over the cycles",
    trendCaption: "Measures per stage, all working groups, cycles {cycles}",
    trendSummary: "Line chart: {lines}. All values are in the table.",
    linkTitle: "{value} – show the measures: {what}, {unit} {label}, cycle {cycle}",
    catalogueDiff: "Changes in the measure catalogue from {from} to {to}",
    all: "all",
    groups: "By working group",
    districts: "By district",
    group: "Working group",
    district: "District",
    groupInText: "working group",
    districtInText: "district",
    cycle: "Cycle",
    total: "Total",
    metric: "Show in the chart",
    proposed: "Group proposals (all drafts)",
    agreed: "Agreed in the group",
    adopted: "Adopted by the plenary",
    approved: "Approved by a committee",
    implemented: "Implemented",
    partly_implemented: "Partly implemented",
    abandoned: "Abandoned",
    evaluated: "Evaluated",
    carried_over: "Carried over",
    implementation_rate: "Implementation rate",
    rateUnit: "Implementation rate (%)",
    attainment: "Indicator attainment",
    attainmentUnit: "Indicator attainment (%)",
    measured: "Measures with attainment",
    defattainment:
      "per measure the mean over its indicators of how far the latest actual value has come from the baseline to the target (0 % at the baseline, 100 % at the target, more counted as 100 %); then the mean over the measures whose indicators have an actual value. The number leads to those measures.",
    districtNote: "A measure naming several districts counts in each; so there is no totals row here. “(Freitext)” and districts not on the list: measures naming no district of the list, by their district text.",
    obstacles: "Measures with obstacles",
    enablers: "Measures with enablers",
    obstacle: "Obstacle",
    enabler: "Enabler",
    none: "none",
    noMeasures: "no measures",
    factors: "Obstacles and enablers by category",
    factorsPer: "Obstacles and enablers per {unit}: cycles {cycles}",
    category: "Category",
    tableCaption: "{what}: cycles {cycles} compared",
    chartCaption: "{metric} per {unit}, cycles {cycles}",
    chartSummary: "Bar chart: {metric} per {unit} in cycles {cycles}. {totals}. All values are in the table.",
    factorChartSummary: "Bar chart: {what} by category in cycles {cycles}. {totals}. All values are in the table.",
    totalIn: "{cycle}: {value}",
    rateIn: "{cycle}: {value}",
    download: "Download as CSV (for Excel)",
    downloadHint: "The chosen cycles, all working groups and districts; semicolon separated, decimal comma.",
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

const METRICS: Metric[] = [...COUNTS, "implementation_rate", "attainment"];
const PERCENT: Metric[] = ["implementation_rate", "attainment"];

function metricName(metric: Metric): string {
  return metric === "implementation_rate" ? T().rateUnit : metric === "attainment" ? T().attainmentUnit : label(metric);
}
const TREND: Count[] = ["proposed", "agreed", "adopted", "approved", "implemented", "carried_over"];

function label(key: string): string {
  return (T() as Record<string, string>)[key] ?? key;
}

/** Column headings with soft hyphens, so the wide table fits the page (German words are long). */
const BREAKS: Record<string, string> = {
  vorgeschlagen: "vorge\u00ADschlagen",
  verabschiedet: "verab\u00ADschiedet",
  beschlossen: "be\u00ADschlossen",
  abgestimmt: "abge\u00ADstimmt",
  Umsetzungsquote: "Umsetzungs\u00ADquote",
  Fortgeführt: "Fort\u00ADgeführt",
  Aufgegeben: "Auf\u00ADgegeben",
  Umgesetzt: "Um\u00ADgesetzt",
  umgesetzt: "um\u00ADgesetzt",
  Evaluiert: "Evalu\u00ADiert",
  Zielerreichung: "Ziel\u00ADerreichung",
  Indikatoren: "Indika\u00ADtoren",
  Implementation: "Imple\u00ADmentation",
  implemented: "imple\u00ADmented",
};

function heading(key: string): string {
  return label(key).replace(/[A-Za-zÄÖÜäöüß]+/g, (word) => BREAKS[word] ?? word);
}

function rateText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${formatNumber(rate * 100, 1)} %`;
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

function go(series: string, cycles?: string[]): void {
  navigate(`/vergleich${queryString({ reihe: series, zyklen: cycles?.join(",") })}`, true);
}

/** What a table shows, and where its numbers lead: one series, per working group or per district. */
interface Scope {
  series: string;
  unit: "ag" | "bezirk";
  unitInText: string;
}

/** The catalogue of the measures a number counts (client/src/pages/catalogue.tsx reads these names). */
export function catalogueHref(scope: Scope, cycle: string, key: string, filter: Record<string, string>, unlisted = false): string {
  const where = { reihe: scope.series, zyklus: cycle, [scope.unit]: key || undefined, ohne_liste: unlisted ? "1" : undefined };
  return `/massnahmenkatalog${queryString({ ...where, ...filter })}`;
}

function NumberLink({ value, text, href, what, scope, entity, cycle }: { value: number; text?: string; href: string; what: string; scope: Scope; entity: string; cycle: string }) {
  const shown = text ?? formatNumber(value);
  return (
    <a href={href} class="figure" title={fill(T().linkTitle, { value: shown, what, unit: scope.unitInText, label: entity || T().all, cycle })}>
      {shown}
    </a>
  );
}

function RowCells({ row, scope, entity, cycle, entityKey, unlisted }: { row: ComparisonRow | null; scope: Scope; entity: string; cycle: string; entityKey: string; unlisted: boolean }) {
  const link = (filter: Record<string, string>) => catalogueHref(scope, cycle, entityKey, filter, unlisted);
  return (
    <>
      {COUNTS.map((count) => (
        <td key={count} class="number">
          <NumberLink value={row ? row[count] : 0} href={link({ kennzahl: count })} what={label(count)} scope={scope} entity={entity} cycle={cycle} />
        </td>
      ))}
      <td class="number">
        <NumberLink
          value={row?.mandated ?? 0}
          text={rateText(row?.implementation_rate)}
          href={link({ kennzahl: "mandated" })}
          what={T().implementation_rate}
          scope={scope}
          entity={entity}
          cycle={cycle}
        />
      </td>
      <td class="number">
        <NumberLink
          value={row?.measured ?? 0}
          text={rateText(row?.attainment)}
          href={link({ kennzahl: "measured" })}
          what={T().measured}
          scope={scope}
          entity={entity}
          cycle={cycle}
        />
      </td>
    </>
  );
}

function FactorLinks({ factors, kind, scope, entity, entityKey, cycle, unlisted }: { factors: Record<string, number>; kind: "hemmnis" | "foerderlich"; scope: Scope; entity: string; entityKey: string; cycle: string; unlisted: boolean }) {
  const found = CATEGORIES.filter((c) => factors[c]);
  if (!found.length) return <>{T().none}</>;
  return (
    <>
      {found.map((category, index) => (
        <span key={category}>
          {index > 0 && ", "}
          {label(category)}{" "}
          <NumberLink
            value={factors[category]}
            href={catalogueHref(scope, cycle, entityKey, { [kind]: category }, unlisted)}
            what={`${kind === "hemmnis" ? T().obstacle : T().enabler}: ${label(category)}`}
            scope={scope}
            entity={entity}
            cycle={cycle}
          />
        </span>
      ))}
    </>
  );
}

/** One row group: the label once, then a row per cycle with the cells ``children(index)`` gives. */
function CycleRows({ label, cycles, className, children }: { label: string; cycles: string[]; className?: string; children: (index: number) => ComponentChildren }) {
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

function cyclesText(cycles: string[]): string {
  return cycles.join(", ");
}

function Breakdown({ id, title, unit, scope, list, cycles, totalsRow = true, note }: { id: string; title: string; unit: string; scope: Scope; list: Entity[]; cycles: string[]; totalsRow?: boolean; note?: string }) {
  const [metric, setMetric] = useState<Metric>("implemented");
  const metricLabel = metricName(metric);
  const totals = cycles.map((cycle, index) => total(list.map((e) => e.rows[index]), cycle));
  const totalsText = cycles
    .map((cycle, index) =>
      fill(T().totalIn, {
        cycle,
        value: PERCENT.includes(metric) ? rateText(totals[index][metric as "attainment"]) : formatNumber(totals[index][metric as Count]),
      }),
    )
    .join(", ");
  const chartTitle = fill(T().chartCaption, { metric: metricLabel, unit: scope.unitInText, cycles: cyclesText(cycles) });
  return (
    <section class="card comparison-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p class="muted">{note}</p>}
      <Field id={`${id}-metric`} label={T().metric}>
        <select id={`${id}-metric`} value={metric} onChange={(event) => setMetric((event.target as HTMLSelectElement).value as Metric)}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {metricName(m)}
            </option>
          ))}
        </select>
      </Field>
      <ChartFigure id={`${id}-chart`} title={chartTitle} caption={chartTitle}>
        {(ref) => (
          <BarSvg
            svgRef={ref}
            title={chartTitle}
            summary={fill(T().chartSummary, { metric: metricLabel, unit: scope.unitInText, cycles: cyclesText(cycles), totals: totalsText })}
            labels={list.map((e) => e.label)}
            series={cycles.map((cycle, index) => ({ label: `${T().cycle} ${cycle}`, values: list.map((e) => metricValue(e.rows[index], metric)) }))}
            percent={PERCENT.includes(metric)}
          />
        )}
      </ChartFigure>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
        <table class="comparison" id={`${id}-table`}>
          <caption id={`${id}-caption`}>{fill(T().tableCaption, { what: title, cycles: cyclesText(cycles) })}</caption>
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
              <th scope="col" class="number">
                {heading("attainment")}
              </th>
            </tr>
          </thead>
          {list.map((entity) => (
            <CycleRows key={entity.key} label={entity.label} cycles={cycles}>
              {(index) => <RowCells row={entity.rows[index]} scope={scope} entity={entity.label} entityKey={entity.key} unlisted={entity.unlisted} cycle={cycles[index]} />}
            </CycleRows>
          ))}
          {totalsRow && (
            <CycleRows label={T().total} cycles={cycles} className="totals">
              {(index) => <RowCells row={totals[index]} scope={scope} entity="" entityKey="" unlisted={false} cycle={cycles[index]} />}
            </CycleRows>
          )}
        </table>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-factors-caption`}>
        <table class="comparison factors" id={`${id}-factors-table`}>
          <caption id={`${id}-factors-caption`}>{fill(T().factorsPer, { unit: scope.unitInText, cycles: cyclesText(cycles) })}</caption>
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
              {(index) => {
                const row = entity.rows[index];
                if (!row)
                  return (
                    <td colSpan={2} class="muted">
                      {T().noMeasures}
                    </td>
                  );
                const common = { scope, entity: entity.label, entityKey: entity.key, cycle: cycles[index], unlisted: entity.unlisted };
                return (
                  <>
                    <td>
                      <FactorLinks factors={row.obstacles} kind="hemmnis" {...common} />
                    </td>
                    <td>
                      <FactorLinks factors={row.enablers} kind="foerderlich" {...common} />
                    </td>
                  </>
                );
              }}
            </CycleRows>
          ))}
        </table>
      </div>
    </section>
  );
}

function Trend({ list, cycles }: { list: Entity[]; cycles: string[] }) {
  const totals = cycles.map((cycle, index) => total(list.map((e) => e.rows[index]), cycle));
  const series = TREND.map((count) => ({ label: label(count), values: totals.map((row) => row[count]) }));
  const title = fill(T().trendCaption, { cycles: cyclesText(cycles) });
  const summary = fill(T().trendSummary, {
    lines: series.map((s) => `${s.label} ${cycles.map((cycle, i) => `${cycle}: ${s.values[i]}`).join(", ")}`).join("; "),
  });
  return (
    <section class="card comparison-section" aria-labelledby="trend-title">
      <h2 id="trend-title">{T().trend}</h2>
      <ChartFigure id="trend-chart" title={title} caption={title}>
        {(ref) => <TrendSvg svgRef={ref} title={title} summary={summary} cycles={cycles} series={series} />}
      </ChartFigure>
    </section>
  );
}

function Factors({ list, cycles, series }: { list: Entity[]; cycles: string[]; series: string }) {
  const totals = cycles.map((cycle, index) => total(list.map((e) => e.rows[index]), cycle));
  const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  const scope: Scope = { series, unit: "ag", unitInText: T().groupInText };
  const chart = (kind: "obstacles" | "enablers") => {
    const title = fill(T().chartCaption, { metric: label(kind), unit: T().category, cycles: cyclesText(cycles) });
    return (
      <ChartFigure id={`factors-${kind}-chart`} title={title} caption={title}>
        {(ref) => (
          <BarSvg
            svgRef={ref}
            title={title}
            summary={fill(T().factorChartSummary, {
              what: label(kind),
              cycles: cyclesText(cycles),
              totals: cycles.map((cycle, index) => fill(T().totalIn, { cycle, value: sum(totals[index][kind]) })).join(", "),
            })}
            labels={CATEGORIES.map(label)}
            series={cycles.map((cycle, index) => ({ label: `${T().cycle} ${cycle}`, values: CATEGORIES.map((c) => totals[index][kind][c] ?? 0) }))}
          />
        )}
      </ChartFigure>
    );
  };
  const cell = (row: ComparisonRow, kind: "obstacles" | "enablers", category: string) => (
    <NumberLink
      value={row[kind][category] ?? 0}
      href={catalogueHref(scope, row.cycle, "", { [kind === "obstacles" ? "hemmnis" : "foerderlich"]: category })}
      what={`${kind === "obstacles" ? T().obstacle : T().enabler}: ${label(category)}`}
      scope={scope}
      entity=""
      cycle={row.cycle}
    />
  );
  return (
    <section class="card comparison-section" aria-labelledby="factors-title">
      <h2 id="factors-title">{T().factors}</h2>
      <p class="muted">{T().deffactors}</p>
      <div class="chart-pair">
        {chart("obstacles")}
        {chart("enablers")}
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="factors-caption">
        <table class="comparison" id="factors-table">
          <caption id="factors-caption">{fill(T().tableCaption, { what: T().factors, cycles: cyclesText(cycles) })}</caption>
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
                    {cell(row, "obstacles", category)}
                  </td>
                ))}
                {totals.map((row) => (
                  <td class="number" key={`e${row.cycle}`}>
                    {cell(row, "enablers", category)}
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

function Definitions() {
  return (
    <details class="card definitions">
      <summary>{T().definitions}</summary>
      <dl>
        {COUNTS.map((count) => (
          <div key={count}>
            <dt>{label(count)}</dt>
            <dd>{(T() as Record<string, string>)[`def${count}`]}</dd>
          </div>
        ))}
        <div>
          <dt>{T().implementation_rate}</dt>
          <dd>{T().defrate}</dd>
        </div>
        <div>
          <dt>{T().attainment}</dt>
          <dd>{T().defattainment}</dd>
        </div>
        <div>
          <dt>
            {T().obstacles} / {T().enablers}
          </dt>
          <dd>{T().deffactors}</dd>
        </div>
      </dl>
    </details>
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
          measured: T().measured,
          attainment: T().attainmentUnit,
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

/** Links to the catalogue's changes between each two neighbouring compared cycles. */
function DiffLinks({ comparison, cycles }: { comparison: Comparison; cycles: string[] }) {
  const conference = (cycle: string) => comparison.conferences.find((c) => c.cycle === cycle)?.id;
  const pairs = cycles.slice(1).map((to, index) => [cycles[index], to] as const);
  return (
    <ul class="diff-links">
      {pairs.map(([from, to]) => {
        const a = conference(from);
        const b = conference(to);
        return a && b ? (
          <li key={`${from}-${to}`}>
            <a href={`/massnahmenkatalog/veraenderungen${queryString({ von: a, bis: b })}`}>{fill(T().catalogueDiff, { from, to })}</a>
          </li>
        ) : null;
      })}
    </ul>
  );
}

function ComparisonView({ series, requested, children }: { series: string; requested: string[] | null; children: ComponentChildren }) {
  const { data, error, reload } = useLive(() => api.get<Comparison>(`/cycle-comparison${queryString({ series })}`), [series], {
    relevant: (change) => ["measures", "conferences", "working_groups"].includes(change.view),
  });
  const cycles = data?.cycles ?? [];
  const chosen = requested ? cycles.filter((c) => requested.includes(c)) : cycles;
  const compared = chosen.length ? chosen : cycles;
  const groups = useMemo(() => (data ? entities(data.working_groups, compared) : []), [data, compared.join("|")]);
  const districts = useMemo(() => (data ? entities(data.districts, compared) : []), [data, compared.join("|")]);
  const toggle = (cycle: string, on: boolean) => go(series, cycles.filter((c) => (c === cycle ? on : compared.includes(c))));
  return (
    <>
      <form class="card row selection" aria-label={T().choose} onSubmit={(event) => event.preventDefault()}>
        {children}
        <fieldset class="cycle-choice" disabled={!data}>
          <legend>{T().cycles}</legend>
          {cycles.map((cycle) => (
            <label key={cycle} class="check">
              <input type="checkbox" checked={compared.includes(cycle)} onChange={(e) => toggle(cycle, (e.target as HTMLInputElement).checked)} /> {cycle}
            </label>
          ))}
        </fieldset>
      </form>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && cycles.length === 0 && <p class="notice">{fill(T().noCycles, { series })}</p>}
      {data && cycles.length === 1 && <p class="notice">{fill(T().oneCycle, { cycle: cycles[0] })}</p>}
      {data && cycles.length > 1 && compared.length < 2 && <p class="notice">{T().sameCycle}</p>}
      {data && cycles.length > 0 && (
        <>
          <Download comparison={data} groups={groups} districts={districts} cycles={compared} />
          <DiffLinks comparison={data} cycles={compared} />
          <Definitions />
          {compared.length > 1 && <Trend list={groups} cycles={compared} />}
          <Breakdown id="groups" title={T().groups} unit={T().group} scope={{ series, unit: "ag", unitInText: T().groupInText }} list={groups} cycles={compared} />
          <Breakdown
            id="districts"
            title={T().districts}
            unit={T().district}
            scope={{ series, unit: "bezirk", unitInText: T().districtInText }}
            list={districts}
            cycles={compared}
            totalsRow={false}
            note={T().districtNote}
          />
          <Factors list={groups} cycles={compared} series={series} />
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
  const cycles = query.get("zyklen");
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data !== undefined && list.length === 0 && !requested && <p>{T().noSeries}</p>}
      {series && (
        <ComparisonView key={series} series={series} requested={cycles === null ? null : cycles.split(",")}>
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
