// The measure catalogue (Maßnahmenkatalog), filtered by what the address names: where every number of the
// cycle comparison leads. The names in the address are German; the API's filters are their English twins.

import { api, query as queryString } from "../api";
import { fill, messages } from "../i18n";
import { useLive } from "../live";
import { ErrorMessage, Loading, PageTitle, StatusBadge } from "../ui";

const T = messages({
  de: {
    title: "Maßnahmenkatalog",
    intro: "Alle Maßnahmen mit ihrem Stand. Die Auswahl oben kommt aus der Adresse, etwa aus einer Zahl des Zyklenvergleichs.",
    filters: "Auswahl",
    none: "ohne Einschränkung",
    count: "{count} Maßnahmen",
    countOne: "1 Maßnahme",
    empty: "Keine Maßnahme entspricht dieser Auswahl.",
    reihe: "Konferenzreihe",
    zyklus: "Zyklus",
    konferenz: "Konferenz",
    ag: "Arbeitsgruppe (über die Zyklen)",
    bezirk: "Stadtbezirk",
    kennzahl: "Kennzahl",
    hemmnis: "Hemmnis der Kategorie",
    foerderlich: "Gelingensfaktor der Kategorie",
    status: "Status",
    q: "Suche",
    ohne_liste: "Nur Maßnahmen ohne Sozialraum der Liste",
    yes: "ja",
    measured: "Mit Zielerreichung der Indikatoren (Ist-Wert berichtet)",
    reference: "Nr.",
    measure: "Maßnahme",
    cycle: "Zyklus",
    district: "Stadtbezirk / Sozialraum",
    state: "Status",
    limited: "Angezeigt sind die ersten 1.000 Maßnahmen.",
    proposed: "Vorschläge der AG (alle Entwürfe)",
    agreed: "In der AG abgestimmt",
    adopted: "Vom Plenum verabschiedet",
    approved: "Vom Ausschuss beschlossen",
    mandated: "Vom Ausschuss beschlossen oder zur Kenntnis genommen (Grundlage der Umsetzungsquote)",
    rejected: "Vom Ausschuss abgelehnt",
    implemented: "Umgesetzt",
    partly_implemented: "Teilweise umgesetzt",
    abandoned: "Aufgegeben",
    evaluated: "Evaluiert",
    carried_over: "Fortgeführt",
    funding: "Finanzierung",
    staff: "Personal",
    cooperation: "Kooperation",
    legal: "Rechtliche Rahmenbedingungen",
    demand: "Bedarf und Nachfrage",
    premises: "Räumlichkeiten",
    participation: "Beteiligung und Erreichbarkeit",
    other: "Sonstiges",
  },
  en: {
    title: "Measure catalogue",
    intro: "All measures with their state. The selection above comes from the address, for example from a number of the cycle comparison.",
    filters: "Selection",
    none: "no restriction",
    count: "{count} measures",
    countOne: "1 measure",
    empty: "No measure matches this selection.",
    reihe: "Conference series",
    zyklus: "Cycle",
    konferenz: "Conference",
    ag: "Working group (across cycles)",
    bezirk: "District",
    kennzahl: "Figure",
    hemmnis: "Obstacle of category",
    foerderlich: "Enabler of category",
    status: "Status",
    q: "Search",
    ohne_liste: "Only measures naming no district of the list",
    yes: "yes",
    measured: "With indicator attainment (actual value reported)",
    reference: "No.",
    measure: "Measure",
    cycle: "Cycle",
    district: "District / social space",
    state: "Status",
    limited: "The first 1,000 measures are shown.",
    proposed: "Group proposals (all drafts)",
    agreed: "Agreed in the group",
    adopted: "Adopted by the plenary",
    approved: "Approved by a committee",
    mandated: "Approved or noted by a committee (basis of the implementation rate)",
    rejected: "Rejected by a committee",
    implemented: "Implemented",
    partly_implemented: "Partly implemented",
    abandoned: "Abandoned",
    evaluated: "Evaluated",
    carried_over: "Carried over",
    funding: "Funding",
    staff: "Staff",
    cooperation: "Cooperation",
    legal: "Legal framework",
    demand: "Need and demand",
    premises: "Premises",
    participation: "Participation and accessibility",
    other: "Other",
  },
});

