// The cycle comparison's data (GET /api/cycle-comparison) and its CSV export for German spreadsheets.

export interface ComparisonRow {
  key: string;
  label: string;
  cycle: string;
  proposed: number;
  agreed: number;
  adopted: number;
  approved: number;
  mandated: number;
  rejected: number;
  implemented: number;
  partly_implemented: number;
  abandoned: number;
  evaluated: number;
  carried_over: number;
  implementation_rate: number | null;
  measured: number; // measures whose indicators give an attainment
  attainment: number | null; // their mean attainment (0…1)
  unlisted?: boolean; // a district row of measures naming no district of the list (their free text)
  obstacles: Record<string, number>;
  enablers: Record<string, number>;
}

export interface Comparison {
  series: string;
  cycles: string[];
  conferences: { cycle: string; id: string }[];
  working_groups: ComparisonRow[];
  districts: ComparisonRow[];
}

/** The figures of the tables, in the order of a measure's path; each counts measures (see the definitions). */
export const COUNTS = [
  "proposed",
  "agreed",
  "adopted",
  "approved",
  "implemented",
  "partly_implemented",
  "abandoned",
  "evaluated",
  "carried_over",
] as const;
export type Count = (typeof COUNTS)[number];
export type Metric = Count | "implementation_rate" | "attainment";

export const CATEGORIES = ["funding", "staff", "cooperation", "legal", "demand", "premises", "participation", "other"] as const;

/** One entity (working group or district) with its row per compared cycle (null: no measures in that cycle). */
export interface Entity {
  key: string;
  label: string;
  unlisted: boolean;
  rows: (ComparisonRow | null)[];
}

/**
 * The entities of the compared cycles. Districts are merged by their label: the server names the
 * measures without a district "gesamtstädtisch", which is also a district text of its own.
 */
export function entities(rows: ComparisonRow[], cycles: string[], by: "key" | "label" = "key"): Entity[] {
  const found = new Map<string, Entity>();
  for (const row of rows) {
    const index = cycles.indexOf(row.cycle);
    if (index < 0) continue;
    const id = by === "key" ? row.key : row.label;
    let entity = found.get(id);
    if (!entity) {
      entity = { key: id, label: row.label, unlisted: Boolean(row.unlisted), rows: cycles.map(() => null) };
      found.set(id, entity);
    }
    const before = entity.rows[index];
    entity.rows[index] = before ? { ...total([before, row], row.cycle), key: id, label: row.label } : row;
    entity.label = row.label; // the newest name of a standing group
  }
  return [...found.values()].sort((a, b) => a.label.localeCompare(b.label, "de"));
}

/** The sum of several rows (one cycle), with the implementation rate computed as the server does. */
export function total(rows: (ComparisonRow | null)[], cycle: string): ComparisonRow {
  const sum: ComparisonRow = {
    key: "",
    label: "",
    cycle,
    proposed: 0,
    agreed: 0,
    adopted: 0,
    approved: 0,
    mandated: 0,
    rejected: 0,
    implemented: 0,
    partly_implemented: 0,
    abandoned: 0,
    evaluated: 0,
    carried_over: 0,
    implementation_rate: null,
    measured: 0,
    attainment: null,
    obstacles: {},
    enablers: {},
  };
  let attained = 0;
  for (const row of rows) {
    if (!row) continue;
    for (const key of [...COUNTS, "mandated", "rejected", "measured"] as const) sum[key] += row[key];
    attained += (row.attainment ?? 0) * row.measured;
    for (const [category, count] of Object.entries(row.obstacles)) sum.obstacles[category] = (sum.obstacles[category] ?? 0) + count;
    for (const [category, count] of Object.entries(row.enablers)) sum.enablers[category] = (sum.enablers[category] ?? 0) + count;
  }
  if (sum.measured) sum.attainment = Math.round((attained / sum.measured) * 1000) / 1000;
  if (sum.mandated) {
    sum.implementation_rate = Math.round(((sum.implemented + 0.5 * sum.partly_implemented) / sum.mandated) * 1000) / 1000;
  }
  return sum;
}

export function metricValue(row: ComparisonRow | null, metric: Metric): number | null {
  if (metric === "implementation_rate" || metric === "attainment") {
    const value = row ? row[metric] : null;
    return value === null ? null : Math.round(value * 1000) / 10;
  }
  if (!row) return 0;
  return row[metric];
}

/** A percentage for German spreadsheets: one decimal, decimal comma, no thousands separator. */
function germanNumber(value: number): string {
  return value.toFixed(1).replace(".", ",");
}

function cell(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV for German Excel: UTF-8 with BOM, `;` between cells, decimal comma, CRLF line ends.
 * `headers` are the German column names; `groups`/`districts` the entities of the compared cycles.
 */
export function toCsv(
  headers: { kind: string; name: string; cycle: string; counts: Record<Count, string>; rate: string; measured: string; attainment: string; obstacle: string; enabler: string; categories: Record<string, string> },
  sections: { kind: string; entities: Entity[] }[],
  cycles: string[],
): string {
  const head = [
    headers.kind,
    headers.name,
    headers.cycle,
    ...COUNTS.map((count) => headers.counts[count]),
    headers.rate,
    headers.measured,
    headers.attainment,
    ...CATEGORIES.map((category) => `${headers.obstacle}: ${headers.categories[category]}`),
    ...CATEGORIES.map((category) => `${headers.enabler}: ${headers.categories[category]}`),
  ];
  const lines = [head.map(cell).join(";")];
  for (const section of sections) {
    for (const entity of section.entities) {
      cycles.forEach((cycle, index) => {
        const row = entity.rows[index];
        const rate = row?.implementation_rate;
        lines.push(
          [
            section.kind,
            entity.label,
            cycle,
            ...COUNTS.map((count) => String(row ? row[count] : 0)),
            rate === null || rate === undefined ? "" : germanNumber(Math.round(rate * 1000) / 10),
            String(row?.measured ?? 0),
            row?.attainment === null || row?.attainment === undefined ? "" : germanNumber(Math.round(row.attainment * 1000) / 10),
            ...CATEGORIES.map((category) => String(row?.obstacles[category] ?? 0)),
            ...CATEGORIES.map((category) => String(row?.enablers[category] ?? 0)),
          ]
            .map(cell)
            .join(";"),
        );
      });
    }
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
