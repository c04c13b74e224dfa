// The comparison's charts, drawn as SVG by the page itself: grouped bars (one bar per cycle and label) and a
// trend over the cycles (one line per figure). Each can be downloaded as SVG and as PNG for a council report.
// Decoration for sighted readers: the tables beside them carry the same numbers, the summary says them.

import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { fill, formatNumber, messages } from "../i18n";
import { downloadPng, downloadSvg } from "./chart-export";

const T = messages({
  de: {
    png: "Als PNG herunterladen",
    svg: "Als SVG herunterladen",
    pngOf: "Diagramm „{title}“ als PNG herunterladen",
    svgOf: "Diagramm „{title}“ als SVG herunterladen",
    failed: "Das Bild konnte nicht erzeugt werden.",
  },
  en: {
    png: "Download as PNG",
    svg: "Download as SVG",
    pngOf: "Download the chart “{title}” as PNG",
    svgOf: "Download the chart “{title}” as SVG",
    failed: "The image could not be made.",
  },
});

/** Colours of the cycles, oldest lightest; dark enough against white for the bars' outlines. */
const PALETTE = ["#9cc3ea", "#5b9bd5", "#0b5cad", "#073d73", "#f0a35e", "#b35c00"];
const LINES = ["#0b5cad", "#b35c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#4e342e"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3"];
const FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif";
const INK = "#1d2433";
const GRID = "#d5dbe5";

export interface Series {
  label: string;
  values: (number | null)[];
}

function niceMax(value: number, percent: boolean): number {
  if (percent) return 100;
  if (value <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

function ticks(max: number): number[] {
  const count = max <= 5 ? max : 5;
  return Array.from({ length: count + 1 }, (_, i) => Math.round((max / count) * i * 10) / 10);
}

function valueText(value: number | null, percent: boolean): string {
  if (value === null) return "–";
  return percent ? `${formatNumber(value, 1)} %` : formatNumber(value);
}

/** Title, downloads and caption around a chart; `draw` gets the ref of the SVG element. */
export function ChartFigure({ id, title, caption, children }: { id: string; title: string; caption: string; children: (ref: { current: SVGSVGElement | null }) => ComponentChildren }) {
  const svg = useRef<SVGSVGElement>(null);
  const [failed, setFailed] = useState(false);
  return (
    <figure class="chart" id={id} aria-labelledby={`${id}-caption`}>
      <div class="chart-box">{children(svg)}</div>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <p class="chart-downloads">
        <button type="button" class="secondary" aria-label={fill(T().svgOf, { title })} onClick={() => svg.current && downloadSvg(svg.current, title)}>
          {T().svg}
        </button>{" "}
        <button
          type="button"
          class="secondary"
          aria-label={fill(T().pngOf, { title })}
          onClick={() => svg.current && downloadPng(svg.current, title).then(() => setFailed(false), () => setFailed(true))}
        >
          {T().png}
        </button>
        {failed && <span role="alert"> {T().failed}</span>}
      </p>
    </figure>
  );
}

/** Horizontal grouped bars: a row per label, a bar per series (cycle). */
export function BarSvg({
  svgRef,
  title,
  summary,
  labels,
  series,
  percent = false,
}: {
  svgRef: { current: SVGSVGElement | null };
  title: string;
  summary: string;
  labels: string[];
  series: Series[];
  percent?: boolean;
}) {
  const width = 860;
  const left = 230;
  const right = 70;
  const top = 64;
  const bar = 13;
  const rowHeight = series.length * bar + 12;
  const height = top + labels.length * rowHeight + 36;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0))), percent);
  const x = (value: number) => left + ((width - left - right) * value) / max;
  return (
    <svg ref={svgRef} class="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} font-family={FONT}>
      <title>{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={12} y={22} font-size={16} font-weight="bold" fill={INK}>
        {title}
      </text>
      {series.map((s, i) => (
        <g key={s.label}>
          <rect x={12 + i * 130} y={36} width={14} height={14} fill={PALETTE[i % PALETTE.length]} stroke={INK} stroke-width={0.5} />
          <text x={32 + i * 130} y={48} font-size={13} fill={INK}>
            {s.label}
          </text>
        </g>
      ))}
      {ticks(max).map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height - 30} stroke={GRID} />
          <text x={x(tick)} y={height - 14} font-size={12} fill={INK} text-anchor="middle">
            {percent ? `${formatNumber(tick)} %` : formatNumber(tick)}
          </text>
        </g>
      ))}
      {labels.map((label, row) => {
        const y = top + row * rowHeight;
        return (
          <g key={label}>
            <text x={left - 8} y={y + rowHeight / 2} font-size={13} fill={INK} text-anchor="end" dominant-baseline="middle">
              {label.length > 34 ? label.slice(0, 33) + "…" : label}
            </text>
            {series.map((s, i) => {
              const value = s.values[row];
              const y0 = y + 6 + i * bar;
              return (
                <g key={s.label}>
                  <rect x={left} y={y0} width={Math.max(0, x(value ?? 0) - left)} height={bar - 2} fill={PALETTE[i % PALETTE.length]} stroke={INK} stroke-width={0.5} />
                  <text x={x(value ?? 0) + 4} y={y0 + bar / 2} font-size={11} fill={INK} dominant-baseline="middle">
                    {valueText(value, percent)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top - 4} y2={height - 30} stroke={INK} />
    </svg>
  );
}

/** A trend over the cycles: one line (with marked points and values) per series. */
export function TrendSvg({
  svgRef,
  title,
  summary,
  cycles,
  series,
}: {
  svgRef: { current: SVGSVGElement | null };
  title: string;
  summary: string;
  cycles: string[];
  series: Series[];
}) {
  const width = 860;
  const columns = 3;
  const legendRows = Math.ceil(series.length / columns);
  const top = 44 + legendRows * 20 + 16;
  const height = top + 300;
  const left = 60;
  const right = 40;
  const bottom = 40;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0))), false);
  const x = (index: number) => left + (cycles.length > 1 ? ((width - left - right) * index) / (cycles.length - 1) : (width - left - right) / 2);
  const y = (value: number) => height - bottom - ((height - top - bottom) * value) / max;
  return (
    <svg ref={svgRef} class="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} font-family={FONT}>
      <title>{title}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={12} y={22} font-size={16} font-weight="bold" fill={INK}>
        {title}
      </text>
      {series.map((s, i) => {
        const lx = 12 + (i % columns) * 280;
        const ly = 44 + Math.floor(i / columns) * 20;
        return (
          <g key={s.label}>
            <line x1={lx} x2={lx + 28} y1={ly} y2={ly} stroke={LINES[i % LINES.length]} stroke-width={2.5} stroke-dasharray={DASHES[i % DASHES.length] || undefined} />
            <circle cx={lx + 14} cy={ly} r={4} fill={LINES[i % LINES.length]} />
            <text x={lx + 36} y={ly} font-size={13} fill={INK} dominant-baseline="middle">
              {s.label}
            </text>
          </g>
        );
      })}
      {ticks(max).map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke={GRID} />
          <text x={left - 8} y={y(tick)} font-size={12} fill={INK} text-anchor="end" dominant-baseline="middle">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {cycles.map((cycle, index) => (
        <text key={cycle} x={x(index)} y={height - bottom + 22} font-size={13} fill={INK} text-anchor="middle">
          {cycle}
        </text>
      ))}
      {series.map((s, i) => {
        const colour = LINES[i % LINES.length];
        const points = s.values.map((v, index) => (v === null ? null : ([x(index), y(v)] as const)));
        const path = points.filter((p) => p !== null).map((p, n) => `${n ? "L" : "M"}${p![0].toFixed(1)},${p![1].toFixed(1)}`).join(" ");
        return (
          <g key={s.label}>
            <path d={path} fill="none" stroke={colour} stroke-width={2.5} stroke-dasharray={DASHES[i % DASHES.length] || undefined} />
            {points.map((p, index) =>
              p ? (
                <g key={index}>
                  <circle cx={p[0]} cy={p[1]} r={4} fill={colour} />
                  <text x={p[0]} y={p[1] - 8} font-size={11} fill={INK} text-anchor="middle">
                    {formatNumber(s.values[index] ?? 0)}
                  </text>
                </g>
              ) : null,
            )}
          </g>
        );
      })}
    </svg>
  );
}
