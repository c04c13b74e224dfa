// Accepting an invitation (`/einladung/{token}`): the invited person chooses a login name (unless
// she has an account already) and a password; then she is signed in. The link is signed, expires
// and works once; the server says why it no longer does.

import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fill, formatDateTime, messages } from "../i18n";
import { navigate } from "../router";
import { acceptInvitation } from "../session";
import { ErrorMessage, errorText, Field, Loading, PageTitle } from "../ui";
import "./account.css";

const MIN_PASSWORD = 10;

const T = messages({
  de: {
    title: "Einladung",
    titleFor: "Einladung für {name}",
    validUntil: "Dieser Link ist gültig bis {date} und kann nur einmal verwendet werden.",
    intro: "Richten Sie Ihr Konto ein: Wählen Sie einen Anmeldenamen und ein Passwort.",
    introExisting: "Sie haben bereits ein Konto (Anmeldename „{login}“). Legen Sie ein neues Passwort fest.",
    login: "Anmeldename",
    loginHint: "3 bis 200 Zeichen, ohne Leerzeichen, z. B. vorname.nachname.",
    password: "Passwort",
    passwordHint: "Mindestens {min} Zeichen.",
    repeat: "Passwort wiederholen",
    submit: "Konto einrichten",
    busy: "Wird eingerichtet …",
    loginMissing: "Bitte einen Anmeldenamen angeben.",
    tooShort: "Das Passwort muss mindestens {min} Zeichen lang sein.",
    mismatch: "Die beiden Passwörter stimmen nicht überein.",
    failed: "Konto nicht eingerichtet",
    invalid: "Einladung nicht mehr gültig",
    invalidHint: "Bitte wenden Sie sich an das Organisationsteam, um einen neuen Link zu erhalten. Wenn Sie schon ein Konto haben, können Sie sich anmelden.",
    signIn: "Zur Anmeldung",
  },
  en: {
    title: "Invitation",
    titleFor: "Invitation for {name}",
    validUntil: "This link is valid until {date} and can be used once only.",
    intro: "Set up your account: choose a login name and a password.",
    introExisting: "You already have an account (login name “{login}”). Set a new password.",
    login: "Login name",
    loginHint: "3 to 200 characters, no spaces, e.g. firstname.lastname.",
    password: "Password",
    passwordHint: "At least {min} characters.",
    repeat: "Repeat password",
    submit: "Set up account",
    busy: "Setting up …",
    loginMissing: "Please enter a login name.",
    tooShort: "The password must be at least {min} characters long.",
    mismatch: "The two passwords do not match.",
    failed: "Account not set up",
    invalid: "Invitation no longer valid",
    invalidHint: "Please ask the organising team for a new link. If you already have an account, you can sign in.",
    signIn: "Go to sign-in",
  },
});

interface Invitation {
  person_id: string;
  name: string;
  expires_at: string;
  has_account: boolean;
  login: string;
}

export function InvitationPage({ token }: { token: string }) {
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState({ login: "", password: "", repeat: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<Invitation>(`/invitations/${encodeURIComponent(token)}`).then(setInvitation, setLoadError);
  }, [token]);

  const set = (key: keyof typeof form) => (event: Event) => setForm({ ...form, [key]: (event.target as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!invitation) return;
    const min = { min: MIN_PASSWORD };
    if (!invitation.has_account && !form.login.trim()) return setError(T().loginMissing);
    if (form.password.length < MIN_PASSWORD) return setError(fill(T().tooShort, min));
    if (form.password !== form.repeat) return setError(T().mismatch);
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(token, form.login.trim(), form.password);
      navigate("/", true);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    const gone = loadError instanceof ApiError && (loadError.status === 410 || loadError.status === 422 || loadError.status === 404);
    return (
      <section class="account-page">
        <PageTitle title={gone ? T().invalid : T().title} />
        <ErrorMessage error={loadError} />
        {gone && <p>{T().invalidHint}</p>}
        <p>
          <a href="/anmelden">{T().signIn}</a>
        </p>
      </section>
    );
  }
  if (!invitation) {
    return (
      <section class="account-page">
        <PageTitle title={T().title} />
        <Loading />
      </section>
    );
  }
  return (
    <section class="account-page">
      <PageTitle title={fill(T().titleFor, { name: invitation.name })} />
      <p>{fill(T().validUntil, { date: formatDateTime(invitation.expires_at) })}</p>
      <p>{invitation.has_account ? fill(T().introExisting, { login: invitation.login }) : T().intro}</p>
      <form class="card account-form" onSubmit={submit} noValidate>
        {!invitation.has_account && (
          <Field id="invite-login" label={T().login} hint={T().loginHint}>
            <input
              id="invite-login"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              aria-describedby="invite-login-hint"
              value={form.login}
              onInput={set("login")}
            />
          </Field>
        )}
        <Field id="invite-password" label={T().password} hint={fill(T().passwordHint, { min: MIN_PASSWORD })}>
          <input
            id="invite-password"
            type="password"
            autocomplete="new-password"
            aria-describedby="invite-password-hint"
            value={form.password}
            onInput={set("password")}
          />
        </Field>
        <Field id="invite-repeat" label={T().repeat}>
          <input id="invite-repeat" type="password" autocomplete="new-password" value={form.repeat} onInput={set("repeat")} />
        </Field>
        {error && <ErrorMessage error={new ApiError(0, T().failed, error)} />}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? T().busy : T().submit}
        </button>
      </form>
    </section>
  );
}
