// Planner's cycle comparison: two or more cycles of a conference series side by side, per standing
// working group and per district, as charts (SVG, downloadable as SVG and PNG) and tables whose every
// number links to the catalogue of the measures it counts, with a CSV download for spreadsheets.


import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, query as queryString } from "../api";
import { fill } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { ErrorMessage, Field, Loading, PageTitle } from "../ui";
import { CATEGORIES, COUNTS, type Comparison, type Count, type Entity, entities, toCsv, total } from "./comparison-data";
import { cyclesText, label, T } from "./comparison-messages";
import { TrendSvg, ChartFigure } from "./comparison-svg";
import { Breakdown, Factors } from "./comparison-tables";
import type { ConferenceRow } from "./start";
import "./comparison.css";

const TREND: Count[] = ["proposed", "agreed", "adopted", "approved", "implemented", "carried_over"];

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
