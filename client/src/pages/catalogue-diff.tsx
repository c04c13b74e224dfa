// "Veränderungen im Maßnahmenkatalog": what changed in the catalogue from one conference to another, per
// standing working group: new measures, continued ones with a word-level diff of each changed field to their
// predecessor, dropped ones with their last status and verdict (GET /api/catalogue-diff).

import { Fragment } from "preact";
import { api, query as queryString } from "../api";
import { fill, messages } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { ErrorMessage, Field, Loading, PageTitle, StatusBadge } from "../ui";
import type { ConferenceRow } from "./start";
import "./catalogue-diff.css";

const T = messages({
  de: {
    title: "Veränderungen im Maßnahmenkatalog",
    intro:
      "Was sich im Maßnahmenkatalog von einer Konferenz zur anderen geändert hat, je ständiger Arbeitsgruppe: neue Maßnahmen, fortgeführte mit ihren Textänderungen gegenüber der Vorgängermaßnahme, entfallene mit ihrem letzten Stand.",
    choose: "Auswahl",
    from: "Früherer Katalog",
    to: "Späterer Katalog",
    pick: "Bitte zwei Konferenzen wählen.",
    summary: "Überblick",
    group: "Arbeitsgruppe",
    new: "Neu",
    continued: "Fortgeführt",
    dropped: "Entfallen",
    changed_text: "Text geändert",
    changed_district: "Bezirk geändert",
    changed_lead: "Federführung geändert",
    total: "Insgesamt",
    nothing: "keine",
    predecessor: "fortgeführt aus {reference} „{title}“",
    district: "Stadtbezirk / Sozialraum: {before} → {after}",
    lead: "Federführung: {before} → {after}",
    unchanged: "Text unverändert übernommen.",
    verdict: "Empfehlung der Evaluierung: {verdict}",
    noVerdict: "nicht evaluiert",
    continue: "fortführen",
    adapt: "anpassen",
    end: "beenden",
    inserted: "eingefügt",
    deleted: "entfernt",
    empty: "(leer)",
    noChanges: "Zwischen diesen Konferenzen gibt es keine Maßnahmen.",
  },
  en: {
    title: "Changes in the measure catalogue",
    intro:
      "What changed in the measure catalogue from one conference to another, per standing working group: new measures, continued ones with their text changes against their predecessor, dropped ones with their last state.",
    choose: "Selection",
    from: "Earlier catalogue",
    to: "Later catalogue",
    pick: "Please choose two conferences.",
    summary: "Overview",
    group: "Working group",
    new: "New",
    continued: "Continued",
    dropped: "Dropped",
    changed_text: "Text changed",
    changed_district: "District changed",
    changed_lead: "Lead changed",
    total: "Total",
    nothing: "none",
    predecessor: "continued from {reference} “{title}”",
    district: "District / social space: {before} → {after}",
    lead: "Lead: {before} → {after}",
    unchanged: "Text taken over unchanged.",
    verdict: "Evaluation recommendation: {verdict}",
    noVerdict: "not evaluated",
    continue: "continue",
    adapt: "adapt",
    end: "end",
    inserted: "inserted",
    deleted: "removed",
    empty: "(empty)",
    noChanges: "There are no measures between these conferences.",
  },
});

const COUNTS = ["new", "continued", "dropped", "changed_text", "changed_district", "changed_lead"] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

interface Summary {
  id: string;
  reference: string;
  title: string;
  status: string;
  district: string;
  lead: string;
  lead_organisation: string;
  districts: string[]; // of the city's list
}

interface Word {
  op: "equal" | "insert" | "delete";
  text: string;
}

interface Continued extends Summary {
  predecessor: Summary;
  changes: { field: string; label: string; words: Word[] }[];
  district_changed: boolean;
  lead_changed: boolean;
}

interface GroupChanges {
  lineage_id: string;
  name: string;
  counts: Counts;
  new: Summary[];
  continued: Continued[];
  dropped: (Summary & { verdict: string })[];
}

interface CatalogueDiff {
  from: { id: string; title: string; cycle: string };
  to: { id: string; title: string; cycle: string };
  counts: Counts;
  working_groups: GroupChanges[];
}

function text(key: string): string {
  return (T() as Record<string, string>)[key] ?? key;
}

function Words({ words }: { words: Word[] }) {
  return (
    <p class="diff-words">
      {words.map((part, index) => {
        const space = index > 0 ? " " : "";
        if (part.op === "insert")
          return (
            <Fragment key={index}>
              {space}
              <ins>
                <span class="sr-only">{T().inserted}: </span>
                <span aria-hidden="true">+</span>
                {part.text}
              </ins>
            </Fragment>
          );
        if (part.op === "delete")
          return (
            <Fragment key={index}>
              {space}
              <del>
                <span class="sr-only">{T().deleted}: </span>
                <span aria-hidden="true">−</span>
                {part.text}
              </del>
            </Fragment>
          );
        return (
          <Fragment key={index}>
            {space}
            {part.text}
          </Fragment>
        );
      })}
    </p>
  );
}

function MeasureLink({ measure }: { measure: Summary }) {
  return (
    <a href={`/massnahmen/${measure.id}`}>
      {measure.reference} {measure.title}
    </a>
  );
}

function districtText(measure: Summary): string {
  const listed = measure.districts.join(", ");
  if (listed && measure.district) return `${listed} (${measure.district})`;
  return listed || measure.district || T().empty;
}

