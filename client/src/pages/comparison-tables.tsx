// The comparison's tables per working group and per district, and of obstacles and enablers: every number a
// link to the catalogue of the measures it counts, each table with its chart above it.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { query as queryString } from "../api";
import { fill, formatNumber } from "../i18n";
import { Field } from "../ui";
import { CATEGORIES, COUNTS, type ComparisonRow, type Count, type Entity, type Metric, metricValue, total } from "./comparison-data";
import { cyclesText, heading, label, METRICS, metricName, PERCENT, rateText, T } from "./comparison-messages";
import { BarSvg, ChartFigure } from "./comparison-svg";

export interface Scope {
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

export function Breakdown({ id, title, unit, scope, list, cycles, totalsRow = true, note }: { id: string; title: string; unit: string; scope: Scope; list: Entity[]; cycles: string[]; totalsRow?: boolean; note?: string }) {
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

export function Factors({ list, cycles, series }: { list: Entity[]; cycles: string[]; series: string }) {
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

