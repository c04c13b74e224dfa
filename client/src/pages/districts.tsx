// The city's districts (Sozialräume): everyone reads the list; organisers add, rename and retire districts.
// "gesamtstädtisch" is always on the list and cannot be retired.

import { useState } from "preact/hooks";
import { api } from "../api";
import { messages } from "../i18n";
import { useLive } from "../live";
import { can, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle } from "../ui";

interface District {
  id: string;
  name: string;
  citywide: boolean;
  retired: boolean;
}

const T = messages({
  de: {
    title: "Sozialräume",
    intro:
      "Die Liste der Sozialräume der Stadt. Maßnahmen nennen einen oder mehrere davon; der Katalog und der Zyklenvergleich lassen sich danach filtern. „gesamtstädtisch“ steht immer auf der Liste.",
    name: "Name",
    state: "Stand",
    active: "aktiv",
    retired: "aufgelöst",
    citywide: "ganze Stadt",
    add: "Sozialraum anlegen",
    newName: "Name des neuen Sozialraums",
    create: "Anlegen",
    rename: "Umbenennen",
    newNameFor: "Neuer Name für {name}",
    save: "Speichern",
    retire: "Auflösen",
    retireReason: "Begründung für das Auflösen von {name}",
    retireConfirm: "Sozialraum auflösen? Maßnahmen, die ihn nennen, behalten ihn; neu zugeordnet werden kann er nicht mehr.",
    none: "Noch keine Sozialräume angelegt.",
    actions: "Aktionen",
  },
  en: {
    title: "Districts",
    intro:
      "The city's list of districts. Measures name one or more of them; the catalogue and the cycle comparison can be filtered by them. “gesamtstädtisch” (city-wide) is always on the list.",
    name: "Name",
    state: "State",
    active: "active",
    retired: "retired",
    citywide: "whole city",
    add: "Add a district",
    newName: "Name of the new district",
    create: "Add",
    rename: "Rename",
    newNameFor: "New name for {name}",
    save: "Save",
    retire: "Retire",
    retireReason: "Reason for retiring {name}",
    retireConfirm: "Retire the district? Measures naming it keep it; it can no longer be assigned.",
    none: "No districts yet.",
    actions: "Actions",
  },
});

function fillName(template: string, name: string): string {
  return template.replace("{name}", name);
}

function Row({ district, manage, onChanged }: { district: District; manage: boolean; onChanged: () => void }) {
  const [name, setName] = useState(district.name);
  const [reason, setReason] = useState("");
  const id = district.id.slice(0, 8);
  return (
    <tr>
      <td>
        {district.name}
        {district.citywide && <span class="muted"> ({T().citywide})</span>}
      </td>
      <td>{district.retired ? T().retired : T().active}</td>
      {manage && (
        <td>
          {!district.retired && (
            <div class="row">
              <Field id={`rename-${id}`} label={fillName(T().newNameFor, district.name)}>
                <input id={`rename-${id}`} value={name} maxLength={100} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
              </Field>
              <ActionButton
                label={T().rename}
                kind="secondary"
                disabled={!name.trim() || name.trim() === district.name}
                action={() => api.put(`/districts/${district.id}/name`, { name: name.trim() })}
                onDone={onChanged}
              />
              {!district.citywide && (
                <>
                  <Field id={`retire-${id}`} label={fillName(T().retireReason, district.name)}>
                    <input id={`retire-${id}`} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
                  </Field>
                  <ActionButton
                    label={T().retire}
                    kind="danger"
                    disabled={!reason.trim()}
                    confirm={T().retireConfirm}
                    action={() => api.post(`/districts/${district.id}/retirement`, { reason: reason.trim() })}
                    onDone={onChanged}
                  />
                </>
              )}
            </div>
          )}
        </td>
      )}
    </tr>
  );
}

export function DistrictsPage() {
  const allowed = usePermissions({});
  const manage = can(allowed, "register_district");
  const { data, error, reload } = useLive(() => api.get<District[]>("/districts"), [], {
    relevant: (change) => change.view === "districts",
  });
  const [name, setName] = useState("");
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {!data && !error && <Loading />}
      {data && (
        <section class="card">
          {data.length === 0 ? (
            <p class="muted">{T().none}</p>
          ) : (
            <table class="districts">
              <thead>
                <tr>
                  <th scope="col">{T().name}</th>
                  <th scope="col">{T().state}</th>
                  {manage && <th scope="col">{T().actions}</th>}
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <Row key={`${d.id}-${d.name}-${d.retired}`} district={d} manage={manage} onChanged={reload} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {manage && (
        <section class="card" aria-labelledby="district-add">
          <h2 id="district-add">{T().add}</h2>
          <div class="row">
            <Field id="district-name" label={T().newName}>
              <input id="district-name" value={name} maxLength={100} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </Field>
            <ActionButton
              label={T().create}
              disabled={!name.trim()}
              action={() => api.post("/districts", { name: name.trim() })}
              onDone={() => {
                setName("");
                reload();
              }}
            />
          </div>
        </section>
      )}
    </>
  );
}
