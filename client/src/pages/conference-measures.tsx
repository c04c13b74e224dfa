// The organiser's part of the conference page for measures: the plenary (adopt, return),
// then committees (submit, record the decision) and implementation (start, progress, complete);
// each step's form only for whom the server's permissions allow it.

import { useState } from "preact/hooks";
import { api } from "../api";
import { fill, messages } from "../i18n";
import { can, type Permissions } from "../session";
import { ActionButton, Field, StatusBadge } from "../ui";

const T = messages({
  de: {
    heading: "Maßnahmen im Plenum und danach",
    none: "Zu dieser Konferenz gibt es noch keine Maßnahmenvorschläge.",
    beforeSession: "Sobald die Sitzung eröffnet ist, können von der AG beschlossene Vorschläge hier im Plenum verabschiedet oder an die AG zurückverwiesen werden.",
    inSession: "Vorschläge, die eine AG beschlossen hat, können jetzt im Plenum verabschiedet oder an die AG zurückverwiesen werden. Vorlage an die Ausschüsse ist nach dem Schließen der Sitzung möglich.",
    afterSession: "Die Sitzung ist geschlossen. Verabschiedete Maßnahmen können nun einem Ausschuss vorgelegt werden; danach werden Beschluss und Umsetzung hier erfasst.",
    noGroup: "Ohne Arbeitsgruppe",
    open: "Maßnahme ansehen",
    adopt: "Im Plenum verabschieden",
    returnReason: "Begründung der Rückverweisung",
    returnHint: "Was soll die AG noch klären?",
    return: "An die AG zurückverweisen",
    plenaryOnlyInSession: "Verabschieden oder Zurückverweisen ist nur während der Sitzung möglich.",
    submitOnlyAfterSession: "Die Vorlage an einen Ausschuss ist erst nach dem Schließen der Sitzung möglich.",
    committee: "Ausschuss",
    paperNumber: "Vorlagennummer",
    paperHint: "z. B. V/2027/015",
    submit: "Dem Ausschuss vorlegen",
    submittedTo: "Vorgelegt: {committee}, Vorlage {paper}",
    decision: "Beschluss",
    decidedOn: "Sitzungsdatum",
    reason: "Begründung",
    reasonHint: "Bei „mit Änderungen beschlossen“, „vertagt“ und „abgelehnt“ erforderlich.",
    amendedTitle: "Beschlossener Titel",
    amendedDescription: "Beschlossene Beschreibung",
    amendedHint: "Den Text so anpassen, wie der Ausschuss ihn beschlossen hat.",
    record: "Ausschussbeschluss erfassen",
    approved: "Beschlossen",
    amended: "Mit Änderungen beschlossen",
    noted: "Zur Kenntnis genommen",
    rejected: "Abgelehnt",
    deferred: "Vertagt",
    decisionWas: "Ausschussbeschluss: {decision}",
    startNote: "Bemerkung zum Beginn der Umsetzung",
    start: "Umsetzung beginnen",
    progressNow: "Fortschritt bisher: {progress} %",
    progress: "Fortschritt in %",
    progressNote: "Bemerkung zum Fortschritt",
    reportProgress: "Fortschritt berichten",
    outcome: "Ergebnis der Umsetzung",
    outcomeReason: "Begründung zum Ergebnis",
    outcomeHint: "Bei „teilweise umgesetzt“ und „aufgegeben“ erforderlich.",
    complete: "Umsetzung abschließen",
    abandon: "Umsetzung aufgeben",
    abandonReason: "Begründung für das Aufgeben",
    implemented: "Umgesetzt",
    partly_implemented: "Teilweise umgesetzt",
    abandoned: "Aufgegeben",
    deferredAgain: "Der Ausschuss hat vertagt: Die Maßnahme kann erneut vorgelegt werden.",
  },
  en: {
    heading: "Measures in the plenary and afterwards",
    none: "This conference has no measure proposals yet.",
    beforeSession: "Once the session is open, proposals agreed by a working group can be adopted by the plenary here or returned to the group.",
    inSession: "Proposals agreed by a working group can now be adopted by the plenary or returned to the group. Submission to committees is possible after the session is closed.",
    afterSession: "The session is closed. Adopted measures can now be submitted to a committee; decisions and implementation are then recorded here.",
    noGroup: "Without working group",
    open: "View measure",
    adopt: "Adopt in plenary",
    returnReason: "Reason for returning",
    returnHint: "What should the group still clarify?",
    return: "Return to the working group",
    plenaryOnlyInSession: "Adopting or returning is only possible during the session.",
    submitOnlyAfterSession: "Submission to a committee is only possible after the session is closed.",
    committee: "Committee",
    paperNumber: "Paper number",
    paperHint: "e.g. V/2027/015",
    submit: "Submit to the committee",
    submittedTo: "Submitted: {committee}, paper {paper}",
    decision: "Decision",
    decidedOn: "Meeting date",
    reason: "Reason",
    reasonHint: "Required for “approved with changes”, “deferred” and “rejected”.",
    amendedTitle: "Title as decided",
    amendedDescription: "Description as decided",
    amendedHint: "Adjust the text as the committee decided it.",
    record: "Record committee decision",
    approved: "Approved",
    amended: "Approved with changes",
    noted: "Noted",
    rejected: "Rejected",
    deferred: "Deferred",
    decisionWas: "Committee decision: {decision}",
    startNote: "Note on starting the implementation",
    start: "Start implementation",
    progressNow: "Progress so far: {progress} %",
    progress: "Progress in %",
    progressNote: "Note on the progress",
    reportProgress: "Report progress",
    outcome: "Outcome of the implementation",
    outcomeReason: "Reason for the outcome",
    outcomeHint: "Required for “partly implemented” and “abandoned”.",
    complete: "Complete implementation",
    abandon: "Abandon implementation",
    abandonReason: "Reason for abandoning",
    implemented: "Implemented",
    partly_implemented: "Partly implemented",
    abandoned: "Abandoned",
    deferredAgain: "The committee deferred: the measure can be submitted again.",
  },
});

