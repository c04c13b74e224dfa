"""The demo's proposals at the 2026 city conference, which is in session.

Read by ``server.demo``; keys refer to ``server.demo_data`` and ``server.demo_data_2024``.
"""

from __future__ import annotations

from typing import Any

# --- the city series: the 2026 proposals ---------------------------------------------

# The 2026 proposals. "continues" names a 2024 measure carried over into the
# proposal (its text is copied, then "fields" apply); the others are new
# drafts. "plenary" is where the proposal stands at the end of the demo.
CITY_PROPOSALS_2026: list[dict[str, Any]] = [
    {
        "key": "praeventionskette_suedfeld",
        "group": "kinderarmut",
        "continues": "praeventionskette",
        "fields": dict(
            title="Präventionskette „Lindenauer Kinderchancen“: Ausweitung auf Südfeld",
            description=(
                "Ausgangslage: Die Präventionskette in der Nordstadt hat 2025 142 Familien begleitet und 21 "
                "Einrichtungen verbunden (Evaluierung 2026). In Südfeld liegt die Kinderarmutsquote mit 31 % "
                "ähnlich hoch; ein vergleichbares Netzwerk fehlt.\n\n"
                "Vorhaben: Übertragung des Modells auf Südfeld mit einer weiteren Netzwerkkoordination und zwei "
                "Familienlotsinnen; die Präventionskette Nordstadt geht in die Regelfinanzierung über."
            ),
            district="Nordstadt und Südfeld",
            timeframe="01/2027 bis 12/2028",
            cost="",
            funding="",
        ),
        "plenary": "drafted",
    },
    {
        "key": "but_alle_grundschulen",
        "group": "kinderarmut",
        "continues": "but_beratung",
        "fields": dict(
            title="BuT-Sprechstunden an allen Grundschulen und digitaler Globalantrag",
            description=(
                "Ausgangslage: Die BuT-Sprechstunden an vier Grundschulen haben die Inanspruchnahme von 40 % auf "
                "56 % erhöht (Evaluierung 2026). An fünf Grundschulen fehlten Räume; der Antrag ist für viele "
                "Eltern weiterhin zu aufwendig.\n\n"
                "Vorhaben: Sprechstunden an allen neun Grundschulen, bei Raummangel als mobile Sprechzeit im "
                "Familienzentrum oder in der OGS. Einführung eines digitalen Globalantrags, mit dem Eltern alle "
                "BuT-Leistungen für ein Schuljahr auf einmal beantragen."
            ),
            goal="Die Inanspruchnahme von BuT-Leistungen durch Grundschulkinder steigt von 56 % auf 75 %.",
            timeframe="01/2027 bis 12/2028",
            cost="ca. 58.000 € jährlich (1,0 Stelle Sozialarbeit) und einmalig 15.000 € für das Fachverfahren",
            funding="Verwaltungskostenanteil BuT, Haushalt Fachbereich Soziales und Senioren; noch nicht gesichert",
            indicators=(
                "Inanspruchnahmequote BuT bei Grundschulkindern (2025: 56 %, Ziel: 75 %); Grundschulen mit "
                "Sprechstunde (2025: 4, Ziel: 9); digital gestellte Anträge (Ziel: 50 %)"
            ),
        ),
        "details": (
            "fb_soziales",
            ["jobcenter", "gs_lindenplatz", "caritas"],
            73000,
            False,
            [
                ("Inanspruchnahmequote BuT Grundschule", "%", "56", "75"),
                ("Grundschulen mit Sprechstunde", "Anzahl", "4", "9"),
                ("Digital gestellte Anträge", "%", "0", "50"),
            ],
        ),
        "plenary": "proposed",
    },
    {
        "key": "fachstelle_wohnen_verstetigen",
        "group": "wohnen",
        "continues": "fachstelle_wohnen",
        "fields": dict(
            title="Fachstelle Wohnungsnotfallhilfe verstetigen und auf 2,5 Stellen aufstocken",
            description=(
                "Ausgangslage: Die Fachstelle bearbeitet rund 600 Mitteilungen pro Jahr; 59 % der Haushalte "
                "behielten ihre Wohnung, die Zwangsräumungen sanken von 74 auf 44 (Evaluierung 2026). Mit "
                "1,5 Stellen entstehen Wartezeiten von bis zu drei Wochen.\n\n"
                "Vorhaben: Verstetigung der Fachstelle als Regelangebot und Aufstockung auf 2,5 Stellen, damit "
                "jeder Haushalt innerhalb von fünf Werktagen nach Eingang einer Mitteilung kontaktiert wird. "
                "Ergänzend eine wöchentliche Sprechstunde im Jobcenter."
            ),
            goal="Erstkontakt innerhalb von fünf Werktagen; Wohnungserhalt in mindestens 65 % der Fälle",
            timeframe="ab 01/2027, unbefristet",
            cost="ca. 175.000 € jährlich (2,5 Stellen Sozialarbeit, Sachkosten)",
            funding=(
                "Haushalt Fachbereich Soziales und Senioren; Folgeantrag im Landesprogramm „Endlich ein ZUHAUSE!“"
            ),
            indicators=(
                "Anteil der Fälle mit Wohnungserhalt (2025: 59 %, Ziel: 65 %); Erstkontakt innerhalb von fünf "
                "Werktagen (Ziel: 90 %); Zwangsräumungen pro Jahr (2025: 44, Ziel: unter 35)"
            ),
        ),
        "details": (
            "fb_soziales",
            ["diakonie", "jobcenter", "mieterverein", "lwg"],
            175000,
            False,
            [
                ("Anteil Fälle mit Wohnungserhalt", "%", "59", "65"),
                ("Erstkontakt innerhalb von fünf Werktagen", "%", "40", "90"),
                ("Zwangsräumungen pro Jahr", "Anzahl", "44", "35"),
            ],
        ),
        "plenary": "adopted",
    },
    {
        "key": "housing_first",
        "group": "wohnen",
        "fields": dict(
            title="Housing First: eigene Wohnungen für langzeitwohnungslose Menschen",
            description=(
                "Ausgangslage: In Lindenau leben nach der Wohnungslosenberichterstattung 2025 rund 140 Menschen "
                "ohne eigene Wohnung, etwa 35 davon seit mehr als einem Jahr auf der Straße oder in "
                "Notunterkünften. Stufenmodelle erreichen sie nicht.\n\n"
                "Vorhaben: Nach dem Housing-First-Ansatz erhalten langzeitwohnungslose Menschen direkt eine eigene "
                "Wohnung mit regulärem Mietvertrag; die Diakonie begleitet sie mit aufsuchender Sozialarbeit, so "
                "lange sie es wünschen."
            ),
            goal="15 langzeitwohnungslose Menschen wohnen bis Ende 2028 dauerhaft in einer eigenen Wohnung.",
            target_group="Menschen, die seit mehr als einem Jahr wohnungslos sind, oft mit Sucht- oder psychischer "
            "Erkrankung",
            lead="Diakonisches Werk Lindenau (Wohnungslosenhilfe)",
        ),
        "plenary": "drafted",
    },
    {
        "key": "hitzeschutz",
        "group": "gesundheit",
        "drafted_on": ("2026-11-05", "16:20"),
        "fields": dict(
            title="Hitzeschutz für ältere und vorerkrankte Menschen",
            description=(
                "Ausgangslage: In den Sommern 2025 und 2026 gab es in Lindenau jeweils mehr als 20 Hitzetage. "
                "Rettungsdienst und Pflegedienste berichten von mehr Einsätzen bei älteren, allein lebenden "
                "Menschen, besonders in der dicht bebauten Altstadt.\n\n"
                "Vorhaben: Ein kommunaler Hitzeaktionsplan mit kühlen Orten (Kirchen, Bibliotheken, "
                "Begegnungsstätten), einem Hitzetelefon für allein lebende Ältere und Informationen für "
                "Pflegedienste und Hausarztpraxen."
            ),
            goal="Weniger hitzebedingte Notfälle bei älteren und vorerkrankten Menschen",
            target_group="allein lebende ältere Menschen, chronisch Kranke, wohnungslose Menschen",
            district="gesamtstädtisch, Schwerpunkt Altstadt",
        ),
        "plenary": "drafted",
    },
    {
        "key": "lernfoerderung_ausweiten",
        "group": "bildung",
        "continues": "lernfoerderung",
        "fields": dict(
            title="Lernförderung im Quartier: Ausweitung auf Altstadt und Weststadt",
            description=(
                "Ausgangslage: Die Lernförderung in den Stadtteilbibliotheken Nordstadt und Südfeld erreicht 118 "
                "Kinder und hat Wartelisten (Evaluierung 2026). In Altstadt und Weststadt gibt es kein "
                "vergleichbares Angebot.\n\n"
                "Vorhaben: Zwei weitere Standorte in Altstadt und Weststadt; feste Honorarverträge für "
                "Lernbegleiterinnen und -begleiter."
            ),
            district="alle vier Stadtbezirke",
            timeframe="ab Schuljahr 2027/28",
            cost="",
        ),
        "plenary": "drafted",
    },
    {
        "key": "ogs_qualitaet",
        "group": "bildung",
        "fields": dict(
            title="Rechtsanspruch Ganztag: Qualitätsrahmen für den Offenen Ganztag",
            description=(
                "Ausgangslage: Ab August 2026 gilt der Rechtsanspruch auf Ganztagsbetreuung für Kinder der ersten "
                "Klasse, bis 2029 für alle Grundschulkinder. Die Zahl der OGS-Plätze in Lindenau steigt bis dahin "
                "um rund 900; Qualität, Personal und Räume unterscheiden sich stark zwischen den Schulen.\n\n"
                "Vorhaben: Schulträger, OGS-Träger und Grundschulen vereinbaren einen gemeinsamen Qualitätsrahmen "
                "(Personalschlüssel, Mittagessen, Lernzeiten, Ferienbetreuung, Zusammenarbeit mit Eltern). Eine "
                "Qualitätswerkstatt begleitet die Umsetzung und berichtet jährlich dem Schulausschuss."
            ),
            goal="Alle Offenen Ganztagsschulen arbeiten bis 2028 nach einem gemeinsamen Qualitätsrahmen.",
            target_group="Grundschulkinder im Offenen Ganztag, ihre Eltern und die OGS-Teams",
            district="gesamtstädtisch",
            lead="Fachbereich Schule und Bildung",
            partners="OGS-Träger (AWO, Caritas, DRK), Grundschulen, Fachbereich Kinder, Jugend und Familie",
            timeframe="01/2027 bis 07/2028",
            cost="ca. 30.000 € jährlich (Qualitätswerkstatt, Fortbildungen)",
            funding="Haushalt Fachbereich Schule und Bildung; Landesmittel für den Ganztagsausbau (anteilig)",
            indicators=(
                "Offene Ganztagsschulen mit unterzeichnetem Qualitätsrahmen (2026: 0, Ziel: 9); Zufriedenheit der "
                "Eltern in der jährlichen Befragung (Ziel: 75 % zufrieden)"
            ),
        ),
        "details": (
            "fb_schule",
            ["awo", "caritas", "drk", "gs_lindenplatz", "fb_jugend"],
            30000,
            False,
            [("OGS mit Qualitätsrahmen", "Schulen", "0", "9"), ("Zufriedene Eltern", "%", "", "75")],
        ),
        "plenary": "proposed",
    },
    {
        "key": "jugendtreff_wochenende",
        "group": "jugend",
        "fields": dict(
            title="Jugendtreff Südfeld auch am Wochenende öffnen",
            description=(
                "Ausgangslage: Im Jugendforum 2025 war die häufigste Forderung, dass Jugendtreffs am Wochenende "
                "öffnen. Der Jugendtreff Südfeld ist freitags ab 18 Uhr und am Wochenende geschlossen, gerade dann "
                "halten sich Jugendliche im Einkaufszentrum und an der Skateanlage auf.\n\n"
                "Vorhaben: "
            ),
            goal="Jugendliche in Südfeld haben auch am Wochenende einen betreuten Treffpunkt.",
            target_group="Jugendliche von 12 bis 18 Jahren in Südfeld",
            district="Südfeld",
        ),
        "plenary": "drafted",
    },
    {
        "key": "jugendbudget",
        "group": "jugend",
        "fields": dict(
            title="Jugendbudget: 20.000 € jährlich, über die Jugendliche selbst entscheiden",
            description=(
                "Ausgangslage: Das Jugendforum ist etabliert (Evaluierung 2026), doch über Geld entscheiden "
                "Jugendliche bisher nicht. Kleine Vorhaben – ein Bolzplatznetz, ein Konzert, eine Trinkwasserstelle "
                "– warten oft ein Jahr auf den Haushalt.\n\n"
                "Vorhaben: Das Jugendforum erhält ein eigenes Budget von 20.000 € jährlich. Jugendliche reichen "
                "Ideen ein und stimmen im Forum und online ab; die Jugendförderung setzt die Vorhaben mit ihnen um."
            ),
            goal="Mindestens acht von Jugendlichen ausgewählte Vorhaben pro Jahr werden umgesetzt.",
            target_group="Jugendliche und junge Erwachsene von 12 bis 21 Jahren",
            district="gesamtstädtisch",
            lead="Fachbereich Kinder, Jugend und Familie (Jugendförderung)",
            partners="Stadtjugendring Lindenau, Schulen, Jugendtreffs",
            timeframe="ab 2027, jährlich",
            cost="20.000 € jährlich zzgl. ca. 3.000 € für Abstimmung und Öffentlichkeitsarbeit",
            funding="Haushalt Jugendförderung; Beschluss des Jugendhilfeausschusses erforderlich",
            indicators=(
                "Umgesetzte Vorhaben pro Jahr (Ziel: 8); Jugendliche, die an der Abstimmung teilnehmen (Ziel: 500)"
            ),
        ),
        "details": (
            "fb_jugend",
            ["jugendring"],
            23000,
            False,
            [
                ("Umgesetzte Vorhaben pro Jahr", "Vorhaben", "0", "8"),
                ("Teilnehmende an der Abstimmung", "Jugendliche", "0", "500"),
            ],
        ),
        "plenary": "adopted",
    },
    {
        "key": "besuchsdienst_koordination",
        "group": "senioren",
        "continues": "besuchsdienst",
        "fields": dict(
            title="Besuchsdienst gegen Einsamkeit mit hauptamtlicher Koordination",
            description=(
                "Ausgangslage: Der Besuchsdienst erreichte bis Ende 2025 38 statt 80 Patenschaften (Evaluierung "
                "2026). Die Patenschaften sind stabil; es fehlten Ehrenamtliche und eine Koordination, die sie "
                "gewinnt und begleitet.\n\n"
                "Vorhaben: Eine halbe Stelle Koordination beim DRK wirbt gezielt Ruheständlerinnen und "
                "Ruheständler und Beschäftigte in Teilzeit an, schult sie und begleitet die Patenschaften. "
                "Hausarztpraxen und Pflegedienste vermitteln weiterhin."
            ),
            timeframe="01/2027 bis 12/2028",
            cost="ca. 48.000 € jährlich (0,5 Stelle Koordination, Schulungen, Fahrtkosten)",
            funding="Haushalt Fachbereich Soziales und Senioren; Antrag bei der Stiftung Wohlfahrtspflege NRW",
            indicators=(
                "Aktive Besuchspatenschaften (2025: 38, Ziel: 80); geschulte Ehrenamtliche (2025: 47, Ziel: 90)"
            ),
        ),
        "details": (
            "drk",
            ["fb_soziales", "seniorenbeirat", "caritas"],
            48000,
            False,
            [
                ("Aktive Besuchspatenschaften", "Anzahl", "38", "80"),
                ("Geschulte Ehrenamtliche", "Personen", "47", "90"),
            ],
        ),
        "plenary": "proposed",
    },
    {
        "key": "seniorenberatung_weststadt",
        "group": "senioren",
        "fields": dict(
            title="Seniorenberatung „Gut älter werden“ auch in der Weststadt",
            description=(
                "Ausgangslage: Die quartiersbezogene Seniorenberatung in Südfeld hat sich bewährt (Evaluierung "
                "2026). In der Weststadt wächst der Anteil der über 75-Jährigen am schnellsten.\n\n"
                "Vorhaben: "
            ),
            target_group="Menschen ab 65 Jahren in der Weststadt und ihre Angehörigen",
            district="Weststadt",
        ),
        "plenary": "drafted",
    },
    {
        "key": "anerkennungsberatung",
        "group": "integration",
        "fields": dict(
            title="Anerkennungsberatung für ausländische Berufs- und Studienabschlüsse",
            description=(
                "Ausgangslage: Viele Zugewanderte in Lindenau arbeiten unter ihrer Qualifikation, weil ihre "
                "Abschlüsse nicht anerkannt sind. Die nächste Anerkennungsberatung ist 40 km entfernt.\n\n"
                "Vorhaben: Monatliche Sprechstunde der Anerkennungsberatung im Kommunalen Integrationszentrum, "
                "Lotsenfunktion für Pflege-, Erziehungs- und Handwerksberufe."
            ),
            goal="Mehr Zugewanderte arbeiten in ihrem erlernten Beruf.",
            lead="Kommunales Integrationszentrum Lindenau",
            partners="Jobcenter Lindenau, Caritasverband Lindenau (Migrationsdienst)",
        ),
        "plenary": "drafted",
    },
    {
        "key": "arbeitsmarkt_anschluss",
        "group": "arbeit",
        "continues": "sozialer_arbeitsmarkt",
        "fields": dict(
            title="Sozialer Arbeitsmarkt: Anschlussperspektiven nach dem Ende der Förderung",
            description=(
                "Ausgangslage: 17 Menschen arbeiten auf geförderten Stellen nach § 16i SGB II, vier sind in "
                "ungeförderte Arbeit gewechselt (Evaluierung 2026). Für die übrigen enden die Zuschüsse ab 2027 "
                "schrittweise.\n\n"
                "Vorhaben: "
            ),
            timeframe="2027 bis 2028",
            cost="",
        ),
        "plenary": "drafted",
    },
    {
        "key": "teilzeitausbildung",
        "group": "arbeit",
        "fields": dict(
            title="Teilzeitausbildung für Alleinerziehende",
            description=(
                "Ausgangslage: In Lindenau beziehen rund 1.100 Alleinerziehende Bürgergeld, mehr als die Hälfte "
                "ohne Berufsabschluss. Eine Ausbildung in Vollzeit ist mit Kinderbetreuung kaum zu vereinbaren; "
                "Teilzeitausbildung ist rechtlich möglich, aber kaum bekannt.\n\n"
                "Vorhaben: Jobcenter, Kammern und Betriebe werben gemeinsam Teilzeitausbildungsplätze ein. Eine "
                "Begleitung hilft bei Bewerbung, Kinderbetreuung (Randzeiten) und in Krisen während der "
                "Ausbildung."
            ),
            goal="20 Alleinerziehende beginnen bis Ende 2028 eine Ausbildung in Teilzeit.",
            target_group="Alleinerziehende ohne Berufsabschluss im Leistungsbezug",
            district="gesamtstädtisch",
            lead="Jobcenter Lindenau",
            partners=(
                "AWO Kreisverband Lindenau (Begleitung), Kreishandwerkerschaft, IHK-Geschäftsstelle Lindenau, "
                "Fachbereich Kinder, Jugend und Familie (Kindertagespflege)"
            ),
            timeframe="01/2027 bis 12/2028",
            cost="ca. 40.000 € jährlich (0,5 Stelle Begleitung, Randzeitenbetreuung)",
            funding="Eingliederungstitel des Jobcenters, ESF-Plus-Programm des Landes (beantragt)",
            indicators=("Begonnene Teilzeitausbildungen (Ziel: 20); Ausbildungsabbrüche (Ziel: höchstens 20 %)"),
        ),
        "details": (
            "jobcenter",
            ["awo", "fb_jugend"],
            40000,
            False,
            [("Begonnene Teilzeitausbildungen", "Personen", "0", "20"), ("Ausbildungsabbrüche", "%", "", "20")],
        ),
        "plenary": "adopted",
    },
    {
        "key": "leichte_sprache",
        "group": "inklusion",
        "fields": dict(
            title="Bescheide und Formulare des Sozialamts in Leichter Sprache",
            description=(
                "Ausgangslage: Bescheide zu Grundsicherung, Wohngeld und Hilfe zur Pflege sind für viele "
                "Menschen mit Lernschwierigkeiten, aber auch für ältere und zugewanderte Menschen kaum "
                "verständlich. Beratungsstellen verbringen viel Zeit mit dem Erklären von Bescheiden.\n\n"
                "Vorhaben: Die zehn häufigsten Bescheide und Formulare erhalten eine Erläuterung in Leichter "
                "Sprache, geprüft von einer Prüfgruppe der Lebenshilfe."
            ),
            target_group="Menschen mit Lernschwierigkeiten, ältere Menschen, Menschen mit geringen Deutschkenntnissen",
        ),
        "plenary": "drafted",
    },
    {
        "key": "kita_lotsinnen",
        "group": "familie",
        "fields": dict(
            title="Kita-Lotsinnen: Begleitung bei der Kita-Platzsuche",
            description=(
                "Ausgangslage: Der Vorschlag aus der Sozialkonferenz 2024 konnte damals nicht abgeschlossen "
                "werden. Weiterhin melden neu zugezogene Familien und Familien mit geringen Deutschkenntnissen ihre "
                "Kinder spät an; in der Nordstadt haben 31 % der Dreijährigen keinen Kita-Platz.\n\n"
                "Vorhaben: Kita-Lotsinnen in Familienzentren und im Bürgerbüro helfen bei der Anmeldung im "
                "Kita-Navigator und begleiten Familien bis zur Aufnahme."
            ),
            goal="Familien melden ihre Kinder rechtzeitig an; mehr Dreijährige aus der Nordstadt besuchen eine Kita.",
            target_group="neu zugezogene Familien und Familien mit geringen Deutschkenntnissen",
            district="Nordstadt und Weststadt",
        ),
        "plenary": "drafted",
    },
    {
        "key": "medienpraevention",
        "group": "sucht",
        "fields": dict(
            title="Prävention von Medien- und Glücksspielsucht bei Jugendlichen",
            description=(
                "Ausgangslage: Die Drogenhilfe berät immer mehr Jugendliche und Eltern wegen exzessiver "
                "Mediennutzung, Sportwetten und Glücksspielelementen in Spielen. Präventionsangebote dazu fehlen "
                "an den Schulen.\n\n"
                "Vorhaben: Das Peer-Projekt „Durchblick“ erhält ein Modul zu Medien und Glücksspiel; "
                "Elternabende an allen weiterführenden Schulen."
            ),
            target_group="Jugendliche der Klassen 7 bis 10 und ihre Eltern",
            lead="Drogenhilfe Lindenau e. V. (Fachstelle Suchtprävention)",
        ),
        "plenary": "drafted",
    },
    {
        "key": "verfuegungsfonds_sichern",
        "group": "quartier",
        "continues": "verfuegungsfonds",
        "fields": dict(
            title="Verfügungsfonds Nordstadt nach dem Ende der Städtebauförderung sichern",
            description=(
                "Ausgangslage: Der Verfügungsfonds hat 2025 23 Nachbarschaftsprojekte mit über 600 Beteiligten "
                "ermöglicht (Evaluierung 2026). Mit dem Ende der Städtebauförderung in der Nordstadt Ende 2026 "
                "entfällt seine Finanzierung.\n\n"
                "Vorhaben: Fortführung des Fonds mit 30.000 € jährlich und der Bewohnerjury; vereinfachte "
                "Abrechnung bis 500 € per Eigenbeleg."
            ),
            timeframe="2027 bis 2028",
            funding="Bezirksbudget der Bezirksvertretung Nordstadt (15.000 €), Haushalt Fachbereich Stadtplanung "
            "und Wohnen (15.000 €)",
        ),
        "details": (
            "qm_nordstadt",
            ["fb_stadtplanung"],
            30000,
            False,
            [
                ("Geförderte Projekte pro Jahr", "Projekte", "23", "20"),
                ("Beteiligte Bewohnerinnen und Bewohner", "Personen", "610", "500"),
            ],
        ),
        "plenary": "returned",
        "reason": (
            "Das Plenum bittet, die Abgrenzung zum Bezirksbudget der Bezirksvertretung Nordstadt zu klären und eine "
            "Finanzierung ohne Städtebauförderung verbindlich darzustellen."
        ),
        "revision": dict(
            funding=(
                "Haushalt Fachbereich Stadtplanung und Wohnen (30.000 €); Abstimmung mit der Bezirksvertretung "
                "Nordstadt über eine Beteiligung aus dem Bezirksbudget steht aus"
            ),
        ),
    },
    {
        "key": "quartiersmanagement_weststadt",
        "group": "quartier",
        "fields": dict(
            title="Quartiersmanagement Weststadt vorbereiten",
            description=(
                "Ausgangslage: Die Weststadt ist als neues Fördergebiet im Programm „Sozialer Zusammenhalt“ "
                "beantragt. Für das Integrierte Handlungskonzept braucht es eine frühe Beteiligung der "
                "Bewohnerschaft.\n\n"
                "Vorhaben: "
            ),
            district="Weststadt",
            lead="Fachbereich Stadtplanung und Wohnen (Stadterneuerung)",
        ),
        "plenary": "drafted",
    },
]
