// The measure proposal's fields: the names of the live document's Y.Text fields (and of the
// API's proposal fields), their labels, and where the live documents are served (and how the
// server ends a connection for good).

import { lang } from "./i18n";

/** In the order of the form. */
export const PROPOSAL_FIELDS = [
  "title",
  "description",
  "goal",
  "target_group",
  "district",
  "lead",
  "partners",
  "timeframe",
  "cost",
  "funding",
  "indicators",
] as const;

export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

const FIELD_LABELS = {
  de: {
    title: "Titel",
    description: "Beschreibung",
    goal: "Ziel",
    target_group: "Zielgruppe",
    district: "Sozialraum/Stadtteil",
    lead: "Federführung",
    partners: "Partner",
    timeframe: "Zeitraum",
    cost: "Kosten",
    funding: "Finanzierung",
    indicators: "Indikatoren",
  },
  en: {
    title: "Title",
    description: "Description",
    goal: "Goal",
    target_group: "Target group",
    district: "Area/district",
    lead: "Lead",
    partners: "Partners",
    timeframe: "Timeframe",
    cost: "Cost",
    funding: "Funding",
    indicators: "Indicators",
  },
} as const;

export function fieldLabel(field: string): string {
  const table = FIELD_LABELS[lang()] as Record<string, string>;
  return table[field] ?? field;
}

/** The live-editing endpoint (y-websocket appends `/{measureId}`). */
export function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/** Close codes of `/collab` that end a connection for good (y-websocket stops reconnecting on 44xx). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
