// Live typing in the replay: the server's steps (consecutive edits within a few minutes) stand in the
// timeline for the many stored batches they cover; a step opens into its individual changes.

import { useState } from "preact/hooks";
import { api } from "../../api";
import { fieldLabel } from "../../fields";
import { fill, formatDateTime, lang } from "../../i18n";
import { ErrorMessage, Loading } from "../../ui";
import type { HistoryEvent } from "../audit-common";
import { T } from "./messages";

export interface LiveStep {
  first_version: number;
  last_version: number;
  from: string;
  to: string;
  actor_ids: (string | null)[];
  people: { actor_id: string | null; actor_name: string }[];
  fields: string[];
  updates: number;
}

interface LiveUpdate {
  version: number;
  index: number;
  timestamp: string;
  actor_id: string | null;
  actor_name: string;
  fields: string[];
  text: Record<string, string>;
}

const EDITED = "ProposalDocument.UpdatesAppended";

/**
 * The document's events with its stored batches replaced by one event per step (at the step's end,
 * under the position of its last batch); the map says which step an event position stands for.
 */
export function groupLiveEvents(live: HistoryEvent[], steps: LiveStep[]): { events: HistoryEvent[]; steps: Map<number, LiveStep> } {
  const byVersion = new Map(live.map((e) => [e.version, e]));
  const events = live.filter((e) => e.type !== EDITED);
  const map = new Map<number, LiveStep>();
  for (const step of steps) {
    const last = byVersion.get(step.last_version);
    if (!last) continue;
    events.push({ ...last, timestamp: step.to, actor_id: step.actor_ids[0] ?? null });
    map.set(last.position, step);
  }
  return { events, steps: map };
}

function joined(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${T().and} ${items[items.length - 1]}`;
}

function clock(value: string): string {
  return new Date(value).toLocaleTimeString(lang() === "en" ? "en-GB" : "de-DE", { hour: "2-digit", minute: "2-digit" });
}

/** "Anja Sommer und Andrea Wolff bearbeiteten Beschreibung und Ziel, 10:02–10:09" */
export function stepSentence(step: LiveStep): string {
  const people = joined(step.people.map((p) => p.actor_name));
  const fields = step.fields.length ? joined(step.fields.map(fieldLabel)) : T().noField;
  const template = step.people.length > 1 ? T().liveStepMany : T().liveStepOne;
  return fill(template, { people, fields, from: clock(step.from), to: clock(step.to) });
}

/** The step's individual changes, loaded when the auditor opens them. */
export function Keystrokes({ measureId, step }: { measureId: string; step: LiveStep }) {
  const [updates, setUpdates] = useState<{ updates: LiveUpdate[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    if (updates) return;
    const range = `from=${step.first_version}&to=${step.last_version}`;
    api.get<{ updates: LiveUpdate[]; truncated: boolean }>(`/measures/${measureId}/live-updates?${range}`).then(setUpdates, setError);
  };
  return (
    <details class="replay-keystrokes" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>{fill(T().keystrokes, { count: step.updates })}</summary>
      <ErrorMessage error={error} />
      {!updates && !error && <Loading />}
      {updates && (
        <div class="replay-scroll" tabIndex={0} role="region" aria-label={T().keystrokesCaption}>
          <table class="replay-keystroke-list">
            <caption class="sr-only">{T().keystrokesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{T().when}</th>
                <th scope="col">{T().who}</th>
                <th scope="col">{T().field}</th>
                <th scope="col">{T().textAfter}</th>
              </tr>
            </thead>
            <tbody>
              {updates.updates.map((u) => (
                <tr key={`${u.version}-${u.index}`}>
                  <td class="nowrap">
                    <time dateTime={u.timestamp}>{formatDateTime(u.timestamp)}</time>
                  </td>
                  <td>{u.actor_name}</td>
                  <td>{u.fields.map(fieldLabel).join(", ") || T().noField}</td>
                  <td>
                    {u.fields.map((f) => (
                      <span key={f} class="measure-text replay-keystroke-text" data-field={f}>
                        {u.text[f] || T().empty}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {updates.truncated && <p class="muted">{fill(T().truncated, { count: updates.updates.length })}</p>}
        </div>
      )}
    </details>
  );
}
