// The signed-in person's desk on the start page (GET /api/me/desk): the current conference, her
// working groups with their proposals, and what waits for her in each of her roles.

import type { ComponentChildren } from "preact";
import { api } from "../api";
import { formatDate, formatDateTime, messages } from "../i18n";
import { useLive } from "../live";
import { ErrorMessage, Loading, StatusBadge } from "../ui";

const T = messages({
  de: {
    current: "Aktuelle Konferenz",
    inSession: "tagt gerade",
    plenary: "Zum Plenum",
    groups: "Meine Arbeitsgruppen",
    noProposals: "Noch keine Vorschläge.",
    reference: "Nr.",
    proposal: "Vorschlag",
    status: "Stand",
    toAgree: "Abzustimmen in meinen Arbeitsgruppen",
    toAgreeIntro: "Entwürfe, über die Ihre Arbeitsgruppe noch beschließen muss.",
    nothingToAgree: "Kein Entwurf wartet auf einen Beschluss.",
    toEvaluate: "Zu evaluieren",
    toEvaluateIntro: "Maßnahmen des letzten Zyklus, die Ihre Arbeitsgruppe noch nicht bewertet hat.",
    nothingToEvaluate: "Nichts zu evaluieren.",
    evaluateIn: "in {group} bewerten",
    toDecide: "Zu entscheiden im Ausschuss",
    toDecideIntro: "Vorlagen ohne Ausschussbeschluss.",
    nothingToDecide: "Keine Vorlage wartet auf eine Entscheidung.",
    paper: "Vorlage",
    committee: "Ausschuss",
    submitted: "Vorgelegt am",
    toAudit: "Zu prüfen",
    toAuditIntro: "Die neuesten Beschlüsse. Die Hash-Kette und den Verlauf prüfen Sie auf der Prüfseite.",
    nothingToAudit: "Noch keine Beschlüsse.",
    auditPage: "Zur Prüfung (Verlauf und Hash-Kette)",
    when: "Zeitpunkt",
    what: "Beschluss",
    who: "Von",
    organiser: "Heute im Organisationsteam",
    today: "Heute findet statt: {list}",
    toAdopt: "Warten auf das Plenum",
    nothingToAdopt: "Kein Vorschlag wartet auf das Plenum.",
    toSubmit: "Verabschiedet, noch nicht dem Ausschuss vorgelegt",
    nothingToSubmit: "Nichts dem Ausschuss vorzulegen.",
    coordination: "In der Koordinierungsgruppe",
    coordinationOf: "Koordinierungsgruppe {series}",
    chair: "Vorsitz",
    nothingToCoordinate: "Keine offenen Aufgaben.",
    task_focus_topic: "Schwerpunktthema festlegen",
    task_agenda: "Tagesordnung festlegen",
    task_minutes: "Protokoll schreiben",
    role_moderator: "Moderation",
    role_member: "Mitglied",
  },
  en: {
    current: "Current conference",
    inSession: "in session now",
    plenary: "To the plenary",
    groups: "My working groups",
    noProposals: "No proposals yet.",
    reference: "No.",
    proposal: "Proposal",
    status: "Status",
    toAgree: "To agree in my working groups",
    toAgreeIntro: "Drafts your working group still has to agree on.",
    nothingToAgree: "No draft is waiting for an agreement.",
    toEvaluate: "To evaluate",
    toEvaluateIntro: "Measures of the last cycle your working group has not evaluated yet.",
    nothingToEvaluate: "Nothing to evaluate.",
    evaluateIn: "evaluate in {group}",
    toDecide: "To decide in committee",
    toDecideIntro: "Papers without a committee decision.",
    nothingToDecide: "No paper is waiting for a decision.",
    paper: "Paper",
    committee: "Committee",
    submitted: "Submitted on",
    toAudit: "To audit",
    toAuditIntro: "The latest decisions. Check the hash chain and the history on the audit page.",
    nothingToAudit: "No decisions yet.",
    auditPage: "To the audit (history and hash chain)",
    when: "When",
    what: "Decision",
    who: "By",
    organiser: "Today for the organising team",
    today: "Taking place today: {list}",
    toAdopt: "Waiting for the plenary",
    nothingToAdopt: "No proposal is waiting for the plenary.",
    toSubmit: "Adopted, not yet submitted to the committee",
    nothingToSubmit: "Nothing to submit to the committee.",
    coordination: "In the coordination group",
    coordinationOf: "Coordination group {series}",
    chair: "Chair",
    nothingToCoordinate: "No open tasks.",
    task_focus_topic: "Set the focus topic",
    task_agenda: "Set the agenda",
    task_minutes: "Write the minutes",
    role_moderator: "Moderation",
    role_member: "Member",
  },
});

