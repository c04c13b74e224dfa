// The auditor's replay: every event of a conference (with its groups and measures) or of one
// measure, filtered by type, person and time; a time slider shows the state as it was then
// and, for a measure, the proposal text as it was then. Live typing appears as steps (see live-steps.tsx).

import { useMemo, useState } from "preact/hooks";
import { fill, formatDateTime } from "../../i18n";
import { useLive } from "../../live";
import { ErrorMessage, Field, Loading, PageTitle, statusLabel } from "../../ui";
import { aggregateLabel, eventLabel, eventSummary, type HistoryEvent, personName, usePeople } from "../audit-common";
import { ChainCheck } from "../chain-check";
import { Keystrokes, stepSentence } from "./live-steps";
import { T } from "./messages";
import { Snapshot } from "./snapshot";
import { loadSubject, type Subject, SubjectChooser } from "./subject";
import "../measure.css";
import "./replay.css";

/** `datetime-local` value (local time, no zone) → Date, or null. */
function localMoment(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
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
  const actorsOf = (e: HistoryEvent) => subject.steps.get(e.position)?.actor_ids.map((a) => a ?? "") ?? [e.actor_id ?? ""];
  const actors = useMemo(
    () =>
      [...new Set(events.flatMap(actorsOf))]
        .map((id) => ({ id, name: personName(people, id) }))
        .sort((a, b) => a.name.localeCompare(b.name, "de")),
    [events, people],
  );
  const from = localMoment(since);
  const to = localMoment(until);
  const shown = events.filter((e) => {
    if (type && e.type !== type) return false;
    if (person && !actorsOf(e).includes(person)) return false;
    const at = new Date(e.timestamp);
    if (from && at < from) return false;
    if (to && at > to) return false;
    return true;
  });
  let index = shown.findIndex((e) => e.position === selected);
  if (index < 0) index = shown.length - 1;
  const current = shown[index];
  const go = (next: number) => setSelected(shown[Math.max(0, Math.min(shown.length - 1, next))]?.position ?? null);
  const whoOf = (e: HistoryEvent) => {
    const step = subject.steps.get(e.position);
    return step ? step.people.map((p) => p.actor_name).join(", ") : personName(people, e.actor_id);
  };
  const describe = (e: HistoryEvent) =>
    fill(T().momentValue, { date: formatDateTime(e.timestamp), what: eventLabel(e.type), who: whoOf(e) });
  const summary = (e: HistoryEvent) => {
    const step = subject.steps.get(e.position);
    return step ? stepSentence(step) : eventSummary(e, statusLabel);
  };
  const currentStep = current ? subject.steps.get(current.position) : undefined;

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
                {currentStep ? stepSentence(currentStep) : fill(T().did, { what: eventLabel(current.type), who: whoOf(current) })}
              </span>
              {!currentStep && summary(current) && <span class="muted"> · {summary(current)}</span>}
            </p>
            {currentStep && subject.measureId && (
              <Keystrokes key={current.position} measureId={subject.measureId} step={currentStep} />
            )}
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
                  <td>{whoOf(e)}</td>
                  {!subject.measureId && <td>{subject.names.get(e.aggregate_id) ?? aggregateLabel(e.aggregate_type)}</td>}
                  <td>{summary(e)}</td>
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
