// The working group room: who is in the group, its proposals of this cycle (to the live form and
// the measure page), a new proposal, and the evaluation of last cycle's measures. Starting proposals
// and evaluating are offered only to whom the server allows them (group work, moderation).

import { useRef, useState } from "preact/hooks";
import { api } from "../api";
import { fill, formatNumber, messages } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { can, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, StatusBadge, statusLabel } from "../ui";
import "./group.css";

const T = messages({
  de: {
    title: "AG {number}: {name}",
    group: "Arbeitsgruppe",
    topic: "Schwerpunkt",
    conference: "Konferenz",
    state: "Stand",
    closed: "Geschlossen – die Konferenz ist beendet.",
    open: "Offen",
    moderators: "Moderation",
    members: "Mitglieder",
    peopleCount: "{count} (Namen nur für Beteiligte)",
    nobody: "noch niemand",
    proposals: "Maßnahmenvorschläge dieses Zyklus",
    noProposals: "Die AG hat in diesem Zyklus noch keinen Vorschlag angelegt.",
    reference: "Nummer",
    proposalTitle: "Titel",
    status: "Stand",
    district: "Sozialraum",
    links: "Öffnen",
    editProposal: "Vorschlag bearbeiten",
    viewProposal: "Vorschlag ansehen",
    measurePage: "Maßnahmenseite",
    untitled: "(noch ohne Titel)",
    newProposal: "Neuen Vorschlag anlegen",
    newTitle: "Titel des neuen Vorschlags",
    newHint: "Den übrigen Text schreibt die AG anschließend gemeinsam im Vorschlag.",
    create: "Vorschlag anlegen",
    titleMissing: "Bitte einen Titel für den neuen Vorschlag angeben.",
    notOpen: "Neue Vorschläge sind nur möglich, solange die Konferenz vorbereitet wird oder tagt.",
    evaluation: "Evaluierung der Maßnahmen aus dem vorigen Zyklus",
    evaluationIntro:
      "Die AG bewertet jede Maßnahme, die ihre Vorgänger-AG im letzten Zyklus beschlossen hat: Was wurde umgesetzt, was hat gehemmt, was hat geholfen, und wie geht es weiter?",
    nothingToEvaluate: "Aus dem vorigen Zyklus gibt es für diese AG keine Maßnahmen zu evaluieren.",
    noPrevious: "Diese Konferenz hat keinen vorigen Zyklus; es gibt nichts zu evaluieren.",
    notEvaluable: "Diese Maßnahme kann nicht evaluiert werden (Stand: {status}).",
    recorded: "Erfasste Evaluierung",
    notYet: "Noch nicht evaluiert.",
    progress: "Fortschritt der Umsetzung (%)",
    rating: "Bewertung (1 = sehr schlecht, 5 = sehr gut)",
    verdict: "Empfehlung",
    continue: "Fortführen",
    adapt: "Anpassen und fortführen",
    end: "Beenden",
    summary: "Zusammenfassung",
    obstacles: "Hemmnisse",
    enablers: "Förderliche Rahmenbedingungen",
    category: "Kategorie",
    description: "Beschreibung",
    addObstacle: "Hemmnis hinzufügen",
    addEnabler: "Förderliche Rahmenbedingung hinzufügen",
    remove: "Entfernen",
    none: "keine",
    save: "Evaluierung speichern",
    change: "Evaluierung ändern",
    cancel: "Abbrechen",
    open_measure: "Maßnahme {reference} ansehen",
    c_funding: "Finanzierung",
    c_staff: "Personal",
    c_cooperation: "Kooperation",
    c_legal: "Rechtliche Rahmenbedingungen",
    c_demand: "Bedarf und Nachfrage",
    c_premises: "Räumlichkeiten",
    c_participation: "Beteiligung und Erreichbarkeit",
    c_other: "Sonstiges",
  },
  en: {
    title: "WG {number}: {name}",
    group: "Working group",
    topic: "Focus",
    conference: "Conference",
    state: "State",
    closed: "Closed – the conference has ended.",
    open: "Open",
    moderators: "Moderation",
    members: "Members",
    peopleCount: "{count} (names for participants only)",
    nobody: "nobody yet",
    proposals: "Measure proposals of this cycle",
    noProposals: "The group has not started a proposal in this cycle yet.",
    reference: "Reference",
    proposalTitle: "Title",
    status: "Status",
    district: "Social space",
    links: "Open",
    editProposal: "Edit proposal",
    viewProposal: "View proposal",
    measurePage: "Measure page",
    untitled: "(no title yet)",
    newProposal: "Start a new proposal",
    newTitle: "Title of the new proposal",
    newHint: "The group then writes the rest of the text together in the proposal.",
    create: "Create proposal",
    titleMissing: "Please give the new proposal a title.",
    notOpen: "New proposals are possible only while the conference is prepared or in session.",
    evaluation: "Evaluation of the previous cycle's measures",
    evaluationIntro:
      "The group evaluates each measure its predecessor group adopted in the last cycle: what was implemented, what hindered, what helped, and how to go on?",
    nothingToEvaluate: "There are no measures of the previous cycle for this group to evaluate.",
    noPrevious: "This conference has no previous cycle; there is nothing to evaluate.",
    notEvaluable: "This measure cannot be evaluated (status: {status}).",
    recorded: "Recorded evaluation",
    notYet: "Not evaluated yet.",
    progress: "Implementation progress (%)",
    rating: "Rating (1 = very poor, 5 = very good)",
    verdict: "Recommendation",
    continue: "Continue",
    adapt: "Adapt and continue",
    end: "End",
    summary: "Summary",
    obstacles: "Obstacles",
    enablers: "Enablers",
    category: "Category",
    description: "Description",
    addObstacle: "Add obstacle",
    addEnabler: "Add enabler",
    remove: "Remove",
    none: "none",
    save: "Save evaluation",
    change: "Change evaluation",
    cancel: "Cancel",
    open_measure: "View measure {reference}",
    c_funding: "Funding",
    c_staff: "Staff",
    c_cooperation: "Cooperation",
    c_legal: "Legal framework",
    c_demand: "Demand",
    c_premises: "Premises",
    c_participation: "Participation and reach",
    c_other: "Other",
  },
});

