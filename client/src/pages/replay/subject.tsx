// The replay's subject: a conference or one measure, its events (live typing grouped into steps), and
// the chooser at the top of the page.

import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import { navigate } from "../../router";
import { ErrorMessage, Field } from "../../ui";
import { documentEvents, type HistoryEvent } from "../audit-common";
import { groupLiveEvents, type LiveStep } from "./live-steps";
import { T } from "./messages";

interface ConferenceRow {
  id: string;
  title: string;
  cycle: string;
  starts_on: string;
}

export interface MeasureRow {
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

export interface Subject {
  conferenceId: string | null;
  measureId: string | null;
  events: HistoryEvent[];
  liveSince: string | null; // when the jointly edited document began (measure only)
  steps: Map<number, LiveStep>; // event position → the live step it stands for (measure only)
  names: Map<string, string>; // aggregate id → short name (measure reference, group name)
}

export type State = Record<string, unknown> & { type: string; version: number; status?: string };

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

export async function loadSubject(conferenceId: string | null, measureId: string | null): Promise<Subject | null> {
  const names = new Map<string, string>();
  if (measureId) {
    const [measure, events, live, liveSteps] = await Promise.all([
      api.get<MeasureRow>(`/measures/${measureId}`),
      api.get<HistoryEvent[]>(`/history/${measureId}`),
      documentEvents(measureId),
      api.get<LiveStep[]>(`/measures/${measureId}/live-steps`),
    ]);
    names.set(measure.id, measure.reference);
    for (const e of live) names.set(e.aggregate_id, measure.reference);
    const liveSince = live.find((e) => e.type === "ProposalDocument.Started")?.timestamp ?? null;
    const { events: grouped, steps } = groupLiveEvents(live, liveSteps);
    return { conferenceId: measure.conference_id, measureId, events: [...events, ...grouped], names, liveSince, steps };
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
  return { conferenceId, measureId: null, events, names, liveSince: null, steps: new Map() };
}

export function SubjectChooser({ conferenceId, measureId }: { conferenceId: string | null; measureId: string | null }) {
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

