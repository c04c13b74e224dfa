// What the replay shows for one moment: the state of the subject (and its conference) and, for a
// measure, its proposal text as it was then: after a live step, exactly after that step's last change.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { fieldLabel, PROPOSAL_FIELDS } from "../../fields";
import { fill } from "../../i18n";
import { ErrorMessage, Loading, StatusBadge } from "../../ui";
import { aggregateLabel, type HistoryEvent, personName } from "../audit-common";
import { T } from "./messages";
import type { State, Subject } from "./subject";

function TextAt({ fields, live, version }: { fields: Record<string, string>; live: boolean; version?: number }) {
  return (
    <div class="replay-text">
      <h3 id="replay-text-title">{T().text}</h3>
      <p class="muted">
        {live ? T().textLive : T().textSaved}
        {version !== undefined && <> {fill(T().textVersion, { version })}</>}
      </p>
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
  text: { fields: Record<string, string>; live: boolean; version?: number } | null;
  conference: State | null;
}

/** One key per timeline entry (the event's store position and time), the same when stored and looked up. */
function snapshotKey(event: HistoryEvent): string {
  return `${event.position}@${event.timestamp}`;
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
  const step = subject.steps.get(event.position);
  if (step) {
    // A step of live typing: the text right after its last stored change.
    const live = await api.get<{ fields: Record<string, string> }>(`/measures/${aggregateId}/text?version=${step.last_version}`);
    text = { fields: live.fields, live: true, version: step.last_version };
  } else if (isMeasure && liveSince && event.timestamp >= liveSince) {
    // Edited jointly by then: the document holds every keystroke, the saved text lags behind.
    const live = await api.get<{ fields: Record<string, string> }>(`/measures/${aggregateId}/text?at=${at}`);
    text = { fields: live.fields, live: true };
  } else if (isMeasure && state && state.fields) {
    text = { fields: state.fields as Record<string, string>, live: false };
  }
  return { key: snapshotKey(event), state, text, conference };
}

export function Snapshot({
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
  }, [event.position, event.timestamp, subject.conferenceId, subject.measureId, eventsCount]);
  const current = snapshot && snapshot.key === snapshotKey(event) ? snapshot : null;
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
          {current.text && <TextAt fields={current.text.fields} live={current.text.live} version={current.text.version} />}
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

