// "Sitzung schließen", asked first: the dialog says which working groups will be frozen and which
// open proposals will lapse ("Verfallen"), from the server's close preview.

import { api } from "../api";
import { ConfirmButton } from "../dialog";
import { fill, messages } from "../i18n";

const T = messages({
  de: {
    closeSession: "Sitzung schließen",
    title: "Sitzung wirklich schließen?",
    confirm: "Ja, Sitzung schließen",
    summary: "{groups} Arbeitsgruppen werden eingefroren, {lapsing} Entwürfe verfallen.",
    summaryOne: "{groups} Arbeitsgruppe wird eingefroren, {lapsing} Entwürfe verfallen.",
    irreversible: "Das lässt sich nicht rückgängig machen. Die Texte werden eingefroren und sind danach nicht mehr bearbeitbar.",
    lapsingHeading: "Diese Entwürfe verfallen",
    noneLapsing: "Kein Entwurf verfällt: Alle Vorschläge sind entschieden.",
    untitled: "(ohne Titel)",
  },
  en: {
    closeSession: "Close session",
    title: "Really close the session?",
    confirm: "Yes, close the session",
    summary: "{groups} working groups will be frozen, {lapsing} drafts will lapse.",
    summaryOne: "{groups} working group will be frozen, {lapsing} drafts will lapse.",
    irreversible: "This cannot be undone. The texts are frozen and can no longer be edited.",
    lapsingHeading: "These drafts will lapse",
    noneLapsing: "No draft lapses: every proposal has been decided.",
    untitled: "(untitled)",
  },
});

interface Lapsing {
  measure_id: string;
  reference: string;
  title: string;
  status_label: string;
}

interface ClosePreview {
  working_group_count: number;
  lapsing_count: number;
  working_groups: { working_group_id: string; name: string; lapsing: Lapsing[] }[];
}

async function describe(conferenceId: string) {
  const preview = await api.get<ClosePreview>(`/conferences/${conferenceId}/session/close-preview`);
  const counts = { groups: preview.working_group_count, lapsing: preview.lapsing_count };
  const lapsing = preview.working_groups.flatMap((group) => group.lapsing.map((m) => ({ ...m, group: group.name })));
  return (
    <>
      <p class="consequence">
        <strong>{fill(preview.working_group_count === 1 ? T().summaryOne : T().summary, counts)}</strong>
      </p>
      <p>{T().irreversible}</p>
      {lapsing.length === 0 ? (
        <p>{T().noneLapsing}</p>
      ) : (
        <>
          <h3>{T().lapsingHeading}</h3>
          <ul class="lapsing">
            {lapsing.map((m) => (
              <li key={m.measure_id}>
                {m.reference}: {m.title.trim() || T().untitled} ({m.group})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function CloseSessionButton({ conferenceId, onDone }: { conferenceId: string; onDone: () => void }) {
  return (
    <ConfirmButton
      label={T().closeSession}
      kind="danger"
      title={T().title}
      confirmLabel={T().confirm}
      describe={() => describe(conferenceId)}
      action={() => api.post(`/conferences/${conferenceId}/session/close`, {})}
      onDone={onDone}
    />
  );
}
