// A measure's indicators: per indicator a small chart (baseline, reported actuals and target over time)
// with its figures as a table, and the form to report an actual value (for those allowed).

import { useState } from "preact/hooks";
import { api } from "../../api";
import { fill, formatDate, formatNumber, messages } from "../../i18n";
import { ErrorMessage, Field } from "../../ui";

export interface Point {
  value: string | null;
  year: number | null;
}

export interface Actual {
  indicator: string;
  value: string | null;
  date: string;
  source: string;
  remark: string;
  kind: string;
}

export interface Indicator {
  name: string;
  unit: string;
  baseline: Point;
  target: Point;
  remark: string;
  actuals: Actual[];
  latest: Actual | null;
  attainment: number | null;
}

const T = messages({
  de: {
    heading: "Indikatoren und Ist-Werte",
    none: "Für diese Maßnahme sind keine Indikatoren hinterlegt.",
    baseline: "Ausgangswert",
    target: "Zielwert",
    actuals: "Ist-Werte",
    attainment: "Zielerreichung",
    notComputable: "nicht berechenbar",
    chartLabel: "Verlauf des Indikators „{name}“: {summary}",
    noActuals: "noch kein Ist-Wert berichtet",
    latest: "letzter Ist-Wert {value} am {date}",
    date: "Stichtag",
    value: "Wert",
    source: "Quelle",
    remark: "Bemerkung",
    figures: "Werte als Tabelle",
    report: "Ist-Wert berichten",
    indicator: "Indikator",
    valueHint: "Eine Zahl, zum Beispiel 64 oder 12,5",
    submit: "Ist-Wert speichern",
    saved: "Ist-Wert gespeichert.",
    busy: "Wird gespeichert …",
    unknownYear: "ohne Jahr",
  },
  en: {
    heading: "Indicators and actual values",
    none: "This measure has no indicators.",
    baseline: "Baseline",
    target: "Target",
    actuals: "Actual values",
    attainment: "Target attainment",
    notComputable: "not computable",
    chartLabel: "Indicator “{name}” over time: {summary}",
    noActuals: "no actual value reported yet",
    latest: "latest actual value {value} on {date}",
    date: "Measured on",
    value: "Value",
    source: "Source",
    remark: "Remark",
    figures: "Values as a table",
    report: "Report an actual value",
    indicator: "Indicator",
    valueHint: "A number, for example 64 or 12.5",
    submit: "Save actual value",
    saved: "Actual value saved.",
    busy: "Saving …",
    unknownYear: "no year",
  },
});

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 44, right: 12, top: 12, bottom: 26 };

/** A stored decimal ("12.5") in the reader's notation. */
function shown(value: string | null, unit = ""): string {
  if (value === null) return "–";
  const number = Number(value);
  const digits = value.includes(".") ? Math.min(value.split(".")[1].length, 4) : 0;
  const text = Number.isFinite(number) ? formatNumber(number, digits) : value;
  return unit ? `${text} ${unit}` : text;
}

function pointText(point: Point, unit: string): string {
  return `${shown(point.value, unit)} (${point.year ?? T().unknownYear})`;
}

function summary(indicator: Indicator): string {
  const parts = [
    `${T().baseline} ${pointText(indicator.baseline, indicator.unit)}`,
    `${T().target} ${pointText(indicator.target, indicator.unit)}`,
    indicator.latest
      ? fill(T().latest, { value: shown(indicator.latest.value, indicator.unit), date: formatDate(indicator.latest.date) })
      : T().noActuals,
    `${T().attainment} ${attainmentText(indicator.attainment)}`,
  ];
  return parts.join(", ");
}

function attainmentText(attainment: number | null): string {
  return attainment === null ? T().notComputable : `${formatNumber(attainment * 100)} %`;
}

interface Plotted {
  time: number;
  value: number;
}

const DAY = 86_400_000;

function time(date: string): number {
  return new Date(`${date}T00:00:00Z`).getTime();
}

