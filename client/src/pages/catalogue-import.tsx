// "Maßnahmenkatalog importieren": an organiser picks a CSV or XLSX file, sees the dry run (which column
// means what, what would be created, every row that cannot be read and why), then imports it and follows
// the progress. Nothing is written before the import is confirmed; a file with unreadable rows is imported
// only when the organiser chooses "nur die lesbaren Zeilen" explicitly.

import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fill, messages } from "../i18n";
import { can, usePermissions } from "../session";
import { ErrorMessage, Field, Loading, PageTitle } from "../ui";
import "./catalogue-import.css";

const T = messages({
  de: {
    title: "Maßnahmenkatalog importieren",
    intro:
      "Eine Tabelle (CSV oder Excel-Arbeitsmappe .xlsx) mit einer Maßnahme pro Zeile. Die Spalten werden an ihren Überschriften erkannt (z. B. „Maßnahme“, „Beschreibung“, „Ziel“, „Zielgruppe“, „Federführung“, „Sozialraum“, „AG“, „Status“, „Indikator“, „Ausgangswert“, „Zielwert“). Zuerst wird nur geprüft; importiert wird erst nach Bestätigung. Dieselbe Datei noch einmal zu importieren legt nichts doppelt an.",
    file: "Datei",
    check: "Datei prüfen (Probelauf)",
    checking: "Wird geprüft …",
    notAllowed: "Nur das Organisationsteam dieser Konferenz kann einen Katalog importieren.",
    back: "Zurück zur Konferenz",
    report: "Ergebnis der Prüfung",
    fileErrors: "Die Datei kann nicht importiert werden",
    format: "Format",
    counts: "{rows} Zeilen gelesen: {to_create} neue Maßnahmen, {already_imported} bereits importiert, {repeated} doppelt in der Datei, {unreadable} nicht lesbar, {empty_skipped} leere Zeilen übersprungen.",
    columns: "Erkannte Spalten",
    column: "Spalte",
    header: "Überschrift",
    meaning: "Bedeutung",
    unknown: "nicht erkannt, wird nicht gelesen",
    duplicate: "doppelt, wird nicht gelesen",
    notes: "Hinweise",
    problems: "Nicht lesbare Zeilen",
    row: "Zeile",
    reason: "Grund",
    warnings: "Hinweise zu einzelnen Zeilen",
    toCreate: "Diese Maßnahmen würden angelegt",
    more: "… und {count} weitere.",
    group: "Arbeitsgruppe",
    district: "Sozialraum",
    measure: "Maßnahme",
    proposed: "von der AG vorgeschlagen",
    draft: "Entwurf",
    importAll: "{count} Maßnahmen importieren",
    importReadable: "Nur die {count} lesbaren Zeilen importieren",
    nothingNew: "Nichts Neues: alle Zeilen sind schon importiert.",
    running: "Import läuft: {done} von {total} Zeilen",
    done: "Import abgeschlossen: {created} Maßnahmen angelegt.",
    failed: "Import unterbrochen",
    encoding: "Zeichenkodierung",
    separator: "Trennzeichen",
    sheet: "Tabellenblatt",
  },
  en: {
    title: "Import a measure catalogue",
    intro:
      "A table (CSV or Excel workbook .xlsx) with one measure per row. Columns are recognised by their German headers (e.g. “Maßnahme”, “Beschreibung”, “Ziel”, “Zielgruppe”, “Federführung”, “Sozialraum”, “AG”, “Status”, “Indikator”, “Ausgangswert”, “Zielwert”). The file is checked first; it is imported only once confirmed. Importing the same file again creates nothing twice.",
    file: "File",
    check: "Check the file (dry run)",
    checking: "Checking …",
    notAllowed: "Only the organisers of this conference can import a catalogue.",
    back: "Back to the conference",
    report: "Result of the check",
    fileErrors: "The file cannot be imported",
    format: "Format",
    counts: "{rows} rows read: {to_create} new measures, {already_imported} already imported, {repeated} repeated in the file, {unreadable} unreadable, {empty_skipped} empty rows skipped.",
    columns: "Recognised columns",
    column: "Column",
    header: "Header",
    meaning: "Meaning",
    unknown: "not recognised, not read",
    duplicate: "duplicate, not read",
    notes: "Notes",
    problems: "Unreadable rows",
    row: "Row",
    reason: "Reason",
    warnings: "Notes on single rows",
    toCreate: "These measures would be created",
    more: "… and {count} more.",
    group: "Working group",
    district: "District",
    measure: "Measure",
    proposed: "proposed by the group",
    draft: "draft",
    importAll: "Import {count} measures",
    importReadable: "Import only the {count} readable rows",
    nothingNew: "Nothing new: every row has been imported already.",
    running: "Import running: {done} of {total} rows",
    done: "Import finished: {created} measures created.",
    failed: "Import interrupted",
    encoding: "Encoding",
    separator: "Separator",
    sheet: "Sheet",
  },
});

