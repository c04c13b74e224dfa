// A grouped bar chart (chart.js) for the planner's cycle comparison: one bar per cycle and label.
// The chart is decoration for sighted readers; the tables beside it carry the same numbers.

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { lang } from "../i18n";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours of the two compared cycles: the earlier one light, the later one dark (both with a dark outline). */
const COLOURS = [
  { background: "#9cc3ea", border: "#1d4f86" },
  { background: "#0b5cad", border: "#073d73" },
];

export interface BarSeries {
  label: string;
  values: (number | null)[];
}

export function BarChart({
  id,
  labels,
  series,
  caption,
  summary,
  percent = false,
}: {
  id: string;
  labels: string[];
  series: BarSeries[];
  caption: string;
  summary: string;
  percent?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const locale = lang() === "en" ? "en-GB" : "de-DE";

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale,
        indexAxis: labels.length > 8 ? "y" : "x",
        plugins: {
          legend: { position: "top", labels: { color: "#1d2433", font: { size: 14 } } },
          tooltip: {
            callbacks: percent
              ? { label: (item) => `${item.dataset.label}: ${item.formattedValue} %` }
              : {},
          },
        },
        scales: {
          x: { ticks: { color: "#1d2433" }, grid: { color: "#e3e7ee" } },
          y: { ticks: { color: "#1d2433" }, grid: { color: "#e3e7ee" } },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is rebuilt when its orientation changes; data changes only update it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels.length > 8, percent, locale]);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data.labels = labels;
    current.data.datasets = series.map((s, index) => ({
      label: s.label,
      data: s.values,
      backgroundColor: COLOURS[index % COLOURS.length].background,
      borderColor: COLOURS[index % COLOURS.length].border,
      borderWidth: 1,
      categoryPercentage: 0.85,
      barPercentage: 0.95,
    }));
    const valueAxis = labels.length > 8 ? "x" : "y";
    const scale = current.options.scales?.[valueAxis];
    if (scale) {
      (scale as { beginAtZero?: boolean }).beginAtZero = true;
      (scale as { max?: number }).max = percent ? 100 : undefined;
      (scale as { ticks: { precision?: number } }).ticks.precision = 0;
    }
    current.update();
  }, [JSON.stringify(labels), JSON.stringify(series)]);

  const height = labels.length > 8 ? Math.max(18, labels.length * 2.6) : 20;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <div class="chart-box" style={{ height: `${height}rem` }}>
        <canvas id={id} ref={canvas} role="img" aria-label={summary}>
          {summary}
        </canvas>
      </div>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
    </figure>
  );
}
