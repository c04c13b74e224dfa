// A measure: its proposal text, details, every event of its history, each decision with the
// exact text decided on (with its SHA-256), and a word-by-word comparison of two decisions.

import { Fragment, type ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fill, formatDate, formatDateTime, formatNumber, messages } from "../i18n";
import { fieldLabel, PROPOSAL_FIELDS } from "../fields";
import { useLive } from "../live";
import { can, usePermissions } from "../session";
import { ErrorMessage, Field, Loading, PageTitle, StatusBadge, statusLabel } from "../ui";
import {
  eventLabel,
  eventSummary,
  type HistoryEvent,
  personName,
  usePeople,
} from "./audit-common";
import { DistrictChoice } from "./measure/districts";
import { type Indicator, Indicators } from "./measure/indicators";
import "./measure.css";

/** Who acted; the server leaves the actor out for readers without a role (data protection). */
function actorName(people: Map<string, string>, id: string | null | undefined): string {
  return id === undefined ? T().notPublic : personName(people, id);
}

const T = messages({
  de: {
    notPublic: "nicht öffentlich",
    title: "Maßnahme",
    notFound: "Maßnahme nicht gefunden",
    back: "Zur Übersicht",
    conference: "Konferenz",
    group: "Arbeitsgruppe",
    cycle: "Zyklus",
    status: "Stand",
    lastChange: "Zuletzt geändert",
    edit: "Im Vorschlagsformular bearbeiten",
    replay: "Verlauf Schritt für Schritt prüfen",
    proposal: "Vorschlagstext",
    empty: "(leer)",
    details: "Angaben zu Umsetzung und Beschluss",
    leadOrganisation: "Federführende Organisation",
    partnerOrganisations: "Beteiligte Organisationen",
    costEstimate: "Kostenschätzung",
    fundingSecured: "Finanzierung gesichert",
    yes: "ja",
    no: "nein",
    districts: "Sozialräume",
    committee: "Ausschuss",
    paperNumber: "Vorlagennummer",
    committeeDecision: "Entscheidung des Ausschusses",
    progress: "Umsetzungsstand",
    outcome: "Ergebnis",
    verdict: "Empfehlung der Bewertung",
    rating: "Bewertung (1 bis 5)",
    verdictcontinue: "fortführen",
    verdictadapt: "anpassen",
    verdictend: "beenden",
    continues: "Führt fort",
    carriedOverTo: "Fortgeführt als",
    otherMeasure: "Vorgängermaßnahme",
    nextMeasure: "Nachfolgemaßnahme",
    noDetails: "Noch keine weiteren Angaben.",
    timeline: "Verlauf",
    timelineIntro: "Jedes Ereignis dieser Maßnahme in zeitlicher Reihenfolge, mit der handelnden Person.",
    when: "Zeitpunkt",
    what: "Ereignis",
    who: "Person",
    more: "Einzelheiten",
    decisions: "Beschlüsse und beschlossene Texte",
    decisionsIntro: "Zu jedem Beschluss ist der Wortlaut festgehalten, über den entschieden wurde, samt Prüfsumme (SHA-256).",
    noDecisions: "Zu dieser Maßnahme gibt es noch keinen Beschluss.",
    decidedBy: "Entschieden von",
    decidedAt: "Zeitpunkt",
    decidedOn: "Sitzungsdatum",
    reason: "Begründung",
    hash: "Prüfsumme (SHA-256)",
    verified: "Prüfsumme stimmt mit dem Text überein",
    notVerified: "Achtung: Prüfsumme stimmt nicht mit dem Text überein",
    showText: "Beschlossenen Wortlaut anzeigen",
    noText: "Ohne eigenen Wortlaut (Rückverweisung).",
    kindagreed: "In der AG beschlossen",
    kindadopted: "Vom Plenum verabschiedet",
    kindreturned: "An die AG zurückverwiesen",
    kindcommittee: "Entscheidung im Ausschuss",
    kindlapsed: "Verfallen",
    kindwithdrawn: "Zurückgezogen",
    compare: "Zwei Beschlüsse vergleichen",
    compareIntro: "Wählen Sie zwei Beschlüsse. Hinzugefügte Wörter sind mit „+“ markiert und unterstrichen, gestrichene mit „−“ und durchgestrichen.",
    compareNeedsTwo: "Für einen Vergleich braucht es mindestens zwei Beschlüsse mit Wortlaut.",
    from: "Früherer Beschluss",
    to: "Späterer Beschluss",
    same: "Die beiden Beschlüsse haben denselben Wortlaut.",
    unchanged: "Unverändert: {list}",
    inserted: "eingefügt",
    deleted: "gestrichen",
    decisionOption: "{kind} vom {date} (Version {version})",
  },
  en: {
    notPublic: "not public",
    title: "Measure",
    notFound: "Measure not found",
    back: "Back to the overview",
    conference: "Conference",
    group: "Working group",
    cycle: "Cycle",
    status: "Status",
    lastChange: "Last changed",
    edit: "Edit in the proposal form",
    replay: "Check the history step by step",
    proposal: "Proposal text",
    empty: "(empty)",
    details: "Implementation and decision details",
    leadOrganisation: "Lead organisation",
    partnerOrganisations: "Partner organisations",
    costEstimate: "Cost estimate",
    fundingSecured: "Funding secured",
    yes: "yes",
    no: "no",
    districts: "Districts",
    committee: "Committee",
    paperNumber: "Paper number",
    committeeDecision: "Committee decision",
    progress: "Implementation progress",
    outcome: "Outcome",
    verdict: "Evaluation recommendation",
    rating: "Rating (1 to 5)",
    verdictcontinue: "continue",
    verdictadapt: "adapt",
    verdictend: "end",
    continues: "Continues",
    carriedOverTo: "Carried over as",
    otherMeasure: "Previous measure",
    nextMeasure: "Following measure",
    noDetails: "No further details yet.",
    timeline: "History",
    timelineIntro: "Every event of this measure in order of time, with the person who acted.",
    when: "Time",
    what: "Event",
    who: "Person",
    more: "Details",
    decisions: "Decisions and decided texts",
    decisionsIntro: "For every decision the wording decided on is kept, with its checksum (SHA-256).",
    noDecisions: "There is no decision on this measure yet.",
    decidedBy: "Decided by",
    decidedAt: "Time",
    decidedOn: "Meeting date",
    reason: "Reason",
    hash: "Checksum (SHA-256)",
    verified: "Checksum matches the text",
    notVerified: "Warning: checksum does not match the text",
    showText: "Show the decided wording",
    noText: "No wording of its own (returned).",
    kindagreed: "Agreed in the group",
    kindadopted: "Adopted by the plenary",
    kindreturned: "Returned to the group",
    kindcommittee: "Committee decision",
    kindlapsed: "Lapsed",
    kindwithdrawn: "Withdrawn",
    compare: "Compare two decisions",
    compareIntro: "Choose two decisions. Added words are marked “+” and underlined, removed words “−” and struck through.",
    compareNeedsTwo: "A comparison needs at least two decisions with wording.",
    from: "Earlier decision",
    to: "Later decision",
    same: "Both decisions have the same wording.",
    unchanged: "Unchanged: {list}",
    inserted: "inserted",
    deleted: "removed",
    decisionOption: "{kind} of {date} (version {version})",
  },
});

