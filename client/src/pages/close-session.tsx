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
    groups: "{groups} Arbeitsgruppen werden eingefroren",
    groupsOne: "1 Arbeitsgruppe wird eingefroren",
    lapsing: "{lapsing} Entwürfe verfallen.",
    lapsingOne: "1 Entwurf verfällt.",
    irreversible: "Das lässt sich nicht rückgängig machen. Die Texte werden eingefroren und sind danach nicht mehr bearbeitbar.",
    lapsingHeading: "Diese Entwürfe verfallen",
    noneLapsing: "Kein Entwurf verfällt: Alle Vorschläge sind entschieden.",
    untitled: "(ohne Titel)",
  },
  en: {
    closeSession: "Close session",
    title: "Really close the session?",
    confirm: "Yes, close the session",
    groups: "{groups} working groups will be frozen",
    groupsOne: "1 working group will be frozen",
    lapsing: "{lapsing} drafts will lapse.",
    lapsingOne: "1 draft will lapse.",
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
        <strong>
          {fill(counts.groups === 1 ? T().groupsOne : T().groups, counts)},{" "}
          {fill(counts.lapsing === 1 ? T().lapsingOne : T().lapsing, counts)}
        </strong>
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