/** Address name -> the API's filter; the values pass unchanged. */
const FILTERS: Record<string, string> = {
  reihe: "series",
  zyklus: "cycle",
  konferenz: "conference_id",
  ag: "lineage_id",
  bezirk: "district",
  kennzahl: "figure",
  hemmnis: "obstacle",
  foerderlich: "enabler",
  status: "status",
  q: "q",
  ohne_liste: "unlisted",
};
const LIMIT = 1000;

interface CatalogueRow {
  id: string;
  reference: string;
  title: string;
  cycle: string;
  district: string;
  status: string;
  lineage_id: string;
}

interface ComparisonRows {
  working_groups: { key: string; label: string }[];
}

function text(key: string): string {
  return (T() as Record<string, string>)[key] ?? key;
}

export function CataloguePage({ query }: { query: URLSearchParams }) {
  const chosen = Object.keys(FILTERS).filter((name) => query.get(name));
  const params = Object.fromEntries(chosen.map((name) => [FILTERS[name], query.get(name)!]));
  const address = queryString({ ...params, limit: LIMIT });
  const { data, error, reload } = useLive(() => api.get<CatalogueRow[]>(`/measures${address}`), [address], {
    relevant: (change) => change.view === "measures",
  });
  const series = query.get("reihe");
  const lineage = query.get("ag");
  // The standing group's name, as the comparison names it (a lineage has a name per cycle).
  const { data: groups } = useLive(
    () => (series && lineage ? api.get<ComparisonRows>(`/cycle-comparison${queryString({ series })}`) : Promise.resolve(null)),
    [series, lineage],
    { relevant: () => false },
  );
  const { data: districts } = useLive(() => api.get<{ id: string; name: string }[]>("/districts"), [], {
    relevant: (change) => change.view === "districts",
  });
  const shown = (name: string, value: string): string => {
    if (name === "ohne_liste") return T().yes;
    if (name === "bezirk") return districts?.find((d) => d.id === value)?.name ?? value;
    if (name === "ag") return groups?.working_groups.find((g) => g.key === value)?.label ?? value;
    if (name === "kennzahl" || name === "hemmnis" || name === "foerderlich") return text(value);
    return value;
  };
  return (
    <>
      <PageTitle title={T().title} />
      <p>{T().intro}</p>
      <section class="card" aria-labelledby="catalogue-filters">
        <h2 id="catalogue-filters">{T().filters}</h2>
        {chosen.length === 0 ? (
          <p>{T().none}</p>
        ) : (
          <dl class="filters">
            {chosen.map((name) => (
              <div key={name}>
                <dt>{text(name)}</dt>
                <dd>{shown(name, query.get(name)!)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <ErrorMessage error={error} onRetry={reload} />
      {data === undefined && !error && <Loading />}
      {data && (
        <section aria-labelledby="catalogue-count">
          <h2 id="catalogue-count">{data.length === 1 ? T().countOne : fill(T().count, { count: data.length })}</h2>
          {data.length >= LIMIT && <p class="notice">{T().limited}</p>}
          {data.length === 0 ? (
            <p>{T().empty}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="catalogue-count">
              <table id="catalogue-table">
                <thead>
                  <tr>
                    <th scope="col">{T().reference}</th>
                    <th scope="col">{T().measure}</th>
                    <th scope="col">{T().cycle}</th>
                    <th scope="col">{T().district}</th>
                    <th scope="col">{T().state}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((row) => (
                    <tr key={row.id}>
                      <td>{row.reference}</td>
                      <td>
                        <a href={`/massnahmen/${row.id}`}>{row.title || row.reference}</a>
                      </td>
                      <td>{row.cycle}</td>
                      <td>{row.district}</td>
                      <td>
                        <StatusBadge status={row.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
