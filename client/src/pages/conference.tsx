// The organiser's conference page: prepare (date, focus topic, agenda, working groups, invitations),
// run the session (plenary decisions), and follow up (minutes, committees, implementation); roles
// and invitation links. Everyone signed in may read it; each form appears only to whom the server's
// permissions for this conference allow its action.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, query } from "../api";
import { fill, formatDate, messages } from "../i18n";
import { useLive } from "../live";
import { can, type Permissions, usePermissions } from "../session";
import { ActionButton, ErrorMessage, Field, Loading, PageTitle, StatusBadge, statusLabel } from "../ui";
import { type Committee, type MeasureRow, MeasuresSection } from "./conference-measures";
import { CloseSessionButton } from "./close-session";
import { AccountInvitations, Roles } from "./conference-roles";
import "./conference.css";
import { DocumentLinks, documentUrl } from "./documents";

const T = messages({
  de: {
    loadingTitle: "Konferenz",
    series: "Konferenzreihe",
    cycle: "Planungszyklus",
    kind: "Art",
    date: "Termin",
    venue: "Ort",
    status: "Stand",
    focus: "Schwerpunktthema",
    previous: "Vorgängerkonferenz",
    none: "–",
    open: "noch offen",
    views: "Weitere Ansichten",
    importCatalogue: "Maßnahmenkatalog importieren",
    plenaryView: "Plenumsansicht für die Leinwand",
    replay: "Prüfung und Verlauf dieser Konferenz",
    kind_city: "Stadt",
    kind_county: "Landkreis",
    kind_district: "Stadtbezirk",
    kind_youth: "Kinder- und Jugendhilfe",
    // lifecycle
    lifecycle: "Ablauf der Konferenz",
    steps: "Schritte",
    checklist: "Für den Abschluss der Vorbereitung fehlt noch:",
    checkFocus: "Schwerpunktthema",
    checkAgenda: "Tagesordnung",
    checkGroups: "mindestens eine Arbeitsgruppe",
    checkInvitations: "Einladungen",
    readyToPrepare: "Alles Nötige ist vorbereitet: Schwerpunktthema, Tagesordnung, Arbeitsgruppen und Einladungen.",
    markPrepared: "Vorbereitung abschließen",
    preparedText: "Die Vorbereitung ist abgeschlossen. Die Arbeitsgruppen können bereits Vorschläge entwerfen. Mit der Eröffnung beginnt die Sitzung.",
    openSession: "Sitzung eröffnen",
    inSessionText: "Die Sitzung läuft: Die Arbeitsgruppen bearbeiten ihre Vorschläge gemeinsam, das Plenum verabschiedet sie. Beim Schließen werden alle Vorschläge eingefroren; was bis dahin nicht von der AG beschlossen und im Plenum verabschiedet ist, gilt als nicht verabschiedet.",
    closedText: "Die Sitzung ist geschlossen. Veröffentlichen Sie das Protokoll, sobald es abgestimmt ist.",
    minutes: "Protokoll",
    writeMinutes: "Protokoll schreiben und veröffentlichen",
    coordination: "Koordinierungsgruppe",
    reportedText: "Das Protokoll ist veröffentlicht.",
    // preparation
    beforeSessionOnly: "Nur vor der Sitzung änderbar (die Konferenz ist jetzt: {status}).",
    notClosedOnly: "Nach dem Schließen der Sitzung sind keine Einladungen mehr möglich.",
    schedule: "Termin und Ort",
    newDate: "Datum",
    newVenue: "Ort",
    venueHint: "Leer lassen, wenn der Ort noch offen ist.",
    saveSchedule: "Termin und Ort speichern",
    focusHint: "Das Thema, unter dem die Konferenz steht, z. B. „Armut im Quartier“.",
    saveFocus: "Schwerpunktthema speichern",
    agenda: "Tagesordnung",
    agendaEmpty: "Die Tagesordnung hat noch keine Punkte.",
    agendaItem: "Tagesordnungspunkt {n}",
    up: "Nach oben",
    down: "Nach unten",
    remove: "Entfernen",
    itemSuffix: ": Punkt {n}",
    newItem: "Neuer Tagesordnungspunkt",
    addItem: "Punkt hinzufügen",
    saveAgenda: "Tagesordnung speichern",
    unsaved: "Es gibt ungespeicherte Änderungen.",
    // groups
    groups: "Arbeitsgruppen",
    groupsEmpty: "Es ist noch keine Arbeitsgruppe gebildet.",
    number: "Nr.",
    groupName: "Arbeitsgruppe",
    groupTopic: "Schwerpunkt",
    members: "Mitglieder",
    proposals: "Vorschläge",
    formGroup: "Neue Arbeitsgruppe bilden",
    newGroupName: "Name der Arbeitsgruppe",
    newGroupTopic: "Schwerpunkt der Arbeitsgruppe",
    formGroupButton: "Arbeitsgruppe bilden",
    carryOver: "Arbeitsgruppen aus „{title}“ übernehmen",
    carryOverText: "Übernommene Arbeitsgruppen behalten Namen, Schwerpunkt, Mitglieder und Moderation; so lassen sich die Zyklen vergleichen.",
    carryOverAll: "Alle {n} Arbeitsgruppen übernehmen",
    carryOverOne: "Übernehmen",
    allCarriedOver: "Alle Arbeitsgruppen der Vorgängerkonferenz sind übernommen.",
    // invitations
    invitations: "Einladungen",
    invited: "Eingeladen ({n})",
    invitedNone: "Noch keine Organisation eingeladen.",
    toInvite: "Weitere Organisationen einladen",
    allInvited: "Alle Organisationen sind eingeladen.",
    invite: "Ausgewählte Organisationen einladen ({n})",
  },
  en: {
    loadingTitle: "Conference",
    series: "Conference series",
    cycle: "Planning cycle",
    kind: "Kind",
    date: "Date",
    venue: "Venue",
    status: "Status",
    focus: "Focus topic",
    previous: "Previous conference",
    none: "–",
    open: "still open",
    views: "Other views",
    importCatalogue: "Import a measure catalogue",
    plenaryView: "Plenary view for the projector",
    replay: "Audit and history of this conference",
    kind_city: "City",
    kind_county: "County",
    kind_district: "District",
    kind_youth: "Child and youth services",
    lifecycle: "Course of the conference",
    steps: "Steps",
    checklist: "Still missing before preparation can be completed:",
    checkFocus: "Focus topic",
    checkAgenda: "Agenda",
    checkGroups: "at least one working group",
    checkInvitations: "Invitations",
    readyToPrepare: "Everything needed is prepared: focus topic, agenda, working groups and invitations.",
    markPrepared: "Complete preparation",
    preparedText: "Preparation is complete. The working groups can already draft proposals. Opening starts the session.",
    openSession: "Open session",
    inSessionText: "The session is running: the working groups edit their proposals together, the plenary adopts them. Closing freezes every proposal; whatever has not been agreed by its group and adopted by the plenary by then is not adopted.",
    closedText: "The session is closed. Publish the minutes once they are agreed.",
    minutes: "Minutes",
    writeMinutes: "Write and publish the minutes",
    coordination: "Coordination group",
    reportedText: "The minutes are published.",
    beforeSessionOnly: "Can only be changed before the session (the conference is now: {status}).",
    notClosedOnly: "No more invitations once the session is closed.",
    schedule: "Date and venue",
    newDate: "Date",
    newVenue: "Venue",
    venueHint: "Leave empty if the venue is still open.",
    saveSchedule: "Save date and venue",
    focusHint: "The topic of the conference, e.g. “Poverty in the neighbourhood”.",
    saveFocus: "Save focus topic",
    agenda: "Agenda",
    agendaEmpty: "The agenda has no items yet.",
    agendaItem: "Agenda item {n}",
    up: "Move up",
    down: "Move down",
    remove: "Remove",
    itemSuffix: ": item {n}",
    newItem: "New agenda item",
    addItem: "Add item",
    saveAgenda: "Save agenda",
    unsaved: "There are unsaved changes.",
    groups: "Working groups",
    groupsEmpty: "No working group has been formed yet.",
    number: "No.",
    groupName: "Working group",
    groupTopic: "Focus",
    members: "Members",
    proposals: "Proposals",
    formGroup: "Form a new working group",
    newGroupName: "Name of the working group",
    newGroupTopic: "Focus of the working group",
    formGroupButton: "Form working group",
    carryOver: "Carry over working groups from “{title}”",
    carryOverText: "Carried-over groups keep their name, focus, members and moderators, so cycles can be compared.",
    carryOverAll: "Carry over all {n} working groups",
    carryOverOne: "Carry over",
    allCarriedOver: "Every working group of the previous conference has been carried over.",
    invitations: "Invitations",
    invited: "Invited ({n})",
    invitedNone: "No organisation invited yet.",
    toInvite: "Invite further organisations",
    allInvited: "Every organisation is invited.",
    invite: "Invite selected organisations ({n})",
  },
});

