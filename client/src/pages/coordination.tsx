// The coordination group of a conference series (/konferenzen/:conferenceId/koordinierung): its
// members and chair, its decisions (Beschlüsse der Koordinierungsgruppe, newest first), and the focus
// topic and agenda of the series' upcoming conference, which the group sets together with the
// organisers. City-wide organisers form the group and appoint its members; members record decisions.

import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fill, formatDate, messages } from "../i18n";
import { useLive } from "../live";
import { can, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, PersonSelect, StatusBadge } from "../ui";

const T = messages({
  de: {
    title: "Koordinierungsgruppe: {series}",
    back: "Zur Konferenz",
    notFormed: "Die Konferenzreihe hat noch keine Koordinierungsgruppe.",
    form: "Koordinierungsgruppe bilden",
    members: "Mitglieder",
    membersHidden: "Mitglieder (Namen sind nur für Beteiligte sichtbar)",
    nobody: "noch niemand",
    chair: "Vorsitz",
    appoint: "Mitglied berufen",
    person: "Person",
    choose: "– bitte wählen –",
    remove: "Abberufen",
    removeReason: "Abberufen durch das Organisationsteam",
    nameChair: "Vorsitz übertragen",
    upcoming: "Anstehende Konferenz",
    noUpcoming: "Die Reihe hat keine anstehende Konferenz.",
    focus: "Schwerpunktthema",
    agenda: "Tagesordnung",
    none: "noch nicht festgelegt",
    saveFocus: "Schwerpunktthema speichern",
    agendaHint: "Ein Tagesordnungspunkt je Zeile.",
    saveAgenda: "Tagesordnung speichern",
    tasks: "Offene Aufgaben",
    noTasks: "Keine offenen Aufgaben.",
    decisions: "Beschlüsse der Koordinierungsgruppe",
    noDecisions: "Noch keine Beschlüsse.",
    decidedOn: "Beschluss vom {date}",
    by: "erfasst von {name}",
    record: "Beschluss erfassen",
    subject: "Betreff",
    text: "Beschlusstext",
    date: "Datum des Beschlusses",
    concerns: "Betrifft die Konferenz",
    noConference: "– keine bestimmte –",
    save: "Beschluss speichern",
    minutes: "Protokoll",
    task_focus_topic: "Schwerpunktthema festlegen",
    task_agenda: "Tagesordnung festlegen",
    task_minutes: "Protokoll schreiben",
  },
  en: {
    title: "Coordination group: {series}",
    back: "Back to the conference",
    notFormed: "The conference series has no coordination group yet.",
    form: "Form the coordination group",
    members: "Members",
    membersHidden: "Members (names are visible to participants only)",
    nobody: "nobody yet",
    chair: "Chair",
    appoint: "Appoint a member",
    person: "Person",
    choose: "– please choose –",
    remove: "Remove",
    removeReason: "Removed by the organising team",
    nameChair: "Make chair",
    upcoming: "Upcoming conference",
    noUpcoming: "The series has no upcoming conference.",
    focus: "Focus topic",
    agenda: "Agenda",
    none: "not set yet",
    saveFocus: "Save the focus topic",
    agendaHint: "One agenda item per line.",
    saveAgenda: "Save the agenda",
    tasks: "Open tasks",
    noTasks: "No open tasks.",
    decisions: "Decisions of the coordination group",
    noDecisions: "No decisions yet.",
    decidedOn: "Decision of {date}",
    by: "recorded by {name}",
    record: "Record a decision",
    subject: "Subject",
    text: "Text of the decision",
    date: "Date of the decision",
    concerns: "Concerns the conference",
    noConference: "– none in particular –",
    save: "Save the decision",
    minutes: "Minutes",
    task_focus_topic: "Set the focus topic",
    task_agenda: "Set the agenda",
    task_minutes: "Write the minutes",
  },
});

/** The German (or English) name of one of the group's open tasks. */
export function taskLabel(task: "focus_topic" | "agenda" | "minutes"): string {
  return T()[`task_${task}`];
}

interface ConferenceRow {
  id: string;
  title: string;
  cycle: string;
  starts_on: string;
  status: string;
  focus_topic: string;
  agenda: string[];
}

