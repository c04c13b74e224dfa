// The application shell: header (navigation, person, language, connection), then the page.

import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { actor, api, onActorChange, setActor } from "./api";
import { lang, messages, onLangChange, setLang } from "./i18n";
import { useFeedStatus } from "./live";
import { onLinkClick, useRoute } from "./router";
import { ComparisonPage } from "./pages/comparison";
import { ConferencePage } from "./pages/conference";
import { GroupPage } from "./pages/group";
import { MeasurePage } from "./pages/measure";
import { PlenaryPage } from "./pages/plenary";
import { ProposalPage } from "./pages/proposal";
import { ReplayPage } from "./pages/replay";
import { StartPage } from "./pages/start";
import { PageTitle } from "./ui";
import "./styles.css";

const T = messages({
  de: {
    skip: "Zum Inhalt springen",
    home: "Sozialkonferenz",
    navigation: "Hauptnavigation",
    start: "Übersicht",
    comparison: "Zyklenvergleich",
    replay: "Prüfung & Verlauf",
    actingAs: "Handelnd als",
    nobody: "– bitte wählen –",
    signInLater: "Platzhalter bis zur Anmeldung",
    language: "Sprache",
    switchTo: "English",
    live: "Live verbunden",
    offline: "Keine Live-Verbindung",
    notFound: "Seite nicht gefunden",
    notFoundText: "Unter dieser Adresse gibt es keine Seite.",
    back: "Zur Übersicht",
  },
  en: {
    skip: "Skip to content",
    home: "Social conference",
    navigation: "Main navigation",
    start: "Overview",
    comparison: "Cycle comparison",
    replay: "Audit & history",
    actingAs: "Acting as",
    nobody: "– please choose –",
    signInLater: "Placeholder until sign-in exists",
    language: "Language",
    switchTo: "Deutsch",
    live: "Live connected",
    offline: "No live connection",
    notFound: "Page not found",
    notFoundText: "There is no page at this address.",
    back: "Back to the overview",
  },
});

interface Person {
  id: string;
  name: string;
  erased: boolean;
}

function PersonChooser() {
  const [people, setPeople] = useState<Person[]>([]);
  const [current, setCurrent] = useState(actor());
  useEffect(() => {
    api.get<Person[]>("/people").then(
      (list) => setPeople(list.filter((p) => !p.erased).sort((a, b) => a.name.localeCompare(b.name, "de"))),
      () => setPeople([]),
    );
    return onActorChange(() => setCurrent(actor()));
  }, []);
  return (
    <div class="person">
      <label for="acting-person">{T().actingAs}</label>
      <select
        id="acting-person"
        value={current ?? ""}
        title={T().signInLater}
        onChange={(event) => setActor((event.target as HTMLSelectElement).value || null)}
      >
        <option value="">{T().nobody}</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
    </div>
  );
}

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

function Page() {
  const route = useRoute();
  const p = route.params;
  switch (route.name) {
    case "start":
      return <StartPage />;
    case "conference":
      return <ConferencePage conferenceId={p.conferenceId} />;
    case "plenary":
      return <PlenaryPage conferenceId={p.conferenceId} />;
    case "group":
      return <GroupPage groupId={p.groupId} />;
    case "proposal":
      return <ProposalPage groupId={p.groupId} measureId={p.measureId} />;
    case "measure":
      return <MeasurePage measureId={p.measureId} />;
    case "replay":
      return <ReplayPage query={route.query} />;
    case "comparison":
      return <ComparisonPage query={route.query} />;
    default:
      return <NotFound />;
  }
}

function App() {
  const route = useRoute();
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
          <nav aria-label={T().navigation}>
            <a href="/" aria-current={route.name === "start" ? "page" : undefined}>
              {T().start}
            </a>
            <a href="/vergleich" aria-current={route.name === "comparison" ? "page" : undefined}>
              {T().comparison}
            </a>
            <a href="/pruefung" aria-current={route.name === "replay" ? "page" : undefined}>
              {T().replay}
            </a>
          </nav>
          <div class="tools">
            <FeedIndicator />
            <PersonChooser />
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
        <Page />
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
