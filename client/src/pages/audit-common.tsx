// Shared by the measure page and the auditor's replay: events in German words, names of
// people, field labels, and the shapes the audit endpoints answer with.

import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { fieldLabel } from "../fields";
import { formatDate, lang, messages } from "../i18n";
import { subscribe } from "../live";

export interface HistoryEvent {
  position: number;
  timestamp: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  type: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}

export interface Person {
  id: string;
  name: string;
  erased: boolean;
}

const EVENTS = {
  de: {
    "Conference.Scheduled": "Konferenz geplant",
    "Conference.Rescheduled": "Termin oder Ort geändert",
    "Conference.FocusTopicSet": "Schwerpunktthema festgelegt",
    "Conference.AgendaSet": "Tagesordnung festgelegt",
    "Conference.WorkingGroupConstituted": "Arbeitsgruppe eingerichtet",
    "Conference.Invited": "Organisationen eingeladen",
    "Conference.Prepared": "Vorbereitung abgeschlossen",
    "Conference.SessionOpened": "Sitzung eröffnet",
    "Conference.SessionClosed": "Sitzung geschlossen",
    "Conference.MinutesPublished": "Protokoll veröffentlicht",
    "WorkingGroup.Formed": "Arbeitsgruppe gebildet",
    "WorkingGroup.Refocused": "Schwerpunkt der Arbeitsgruppe geändert",
    "WorkingGroup.MemberJoined": "Mitglied aufgenommen",
    "WorkingGroup.MemberLeft": "Mitglied ausgeschieden",
    "WorkingGroup.ModeratorAssigned": "Moderation übernommen",
    "WorkingGroup.ModeratorUnassigned": "Moderation abgegeben",
    "WorkingGroup.ProposalStarted": "Vorschlag in der Arbeitsgruppe begonnen",
    "WorkingGroup.Closed": "Arbeitsgruppe abgeschlossen",
    "Measure.Drafted": "Vorschlag angelegt",
    "Measure.ProposalEdited": "Vorschlagstext geändert",
    "Measure.DetailsSet": "Federführung, Kosten oder Indikatoren festgelegt",
    "Measure.Imported": "Aus einer Katalogdatei importiert",
    "ImportedRow.Recorded": "Zeile einer Katalogdatei importiert",
    "Measure.AgreedInGroup": "In der AG beschlossen",
    "Measure.Withdrawn": "Vorschlag zurückgezogen",
    "Measure.Lapsed": "Vorschlag verfallen",
    "Measure.Adopted": "Vom Plenum verabschiedet",
    "Measure.Returned": "An die AG zurückverwiesen",
    "Measure.Submitted": "Dem Ausschuss vorgelegt",
    "Measure.CommitteeDecided": "Ausschuss hat entschieden",
    "Measure.ImplementationStarted": "Umsetzung begonnen",
    "Measure.ProgressReported": "Fortschritt berichtet",
    "Measure.IndicatorActualReported": "Ist-Wert eines Indikators berichtet",
    "Measure.DistrictsSet": "Sozialräume festgelegt",
    "DistrictRegister.Established": "Liste der Sozialräume angelegt",
    "DistrictRegister.DistrictRegistered": "Sozialraum angelegt",
    "DistrictRegister.DistrictRenamed": "Sozialraum umbenannt",
    "DistrictRegister.DistrictRetired": "Sozialraum aufgelöst",
    "Measure.ImplementationCompleted": "Umsetzung abgeschlossen",
    "Measure.Evaluated": "Wirkung bewertet",
    "Measure.CarriedOver": "In den neuen Zyklus übernommen",
    "ProposalDocument.Started": "Gemeinsames Bearbeiten begonnen",
    "ProposalDocument.UpdatesAppended": "Text gemeinsam bearbeitet",
    "ProposalDocument.Checkpointed": "Zwischenstand gesichert",
  },
  en: {
    "Conference.Scheduled": "Conference scheduled",
    "Conference.Rescheduled": "Date or venue changed",
    "Conference.FocusTopicSet": "Focus topic set",
    "Conference.AgendaSet": "Agenda set",
    "Conference.WorkingGroupConstituted": "Working group constituted",
    "Conference.Invited": "Organisations invited",
    "Conference.Prepared": "Preparation completed",
    "Conference.SessionOpened": "Session opened",
    "Conference.SessionClosed": "Session closed",
    "Conference.MinutesPublished": "Minutes published",
    "WorkingGroup.Formed": "Working group formed",
    "WorkingGroup.Refocused": "Working group topic changed",
    "WorkingGroup.MemberJoined": "Member joined",
    "WorkingGroup.MemberLeft": "Member left",
    "WorkingGroup.ModeratorAssigned": "Moderation taken over",
    "WorkingGroup.ModeratorUnassigned": "Moderation handed back",
    "WorkingGroup.ProposalStarted": "Proposal started in the group",
    "WorkingGroup.Closed": "Working group closed",
    "Measure.Drafted": "Proposal created",
    "Measure.ProposalEdited": "Proposal text changed",
    "Measure.DetailsSet": "Lead, cost or indicators set",
    "Measure.Imported": "Imported from a catalogue file",
    "ImportedRow.Recorded": "Row of a catalogue file imported",
    "Measure.AgreedInGroup": "Agreed in the group",
    "Measure.Withdrawn": "Proposal withdrawn",
    "Measure.Lapsed": "Proposal lapsed",
    "Measure.Adopted": "Adopted by the plenary",
    "Measure.Returned": "Returned to the group",
    "Measure.Submitted": "Submitted to the committee",
    "Measure.CommitteeDecided": "Committee decided",
    "Measure.ImplementationStarted": "Implementation started",
    "Measure.ProgressReported": "Progress reported",
    "Measure.IndicatorActualReported": "Actual value of an indicator reported",
    "Measure.DistrictsSet": "Districts set",
    "DistrictRegister.Established": "List of districts set up",
    "DistrictRegister.DistrictRegistered": "District added",
    "DistrictRegister.DistrictRenamed": "District renamed",
    "DistrictRegister.DistrictRetired": "District retired",
    "Measure.ImplementationCompleted": "Implementation completed",
    "Measure.Evaluated": "Impact evaluated",
    "Measure.CarriedOver": "Carried over into the new cycle",
    "ProposalDocument.Started": "Joint editing started",
    "ProposalDocument.UpdatesAppended": "Text edited jointly",
    "ProposalDocument.Checkpointed": "Interim state saved",
  },
};

