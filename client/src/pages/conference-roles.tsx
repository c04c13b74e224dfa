// The organisers' part of the conference page for people: who holds which role in this conference
// (grant, revoke with a reason), and invitation links with which a person sets her password.

import { useState } from "preact/hooks";
import { api } from "../api";
import { fill, formatDateTime, messages } from "../i18n";
import { useLive } from "../live";
import { CONFERENCE_ROLES, roleLabel } from "../session";
import { ActionButton, ErrorMessage, Field, PersonSelect, usePeople } from "../ui";

const T = messages({
  de: {
    roles: "Rollen",
    rolesIntro:
      "Rollen gelten nur für diese Konferenz. Moderation und Mitglieder der Arbeitsgruppen ergeben sich aus den Arbeitsgruppen; stadtweite Rollen vergibt das Organisationsteam der Stadt.",
    noRoles: "In dieser Konferenz ist noch keine Rolle vergeben.",
    person: "Person",
    role: "Rolle",
    actions: "Aktion",
    revoke: "Entziehen",
    revokeReason: "Begründung für das Entziehen",
    revokeConfirm: "Rolle entziehen",
    cancel: "Abbrechen",
    reasonMissing: "Bitte eine Begründung angeben.",
    grant: "Rolle vergeben",
    grantTitle: "Rolle vergeben",
    choose: "– bitte wählen –",
    personMissing: "Bitte eine Person wählen.",
    invitations: "Konten und Einladungslinks",
    invitationsIntro:
      "Ein Einladungslink lässt eine Person ihren Anmeldenamen und ihr Passwort festlegen. Er ist signiert, nur einmal verwendbar und läuft ab. Geben Sie ihn nur der eingeladenen Person.",
    createLink: "Einladungslink erstellen",
    linkFor: "Einladungslink für {name}",
    copy: "Link kopieren",
    copied: "Kopiert.",
    copyFailed: "Kopieren nicht möglich – bitte den Link markieren und kopieren.",
    validUntil: "Gültig bis {date}.",
  },
  en: {
    roles: "Roles",
    rolesIntro:
      "Roles apply to this conference only. Moderators and members come from the working groups; city-wide roles are granted by the city's organising team.",
    noRoles: "No role has been granted in this conference yet.",
    person: "Person",
    role: "Role",
    actions: "Action",
    revoke: "Revoke",
    revokeReason: "Reason for revoking",
    revokeConfirm: "Revoke role",
    cancel: "Cancel",
    reasonMissing: "Please give a reason.",
    grant: "Grant role",
    grantTitle: "Grant a role",
    choose: "– please choose –",
    personMissing: "Please choose a person.",
    invitations: "Accounts and invitation links",
    invitationsIntro:
      "An invitation link lets a person choose her login name and password. It is signed, works once and expires. Give it to the invited person only.",
    createLink: "Create invitation link",
    linkFor: "Invitation link for {name}",
    copy: "Copy link",
    copied: "Copied.",
    copyFailed: "Copying is not possible – please select and copy the link.",
    validUntil: "Valid until {date}.",
  },
});

interface RoleHolder {
  person_id: string;
  name: string;
  roles: string[];
}

