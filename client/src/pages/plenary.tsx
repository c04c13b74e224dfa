// Plenary view for the projector: every working group's current proposals side by side, in large
// type, updating live while the groups type (read-only Yjs listeners), else from the change feed.

import { Fragment } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { api, query } from "../api";
import { fill, formatDateTime, lang, messages } from "../i18n";
import { useLive } from "../live";
import { useSession } from "../session";
import { ErrorMessage, Loading, PageTitle, StatusBadge } from "../ui";
import { type LiveState, type Texts, useLiveTexts } from "./plenary-live";
import { Projector } from "./plenary-projector";
import "./plenary.css";
import { SimilarProposals } from "./similar";

const T = messages({
  de: {
    title: "Plenum",
    heading: "Plenum: {title}",
    back: "Zurück zur Konferenz",
    clock: "Uhrzeit",
    updated: "Zuletzt aktualisiert",
    noProposal: "Noch kein Vorschlag.",
    untitled: "(noch ohne Titel)",
    live: "Live",
    liveHint: "Text erscheint beim Tippen",
    connecting: "Verbindung wird aufgebaut",
    noLive:
      "Für die Live-Ansicht beim Tippen fehlt Ihnen die Berechtigung. Das Plenum zeigt deshalb die gespeicherten Texte; sie werden wenige Sekunden nach jeder Änderung aktualisiert.",
    group: "AG {number}: {name}",
    goal: "Ziel",
    target_group: "Zielgruppe",
    district: "Sozialraum",
    lead: "Federführung",
    timeframe: "Zeitraum",
    cost: "Kosten",
    count: "{count} Vorschläge",
    countOne: "1 Vorschlag",
    single: "Eine AG nach der anderen",
    all: "Alle AGs zeigen",
  },
  en: {
    title: "Plenary",
    heading: "Plenary: {title}",
    back: "Back to the conference",
    clock: "Time",
    updated: "Last updated",
    noProposal: "No proposal yet.",
    untitled: "(no title yet)",
    live: "Live",
    liveHint: "text appears while typing",
    connecting: "Connecting",
    noLive:
      "You have no permission for the live view while typing, so the plenary shows the saved texts; they are updated a few seconds after every change.",
    group: "WG {number}: {name}",
    goal: "Goal",
    target_group: "Target group",
    district: "Area",
    lead: "Lead",
    timeframe: "Timeframe",
    cost: "Cost",
    count: "{count} proposals",
    countOne: "1 proposal",
    single: "One group at a time",
    all: "Show all groups",
  },
});

const EDITABLE = ["drafted", "returned"];
/**
 * The projector opens one read-along connection per proposal (`?mode=read`); the server allows one
 * person 100 of them (`max_read_connections_per_person`), apart from the connections they edit
 * with. It follows at most this many live, the most recently changed; the others follow the
 * change feed a few seconds later.
 */
const MAX_LIVE = 60;
// The main fields, readable from the back of the room; the measure page has all of them.
const SHOWN_FIELDS = ["goal", "target_group", "district", "lead", "timeframe", "cost"] as const;

interface WorkingGroup {
  id: string;
  number: number;
  name: string;
  topic: string;
}

interface Conference {
  id: string;
  title: string;
  status: string;
  working_groups: WorkingGroup[];
}

type Measure = Texts & {
  updated_at: string;
  id: string;
  reference: string;
  working_group_id: string;
  status: string;
};

