// Sign-in (`/anmelden`): login name and password; afterwards on to `weiter` (the page that asked
// for it) or the start page. Wrong credentials and the pause after repeated failures in German.
// Signed in, the page says who she is, offers sign-out and leads to her account page (/konto).

import { useState } from "preact/hooks";
import { ApiError } from "../api";
import { fill, messages } from "../i18n";
import { localPath, navigate } from "../router";
import { signIn, signOut, useSession } from "../session";
import { ErrorMessage, errorText, Field, PageTitle } from "../ui";
import "./account.css";

const T = messages({
  de: {
    title: "Anmelden",
    intro: "Bitte melden Sie sich mit Ihrem Anmeldenamen und Passwort an.",
    login: "Anmeldename",
    password: "Passwort",
    submit: "Anmelden",
    busy: "Anmeldung läuft …",
    wrong: "Anmeldename oder Passwort ist falsch.",
    throttled: "Zu viele fehlgeschlagene Anmeldeversuche. Bitte in {seconds} Sekunden erneut versuchen.",
    missing: "Bitte Anmeldenamen und Passwort angeben.",
    failed: "Anmeldung fehlgeschlagen",
    noAccount: "Noch kein Konto? Das Organisationsteam schickt Ihnen einen Einladungslink, mit dem Sie Ihr Passwort festlegen.",
    signedInAs: "Sie sind angemeldet als {name}.",
    goOn: "Weiter",
    signOut: "Abmelden",
    account: "Ihr Konto",
    accountPage: "Mein Konto: Passwort ändern, API-Schlüssel verwalten",
  },
  en: {
    title: "Sign in",
    intro: "Please sign in with your login name and password.",
    login: "Login name",
    password: "Password",
    submit: "Sign in",
    busy: "Signing in …",
    wrong: "Login name or password is wrong.",
    throttled: "Too many failed sign-in attempts. Please try again in {seconds} seconds.",
    missing: "Please enter login name and password.",
    failed: "Sign-in failed",
    noAccount: "No account yet? The organising team sends you an invitation link with which you set your password.",
    signedInAs: "You are signed in as {name}.",
    goOn: "Continue",
    signOut: "Sign out",
    account: "Your account",
    accountPage: "My account: change password, manage API keys",
  },
});

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return T().wrong;
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfter !== null ? fill(T().throttled, { seconds: error.retryAfter }) : error.detail;
  }
  return errorText(error);
}

export function SignInPage({ query }: { query: URLSearchParams }) {
  const me = useSession();
  const target = localPath(query.get("weiter"));
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError(T().missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
      navigate(target, true);
    } catch (failure) {
      setError(problemText(failure));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  if (me) {
    return (
      <section class="account-page">
        <PageTitle title={T().account} />
        <p>{fill(T().signedInAs, { name: me.name })}</p>
        <p class="actions">
          <a class="button" href={target}>
            {T().goOn}
          </a>
          <button type="button" class="secondary" onClick={() => void signOut()}>
            {T().signOut}
          </button>
        </p>
        <p>
          <a href="/konto">{T().accountPage}</a>
        </p>
      </section>
    );
  }
  return (
    <section class="account-page">
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <form class="card account-form" onSubmit={submit} noValidate>
        <Field id="signin-login" label={T().login}>
          <input
            id="signin-login"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            value={login}
            onInput={(e) => setLogin((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="signin-password" label={T().password}>
          <input
            id="signin-password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </Field>
        {error && <ErrorMessage error={new ApiError(0, T().failed, error)} />}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? T().busy : T().submit}
        </button>
      </form>
      <p class="muted">{T().noAccount}</p>
    </section>
  );
}