function Revoke({
  conferenceId,
  holder,
  role,
  onDone,
}: {
  conferenceId: string;
  holder: RoleHolder;
  role: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const what = `${holder.name}, ${roleLabel(role)}`;
  if (!open) {
    return (
      <button type="button" class="secondary" aria-label={`${T().revoke}: ${what}`} onClick={() => setOpen(true)}>
        {T().revoke}
      </button>
    );
  }
  const id = `revoke-${holder.person_id}-${role}`;
  return (
    <div class="revoke-form">
      <Field id={id} label={`${T().revokeReason} (${what})`}>
        <input id={id} value={reason} size={40} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </Field>
      <div class="actions">
        <ActionButton
          kind="danger"
          label={T().revokeConfirm}
          action={async () => {
            if (!reason.trim()) throw new Error(T().reasonMissing);
            return api.post(`/conferences/${conferenceId}/roles/revocation`, {
              person_id: holder.person_id,
              role,
              reason: reason.trim(),
            });
          }}
          onDone={onDone}
        />
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {T().cancel}
        </button>
      </div>
    </div>
  );
}

/** Granted conference roles with revocation, and a form to grant one. */
export function Roles({ conferenceId, onDone }: { conferenceId: string; onDone: () => void }) {
  const { data, error, reload } = useLive(
    () => api.get<RoleHolder[]>(`/conferences/${conferenceId}/roles`),
    [conferenceId],
    { conferenceId },
  );
  const [person, setPerson] = useState("");
  const [role, setRole] = useState<string>(CONFERENCE_ROLES[0]);
  const done = () => {
    reload();
    onDone();
  };
  const rows = (data ?? []).flatMap((holder) => holder.roles.map((r) => ({ holder, role: r })));
  return (
    <section class="card" aria-labelledby="roles-title">
      <h2 id="roles-title">{T().roles}</h2>
      <p class="muted">{T().rolesIntro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data && rows.length === 0 && <p>{T().noRoles}</p>}
      {rows.length > 0 && (
        <table class="roles">
          <thead>
            <tr>
              <th scope="col">{T().person}</th>
              <th scope="col">{T().role}</th>
              <th scope="col">{T().actions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ holder, role: held }) => (
              <tr key={`${holder.person_id}-${held}`}>
                <td>{holder.name}</td>
                <td>{roleLabel(held)}</td>
                <td>
                  <Revoke conferenceId={conferenceId} holder={holder} role={held} onDone={done} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{T().grantTitle}</h3>
      <div class="row">
        <PersonSelect id="role-person" label={T().person} emptyLabel={T().choose} value={person} onChange={setPerson} />
        <Field id="role-role" label={T().role}>
          <select id="role-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
            {CONFERENCE_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ActionButton
        label={T().grant}
        action={async () => {
          if (!person) throw new Error(T().personMissing);
          return api.post(`/conferences/${conferenceId}/roles`, { person_id: person, role });
        }}
        onDone={() => {
          setPerson("");
          done();
        }}
      />
    </section>
  );
}

interface Invitation {
  token: string;
  link: string;
  expires_at: string;
}

async function copy(text: string, input: HTMLInputElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard access (no secure context, no permission): the old way.
    input?.select();
    if (!document.execCommand("copy")) throw new Error(T().copyFailed);
  }
}

/** Invitation links for people (organisers with the action `manage_accounts`). */
export function AccountInvitations() {
  const people = usePeople();
  const [person, setPerson] = useState("");
  const [created, setCreated] = useState<(Invitation & { name: string }) | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [copyError, setCopyError] = useState<unknown>(null);
  const absolute = created ? new URL(created.link, location.origin).href : "";
  return (
    <section class="card" aria-labelledby="account-invitations-title">
      <h2 id="account-invitations-title">{T().invitations}</h2>
      <p class="muted">{T().invitationsIntro}</p>
      <div class="row">
        <PersonSelect id="invite-person" label={T().person} emptyLabel={T().choose} value={person} onChange={setPerson} />
      </div>
      <ActionButton
        label={T().createLink}
        action={async () => {
          if (!person) throw new Error(T().personMissing);
          const invitation = await api.post<Invitation>(`/people/${person}/invitation`);
          return { ...invitation, name: people.find((p) => p.id === person)?.name ?? "" };
        }}
        onDone={(result) => {
          setCreated(result as Invitation & { name: string });
          setCopied(null);
          setCopyError(null);
        }}
      />
      {created && (
        <div class="created-invitation">
          <Field id="invite-link" label={fill(T().linkFor, { name: created.name })} hint={fill(T().validUntil, { date: formatDateTime(created.expires_at) })}>
            <span class="invite-link">
              <input id="invite-link" readOnly value={absolute} aria-describedby="invite-link-hint" onFocus={(e) => (e.target as HTMLInputElement).select()} />
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  copy(absolute, document.getElementById("invite-link") as HTMLInputElement | null).then(
                    () => setCopied(T().copied),
                    (failure: unknown) => setCopyError(failure),
                  )
                }
              >
                {T().copy}
              </button>
            </span>
          </Field>
          <p class="muted" role="status">
            {copied}
          </p>
          <ErrorMessage error={copyError} />
        </div>
      )}
    </section>
  );
}