interface Group {
  id: string;
  series: string;
  members?: { person_id: string; name: string; chair: boolean }[];
  member_count?: number;
  decisions: { id: string; title: string; text: string; decided_on: string; actor_name?: string; conference_id: string }[];
  upcoming_conference: ConferenceRow | null;
  conferences: ConferenceRow[];
  tasks: { conference_id: string; conference_title: string; task: "focus_topic" | "agenda" | "minutes" }[];
}

async function load(conferenceId: string): Promise<{ conference: { id: string; series: string; coordination_group_id: string }; group: Group | null }> {
  const conference = await api.get<{ id: string; series: string; coordination_group_id: string }>(`/conferences/${conferenceId}`);
  try {
    return { conference, group: await api.get<Group>(`/coordination-groups/${conference.coordination_group_id}`) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { conference, group: null };
    throw error;
  }
}

function Members({ group, manage, reload }: { group: Group; manage: boolean; reload: () => void }) {
  const [person, setPerson] = useState("");
  const path = `/coordination-groups/${group.id}`;
  if (!group.members) {
    return (
      <section aria-labelledby="members-title">
        <h2 id="members-title">{T().membersHidden}</h2>
        <p>{group.member_count ?? 0}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{T().members}</h2>
      {group.members.length === 0 && <p>{T().nobody}</p>}
      <ul class="coordination-members">
        {group.members.map((m) => (
          <li key={m.person_id}>
            {m.name}
            {m.chair && <strong> ({T().chair})</strong>}
            {manage && !m.chair && (
              <ActionButton kind="secondary" label={`${T().nameChair}: ${m.name}`} action={() => api.put(`${path}/chair`, { person_id: m.person_id })} onDone={reload} />
            )}
            {manage && (
              <ActionButton kind="secondary" label={`${T().remove}: ${m.name}`}
                action={() => api.post(`${path}/members/removal`, { person_id: m.person_id, reason: T().removeReason })} onDone={reload} />
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <form class="card" aria-label={T().appoint} onSubmit={(e) => e.preventDefault()}>
          <PersonSelect id="coordination-person" label={T().person} emptyLabel={T().choose} value={person} onChange={setPerson} />
          <ActionButton label={T().appoint} disabled={!person} action={() => api.post(`${path}/members`, { person_id: person })}
            onDone={() => { setPerson(""); reload(); }} />
        </form>
      )}
    </section>
  ); // prettier-ignore
}

function Upcoming({ conference, reload }: { conference: ConferenceRow; reload: () => void }) {
  const allowed = usePermissions({ conference_id: conference.id });
  const [topic, setTopic] = useState(conference.focus_topic);
  const [agenda, setAgenda] = useState(conference.agenda.join("\n"));
  const before = conference.status === "scheduled" || conference.status === "prepared";
  return (
    <section aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{T().upcoming}</h2>
      <p>
        <a href={`/konferenzen/${conference.id}`}>{conference.title}</a> – {formatDate(conference.starts_on)} <StatusBadge status={conference.status} />{" "}
        · <a href={`/konferenzen/${conference.id}/protokoll`}>{T().minutes}</a>
      </p>
      <h3>{T().focus}</h3>
      <p>{conference.focus_topic || T().none}</p>
      {before && can(allowed, "set_focus_topic") && (
        <form onSubmit={(e) => e.preventDefault()} aria-label={T().saveFocus}>
          <Field id="coordination-focus" label={T().focus}>
            <input id="coordination-focus" value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
          </Field>
          <ActionButton label={T().saveFocus} action={() => api.put(`/conferences/${conference.id}/focus-topic`, { focus_topic: topic })} onDone={reload} />
        </form>
      )}
      <h3>{T().agenda}</h3>
      {conference.agenda.length ? (
        <ol class="agenda">
          {conference.agenda.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      ) : (
        <p>{T().none}</p>
      )}
      {before && can(allowed, "set_agenda") && (
        <form onSubmit={(e) => e.preventDefault()} aria-label={T().saveAgenda}>
          <Field id="coordination-agenda" label={T().agenda} hint={T().agendaHint}>
            <textarea id="coordination-agenda" rows={6} value={agenda} onInput={(e) => setAgenda(e.currentTarget.value)} aria-describedby="coordination-agenda-hint" />
          </Field>
          <ActionButton label={T().saveAgenda} onDone={reload}
            action={() => api.put(`/conferences/${conference.id}/agenda`, { items: agenda.split("\n").map((l) => l.trim()).filter(Boolean) })} />
        </form>
      )}
    </section>
  ); // prettier-ignore
}

function Decisions({ group, mayRecord, reload }: { group: Group; mayRecord: boolean; reload: () => void }) {
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [conference, setConference] = useState(group.upcoming_conference?.id ?? "");
  const titles = new Map(group.conferences.map((c) => [c.id, c.title]));
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">{T().decisions}</h2>
      {group.decisions.length === 0 && <p>{T().noDecisions}</p>}
      {group.decisions.map((d) => (
        <article class="card" key={d.id} aria-labelledby={`decision-${d.id.slice(0, 8)}`}>
          <h3 id={`decision-${d.id.slice(0, 8)}`}>{d.title}</h3>
          <p class="muted">
            {fill(T().decidedOn, { date: formatDate(d.decided_on) })}
            {d.conference_id && titles.get(d.conference_id) && ` · ${titles.get(d.conference_id)}`}
            {d.actor_name && ` · ${fill(T().by, { name: d.actor_name })}`}
          </p>
          <p class="minutes">{d.text}</p>
        </article>
      ))}
      {mayRecord && (
        <form class="card" aria-label={T().record} onSubmit={(e) => e.preventDefault()}>
          <h3>{T().record}</h3>
          <Field id="decision-title" label={T().subject}>
            <input id="decision-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </Field>
          <Field id="decision-text" label={T().text}>
            <textarea id="decision-text" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </Field>
          <Field id="decision-date" label={T().date}>
            <input id="decision-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
          <Field id="decision-conference" label={T().concerns}>
            <select id="decision-conference" value={conference} onChange={(e) => setConference(e.currentTarget.value)}>
              <option value="">{T().noConference}</option>
              {group.conferences.map((c) => (
                <option value={c.id}>{c.title}</option>
              ))}
            </select>
          </Field>
          <ActionButton label={T().save} onDone={() => { setTitle(""); setText(""); reload(); }}
            action={() => api.post(`/coordination-groups/${group.id}/decisions`, { title, text, decided_on: date, ...(conference ? { conference_id: conference } : {}) })} />
        </form>
      )}
    </section>
  ); // prettier-ignore
}

export function CoordinationPage({ conferenceId }: { conferenceId: string }) {
  const { data, error, reload } = useLive(() => load(conferenceId), [conferenceId], { conferenceId });
  const forConference = usePermissions({ conference_id: conferenceId });
  const groupId = data?.conference.coordination_group_id;
  const forGroup = usePermissions(groupId ? { coordination_group_id: groupId } : { conference_id: conferenceId });
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (data === undefined) return <Loading />;
  const { conference, group } = data;
  return (
    <section class="coordination-page">
      <PageTitle title={fill(T().title, { series: conference.series })} />
      <p>
        <a href={`/konferenzen/${conferenceId}`}>{T().back}</a>
      </p>
      {group === null ? (
        <>
          <p>{T().notFormed}</p>
          {can(forConference, "form_coordination_group") && (
            <ActionButton label={T().form} action={() => api.post(`/conferences/${conferenceId}/coordination-group`, {})} onDone={reload} />
          )}
        </>
      ) : (
        <>
          <Members group={group} manage={can(forGroup, "appoint_coordination_member")} reload={reload} />
          {group.upcoming_conference ? <Upcoming key={group.upcoming_conference.id} conference={group.upcoming_conference} reload={reload} /> : <p>{T().noUpcoming}</p>}
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">{T().tasks}</h2>
            {group.tasks.length === 0 ? (
              <p>{T().noTasks}</p>
            ) : (
              <ul>
                {group.tasks.map((t) => (
                  <li key={`${t.conference_id}-${t.task}`}>
                    <a href={`/konferenzen/${t.conference_id}${t.task === "minutes" ? "/protokoll" : ""}`}>{t.conference_title}</a>: {taskLabel(t.task)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Decisions group={group} mayRecord={can(forGroup, "record_coordination_decision")} reload={reload} />
        </>
      )}
    </section>
  ); // prettier-ignore
}
