// „Ähnliche Vorschläge“: the proposals of other working groups (same cycle) and of earlier cycles that
// overlap with this one, with the passages they share. Shown while a group drafts, on the plenary and on
// the measure page; asked again a moment after the text changed (the server compares the live text).

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import { fill, messages } from "../i18n";
import { ErrorMessage } from "../ui";
import "./similar.css";

const T = messages({
  de: {
    title: "Ähnliche Vorschläge",
    hint: "Vorschläge anderer Arbeitsgruppen dieses Zyklus und früherer Zyklen, die sich mit diesem überschneiden – abgestimmt wird am besten vor dem Plenum.",
    none: "Keine ähnlichen Vorschläge anderer Arbeitsgruppen gefunden.",
    loading: "Ähnliche Vorschläge werden gesucht …",
    score: "Ähnlichkeit {percent} %",
    earlier: "früherer Zyklus {cycle}",
    live: "Text wird gerade bearbeitet",
    here: "Hier",
    there: "Dort",
    shared: "Gemeinsam",
    more: "{count} ähnliche Vorschläge",
  },
  en: {
    title: "Similar proposals",
    hint: "Proposals of other working groups in this cycle and of earlier cycles that overlap with this one – best coordinated before the plenary.",
    none: "No similar proposals of other working groups found.",
    loading: "Looking for similar proposals …",
    score: "Similarity {percent} %",
    earlier: "earlier cycle {cycle}",
    live: "text being edited",
    here: "Here",
    there: "There",
    shared: "Shared",
    more: "{count} similar proposals",
  },
});

export interface Passage {
  own: string;
  other: string;
  shared: string[];
}

export interface SimilarProposal {
  measure_id: string;
  reference: string;
  title: string;
  status: string;
  score: number;
  cycle: string;
  same_cycle: boolean;
  live: boolean;
  conference: string;
  working_group: string;
  passages: Passage[];
}

interface Answer {
  similar: SimilarProposal[];
}

const REFRESH_AFTER_MS = 1200; // after the last change of the text

/** The sentence with the shared words marked (a word counts when it begins like a shared one). */
function marked(sentence: string, shared: string[]): ComponentChildren {
  const stems = shared.map((word) => word.toLowerCase().slice(0, Math.max(4, word.length - 2)));
  return sentence.split(/(\s+)/).map((part, index) => {
    const word = part.toLowerCase().replace(/^[^\p{L}]+/u, "");
    return stems.some((stem) => word.startsWith(stem)) ? <mark key={index}>{part}</mark> : part;
  });
}

function Item({ item }: { item: SimilarProposal }) {
  const percent = Math.round(item.score * 100);
  return (
    <li class="similar-item" data-measure-id={item.measure_id}>
      <p class="similar-head">
        <a href={`/massnahmen/${item.measure_id}`}>
          <span class="reference">{item.reference}</span> {item.title}
        </a>{" "}
        <span class="similar-score" title={fill(T().score, { percent: String(percent) })}>
          {fill(T().score, { percent: String(percent) })}
        </span>
      </p>
      <p class="muted similar-where">
        {item.working_group} · {item.conference}
        {!item.same_cycle && <> · {fill(T().earlier, { cycle: item.cycle })}</>}
        {item.live && <> · {T().live}</>}
      </p>
      {item.passages.map((passage, index) => (
        <div class="similar-passage" key={index}>
          <p>
            <span class="similar-label">{T().here}:</span> {marked(passage.own, passage.shared)}
          </p>
          <p>
            <span class="similar-label">{T().there}:</span> {marked(passage.other, passage.shared)}
          </p>
          <p class="muted">
            {T().shared}: {passage.shared.join(", ")}
          </p>
        </div>
      ))}
    </li>
  );
}

/** The panel; `changeKey` changes whenever the proposal's text changed (it is asked again shortly after). */
export function SimilarProposals({
  measureId,
  changeKey,
  compact = false,
}: {
  measureId: string;
  changeKey?: unknown;
  compact?: boolean;
}) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const load = () => {
    const mine = ++generation.current;
    api.get<Answer>(`/measures/${measureId}/similar`).then(
      (found) => {
        if (mine !== generation.current) return;
        setAnswer(found);
        setError(null);
      },
      (failure: unknown) => {
        if (mine === generation.current) setError(failure);
      },
    );
  };
  useEffect(() => {
    setAnswer(null);
    load();
  }, [measureId]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(load, REFRESH_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [changeKey]);
  const headingId = `similar-title-${measureId}`;
  const list = answer?.similar ?? [];
  if (compact) {
    if (!answer || list.length === 0) return null;
    return (
      <details class="similar compact" aria-labelledby={headingId}>
        <summary id={headingId}>
          {T().title}: {fill(T().more, { count: String(list.length) })}
        </summary>
        <ul class="similar-list">
          {list.map((item) => (
            <Item key={item.measure_id} item={item} />
          ))}
        </ul>
      </details>
    );
  }
  return (
    <section class="card similar" aria-labelledby={headingId} aria-live="polite">
      <h2 id={headingId}>{T().title}</h2>
      <p class="muted">{T().hint}</p>
      <ErrorMessage error={error} onRetry={load} />
      {!answer && !error && <p class="muted">{T().loading}</p>}
      {answer && list.length === 0 && <p>{T().none}</p>}
      {list.length > 0 && (
        <ul class="similar-list">
          {list.map((item) => (
            <Item key={item.measure_id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
