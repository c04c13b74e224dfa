// Printed documents (PDF, /api/documents/…) and the browser's own print: the buttons the measure,
// conference and committee pages show. The server typesets each PDF from the record; the same read
// rules apply as for the page (the session cookie goes along with the link).

import { messages } from "../i18n";

const T = messages({
  de: {
    heading: "Dokumente (PDF)",
    dokumentation: "Dokumentation",
    catalogue: "Maßnahmenkatalog",
    paper: "Beschlussvorlage",
    record: "Beschlussnachweis",
    print: "Seite drucken",
  },
  en: {
    heading: "Documents (PDF)",
    dokumentation: "Conference report",
    catalogue: "Measure catalogue",
    paper: "Committee paper",
    record: "Decision record",
    print: "Print this page",
  },
});

type Kind = "dokumentation" | "catalogue" | "paper" | "record";

export function documentUrl(kind: Kind, id: string, filters: Record<string, string> = {}): string {
  const query = new URLSearchParams(filters).toString();
  const path = {
    dokumentation: `/api/documents/conferences/${id}/dokumentation.pdf`,
    catalogue: "/api/documents/massnahmenkatalog.pdf",
    paper: `/api/documents/measures/${id}/beschlussvorlage.pdf`,
    record: `/api/documents/measures/${id}/beschlussnachweis.pdf`,
  }[kind];
  return query ? `${path}?${query}` : path;
}

export function DocumentLinks({ links }: { links: [Kind, string][] }) {
  return (
    <p class="actions document-links" aria-label={T().heading}>
      {links.map(([kind, href]) => (
        <a key={kind} class="button secondary" href={href} target="_blank" rel="noopener">
          {T()[kind]} (PDF)
        </a>
      ))}
      <button type="button" class="secondary" onClick={() => window.print()}>
        {T().print}
      </button>
    </p>
  );
}