interface Group {
  id: string;
  number: number;
  name: string;
  topic: string;
  lineage_id: string;
  /** For readers without a role the server sends the counts instead of the ids (no names). */
  member_ids?: string[];
  moderator_ids?: string[];
  member_count?: number;
  moderator_count?: number;
  proposal_count: number;
}

interface Conference {
  id: string;
  series: string;
  title: string;
  kind: string;
  cycle: string;
  district: string;
  starts_on: string;
  venue: string;
  status: string;
  focus_topic: string;
  agenda: string[];
  previous_conference_id: string | null;
  invited_organisation_ids: string[];
  minutes: string;
  working_groups: Group[];
}

interface Organisation {
  id: string;
  name: string;
  kind: string;
  district: string;
}

interface PageData {
  conference: Conference;
  measures: MeasureRow[];
  previous: Conference | null;
}

const STEPS = ["scheduled", "prepared", "in_session", "closed", "reported"];
const BEFORE_SESSION = ["scheduled", "prepared"];

async function load(conferenceId: string): Promise<PageData> {
  const conference = await api.get<Conference>(`/conferences/${conferenceId}`);
  const [measures, previous] = await Promise.all([
    api.get<MeasureRow[]>(`/measures${query({ conference_id: conferenceId, limit: 1000 })}`),
    conference.previous_conference_id
      ? api.get<Conference>(`/conferences/${conference.previous_conference_id}`).catch(() => null)
      : Promise.resolve(null),
  ]);
  return { conference, measures, previous };
}