function time(date: Date): string {
  return date.toLocaleTimeString(lang() === "en" ? "en-GB" : "de-DE", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span class="clock">
      {T().clock}: <time dateTime={now.toISOString()}>{time(now)}</time>
    </span>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  if (state === "live") {
    return (
      <span class="badge live" title={T().liveHint}>
        <span aria-hidden="true">● </span>
        {T().live}
      </span>
    );
  }
  if (state === "connecting") return <span class="badge connecting">{T().connecting}</span>;
  return null;
}

/** Text as typed: the editor's closing line break is not shown. */
function clean(text: string): string {
  return text.replace(/\n+$/, "");
}

function Proposal({
  measure,
  live,
  person,
  onChange,
  onForbidden,
}: {
  measure: Measure;
  live: boolean;
  person: string | null;
  onChange: () => void;
  onForbidden: () => void;
}) {
  const { texts, state } = useLiveTexts(measure.id, live, person, onChange);
  useEffect(() => {
    if (state === "forbidden") onForbidden();
  }, [state]);
  const shown: Texts = texts ?? measure;
  const facts = SHOWN_FIELDS.filter((field) => clean(shown[field] ?? "").trim() !== "");
  return (
    <article class="proposal" data-measure-id={measure.id} aria-labelledby={`proposal-${measure.id}`}>
      <h3 id={`proposal-${measure.id}`}>{clean(shown.title).trim() ? clean(shown.title) : T().untitled}</h3>
      <p class="meta">
        <span class="reference">{measure.reference}</span> <StatusBadge status={measure.status} /> <LiveBadge state={state} />
      </p>
      {clean(shown.description ?? "").trim() && <p class="description">{clean(shown.description)}</p>}
      {facts.length > 0 && (
        <dl class="facts">
          {facts.map((field) => (
            <Fragment key={field}>
              <dt>{(T() as Record<string, string>)[field]}</dt>
              <dd>{clean(shown[field])}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      <SimilarProposals measureId={measure.id} changeKey={texts} compact />
    </article>
  );
}

export function PlenaryPage({ conferenceId }: { conferenceId: string }) {
  const person = useSession()?.person_id ?? null;
  const [forbidden, setForbidden] = useState(false);
  const markForbidden = useCallback(() => setForbidden(true), []);
  const [updated, setUpdated] = useState<Date | null>(null);
  const touch = useCallback(() => setUpdated(new Date()), []);
  const [projecting, setProjecting] = useState(false);

  const { data, error, reload } = useLive(
    async () => {
      const [conference, measures] = await Promise.all([
        api.get<Conference>(`/conferences/${conferenceId}`),
        api.get<Measure[]>(`/measures${query({ conference_id: conferenceId, limit: 1000 })}`),
      ]);
      return { conference, measures };
    },
    [conferenceId],
    { conferenceId },
  );
  useEffect(() => {
    if (data) touch();
  }, [data]);

  const groups = data ? [...data.conference.working_groups].sort((a, b) => a.number - b.number) : [];
  const live = new Set(
    (data?.measures ?? [])
      .filter((m) => EDITABLE.includes(m.status))
      .sort((a, b) => (b.updated_at ?? "").localeCompare(a.updated_at ?? ""))
      .slice(0, MAX_LIVE)
      .map((m) => m.id),
  );
  const byGroup = new Map<string, Measure[]>();
  for (const measure of data?.measures ?? []) {
    if (measure.status === "withdrawn") continue;
    const list = byGroup.get(measure.working_group_id) ?? [];
    list.push(measure);
    byGroup.set(measure.working_group_id, list);
  }

  const card = (group: WorkingGroup) => {
    const proposals = (byGroup.get(group.id) ?? []).sort((a, b) => a.reference.localeCompare(b.reference, "de", { numeric: true }));
    return (
      <section class="group-card" key={group.id} aria-labelledby={`group-${group.id}`}>
        <h2 id={`group-${group.id}`}>{fill(T().group, { number: group.number, name: group.name })}</h2>
        <p class="topic">
          {group.topic}
          {proposals.length > 0 && (
            <span class="count"> · {proposals.length === 1 ? T().countOne : fill(T().count, { count: proposals.length })}</span>
          )}
        </p>
        {proposals.length === 0 && <p class="muted">{T().noProposal}</p>}
        <div class="proposals">
          {proposals.map((measure) => (
            <Proposal
              key={measure.id}
              measure={measure}
              live={live.has(measure.id)}
              person={person}
              onChange={touch}
              onForbidden={markForbidden}
            />
          ))}
        </div>
      </section>
    );
  };

  return (
    <div class={projecting ? "plenary projecting" : "plenary"}>
      <div class="plenary-top">
        <PageTitle title={data ? fill(T().heading, { title: data.conference.title }) : T().title} />
        <p class="plenary-status">
          {data && <StatusBadge status={data.conference.status} />}
          <Clock />
          {updated && (
            <span class="updated">
              {T().updated}: <time dateTime={updated.toISOString()} title={formatDateTime(updated.toISOString())}>{time(updated)}</time>
            </span>
          )}
          <button type="button" class="secondary" aria-pressed={projecting} onClick={() => setProjecting(!projecting)}>
            {projecting ? T().all : T().single}
          </button>
          <a class="back" href={`/konferenzen/${conferenceId}`}>
            {T().back}
          </a>
        </p>
      </div>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && forbidden && (
        <div class="notice plenary-notice">
          <p>{T().noLive}</p>
        </div>
      )}
      {data && projecting && (
        <Projector groups={groups} render={(group) => card(group as WorkingGroup)} />
      )}
      {data && !projecting && <div class="plenary-grid">{groups.map(card)}</div>}
    </div>
  );
}
