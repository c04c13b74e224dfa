// The auditor's check of the hash chain over every stored event: intact, or the first altered,
// removed or inserted event; with the chain's head (position and hash) to note and compare later.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { fill, formatDateTime, formatNumber, messages } from "../i18n";
import { can, usePermissions } from "../session";
import { ErrorMessage, retryable } from "../ui";
import { eventLabel } from "./audit-common";
import "./chain-check.css";

const T = messages({
  de: {
    title: "Prüfung der Hash-Kette",
    intro:
      "Jedes gespeicherte Ereignis ist über einen SHA-256-Hash mit dem vorherigen verkettet. Wird ein Ereignis nachträglich in der Datenbank verändert, entfernt oder eingefügt, nennt die Prüfung das erste betroffene. Notieren Sie Kopf-Hash und Position, um später zu vergleichen.",
    checking: "Die Hash-Kette wird geprüft …",
    intact: "Hash-Kette unversehrt",
    broken: "Hash-Kette verletzt",
    checked: "Geprüfte Ereignisse",
    head: "Kopf-Hash",
    noHead: "– (noch keine Ereignisse)",
    position: "Position des Kopfes",
    verifiedAt: "Geprüft am",
    again: "Erneut prüfen",
    copy: "Kopieren",
    copyLabel: "Kopf-Hash kopieren",
    copied: "Kopiert.",
    copyFailed: "Kopieren nicht möglich – bitte den Hash markieren und kopieren.",
    event: "Ereignis an Position {position}",
    eventAt: "Ereignis vom {time} (Position {position})",
    record: "ein Datensatz",
    Conference: "Konferenz",
    Measure: "Maßnahme",
    WorkingGroup: "Arbeitsgruppe",
    ProposalDocument: "Vorschlagstext",
    Organisation: "Organisation",
    Committee: "Ausschuss",
    Person: "Person",
    lastGood: "Bis zum letzten unversehrten Ereignis gilt der Kopf-Hash unten.",
    altered: "verändert",
    removed: "entfernt",
    inserted: "eingefügt",
    link_altered: "Kettenglied verändert",
    mismatch: "weicht vom erwarteten Kopf-Hash ab",
    missing: "Die Datenbank hat keine Hash-Kette.",
  },
  en: {
    title: "Hash chain check",
    intro:
      "Every stored event is chained to the previous one by a SHA-256 hash. If an event is later changed, removed or inserted in the database, the check names the first one affected. Note the head hash and its position to compare later.",
    checking: "Checking the hash chain …",
    intact: "Hash chain intact",
    broken: "Hash chain broken",
    checked: "Events checked",
    head: "Head hash",
    noHead: "– (no events yet)",
    position: "Position of the head",
    verifiedAt: "Checked at",
    again: "Check again",
    copy: "Copy",
    copyLabel: "Copy the head hash",
    copied: "Copied.",
    copyFailed: "Copying is not possible – please select and copy the hash.",
    event: "Event at position {position}",
    eventAt: "Event of {time} (position {position})",
    record: "a record",
    Conference: "Conference",
    Measure: "Measure",
    WorkingGroup: "Working group",
    ProposalDocument: "Proposal text",
    Organisation: "Organisation",
    Committee: "Committee",
    Person: "Person",
    lastGood: "The head hash below holds up to the last intact event.",
    altered: "altered",
    removed: "removed",
    inserted: "inserted",
    link_altered: "chain link altered",
    mismatch: "differs from the expected head hash",
    missing: "The database has no hash chain.",
  },
});

type Kind = "altered" | "removed" | "inserted" | "link_altered" | "mismatch" | "missing";

export interface ChainProblem {
  kind: Kind;
  notification_id: number;
  originator_id: string | null;
  originator_version: number | null;
  topic: string | null;
  /** The aggregate's kind (Measure, Conference, …), its title or name and a measure's reference. */
  aggregate_kind?: string | null;
  aggregate_title?: string | null;
  aggregate_reference?: string | null;
  /** When the altered event happened (unknown when it no longer decodes). */
  event_time?: string | null;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  head_position: number;
  head_hash: string;
  problem: ChainProblem | null;
  verified_at: string;
}

