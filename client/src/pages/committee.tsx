// The committee's desk (/ausschuesse/:committeeId): its members and its docket. Each paper shows
// the text the plenary adopted (exact, with its SHA-256) and, once decided, the committee's
// decision with the text it decided on. Members of this committee record decisions here; the
// server refuses everyone else (and tells the public how many members there are, not who).

import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { fieldLabel, PROPOSAL_FIELDS } from "../fields";
import { formatDate, messages } from "../i18n";
import { useSession } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, StatusBadge } from "../ui";
import { DocumentLinks, documentUrl } from "./documents";

const T = messages({
  de: {
    members: "Mitglieder",
    membersHidden: "Mitglieder (Namen sind nur für Beteiligte sichtbar)",
    nobody: "noch niemand",
    docket: "Vorlagen",
    noPapers: "Diesem Ausschuss liegen keine Vorlagen vor.",
    paper: "Vorlage",
    paperPdf: "Beschlussvorlage (PDF)",
    recordPdf: "Beschlussnachweis (PDF)",
    submitted: "vorgelegt am",
    recommendation: "Beschlussempfehlung der Sozialkonferenz (verabschiedeter Text)",
    decision: "Beschluss des Ausschusses",
    decidedOn: "Sitzung vom",
    reason: "Begründung",
    decidedText: "Beschlossener Text",
    open: "noch nicht entschieden",
    record: "Beschluss erfassen",
    kind: "Beschlussart",
    date: "Sitzungsdatum",
    amendedHint: "Nur bei „mit Änderungen beschlossen“: der geänderte Text",
    save: "Beschluss speichern",
    hash: "SHA-256",
    approved: "beschlossen",
    amended: "mit Änderungen beschlossen",
    deferred: "vertagt",
    rejected: "abgelehnt",
    noted: "zur Kenntnis genommen",
  },
  en: {
    members: "Members",
    membersHidden: "Members (names are visible to participants only)",
    nobody: "nobody yet",
    docket: "Papers",
    noPapers: "No papers have been submitted to this committee.",
    paper: "Paper",
    paperPdf: "Committee paper (PDF)",
    recordPdf: "Decision record (PDF)",
    submitted: "submitted on",
    recommendation: "Recommendation of the social conference (adopted text)",
    decision: "Committee decision",
    decidedOn: "Meeting of",
    reason: "Reason",
    decidedText: "Decided text",
    open: "not decided yet",
    record: "Record the decision",
    kind: "Decision",
    date: "Meeting date",
    amendedHint: "Only for “approved with amendments”: the amended text",
    save: "Save the decision",
    hash: "SHA-256",
    approved: "approved",
    amended: "approved with amendments",
    deferred: "deferred",
    rejected: "rejected",
    noted: "noted",
  },
});

const DECISIONS = ["approved", "amended", "deferred", "rejected", "noted"] as const;
type Decision = (typeof DECISIONS)[number];

interface Frozen {
  fields: Record<string, string>;
  sha256: string;
}

interface Entry {
  id: string;
  measure_id: string;
  paper_number: string;
  submitted_at: string;
  title: string;
  status: string;
  recommendation: Frozen;
  decision: string;
  decided_on: string;
  reason: string;
  decided_text: Frozen | null;
}

interface Desk {
  id: string;
  name: string;
  short_name: string;
  members?: { id: string; name: string }[];
  member_count?: number;
  docket: Entry[];
}

function Text({ frozen }: { frozen: Frozen }) {
  return (
    <>
      <dl class="facts">
        {PROPOSAL_FIELDS.filter((f) => frozen.fields[f]).map((f) => (
          <>
            <dt>{fieldLabel(f)}</dt>
            <dd class="frozen-text">{frozen.fields[f]}</dd>
          </>
        ))}
      </dl>
      <p class="muted">
        {T().hash}: <code class="sha256">{frozen.sha256}</code>
      </p>
    </>
  );
}