/** Statuses in which actual values of indicators can be reported (as the server's rule). */
const REPORTABLE = [
  "approved", "amended", "noted", "in_implementation", "implemented", "partly_implemented", "abandoned", "evaluated",
  "carried_over",
];

interface Measure {
  id: string;
  reference: string;
  conference_id: string;
  cycle: string;
  working_group_id: string;
  status: string;
  lead_organisation_id: string | null;
  partner_organisation_ids: string[];
  cost_estimate_eur: number | null;
  funding_secured: boolean;
  indicators: Indicator[];
  districts: { id: string; name: string; retired: boolean }[];
  committee_id: string | null;
  paper_number: string;
  committee_decision: string;
  progress: number;
  outcome: string;
  verdict: string;
  rating: number | null;
  continues_measure_id: string | null;
  carried_over_to: string | null;
  updated_at: string;
  [field: string]: unknown;
}

interface Frozen {
  fields: Record<string, string>;
  sha256: string;
}

interface Decision {
  kind: string;
  actor: string;
  version: number;
  frozen: Frozen | null;
  verified?: boolean;
  reason?: string;
  decision?: string;
  decided_on?: string;
  committee_id?: string;
}

interface Named {
  id: string;
  name: string;
}

interface ConferenceInfo {
  id: string;
  title: string;
  working_groups: { id: string; name: string; number: number }[];
}

