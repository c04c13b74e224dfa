// The auditor's replay: every event of a conference (with its groups and measures) or of one
// measure, filtered by type, person and time; a time slider shows the state as it was then
// and, for a measure, the proposal text as it was then.

import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fill, formatDateTime, messages } from "../i18n";
import { fieldLabel, PROPOSAL_FIELDS } from "../fields";
import { useLive } from "../live";
import { navigate } from "../router";
import { ErrorMessage, Field, Loading, PageTitle, StatusBadge, statusLabel } from "../ui";
import {
  aggregateLabel,
  eventLabel,
  eventSummary,
  documentEvents,
  type HistoryEvent,
  personName,
  usePeople,
} from "./audit-common";
import { ChainCheck } from "./chain-check";
import "./measure.css";
import "./replay.css";

const T = messages({
  de: {
    title: "Prüfung und Verlauf",
    intro:
      "Hier lässt sich nachvollziehen, wer wann was getan hat. Wählen Sie eine Konferenz oder eine einzelne Maßnahme und gehen Sie mit dem Zeitregler Schritt für Schritt durch den Verlauf.",
    subject: "Was soll geprüft werden?",
    conference: "Konferenz",
    chooseConference: "– Konferenz wählen –",
    measure: "Maßnahme",
    wholeConference: "– alle Vorgänge der Konferenz –",
    chooseFirst: "Bitte wählen Sie eine Konferenz oder eine Maßnahme.",
    download: "Vollständige Historie herunterladen:",
    csv: "als CSV (Tabelle)",
    jsonl: "als JSONL (maschinenlesbar)",
    openMeasure: "Seite der Maßnahme öffnen",
    filters: "Ereignisse eingrenzen",
    type: "Ereignisart",
    allTypes: "alle Ereignisarten",
    person: "Person",
    allPeople: "alle Personen",
    since: "Von (Zeitpunkt)",
    until: "Bis (Zeitpunkt)",
    reset: "Eingrenzung aufheben",
    count: "{shown} von {total} Ereignissen",
    noEvents: "Keine Ereignisse für diese Eingrenzung.",
    slider: "Zeitreise",
    moment: "Zeitpunkt",
    momentValue: "{date} – {what}, von {who}",
    step: "Schritt {number} von {total}",
    previous: "Vorheriges Ereignis",
    next: "Nächstes Ereignis",
    at: "Stand am {date}",
    thisStep: "Dieser Schritt",
    did: "{what} – von {who}",
    state: "Zustand zu diesem Zeitpunkt",
    stateOf: "{kind} {name}",
    status: "Stand",
    version: "Version",
    titleField: "Titel",
    focus: "Schwerpunktthema",
    groups: "Arbeitsgruppen",
    members: "Mitglieder",
    notYet: "Zu diesem Zeitpunkt gab es diesen Vorgang noch nicht.",
    text: "Vorschlagstext zu diesem Zeitpunkt",
    textLive: "Aus dem gemeinsam bearbeiteten Dokument.",
    textSaved: "Aus dem gespeicherten Vorschlagstext.",
    empty: "(leer)",
    technical: "Vollständiger Zustand (technische Ansicht)",
    timeline: "Ereignisse",
    when: "Zeitpunkt",
    what: "Ereignis",
    who: "Person",
    concerns: "Betrifft",
    more: "Einzelheiten",
    show: "Zu diesem Zeitpunkt",
    current: "(angezeigt)",
  },
  en: {
    title: "Audit and history",
    intro:
      "Trace who did what and when. Choose a conference or a single measure and step through its history with the time slider.",
    subject: "What do you want to check?",
    conference: "Conference",
    chooseConference: "– choose a conference –",
    measure: "Measure",
    wholeConference: "– everything in the conference –",
    chooseFirst: "Please choose a conference or a measure.",
    download: "Download the complete history:",
    csv: "as CSV (table)",
    jsonl: "as JSONL (machine-readable)",
    openMeasure: "Open the measure's page",
    filters: "Narrow down the events",
    type: "Kind of event",
    allTypes: "all kinds of event",
    person: "Person",
    allPeople: "all people",
    since: "From (time)",
    until: "Until (time)",
    reset: "Clear the filters",
    count: "{shown} of {total} events",
    noEvents: "No events for these filters.",
    slider: "Time travel",
    moment: "Point in time",
    momentValue: "{date} – {what}, by {who}",
    step: "Step {number} of {total}",
    previous: "Previous event",
    next: "Next event",
    at: "As of {date}",
    thisStep: "This step",
    did: "{what} – by {who}",
    state: "State at this point in time",
    stateOf: "{kind} {name}",
    status: "Status",
    version: "Version",
    titleField: "Title",
    focus: "Focus topic",
    groups: "Working groups",
    members: "Members",
    notYet: "At this point in time this item did not exist yet.",
    text: "Proposal text at this point in time",
    textLive: "From the jointly edited document.",
    textSaved: "From the saved proposal text.",
    empty: "(empty)",
    technical: "Complete state (technical view)",
    timeline: "Events",
    when: "Time",
    what: "Event",
    who: "Person",
    concerns: "Concerns",
    more: "Details",
    show: "At this time",
    current: "(shown)",
  },
});

