// Account (`/konto`): change one's password (PUT /api/session/password), list one's API keys
// (GET /api/tokens), revoke one after a confirmation (DELETE /api/tokens/{id}), create one
// (POST /api/tokens), shown once; give or withdraw one's consent to being named publicly
// (POST /api/people/{id}/public-naming, …/withdrawal).

import { useState } from "preact/hooks";
import { api } from "../api";
import { fill, formatDateTime, messages } from "../i18n";
import { useLive } from "../live";
import { loadSession, useSession } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle } from "../ui";
import "./account.css";

const T = messages({
  de: {
    title: "Mein Konto",
    signedInAs: "Angemeldet als {name} (Anmeldename „{login}“).",
    password: "Passwort ändern",
    passwordHint: "Mindestens 10 Zeichen. Danach melden Sie sich mit dem neuen Passwort an.",
    current: "Aktuelles Passwort",
    newPassword: "Neues Passwort",
    repeat: "Neues Passwort wiederholen",
    change: "Passwort ändern",
    changed: "Das Passwort wurde geändert.",
    tooShort: "Das neue Passwort muss mindestens 10 Zeichen lang sein.",
    mismatch: "Die beiden neuen Passwörter stimmen nicht überein.",
    tokens: "Meine API-Schlüssel",
    tokensHint:
      "Ein API-Schlüssel meldet ein Skript als Sie an (Kopfzeile „Authorization: Bearer …“). Er wird nur beim Erzeugen angezeigt; bewahren Sie ihn wie ein Passwort auf.",
    noTokens: "Sie haben keine API-Schlüssel.",
    label: "Bezeichnung",
    created: "Erzeugt am",
    state: "Zustand",
    active: "gültig",
    revoked: "widerrufen",
    unnamed: "(ohne Bezeichnung)",
    revoke: "Widerrufen",
    revokeLabel: "API-Schlüssel „{label}“ widerrufen",
    confirmRevoke: "API-Schlüssel „{label}“ wirklich widerrufen? Skripte, die ihn nutzen, werden sofort abgemeldet.",
    tokenLabel: "Bezeichnung des neuen Schlüssels",
    tokenLabelHint: "Wofür der Schlüssel ist, z. B. „Auswertung Sozialplanung“.",
    create: "API-Schlüssel erzeugen",
    newToken: "Neuer API-Schlüssel (nur jetzt sichtbar)",
    naming: "Öffentliche Nennung",
    namingHint:
      "Öffentliche Rollen sind die Moderation einer Arbeitsgruppe, die Mitgliedschaft in einem Ausschuss oder in der Koordinierungsgruppe (auch ihr Vorsitz) und das Organisationsteam einer Konferenz. Nur wenn Sie einwilligen, nennt die Sozialkonferenz Ihren Namen öffentlich: im Ratsinformationssystem (OParl) mit Ihren öffentlichen Rollen und in der öffentlichen Dokumentation der Konferenzen, in deren Arbeitsgruppen Sie mitarbeiten. Sie können die Einwilligung jederzeit widerrufen; danach nennt die Sozialkonferenz Ihren Namen nicht mehr (Kopien, die andere schon abgerufen haben, kann sie nicht zurückholen).",
    namedYes: "Sie haben eingewilligt, öffentlich genannt zu werden.",
    namedNo: "Sie werden öffentlich nicht genannt.",
    consent: "In die öffentliche Nennung einwilligen",
    withdraw: "Einwilligung widerrufen",
    confirmWithdraw: "Einwilligung in die öffentliche Nennung wirklich widerrufen? Ihr Name verschwindet dann aus den öffentlichen Angaben.",
  },
  en: {
    title: "My account",
    signedInAs: "Signed in as {name} (login name “{login}”).",
    password: "Change password",
    passwordHint: "At least 10 characters. Afterwards you sign in with the new password.",
    current: "Current password",
    newPassword: "New password",
    repeat: "Repeat new password",
    change: "Change password",
    changed: "The password has been changed.",
    tooShort: "The new password must be at least 10 characters long.",
    mismatch: "The two new passwords do not match.",
    tokens: "My API keys",
    tokensHint:
      "An API key signs a script in as you (header “Authorization: Bearer …”). It is shown only when created; keep it like a password.",
    noTokens: "You have no API keys.",
    label: "Label",
    created: "Created",
    state: "State",
    active: "valid",
    revoked: "revoked",
    unnamed: "(no label)",
    revoke: "Revoke",
    revokeLabel: "Revoke API key “{label}”",
    confirmRevoke: "Really revoke the API key “{label}”? Scripts using it are signed out at once.",
    tokenLabel: "Label of the new key",
    tokenLabelHint: "What the key is for, e.g. “Social planning analysis”.",
    create: "Create API key",
    newToken: "New API key (visible only now)",
    naming: "Public naming",
    namingHint:
      "Public roles are moderating a working group, sitting on a committee or on the coordination group (or chairing it) and organising a conference. Only if you agree does Sozialkonferenz name you publicly: in the council information system (OParl) with your public roles, and in the public documentation of the conferences whose working groups you work in. You may withdraw your consent at any time; from then on you are no longer named (copies others have already fetched cannot be called back).",
    namedYes: "You have agreed to be named publicly.",
    namedNo: "You are not named publicly.",
    consent: "Agree to be named publicly",
    withdraw: "Withdraw consent",
    confirmWithdraw: "Really withdraw your consent to being named publicly? Your name then disappears from what the public sees.",
  },
});

