// Shared building blocks: errors, loading, status labels, action buttons, page titles.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { lang, messages } from "./i18n";

const T = messages({
  de: {
    loading: "Wird geladen …",
    error: "Fehler",
    retry: "Erneut versuchen",
    busy: "Bitte warten …",
  },
  en: {
    loading: "Loading …",
    error: "Error",
    retry: "Try again",
    busy: "Please wait …",
  },
});

const STATUS = {
  de: {
    scheduled: "Geplant",
    prepared: "Vorbereitet",
    in_session: "In Sitzung",
    closed: "Geschlossen",
    reported: "Dokumentiert",
    drafted: "Entwurf",
    proposed: "In der AG beschlossen",
    returned: "Zurückgegeben",
    adopted: "Vom Plenum verabschiedet",
    submitted: "Im Ausschuss",
    deferred: "Zurückgestellt",
    approved: "Beschlossen",
    amended: "Geändert beschlossen",
    noted: "Zur Kenntnis genommen",
    rejected: "Abgelehnt",
    in_implementation: "In Umsetzung",
    implemented: "Umgesetzt",
    partly_implemented: "Teilweise umgesetzt",
    abandoned: "Aufgegeben",
    evaluated: "Bewertet",
    carried_over: "Fortgeführt",
    withdrawn: "Zurückgezogen",
    lapsed: "Verfallen",
  },
  en: {
    scheduled: "Scheduled",
    prepared: "Prepared",
    in_session: "In session",
    closed: "Closed",
    reported: "Reported",
    drafted: "Draft",
    proposed: "Agreed in group",
    returned: "Returned",
    adopted: "Adopted by plenary",
    submitted: "In committee",
    deferred: "Deferred",
    approved: "Approved",
    amended: "Approved with changes",
    noted: "Noted",
    rejected: "Rejected",
    in_implementation: "In implementation",
    implemented: "Implemented",
    partly_implemented: "Partly implemented",
    abandoned: "Abandoned",
    evaluated: "Evaluated",
    carried_over: "Carried over",
    withdrawn: "Withdrawn",
    lapsed: "Lapsed",
  },
} as const;

/** The German (or English) name of a conference or measure status. */
export function statusLabel(status: string): string {
  const table = STATUS[lang()] as Record<string, string>;
  return table[status] ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{statusLabel(status)}</span>;
}

/** The text to show for any error: the API's problem detail, or a plain message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Whether trying the same again can help: yes when the server was not reached, failed itself (5xx)
 * or asked to wait (429); no for a refusal (403), something missing (404), a conflict (409) or a
 * broken rule (422), which stay the same however often one asks.
 */
export function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const text = errorText(error);
  const title = error instanceof ApiError && error.title && error.title !== error.detail ? error.title : T().error;
  // The detail often names its kind itself ("Keine Berechtigung: …"): then it is said once.
  const prefixed = text.toLocaleLowerCase().startsWith(title.toLocaleLowerCase());
  return (
    <div class="error" role="alert">
      {!prefixed && <strong>{title}:</strong>} {text}
      {onRetry && retryable(error) && (
        <button type="button" class="link" onClick={onRetry}>
          {T().retry}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status" aria-live="polite">
      {T().loading}
    </p>
  );
}

/** Sets the document title and renders the page heading. */
export function PageTitle({ children, title }: { children?: ComponentChildren; title: string }) {
  useEffect(() => {
    document.title = `${title} – Sozialkonferenz`;
  }, [title]);
  return <h1 id="page-title">{children ?? title}</h1>;
}

/**
 * A button that runs an async action: disabled while it runs, the error shown beside it
 * (role=alert), `onDone` after success. Nothing the user typed is lost on failure.
 */
export function ActionButton({
  label,
  action,
  onDone,
  kind = "primary",
  disabled = false,
  confirm,
}: {
  label: string;
  action: () => Promise<unknown>;
  onDone?: (result: unknown) => void;
  kind?: "primary" | "secondary" | "danger";
  disabled?: boolean;
  confirm?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      onDone?.(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button type="button" class={kind} disabled={disabled || busy} aria-busy={busy} onClick={run}>
        {busy ? T().busy : label}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

/** A labelled form field; `id` ties the label to the control for screen readers. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export interface PersonOption {
  id: string;
  name: string;
  erased: boolean;
}

/** Everyone not erased, by name (for choosers). */
export function usePeople(): PersonOption[] {
  const [people, setPeople] = useState<PersonOption[]>([]);
  useEffect(() => {
    api.get<PersonOption[]>("/people").then(
      (list) => setPeople(list.filter((p) => !p.erased).sort((a, b) => a.name.localeCompare(b.name, "de"))),
      () => setPeople([]),
    );
  }, []);
  return people;
}

/** Choose a person (every person not erased, by name). */
export function PersonSelect({
  id,
  label,
  emptyLabel,
  value,
  onChange,
}: {
  id: string;
  label: string;
  emptyLabel: string;
  value: string;
  onChange: (personId: string) => void;
}) {
  const people = usePeople();
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        <option value="">{emptyLabel}</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
