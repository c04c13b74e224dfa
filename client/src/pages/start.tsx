// Start: the signed-in person's desk (./desk), then every conference series with its cycles and their status; schedule a new conference
// (for organisers).

import { useState } from "preact/hooks";
import { api } from "../api";
import { formatDate, messages } from "../i18n";
import { useLive } from "../live";
import { navigate } from "../router";
import { can, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, StatusBadge } from "../ui";
import { DeskSections } from "./desk";

const T = messages({
  de: {
    title: "Sozialkonferenzen",
    intro: "Alle Konferenzreihen mit ihren Zyklen. Wählen Sie eine Konferenz, um sie vorzubereiten, durchzuführen oder nachzubereiten.",
    empty: "Noch keine Konferenz geplant.",
    cycle: "Zyklus",
    conference: "Konferenz",
    date: "Termin",
    status: "Stand",
    groups: "Arbeitsgruppen",
    links: "Ansichten",
    plenary: "Plenum",
    history: "Verlauf",
    schedule: "Neue Konferenz planen",
    fieldTitle: "Titel",
    fieldSeries: "Konferenzreihe",
    fieldCycle: "Zyklus (z. B. 2028)",
    fieldStartsOn: "Datum",
    fieldVenue: "Ort",
    fieldKind: "Art",
    kindCity: "Gesamtstadt",
    kindDistrict: "Stadtbezirk",
    kindYouth: "Jugend",
    fieldDistrict: "Stadtbezirk (bei Bezirkskonferenzen)",
    fieldPrevious: "Vorheriger Zyklus",
    none: "– keiner –",
    submit: "Konferenz planen",
  },
  en: {
    title: "Social conferences",
    intro: "Every conference series with its cycles. Choose a conference to prepare, run or follow it up.",
    empty: "No conference scheduled yet.",
    cycle: "Cycle",
    conference: "Conference",
    date: "Date",
    status: "Status",
    groups: "Working groups",
    links: "Views",
    plenary: "Plenary",
    history: "History",
    schedule: "Schedule a new conference",
    fieldTitle: "Title",
    fieldSeries: "Conference series",
    fieldCycle: "Cycle (e.g. 2028)",
    fieldStartsOn: "Date",
    fieldVenue: "Venue",
    fieldKind: "Kind",
    kindCity: "Whole city",
    kindDistrict: "District",
    kindYouth: "Youth",
    fieldDistrict: "District (for district conferences)",
    fieldPrevious: "Previous cycle",
    none: "– none –",
    submit: "Schedule conference",
  },
});

export interface ConferenceRow {
  id: string;
  series: string;
  title: string;
  kind: string;
  cycle: string;
  district: string;
  starts_on: string;
  venue: string;
  status: string;
  working_group_count: number;
  previous_conference_id: string | null;
}

function ScheduleForm({ conferences }: { conferences: ConferenceRow[] }) {
  const newest = conferences[conferences.length - 1];
  const [form, setForm] = useState({
    title: "",
    series: newest?.series ?? "",
    cycle: "",
    starts_on: "",
    venue: "",
    kind: newest?.kind ?? "city",
    district: newest?.district ?? "",
    previous_conference_id: newest?.id ?? "",
  });
  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.target as HTMLInputElement).value });
  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{T().schedule}</h2>
      <div class="row">
        <Field id="new-title" label={T().fieldTitle}>
          <input id="new-title" value={form.title} onInput={set("title")} size={40} />
        </Field>
        <Field id="new-series" label={T().fieldSeries}>
          <input id="new-series" value={form.series} onInput={set("series")} size={28} />
        </Field>
        <Field id="new-cycle" label={T().fieldCycle}>
          <input id="new-cycle" value={form.cycle} onInput={set("cycle")} size={8} />
        </Field>
        <Field id="new-date" label={T().fieldStartsOn}>
          <input id="new-date" type="date" value={form.starts_on} onInput={set("starts_on")} />
        </Field>
        <Field id="new-venue" label={T().fieldVenue}>
          <input id="new-venue" value={form.venue} onInput={set("venue")} size={28} />
        </Field>
        <Field id="new-kind" label={T().fieldKind}>
          <select id="new-kind" value={form.kind} onChange={set("kind")}>
            <option value="city">{T().kindCity}</option>
            <option value="district">{T().kindDistrict}</option>
            <option value="youth">{T().kindYouth}</option>
          </select>
        </Field>
        {form.kind === "district" && (
          <Field id="new-district" label={T().fieldDistrict}>
            <input id="new-district" value={form.district} onInput={set("district")} size={20} />
          </Field>
        )}
        <Field id="new-previous" label={T().fieldPrevious}>
          <select id="new-previous" value={form.previous_conference_id} onChange={set("previous_conference_id")}>
            <option value="">{T().none}</option>
            {conferences.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ActionButton
        label={T().submit}
        action={() =>
          api.post<{ id: string }>("/conferences", {
            ...form,
            district: form.kind === "district" ? form.district : "",
            previous_conference_id: form.previous_conference_id || null,
          })
        }
        onDone={(result) => navigate(`/konferenzen/${(result as { id: string }).id}`)}
      />
    </section>
  );
}

export function StartPage() {
  const allowed = usePermissions({});
  const { data, error, reload } = useLive(() => api.get<ConferenceRow[]>("/conferences"), [], {
    relevant: (change) => change.view === "conferences",
  });
  const series = new Map<string, ConferenceRow[]>();
  for (const conference of data ?? []) {
    const list = series.get(conference.series) ?? [];
    list.push(conference);
    series.set(conference.series, list);
  }
  return (
    <>
      <PageTitle title={T().title} />
      <DeskSections />
      <p>{T().intro}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data !== undefined && data.length === 0 && <p>{T().empty}</p>}
      {[...series.entries()].map(([name, cycles]) => (
        <section class="card" key={name} aria-labelledby={`series-${name}`}>
          <h2 id={`series-${name}`}>{name}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{T().cycle}</th>
                <th scope="col">{T().conference}</th>
                <th scope="col">{T().date}</th>
                <th scope="col">{T().status}</th>
                <th scope="col" class="number">{T().groups}</th>
                <th scope="col">{T().links}</th>
              </tr>
            </thead>
            <tbody>
              {[...cycles]
                .sort((a, b) => a.starts_on.localeCompare(b.starts_on))
                .map((c) => (
                  <tr key={c.id}>
                    <td>{c.cycle}</td>
                    <td>
                      <a href={`/konferenzen/${c.id}`}>{c.title}</a>
                    </td>
                    <td>{formatDate(c.starts_on)}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td class="number">{c.working_group_count}</td>
                    <td>
                      <a href={`/konferenzen/${c.id}/plenum`}>{T().plenary}</a>
                      {" · "}
                      <a href={`/pruefung?konferenz=${c.id}`}>{T().history}</a>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {data !== undefined && can(allowed, "schedule_conference") && <ScheduleForm conferences={[...data].sort((a, b) => a.starts_on.localeCompare(b.starts_on))} />}
    </>
  );
}
