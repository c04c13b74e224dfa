// The minutes of a conference (/konferenzen/:conferenceId/protokoll): per session the items discussed
// (agenda item or topic), what was said, the results (links to decisions already taken, never retyped)
// and the next steps with who and by when. Organisers and the series' coordination group write them
// while the conference is in session or closed, and publish them once it is closed. Minutes published
// as free text before structured minutes existed read as one free-text item.

import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { api, query } from "../api";
import { ConfirmButton } from "../dialog";
import { fill, formatDate, formatDateTime, messages } from "../i18n";
import { useLive } from "../live";
import { can, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, PersonSelect, StatusBadge } from "../ui";
import "./minutes.css";

const T = messages({
  de: {
    title: "Protokoll: {title}",
    back: "Zur Konferenz",
    empty: "Für diese Konferenz ist noch nichts protokolliert.",
    published: "Das Protokoll ist veröffentlicht.",
    draft: "Entwurf: Das Protokoll ist noch nicht veröffentlicht.",
    session: "Sitzung {number}: {title}",
    heldOn: "am {date}",
    agendaItem: "TOP {number}",
    freeText: "Protokoll (Freitext, vor den strukturierten Protokollen veröffentlicht)",
    results: "Ergebnisse",
    decision: "Beschluss",
    missing: "(Beschluss nicht gefunden)",
    nextSteps: "Nächste Schritte",
    task: "Was",
    who: "Wer",
    due: "Bis wann",
    hidden: "(nur für Beteiligte sichtbar)",
    add: "Protokollpunkt hinzufügen",
    edit: "Bearbeiten",
    editTitle: "Protokollpunkt {number} bearbeiten",
    cancel: "Abbrechen",
    sessionField: "Sitzung",
    agendaField: "Tagesordnungspunkt",
    otherTopic: "anderes Thema (ohne TOP)",
    topic: "Thema",
    topicHint: "Nötig ohne Tagesordnungspunkt; sonst gilt der Text des TOP.",
    discussion: "Beratung",
    resultsField: "Ergebnisse: Beschlüsse verknüpfen",
    resultsHint: "Verknüpft wird der letzte Beschluss der Maßnahme; sein Wortlaut steht bei der Maßnahme.",
    noDecisions: "Es gibt noch keine Beschlüsse in dieser Konferenz.",
    step: "Nächster Schritt {number}",
    person: "Zuständige Person",
    organisation: "oder zuständige Organisation",
    nobody: "– niemand –",
    addStep: "Weiteren Schritt hinzufügen",
    save: "Speichern",
    newSession: "Weitere Sitzung anlegen",
    sessionTitle: "Titel der Sitzung",
    sessionDate: "Datum",
    createSession: "Sitzung anlegen",
    publish: "Protokoll veröffentlichen",
    publishConfirm: "Das Protokoll veröffentlichen? Danach kann es nicht mehr geändert werden.",
  },
  en: {
    title: "Minutes: {title}",
    back: "Back to the conference",
    empty: "Nothing has been minuted for this conference yet.",
    published: "The minutes are published.",
    draft: "Draft: the minutes are not published yet.",
    session: "Session {number}: {title}",
    heldOn: "on {date}",
    agendaItem: "Item {number}",
    freeText: "Minutes (free text, published before structured minutes)",
    results: "Results",
    decision: "Decision",
    missing: "(decision not found)",
    nextSteps: "Next steps",
    task: "What",
    who: "Who",
    due: "By when",
    hidden: "(visible to participants only)",
    add: "Add an item",
    edit: "Edit",
    editTitle: "Edit item {number}",
    cancel: "Cancel",
    sessionField: "Session",
    agendaField: "Agenda item",
    otherTopic: "another topic (no agenda item)",
    topic: "Topic",
    topicHint: "Needed without an agenda item; otherwise the agenda item's text applies.",
    discussion: "Discussion",
    resultsField: "Results: link decisions",
    resultsHint: "The measure's latest decision is linked; its wording stays with the measure.",
    noDecisions: "There are no decisions in this conference yet.",
    step: "Next step {number}",
    person: "Person responsible",
    organisation: "or organisation responsible",
    nobody: "– nobody –",
    addStep: "Add another step",
    save: "Save",
    newSession: "Add another session",
    sessionTitle: "Title of the session",
    sessionDate: "Date",
    createSession: "Create the session",
    publish: "Publish the minutes",
    publishConfirm: "Publish the minutes? They cannot be changed afterwards.",
  },
});

interface Result {
  measure_id: string;
  decision_version: number;
  note: string;
  found: boolean;
  reference?: string;
  title?: string;
  decision_label?: string;
  decided_at?: string;
  sha256?: string;
}