/** The event type in plain words ("Vorschlag angelegt"); unknown types keep their name. */
export function eventLabel(type: string): string {
  const table = EVENTS[lang()] as Record<string, string>;
  return table[type] ?? type;
}

const T = messages({
  de: {
    system: "System",
    unknownPerson: "Unbekannte Person ({id})",
    fields: "Geänderte Felder: {list}",
    reason: "Begründung: {text}",
    paper: "Vorlage {number}",
    progress: "Fortschritt {value} %",
    decision: "Entscheidung: {value}",
    hash: "SHA-256 {hash}",
    importedFrom: "importiert aus {file}, Zeile {row}",
    verdictcontinue: "Empfehlung: fortführen",
    verdictadapt: "Empfehlung: anpassen",
    verdictend: "Empfehlung: beenden",
    conference: "Konferenz",
    workinggroup: "Arbeitsgruppe",
    measure: "Maßnahme",
    proposaldocument: "Vorschlagstext (live)",
  },
  en: {
    system: "System",
    unknownPerson: "Unknown person ({id})",
    fields: "Changed fields: {list}",
    reason: "Reason: {text}",
    paper: "Paper {number}",
    progress: "Progress {value} %",
    decision: "Decision: {value}",
    hash: "SHA-256 {hash}",
    importedFrom: "imported from {file}, row {row}",
    verdictcontinue: "Recommendation: continue",
    verdictadapt: "Recommendation: adapt",
    verdictend: "Recommendation: end",
    conference: "Conference",
    workinggroup: "Working group",
    measure: "Measure",
    proposaldocument: "Proposal text (live)",
  },
});

