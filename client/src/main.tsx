// The application shell: header (navigation, signed-in person, language, connection), then the
// page. Every page but sign-in and invitations needs a session; without one it leads to sign-in.

import type { ComponentType } from "preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { lang, messages, onLangChange, setLang } from "./i18n";
import { useFeedStatus } from "./live";
import { localPath, navigate, onLinkClick, PUBLIC_ROUTES, useRoute } from "./router";
import { loadSession, roleLabel, sessionError, signOut, useSession } from "./session";
import { SignInPage } from "./pages/signin";
import { StartPage } from "./pages/start";
import { ErrorMessage, Loading, PageTitle } from "./ui";
import "./styles.css";

const T = messages({
  de: {
    skip: "Zum Inhalt springen",
    home: "Sozialkonferenz",
    navigation: "Hauptnavigation",
    start: "Übersicht",
    comparison: "Zyklenvergleich",
    catalogue: "Maßnahmenkatalog",
    districts: "Sozialräume",
    replay: "Prüfung & Verlauf",
    account: "Angemeldet als",
    myAccount: "Mein Konto",
    signIn: "Anmelden",
    signOut: "Abmelden",
    sessionFailed: "Die Anmeldung konnte nicht geprüft werden. Bitte die Verbindung prüfen.",
    language: "Sprache",
    switchTo: "English",
    live: "Live verbunden",
    offline: "Keine Live-Verbindung",
    notFound: "Seite nicht gefunden",
    notFoundText: "Unter dieser Adresse gibt es keine Seite.",
    back: "Zur Übersicht",
    pageFailed: "Die Seite konnte nicht geladen werden. Bitte die Verbindung prüfen.",
  },
  en: {
    skip: "Skip to content",
    home: "Social conference",
    navigation: "Main navigation",
    start: "Overview",
    comparison: "Cycle comparison",
    catalogue: "Measure catalogue",
    districts: "Districts",
    replay: "Audit & history",
    account: "Signed in as",
    myAccount: "My account",
    signIn: "Sign in",
    signOut: "Sign out",
    sessionFailed: "The sign-in could not be checked. Please check the connection.",
    language: "Language",
    switchTo: "Deutsch",
    live: "Live connected",
    offline: "No live connection",
    notFound: "Page not found",
    notFoundText: "There is no page at this address.",
    back: "Back to the overview",
    pageFailed: "The page could not be loaded. Please check the connection.",
  },
});

function FeedIndicator() {
  const connected = useFeedStatus();
  return (
    <span class={`connection ${connected ? "online" : "offline"}`} role="status" aria-live="polite">
      {connected ? T().live : T().offline}
    </span>
  );
}

function NotFound() {
  return (
    <section>
      <PageTitle title={T().notFound} />
      <p>{T().notFoundText}</p>
      <p>
        <a href="/">{T().back}</a>
      </p>
    </section>
  );
}

// Pages other than the start page load on first use: the editor and the charts are large,
// and a conference venue's Wi-Fi is slow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPage = ComponentType<any>;
const PAGES: Record<string, () => Promise<AnyPage>> = {
  conference: () => import("./pages/conference").then((m) => m.ConferencePage),
  plenary: () => import("./pages/plenary").then((m) => m.PlenaryPage),
  minutes: () => import("./pages/minutes").then((m) => m.MinutesPage),
  coordination: () => import("./pages/coordination").then((m) => m.CoordinationPage),
  catalogueImport: () => import("./pages/catalogue-import").then((m) => m.CatalogueImportPage),
  group: () => import("./pages/group").then((m) => m.GroupPage),
  proposal: () => import("./pages/proposal").then((m) => m.ProposalPage),
  measure: () => import("./pages/measure").then((m) => m.MeasurePage),
  committee: () => import("./pages/committee").then((m) => m.CommitteePage),
  replay: () => import("./pages/replay/index").then((m) => m.ReplayPage),
  comparison: () => import("./pages/comparison").then((m) => m.ComparisonPage),
  catalogue: () => import("./pages/catalogue").then((m) => m.CataloguePage),
  catalogue_diff: () => import("./pages/catalogue-diff").then((m) => m.CatalogueDiffPage),
  districts: () => import("./pages/districts").then((m) => m.DistrictsPage),
  invitation: () => import("./pages/invitation").then((m) => m.InvitationPage),
  account: () => import("./pages/account").then((m) => m.AccountPage),
};
const loaded = new Map<string, AnyPage>();