const CATEGORIES = ["funding", "staff", "cooperation", "legal", "demand", "premises", "participation", "other"];
const VERDICTS = ["continue", "adapt", "end"];
const EVALUABLE = [
  "approved",
  "amended",
  "noted",
  "in_implementation",
  "implemented",
  "partly_implemented",
  "abandoned",
  "evaluated",
];
const EDITABLE = ["drafted", "returned"];

interface Summary {
  id: string;
  reference: string;
  title: string;
  status: string;
  conference_id: string;
  district: string;
}

interface ToEvaluate extends Summary {
  verdict: string;
  progress: number;
  evaluated: boolean;
}

interface Board {
  id: string;
  conference_id: string;
  number: number;
  name: string;
  topic: string;
  closed: boolean;
  /** Absent for the public, who gets the counts instead (no names without a role). */
  members?: { id: string; name: string }[];
  moderators?: { id: string; name: string }[];
  member_count?: number;
  moderator_count?: number;
  proposals: Summary[];
  to_evaluate: ToEvaluate[];
}

interface Conference {
  id: string;
  title: string;
  status: string;
  previous_conference_id: string | null;
}

interface Factor {
  factor: "obstacle" | "enabler";
  category: string;
  text: string;
}

interface Evaluation {
  progress: number;
  verdict: string;
  rating: number;
  summary: string;
  obstacles: { category: string; text: string }[];
  enablers: { category: string; text: string }[];
}

interface MeasureDetail {
  id: string;
  version: number;
  status: string;
  /** The recorded evaluation in full (the measure's state from its history). */
  evaluation?: Evaluation | null;
  progress: number;
  verdict: string;
  rating: number | null;
  evaluated_by_conference_id: string | null;
  factors: Factor[];
}

interface Loaded {
  board: Board;
  conference: Conference;
  details: Record<string, MeasureDetail>;
}

const label = (key: string) => (T() as Record<string, string>)[key] ?? key;

function Names({ people, count }: { people?: { id: string; name: string }[]; count?: number }) {
  if (!people) return <>{fill(T().peopleCount, { count: count ?? 0 })}</>;
  if (people.length === 0) return <span class="muted">{T().nobody}</span>;
  return <>{people.map((p) => p.name).join(", ")}</>;
}