export function aggregateLabel(type: string): string {
  const table = T() as Record<string, string>;
  return table[type.toLowerCase()] ?? type;
}

const SYSTEM_ACTOR = "00000000-0000-0000-0000-000000000000";

/** Everyone's names by id, kept current (erased people appear as the API shows them). */
export function usePeople(): Map<string, string> {
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.get<Person[]>("/people").then(
        (list) => alive && setPeople(new Map(list.map((p) => [p.id, p.name]))),
        () => undefined,
      );
    load();
    const unsubscribe = subscribe(null, (changes) => {
      if (changes.length === 0 || changes.some((c) => c.view === "reference")) load();
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, []);
  return people;
}

export function personName(people: Map<string, string>, id: string | null | undefined): string {
  if (!id || id === SYSTEM_ACTOR) return T().system;
  return people.get(id) ?? T().unknownPerson.replace("{id}", id.slice(0, 8));
}

/** One short line about what an event carried (fields changed, reason, decision …). */
export function eventSummary(event: HistoryEvent, statusLabel: (s: string) => string): string {
  const d = event.data;
  const parts: string[] = [];
  const fields = d.fields as Record<string, string> | undefined;
  if (event.type === "Measure.ProposalEdited" && fields) {
    parts.push(T().fields.replace("{list}", Object.keys(fields).map(fieldLabel).join(", ")));
  }
  if (event.type === "Measure.Drafted" && fields?.title) parts.push(`„${fields.title}“`);
  if (typeof d.reference === "string" && d.reference) parts.push(d.reference);
  if (typeof d.name === "string" && d.name) parts.push(d.name);
  if (typeof d.title === "string" && d.title && event.type !== "Measure.Drafted") parts.push(`„${d.title}“`);
  if (typeof d.topic === "string" && d.topic) parts.push(d.topic);
  if (typeof d.paper_number === "string" && d.paper_number) parts.push(T().paper.replace("{number}", d.paper_number));
  if (typeof d.decision === "string" && d.decision) parts.push(T().decision.replace("{value}", statusLabel(d.decision)));
  if (typeof d.progress === "number") parts.push(T().progress.replace("{value}", String(d.progress)));
  if (event.type === "Measure.IndicatorActualReported" && typeof d.indicator === "string") {
    parts.push(`${d.indicator}: ${String(d.value).replace(".", lang() === "de" ? "," : ".")} (${formatDate(String(d.measured_on))})`);
    if (typeof d.source === "string" && d.source) parts.push(d.source);
  }
  if (typeof d.reason === "string" && d.reason) parts.push(T().reason.replace("{text}", d.reason));
  if (typeof d.note === "string" && d.note) parts.push(d.note);
  const evaluation = d.evaluation as Record<string, unknown> | undefined;
  if (evaluation && typeof evaluation.verdict === "string") {
    const table = T() as Record<string, string>;
    parts.push(table[`verdict${evaluation.verdict}`] ?? evaluation.verdict);
  }
  const source = d.source as { file?: string; row?: number } | undefined;
  if (source?.file) parts.push(T().importedFrom.replace("{file}", source.file).replace("{row}", String(source.row)));
  const frozen = d.frozen as { sha256?: string } | undefined;
  if (frozen?.sha256) parts.push(T().hash.replace("{hash}", frozen.sha256.slice(0, 12) + "…"));
  return parts.join(" · ");
}

// --- the live proposal document's own stream ---

/**
 * The events of a measure's jointly edited document (empty when there is none), each with
 * the person who sent the edit. Checkpoints are left out: they only repeat the text.
 */
export async function documentEvents(measureId: string): Promise<HistoryEvent[]> {
  const events = await api.get<HistoryEvent[]>(`/measures/${measureId}/document-history`);
  return events
    .filter((e) => e.type !== "ProposalDocument.Checkpointed")
    .map((e) => {
      const updates = e.data.updates as { actor?: string }[] | undefined;
      return { ...e, actor_id: e.actor_id ?? updates?.find((u) => u.actor)?.actor ?? null };
    });
}