/** Whose event, said for a person: "Maßnahme M-2026-01.1 „Titel“" rather than an id. */
function subject(problem: ChainProblem): string {
  const kind = (T() as Record<string, string>)[problem.aggregate_kind ?? ""] ?? T().record;
  const title = problem.aggregate_title ? `„${problem.aggregate_title}“` : "";
  return [kind, problem.aggregate_reference ?? "", title].filter(Boolean).join(" ");
}

function problemText(problem: ChainProblem): string {
  if (problem.kind === "missing") return T().missing;
  if (problem.kind === "mismatch") return `${fill(T().event, { position: problem.notification_id })}: ${T().mismatch}`;
  const event = problem.event_time
    ? fill(T().eventAt, { time: formatDateTime(problem.event_time), position: problem.notification_id })
    : fill(T().event, { position: problem.notification_id });
  const parts = [problem.originator_id ? subject(problem) : "", event];
  if (problem.topic) parts.push(eventLabel(problem.topic.split(":").pop() ?? problem.topic));
  return `${parts.filter(Boolean).join(", ")}: ${T()[problem.kind]}`;
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard access (no secure context, no permission): select the hash, the old way.
    const code = document.getElementById("chain-head-hash");
    if (code) window.getSelection()?.selectAllChildren(code);
    if (!document.execCommand("copy")) throw new Error(T().copyFailed);
  }
}

/** The check, for those who may audit (city-wide); nothing for others, rather than a refusal. */
export function ChainCheck() {
  const allowed = usePermissions({});
  return can(allowed, "audit") ? <ChainCheckPanel /> : null;
}

function ChainCheckPanel() {
  const [report, setReport] = useState<ChainReport | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(true);
  const [copied, setCopied] = useState("");
  const load = (refresh: boolean) => {
    setBusy(true);
    setError(null);
    setCopied("");
    api
      .get<ChainReport>(refresh ? "/audit/chain?refresh=1" : "/audit/chain")
      .then(setReport, setError)
      .finally(() => setBusy(false));
  };
  useEffect(() => load(false), []);
  return (
    <section class="card chain-check" aria-labelledby="chain-check-title" aria-busy={busy}>
      <h2 id="chain-check-title">{T().title}</h2>
      <p class="muted">{T().intro}</p>
      {busy && (
        <p class="loading" role="status">
          {T().checking}
        </p>
      )}
      <ErrorMessage error={error} onRetry={() => load(true)} />
      {report && (
        <>
          <p class={`chain-result ${report.ok ? "intact" : "broken"}`} data-ok={String(report.ok)}>
            <strong>{report.ok ? T().intact : T().broken}</strong>
            {report.problem && <span class="chain-problem"> – {problemText(report.problem)}</span>}
          </p>
          {report.problem && report.problem.kind !== "missing" && <p class="muted">{T().lastGood}</p>}
          <dl class="chain-facts">
            <dt>{T().checked}</dt>
            <dd id="chain-checked">{formatNumber(report.checked)}</dd>
            <dt>{T().head}</dt>
            <dd class="chain-head">
              {report.head_hash ? (
                <>
                  <code id="chain-head-hash">{report.head_hash}</code>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={T().copyLabel}
                    onClick={() => copy(report.head_hash).then(() => setCopied(T().copied), setError)}
                  >
                    {T().copy}
                  </button>
                  <span class="muted" role="status">
                    {copied}
                  </span>
                </>
              ) : (
                T().noHead
              )}
            </dd>
            <dt>{T().position}</dt>
            <dd id="chain-head-position">{report.head_position}</dd>
            <dt>{T().verifiedAt}</dt>
            <dd>{formatDateTime(report.verified_at)}</dd>
          </dl>
        </>
      )}
      {(!error || retryable(error)) && (
        <button type="button" class="secondary" disabled={busy} onClick={() => load(true)}>
          {T().again}
        </button>
      )}
    </section>
  );
}