interface ConferenceRow {
  id: string;
  title: string;
  cycle: string;
  starts_on: string;
}

interface MeasureRow {
  id: string;
  reference: string;
  title: string;
  conference_id: string;
}

interface ConferenceDetail {
  id: string;
  title: string;
  working_groups: { id: string; name: string; number: number }[];
}

interface Subject {
  conferenceId: string | null;
  measureId: string | null;
  events: HistoryEvent[];
  liveSince: string | null; // when the jointly edited document began (measure only)
  names: Map<string, string>; // aggregate id → short name (measure reference, group name)
}

type State = Record<string, unknown> & { type: string; version: number; status?: string };

async function loadConferenceEvents(conferenceId: string): Promise<HistoryEvent[]> {
  let response: Response;
  try {
    response = await fetch(`/api/conferences/${conferenceId}/history.jsonl`, { credentials: "same-origin" });
  } catch {
    // the same German message as every other request
    return api.get<HistoryEvent[]>(`/conferences/${conferenceId}/history.jsonl`);
  }
  if (!response.ok) return api.get<HistoryEvent[]>(`/conferences/${conferenceId}/history.jsonl`);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as HistoryEvent);
}

async function loadSubject(conferenceId: string | null, measureId: string | null): Promise<Subject | null> {
  const names = new Map<string, string>();
  if (measureId) {
    const [measure, events, live] = await Promise.all([
      api.get<MeasureRow>(`/measures/${measureId}`),
      api.get<HistoryEvent[]>(`/history/${measureId}`),
      documentEvents(measureId),
    ]);
    names.set(measure.id, measure.reference);
    for (const e of live) names.set(e.aggregate_id, measure.reference);
    const liveSince = live.find((e) => e.type === "ProposalDocument.Started")?.timestamp ?? null;
    return { conferenceId: measure.conference_id, measureId, events: [...events, ...live], names, liveSince };
  }
  if (!conferenceId) return null;
  const [conference, measures, events] = await Promise.all([
    api.get<ConferenceDetail>(`/conferences/${conferenceId}`),
    api.get<MeasureRow[]>(`/measures?conference_id=${conferenceId}&limit=1000`),
    loadConferenceEvents(conferenceId),
  ]);
  names.set(conference.id, conference.title);
  for (const group of conference.working_groups) names.set(group.id, `AG ${group.number}: ${group.name}`);
  for (const measure of measures) names.set(measure.id, measure.reference);
  return { conferenceId, measureId: null, events, names, liveSince: null };
}