function lead(measure: Summary): string {
  return [measure.lead, measure.lead_organisation].filter(Boolean).join(" / ") || T().empty;
}

function Group({ group }: { group: GroupChanges }) {
  const id = `group-${group.lineage_id}`;
  return (
    <section class="card diff-group" aria-labelledby={id} data-lineage={group.lineage_id}>
      <h2 id={id}>{group.name}</h2>
      <p class="muted">{COUNTS.map((c) => `${text(c)}: ${group.counts[c]}`).join(" · ")}</p>
      <h3>
        {T().new} ({group.counts.new})
      </h3>
      {group.new.length ? (
        <ul class="diff-new">
          {group.new.map((m) => (
            <li key={m.id}>
              <MeasureLink measure={m} /> <StatusBadge status={m.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{T().nothing}</p>
      )}
      <h3>
        {T().continued} ({group.counts.continued})
      </h3>
      {group.continued.length ? (
        <ul class="diff-continued">
          {group.continued.map((m) => (
            <li key={m.id} class="diff-measure">
              <p>
                <MeasureLink measure={m} /> <StatusBadge status={m.status} />
                <br />
                <small>{fill(T().predecessor, { reference: m.predecessor.reference, title: m.predecessor.title })}</small>
              </p>
              {m.district_changed && <p class="changed">{fill(T().district, { before: districtText(m.predecessor), after: districtText(m) })}</p>}
              {m.lead_changed && <p class="changed">{fill(T().lead, { before: lead(m.predecessor), after: lead(m) })}</p>}
              {m.changes.length ? (
                <dl class="diff-fields">
                  {m.changes.map((change) => (
                    <div key={change.field} data-field={change.field}>
                      <dt>{change.label}</dt>
                      <dd>
                        <Words words={change.words} />
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p class="muted">{T().unchanged}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{T().nothing}</p>
      )}
      <h3>
        {T().dropped} ({group.counts.dropped})
      </h3>
      {group.dropped.length ? (
        <ul class="diff-dropped">
          {group.dropped.map((m) => (
            <li key={m.id}>
              <MeasureLink measure={m} /> <StatusBadge status={m.status} /> – {m.verdict ? fill(T().verdict, { verdict: text(m.verdict) }) : T().noVerdict}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{T().nothing}</p>
      )}
    </section>
  );
}

function DiffView({ from, to }: { from: string; to: string }) {
  const { data, error, reload } = useLive(() => api.get<CatalogueDiff>(`/catalogue-diff${queryString({ from, to })}`), [from, to], {
    relevant: (change) => change.view === "measures",
  });
  return (
    <>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && (
        <>
          <section class="card" aria-labelledby="diff-summary">
            <h2 id="diff-summary">{T().summary}</h2>
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="diff-summary">
              <table id="diff-counts">
                <thead>
                  <tr>
                    <th scope="col">{T().group}</th>
                    {COUNTS.map((c) => (
                      <th scope="col" class="number" key={c}>
                        {text(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.working_groups.map((g) => (
                    <tr key={g.lineage_id}>
                      <th scope="row">
                        <a href={`#group-${g.lineage_id}`}>{g.name}</a>
                      </th>
                      {COUNTS.map((c) => (
                        <td class="number" key={c}>
                          {g.counts[c]}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr class="totals">
                    <th scope="row">{T().total}</th>
                    {COUNTS.map((c) => (
                      <td class="number" key={c}>
                        {data.counts[c]}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
          {data.working_groups.length === 0 && <p>{T().noChanges}</p>}
          {data.working_groups.map((g) => (
            <Group key={g.lineage_id} group={g} />
          ))}
        </>
      )}
    </>
  );
}

function go(from: string, to: string): void {
  navigate(`/massnahmenkatalog/veraenderungen${queryString({ von: from, bis: to })}`, true);
}

export function CatalogueDiffPage({ query }: { query: URLSearchParams }) {
  const { data, error, reload } = useLive(() => api.get<ConferenceRow[]>("/conferences"), [], {
    relevant: (change) => change.view === "conferences",
  });
  const conferences = data ?? [];
  const newest = [...conferences].filter((c) => c.previous_conference_id).sort((a, b) => b.starts_on.localeCompare(a.starts_on))[0];
  const from = query.get("von") || newest?.previous_conference_id || "";
  const to = query.get("bis") || newest?.id || "";
  const options = conferences.map((c) => (
    <option key={c.id} value={c.id}>
      {c.title} ({c.series}, {c.cycle})
    </option>
  ));
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && (
        <form class="card row selection" aria-label={T().choose} onSubmit={(event) => event.preventDefault()}>
          <Field id="diff-from" label={T().from}>
            <select id="diff-from" value={from} onChange={(e) => go((e.target as HTMLSelectElement).value, to)}>
              <option value="">–</option>
              {options}
            </select>
          </Field>
          <Field id="diff-to" label={T().to}>
            <select id="diff-to" value={to} onChange={(e) => go(from, (e.target as HTMLSelectElement).value)}>
              <option value="">–</option>
              {options}
            </select>
          </Field>
        </form>
      )}
      {data && (!from || !to) && <p class="notice">{T().pick}</p>}
      {data && from && to && <DiffView key={`${from}|${to}`} from={from} to={to} />}
    </>
  );
}