interface Column {
  column: string;
  header: string;
  label: string;
}

interface Problem {
  row: number;
  column: string;
  reason: string;
}

interface Report {
  filename: string;
  format: string;
  encoding: string;
  separator: string;
  sheet: string;
  columns: Column[];
  unknown_columns: Column[];
  duplicate_columns: Column[];
  notes: string[];
  file_errors: string[];
  counts: Record<"rows" | "to_create" | "already_imported" | "repeated" | "unreadable" | "empty_skipped", number>;
  to_create: { row: number; title: string; working_group: string; district: string; proposed: boolean }[];
  problems: Problem[];
  warnings: Problem[];
  readable: boolean;
  created?: number;
}

interface Job {
  import_id: string;
  state: "running" | "done" | "failed";
  total: number;
  done: number;
  error: string;
  report: Report;
}

interface Upload {
  filename: string;
  content_base64: string;
}

const POLL_MS = 300;

async function readFile(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, content_base64: btoa(binary) };
}

function ReportView({ report }: { report: Report }) {
  const t = T();
  return (
    <section class="card import-report" aria-labelledby="report-title">
      <h2 id="report-title">{t.report}</h2>
      <p>
        {t.format}: {report.format}
        {report.encoding && ` · ${t.encoding}: ${report.encoding}`}
        {report.separator && ` · ${t.separator}: ${report.separator}`}
        {report.sheet && ` · ${t.sheet}: ${report.sheet}`}
      </p>
      {report.file_errors.length > 0 && (
        <div class="error" role="alert">
          <h3>{t.fileErrors}</h3>
          <ul>
            {report.file_errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}
      {report.columns.length > 0 && (
        <p class="import-counts" data-testid="import-counts">
          {fill(t.counts, report.counts)}
        </p>
      )}
      {report.columns.length > 0 && (
        <details open>
          <summary>{t.columns}</summary>
          <table class="import-columns">
            <thead>
              <tr>
                <th>{t.column}</th>
                <th>{t.header}</th>
                <th>{t.meaning}</th>
              </tr>
            </thead>
            <tbody>
              {report.columns.map((c) => (
                <tr key={c.column}>
                  <td>{c.column}</td>
                  <td>{c.header}</td>
                  <td>{c.label}</td>
                </tr>
              ))}
              {report.unknown_columns.map((c) => (
                <tr key={c.column} class="unknown">
                  <td>{c.column}</td>
                  <td>{c.header}</td>
                  <td>{t.unknown}</td>
                </tr>
              ))}
              {report.duplicate_columns.map((c) => (
                <tr key={c.column} class="unknown">
                  <td>{c.column}</td>
                  <td>{c.header}</td>
                  <td>
                    {c.label}: {t.duplicate}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {report.notes.length > 0 && (
        <>
          <h3>{t.notes}</h3>
          <ul>
            {report.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
      <ProblemTable title={t.problems} rows={report.problems} id="import-problems" />
      <ProblemTable title={t.warnings} rows={report.warnings} id="import-warnings" />
      {report.to_create.length > 0 && (
        <>
          <h3>{t.toCreate}</h3>
          <table class="import-rows" data-testid="import-rows">
            <thead>
              <tr>
                <th>{t.row}</th>
                <th>{t.measure}</th>
                <th>{t.group}</th>
                <th>{t.district}</th>
                <th>{t.meaning}</th>
              </tr>
            </thead>
            <tbody>
              {report.to_create.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.title}</td>
                  <td>{r.working_group}</td>
                  <td>{r.district}</td>
                  <td>{r.proposed ? t.proposed : t.draft}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.counts.to_create > report.to_create.length && (
            <p>{fill(t.more, { count: report.counts.to_create - report.to_create.length })}</p>
          )}
        </>
      )}
    </section>
  );
}

function ProblemTable({ title, rows, id }: { title: string; rows: Problem[]; id: string }) {
  const t = T();
  if (rows.length === 0) return null;
  return (
    <>
      <h3 id={`${id}-title`}>{title}</h3>
      <table class="import-problems" aria-labelledby={`${id}-title`} data-testid={id}>
        <thead>
          <tr>
            <th>{t.row}</th>
            <th>{t.column}</th>
            <th>{t.reason}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, index) => (
            <tr key={index}>
              <td>{p.row}</td>
              <td>{p.column}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Progress({ conferenceId, job, onJob }: { conferenceId: string; job: Job; onJob: (job: Job) => void }) {
  const t = T();
  useEffect(() => {
    if (job.state !== "running") return;
    const timer = window.setTimeout(() => {
      api.get<Job>(`/conferences/${conferenceId}/catalogue-import/${job.import_id}`).then(onJob, () => onJob(job));
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job]);
  if (job.state === "running") {
    return (
      <div class="import-progress" role="status">
        <progress value={job.done} max={Math.max(job.total, 1)} />
        <p>{fill(t.running, { done: job.done, total: job.total })}</p>
      </div>
    );
  }
  if (job.state === "failed") {
    return (
      <div class="error" role="alert">
        <strong>{t.failed}</strong>: {job.error}
      </div>
    );
  }
  return (
    <p class="notice" role="status" data-testid="import-done">
      {fill(t.done, { created: job.report.created ?? 0 })}
    </p>
  );
}

export function CatalogueImportPage({ conferenceId }: { conferenceId: string }) {
  const t = T();
  const allowed = usePermissions({ conference_id: conferenceId });
  const [upload, setUpload] = useState<Upload | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (mode: string, body: Upload) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<Job & { report: Report }>(`/conferences/${conferenceId}/catalogue-import`, {
        ...body,
        mode,
      });
      if (mode === "dry_run") setReport(answer.report);
      else setJob(answer);
    } catch (failure) {
      if (failure instanceof ApiError && failure.problem.report) setReport(failure.problem.report as Report);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    setReport(null);
    setJob(null);
    setError(null);
    setUpload(file ? await readFile(file) : null);
  };

  if (allowed === undefined) return <Loading />;
  return (
    <div class="catalogue-import-page">
      <PageTitle title={t.title} />
      <p>
        <a href={`/konferenzen/${conferenceId}`}>{t.back}</a>
      </p>
      {!can(allowed, "import_catalogue") ? (
        <p class="notice">{t.notAllowed}</p>
      ) : (
        <>
          <section class="card">
            <p>{t.intro}</p>
            <Field id="catalogue-file" label={t.file}>
              <input id="catalogue-file" type="file" accept=".csv,.xlsx,.xlsm,.txt" onChange={onFile} disabled={busy} />
            </Field>
            <div class="actions">
              <button type="button" disabled={!upload || busy || !!job} onClick={() => upload && send("dry_run", upload)}>
                {busy && !report ? t.checking : t.check}
              </button>
            </div>
          </section>
          <ErrorMessage error={error} />
          {report && <ReportView report={report} />}
          {report && upload && !job && report.file_errors.length === 0 && (
            <div class="actions">
              {report.counts.to_create === 0 ? (
                <p class="notice">{t.nothingNew}</p>
              ) : report.readable ? (
                <button type="button" disabled={busy} onClick={() => send("import", upload)}>
                  {fill(t.importAll, { count: report.counts.to_create })}
                </button>
              ) : (
                <button type="button" class="secondary" disabled={busy} onClick={() => send("import_readable", upload)}>
                  {fill(t.importReadable, { count: report.counts.to_create })}
                </button>
              )}
            </div>
          )}
          {job && <Progress conferenceId={conferenceId} job={job} onJob={setJob} />}
        </>
      )}
    </div>
  );
}
