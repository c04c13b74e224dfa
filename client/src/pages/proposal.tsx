// The live proposal form: every field of a measure proposal co-edited by the working group at once
// (Quill editors bound to one Yjs document), with presence, connection state, offline copy in the
// browser, and the moderation's actions (agree in the group, withdraw). Who may edit, read along
// or only read the stored text comes from the server's permissions for this measure.

import Quill from "quill";
import QuillCursors from "quill-cursors";
import "quill/dist/quill.snow.css";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { QuillBinding } from "y-quill";
import { api } from "../api";
import { colorFor, ProposalSession, type SessionState } from "../collab";
import { CLOSE_FORBIDDEN, fieldLabel, PROPOSAL_FIELDS, type ProposalField } from "../fields";
import { fill, messages } from "../i18n";
import { useLive } from "../live";
import { can, type Me, usePermissions, useSession } from "../session";
import { ConfirmButton } from "../dialog";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, StatusBadge, statusLabel } from "../ui";
import { showNamesWhileTyping } from "./proposal-cursors";
import { SimilarProposals } from "./similar";
import "./proposal.css";

Quill.register("modules/cursors", QuillCursors);

const T = messages({
  de: {
    title: "Vorschlag {reference}",
    untitled: "Maßnahmenvorschlag",
    reference: "Nummer",
    status: "Stand",
    group: "Arbeitsgruppe",
    measurePage: "Maßnahmenseite",
    openMeasure: "Maßnahme {reference} ansehen",
    text: "Text des Vorschlags",
    textHint: "Alle Mitglieder der AG schreiben gleichzeitig; Änderungen werden sofort übertragen und gespeichert.",
    connected: "Verbunden",
    connecting: "Verbinde …",
    offline: "Offline – Ihre Änderungen werden im Browser gespeichert und übertragen, sobald die Verbindung zurück ist",
    refused: "Nur lesen",
    savedLocally: "Alle Änderungen sind im Browser gesichert.",
    savingLocally: "Wird im Browser gesichert …",
    presentNow: "Jetzt hier:",
    you: "(Sie)",
    nobodyPresent: "niemand",
    readOnlyAccess: "Nur Lesezugriff – bearbeiten können die Mitglieder der Arbeitsgruppe.",
    noLiveAccess: "Sie sehen den gespeicherten Text. Mitlesen beim Schreiben und Bearbeiten ist den Beteiligten der Konferenz vorbehalten.",
    frozen: "Dieser Vorschlag ist eingefroren (Stand: {status}); der Text kann hier nicht mehr geändert werden.",
    moderation: "Moderation",
    moderationHint: "Beschließen und Zurückziehen ist Aufgabe der Moderation dieser AG ({names}).",
    noModerators: "Für diese AG ist noch keine Moderation eingetragen.",
    agree: "In der AG beschließen",
    agreeTitle: "Vorschlag in der AG beschließen?",
    agreeConfirm: "Ja, beschließen",
    agreeConsequence: "Der Text wird eingefroren; danach kann die AG ihn nicht mehr bearbeiten.",
    withdraw: "Zurückziehen",
    withdrawReason: "Begründung für das Zurückziehen",
    withdrawConfirm: "Vorschlag zurückziehen",
    cancel: "Abbrechen",
    reasonMissing: "Bitte eine Begründung angeben.",
    noActions: "Für diesen Vorschlag sind in der AG keine Schritte mehr offen.",
    formatting: "Formatierung: {label}",
    bold: "Fett",
    italic: "Kursiv",
    ordered: "Nummerierte Liste",
    bullet: "Aufzählung",
    clean: "Formatierung entfernen",
    empty: "– leer –",
    h_description: "Ausgangslage und was getan werden soll. Fett, kursiv und Listen sind möglich.",
  },
  en: {
    title: "Proposal {reference}",
    untitled: "Measure proposal",
    reference: "Reference",
    status: "Status",
    group: "Working group",
    measurePage: "Measure page",
    openMeasure: "View measure {reference}",
    text: "Text of the proposal",
    textHint: "All group members write at the same time; changes are shared and saved at once.",
    connected: "Connected",
    connecting: "Connecting …",
    offline: "Offline – your changes are kept in the browser and sent as soon as the connection is back",
    refused: "Read only",
    savedLocally: "All changes are kept in the browser.",
    savingLocally: "Keeping changes in the browser …",
    presentNow: "Here now:",
    you: "(you)",
    nobodyPresent: "nobody",
    readOnlyAccess: "Read-only access – the members of the working group can edit.",
    noLiveAccess: "You see the saved text. Reading along while the group writes and editing is for the participants of the conference.",
    frozen: "This proposal is frozen (status: {status}); its text can no longer be changed here.",
    moderation: "Moderation",
    moderationHint: "Agreeing and withdrawing is the task of this group's moderation ({names}).",
    noModerators: "No moderator is assigned to this group yet.",
    agree: "Agree in the group",
    agreeTitle: "Agree on the proposal in the group?",
    agreeConfirm: "Yes, agree",
    agreeConsequence: "The text is frozen; afterwards the group can no longer edit it.",
    withdraw: "Withdraw",
    withdrawReason: "Reason for withdrawing",
    withdrawConfirm: "Withdraw proposal",
    cancel: "Cancel",
    reasonMissing: "Please give a reason.",
    noActions: "No further steps are open for this proposal in the group.",
    formatting: "Formatting: {label}",
    bold: "Bold",
    italic: "Italic",
    ordered: "Numbered list",
    bullet: "Bulleted list",
    clean: "Remove formatting",
    empty: "– empty –",
    h_description: "Starting situation and what will be done. Bold, italic and lists are possible.",
  },
});