interface MeasureRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  conference_id: string;
  working_group_id: string;
}

interface Group {
  id: string;
  name: string;
  conference_title: string;
  role: "moderator" | "member";
  proposals: MeasureRow[];
}

interface Conference {
  id: string;
  title: string;
  starts_on: string;
  venue: string;
  status: string;
}

export interface Desk {
  global_roles: string[];
  conference_roles: Record<string, string[]>;
  current_conference: Conference | null;
  groups: Group[];
  to_agree: (MeasureRow & { working_group: string })[];
  to_evaluate: (MeasureRow & { evaluating_group_id: string; evaluating_group: string })[];
  to_decide: { measure_id: string; paper_number: string; title: string; committee: string | null; submitted_at: string }[];
  to_audit: { latest_decisions: { position: number; at: string; kind: string; aggregate_id: string; aggregate_type: string; actor_name: string; title: string }[] } | null;
  organiser: { today: Conference[]; to_adopt: MeasureRow[]; to_submit: MeasureRow[] } | null;
  coordination?: Coordination[];
}

type CoordinationTask = "focus_topic" | "agenda" | "minutes";

interface Coordination {
  id: string;
  series: string;
  chair: boolean;
  upcoming_conference: Conference | null;
  tasks: { conference_id: string; conference_title: string; task: CoordinationTask }[];
}