interface MeasureData {
  measure: Measure;
  history: HistoryEvent[];
  decisions: Decision[];
  conference: ConferenceInfo | null;
  organisations: Named[];
  committees: Named[];
}

interface DiffField {
  field: string;
  label: string;
  changed: boolean;
  words: { op: "equal" | "insert" | "delete"; text: string }[];
}

const EDITABLE = ["drafted", "returned"];

function kindLabel(kind: string): string {
  return (T() as Record<string, string>)[`kind${kind}`] ?? kind;
}

async function loadMeasure(measureId: string): Promise<MeasureData> {
  const measure = await api.get<Measure>(`/measures/${measureId}`);
  const [history, decisions, conference, organisations, committees] = await Promise.all([
    api.get<HistoryEvent[]>(`/history/${measureId}`),
    api.get<Decision[]>(`/measures/${measureId}/decision-texts`),
    api.get<ConferenceInfo>(`/conferences/${measure.conference_id}`).catch(() => null),
    api.get<Named[]>("/organisations").catch(() => [] as Named[]),
    api.get<Named[]>("/committees").catch(() => [] as Named[]),
  ]);
  return { measure, history, decisions, conference, organisations, committees };
}

function Text({ value }: { value: unknown }) {
  const text = typeof value === "string" ? value : "";
  return text ? <span class="measure-text">{text}</span> : <span class="muted">{T().empty}</span>;
}

function FieldList({ fields }: { fields: Record<string, unknown> }) {
  return (
    <dl class="facts measure-fields">
      {PROPOSAL_FIELDS.map((field) => [
        <dt key={`${field}-t`}>{fieldLabel(field)}</dt>,
        <dd key={`${field}-d`}>
          <Text value={fields[field]} />
        </dd>,
      ])}
    </dl>
  );
}