const EDITABLE = ["drafted", "returned"];
const OPEN = ["drafted", "returned", "proposed"];

interface Measure extends Record<string, unknown> {
  id: string;
  reference: string;
  status: string;
  title: string;
  working_group_id: string;
  conference_id: string;
}

interface Group {
  id: string;
  number: number;
  name: string;
  closed: boolean;
  moderators: { id: string; name: string }[];
}

function useSessionState(session: ProposalSession | null): SessionState | null {
  const [state, setState] = useState<SessionState | null>(session?.current ?? null);
  useEffect(() => (session ? session.subscribe(setState) : undefined), [session]);
  return state;
}

/** One field: a Quill editor bound to the Y.Text of the same name. */
function FieldEditor({
  session,
  field,
  readOnly,
}: {
  session: ProposalSession;
  field: ProposalField;
  readOnly: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const quill = useRef<Quill | null>(null);
  const rich = field === "description";
  const labelId = `label-${field}`;
  useEffect(() => {
    const container = document.createElement("div");
    host.current!.appendChild(container);
    const editor = new Quill(container, {
      theme: "snow",
      formats: rich ? ["bold", "italic", "list"] : [],
      modules: {
        toolbar: rich ? [["bold", "italic"], [{ list: "ordered" }, { list: "bullet" }], ["clean"]] : false,
        cursors: { transformOnTextChange: true, hideDelayMs: 4000 },
        history: { userOnly: true },
      },
    });
    const root = editor.root;
    root.setAttribute("role", "textbox");
    root.setAttribute("aria-multiline", "true");
    root.setAttribute("aria-labelledby", labelId);
    if (rich) {
      root.setAttribute("aria-describedby", `hint-${field}`);
      const toolbar = host.current!.querySelector(".ql-toolbar");
      toolbar?.setAttribute("role", "toolbar");
      toolbar?.setAttribute("aria-label", fill(T().formatting, { label: fieldLabel(field) }));
      const names: [string, string][] = [
        ["button.ql-bold", T().bold],
        ["button.ql-italic", T().italic],
        ['button.ql-list[value="ordered"]', T().ordered],
        ['button.ql-list[value="bullet"]', T().bullet],
        ["button.ql-clean", T().clean],
      ];
      for (const [selector, name] of names) {
        host.current!.querySelector(selector)?.setAttribute("aria-label", name);
      }
    }
    const stopNames = showNamesWhileTyping(editor.getModule("cursors") as QuillCursors);
    const binding = new QuillBinding(session.text(field), editor, session.fieldAwareness(field));
    quill.current = editor;
    const element = host.current!;
    return () => {
      binding.destroy();
      stopNames();
      quill.current = null;
      element.innerHTML = "";
    };
  }, [session, field]);
  useEffect(() => {
    const editor = quill.current;
    if (!editor) return;
    editor.enable(!readOnly);
    editor.root.setAttribute("aria-readonly", String(readOnly));
    if (readOnly) editor.blur();
  }, [readOnly, session, field]);
  return (
    <div class={`field proposal-field field-${field}`}>
      <span class="label" id={labelId}>
        {fieldLabel(field)}
      </span>
      {rich && (
        <small class="hint" id={`hint-${field}`}>
          {T().h_description}
        </small>
      )}
      <div class={rich ? "editor rich" : "editor plain"} ref={host} />
    </div>
  );
}

function ConnectionIndicator({ state }: { state: SessionState }) {
  const text = state.refused
    ? T().refused
    : state.connection === "connected"
      ? T().connected
      : state.connection === "connecting"
        ? T().connecting
        : T().offline;
  const kind = state.refused ? "offline" : state.connection === "connected" ? "online" : state.connection;
  return (
    <p class={`connection collab-connection ${kind}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}

function PresenceList({ state }: { state: SessionState }) {
  const seen = new Set<string>();
  const people = state.present.filter((p) => {
    const key = `${p.name}|${p.self}`;
    if (seen.has(key) || (!p.self && state.present.some((q) => q.self && q.name === p.name))) return false;
    seen.add(key);
    return true;
  });
  return (
    <p class="presence" aria-live="polite">
      <strong>{T().presentNow}</strong>{" "}
      {people.length === 0
        ? T().nobodyPresent
        : people.map((person, index) => (
            <span key={person.clientId}>
              {index > 0 && ", "}
              <span class="present" style={{ borderColor: person.color }}>
                {person.name}
                {person.self && ` ${T().you}`}
              </span>
            </span>
          ))}
    </p>
  );
}

/** The live form: editors for every field on one shared document (read only with `readOnlyAccess`). */
function LiveForm({
  measureId,
  me,
  editable,
  readOnlyAccess,
  statusText,
  onTextChange,
}: {
  measureId: string;
  me: Me;
  editable: boolean;
  readOnlyAccess: boolean;
  statusText: string;
  onTextChange?: () => void;
}) {
  const [session, setSession] = useState<ProposalSession | null>(null);
  useEffect(() => {
    const created = new ProposalSession(measureId, { name: me.name, color: colorFor(me.person_id) });
    setSession(created);
    return () => created.destroy();
  }, [measureId, me.person_id, me.name]);
  useEffect(() => {
    // Anyone's typing (own or others'): the similar proposals are asked again shortly after.
    if (!session || !onTextChange) return;
    const changed = () => onTextChange();
    session.doc.on("update", changed);
    return () => session.doc.off("update", changed);
  }, [session, onTextChange]);
  const state = useSessionState(session);
  useEffect(() => {
    // Returned to the group: the server accepts edits again.
    if (editable && !readOnlyAccess && session) session.clearRefusal();
  }, [editable, readOnlyAccess, session]);
  if (!session || !state) return <Loading />;
  const readOnly = readOnlyAccess || !editable || state.refused !== null;
  const forbidden = state.closedWith === CLOSE_FORBIDDEN;
  // With read-only access the server's "read only" notice is expected: no refusal of the connection.
  const refused = readOnlyAccess && state.closedWith === null ? null : state.refused;
  const readingAlong = readOnlyAccess && editable && !forbidden;
  // Revoked while open beats everything; then reading along; then the server's reason, or frozen.
  const notice = forbidden
    ? state.refused
    : readingAlong
      ? T().readOnlyAccess
      : (refused ?? fill(T().frozen, { status: statusText }));
  return (
    <>
      <div class="collab-bar">
        <ConnectionIndicator state={{ ...state, refused }} />
        {state.connection !== "connected" && !refused && (
          <span class="local-save muted">{state.savedLocally ? T().savedLocally : T().savingLocally}</span>
        )}
        <PresenceList state={state} />
      </div>
      {readOnly && (
        <p class={`notice ${readingAlong ? "read-only-notice" : "frozen-notice"}`} role="alert">
          {notice}
        </p>
      )}
      {PROPOSAL_FIELDS.map((field) => (
        <FieldEditor key={field} session={session} field={field} readOnly={readOnly} />
      ))}
    </>
  );
}

/** The text as the server has it, read only (frozen proposal, or nobody chosen to act as). */
function ReadOnlyForm({ measure }: { measure: Measure }) {
  return (
    <dl class="proposal-readonly">
      {PROPOSAL_FIELDS.map((field) => (
        <div key={field}>
          <dt>{fieldLabel(field)}</dt>
          <dd>{String(measure[field] ?? "") || <span class="muted">{T().empty}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function WithdrawForm({ measureId, onDone }: { measureId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {T().withdraw}
      </button>
    );
  }
  return (
    <div class="withdraw-form card">
      <Field id="withdraw-reason" label={T().withdrawReason}>
        <textarea id="withdraw-reason" value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions">
        <ActionButton
          kind="danger"
          label={T().withdrawConfirm}
          action={async () => {
            if (!reason.trim()) throw new Error(T().reasonMissing);
            return api.post(`/measures/${measureId}/withdrawal`, { reason });
          }}
          onDone={() => {
            setOpen(false);
            setReason("");
            onDone();
          }}
        />
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {T().cancel}
        </button>
      </div>
    </div>
  );
}

function Moderation({
  measure,
  group,
  actions,
  onDone,
}: {
  measure: Measure;
  group: Group;
  actions: { agree: boolean; withdraw: boolean };
  onDone: () => void;
}) {
  const editable = EDITABLE.includes(measure.status);
  const open = OPEN.includes(measure.status);
  const names = group.moderators.map((m) => m.name).join(", ");
  const mayAct = actions.agree || actions.withdraw;
  return (
    <section class="card" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{T().moderation}</h2>
      <p class="muted">{names ? fill(T().moderationHint, { names }) : T().noModerators}</p>
      {!mayAct ? null : open ? (
        <div class="actions">
          {editable && actions.agree && (
            <ConfirmButton
              label={T().agree}
              title={T().agreeTitle}
              confirmLabel={T().agreeConfirm}
              describe={() => <p>{T().agreeConsequence}</p>}
              action={() => api.post(`/measures/${measure.id}/agreement`, {})}
              onDone={onDone}
            />
          )}
          {actions.withdraw && <WithdrawForm measureId={measure.id} onDone={onDone} />}
        </div>
      ) : (
        <p>{T().noActions}</p>
      )}
    </section>
  );
}

export function ProposalPage({ groupId, measureId }: { groupId: string; measureId: string }) {
  const me = useSession();
  const permissions = usePermissions({ measure_id: measureId });
  const { data, error, reload } = useLive(
    () => Promise.all([api.get<Measure>(`/measures/${measureId}`), api.get<Group>(`/working-groups/${groupId}`)]),
    [measureId, groupId],
    { relevant: (change) => change.id === measureId || change.id === groupId },
  );
  // Once the live form is shown it stays (a frozen proposal keeps its editors, read only).
  const [live, setLive] = useState(false);
  const [textVersion, setTextVersion] = useState(0);
  const textChanged = useCallback(() => setTextVersion((version) => version + 1), []);
  const [measure, group] = data ?? [];
  const editable = measure ? EDITABLE.includes(measure.status) : false;
  useEffect(() => {
    if (editable) setLive(true);
  }, [editable]);
  useEffect(() => setLive(false), [measureId]);
  const liveAccess = permissions?.live ?? null;
  const heading = measure ? fill(T().title, { reference: measure.reference }) : T().untitled;
  return (
    <>
      <PageTitle title={heading} />
      <ErrorMessage error={error} onRetry={reload} />
      {!data && !error && <Loading />}
      {measure && group && (
        <>
          <dl class="facts proposal-facts">
            <dt>{T().reference}</dt>
            <dd>{measure.reference}</dd>
            <dt>{T().status}</dt>
            <dd>
              <StatusBadge status={measure.status} />
            </dd>
            <dt>{T().group}</dt>
            <dd>
              <a href={`/arbeitsgruppen/${group.id}`}>
                AG {group.number}: {group.name}
              </a>
            </dd>
            <dt>{T().measurePage}</dt>
            <dd>
              <a href={`/massnahmen/${measure.id}`}>{fill(T().openMeasure, { reference: measure.reference })}</a>
            </dd>
          </dl>
          <section class="card" aria-labelledby="text-title">
            <h2 id="text-title">{T().text}</h2>
            {permissions === undefined ? (
              <Loading />
            ) : me && liveAccess && (live || editable) ? (
              <>
                <p class="muted">{T().textHint}</p>
                <LiveForm
                  key={`${measureId}|${me.person_id}`}
                  measureId={measureId}
                  me={me}
                  editable={editable}
                  readOnlyAccess={liveAccess === "read"}
                  statusText={statusLabel(measure.status)}
                  onTextChange={textChanged}
                />
              </>
            ) : (
              <>
                <p class="notice">
                  {editable ? T().noLiveAccess : fill(T().frozen, { status: statusLabel(measure.status) })}
                </p>
                <ReadOnlyForm measure={measure} />
              </>
            )}
          </section>
          <SimilarProposals measureId={measureId} changeKey={`${textVersion}|${measure.updated_at}`} />
          <Moderation
            measure={measure}
            group={group}
            actions={{ agree: can(permissions, "agree_in_group"), withdraw: can(permissions, "withdraw_measure") }}
            onDone={reload}
          />
        </>
      )}
    </>
  );
}