function NewProposal({ groupId }: { groupId: string }) {
  const [title, setTitle] = useState("");
  return (
    <section class="card" aria-labelledby="new-proposal-title">
      <h2 id="new-proposal-title">{T().newProposal}</h2>
      <div class="row">
        <Field id="new-proposal" label={T().newTitle} hint={T().newHint}>
          <input
            id="new-proposal"
            value={title}
            size={60}
            aria-describedby="new-proposal-hint"
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </Field>
      </div>
      <ActionButton
        label={T().create}
        action={async () => {
          if (!title.trim()) throw new Error(T().titleMissing);
          return api.post<{ id: string }>(`/working-groups/${groupId}/measures`, { fields: { title: title.trim() } });
        }}
        onDone={(result) => navigate(`/arbeitsgruppen/${groupId}/vorschlaege/${(result as { id: string }).id}`)}
      />
    </section>
  );
}

function Proposals({ board, mayEdit }: { board: Board; mayEdit: boolean }) {
  if (board.proposals.length === 0) return <p>{T().noProposals}</p>;
  return (
    <table class="proposals">
      <thead>
        <tr>
          <th scope="col">{T().reference}</th>
          <th scope="col">{T().proposalTitle}</th>
          <th scope="col">{T().status}</th>
          <th scope="col">{T().links}</th>
        </tr>
      </thead>
      <tbody>
        {board.proposals.map((p) => (
          <tr key={p.id}>
            <td>{p.reference}</td>
            <td>
              <a href={`/arbeitsgruppen/${board.id}/vorschlaege/${p.id}`}>{p.title || T().untitled}</a>
            </td>
            <td>
              <StatusBadge status={p.status} />
            </td>
            <td>
              <a href={`/arbeitsgruppen/${board.id}/vorschlaege/${p.id}`}>
                {mayEdit && EDITABLE.includes(p.status) ? T().editProposal : T().viewProposal}
                <span class="sr-only"> {p.reference}</span>
              </a>
              {" · "}
              <a href={`/massnahmen/${p.id}`}>
                {T().measurePage}
                <span class="sr-only"> {p.reference}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface FactorRow {
  category: string;
  text: string;
}

function FactorList({
  prefix,
  title,
  addLabel,
  rows,
  onChange,
}: {
  prefix: string;
  title: string;
  addLabel: string;
  rows: FactorRow[];
  onChange: (rows: FactorRow[]) => void;
}) {
  const set = (index: number, change: Partial<FactorRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset class="factors">
      <legend>{title}</legend>
      {rows.map((row, index) => (
        <div class="row factor" key={index}>
          <Field id={`${prefix}-${index}-category`} label={`${T().category} ${index + 1}`}>
            <select
              id={`${prefix}-${index}-category`}
              value={row.category}
              onChange={(e) => set(index, { category: (e.target as HTMLSelectElement).value })}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {label(`c_${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${prefix}-${index}-text`} label={`${T().description} ${index + 1}`}>
            <input
              id={`${prefix}-${index}-text`}
              value={row.text}
              size={50}
              onInput={(e) => set(index, { text: (e.target as HTMLInputElement).value })}
            />
          </Field>
          <button type="button" class="secondary" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {T().remove}
            <span class="sr-only">
              {" "}
              {title} {index + 1}
            </span>
          </button>
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => onChange([...rows, { category: "funding", text: "" }])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function EvaluationForm({
  measure,
  detail,
  groupId,
  onDone,
}: {
  measure: ToEvaluate;
  detail: MeasureDetail | undefined;
  groupId: string;
  onDone: () => void;
}) {
  const factors = detail && measure.evaluated ? detail.factors : [];
  const previous = measure.evaluated ? detail?.evaluation : null;
  const [form, setForm] = useState({
    progress: String(previous?.progress ?? detail?.progress ?? measure.progress ?? 0),
    rating: String(previous?.rating ?? detail?.rating ?? 3),
    verdict: previous?.verdict || measure.verdict || "continue",
    summary: previous?.summary ?? "",
  });
  const [obstacles, setObstacles] = useState<FactorRow[]>(
    factors.filter((f) => f.factor === "obstacle").map(({ category, text }) => ({ category, text })),
  );
  const [enablers, setEnablers] = useState<FactorRow[]>(
    factors.filter((f) => f.factor === "enabler").map(({ category, text }) => ({ category, text })),
  );
  const id = (name: string) => `eval-${measure.id}-${name}`;
  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.target as HTMLInputElement).value });
  return (
    <div class="evaluation-form">
      <div class="row">
        <Field id={id("progress")} label={T().progress}>
          <input id={id("progress")} type="number" min={0} max={100} step={5} value={form.progress} onInput={set("progress")} />
        </Field>
        <Field id={id("rating")} label={T().rating}>
          <select id={id("rating")} value={form.rating} onChange={set("rating")}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("verdict")} label={T().verdict}>
          <select id={id("verdict")} value={form.verdict} onChange={set("verdict")}>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {label(v)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={id("summary")} label={T().summary}>
        <textarea id={id("summary")} value={form.summary} onInput={set("summary")} />
      </Field>
      <FactorList prefix={id("obstacle")} title={T().obstacles} addLabel={T().addObstacle} rows={obstacles} onChange={setObstacles} />
      <FactorList prefix={id("enabler")} title={T().enablers} addLabel={T().addEnabler} rows={enablers} onChange={setEnablers} />
      <ActionButton
        label={T().save}
        action={() =>
          api.post(`/measures/${measure.id}/evaluation`, {
            working_group_id: groupId,
            progress: Number.parseInt(form.progress, 10),
            rating: Number.parseInt(form.rating, 10),
            verdict: form.verdict,
            summary: form.summary,
            obstacles,
            enablers,
          })
        }
        onDone={onDone}
      />
    </div>
  );
}

function RecordedEvaluation({ measure, detail }: { measure: ToEvaluate; detail: MeasureDetail | undefined }) {
  const factors = detail?.factors ?? [];
  const evaluation = detail?.evaluation;
  const list = (kind: "obstacle" | "enabler") => {
    const items = factors.filter((f) => f.factor === kind);
    if (items.length === 0) return <span class="muted">{T().none}</span>;
    return (
      <ul>
        {items.map((f, i) => (
          <li key={i}>
            <strong>{label(`c_${f.category}`)}:</strong> {f.text}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <dl class="facts recorded-evaluation">
      <dt>{T().progress}</dt>
      <dd>{formatNumber(evaluation?.progress ?? detail?.progress ?? measure.progress)} %</dd>
      {detail?.rating != null && (
        <>
          <dt>{T().rating}</dt>
          <dd>{detail.rating}</dd>
        </>
      )}
      <dt>{T().verdict}</dt>
      <dd>{label(detail?.verdict || measure.verdict)}</dd>
      {evaluation?.summary && (
        <>
          <dt>{T().summary}</dt>
          <dd>{evaluation.summary}</dd>
        </>
      )}
      <dt>{T().obstacles}</dt>
      <dd>{list("obstacle")}</dd>
      <dt>{T().enablers}</dt>
      <dd>{list("enabler")}</dd>
    </dl>
  );
}

function EvaluationItem({
  measure,
  detail,
  board,
  mayEvaluate,
  onDone,
}: {
  measure: ToEvaluate;
  detail: MeasureDetail | undefined;
  board: Board;
  mayEvaluate: boolean;
  onDone: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const headingId = `evaluate-${measure.id}`;
  const evaluable = !board.closed && EVALUABLE.includes(measure.status) && (measure.status !== "evaluated" || measure.evaluated);
  const evaluatedHere = measure.evaluated;
  const evaluatedBefore = !!detail?.evaluated_by_conference_id;
  return (
    <article class="card evaluation" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {measure.reference}: {measure.title}
      </h3>
      <p>
        <StatusBadge status={measure.status} />{" "}
        <a href={`/massnahmen/${measure.id}`}>{fill(T().open_measure, { reference: measure.reference })}</a>
      </p>
      {(evaluatedHere || evaluatedBefore) && (
        <>
          <h4>{T().recorded}</h4>
          <RecordedEvaluation measure={measure} detail={detail} />
        </>
      )}
      {!evaluatedHere && !evaluatedBefore && evaluable && <p class="muted">{T().notYet}</p>}
      {!evaluable && !evaluatedHere && !evaluatedBefore && (
        <p class="muted">{fill(T().notEvaluable, { status: statusLabel(measure.status) })}</p>
      )}
      {evaluable &&
        mayEvaluate &&
        (evaluatedHere && !editing ? (
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            {T().change}
            <span class="sr-only"> {measure.reference}</span>
          </button>
        ) : (
          <>
            <EvaluationForm
              measure={measure}
              detail={detail}
              groupId={board.id}
              onDone={() => {
                setEditing(false);
                onDone();
              }}
            />
            {editing && (
              <button type="button" class="secondary" onClick={() => setEditing(false)}>
                {T().cancel}
              </button>
            )}
          </>
        ))}
    </article>
  );
}

async function load(groupId: string): Promise<Loaded> {
  const board = await api.get<Board>(`/working-groups/${groupId}`);
  const [conference, ...details] = await Promise.all([
    api.get<Conference>(`/conferences/${board.conference_id}`),
    ...board.to_evaluate.map(async (m) => {
      const detail = await api.get<MeasureDetail>(`/measures/${m.id}`);
      if (detail.evaluated_by_conference_id) {
        // The catalogue keeps verdict, rating and factors; progress and summary live in the history.
        const state = await api.get<{ evaluation: Evaluation | null }>(`/history/${m.id}/state?version=${detail.version}`);
        detail.evaluation = state.evaluation;
      }
      return detail;
    }),
  ]);
  return { board, conference, details: Object.fromEntries(details.map((d) => [d.id, d])) };
}

export function GroupPage({ groupId }: { groupId: string }) {
  const permissions = usePermissions({ working_group_id: groupId });
  const conferences = useRef<(string | null)[]>([]);
  const { data, error, reload } = useLive(() => load(groupId), [groupId], {
    relevant: (change) =>
      change.id === groupId || (change.conference_id !== null && conferences.current.includes(change.conference_id)),
  });
  if (data) conferences.current = [data.conference.id, data.conference.previous_conference_id];
  const board = data?.board;
  const conference = data?.conference;
  const openForProposals = !!conference && ["prepared", "in_session"].includes(conference.status) && !board?.closed;
  return (
    <>
      <PageTitle title={board ? fill(T().title, { number: board.number, name: board.name }) : T().group} />
      <ErrorMessage error={error} onRetry={reload} />
      {!data && !error && <Loading />}
      {board && conference && (
        <>
          <dl class="facts group-facts">
            <dt>{T().topic}</dt>
            <dd>{board.topic || "–"}</dd>
            <dt>{T().conference}</dt>
            <dd>
              <a href={`/konferenzen/${conference.id}`}>{conference.title}</a> <StatusBadge status={conference.status} />
            </dd>
            <dt>{T().state}</dt>
            <dd>{board.closed ? T().closed : T().open}</dd>
            <dt>{T().moderators}</dt>
            <dd>
              <Names people={board.moderators} count={board.moderator_count} />
            </dd>
            <dt>{T().members}</dt>
            <dd>
              <Names people={board.members} count={board.member_count} />
            </dd>
          </dl>
          <section aria-labelledby="proposals-title">
            <h2 id="proposals-title">{T().proposals}</h2>
            <Proposals board={board} mayEdit={can(permissions, "edit_proposal")} />
          </section>
          {!openForProposals ? (
            <p class="notice">{T().notOpen}</p>
          ) : (
            can(permissions, "draft_measure") && <NewProposal groupId={board.id} />
          )}
          <section aria-labelledby="evaluation-title">
            <h2 id="evaluation-title">{T().evaluation}</h2>
            {!conference.previous_conference_id ? (
              <p>{T().noPrevious}</p>
            ) : board.to_evaluate.length === 0 ? (
              <p>{T().nothingToEvaluate}</p>
            ) : (
              <>
                <p>{T().evaluationIntro}</p>
                {board.to_evaluate.map((m) => (
                  <EvaluationItem
                    key={m.id}
                    measure={m}
                    detail={data.details[m.id]}
                    board={board}
                    mayEvaluate={can(permissions, "record_evaluation")}
                    onDone={reload}
                  />
                ))}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