/**
 * A form value that follows the server's value until the user edits it; `saved()` lets it follow again.
 * So a live update never overwrites what someone is typing.
 */
function useDraft<V>(server: V): [V, (value: V) => void, () => void, boolean] {
  const [value, setValue] = useState(server);
  const [dirty, setDirty] = useState(false);
  const dirtyRef = useRef(false);
  const key = JSON.stringify(server);
  useEffect(() => {
    if (!dirtyRef.current) setValue(server);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const edit = (next: V) => {
    dirtyRef.current = true;
    setDirty(true);
    setValue(next);
  };
  const saved = () => {
    dirtyRef.current = false;
    setDirty(false);
  };
  return [value, edit, saved, dirty];
}

function inputValue(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

type Allowed = Permissions | null | undefined;

function Lifecycle({ conference, allowed, onDone }: { conference: Conference; allowed: Allowed; onDone: () => void }) {
  const status = conference.status;
  const current = STEPS.indexOf(status);
  const missing = [
    !conference.focus_topic && T().checkFocus,
    conference.agenda.length === 0 && T().checkAgenda,
    conference.working_groups.length === 0 && T().checkGroups,
    conference.invited_organisation_ids.length === 0 && T().checkInvitations,
  ].filter(Boolean) as string[];
  const post = (path: string, body: unknown = {}) => () => api.post(`/conferences/${conference.id}${path}`, body);
  return (
    <section class="card" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{T().lifecycle}</h2>
      <ol class="steps" aria-label={T().steps}>
        {STEPS.map((step, index) => (
          <li key={step} class={index < current ? "done" : index === current ? "current" : ""} aria-current={index === current ? "step" : undefined}>
            {statusLabel(step)}
          </li>
        ))}
      </ol>
      {status === "scheduled" && (
        <>
          {missing.length > 0 ? (
            <div class="notice">
              <p>{T().checklist}</p>
              <ul>
                {missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="notice">{T().readyToPrepare}</p>
          )}
          {can(allowed, "mark_conference_prepared") && (
            <div class="actions">
              <ActionButton label={T().markPrepared} action={post("/preparation")} onDone={onDone} />
            </div>
          )}
        </>
      )}
      {status === "prepared" && (
        <>
          <p>{T().preparedText}</p>
          {can(allowed, "open_session") && (
            <div class="actions">
              <ActionButton label={T().openSession} action={post("/session/open")} onDone={onDone} />
            </div>
          )}
        </>
      )}
      {status === "in_session" && (
        <>
          <p>{T().inSessionText}</p>
          {can(allowed, "close_session") && (
            <div class="actions">
              <CloseSessionButton conferenceId={conference.id} onDone={onDone} />
            </div>
          )}
        </>
      )}
      {status === "closed" && can(allowed, "publish_minutes") && (
        <>
          <p>{T().closedText}</p>
          <p>
            <a href={`/konferenzen/${conference.id}/protokoll`}>{T().writeMinutes}</a>
          </p>
        </>
      )}
      {status === "reported" && (
        <>
          <p>{T().reportedText}</p>
          <p>
            <a href={`/konferenzen/${conference.id}/protokoll`}>{T().minutes}</a>
          </p>
        </>
      )}
    </section>
  );
}

function BeforeSessionNotice({ status }: { status: string }) {
  return <p class="muted">{fill(T().beforeSessionOnly, { status: statusLabel(status) })}</p>;
}

/** A section's form: only with the permission, and only before the session (else why not). */
function editableBefore(conference: Conference, allowed: Allowed, action: string): { editable: boolean; explain: boolean } {
  const may = can(allowed, action);
  const before = BEFORE_SESSION.includes(conference.status);
  return { editable: may && before, explain: may && !before };
}

function Schedule({ conference, allowed, onDone }: { conference: Conference; allowed: Allowed; onDone: () => void }) {
  const [form, setForm, saved, dirty] = useDraft({ starts_on: conference.starts_on, venue: conference.venue });
  const { editable, explain } = editableBefore(conference, allowed, "reschedule_conference");
  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{T().schedule}</h2>
      {!editable ? (
        <>
          <p>
            {formatDate(conference.starts_on)}, {conference.venue || T().open}
          </p>
          {explain && <BeforeSessionNotice status={conference.status} />}
        </>
      ) : (
        <>
          <div class="row">
            <Field id="schedule-date" label={T().newDate}>
              <input id="schedule-date" type="date" value={form.starts_on} onInput={(e) => setForm({ ...form, starts_on: inputValue(e) })} />
            </Field>
            <Field id="schedule-venue" label={T().newVenue} hint={T().venueHint}>
              <input
                id="schedule-venue"
                value={form.venue}
                size={50}
                aria-describedby="schedule-venue-hint"
                onInput={(e) => setForm({ ...form, venue: inputValue(e) })}
              />
            </Field>
          </div>
          {dirty && <p class="muted">{T().unsaved}</p>}
          <ActionButton
            label={T().saveSchedule}
            action={() => api.post(`/conferences/${conference.id}/reschedule`, form)}
            onDone={() => {
              saved();
              onDone();
            }}
          />
        </>
      )}
    </section>
  );
}

function FocusTopic({ conference, allowed, onDone }: { conference: Conference; allowed: Allowed; onDone: () => void }) {
  const [topic, setTopic, saved, dirty] = useDraft(conference.focus_topic);
  const { editable, explain } = editableBefore(conference, allowed, "set_focus_topic");
  return (
    <section class="card" aria-labelledby="focus-title">
      <h2 id="focus-title">{T().focus}</h2>
      {!editable ? (
        <>
          <p>{conference.focus_topic || T().none}</p>
          {explain && <BeforeSessionNotice status={conference.status} />}
        </>
      ) : (
        <>
          <Field id="focus-topic" label={T().focus} hint={T().focusHint}>
            <input id="focus-topic" value={topic} size={80} aria-describedby="focus-topic-hint" onInput={(e) => setTopic(inputValue(e))} />
          </Field>
          {dirty && <p class="muted">{T().unsaved}</p>}
          <ActionButton
            label={T().saveFocus}
            action={() => api.put(`/conferences/${conference.id}/focus-topic`, { focus_topic: topic })}
            onDone={() => {
              saved();
              onDone();
            }}
          />
        </>
      )}
    </section>
  );
}

function Agenda({ conference, allowed, onDone }: { conference: Conference; allowed: Allowed; onDone: () => void }) {
  const [items, setItems, saved, dirty] = useDraft(conference.agenda);
  const [next, setNext] = useState("");
  const { editable, explain } = editableBefore(conference, allowed, "set_agenda");
  if (!editable) {
    return (
      <section class="card" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{T().agenda}</h2>
        {conference.agenda.length === 0 ? (
          <p>{T().agendaEmpty}</p>
        ) : (
          <ol>
            {conference.agenda.map((item, index) => (
              <li key={index}>{item}</li>
            ))}
          </ol>
        )}
        {explain && <BeforeSessionNotice status={conference.status} />}
      </section>
    );
  }
  const move = (from: number, to: number) => {
    const copy = [...items];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    setItems(copy);
  };
  const add = () => {
    if (!next.trim()) return;
    setItems([...items, next.trim()]);
    setNext("");
  };
  return (
    <section class="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{T().agenda}</h2>
      {items.length === 0 && <p>{T().agendaEmpty}</p>}
      <ol class="agenda">
        {items.map((item, index) => {
          const n = index + 1;
          const suffix = fill(T().itemSuffix, { n });
          return (
            <li key={index}>
              <label class="sr-only" for={`agenda-${index}`}>
                {fill(T().agendaItem, { n })}
              </label>
              <input
                id={`agenda-${index}`}
                value={item}
                size={60}
                onInput={(e) => setItems(items.map((old, i) => (i === index ? inputValue(e) : old)))}
              />
              <button
                type="button"
                class="secondary"
                aria-label={T().up + suffix}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                {T().up}
              </button>
              <button
                type="button"
                class="secondary"
                aria-label={T().down + suffix}
                disabled={index === items.length - 1}
                onClick={() => move(index, index + 1)}
              >
                {T().down}
              </button>
              <button
                type="button"
                class="secondary"
                aria-label={T().remove + suffix}
                onClick={() => setItems(items.filter((_, i) => i !== index))}
              >
                {T().remove}
              </button>
            </li>
          );
        })}
      </ol>
      <div class="row">
        <Field id="agenda-new" label={T().newItem}>
          <input
            id="agenda-new"
            value={next}
            size={60}
            onInput={(e) => setNext(inputValue(e))}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <div class="field">
          <button type="button" class="secondary" onClick={add}>
            {T().addItem}
          </button>
        </div>
      </div>
      {dirty && <p class="muted">{T().unsaved}</p>}
      <ActionButton
        label={T().saveAgenda}
        action={() => api.put(`/conferences/${conference.id}/agenda`, { items })}
        onDone={() => {
          saved();
          onDone();
        }}
      />
    </section>
  );
}

function Groups({
  conference,
  previous,
  allowed,
  onDone,
}: {
  conference: Conference;
  previous: Conference | null;
  allowed: Allowed;
  onDone: () => void;
}) {
  const [form, setForm] = useState({ name: "", topic: "" });
  const { editable, explain } = editableBefore(conference, allowed, "form_working_group");
  const mayCarryOver = can(allowed, "carry_over_all_working_groups");
  const groups = [...conference.working_groups].sort((a, b) => a.number - b.number);
  const taken = new Set(groups.map((g) => g.lineage_id));
  const open = previous ? [...previous.working_groups].sort((a, b) => a.number - b.number).filter((g) => !taken.has(g.lineage_id)) : [];
  const base = `/conferences/${conference.id}/working-groups`;
  return (
    <section class="card" aria-labelledby="groups-title">
      <h2 id="groups-title">{T().groups}</h2>
      {groups.length === 0 ? (
        <p>{T().groupsEmpty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" class="number">{T().number}</th>
              <th scope="col">{T().groupName}</th>
              <th scope="col">{T().groupTopic}</th>
              <th scope="col" class="number">{T().members}</th>
              <th scope="col" class="number">{T().proposals}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <td class="number">{g.number}</td>
                <td>
                  <a href={`/arbeitsgruppen/${g.id}`}>{g.name}</a>
                </td>
                <td>{g.topic || T().none}</td>
                <td class="number">{g.member_ids?.length ?? g.member_count ?? 0}</td>
                <td class="number">{g.proposal_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!editable ? (
        explain && <BeforeSessionNotice status={conference.status} />
      ) : (
        <>
          {previous && mayCarryOver && (
            <>
              <h3>{fill(T().carryOver, { title: previous.title })}</h3>
              <p class="muted">{T().carryOverText}</p>
              {open.length === 0 ? (
                <p>{T().allCarriedOver}</p>
              ) : (
                <>
                  <div class="actions">
                    <ActionButton
                      label={fill(T().carryOverAll, { n: open.length })}
                      action={() => api.post(`${base}/carry-over-all`)}
                      onDone={onDone}
                    />
                  </div>
                  <ul class="carry-over">
                    {open.map((g) => (
                      <li key={g.id}>
                        <span>
                          {g.number}. {g.name}
                          {g.topic && <span class="muted"> – {g.topic}</span>}
                        </span>
                        <ActionButton
                          label={`${T().carryOverOne}: ${g.name}`}
                          kind="secondary"
                          action={() => api.post(`${base}/carry-over`, { previous_group_id: g.id })}
                          onDone={onDone}
                        />
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          <h3>{T().formGroup}</h3>
          <div class="row">
            <Field id="group-name" label={T().newGroupName}>
              <input id="group-name" value={form.name} size={30} onInput={(e) => setForm({ ...form, name: inputValue(e) })} />
            </Field>
            <Field id="group-topic" label={T().newGroupTopic}>
              <input id="group-topic" value={form.topic} size={50} onInput={(e) => setForm({ ...form, topic: inputValue(e) })} />
            </Field>
          </div>
          <ActionButton
            label={T().formGroupButton}
            action={() => api.post(base, form)}
            onDone={() => {
              setForm({ name: "", topic: "" });
              onDone();
            }}
          />
        </>
      )}
    </section>
  );
}

function Invitations({
  conference,
  organisations,
  allowed: permissions,
  onDone,
}: {
  conference: Conference;
  organisations: Organisation[];
  allowed: Allowed;
  onDone: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const invited = new Set(conference.invited_organisation_ids);
  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, "de"));
  const already = sorted.filter((o) => invited.has(o.id));
  const others = sorted.filter((o) => !invited.has(o.id));
  const allowed = conference.status !== "closed" && conference.status !== "reported";
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{T().invitations}</h2>
      <h3>{fill(T().invited, { n: already.length })}</h3>
      {already.length === 0 ? (
        <p>{T().invitedNone}</p>
      ) : (
        <ul class="organisations">
          {already.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      )}
      {!can(permissions, "invite_organisations") ? null : !allowed ? (
        <p class="muted">{T().notClosedOnly}</p>
      ) : others.length === 0 ? (
        <p>{T().allInvited}</p>
      ) : (
        <>
          <fieldset class="organisations">
            <legend>{T().toInvite}</legend>
            {others.map((o) => (
              <div key={o.id} class="check">
                <input
                  type="checkbox"
                  id={`invite-${o.id}`}
                  checked={chosen.includes(o.id)}
                  onChange={(e) => toggle(o.id, (e.target as HTMLInputElement).checked)}
                />
                <label for={`invite-${o.id}`}>
                  {o.name}
                  {o.district && <span class="muted"> ({o.district})</span>}
                </label>
              </div>
            ))}
          </fieldset>
          <ActionButton
            label={fill(T().invite, { n: chosen.length })}
            action={() =>
              api.post(`/conferences/${conference.id}/invitations`, {
                organisation_ids: chosen.filter((id) => !invited.has(id)),
              })
            }
            onDone={() => {
              setChosen([]);
              onDone();
            }}
          />
        </>
      )}
    </section>
  );
}

function Facts({ conference, previous }: { conference: Conference; previous: Conference | null }) {
  const kind = (T() as Record<string, string>)[`kind_${conference.kind}`] ?? conference.kind;
  return (
    <section class="card" aria-label={conference.title}>
      <dl class="facts">
        <dt>{T().series}</dt>
        <dd>{conference.series}</dd>
        <dt>{T().cycle}</dt>
        <dd>{conference.cycle}</dd>
        <dt>{T().kind}</dt>
        <dd>
          {kind}
          {conference.district && ` – ${conference.district}`}
        </dd>
        <dt>{T().date}</dt>
        <dd>{formatDate(conference.starts_on)}</dd>
        <dt>{T().venue}</dt>
        <dd>{conference.venue || T().open}</dd>
        <dt>{T().status}</dt>
        <dd>
          <StatusBadge status={conference.status} />
        </dd>
        <dt>{T().focus}</dt>
        <dd>{conference.focus_topic || T().none}</dd>
        {previous && (
          <>
            <dt>{T().previous}</dt>
            <dd>
              <a href={`/konferenzen/${previous.id}`}>{previous.title}</a>
            </dd>
          </>
        )}
      </dl>
      <nav aria-label={T().views} class="conference-links">
        <a href={`/konferenzen/${conference.id}/plenum`}>{T().plenaryView}</a>
        <a href={`/konferenzen/${conference.id}/protokoll`}>{T().minutes}</a>
        <a href={`/konferenzen/${conference.id}/koordinierung`}>{T().coordination}</a>
        <a href={`/pruefung?konferenz=${conference.id}`}>{T().replay}</a>
      </nav>
    </section>
  );
}

export function ConferencePage({ conferenceId }: { conferenceId: string }) {
  const allowed = usePermissions({ conference_id: conferenceId });
  const { data, error, reload } = useLive(() => load(conferenceId), [conferenceId], { conferenceId });
  const reference = useLive(
    () => Promise.all([api.get<Organisation[]>("/organisations"), api.get<Committee[]>("/committees")]),
    [],
    { relevant: (change) => change.view === "reference" },
  );
  if (!data) {
    return (
      <>
        <PageTitle title={T().loadingTitle} />
        <ErrorMessage error={error} onRetry={reload} />
        {!error && <Loading />}
      </>
    );
  }
  const { conference, measures, previous } = data;
  const [organisations, committees] = reference.data ?? [[], []];
  const committeesByName = [...committees].sort((a, b) => a.name.localeCompare(b.name, "de"));
  return (
    // data-permissions: whether the forms this person may use are known yet (for tests and styling).
    <div class="conference-page" data-permissions={allowed === undefined ? "loading" : "loaded"}>
      <PageTitle title={conference.title} />
      <DocumentLinks
        links={[
          ["dokumentation", documentUrl("dokumentation", conference.id)],
          ["catalogue", documentUrl("catalogue", "", { conference_id: conference.id })],
        ]}
      />
      <ErrorMessage error={error} onRetry={reload} />
      <ErrorMessage error={reference.error} onRetry={reference.reload} />
      <Facts conference={conference} previous={previous} />
      <Lifecycle conference={conference} allowed={allowed} onDone={reload} />
      <div class="conference-grid">
        <Schedule conference={conference} allowed={allowed} onDone={reload} />
        <FocusTopic conference={conference} allowed={allowed} onDone={reload} />
      </div>
      <Agenda conference={conference} allowed={allowed} onDone={reload} />
      <Groups conference={conference} previous={previous} allowed={allowed} onDone={reload} />
      {can(allowed, "import_catalogue") && ["prepared", "in_session"].includes(conference.status) && (
        <p class="actions">
          <a class="button secondary" href={`/konferenzen/${conference.id}/import`}>
            {T().importCatalogue}
          </a>
        </p>
      )}
      <Invitations conference={conference} organisations={organisations} allowed={allowed} onDone={reload} />
      <MeasuresSection
        conferenceStatus={conference.status}
        groups={conference.working_groups}
        measures={measures}
        committees={committeesByName}
        allowed={allowed}
        onDone={reload}
      />
      {can(allowed, "grant_role") && <Roles conferenceId={conference.id} onDone={reload} />}
      {can(allowed, "manage_accounts") && <AccountInvitations />}
    </div>
  );
}
