// A button whose action is asked for first: a modal dialog names the consequence, Escape or
// "Abbrechen" leaves everything as it was. The native <dialog> (showModal) keeps the focus inside
// and makes the rest of the page inert; the focus starts on "Abbrechen" and returns to the button.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api";
import { fieldLabel } from "./fields";
import { messages } from "./i18n";
import { ErrorMessage, Loading } from "./ui";

const T = messages({
  de: {
    cancel: "Abbrechen",
    busy: "Bitte warten …",
    missing: "Diese Pflichtfelder sind noch leer:",
  },
  en: {
    cancel: "Cancel",
    busy: "Please wait …",
    missing: "These required fields are still empty:",
  },
});

let dialogs = 0;

/** Tab and Shift+Tab wrap around inside the dialog instead of leaving it (for the browser's own bar). */
function trapFocus(event: KeyboardEvent, dialog: HTMLDialogElement | null) {
  if (event.key !== "Tab" || !dialog) return;
  const focusable = Array.from(
    dialog.querySelectorAll<HTMLElement>("button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"),
  );
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** The error of a refused action; a refused group agreement lists the empty required fields. */
export function RefusalMessage({ error }: { error: unknown }) {
  const missing = error instanceof ApiError ? error.problem.missing : undefined;
  if (!Array.isArray(missing) || missing.length === 0) return <ErrorMessage error={error} />;
  return (
    <div class="error" role="alert">
      <strong>{error instanceof ApiError ? error.title : ""}:</strong> {T().missing}
      <ul class="missing-fields">
        {missing.map((name) => (
          <li key={String(name)}>{fieldLabel(String(name))}</li>
        ))}
      </ul>
    </div>
  );
}

export function ConfirmButton({
  label,
  title,
  confirmLabel,
  describe,
  action,
  onDone,
  kind = "primary",
}: {
  label: string;
  title: string;
  confirmLabel: string;
  /** What the action will do; may ask the server first (a preview). */
  describe: () => ComponentChildren | Promise<ComponentChildren>;
  action: () => Promise<unknown>;
  onDone?: (result: unknown) => void;
  kind?: "primary" | "danger";
}) {
  const [open, setOpen] = useState(false);
  const [content, setContent] = useState<ComponentChildren>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [id] = useState(() => `confirm-${++dialogs}`);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const show = async () => {
    setError(null);
    setLoadError(null);
    setContent(null);
    setOpen(true);
    try {
      setContent(await describe());
    } catch (failure) {
      setLoadError(failure);
    }
  };
  const dismiss = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  const confirm = async () => {
    setOpen(false);
    setBusy(true);
    try {
      const result = await action();
      onDone?.(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      trigger.current?.focus();
    }
  };

  return (
    <span class="action">
      <button ref={trigger} type="button" class={kind} disabled={busy} aria-busy={busy} aria-haspopup="dialog" onClick={show}>
        {busy ? T().busy : label}
      </button>
      <RefusalMessage error={error} />
      <dialog
        ref={dialog}
        class="confirm"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={(event) => trapFocus(event, dialog.current)}
        onCancel={(event) => {
          event.preventDefault(); // Escape: close through our state, so Preact and the element agree
          dismiss();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{loadError ? <ErrorMessage error={loadError} /> : content ?? <Loading />}</div>
        <div class="actions">
          <button ref={cancel} type="button" class="secondary" onClick={dismiss}>
            {T().cancel}
          </button>
          <button type="button" class={kind} disabled={content === null || Boolean(loadError)} onClick={confirm}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </span>
  );
}