interface Step {
  task: string;
  due_on: string;
  person_id?: string;
  person_name?: string;
  organisation_id: string;
  organisation_name: string;
}

interface Item {
  id: string;
  kind: "structured" | "free_text";
  number: number;
  text?: string;
  agenda_item?: number | null;
  agenda_text?: string;
  topic?: string;
  discussion?: string;
  results?: Result[];
  next_steps?: Step[];
}

interface Session {
  id: string;
  number: number;
  title: string;
  held_on: string;
  items: Item[];
}

interface Minutes {
  conference_id: string;
  title: string;
  status: string;
  agenda: string[];
  published: boolean;
  writable: boolean;
  sessions: Session[];
}

interface MeasureRow {
  id: string;
  reference: string;
  title: string;
  status: string;
}

interface Organisation {
  id: string;
  name: string;
}

const UNDECIDED = ["drafted", "withdrawn"];

function ResultList({ results }: { results: Result[] }) {
  return (
    <ul class="minutes-results">
      {results.map((r) => (
        <li key={`${r.measure_id}-${r.decision_version}`}>
          <a href={`/massnahmen/${r.measure_id}`}>
            {r.reference} {r.title}
          </a>
          {r.found ? (
            <>
              {" – "}
              <strong>{r.decision_label}</strong>
              {r.decided_at && ` (${formatDateTime(r.decided_at)})`}
              {r.sha256 && (
                <>
                  {" "}
                  <code class="sha256" title="SHA-256">
                    {r.sha256.slice(0, 12)}…
                  </code>
                </>
              )}
            </>
          ) : (
            ` ${T().missing}`
          )}
          {r.note && <span> – {r.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function StepTable({ steps, labelledBy }: { steps: Step[]; labelledBy: string }) {
  return (
    <table class="minutes-steps" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{T().task}</th>
          <th scope="col">{T().who}</th>
          <th scope="col">{T().due}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s, i) => (
          <tr key={i}>
            <td>{s.task}</td>
            <td>{[s.person_name ?? (s.person_id === undefined && !s.organisation_name ? T().hidden : ""), s.organisation_name].filter(Boolean).join(", ")}</td>
            <td>{formatDate(s.due_on)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Draft {
  session_id: string;
  agenda_item: string;
  topic: string;
  discussion: string;
  measures: string[];
  steps: { task: string; person_id: string; organisation_id: string; due_on: string }[];
}

const NO_STEP = { task: "", person_id: "", organisation_id: "", due_on: "" };

function draftOf(item: Item | null, sessionId: string): Draft {
  return {
    session_id: sessionId,
    agenda_item: item?.agenda_item ? String(item.agenda_item) : "",
    topic: item && !item.agenda_item ? (item.topic ?? "") : "",
    discussion: item?.discussion ?? "",
    measures: (item?.results ?? []).map((r) => r.measure_id),
    steps: (item?.next_steps ?? []).map((s) => ({
      task: s.task,
      person_id: s.person_id ?? "",
      organisation_id: s.organisation_id,
      due_on: s.due_on,
    })),
  };
}

function body(draft: Draft, item: Item | null) {
  const kept = new Map((item?.results ?? []).map((r) => [r.measure_id, r]));
  return {
    session_id: draft.session_id || undefined,
    agenda_item: draft.agenda_item ? Number(draft.agenda_item) : undefined,
    topic: draft.topic || undefined,
    discussion: draft.discussion,
    results: draft.measures.map((id) => {
      const before = kept.get(id); // an edit keeps the decision it linked, not a newer one
      return before ? { measure_id: id, decision_version: before.decision_version, note: before.note } : { measure_id: id };
    }),
    next_steps: draft.steps
      .filter((s) => s.task.trim())
      .map((s) => ({
        task: s.task,
        due_on: s.due_on,
        ...(s.person_id ? { person_id: s.person_id } : {}),
        ...(s.organisation_id ? { organisation_id: s.organisation_id } : {}),
      })),
  };
}

function ItemForm(props: {
  minutes: Minutes;
  item: Item | null;
  sessionId: string;
  decided: MeasureRow[];
  organisations: Organisation[];
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { minutes, item, decided, organisations, onDone, onCancel } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(item, props.sessionId));
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setStep = (index: number, change: Partial<Draft["steps"][number]>) =>
    set({ steps: draft.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const prefix = item ? `edit-${item.id.slice(0, 8)}` : "new-item";
  const id = (name: string) => `${prefix}-${name}`;
  const title = item ? fill(T().editTitle, { number: item.number }) : T().add;
  const send = () =>
    item
      ? api.put(`/conferences/${minutes.conference_id}/minutes/items/${item.id}`, body(draft, item))
      : api.post(`/conferences/${minutes.conference_id}/minutes/items`, body(draft, null));
  const done = () => {
    if (!item) setDraft(draftOf(null, props.sessionId));
    onDone();
  };
  return (
    <form class="card minutes-form" aria-label={title} onSubmit={(e) => e.preventDefault()}>
      <h3>{title}</h3>
      {minutes.sessions.filter((s) => s.id !== "free-text").length > 1 && (
        <Field id={id("session")} label={T().sessionField}>
          <select id={id("session")} value={draft.session_id} onChange={(e) => set({ session_id: e.currentTarget.value })}>
            {minutes.sessions
              .filter((s) => s.id !== "free-text")
              .map((s) => (
                <option value={s.id}>{fill(T().session, { number: s.number, title: s.title })}</option>
              ))}
          </select>
        </Field>
      )}
      <Field id={id("agenda")} label={T().agendaField}>
        <select id={id("agenda")} value={draft.agenda_item} onChange={(e) => set({ agenda_item: e.currentTarget.value })}>
          <option value="">{T().otherTopic}</option>
          {minutes.agenda.map((text, i) => (
            <option value={String(i + 1)}>
              {fill(T().agendaItem, { number: i + 1 })}: {text}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("topic")} label={T().topic} hint={T().topicHint}>
        <input id={id("topic")} value={draft.topic} onInput={(e) => set({ topic: e.currentTarget.value })} aria-describedby={`${id("topic")}-hint`} />
      </Field>
      <Field id={id("discussion")} label={T().discussion}>
        <textarea id={id("discussion")} rows={4} value={draft.discussion} onInput={(e) => set({ discussion: e.currentTarget.value })} />
      </Field>
      <fieldset>
        <legend>{T().resultsField}</legend>
        <small class="hint">{T().resultsHint}</small>
        {decided.length === 0 && <p class="muted">{T().noDecisions}</p>}
        {decided.map((m) => (
          <label class="check" key={m.id}>
            <input
              type="checkbox"
              checked={draft.measures.includes(m.id)}
              onChange={(e) =>
                set({ measures: e.currentTarget.checked ? [...draft.measures, m.id] : draft.measures.filter((x) => x !== m.id) })
              }
            />{" "}
            {m.reference} {m.title} <StatusBadge status={m.status} />
          </label>
        ))}
      </fieldset>
      {draft.steps.map((step, i) => (
        <fieldset key={i}>
          <legend>{fill(T().step, { number: i + 1 })}</legend>
          <Field id={id(`task-${i}`)} label={T().task}>
            <input id={id(`task-${i}`)} value={step.task} onInput={(e) => setStep(i, { task: e.currentTarget.value })} />
          </Field>
          <PersonSelect id={id(`person-${i}`)} label={T().person} emptyLabel={T().nobody} value={step.person_id} onChange={(v) => setStep(i, { person_id: v })} />
          <Field id={id(`org-${i}`)} label={T().organisation}>
            <select id={id(`org-${i}`)} value={step.organisation_id} onChange={(e) => setStep(i, { organisation_id: e.currentTarget.value })}>
              <option value="">{T().nobody}</option>
              {organisations.map((o) => (
                <option value={o.id}>{o.name}</option>
              ))}
            </select>
          </Field>
          <Field id={id(`due-${i}`)} label={T().due}>
            <input id={id(`due-${i}`)} type="date" value={step.due_on} onInput={(e) => setStep(i, { due_on: e.currentTarget.value })} />
          </Field>
        </fieldset>
      ))}
      <p>
        <button type="button" class="secondary" onClick={() => set({ steps: [...draft.steps, { ...NO_STEP }] })}>
          {T().addStep}
        </button>
      </p>
      <div class="actions">
        <ActionButton label={T().save} action={send} onDone={done} />
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {T().cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function ItemView(props: { item: Item; editing: boolean; mayEdit: boolean; onEdit: () => void; form: JSX.Element }) {
  const { item, editing, mayEdit, onEdit, form } = props;
  const heading = `minutes-item-${item.id.slice(0, 8)}`;
  if (item.kind === "free_text") {
    return (
      <article class="card minutes-item" aria-labelledby={heading}>
        <h3 id={heading}>{T().freeText}</h3>
        <p class="minutes">{item.text}</p>
      </article>
    );
  }
  if (editing) return form;
  return (
    <article class="card minutes-item" aria-labelledby={heading}>
      <h3 id={heading}>
        {item.number}. {item.agenda_item ? `${fill(T().agendaItem, { number: item.agenda_item })}: ` : ""}
        {item.topic}
      </h3>
      {item.discussion && <p class="minutes">{item.discussion}</p>}
      {item.results && item.results.length > 0 && (
        <>
          <h4>{T().results}</h4>
          <ResultList results={item.results} />
        </>
      )}
      {item.next_steps && item.next_steps.length > 0 && (
        <>
          <h4 id={`${heading}-steps`}>{T().nextSteps}</h4>
          <StepTable steps={item.next_steps} labelledBy={`${heading}-steps`} />
        </>
      )}
      {mayEdit && (
        <button type="button" class="secondary" onClick={onEdit}>
          {T().edit}
        </button>
      )}
    </article>
  );
}

function NewSession({ conferenceId, onDone }: { conferenceId: string; onDone: () => void }) {
  const [title, setTitle] = useState("");
  const [heldOn, setHeldOn] = useState("");
  return (
    <form class="card" aria-label={T().newSession} onSubmit={(e) => e.preventDefault()}>
      <h3>{T().newSession}</h3>
      <Field id="session-title" label={T().sessionTitle}>
        <input id="session-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id="session-date" label={T().sessionDate}>
        <input id="session-date" type="date" value={heldOn} onInput={(e) => setHeldOn(e.currentTarget.value)} />
      </Field>
      <ActionButton
        label={T().createSession}
        action={() => api.post(`/conferences/${conferenceId}/minutes/sessions`, { title, ...(heldOn ? { held_on: heldOn } : {}) })}
        onDone={() => {
          setTitle("");
          setHeldOn("");
          onDone();
        }}
      />
    </form>
  );
}

async function load(conferenceId: string) {
  const [minutes, measures, organisations] = await Promise.all([
    api.get<Minutes>(`/conferences/${conferenceId}/minutes`),
    api.get<MeasureRow[]>(`/measures${query({ conference_id: conferenceId, limit: 1000 })}`),
    api.get<Organisation[]>("/organisations"),
  ]);
  return { minutes, decided: measures.filter((m) => !UNDECIDED.includes(m.status)), organisations };
}

export function MinutesPage({ conferenceId }: { conferenceId: string }) {
  const allowed = usePermissions({ conference_id: conferenceId });
  const { data, error, reload } = useLive(() => load(conferenceId), [conferenceId], { conferenceId });
  const [editing, setEditing] = useState("");
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (data === undefined) return <Loading />;
  const { minutes, decided, organisations } = data;
  const write = minutes.writable && can(allowed, "add_minutes_item");
  const edit = minutes.writable && can(allowed, "edit_minutes_item");
  const sessions = minutes.sessions;
  const lastSession = sessions.filter((s) => s.id !== "free-text").slice(-1)[0]?.id ?? "";
  const formFor = (item: Item | null, sessionId: string, onCancel?: () => void) => (
    <ItemForm key={item?.id ?? "new"} minutes={minutes} item={item} sessionId={sessionId} decided={decided} organisations={organisations}
      onDone={() => { setEditing(""); reload(); }} onCancel={onCancel} />
  ); // prettier-ignore
  return (
    <section class="minutes-page">
      <PageTitle title={fill(T().title, { title: minutes.title })} />
      <p>
        <a href={`/konferenzen/${conferenceId}`}>{T().back}</a> · <StatusBadge status={minutes.status} />{" "}
        {minutes.published ? T().published : T().draft}
      </p>
      {sessions.length === 0 && <p>{T().empty}</p>}
      {sessions.map((session) => (
        <section key={session.id} aria-labelledby={`session-${session.number}`}>
          <h2 id={`session-${session.number}`}>
            {fill(T().session, { number: session.number, title: session.title })}{" "}
            <span class="muted">{fill(T().heldOn, { date: formatDate(session.held_on) })}</span>
          </h2>
          {session.items.map((item) => (
            <ItemView key={item.id} item={item} editing={editing === item.id} mayEdit={edit}
              onEdit={() => setEditing(item.id)} form={formFor(item, session.id, () => setEditing(""))} />
          ))}
        </section>
      ))}
      {write && (
        <section aria-label={T().add} class="minutes-write">
          {formFor(null, lastSession)}
          {can(allowed, "add_minutes_session") && <NewSession conferenceId={conferenceId} onDone={reload} />}
        </section>
      )}
      {minutes.status === "closed" && can(allowed, "publish_minutes") && (
        <div class="actions">
          <ConfirmButton label={T().publish} title={T().publish} confirmLabel={T().publish} describe={() => <p>{T().publishConfirm}</p>}
            action={() => api.post(`/conferences/${conferenceId}/minutes`, {})} onDone={reload} />
        </div>
      )}
    </section>
  );
}