/** The chart's points: the baseline at the start of its year, the actuals on their dates, the target at the end of its year. */
function points(indicator: Indicator) {
  const actuals: Plotted[] = indicator.actuals
    .filter((a) => a.value !== null)
    .map((a) => ({ time: time(a.date), value: Number(a.value) }));
  const known = actuals.map((a) => a.time);
  const fallbackStart = known.length ? Math.min(...known) - 90 * DAY : Date.UTC(new Date().getUTCFullYear(), 0, 1);
  const fallbackEnd = known.length ? Math.max(...known) + 90 * DAY : fallbackStart + 365 * DAY;
  const at = (point: Point, start: boolean, fallback: number): Plotted | null =>
    point.value === null
      ? null
      : {
          time: point.year === null ? fallback : start ? Date.UTC(point.year, 0, 1) : Date.UTC(point.year, 11, 31),
          value: Number(point.value),
        };
  return {
    baseline: at(indicator.baseline, true, fallbackStart),
    target: at(indicator.target, false, fallbackEnd),
    actuals,
  };
}

function Chart({ indicator, id }: { indicator: Indicator; id: string }) {
  const { baseline, target, actuals } = points(indicator);
  const all = [baseline, target, ...actuals].filter((p): p is Plotted => p !== null);
  if (all.length === 0) return null;
  const times = all.map((p) => p.time);
  const values = all.map((p) => p.value);
  let [t0, t1] = [Math.min(...times), Math.max(...times)];
  let [v0, v1] = [Math.min(0, ...values), Math.max(...values)];
  if (t1 === t0) [t0, t1] = [t0 - 180 * DAY, t1 + 180 * DAY];
  if (v1 === v0) v1 = v0 + 1;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - v0) / (v1 - v0)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = [baseline, ...actuals].filter((p): p is Plotted => p !== null);
  const years = new Set<number>();
  for (const t of times) years.add(new Date(t).getUTCFullYear());
  const label = fill(T().chartLabel, { name: indicator.name, summary: summary(indicator) });
  return (
    <svg
      class="indicator-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      aria-describedby={`${id}-legend`}
      data-indicator={indicator.name}
    >
      <title>{label}</title>
      <line class="axis" x1={PAD.left} y1={y(v0)} x2={WIDTH - PAD.right} y2={y(v0)} />
      <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} />
      <text class="tick" x={PAD.left - 4} y={y(v1) + 4} text-anchor="end">
        {shown(String(v1))}
      </text>
      <text class="tick" x={PAD.left - 4} y={y(v0) + 4} text-anchor="end">
        {shown(String(v0))}
      </text>
      {[...years].map((year) => {
        const at = Math.min(Math.max(x(Date.UTC(year, 6, 1)), PAD.left + 12), WIDTH - PAD.right - 12);
        return (
          <text key={year} class="tick" x={at} y={HEIGHT - 8} text-anchor="middle">
            {year}
          </text>
        );
      })}
      {target && (
        <g class="target">
          <line x1={PAD.left} y1={y(target.value)} x2={WIDTH - PAD.right} y2={y(target.value)} />
          <rect x={x(target.time) - 4} y={y(target.value) - 4} width="8" height="8" />
        </g>
      )}
      {path.length > 1 && <polyline class="actual-line" points={path.map((p) => `${x(p.time)},${y(p.value)}`).join(" ")} />}
      {baseline && <circle class="baseline" cx={x(baseline.time)} cy={y(baseline.value)} r="4" />}
      {actuals.map((p, i) => (
        <circle key={i} class="actual" cx={x(p.time)} cy={y(p.value)} r="3.5" />
      ))}
    </svg>
  );
}

function Legend({ id }: { id: string }) {
  return (
    <ul class="indicator-legend" id={`${id}-legend`}>
      <li>
        <span class="swatch baseline" aria-hidden="true" /> {T().baseline}
      </li>
      <li>
        <span class="swatch actual" aria-hidden="true" /> {T().actuals}
      </li>
      <li>
        <span class="swatch target" aria-hidden="true" /> {T().target}
      </li>
    </ul>
  );
}