export interface MeasureRow {
  id: string;
  reference: string;
  working_group_id: string | null;
  status: string;
  title: string;
  description: string;
  committee_id: string | null;
  paper_number: string;
  committee_decision: string;
  progress: number;
}

export interface Committee {
  id: string;
  name: string;
  short_name: string;
}

interface Group {
  id: string;
  number: number;
  name: string;
}

const DECISIONS = ["approved", "amended", "noted", "deferred", "rejected"] as const;
const DECIDED = ["approved", "amended", "noted"];

/** Today as YYYY-MM-DD in the browser's time zone (the default for dates). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function value(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

function Plenary({ measure, inSession, onDone }: { measure: MeasureRow; inSession: boolean; onDone: () => void }) {
  const [reason, setReason] = useState("");
  if (!inSession) return <p class="muted">{T().plenaryOnlyInSession}</p>;
  const id = `m-${measure.id}`;
  return (
    <div class="measure-actions">
      <ActionButton label={T().adopt} action={() => api.post(`/measures/${measure.id}/adoption`)} onDone={onDone} />
      <div class="row">
        <Field id={`${id}-return`} label={T().returnReason} hint={T().returnHint}>
          <input
            id={`${id}-return`}
            value={reason}
            onInput={(e) => setReason(value(e))}
            size={40}
            aria-describedby={`${id}-return-hint`}
          />
        </Field>
        <ActionButton
          label={T().return}
          kind="secondary"
          action={() => api.post(`/measures/${measure.id}/return`, { reason })}
          onDone={() => {
            setReason("");
            onDone();
          }}
        />
      </div>
    </div>
  );
}

function Submission({
  measure,
  committees,
  afterSession,
  onDone,
}: {
  measure: MeasureRow;
  committees: Committee[];
  afterSession: boolean;
  onDone: () => void;
}) {
  const [committee, setCommittee] = useState(measure.committee_id ?? committees[0]?.id ?? "");
  const [paper, setPaper] = useState("");
  if (!afterSession) return <p class="muted">{T().submitOnlyAfterSession}</p>;
  const id = `m-${measure.id}`;
  return (
    <div class="measure-actions">
      {measure.status === "deferred" && <p class="muted">{T().deferredAgain}</p>}
      <div class="row">
        <Field id={`${id}-committee`} label={T().committee}>
          <select id={`${id}-committee`} value={committee} onChange={(e) => setCommittee(value(e))}>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.short_name})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-paper`} label={T().paperNumber} hint={T().paperHint}>
          <input
            id={`${id}-paper`}
            value={paper}
            onInput={(e) => setPaper(value(e))}
            size={16}
            aria-describedby={`${id}-paper-hint`}
          />
        </Field>
      </div>
      <ActionButton
        label={T().submit}
        action={() => api.post(`/measures/${measure.id}/submission`, { committee_id: committee, paper_number: paper })}
        onDone={onDone}
      />
    </div>
  );
}

function Decision({ measure, committees, onDone }: { measure: MeasureRow; committees: Committee[]; onDone: () => void }) {
  const [form, setForm] = useState({
    decision: "approved",
    decided_on: today(),
    reason: "",
    title: measure.title,
    description: measure.description,
  });
  const set = (key: keyof typeof form) => (event: Event) => setForm({ ...form, [key]: value(event) });
  const id = `m-${measure.id}`;
  const committee = committees.find((c) => c.id === measure.committee_id);
  const send = () => {
    const body: Record<string, unknown> = {
      committee_id: measure.committee_id,
      decision: form.decision,
      decided_on: form.decided_on,
      reason: form.reason,
    };
    if (form.decision === "amended") {
      const amended: Record<string, string> = {};
      if (form.title !== measure.title) amended.title = form.title;
      if (form.description !== measure.description) amended.description = form.description;
      body.amended_fields = amended;
    }
    return api.post(`/measures/${measure.id}/committee-decision`, body);
  };
  return (
    <div class="measure-actions">
      <p>{fill(T().submittedTo, { committee: committee?.name ?? "–", paper: measure.paper_number || "–" })}</p>
      <div class="row">
        <Field id={`${id}-decision`} label={T().decision}>
          <select id={`${id}-decision`} value={form.decision} onChange={set("decision")}>
            {DECISIONS.map((d) => (
              <option key={d} value={d}>
                {T()[d]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-decided-on`} label={T().decidedOn}>
          <input id={`${id}-decided-on`} type="date" value={form.decided_on} onInput={set("decided_on")} />
        </Field>
      </div>
      <Field id={`${id}-reason`} label={T().reason} hint={T().reasonHint}>
        <textarea id={`${id}-reason`} value={form.reason} onInput={set("reason")} aria-describedby={`${id}-reason-hint`} />
      </Field>
      {form.decision === "amended" && (
        <>
          <p class="hint">{T().amendedHint}</p>
          <Field id={`${id}-amended-title`} label={T().amendedTitle}>
            <input id={`${id}-amended-title`} value={form.title} onInput={set("title")} size={60} />
          </Field>
          <Field id={`${id}-amended-description`} label={T().amendedDescription}>
            <textarea id={`${id}-amended-description`} value={form.description} onInput={set("description")} />
          </Field>
        </>
      )}
      <ActionButton label={T().record} action={send} onDone={onDone} />
    </div>
  );
}

function Completion({
  measure,
  outcomes,
  onDone,
}: {
  measure: MeasureRow;
  outcomes: readonly ("implemented" | "partly_implemented" | "abandoned")[];
  onDone: () => void;
}) {
  const [outcome, setOutcome] = useState<string>(outcomes[0]);
  const [reason, setReason] = useState("");
  const id = `m-${measure.id}-${outcomes.length > 1 ? "complete" : "abandon"}`;
  const abandonOnly = outcomes.length === 1;
  return (
    <div class="row">
      {!abandonOnly && (
        <Field id={`${id}-outcome`} label={T().outcome}>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(value(e))}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {T()[o]}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={`${id}-reason`} label={abandonOnly ? T().abandonReason : T().outcomeReason} hint={abandonOnly ? undefined : T().outcomeHint}>
        <input
          id={`${id}-reason`}
          value={reason}
          onInput={(e) => setReason(value(e))}
          size={40}
          aria-describedby={abandonOnly ? undefined : `${id}-reason-hint`}
        />
      </Field>
      <ActionButton
        label={abandonOnly ? T().abandon : T().complete}
        kind={abandonOnly ? "danger" : "primary"}
        action={() => api.post(`/measures/${measure.id}/implementation/completion`, { outcome, reason })}
        onDone={onDone}
      />
    </div>
  );
}

function Implementation({ measure, onDone }: { measure: MeasureRow; onDone: () => void }) {
  const [note, setNote] = useState("");
  const [progress, setProgress] = useState(String(measure.progress || 0));
  const id = `m-${measure.id}`;
  if (DECIDED.includes(measure.status)) {
    return (
      <div class="measure-actions">
        <p>{fill(T().decisionWas, { decision: T()[measure.status as "approved"] })}</p>
        <div class="row">
          <Field id={`${id}-start-note`} label={T().startNote}>
            <input id={`${id}-start-note`} value={note} onInput={(e) => setNote(value(e))} size={40} />
          </Field>
          <ActionButton
            label={T().start}
            action={() => api.post(`/measures/${measure.id}/implementation/start`, { note })}
            onDone={onDone}
          />
        </div>
        <Completion measure={measure} outcomes={["abandoned"]} onDone={onDone} />
      </div>
    );
  }
  return (
    <div class="measure-actions">
      <p>{fill(T().progressNow, { progress: measure.progress })}</p>
      <div class="row">
        <Field id={`${id}-progress`} label={T().progress}>
          <input
            id={`${id}-progress`}
            type="number"
            min={0}
            max={100}
            step={5}
            value={progress}
            onInput={(e) => setProgress(value(e))}
          />
        </Field>
        <Field id={`${id}-progress-note`} label={T().progressNote}>
          <input id={`${id}-progress-note`} value={note} onInput={(e) => setNote(value(e))} size={40} />
        </Field>
        <ActionButton
          label={T().reportProgress}
          action={() =>
            api.post(`/measures/${measure.id}/progress`, { progress: progress === "" ? null : Number(progress), note })
          }
          onDone={() => {
            setNote("");
            onDone();
          }}
        />
      </div>
      <Completion measure={measure} outcomes={["implemented", "partly_implemented", "abandoned"]} onDone={onDone} />
    </div>
  );
}

function MeasureItem({
  measure,
  conferenceStatus,
  committees,
  allowed,
  onDone,
}: {
  measure: MeasureRow;
  conferenceStatus: string;
  committees: Committee[];
  allowed: Permissions | null | undefined;
  onDone: () => void;
}) {
  const headingId = `measure-${measure.id}`;
  const afterSession = conferenceStatus === "closed" || conferenceStatus === "reported";
  let actions = null;
  if (measure.status === "proposed" && can(allowed, "adopt_measure")) {
    actions = <Plenary measure={measure} inSession={conferenceStatus === "in_session"} onDone={onDone} />;
  } else if ((measure.status === "adopted" || measure.status === "deferred") && can(allowed, "submit_measure")) {
    actions = <Submission measure={measure} committees={committees} afterSession={afterSession} onDone={onDone} />;
  } else if (measure.status === "submitted" && can(allowed, "record_committee_decision")) {
    actions = <Decision measure={measure} committees={committees} onDone={onDone} />;
  } else if (
    (DECIDED.includes(measure.status) || measure.status === "in_implementation") &&
    can(allowed, "report_progress")
  ) {
    actions = <Implementation measure={measure} onDone={onDone} />;
  }
  return (
    <li>
      <article class="measure" aria-labelledby={headingId}>
        <div class="measure-head">
          <h4 id={headingId}>
            <span class="muted">{measure.reference}</span> {measure.title || "–"}
          </h4>
          <StatusBadge status={measure.status} />
          <a href={`/massnahmen/${measure.id}`}>
            {T().open}
            <span class="sr-only">: {measure.title}</span>
          </a>
        </div>
        {actions}
      </article>
    </li>
  );
}

export function MeasuresSection({
  conferenceStatus,
  groups,
  measures,
  committees,
  allowed,
  onDone,
}: {
  conferenceStatus: string;
  groups: Group[];
  measures: MeasureRow[];
  committees: Committee[];
  allowed: Permissions | null | undefined;
  onDone: () => void;
}) {
  const byGroup = new Map<string, MeasureRow[]>();
  for (const measure of measures) {
    const key = measure.working_group_id ?? "";
    byGroup.set(key, [...(byGroup.get(key) ?? []), measure]);
  }
  const ordered = [...groups].sort((a, b) => a.number - b.number);
  const sections: { id: string; name: string; items: MeasureRow[] }[] = ordered
    .filter((g) => byGroup.has(g.id))
    .map((g) => ({ id: g.id, name: `AG ${g.number}: ${g.name}`, items: byGroup.get(g.id)! }));
  for (const [key, items] of byGroup) {
    if (!ordered.some((g) => g.id === key)) sections.push({ id: key || "none", name: T().noGroup, items });
  }
  const notice =
    conferenceStatus === "in_session"
      ? T().inSession
      : conferenceStatus === "closed" || conferenceStatus === "reported"
        ? T().afterSession
        : T().beforeSession;
  return (
    <section class="card" aria-labelledby="measures-title">
      <h2 id="measures-title">{T().heading}</h2>
      <p class="notice">{notice}</p>
      {measures.length === 0 && <p>{T().none}</p>}
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`measures-group-${section.id}`}>
          <h3 id={`measures-group-${section.id}`}>{section.name}</h3>
          <ul class="measure-list">
            {[...section.items]
              .sort((a, b) => a.reference.localeCompare(b.reference, "de", { numeric: true }))
              .map((measure) => (
                <MeasureItem
                  key={measure.id}
                  measure={measure}
                  conferenceStatus={conferenceStatus}
                  committees={committees}
                  allowed={allowed}
                  onDone={onDone}
                />
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