function DecisionForm({ committeeId, entry, onDone }: { committeeId: string; entry: Entry; onDone: () => void }) {
  const [decision, setDecision] = useState<Decision>("approved");
  const [decidedOn, setDecidedOn] = useState(new Date().toISOString().slice(0, 10));
  const [reason, setReason] = useState("");
  const [description, setDescription] = useState(entry.recommendation.fields.description ?? "");
  const id = (name: string) => `${name}-${entry.id.replace(/[^a-z0-9]/gi, "")}`;
  const send = () =>
    api.post(`/measures/${entry.measure_id}/committee-decision`, {
      committee_id: committeeId,
      decision,
      decided_on: decidedOn,
      reason,
      ...(decision === "amended" ? { amended_fields: { description } } : {}),
    });
  return (
    <form class="card" aria-label={`${T().record}: ${entry.paper_number}`} onSubmit={(e) => e.preventDefault()}>
      <h4>{T().record}</h4>
      <Field id={id("kind")} label={T().kind}>
        <select id={id("kind")} value={decision} onChange={(e) => setDecision(e.currentTarget.value as Decision)}>
          {DECISIONS.map((d) => (
            <option value={d}>{T()[d]}</option>
          ))}
        </select>
      </Field>
      <Field id={id("date")} label={T().date}>
        <input id={id("date")} type="date" value={decidedOn} onInput={(e) => setDecidedOn(e.currentTarget.value)} />
      </Field>
      <Field id={id("reason")} label={T().reason}>
        <textarea id={id("reason")} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      {decision === "amended" && (
        <Field id={id("amended")} label={fieldLabel("description")} hint={T().amendedHint}>
          <textarea id={id("amended")} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </Field>
      )}
      <ActionButton label={T().save} action={send} onDone={onDone} />
    </form>
  );
}

function Paper({ desk, entry, mayDecide, reload }: { desk: Desk; entry: Entry; mayDecide: boolean; reload: () => void }) {
  const label = (DECISIONS as readonly string[]).includes(entry.decision) ? T()[entry.decision as Decision] : "";
  return (
    <article class="card docket-entry" aria-labelledby={`paper-${entry.id.replace(/[^a-z0-9]/gi, "")}`}>
      <h3 id={`paper-${entry.id.replace(/[^a-z0-9]/gi, "")}`}>
        {T().paper} {entry.paper_number}: <a href={`/massnahmen/${entry.measure_id}`}>{entry.title}</a>{" "}
        <StatusBadge status={entry.status} />
      </h3>
      <p class="muted">
        {T().submitted} {formatDate(entry.submitted_at)} ·{" "}
        <a href={documentUrl("paper", entry.measure_id)} target="_blank" rel="noopener">
          {T().paperPdf}
        </a>{" "}
        ·{" "}
        <a href={documentUrl("record", entry.measure_id)} target="_blank" rel="noopener">
          {T().recordPdf}
        </a>
      </p>
      <h4>{T().recommendation}</h4>
      <Text frozen={entry.recommendation} />
      <h4>{T().decision}</h4>
      {entry.decision ? (
        <>
          <p class="decision">
            <strong>{label}</strong> – {T().decidedOn} {formatDate(entry.decided_on)}
            {entry.reason && ` – ${T().reason}: ${entry.reason}`}
          </p>
          {entry.decided_text && (
            <>
              <h4>{T().decidedText}</h4>
              <Text frozen={entry.decided_text} />
            </>
          )}
        </>
      ) : (
        <p class="muted">{T().open}</p>
      )}
      {!entry.decision && mayDecide && <DecisionForm committeeId={desk.id} entry={entry} onDone={reload} />}
    </article>
  );
}

export function CommitteePage({ committeeId }: { committeeId: string }) {
  const me = useSession();
  const [desk, setDesk] = useState<Desk | null>(null);
  const [mayDecide, setMayDecide] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    api.get<Desk>(`/committees/${committeeId}`).then(setDesk, setError);
    api
      .get<{ actions: string[] }>(`/session/permissions?committee_id=${committeeId}`)
      .then((p) => setMayDecide(p.actions.includes("record_committee_decision")), () => setMayDecide(false));
  };
  useEffect(load, [committeeId, me?.person_id]);
  if (error) return <ErrorMessage error={error} onRetry={load} />;
  if (!desk) return <Loading />;
  return (
    <section>
      <PageTitle title={`${desk.name} (${desk.short_name})`} />
      <DocumentLinks links={[["catalogue", documentUrl("catalogue", "", { committee_id: committeeId })]]} />
      <section aria-labelledby="members-title">
        {desk.members ? (
          <>
            <h2 id="members-title">{T().members}</h2>
            <p>{desk.members.length ? desk.members.map((m) => m.name).join(", ") : T().nobody}</p>
          </>
        ) : (
          <>
            <h2 id="members-title">{T().membersHidden}</h2>
            <p>{desk.member_count ?? 0}</p>
          </>
        )}
      </section>
      <section aria-labelledby="docket-title">
        <h2 id="docket-title">{T().docket}</h2>
        {desk.docket.length === 0 && <p>{T().noPapers}</p>}
        {[...desk.docket].reverse().map((entry) => (
          <Paper key={entry.id} desk={desk} entry={entry} mayDecide={mayDecide} reload={load} />
        ))}
      </section>
    </section>
  );
}