function Figures({ indicator }: { indicator: Indicator }) {
  return (
    <details>
      <summary>{T().figures}</summary>
      <table class="indicator-figures">
        <thead>
          <tr>
            <th scope="col">{T().date}</th>
            <th scope="col">{T().value}</th>
            <th scope="col">{T().source}</th>
            <th scope="col">{T().remark}</th>
          </tr>
        </thead>
        <tbody>
          {indicator.actuals.map((a, i) => (
            <tr key={i}>
              <td>{formatDate(a.date)}</td>
              <td>{shown(a.value, indicator.unit)}</td>
              <td>{a.source}</td>
              <td>{a.remark}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ReportForm({ measureId, indicators, onReported }: { measureId: string; indicators: Indicator[]; onReported: () => void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [indicator, setIndicator] = useState(indicators[0]?.name ?? "");
  const [value, setValue] = useState("");
  const [date, setDate] = useState(today);
  const [source, setSource] = useState("");
  const [remark, setRemark] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.post(`/measures/${measureId}/indicators/actuals`, { indicator, value: value.trim(), measured_on: date, source, remark });
      setValue("");
      setRemark("");
      setSaved(true);
      onReported();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const text = (setter: (v: string) => void) => (e: Event) => setter((e.target as HTMLInputElement).value);
  return (
    <form class="indicator-report" onSubmit={submit} aria-labelledby="indicator-report-title">
      <h3 id="indicator-report-title">{T().report}</h3>
      <div class="row">
        <Field id="actual-indicator" label={T().indicator}>
          <select id="actual-indicator" value={indicator} onChange={text(setIndicator)}>
            {indicators.map((i) => (
              <option key={i.name} value={i.name}>
                {i.unit ? `${i.name} (${i.unit})` : i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="actual-value" label={T().value} hint={T().valueHint}>
          <input id="actual-value" inputMode="decimal" required value={value} onInput={text(setValue)} aria-describedby="actual-value-hint" />
        </Field>
        <Field id="actual-date" label={T().date}>
          <input id="actual-date" type="date" required max={today} value={date} onInput={text(setDate)} />
        </Field>
      </div>
      <div class="row">
        <Field id="actual-source" label={T().source}>
          <input id="actual-source" value={source} maxLength={500} onInput={text(setSource)} />
        </Field>
        <Field id="actual-remark" label={T().remark}>
          <input id="actual-remark" value={remark} maxLength={5000} onInput={text(setRemark)} />
        </Field>
      </div>
      <p class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? T().busy : T().submit}
        </button>
        {saved && (
          <span role="status" class="saved">
            {T().saved}
          </span>
        )}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}

export function Indicators({
  measureId,
  indicators,
  canReport,
  onReported,
}: {
  measureId: string;
  indicators: Indicator[];
  canReport: boolean;
  onReported: () => void;
}) {
  return (
    <section class="card" aria-labelledby="indicators-title">
      <h2 id="indicators-title">{T().heading}</h2>
      {indicators.length === 0 && <p class="muted">{T().none}</p>}
      <div class="indicator-grid">
        {indicators.map((indicator, index) => {
          const id = `indicator-${index}`;
          return (
            <figure key={indicator.name} class="indicator" aria-labelledby={`${id}-name`}>
              <figcaption>
                <strong id={`${id}-name`}>{indicator.name}</strong>
                {indicator.unit && <span class="muted"> ({indicator.unit})</span>}
                <br />
                <span class="indicator-facts">
                  {T().baseline}: {pointText(indicator.baseline, indicator.unit)} · {T().target}:{" "}
                  {pointText(indicator.target, indicator.unit)} · {T().attainment}:{" "}
                  <strong class="attainment">{attainmentText(indicator.attainment)}</strong>
                </span>
                {indicator.remark && <span class="muted indicator-remark">{indicator.remark}</span>}
              </figcaption>
              <Chart indicator={indicator} id={id} />
              <Legend id={id} />
              {indicator.actuals.length > 0 && <Figures indicator={indicator} />}
            </figure>
          );
        })}
      </div>
      {canReport && indicators.length > 0 && <ReportForm measureId={measureId} indicators={indicators} onReported={onReported} />}
    </section>
  );
}