function LazyPage({ name, props }: { name: string; props: Record<string, unknown> }) {
  const [page, setPage] = useState<AnyPage | undefined>(() => loaded.get(name));
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.has(name)) {
      setPage(() => loaded.get(name));
      return;
    }
    let current = true;
    setPage(undefined);
    PAGES[name]().then(
      (component) => {
        loaded.set(name, component);
        if (current) setPage(() => component);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [name]);
  if (error) return <ErrorMessage error={T().pageFailed} onRetry={() => location.reload()} />;
  if (!page) return <Loading />;
  const Component = page;
  return <Component {...props} />;
}

/** Not signed in: on to the sign-in page, which brings her back here afterwards. */
function ToSignIn() {
  useEffect(() => {
    const here = localPath(location.pathname + location.search);
    navigate(`/anmelden?weiter=${encodeURIComponent(here)}`, true);
  }, []);
  return <Loading />;
}

function Page() {
  const route = useRoute();
  const me = useSession();
  if (!PUBLIC_ROUTES.includes(route.name)) {
    if (me === undefined) {
      const failure = sessionError();
      return failure ? <ErrorMessage error={T().sessionFailed} onRetry={() => void loadSession()} /> : <Loading />;
    }
    if (me === null) return <ToSignIn />;
  }
  if (route.name === "signin") return <SignInPage query={route.query} />;
  if (route.name === "start") return <StartPage />;
  if (!(route.name in PAGES)) return <NotFound />;
  // Keyed by page: a page never renders with the parameters of the one before.
  return <LazyPage key={route.name} name={route.name} props={{ ...route.params, query: route.query }} />;
}

function Account({ onSignInPage, onAccountPage }: { onSignInPage: boolean; onAccountPage: boolean }) {
  const me = useSession();
  const [error, setError] = useState<unknown>(null);
  if (me === undefined || (me === null && onSignInPage)) return null;
  if (me === null) {
    return (
      <a class="signin-link" href="/anmelden">
        {T().signIn}
      </a>
    );
  }
  const roles = me.global_roles.filter((role) => role !== "public").map(roleLabel);
  return (
    <span class="account">
      <a class="account-name" href="/konto" aria-current={onAccountPage ? "page" : undefined}>
        <span class="sr-only">{T().account} </span>
        {me.name}
        {roles.length > 0 && <span class="account-roles"> ({roles.join(", ")})</span>}
      </a>
      <button
        type="button"
        class="secondary"
        onClick={() => signOut().catch((failure: unknown) => setError(failure))}
      >
        {T().signOut}
      </button>
      {error && <ErrorMessage error={error} />}
    </span>
  );
}

function App() {
  const route = useRoute();
  const me = useSession();
  const projector = route.name === "plenary";
  return (
    <div class={projector ? "shell projector" : "shell"} onClick={onLinkClick}>
      <a class="skip" href="#main">
        {T().skip}
      </a>
      {!projector && (
        <header class="top">
          <a class="brand" href="/">
            {T().home}
          </a>
          {me && (
          <nav aria-label={T().navigation}>
            <a href="/" aria-current={route.name === "start" ? "page" : undefined}>
              {T().start}
            </a>
            <a href="/vergleich" aria-current={route.name === "comparison" ? "page" : undefined}>
              {T().comparison}
            </a>
            <a href="/massnahmenkatalog" aria-current={route.name.startsWith("catalogue") ? "page" : undefined}>
              {T().catalogue}
            </a>
            <a href="/sozialraeume" aria-current={route.name === "districts" ? "page" : undefined}>
              {T().districts}
            </a>
            <a href="/pruefung" aria-current={route.name === "replay" ? "page" : undefined}>
              {T().replay}
            </a>
            <a href="/konto" aria-current={route.name === "account" ? "page" : undefined}>
              {T().myAccount}
            </a>
          </nav>
          )}
          <div class="tools">
            {me && <FeedIndicator />}
            <Account onSignInPage={route.name === "signin"} onAccountPage={route.name === "account"} />
            <button
              type="button"
              class="secondary"
              aria-label={`${T().language}: ${T().switchTo}`}
              onClick={() => setLang(lang() === "de" ? "en" : "de")}
            >
              {T().switchTo}
            </button>
          </div>
        </header>
      )}
      <main id="main" tabIndex={-1}>
        {/* Keyed by person: after signing in as someone else nothing of the previous person remains. */}
        <Page key={PUBLIC_ROUTES.includes(route.name) ? "public" : (me?.person_id ?? "")} />
      </main>
    </div>
  );
}

function mount(): void {
  const root = document.getElementById("app")!;
  // A language switch renders everything again with the other texts.
  render(<App key={lang()} />, root);
}

onLangChange(mount);
mount();
void loadSession();