function Details({ data, canSetDistricts, onChanged }: { data: MeasureData; canSetDistricts: boolean; onChanged: () => void }) {
  const m = data.measure;
  const orgName = (id: string) => data.organisations.find((o) => o.id === id)?.name ?? id;
  const rows: [string, ComponentChildren][] = [];
  if (m.districts?.length) rows.push([T().districts, m.districts.map((d) => d.name).join(", ")]);
  if (m.lead_organisation_id) rows.push([T().leadOrganisation, orgName(m.lead_organisation_id)]);
  if (m.partner_organisation_ids?.length) rows.push([T().partnerOrganisations, m.partner_organisation_ids.map(orgName).join(", ")]);
  if (m.cost_estimate_eur !== null && m.cost_estimate_eur !== undefined)
    rows.push([T().costEstimate, `${formatNumber(m.cost_estimate_eur)} €`]);
  if (m.cost_estimate_eur !== null || m.funding_secured) rows.push([T().fundingSecured, m.funding_secured ? T().yes : T().no]);
  if (m.committee_id)
    rows.push([T().committee, data.committees.find((c) => c.id === m.committee_id)?.name ?? m.committee_id]);
  if (m.paper_number) rows.push([T().paperNumber, m.paper_number]);
  if (m.committee_decision) rows.push([T().committeeDecision, statusLabel(m.committee_decision)]);
  if (m.progress) rows.push([T().progress, `${m.progress} %`]);
  if (m.outcome) rows.push([T().outcome, statusLabel(m.outcome)]);
  if (m.verdict) rows.push([T().verdict, (T() as Record<string, string>)[`verdict${m.verdict}`] ?? m.verdict]);
  if (m.rating !== null && m.rating !== undefined) rows.push([T().rating, String(m.rating)]);
  if (m.continues_measure_id)
    rows.push([T().continues, <a href={`/massnahmen/${m.continues_measure_id}`}>{T().otherMeasure}</a>]);
  if (m.carried_over_to) rows.push([T().carriedOverTo, <a href={`/massnahmen/${m.carried_over_to}`}>{T().nextMeasure}</a>]);
  return (
    <section class="card" aria-labelledby="details-title">
      <h2 id="details-title">{T().details}</h2>
      {rows.length === 0 && <p class="muted">{T().noDetails}</p>}
      {rows.length > 0 && (
        <dl class="facts">
          {rows.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
        </dl>
      )}
      {canSetDistricts && (
        <DistrictChoice measureId={m.id} named={(m.districts ?? []).map((d) => d.id)} onSaved={onChanged} />
      )}
    </section>
  );
}

function Timeline({ history, people }: { history: HistoryEvent[]; people: Map<string, string> }) {
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{T().timeline}</h2>
      <p class="muted">{T().timelineIntro}</p>
      <table class="measure-timeline">
        <thead>
          <tr>
            <th scope="col">{T().when}</th>
            <th scope="col">{T().what}</th>
            <th scope="col">{T().who}</th>
            <th scope="col">{T().more}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => (
            <tr key={event.version}>
              <td class="nowrap">
                <time dateTime={event.timestamp}>{formatDateTime(event.timestamp)}</time>
              </td>
              <td>{eventLabel(event.type)}</td>
              <td>{actorName(people, event.actor_id)}</td>
              <td>{eventSummary(event, statusLabel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DecisionList({ data, people }: { data: MeasureData; people: Map<string, string> }) {
  const when = (version: number) => data.history.find((e) => e.version === version)?.timestamp;
  return (
    <section class="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">{T().decisions}</h2>
      <p class="muted">{T().decisionsIntro}</p>
      {data.decisions.length === 0 && <p>{T().noDecisions}</p>}
      <ol class="measure-decisions">
        {data.decisions.map((d) => {
          const heading = d.kind === "committee" && d.decision ? `${kindLabel(d.kind)}: ${statusLabel(d.decision)}` : kindLabel(d.kind);
          return (
            <li key={d.version} class="measure-decision">
              <h3 id={`decision-${d.version}`}>{heading}</h3>
              <dl class="facts">
                <dt>{T().decidedBy}</dt>
                <dd>{actorName(people, d.actor)}</dd>
                <dt>{T().decidedAt}</dt>
                <dd>{formatDateTime(when(d.version))}</dd>
                {d.decided_on && [<dt key="on-t">{T().decidedOn}</dt>, <dd key="on-d">{formatDate(d.decided_on)}</dd>]}
                {d.committee_id && [
                  <dt key="c-t">{T().committee}</dt>,
                  <dd key="c-d">
                    <a href={`/ausschuesse/${d.committee_id}`}>
                      {data.committees.find((c) => c.id === d.committee_id)?.name ?? d.committee_id}
                    </a>
                  </dd>,
                ]}
                {d.reason && [<dt key="r-t">{T().reason}</dt>, <dd key="r-d">{d.reason}</dd>]}
                {d.frozen && [
                  <dt key="h-t">{T().hash}</dt>,
                  <dd key="h-d">
                    <code class="hash">{d.frozen.sha256}</code>{" "}
                    <span class={d.verified ? "verified" : "not-verified"}>
                      {d.verified ? `✓ ${T().verified}` : `✗ ${T().notVerified}`}
                    </span>
                  </dd>,
                ]}
              </dl>
              {d.frozen ? (
                <details>
                  <summary>{T().showText}</summary>
                  <FieldList fields={d.frozen.fields} />
                </details>
              ) : (
                <p class="muted">{T().noText}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Words({ words }: { words: DiffField["words"] }) {
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
            <span>{part.text}</span>
          </Fragment>
        );
      })}
    </p>
  );
}

function Compare({ data }: { data: MeasureData }) {
  const texts = data.decisions.filter((d) => d.frozen);
  const when = (version: number) => data.history.find((e) => e.version === version)?.timestamp;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const first = from ?? texts[0]?.version;
  const last = to ?? texts[texts.length - 1]?.version;
  const [diff, setDiff] = useState<DiffField[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (texts.length < 2 || first === undefined || last === undefined) return;
    let alive = true;
    setError(null);
    api.get<{ fields: DiffField[] }>(`/measures/${data.measure.id}/decision-texts/diff?from=${first}&to=${last}`).then(
      (result) => alive && setDiff(result.fields),
      (failure) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [data.measure.id, first, last, texts.length, data.measure.updated_at]);
  const option = (d: Decision) => (
    <option key={d.version} value={d.version}>
      {fill(T().decisionOption, { kind: kindLabel(d.kind), date: formatDate(when(d.version)), version: d.version })}
    </option>
  );
  const changed = diff?.filter((f) => f.changed) ?? [];
  const unchanged = diff?.filter((f) => !f.changed) ?? [];
  return (
    <section class="card" aria-labelledby="compare-title">
      <h2 id="compare-title">{T().compare}</h2>
      {texts.length < 2 ? (
        <p>{T().compareNeedsTwo}</p>
      ) : (
        <>
          <p class="muted">{T().compareIntro}</p>
          <div class="row">
            <Field id="compare-from" label={T().from}>
              <select id="compare-from" value={String(first)} onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}>
                {texts.map(option)}
              </select>
            </Field>
            <Field id="compare-to" label={T().to}>
              <select id="compare-to" value={String(last)} onChange={(e) => setTo(Number((e.target as HTMLSelectElement).value))}>
                {texts.map(option)}
              </select>
            </Field>
          </div>
          <ErrorMessage error={error} />
          <div aria-live="polite" class="diff-result">
            {diff === undefined && !error && <Loading />}
            {diff !== undefined && changed.length === 0 && <p>{T().same}</p>}
            {changed.map((f) => (
              <div key={f.field} class="diff-field">
                <h3>{fieldLabel(f.field)}</h3>
                <Words words={f.words} />
              </div>
            ))}
            {diff !== undefined && changed.length > 0 && unchanged.length > 0 && (
              <p class="muted">{fill(T().unchanged, { list: unchanged.map((f) => fieldLabel(f.field)).join(", ") })}</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export function MeasurePage({ measureId }: { measureId: string }) {
  const people = usePeople();
  // The proposal form is offered to those who may write in it (its group), not to everyone.
  const allowed = usePermissions({ measure_id: measureId });
  const { data, error, reload } = useLive(() => loadMeasure(measureId), [measureId], {
    relevant: (change) => change.id === measureId || change.view === "reference" || change.view === "districts",
  });
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 422);
  if (!data) {
    return (
      <>
        <PageTitle title={notFound ? T().notFound : T().title} />
        <ErrorMessage error={error} onRetry={notFound ? undefined : reload} />
        {!error && <Loading />}
        {notFound && (
          <p>
            <a href="/">{T().back}</a>
          </p>
        )}
      </>
    );
  }
  const m = data.measure;
  const group = data.conference?.working_groups.find((g) => g.id === m.working_group_id);
  const title = typeof m.title === "string" && m.title ? m.title : T().title;
  return (
    <>
      <PageTitle title={`${m.reference}: ${title}`}>
        <span class="measure-reference">{m.reference}</span> {title}
      </PageTitle>
      <ErrorMessage error={error} onRetry={reload} />
      <div class="card">
        <dl class="facts">
          <dt>{T().status}</dt>
          <dd>
            <StatusBadge status={m.status} />
          </dd>
          <dt>{T().conference}</dt>
          <dd>
            <a href={`/konferenzen/${m.conference_id}`}>{data.conference?.title ?? T().conference}</a>
          </dd>
          <dt>{T().group}</dt>
          <dd>
            <a href={`/arbeitsgruppen/${m.working_group_id}`}>
              {group ? `AG ${group.number}: ${group.name}` : T().group}
            </a>
          </dd>
          <dt>{T().cycle}</dt>
          <dd>{m.cycle}</dd>
          <dt>{T().lastChange}</dt>
          <dd>{formatDateTime(m.updated_at)}</dd>
        </dl>
        <p class="actions">
          {EDITABLE.includes(m.status) && allowed?.live === "edit" && (
            <a class="button" href={`/arbeitsgruppen/${m.working_group_id}/vorschlaege/${m.id}`}>
              {T().edit}
            </a>
          )}
          <a class="button secondary" href={`/pruefung?massnahme=${m.id}`}>
            {T().replay}
          </a>
        </p>
      </div>
      <section class="card" aria-labelledby="proposal-title">
        <h2 id="proposal-title">{T().proposal}</h2>
        <FieldList fields={m} />
      </section>
      <Details data={data} canSetDistricts={can(allowed, "set_measure_districts")} onChanged={reload} />
      <Indicators
        measureId={m.id}
        indicators={m.indicators ?? []}
        canReport={REPORTABLE.includes(m.status) && can(allowed, "report_indicator_actual")}
        onReported={reload}
      />
      <Timeline history={data.history} people={people} />
      <DecisionList data={data} people={people} />
      <Compare data={data} />
    </>
  );
}