function PublicNaming({ personId, named }: { personId: string; named: boolean }) {
  return (
    <section class="card" aria-labelledby="naming-title">
      <h2 id="naming-title">{T().naming}</h2>
      <p class="muted">{T().namingHint}</p>
      <p role="status">{named ? T().namedYes : T().namedNo}</p>
      {named ? (
        <ActionButton
          kind="danger"
          label={T().withdraw}
          confirm={T().confirmWithdraw}
          action={() => api.post(`/people/${personId}/public-naming/withdrawal`, {})}
          onDone={() => void loadSession()}
        />
      ) : (
        <ActionButton
          label={T().consent}
          action={() => api.post(`/people/${personId}/public-naming`, {})}
          onDone={() => void loadSession()}
        />
      )}
    </section>
  );
}

interface TokenRow {
  id: string;
  label: string;
  created_at: string;
  revoked: boolean;
}

function PasswordChange() {
  const [form, setForm] = useState({ current: "", next: "", again: "" });
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof form) => (event: Event) => {
    setForm({ ...form, [key]: (event.target as HTMLInputElement).value });
    setDone(false);
  };
  const change = async () => {
    if (form.next.length < 10) throw new Error(T().tooShort);
    if (form.next !== form.again) throw new Error(T().mismatch);
    await api.put("/session/password", {
      current_password: form.current,
      new_password: form.next,
      new_password_repeated: form.again,
    });
  };
  return (
    <section class="card account-form" aria-labelledby="password-title">
      <h2 id="password-title">{T().password}</h2>
      <p class="muted">{T().passwordHint}</p>
      <Field id="password-current" label={T().current}>
        <input id="password-current" type="password" autocomplete="current-password" value={form.current} onInput={set("current")} />
      </Field>
      <Field id="password-new" label={T().newPassword}>
        <input id="password-new" type="password" autocomplete="new-password" value={form.next} onInput={set("next")} />
      </Field>
      <Field id="password-again" label={T().repeat}>
        <input id="password-again" type="password" autocomplete="new-password" value={form.again} onInput={set("again")} />
      </Field>
      <ActionButton
        label={T().change}
        action={change}
        onDone={() => {
          setForm({ current: "", next: "", again: "" });
          setDone(true);
        }}
      />
      {done && (
        <p role="status" class="success">
          {T().changed}
        </p>
      )}
    </section>
  );
}

function ApiKeys() {
  const [label, setLabel] = useState("");
  const [token, setToken] = useState<string | null>(null);
  const { data, error, reload } = useLive(() => api.get<TokenRow[]>("/tokens"), [], { relevant: () => false });
  const name = (row: TokenRow) => row.label || T().unnamed;
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{T().tokens}</h2>
      <p class="muted">{T().tokensHint}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data !== undefined && data.length === 0 && <p>{T().noTokens}</p>}
      {data !== undefined && data.length > 0 && (
        <table aria-labelledby="tokens-title">
          <thead>
            <tr>
              <th scope="col">{T().label}</th>
              <th scope="col">{T().created}</th>
              <th scope="col">{T().state}</th>
              <th scope="col">
                <span class="sr-only">{T().revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.id}>
                <td>{name(row)}</td>
                <td>{formatDateTime(row.created_at)}</td>
                <td>{row.revoked ? T().revoked : T().active}</td>
                <td>
                  {!row.revoked && (
                    <span aria-label={fill(T().revokeLabel, { label: name(row) })} role="group">
                      <ActionButton
                        kind="danger"
                        label={T().revoke}
                        confirm={fill(T().confirmRevoke, { label: name(row) })}
                        action={() => api.delete(`/tokens/${row.id}`)}
                        onDone={reload}
                      />
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Field id="token-new-label" label={T().tokenLabel} hint={T().tokenLabelHint}>
        <input
          id="token-new-label"
          value={label}
          maxLength={200}
          aria-describedby="token-new-label-hint"
          onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
        />
      </Field>
      <ActionButton
        label={T().create}
        action={() => api.post<{ token: string }>("/tokens", { label: label.trim() })}
        onDone={(result) => {
          setToken((result as { token: string }).token);
          setLabel("");
          reload();
        }}
      />
      {token && (
        <Field id="token-created" label={T().newToken}>
          <input id="token-created" readOnly value={token} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        </Field>
      )}
    </section>
  );
}

export function AccountPage() {
  const me = useSession();
  return (
    <section class="account-page">
      <PageTitle title={T().title} />
      {me && <p>{fill(T().signedInAs, { name: me.name, login: me.login })}</p>}
      <PasswordChange />
      <ApiKeys />
      {me && <PublicNaming personId={me.person_id} named={me.named_publicly} />}
    </section>
  );
}