function CoordinationCard({ groups }: { groups: Coordination[] }) {
  return (
    <Card id="desk-coordination" title={T().coordination}>
      {groups.map((g) => (
        <div key={g.id}>
          <h3>
            {g.upcoming_conference ? (
              <a href={`/konferenzen/${g.upcoming_conference.id}/koordinierung`}>{T().coordinationOf.replace("{series}", g.series)}</a>
            ) : (
              T().coordinationOf.replace("{series}", g.series)
            )}
            {g.chair && <span class="muted"> ({T().chair})</span>}
          </h3>
          {g.tasks.length === 0 ? (
            <p>{T().nothingToCoordinate}</p>
          ) : (
            <ul>
              {g.tasks.map((t) => (
                <li key={`${t.conference_id}-${t.task}`}>
                  <a href={`/konferenzen/${t.conference_id}${t.task === "minutes" ? "/protokoll" : ""}`}>{t.conference_title}</a>:{" "}
                  {T()[`task_${t.task}`]}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </Card>
  );
}

const proposalHref = (m: MeasureRow) => `/arbeitsgruppen/${m.working_group_id}/vorschlaege/${m.id}`;

function Card({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ComponentChildren }) {
  return (
    <section class="card desk-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p class="muted">{intro}</p>}
      {children}
    </section>
  );
}

function MeasureList({ rows, empty, href }: { rows: MeasureRow[]; empty: string; href: (m: MeasureRow) => string }) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <ul class="desk-list">
      {rows.map((m) => (
        <li key={m.id}>
          <a href={href(m)}>
            {m.reference} {m.title}
          </a>{" "}
          <StatusBadge status={m.status} />
        </li>
      ))}
    </ul>
  );
}

function Groups({ groups }: { groups: Group[] }) {
  return (
    <Card id="desk-groups" title={T().groups}>
      {groups.map((g) => (
        <div key={g.id} class="desk-group">
          <h3 id={`desk-group-${g.id}`}>
            <a href={`/arbeitsgruppen/${g.id}`}>{g.name}</a>{" "}
            <span class="muted">
              ({T()[`role_${g.role}`]}, {g.conference_title})
            </span>
          </h3>
          {g.proposals.length === 0 ? (
            <p>{T().noProposals}</p>
          ) : (
            <table aria-labelledby={`desk-group-${g.id}`}>
              <thead>
                <tr>
                  <th scope="col">{T().reference}</th>
                  <th scope="col">{T().proposal}</th>
                  <th scope="col">{T().status}</th>
                </tr>
              </thead>
              <tbody>
                {g.proposals.map((p) => (
                  <tr key={p.id}>
                    <td>{p.reference}</td>
                    <td>
                      <a href={proposalHref(p)}>{p.title}</a>
                    </td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </Card>
  );
}

function Tasks({ desk }: { desk: Desk }) {
  const moderates = desk.groups.some((g) => g.role === "moderator");
  const committee = Object.values(desk.conference_roles).some((roles) => roles.includes("committee_member"));
  return (
    <>
      {moderates && (
        <Card id="desk-agree" title={T().toAgree} intro={T().toAgreeIntro}>
          <MeasureList rows={desk.to_agree} empty={T().nothingToAgree} href={proposalHref} />
        </Card>
      )}
      {moderates && (
        <Card id="desk-evaluate" title={T().toEvaluate} intro={T().toEvaluateIntro}>
          {desk.to_evaluate.length === 0 ? (
            <p>{T().nothingToEvaluate}</p>
          ) : (
            <ul class="desk-list">
              {desk.to_evaluate.map((m) => (
                <li key={`${m.evaluating_group_id}-${m.id}`}>
                  <a href={`/massnahmen/${m.id}`}>
                    {m.reference} {m.title}
                  </a>{" "}
                  <StatusBadge status={m.status} /> –{" "}
                  <a href={`/arbeitsgruppen/${m.evaluating_group_id}`}>
                    {T().evaluateIn.replace("{group}", m.evaluating_group)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {committee && (
        <Card id="desk-decide" title={T().toDecide} intro={T().toDecideIntro}>
          {desk.to_decide.length === 0 ? (
            <p>{T().nothingToDecide}</p>
          ) : (
            <table aria-labelledby="desk-decide">
              <thead>
                <tr>
                  <th scope="col">{T().paper}</th>
                  <th scope="col">{T().proposal}</th>
                  <th scope="col">{T().committee}</th>
                  <th scope="col">{T().submitted}</th>
                </tr>
              </thead>
              <tbody>
                {desk.to_decide.map((p) => (
                  <tr key={`${p.measure_id}-${p.paper_number}`}>
                    <td>{p.paper_number}</td>
                    <td>
                      <a href={`/massnahmen/${p.measure_id}`}>{p.title}</a>
                    </td>
                    <td>{p.committee ?? ""}</td>
                    <td>{formatDate(p.submitted_at.slice(0, 10))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      {desk.to_audit && (
        <Card id="desk-audit" title={T().toAudit} intro={T().toAuditIntro}>
          <p>
            <a href="/pruefung">{T().auditPage}</a>
          </p>
          {desk.to_audit.latest_decisions.length === 0 ? (
            <p>{T().nothingToAudit}</p>
          ) : (
            <table aria-labelledby="desk-audit">
              <thead>
                <tr>
                  <th scope="col">{T().when}</th>
                  <th scope="col">{T().what}</th>
                  <th scope="col">{T().who}</th>
                </tr>
              </thead>
              <tbody>
                {desk.to_audit.latest_decisions.map((d) => (
                  <tr key={d.position}>
                    <td>{formatDateTime(d.at)}</td>
                    <td>
                      {d.aggregate_type === "Measure" ? <a href={`/massnahmen/${d.aggregate_id}`}>{d.title || d.kind}</a> : d.kind}
                      {d.aggregate_type === "Measure" && <span class="muted"> ({d.kind})</span>}
                    </td>
                    <td>{d.actor_name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      {desk.organiser && (
        <Card id="desk-organiser" title={T().organiser}>
          {desk.organiser.today.length > 0 && (
            <p>{T().today.replace("{list}", desk.organiser.today.map((c) => c.title).join(", "))}</p>
          )}
          <h3>{T().toAdopt}</h3>
          <MeasureList rows={desk.organiser.to_adopt} empty={T().nothingToAdopt} href={(m) => `/konferenzen/${m.conference_id}`} />
          <h3>{T().toSubmit}</h3>
          <MeasureList rows={desk.organiser.to_submit} empty={T().nothingToSubmit} href={(m) => `/massnahmen/${m.id}`} />
        </Card>
      )}
    </>
  );
}

/** The desk: shown above the list of all conferences on the start page. */
export function DeskSections() {
  const { data, error, reload } = useLive(() => api.get<Desk>("/me/desk"), []);
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (data === undefined) return <Loading />;
  const current = data.current_conference;
  return (
    <div class="desk">
      {current && (
        <Card id="desk-current" title={T().current}>
          <p>
            <a href={`/konferenzen/${current.id}`}>{current.title}</a> – {formatDate(current.starts_on)}
            {current.venue && `, ${current.venue}`} <StatusBadge status={current.status} />
            {current.status === "in_session" && (
              <>
                {" "}
                <strong>{T().inSession}</strong> · <a href={`/konferenzen/${current.id}/plenum`}>{T().plenary}</a>
              </>
            )}
          </p>
        </Card>
      )}
      {data.groups.length > 0 && <Groups groups={data.groups} />}
      {data.coordination && data.coordination.length > 0 && <CoordinationCard groups={data.coordination} />}
      <Tasks desk={data} />
    </div>
  );
}