/** `datetime-local` value (local time, no zone) → Date, or null. */
function localMoment(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function SubjectChooser({ conferenceId, measureId }: { conferenceId: string | null; measureId: string | null }) {
  const [conferences, setConferences] = useState<ConferenceRow[]>([]);
  const [measures, setMeasures] = useState<MeasureRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<ConferenceRow[]>("/conferences").then(
      (list) => setConferences([...list].sort((a, b) => a.starts_on.localeCompare(b.starts_on))),
      setError,
    );
  }, []);
  useEffect(() => {
    if (!conferenceId) {
      setMeasures([]);
      return;
    }
    api.get<MeasureRow[]>(`/measures?conference_id=${conferenceId}&limit=1000`).then(
      (list) => setMeasures([...list].sort((a, b) => a.reference.localeCompare(b.reference, "de", { numeric: true }))),
      setError,
    );
  }, [conferenceId]);
  return (
    <section class="card" aria-labelledby="subject-title">
      <h2 id="subject-title">{T().subject}</h2>
      <ErrorMessage error={error} />
      <div class="row">
        <Field id="replay-conference" label={T().conference}>
          <select
            id="replay-conference"
            value={conferenceId ?? ""}
            onChange={(event) => {
              const value = (event.target as HTMLSelectElement).value;
              navigate(value ? `/pruefung?konferenz=${value}` : "/pruefung", true);
            }}
          >
            <option value="">{T().chooseConference}</option>
            {conferences.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field id="replay-measure" label={T().measure}>
          <select
            id="replay-measure"
            value={measureId ?? ""}
            disabled={!conferenceId}
            onChange={(event) => {
              const value = (event.target as HTMLSelectElement).value;
              navigate(value ? `/pruefung?massnahme=${value}` : `/pruefung?konferenz=${conferenceId}`, true);
            }}
          >
            <option value="">{T().wholeConference}</option>
            {measures.map((m) => (
              <option key={m.id} value={m.id}>
                {m.reference}: {m.title.length > 70 ? `${m.title.slice(0, 70)}…` : m.title}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {conferenceId && (
        <p>
          {T().download}{" "}
          <a href={`/api/conferences/${conferenceId}/history.csv`} download>
            {T().csv}
          </a>
          {" · "}
          <a href={`/api/conferences/${conferenceId}/history.jsonl`} download>
            {T().jsonl}
          </a>
          {measureId && (
            <>
              {" · "}
              <a href={`/massnahmen/${measureId}`}>{T().openMeasure}</a>
            </>
          )}
        </p>
      )}
    </section>
  );
}

function TextAt({ fields, live }: { fields: Record<string, string>; live: boolean }) {
  return (
    <div class="replay-text">
      <h3 id="replay-text-title">{T().text}</h3>
      <p class="muted">{live ? T().textLive : T().textSaved}</p>
      <dl class="facts measure-fields" aria-labelledby="replay-text-title">
        {PROPOSAL_FIELDS.map((field) => [
          <dt key={`${field}-t`}>{fieldLabel(field)}</dt>,
          <dd key={`${field}-d`} data-field={field}>
            {fields[field] ? <span class="measure-text">{fields[field]}</span> : <span class="muted">{T().empty}</span>}
          </dd>,
        ])}
      </dl>
    </div>
  );
}

function StateFacts({ state, people }: { state: State; people: Map<string, string> }) {
  const rows: [string, ComponentChildren][] = [];
  if (typeof state.status === "string") rows.push([T().status, <StatusBadge status={state.status} />]);
  rows.push([T().version, String(state.version)]);
  if (state.type === "Conference") {
    if (typeof state.title === "string") rows.push([T().titleField, state.title]);
    if (typeof state.focus_topic === "string" && state.focus_topic) rows.push([T().focus, state.focus_topic]);
    if (Array.isArray(state.working_group_ids)) rows.push([T().groups, String(state.working_group_ids.length)]);
  }
  if (state.type === "WorkingGroup") {
    if (typeof state.name === "string") rows.push([T().titleField, state.name]);
    if (Array.isArray(state.member_ids))
      rows.push([T().members, (state.member_ids as string[]).map((id) => personName(people, id)).join(", ") || "–"]);
  }
  return (
    <dl class="facts">
      {rows.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
    </dl>
  );
}

interface Snapshot {
  key: string;
  state: State | null; // null: did not exist yet
  text: { fields: Record<string, string>; live: boolean } | null;
  conference: State | null;
}

async function loadSnapshot(event: HistoryEvent, subject: Subject): Promise<Snapshot> {
  const { conferenceId, liveSince } = subject;
  const measureMode = subject.measureId !== null;
  const at = encodeURIComponent(event.timestamp);
  const stateOf = (id: string) =>
    api.get<State>(`/history/${id}/state?at=${at}`).catch((failure) => {
      if (failure instanceof ApiError && failure.status === 404) return null;
      throw failure;
    });
  // A step in the jointly edited document shows the measure it belongs to.
  const aggregateId = measureMode ? subject.measureId! : event.aggregate_id;
  const isMeasure = measureMode || event.aggregate_type === "Measure";
  const [state, conference] = await Promise.all([
    stateOf(aggregateId),
    !measureMode && conferenceId && conferenceId !== aggregateId ? stateOf(conferenceId) : Promise.resolve(null),
  ]);
  let text: Snapshot["text"] = null;
  if (isMeasure && liveSince && event.timestamp >= liveSince) {
    // Edited jointly by then: the document holds every keystroke, the saved text lags behind.
    const live = await api.get<{ fields: Record<string, string> }>(`/measures/${aggregateId}/text?at=${at}`);
    text = { fields: live.fields, live: true };
  } else if (isMeasure && state && state.fields) {
    text = { fields: state.fields as Record<string, string>, live: false };
  }
  return { key: `${aggregateId}@${event.timestamp}`, state, text, conference };
}

function Snapshot({
  event,
  subject,
  people,
}: {
  event: HistoryEvent;
  subject: Subject;
  people: Map<string, string>;
}) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const eventsCount = subject.events.length;
  useEffect(() => {
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      loadSnapshot(event, subject).then(
        (result) => {
          if (mine !== generation.current) return;
          setSnapshot(result);
          setError(null);
        },
        (failure) => mine === generation.current && setError(failure),
      );
    }, 120);
    return () => window.clearTimeout(timer);
  }, [event.aggregate_id, event.timestamp, subject.conferenceId, subject.measureId, eventsCount]);
  const current = snapshot && snapshot.key === `${event.aggregate_id}@${event.timestamp}` ? snapshot : null;
  const name = subject.names.get(event.aggregate_id) ?? "";
  const shownType = subject.measureId ? "Measure" : event.aggregate_type;
  return (
    <div class="replay-state" aria-busy={current === null}>
      <h3>{T().state}</h3>
      <ErrorMessage error={error} />
      {!current && !error && <Loading />}
      {current && (
        <>
          {current.conference && (
            <div class="replay-aggregate">
              <h4>{fill(T().stateOf, { kind: aggregateLabel("Conference"), name: subject.names.get(subject.conferenceId ?? "") ?? "" })}</h4>
              <StateFacts state={current.conference} people={people} />
            </div>
          )}
          <div class="replay-aggregate">
            <h4>{fill(T().stateOf, { kind: aggregateLabel(shownType), name })}</h4>
            {current.state ? <StateFacts state={current.state} people={people} /> : <p>{T().notYet}</p>}
          </div>
          {current.text && <TextAt fields={current.text.fields} live={current.text.live} />}
          {current.state && (
            <details class="replay-technical">
              <summary>{T().technical}</summary>
              <pre>{JSON.stringify(current.state, null, 2)}</pre>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function Replay({ subject, people }: { subject: Subject; people: Map<string, string> }) {
  const [type, setType] = useState("");
  const [person, setPerson] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [selected, setSelected] = useState<number | null>(null); // event position; null: the latest

  const events = useMemo(
    () => [...subject.events].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.position - b.position),
    [subject.events],
  );
  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort((a, b) => eventLabel(a).localeCompare(eventLabel(b), "de")), [events]);
  const actors = useMemo(
    () =>
      [...new Set(events.map((e) => e.actor_id ?? ""))]
        .map((id) => ({ id, name: personName(people, id) }))
        .sort((a, b) => a.name.localeCompare(b.name, "de")),
    [events, people],
  );
  const from = localMoment(since);
  const to = localMoment(until);
  const shown = events.filter((e) => {
    if (type && e.type !== type) return false;
    if (person && (e.actor_id ?? "") !== person) return false;
    const at = new Date(e.timestamp);
    if (from && at < from) return false;
    if (to && at > to) return false;
    return true;
  });
  let index = shown.findIndex((e) => e.position === selected);
  if (index < 0) index = shown.length - 1;
  const current = shown[index];
  const go = (next: number) => setSelected(shown[Math.max(0, Math.min(shown.length - 1, next))]?.position ?? null);
  const describe = (e: HistoryEvent) =>
    fill(T().momentValue, { date: formatDateTime(e.timestamp), what: eventLabel(e.type), who: personName(people, e.actor_id) });

  return (
    <>
      <section class="card" aria-labelledby="filters-title">
        <h2 id="filters-title">{T().filters}</h2>
        <div class="row">
          <Field id="filter-type" label={T().type}>
            <select id="filter-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
              <option value="">{T().allTypes}</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {eventLabel(t)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="filter-person" label={T().person}>
            <select id="filter-person" value={person} onChange={(e) => setPerson((e.target as HTMLSelectElement).value)}>
              <option value="">{T().allPeople}</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="filter-since" label={T().since}>
            <input id="filter-since" type="datetime-local" step={1} value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
          </Field>
          <Field id="filter-until" label={T().until}>
            <input id="filter-until" type="datetime-local" step={1} value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} />
          </Field>
          <div class="field">
            <button
              type="button"
              class="secondary"
              disabled={!type && !person && !since && !until}
              onClick={() => {
                setType("");
                setPerson("");
                setSince("");
                setUntil("");
              }}
            >
              {T().reset}
            </button>
          </div>
        </div>
        <p role="status" aria-live="polite" class="replay-count">
          {fill(T().count, { shown: shown.length, total: events.length })}
        </p>
      </section>

      <section class="card" aria-labelledby="slider-title">
        <h2 id="slider-title">{T().slider}</h2>
        {shown.length === 0 || !current ? (
          <p>{T().noEvents}</p>
        ) : (
          <>
            <div class="replay-slider">
              <label for="replay-moment">{T().moment}</label>
              <input
                id="replay-moment"
                type="range"
                min={0}
                max={shown.length - 1}
                step={1}
                value={index}
                aria-valuetext={describe(current)}
                aria-describedby="replay-moment-value"
                onInput={(e) => go(Number((e.target as HTMLInputElement).value))}
              />
              <output id="replay-moment-value" for="replay-moment" class="replay-moment">
                <time dateTime={current.timestamp}>{formatDateTime(current.timestamp)}</time>
              </output>
            </div>
            <div class="actions">
              <button type="button" class="secondary" disabled={index <= 0} onClick={() => go(index - 1)}>
                {T().previous}
              </button>
              <button type="button" class="secondary" disabled={index >= shown.length - 1} onClick={() => go(index + 1)}>
                {T().next}
              </button>
              <span class="muted">{fill(T().step, { number: index + 1, total: shown.length })}</span>
            </div>
            <p class="replay-step" aria-live="polite">
              <strong>{T().thisStep}:</strong>{" "}
              <span id="replay-step-text">
                {fill(T().did, { what: eventLabel(current.type), who: personName(people, current.actor_id) })}
              </span>
              {eventSummary(current, statusLabel) && <span class="muted"> · {eventSummary(current, statusLabel)}</span>}
            </p>
            <Snapshot event={current} subject={subject} people={people} />
          </>
        )}
      </section>

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{T().timeline}</h2>
        <div class="replay-scroll">
          <table class="replay-timeline">
            <thead>
              <tr>
                <th scope="col">{T().when}</th>
                <th scope="col">{T().what}</th>
                <th scope="col">{T().who}</th>
                {!subject.measureId && <th scope="col">{T().concerns}</th>}
                <th scope="col">{T().more}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={e.position} class={i === index ? "current" : undefined} aria-current={i === index ? "step" : undefined}>
                  <td class="nowrap">
                    <button type="button" class="link" onClick={() => go(i)} aria-label={`${T().show}: ${describe(e)}`}>
                      <time dateTime={e.timestamp}>{formatDateTime(e.timestamp)}</time>
                    </button>
                    {i === index && <span class="sr-only"> {T().current}</span>}
                  </td>
                  <td>{eventLabel(e.type)}</td>
                  <td>{personName(people, e.actor_id)}</td>
                  {!subject.measureId && <td>{subject.names.get(e.aggregate_id) ?? aggregateLabel(e.aggregate_type)}</td>}
                  <td>{eventSummary(e, statusLabel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ReplayPage({ query }: { query: URLSearchParams }) {
  const people = usePeople();
  const measureId = query.get("massnahme");
  const conferenceParam = query.get("konferenz");
  const { data, error, reload } = useLive(() => loadSubject(conferenceParam, measureId), [conferenceParam, measureId], {
    conferenceId: measureId ? null : conferenceParam,
    relevant: (change) => (measureId ? change.id === measureId : true),
  });
  const conferenceId = data?.conferenceId ?? conferenceParam;
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <SubjectChooser conferenceId={conferenceId} measureId={measureId} />
      <ErrorMessage error={error} onRetry={reload} />
      {!measureId && !conferenceParam && <p class="notice">{T().chooseFirst}</p>}
      {(measureId || conferenceParam) && data === undefined && !error && <Loading />}
      {data && <Replay key={`${data.conferenceId}-${data.measureId}`} subject={data} people={people} />}
      <ChainCheck />
    </>
  );
}
