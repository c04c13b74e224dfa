"""The demo's 2024 measures of the city series: from the live draft to the evaluation in 2026.

Read by ``server.demo``; keys of groups, organisations and people refer to ``server.demo_data``.
"""

from __future__ import annotations

from typing import Any

# --- the city series: the 2024 measures ---------------------------------------------
#
# Each measure: its group, the text (split into draft and later edits by the loader),
# details (lead organisation, partners, cost estimate in euros, funding secured,
# indicators as name/unit/baseline/target), what the plenary did, the committee
# decision, the implementation and the evaluation at the 2026 conference.

CITY_MEASURES_2024: list[dict[str, Any]] = [
    # --- AG Kinderarmut -----------------------------------------------------------
    {
        "key": "praeventionskette",
        "group": "kinderarmut",
        "fields": dict(
            title="Präventionskette „Lindenauer Kinderchancen“ in der Nordstadt",
            description=(
                "Ausgangslage: In der Nordstadt leben 38 % der unter 15-Jährigen in Familien, die Leistungen "
                "nach dem SGB II beziehen (Sozialbericht 2023). Kitas, Schulen, Frühe Hilfen und "
                "Beratungsstellen sind vorhanden, aber kaum miteinander verbunden; Familien fallen an den "
                "Übergängen durch das Raster.\n\n"
                "Vorhaben: Aufbau einer Präventionskette von der Geburt bis zum Übergang in den Beruf mit "
                "einer Netzwerkkoordination im Fachbereich Kinder, Jugend und Familie. Kitas, Grundschulen, "
                "Familienzentrum, Beratungsstellen und Quartiersmanagement schließen eine "
                "Kooperationsvereinbarung. Familienlotsinnen begleiten Familien an den Übergängen "
                "Geburt–Kita, Kita–Grundschule und Grundschule–weiterführende Schule."
            ),
            goal=(
                "Kinder in der Nordstadt erhalten unabhängig vom Einkommen ihrer Eltern früh passende "
                "Unterstützung; kein Kind geht an einem Übergang verloren."
            ),
            target_group=(
                "Familien mit Kindern von 0 bis 16 Jahren in der Nordstadt, insbesondere Familien im "
                "Leistungsbezug und Alleinerziehende"
            ),
            district="Nordstadt",
            lead="Fachbereich Kinder, Jugend und Familie (Jugendhilfeplanung)",
            partners=(
                "Caritasverband Lindenau, Familienzentrum Regenbogen, Grundschule am Lindenplatz, "
                "Quartiersmanagement Nordstadt, Gesundheitsamt (Frühe Hilfen)"
            ),
            timeframe="07/2024 bis 12/2025, danach Verstetigung",
            cost="ca. 85.000 € jährlich (1,0 Stelle Netzwerkkoordination, 0,5 Stelle Familienlotsin, Sachmittel)",
            funding=(
                "Landesprogramm „kinderstark – NRW schafft Chancen“ (70 %), Eigenanteil Fachbereich Kinder, "
                "Jugend und Familie (30 %); Förderzusage liegt vor"
            ),
            indicators=(
                "Kooperationspartner mit unterzeichneter Vereinbarung (2023: 6, Ziel: 20); von Lotsinnen "
                "begleitete Familien pro Jahr (2023: 0, Ziel: 120)"
            ),
        ),
        "details": (
            "fb_jugend",
            ["caritas", "fz_regenbogen", "gs_lindenplatz", "qm_nordstadt", "gesundheitsamt"],
            85000,
            True,
            [
                ("Kooperationspartner mit Vereinbarung", "Anzahl", "6", "20"),
                ("Begleitete Familien pro Jahr", "Familien", "0", "120"),
            ],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2024-07-01", "Netzwerkkoordination ausgeschrieben; Auftakttreffen mit 14 Einrichtungen."),
            "progress": [
                (
                    "2024-12-09",
                    30,
                    "Koordinationsstelle zum 01.11.2024 besetzt; Vereinbarung mit 11 Partnern unterzeichnet.",
                    {"Kooperationspartner mit Vereinbarung": "11", "Begleitete Familien pro Jahr": "9"},
                ),
                (
                    "2025-06-16",
                    70,
                    "Lotsinnen an allen drei Übergängen im Einsatz; 64 Familien im ersten Halbjahr begleitet.",
                    {"Kooperationspartner mit Vereinbarung": "17", "Begleitete Familien pro Jahr": "64"},
                ),
            ],
            "outcome": ("2025-12-15", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 5,
            "summary": (
                "Die Präventionskette ist aufgebaut und wird von Kitas und Schulen getragen. 2025 wurden 142 "
                "Familien begleitet, mehr als geplant. Die AG empfiehlt, das Modell auf Südfeld zu übertragen."
            ),
            "obstacles": [
                (
                    "staff",
                    "Die Koordinationsstelle konnte erst nach fünf Monaten und zwei Ausschreibungen besetzt werden.",
                ),
                (
                    "legal",
                    "Die Weitergabe von Informationen zwischen Kita und Schule war datenschutzrechtlich lange "
                    "ungeklärt; erst eine Einwilligungslösung schuf Klarheit.",
                ),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Verbindliche Kooperationsvereinbarung mit festen Ansprechpersonen in jeder Einrichtung.",
                ),
                ("funding", "Die Landesförderung war für die gesamte Laufzeit zugesagt."),
                (
                    "participation",
                    "Die Lotsinnen sind im Familienzentrum und auf dem Wochenmarkt präsent und "
                    "sprechen Türkisch, Arabisch und Bulgarisch.",
                ),
            ],
            "actuals": {"Kooperationspartner mit Vereinbarung": "21", "Begleitete Familien pro Jahr": "142"},
        },
    },
    {
        "key": "but_beratung",
        "group": "kinderarmut",
        "fields": dict(
            title="Teilhabeberatung zu Bildung und Teilhabe an Grundschulen",
            description=(
                "Ausgangslage: Nur etwa 40 % der anspruchsberechtigten Kinder in Lindenau erhalten Leistungen "
                "für Bildung und Teilhabe (BuT), etwa für Klassenfahrten, Lernförderung oder Vereinsbeiträge. "
                "Viele Eltern kennen die Leistungen nicht oder scheitern am Antrag.\n\n"
                "Vorhaben: Eine Fachkraft bietet wöchentliche Sprechstunden an den neun Grundschulen an, hilft "
                "beim Ausfüllen der Anträge und informiert Lehrkräfte und OGS-Teams. Informationen und "
                "Antragshilfen gibt es in Leichter Sprache und in fünf Sprachen."
            ),
            goal="Die Inanspruchnahme von BuT-Leistungen durch Grundschulkinder steigt von 40 % auf 65 %.",
            target_group=(
                "Eltern von Grundschulkindern mit Anspruch auf Leistungen nach SGB II oder SGB XII, Wohngeld "
                "oder Kinderzuschlag"
            ),
            district="gesamtstädtisch, Beginn in Nordstadt und Südfeld",
            lead="Fachbereich Soziales und Senioren (Leistungsabteilung BuT)",
            partners="Jobcenter Lindenau, Grundschulen, Caritasverband Lindenau, Schulsozialarbeit",
            timeframe="08/2024 bis 07/2026",
            cost="ca. 32.000 € jährlich (0,5 Stelle Sozialarbeit, Übersetzungen, Druck)",
            funding=(
                "Verwaltungskostenanteil BuT (Bundesbeteiligung), Rest aus dem Haushalt des Fachbereichs; gesichert"
            ),
            indicators=(
                "Inanspruchnahmequote BuT bei Grundschulkindern (2023: 40 %, Ziel: 65 %); Grundschulen mit "
                "Sprechstunde (2023: 0, Ziel: 9)"
            ),
        ),
        "details": (
            "fb_soziales",
            ["jobcenter", "gs_lindenplatz", "caritas"],
            32000,
            True,
            [
                ("Inanspruchnahmequote BuT Grundschule", "%", "40", "65"),
                ("Grundschulen mit Sprechstunde", "Anzahl", "0", "9"),
            ],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-08-19", "Sprechstunden starten mit dem Schuljahr 2024/25 an vier Grundschulen."),
            "progress": [
                (
                    "2025-01-20",
                    40,
                    "Sprechstunden an vier Grundschulen; an fünf Schulen fehlen vertrauliche Räume.",
                    {"Inanspruchnahmequote BuT Grundschule": "47", "Grundschulen mit Sprechstunde": "4"},
                ),
                (
                    "2025-09-22",
                    60,
                    "Quote steigt weiter; Raumfrage an den übrigen Schulen ungelöst.",
                    {"Inanspruchnahmequote BuT Grundschule": "53", "Grundschulen mit Sprechstunde": "4"},
                ),
            ],
            "outcome": (
                "2026-07-31",
                "partly_implemented",
                "Die Sprechstunden konnten nur an vier von neun Grundschulen eingerichtet werden, weil an den "
                "übrigen Schulen keine vertraulichen Beratungsräume zur Verfügung stehen. Die Quote stieg auf "
                "56 % statt 65 %.",
            ),
        },
        "evaluation": {
            "progress": 60,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Wo es Sprechstunden gibt, stellen deutlich mehr Familien Anträge. Das Ziel von 65 % wurde nicht "
                "erreicht; der Zugang muss einfacher werden."
            ),
            "obstacles": [
                ("premises", "An fünf Grundschulen fehlen vertrauliche Räume für Beratungsgespräche."),
                (
                    "legal",
                    "Der Antrag bleibt trotz Hilfe aufwendig; Nachweise müssen für jede Leistung einzeln "
                    "erbracht werden.",
                ),
                ("staff", "Die halbe Stelle war mit vier Standorten ausgelastet; eine Krankheitsvertretung fehlte."),
            ],
            "enablers": [
                ("cooperation", "Lehrkräfte und OGS-Teams verweisen Eltern gezielt in die Sprechstunde."),
                ("participation", "Die mehrsprachigen Informationsblätter wurden von Eltern gut angenommen."),
            ],
            "actuals": {"Inanspruchnahmequote BuT Grundschule": "56", "Grundschulen mit Sprechstunde": "4"},
        },
    },
    {
        "key": "mittagessen",
        "group": "kinderarmut",
        "fields": dict(
            title="Kostenfreies Mittagessen im Offenen Ganztag für Kinder mit Lindenau-Pass",
            description=(
                "Ausgangslage: Für Kinder im Leistungsbezug übernimmt BuT das Mittagessen. Familien knapp "
                "oberhalb der Grenzen (Lindenau-Pass) zahlen 3,80 € pro Essen; OGS-Leitungen berichten von "
                "Abmeldungen vom Mittagessen aus Kostengründen.\n\n"
                "Vorhaben: Die Stadt übernimmt für alle Kinder mit Lindenau-Pass die Elternbeiträge zum "
                "Mittagessen im Offenen Ganztag. Die Abrechnung erfolgt über die OGS-Träger."
            ),
            goal="Kein Kind im Offenen Ganztag verzichtet aus Kostengründen auf das Mittagessen.",
            target_group="rund 480 Kinder mit Lindenau-Pass in der Offenen Ganztagsschule",
            district="gesamtstädtisch",
            lead="Fachbereich Schule und Bildung",
            partners="OGS-Träger (AWO, Caritas, DRK), Fachbereich Soziales und Senioren",
            timeframe="ab Schuljahr 2024/25, unbefristet",
            cost="ca. 210.000 € jährlich",
            funding="Haushalt Fachbereich Schule und Bildung (freiwillige Leistung); nicht gesichert",
            indicators=(
                "Anteil der Kinder mit Lindenau-Pass, die am OGS-Mittagessen teilnehmen (2023: 71 %, Ziel: 95 %)"
            ),
        ),
        "details": (
            "fb_schule",
            ["awo", "caritas", "drk", "fb_soziales"],
            210000,
            False,
            [("Teilnahme am OGS-Mittagessen (Lindenau-Pass)", "%", "71", "95")],
        ),
        "committee": {
            "to": "schula",
            "decision": "rejected",
            "reason": (
                "Eine neue freiwillige Leistung in dieser Höhe ist mit dem Haushaltssicherungskonzept nicht "
                "vereinbar. Der Ausschuss bittet die Verwaltung, Förderprogramme von Land und Bund zu prüfen und "
                "erneut zu berichten."
            ),
        },
    },
    # --- AG Wohnen ----------------------------------------------------------------
    {
        "key": "fachstelle_wohnen",
        "group": "wohnen",
        "fields": dict(
            title="Fachstelle Wohnungsnotfallhilfe: Wohnungsverlust verhindern",
            description=(
                "Ausgangslage: 2023 gingen beim Amtsgericht Lindenau 212 Räumungsklagen ein, 18 % mehr als 2021. "
                "Hilfe setzt meist erst ein, wenn der Räumungstermin feststeht; dann ist der Wohnungserhalt kaum "
                "noch möglich.\n\n"
                "Vorhaben: Einrichtung einer Fachstelle Wohnungsnotfallhilfe im Fachbereich Soziales und "
                "Senioren. Sie erhält Mitteilungen über Räumungsklagen und Mietrückstände, sucht betroffene "
                "Haushalte auf, klärt Mietschuldenübernahmen mit Jobcenter und Sozialamt und vermittelt mit "
                "Vermieterinnen und Vermietern."
            ),
            goal="Mindestens 60 % der bekannt gewordenen Wohnungsnotfälle werden durch Erhalt der Wohnung gelöst.",
            target_group=(
                "Haushalte mit drohendem Wohnungsverlust, insbesondere Familien mit Kindern und ältere Menschen"
            ),
            district="gesamtstädtisch",
            lead="Fachbereich Soziales und Senioren",
            partners=(
                "Diakonisches Werk Lindenau (Wohnungslosenhilfe), Jobcenter Lindenau, Mieterverein Lindenau, "
                "Lindenauer Wohnungsbaugesellschaft"
            ),
            timeframe="ab 09/2024, zunächst bis 12/2025",
            cost="ca. 130.000 € jährlich (2,0 Stellen Sozialarbeit, Sachkosten)",
            funding=(
                "Haushalt Fachbereich Soziales und Senioren; Landesprogramm „Endlich ein ZUHAUSE!“ (ca. 40 %) beantragt"
            ),
            indicators=(
                "Anteil der Fälle mit Wohnungserhalt (2023: ca. 25 %, Ziel: 60 %); Zwangsräumungen pro Jahr "
                "(2023: 74, Ziel: unter 40)"
            ),
        ),
        "details": (
            "fb_soziales",
            ["diakonie", "jobcenter", "mieterverein", "lwg"],
            130000,
            False,
            [("Anteil Fälle mit Wohnungserhalt", "%", "25", "60"), ("Zwangsräumungen pro Jahr", "Anzahl", "74", "40")],
        ),
        "committee": {
            "to": "soza",
            "decision": "amended",
            "amended": dict(
                cost="ca. 100.000 € jährlich (1,5 Stellen Sozialarbeit, Sachkosten)",
                timeframe="ab 09/2024, zunächst bis 12/2025; Aufstockung nach Auswertung des ersten Jahres prüfen",
            ),
            "reason": (
                "Der Ausschuss beschließt die Fachstelle mit 1,5 statt 2,0 Stellen. Die Verwaltung berichtet nach "
                "einem Jahr über Fallzahlen und Personalbedarf."
            ),
        },
        "implementation": {
            "start": (
                "2024-09-02",
                "Fachstelle mit 1,5 Stellen eingerichtet; Mitteilungsverfahren mit dem Amtsgericht vereinbart.",
            ),
            "progress": [
                (
                    "2025-02-17",
                    45,
                    "312 Mitteilungen bearbeitet; Wohnungserhalt in 51 % der abgeschlossenen Fälle.",
                    {"Anteil Fälle mit Wohnungserhalt": "51", "Zwangsräumungen pro Jahr": "61"},
                ),
                (
                    "2025-09-15",
                    80,
                    "Bericht im Sozialausschuss: Fallzahlen übersteigen die Planung deutlich; "
                    "Wartezeit auf den Erstkontakt bis zu drei Wochen.",
                    {"Anteil Fälle mit Wohnungserhalt": "58", "Zwangsräumungen pro Jahr": "49"},
                ),
            ],
            "outcome": ("2025-12-18", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Die Fachstelle wirkt: Fast sechs von zehn Haushalten behalten ihre Wohnung, die Zwangsräumungen "
                "sind deutlich zurückgegangen. Mit 1,5 Stellen ist die Fallzahl aber nicht zeitnah zu bewältigen."
            ),
            "obstacles": [
                (
                    "staff",
                    "Mit 1,5 Stellen entstehen Wartezeiten von bis zu drei Wochen; in dieser Zeit verschärfen "
                    "sich viele Fälle.",
                ),
                ("demand", "Mit rund 600 Mitteilungen im Jahr lag die Fallzahl doppelt so hoch wie geplant."),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Frühwarnsystem mit Amtsgericht, Jobcenter und Wohnungsbaugesellschaft: Mitteilungen "
                    "kommen innerhalb einer Woche an.",
                ),
                ("legal", "Die Mitteilungen nach § 22 Abs. 9 SGB II ermöglichen frühes Handeln."),
                ("funding", "Die Landesförderung wurde im Dezember 2024 bewilligt."),
            ],
            "actuals": {"Anteil Fälle mit Wohnungserhalt": "59", "Zwangsräumungen pro Jahr": "44"},
        },
    },
    {
        "key": "belegungsbindungen",
        "group": "wohnen",
        "fields": dict(
            title="Ankauf von Belegungsbindungen im Wohnungsbestand",
            description=(
                "Ausgangslage: Der Bestand an mietpreisgebundenen Wohnungen in Lindenau ist seit 2010 von 4.100 "
                "auf 2.650 gesunken; 2026 laufen weitere 380 Bindungen aus. Haushalte mit Wohnberechtigungsschein "
                "warten im Schnitt 14 Monate auf eine Wohnung.\n\n"
                "Vorhaben: Ein kommunales Förderprogramm zahlt Eigentümerinnen und Eigentümern einen einmaligen "
                "Zuschuss, wenn sie freie Wohnungen für zehn Jahre an Haushalte mit Wohnberechtigungsschein zu "
                "höchstens der Bewilligungsmiete vermieten. Die Vermittlung übernimmt die Wohnungsbauförderung."
            ),
            goal="60 zusätzliche Belegungsbindungen bis Ende 2026",
            target_group=(
                "Haushalte mit Wohnberechtigungsschein, vorrangig Familien, Alleinerziehende und Menschen mit "
                "Behinderung"
            ),
            district="gesamtstädtisch",
            lead="Fachbereich Stadtplanung und Wohnen (Wohnungsbauförderung)",
            partners="Lindenauer Wohnungsbaugesellschaft, Mieterverein Lindenau, Haus & Grund Lindenau",
            timeframe="10/2024 bis 12/2026",
            cost="500.000 € für 2024–2026 (durchschnittlich 8.000 € je Bindung zzgl. Verwaltung)",
            funding="Haushalt Fachbereich Stadtplanung und Wohnen, Investitionsprogramm Wohnen",
            indicators="Neu angekaufte Belegungsbindungen (2023: 0, Ziel: 60)",
        ),
        "details": (
            "fb_stadtplanung",
            ["lwg", "mieterverein"],
            500000,
            True,
            [("Angekaufte Belegungsbindungen", "Wohnungen", "0", "60")],
        ),
        "committee": {
            "to": "stea",
            "decision": "deferred",
            "reason": (
                "Beratungsbedarf in den Fraktionen. Die Verwaltung wird gebeten, eine Wirtschaftlichkeits"
                "betrachtung im Vergleich zum Neubau geförderter Wohnungen vorzulegen."
            ),
            "then": {"submitted": "2024-08-20", "on": "2024-09-17", "decision": "approved"},
        },
        "implementation": {
            "start": (
                "2024-10-07",
                "Förderrichtlinie veröffentlicht; Informationsschreiben an 1.200 Eigentümerinnen und Eigentümer.",
            ),
            "progress": [
                (
                    "2025-04-14",
                    25,
                    "11 Bindungen angekauft, davon 9 bei der Wohnungsbaugesellschaft.",
                    {"Angekaufte Belegungsbindungen": "11"},
                ),
                (
                    "2025-12-08",
                    35,
                    "19 Bindungen; private Eigentümerinnen und Eigentümer bleiben zurückhaltend.",
                    {"Angekaufte Belegungsbindungen": "19"},
                ),
            ],
            "outcome": (
                "2026-06-30",
                "partly_implemented",
                "Bis Juni 2026 wurden 23 von 60 geplanten Bindungen angekauft. Private Eigentümerinnen und "
                "Eigentümer halten den Zuschuss angesichts der Marktmieten für zu niedrig.",
            ),
        },
        "evaluation": {
            "progress": 40,
            "verdict": "adapt",
            "rating": 2,
            "summary": (
                "Das Instrument funktioniert mit der Wohnungsbaugesellschaft, erreicht private Vermieterinnen und "
                "Vermieter aber kaum. Die AG schlägt vor, den Zuschuss zu staffeln und mit einer "
                "Mietausfallgarantie zu verbinden."
            ),
            "obstacles": [
                (
                    "funding",
                    "Der Zuschuss von durchschnittlich 8.000 € je Wohnung liegt weit unter dem Mietverlust "
                    "gegenüber der Marktmiete.",
                ),
                (
                    "demand",
                    "Private Eigentümerinnen und Eigentümer zeigen kaum Interesse; nur 4 der 23 Bindungen "
                    "kamen von Privaten.",
                ),
                (
                    "legal",
                    "Die zehnjährige Bindung schreckt ab; kürzere Laufzeiten lässt die Förderrichtlinie nicht zu.",
                ),
            ],
            "enablers": [
                ("cooperation", "Die Wohnungsbaugesellschaft hat freie Wohnungen systematisch gemeldet."),
            ],
            "actuals": {"Angekaufte Belegungsbindungen": "23"},
        },
    },
    {
        "key": "wohnungsboerse",
        "group": "wohnen",
        "fields": dict(
            title="Wohnungsbörse für Haushalte mit Wohnberechtigungsschein",
            description=(
                "Ausgangslage: Freie geförderte Wohnungen werden über verschiedene Stellen vergeben; "
                "Wohnungssuchende müssen sich mehrfach melden.\n\n"
                "Vorhaben: Eine gemeinsame Online-Wohnungsbörse von Stadt und Wohnungsunternehmen mit "
                "Vermittlungsbonus für Vermietende."
            ),
            goal="Freie geförderte Wohnungen werden schneller vergeben.",
            target_group="Haushalte mit Wohnberechtigungsschein",
            district="gesamtstädtisch",
        ),
        "plenary": "withdrawn",
        "reason": (
            "Die AG zieht den Vorschlag zurück: Die Vermittlung wird Teil der Fachstelle Wohnungsnotfallhilfe und "
            "des Programms zum Ankauf von Belegungsbindungen."
        ),
    },
    # --- AG Gesundheit ------------------------------------------------------------
    {
        "key": "gesundheitslotsen",
        "group": "gesundheit",
        "fields": dict(
            title="Gesundheitslotsinnen und -lotsen in der Nordstadt",
            description=(
                "Ausgangslage: Die Schuleingangsuntersuchungen 2023 zeigen in der Nordstadt doppelt so viele "
                "Kinder mit unvollständigem Impfschutz und fehlenden U-Untersuchungen wie im städtischen "
                "Durchschnitt. Viele Familien finden sich im Gesundheitssystem nicht zurecht, auch wegen "
                "Sprachbarrieren.\n\n"
                "Vorhaben: Zwölf ehrenamtliche Gesundheitslotsinnen und -lotsen mit eigener Migrationsgeschichte "
                "werden geschult und von einer Fachkraft des Gesundheitsamtes begleitet. Sie informieren im "
                "Familienzentrum, in Moscheegemeinden, Sprachkursen und auf dem Wochenmarkt über Vorsorge, "
                "Impfungen und den Weg in die kinderärztliche Praxis."
            ),
            goal=(
                "Mehr Familien nutzen Vorsorge und Impfangebote; der Anteil der Kinder mit vollständigen "
                "U-Untersuchungen steigt in der Nordstadt von 68 % auf 80 %."
            ),
            target_group="Familien mit Zuwanderungsgeschichte und Familien mit geringem Einkommen in der Nordstadt",
            district="Nordstadt",
            lead="Gesundheitsamt Lindenau (Kinder- und Jugendgesundheitsdienst)",
            partners=(
                "DRK-Kreisverband Lindenau, Kommunales Integrationszentrum, Quartiersmanagement Nordstadt, "
                "Familienzentrum Regenbogen"
            ),
            timeframe="09/2024 bis 02/2026",
            cost="ca. 65.000 € jährlich (0,75 Stelle Koordination, Schulungen, Aufwandsentschädigungen)",
            funding="Förderung der Krankenkassen nach § 20a SGB V, Eigenanteil Gesundheitsamt; gesichert",
            indicators=(
                "Geschulte Lotsinnen und Lotsen (Ziel: 12); Informationskontakte pro Jahr (Ziel: 800); "
                "vollständige U-Untersuchungen bei der Schuleingangsuntersuchung Nordstadt (2023: 68 %, Ziel: 80 %)"
            ),
        ),
        "details": (
            "gesundheitsamt",
            ["drk", "integration", "qm_nordstadt", "fz_regenbogen"],
            65000,
            True,
            [
                ("Geschulte Lotsinnen und Lotsen", "Personen", "0", "12"),
                ("Informationskontakte pro Jahr", "Kontakte", "0", "800"),
                ("Vollständige U-Untersuchungen (Nordstadt)", "%", "68", "80"),
            ],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-09", "Förderbescheid der Krankenkassen liegt vor; erste Schulung mit 14 Teilnehmenden."),
            "progress": [
                (
                    "2025-03-10",
                    50,
                    "13 Lotsinnen und Lotsen im Einsatz, 390 Kontakte im ersten Halbjahr.",
                    {"Geschulte Lotsinnen und Lotsen": "13", "Informationskontakte pro Jahr": "390"},
                ),
                (
                    "2025-10-20",
                    85,
                    "Zweite Schulungsrunde abgeschlossen; Kontakte übertreffen das Ziel.",
                    {"Geschulte Lotsinnen und Lotsen": "13", "Informationskontakte pro Jahr": "860"},
                ),
            ],
            "outcome": ("2026-02-27", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Die Lotsinnen und Lotsen erreichen Familien, die sonst kaum Kontakt zum Gesundheitssystem haben. "
                "Die Vorsorgequote ist gestiegen, das Ziel von 80 % aber noch nicht erreicht."
            ),
            "obstacles": [
                ("participation", "Väter und Familien ohne Kita-Anbindung werden kaum erreicht."),
                (
                    "staff",
                    "Vier der dreizehn Ehrenamtlichen haben im ersten Jahr aufgehört; Nachschulungen kosten Zeit.",
                ),
            ],
            "enablers": [
                (
                    "participation",
                    "Die Lotsinnen und Lotsen sprechen die Sprachen der Familien und sind im Viertel bekannt.",
                ),
                ("cooperation", "Kinderärztliche Praxen vergeben kurzfristig Termine für vermittelte Familien."),
            ],
            "actuals": {
                "Geschulte Lotsinnen und Lotsen": "13",
                "Informationskontakte pro Jahr": "910",
                "Vollständige U-Untersuchungen (Nordstadt)": "75",
            },
        },
    },
    {
        "key": "schulgesundheit",
        "group": "gesundheit",
        "fields": dict(
            title="Schulgesundheitsfachkräfte an zwei Grundschulen (Modellprojekt)",
            description=(
                "Ausgangslage: Lehrkräfte der Grundschulen in der Nordstadt berichten von chronisch kranken "
                "Kindern, unversorgten Zahn- und Sehproblemen und häufigen Unfällen, für die keine Fachkraft vor "
                "Ort ist.\n\n"
                "Vorhaben: Modellprojekt mit je einer Gesundheitsfachkraft (Pflegefachkraft) an zwei "
                "Grundschulen: Erste Hilfe, Begleitung chronisch kranker Kinder, Gesundheitsbildung im Unterricht "
                "und Vermittlung in das Versorgungssystem."
            ),
            goal=(
                "Gesundheitliche Probleme von Grundschulkindern werden früh erkannt und versorgt; Fehlzeiten aus "
                "gesundheitlichen Gründen sinken."
            ),
            target_group=(
                "Schülerinnen und Schüler der Grundschule am Lindenplatz und einer weiteren Grundschule, ihre "
                "Eltern und Lehrkräfte"
            ),
            district="Nordstadt",
            lead="Gesundheitsamt Lindenau",
            partners="Fachbereich Schule und Bildung, Grundschule am Lindenplatz, Kinder- und Jugendärztlicher Dienst",
            timeframe="02/2025 bis 01/2027",
            cost="ca. 140.000 € jährlich (2,0 Stellen Pflegefachkraft, Ausstattung)",
            funding="Antrag auf Förderung als Landesmodellprojekt gestellt; ohne Förderung keine Finanzierung",
            indicators="Schulen mit Gesundheitsfachkraft (Ziel: 2); Beratungskontakte pro Schuljahr (Ziel: 600)",
        ),
        "details": (
            "gesundheitsamt",
            ["fb_schule", "gs_lindenplatz"],
            140000,
            False,
            [
                ("Schulen mit Gesundheitsfachkraft", "Anzahl", "0", "2"),
                ("Beratungskontakte pro Schuljahr", "Kontakte", "0", "600"),
            ],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "outcome": (
                "2025-03-24",
                "abandoned",
                "Das Land hat den Antrag auf Förderung als Modellprojekt abgelehnt. Eine Finanzierung aus dem "
                "städtischen Haushalt ist im Rahmen der Haushaltssicherung nicht möglich.",
            ),
        },
        "evaluation": {
            "progress": 0,
            "verdict": "end",
            "rating": 1,
            "summary": (
                "Die Maßnahme ist an der fehlenden Finanzierung gescheitert. Der Bedarf besteht weiter; die AG "
                "verfolgt das Thema über eine Initiative des Städtetags statt über eine eigene Maßnahme."
            ),
            "obstacles": [
                ("funding", "Die Landesförderung wurde abgelehnt, Eigenmittel standen nicht zur Verfügung."),
                (
                    "legal",
                    "Die Zuständigkeit für Gesundheitsfachkräfte an Schulen zwischen Land, Schulträger und "
                    "Krankenkassen ist ungeklärt.",
                ),
            ],
            "enablers": [
                ("cooperation", "Zwei Grundschulen hatten Räume und Mitarbeit fest zugesagt."),
            ],
        },
    },
    # --- AG Bildung ---------------------------------------------------------------
    {
        "key": "uebergang_kita_gs",
        "group": "bildung",
        "fields": dict(
            title="Übergang Kita–Grundschule: gemeinsame Sprachstandsbeobachtung und Übergabegespräche",
            description=(
                "Ausgangslage: Bei der Schuleingangsuntersuchung 2023 hatten 34 % der Kinder in Lindenau "
                "Förderbedarf in der deutschen Sprache. Kitas und Grundschulen beobachten die Sprachentwicklung "
                "mit unterschiedlichen Verfahren; Informationen gehen beim Übergang verloren.\n\n"
                "Vorhaben: Kita-Grundschul-Tandems in allen vier Stadtbezirken vereinbaren ein gemeinsames "
                "Beobachtungsverfahren, gemeinsame Fortbildungen und Übergabegespräche mit Einwilligung der "
                "Eltern. Das Bildungsbüro koordiniert und stellt Material bereit."
            ),
            goal="Jedes Kind mit Sprachförderbedarf wird beim Schuleintritt mit einer abgestimmten Förderempfehlung "
            "übergeben.",
            target_group=(
                "Kinder im letzten Kita-Jahr und in der Schuleingangsphase, pädagogische Fachkräfte und Lehrkräfte"
            ),
            district="gesamtstädtisch",
            lead="Fachbereich Schule und Bildung (Bildungsbüro)",
            partners=("Fachbereich Kinder, Jugend und Familie, Kita-Träger, Grundschulen, Familienzentrum Regenbogen"),
            timeframe="09/2024 bis 07/2025",
            cost="ca. 25.000 € (Fortbildungen, Vertretungskosten, Material)",
            funding="Haushalt Bildungsbüro; gesichert",
            indicators=(
                "Kita-Grundschul-Tandems mit Vereinbarung (2023: 3, Ziel: 16); Übergabegespräche mit Einwilligung "
                "(Ziel: 80 % der Kinder mit Förderbedarf)"
            ),
        ),
        "details": (
            "fb_schule",
            ["fb_jugend", "gs_lindenplatz", "fz_regenbogen"],
            25000,
            True,
            [("Kita-Grundschul-Tandems", "Anzahl", "3", "16"), ("Übergabegespräche bei Förderbedarf", "%", "0", "80")],
        ),
        "committee": {"to": "schula", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-16", "Auftaktfortbildung für 32 Fachkräfte aus Kitas und Grundschulen."),
            "progress": [
                (
                    "2025-02-03",
                    55,
                    "11 Tandems haben eine Vereinbarung unterzeichnet.",
                    {"Kita-Grundschul-Tandems": "11", "Übergabegespräche bei Förderbedarf": "48"},
                ),
            ],
            "outcome": ("2025-08-29", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Die Tandems arbeiten; Übergabegespräche sind für die meisten Kinder mit Förderbedarf Standard "
                "geworden. Die AG empfiehlt, das Verfahren in die Regelstruktur des Bildungsbüros zu übernehmen."
            ),
            "obstacles": [
                ("staff", "Kitas konnten Fachkräfte wegen Personalmangels oft nicht für Fortbildungen freistellen."),
                (
                    "legal",
                    "Die Einwilligung der Eltern zur Weitergabe von Beobachtungen musste erst rechtssicher "
                    "gestaltet werden.",
                ),
            ],
            "enablers": [
                ("cooperation", "Feste Tandems mit benannten Ansprechpersonen in Kita und Grundschule."),
                (
                    "participation",
                    "Elternabende in mehreren Sprachen haben die Zustimmung zu Übergabegesprächen erhöht.",
                ),
            ],
            "actuals": {"Kita-Grundschul-Tandems": "15", "Übergabegespräche bei Förderbedarf": "83"},
        },
    },
    {
        "key": "lernfoerderung",
        "group": "bildung",
        "fields": dict(
            title="Lernförderung im Quartier: Hausaufgabenhilfe in Stadtteilbibliotheken",
            description=(
                "Ausgangslage: Kinder aus Familien ohne Unterstützung bei den Hausaufgaben erhalten in Lindenau "
                "deutlich seltener eine Gymnasialempfehlung. Private Nachhilfe ist für viele Familien nicht "
                "bezahlbar; Lernförderung über BuT setzt eine Versetzungsgefährdung voraus.\n\n"
                "Vorhaben: An vier Nachmittagen pro Woche bieten Honorarkräfte und ehrenamtliche Lernpatinnen und "
                "-paten in den Stadtteilbibliotheken kostenfreie Hausaufgabenhilfe und Lernförderung für Kinder "
                "der Klassen 3 bis 7 an."
            ),
            goal="200 Kinder pro Schuljahr nutzen regelmäßig die Lernförderung.",
            target_group="Schülerinnen und Schüler der Klassen 3 bis 7 aus Familien mit geringem Einkommen",
            district="alle vier Stadtbezirke",
            lead="Fachbereich Schule und Bildung",
            partners=(
                "Stadtbibliothek Lindenau, Caritasverband Lindenau, AWO Kreisverband Lindenau, Gesamtschule "
                "Lindenau-Süd (Lernpatenschaften)"
            ),
            timeframe="10/2024 bis 07/2026",
            cost="ca. 40.000 € jährlich (Honorare, Lernmaterial)",
            funding="Haushalt Fachbereich Schule und Bildung; Spende der Sparkassenstiftung Lindenau (10.000 €)",
            indicators="Regelmäßig teilnehmende Kinder pro Schuljahr (Ziel: 200); Standorte (Ziel: 4)",
        ),
        "details": (
            "fb_schule",
            ["caritas", "awo", "gesamtschule"],
            40000,
            True,
            [("Regelmäßig teilnehmende Kinder", "Kinder", "0", "200"), ("Standorte", "Anzahl", "0", "4")],
        ),
        "committee": {
            "to": "schula",
            "decision": "amended",
            "amended": dict(
                district="Nordstadt und Südfeld (Erweiterung auf Altstadt und Weststadt nach Auswertung)",
                cost="ca. 22.000 € jährlich (Honorare, Lernmaterial)",
                indicators="Regelmäßig teilnehmende Kinder pro Schuljahr (Ziel: 100); Standorte (Ziel: 2)",
            ),
            "reason": (
                "Der Ausschuss beschließt einen Start an zwei Standorten in den Stadtbezirken mit dem höchsten "
                "Bedarf. Über eine Ausweitung wird nach Vorlage der Evaluierung entschieden."
            ),
        },
        "implementation": {
            "start": ("2024-10-14", "Start in den Stadtteilbibliotheken Nordstadt und Südfeld."),
            "progress": [
                (
                    "2025-03-17",
                    50,
                    "Beide Standorte ausgelastet, erste Wartelisten.",
                    {"Regelmäßig teilnehmende Kinder": "74", "Standorte": "2"},
                ),
            ],
            "outcome": ("2025-12-19", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "adapt",
            "rating": 4,
            "summary": (
                "Die Lernförderung ist an beiden Standorten voll ausgelastet, es gibt Wartelisten. Die AG "
                "empfiehlt die Ausweitung auf Altstadt und Weststadt mit festen Honorarverträgen."
            ),
            "obstacles": [
                ("staff", "Honorarkräfte sind schwer zu gewinnen und wechseln häufig."),
                (
                    "premises",
                    "Die Stadtteilbibliothek Südfeld schließt mittwochs um 16 Uhr; dort fehlt ein Nachmittag.",
                ),
                ("funding", "Die Spende der Sparkassenstiftung war einmalig; 2026 fehlen dafür Mittel."),
            ],
            "enablers": [
                (
                    "participation",
                    "Schülerinnen und Schüler der Gesamtschule engagieren sich als Lernpatinnen und -paten.",
                ),
                ("cooperation", "Die Grundschulen melden Kinder gezielt an; die Bibliothek stellt Räume kostenfrei."),
            ],
            "actuals": {"Regelmäßig teilnehmende Kinder": "118", "Standorte": "2"},
        },
    },
    {
        "key": "schulsozialarbeit",
        "group": "bildung",
        "fields": dict(
            title="Schulsozialarbeit an weiterführenden Schulen aufstocken",
            description=(
                "Ausgangslage: An den sechs weiterführenden Schulen in Lindenau kommen rechnerisch 780 "
                "Schülerinnen und Schüler auf eine Fachkraft der Schulsozialarbeit. Die Schulen berichten von "
                "mehr Schulabsentismus und psychischen Belastungen seit der Pandemie.\n\n"
                "Vorhaben: Aufstockung der Schulsozialarbeit um 3,0 Stellen mit Schwerpunkt an der Gesamtschule "
                "Lindenau-Süd, der Hauptschule Nordstadt und der Realschule Weststadt. Die Fachkräfte werden bei "
                "freien Trägern angestellt und arbeiten nach einem gemeinsamen Rahmenkonzept."
            ),
            goal=(
                "Betreuungsschlüssel von höchstens 1 : 400 an allen weiterführenden Schulen; das unentschuldigte "
                "Fehlen geht zurück."
            ),
            target_group=(
                "Schülerinnen und Schüler der Sekundarstufe I, insbesondere mit Schulabsentismus oder psychischer "
                "Belastung"
            ),
            district="gesamtstädtisch",
            lead="Fachbereich Kinder, Jugend und Familie",
            partners=(
                "Diakonisches Werk Lindenau (Anstellungsträger), Gesamtschule Lindenau-Süd und weitere "
                "weiterführende Schulen, Fachbereich Schule und Bildung"
            ),
            timeframe="01/2025 bis 12/2026",
            cost="ca. 195.000 € jährlich (3,0 Stellen)",
            funding="Landesförderung Schulsozialarbeit (ca. 50 %), Eigenanteil Fachbereich Kinder, Jugend und Familie",
            indicators=(
                "Schülerinnen und Schüler je Fachkraft (2023: 780, Ziel: 400); beratene Fälle von "
                "Schulabsentismus (Ziel: 150 pro Schuljahr)"
            ),
        ),
        "details": (
            "fb_jugend",
            ["diakonie", "gesamtschule", "fb_schule"],
            195000,
            True,
            [
                ("Schülerinnen und Schüler je Fachkraft", "Verhältnis", "780", "400"),
                ("Beratene Fälle von Schulabsentismus", "Fälle je Schuljahr", "0", "150"),
            ],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2025-01-06", "Erste Stelle an der Gesamtschule besetzt; zwei Ausschreibungen laufen."),
            "progress": [
                (
                    "2025-06-23",
                    40,
                    "Zweite Stelle zum 01.05.2025 besetzt; dritte Ausschreibung erfolglos.",
                    {"Schülerinnen und Schüler je Fachkraft": "620", "Beratene Fälle von Schulabsentismus": "58"},
                ),
                (
                    "2026-03-16",
                    75,
                    "Alle drei Stellen seit 01.01.2026 besetzt.",
                    {"Schülerinnen und Schüler je Fachkraft": "460", "Beratene Fälle von Schulabsentismus": "131"},
                ),
            ],
        },
        "evaluation": {
            "progress": 75,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Seit alle Stellen besetzt sind, wirkt die Aufstockung: mehr Beratungen und frühere Hilfen bei "
                "Schulabsentismus. Die Landesförderung ist nur bis Ende 2026 zugesagt."
            ),
            "obstacles": [
                ("staff", "Zwei Stellen konnten erst nach bis zu zwölf Monaten besetzt werden."),
                (
                    "funding",
                    "Die Landesförderung ist nur bis 2026 zugesagt; die Träger können keine unbefristeten "
                    "Verträge anbieten.",
                ),
            ],
            "enablers": [
                ("cooperation", "Die Schulleitungen tragen das Rahmenkonzept mit und geben Zeit in Konferenzen."),
            ],
            "actuals": {"Schülerinnen und Schüler je Fachkraft": "460", "Beratene Fälle von Schulabsentismus": "131"},
        },
    },
    # --- AG Jugend ----------------------------------------------------------------
    {
        "key": "jugendforum",
        "group": "jugend",
        "fields": dict(
            title="Jugendforum Lindenau: junge Menschen an Planungen beteiligen",
            description=(
                "Ausgangslage: Bei Planungen von Spielflächen, Jugendtreffs und Schulhöfen werden Jugendliche "
                "bisher nur vereinzelt gefragt. Ein Jugendparlament gibt es in Lindenau nicht.\n\n"
                "Vorhaben: Zweimal jährlich tagt ein offenes Jugendforum im Ratssaal. Jugendliche bringen Themen "
                "ein, Verwaltung und Politik antworten verbindlich innerhalb von drei Monaten. Dazu kommen "
                "Beteiligungsaktionen vor Ort (Schulhöfe, Jugendtreffs) und online."
            ),
            goal=(
                "Jugendliche werden bei allen sie betreffenden Planungen beteiligt; jedes Anliegen erhält eine Antwort."
            ),
            target_group="Jugendliche und junge Erwachsene von 12 bis 21 Jahren",
            district="gesamtstädtisch",
            lead="Fachbereich Kinder, Jugend und Familie (Jugendförderung)",
            partners="Stadtjugendring Lindenau, Schulen, Fraktionen im Rat",
            timeframe="09/2024 bis 06/2025, danach zweimal jährlich",
            cost="ca. 15.000 € jährlich (Moderation, Öffentlichkeitsarbeit, Verpflegung)",
            funding="Haushalt Jugendförderung; gesichert",
            indicators=(
                "Teilnehmende pro Forum (Ziel: 80); innerhalb von drei Monaten beantwortete Anliegen (Ziel: 100 %)"
            ),
        ),
        "details": (
            "fb_jugend",
            ["jugendring"],
            15000,
            True,
            [
                ("Teilnehmende pro Jugendforum", "Personen", "0", "80"),
                ("Fristgerecht beantwortete Anliegen", "%", "0", "100"),
            ],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-02", "Vorbereitungsgruppe mit Jugendlichen aus fünf Schulen gebildet."),
            "progress": [
                (
                    "2024-11-25",
                    50,
                    "Erstes Jugendforum am 20.11.2024 mit 96 Jugendlichen; 23 Anliegen eingebracht.",
                    {"Teilnehmende pro Jugendforum": "96"},
                ),
                (
                    "2025-05-26",
                    90,
                    "Zweites Forum; 20 der 23 Anliegen fristgerecht beantwortet.",
                    {"Teilnehmende pro Jugendforum": "71", "Fristgerecht beantwortete Anliegen": "87"},
                ),
            ],
            "outcome": ("2025-06-30", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 5,
            "summary": (
                "Das Jugendforum ist etabliert und wird von Jugendlichen und Politik geschätzt. Drei Anliegen "
                "wurden bereits umgesetzt, u. a. die Beleuchtung der Skateanlage Südfeld."
            ),
            "obstacles": [
                ("participation", "Jugendliche aus Haupt- und Förderschulen nehmen seltener teil."),
                ("other", "Einzelne Fachbereiche haben Anliegen nicht fristgerecht beantwortet."),
            ],
            "enablers": [
                ("participation", "Einladung über Schulen und soziale Medien; Abstimmung per Handy im Forum."),
                ("cooperation", "Stadtjugendring und Jugendtreffs bereiten die Foren mit den Jugendlichen vor."),
            ],
            "actuals": {"Teilnehmende pro Jugendforum": "84", "Fristgerecht beantwortete Anliegen": "91"},
        },
    },
    {
        "key": "mobile_jugendarbeit",
        "group": "jugend",
        "fields": dict(
            title="Mobile Jugendarbeit im Bahnhofsumfeld",
            description=(
                "Ausgangslage: Im Umfeld von Hauptbahnhof und Busbahnhof halten sich abends regelmäßig 30 bis 50 "
                "Jugendliche auf. Es gibt Beschwerden über Lärm und Konflikte; zugleich berichten Fachkräfte von "
                "Jugendlichen ohne festen Anlaufpunkt und mit Suchtmittelkonsum.\n\n"
                "Vorhaben: Zwei Fachkräfte der Mobilen Jugendarbeit sind an vier Abenden pro Woche im "
                "Bahnhofsumfeld unterwegs, bauen Kontakte auf, vermitteln in Beratung und Hilfen und richten einen "
                "Anlaufpunkt (Jugendcontainer) ein."
            ),
            goal=(
                "Jugendliche im Bahnhofsumfeld haben verlässliche Ansprechpersonen; Konflikte im öffentlichen Raum "
                "gehen zurück."
            ),
            target_group="Jugendliche und junge Erwachsene von 14 bis 25 Jahren im Bahnhofsumfeld",
            district="Altstadt",
            lead="Fachbereich Kinder, Jugend und Familie (Jugendförderung)",
            partners="Diakonisches Werk Lindenau (Träger), Drogenhilfe Lindenau, Ordnungsamt, Polizei (Bezirksdienst)",
            timeframe="10/2024 bis 09/2025",
            cost="ca. 110.000 € jährlich (2,0 Stellen, Container, Sachkosten)",
            funding="Haushalt Jugendförderung, Mittel des Kommunalen Präventionsrats; gesichert",
            indicators=(
                "Jugendliche mit regelmäßigem Kontakt (Ziel: 60); Vermittlungen in Beratung und Hilfen (Ziel: 40 "
                "pro Jahr)"
            ),
        ),
        "details": (
            "fb_jugend",
            ["diakonie", "drogenhilfe"],
            110000,
            True,
            [
                ("Jugendliche mit regelmäßigem Kontakt", "Personen", "0", "60"),
                ("Vermittlungen in Hilfen", "pro Jahr", "0", "40"),
            ],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2024-10-01", "Streetwork an vier Abenden pro Woche gestartet."),
            "progress": [
                (
                    "2025-02-24",
                    45,
                    "Kontakte aufgebaut; die Genehmigung für den Container steht noch aus.",
                    {"Jugendliche mit regelmäßigem Kontakt": "38", "Vermittlungen in Hilfen": "12"},
                ),
                (
                    "2025-08-18",
                    85,
                    "Jugendcontainer seit Juli 2025 geöffnet.",
                    {"Jugendliche mit regelmäßigem Kontakt": "57", "Vermittlungen in Hilfen": "31"},
                ),
            ],
            "outcome": ("2025-11-03", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Die Mobile Jugendarbeit erreicht die Jugendlichen, Konflikte haben abgenommen. Der Anlaufpunkt kam "
                "spät und ist zu klein; die AG empfiehlt einen festen Raum im Bahnhofsgebäude."
            ),
            "obstacles": [
                ("premises", "Die Genehmigung für den Jugendcontainer dauerte neun Monate."),
                ("staff", "Abenddienste sind schwer zu besetzen; eine Stelle war vier Monate vakant."),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Regelmäßige Runde mit Ordnungsamt, Polizei und Bahnhofsmission; Konflikte werden früh besprochen.",
                ),
            ],
            "actuals": {"Jugendliche mit regelmäßigem Kontakt": "64", "Vermittlungen in Hilfen": "37"},
        },
    },
    # --- AG Senior*innen ----------------------------------------------------------
    {
        "key": "seniorenberatung_suedfeld",
        "group": "senioren",
        "fields": dict(
            title="Quartiersbezogene Seniorenberatung „Gut älter werden in Südfeld“",
            description=(
                "Ausgangslage: In Südfeld ist jede vierte Person älter als 65 Jahre, viele leben allein in "
                "Wohnungen der 1960er-Jahre ohne Aufzug. Beratung zu Pflege, Wohnen und Alltagshilfen gibt es vor "
                "allem in der Innenstadt; für viele ist sie schwer erreichbar.\n\n"
                "Vorhaben: Eine Seniorenberaterin bietet im Stadtteilzentrum Südfeld feste Sprechzeiten und "
                "Hausbesuche an, baut ein Netzwerk aus Nachbarschaftshilfe, Pflegediensten und Kirchengemeinden "
                "auf und organisiert monatliche Informationsnachmittage."
            ),
            goal=(
                "Ältere Menschen in Südfeld können länger selbstbestimmt in ihrer Wohnung leben; Hilfebedarfe "
                "werden früher erkannt."
            ),
            target_group="Menschen ab 65 Jahren in Südfeld und ihre Angehörigen",
            district="Südfeld",
            lead="AWO Kreisverband Lindenau e. V.",
            partners=(
                "Fachbereich Soziales und Senioren (Pflegeberatung), Seniorenbeirat, DRK-Kreisverband Lindenau, "
                "Kirchengemeinden in Südfeld"
            ),
            timeframe="10/2024 bis 09/2025",
            cost="ca. 55.000 € jährlich (0,75 Stelle Sozialarbeit, Sachkosten)",
            funding=(
                "Landesförderung Quartiersentwicklung für ältere Menschen, Haushalt Fachbereich Soziales und "
                "Senioren; gesichert"
            ),
            indicators="Beratungskontakte pro Jahr (Ziel: 400); Hausbesuche pro Jahr (Ziel: 120)",
        ),
        "details": (
            "awo",
            ["fb_soziales", "seniorenbeirat", "drk"],
            55000,
            True,
            [("Beratungskontakte pro Jahr", "Kontakte", "0", "400"), ("Hausbesuche pro Jahr", "Besuche", "0", "120")],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-10-01", "Sprechzeiten im Stadtteilzentrum Südfeld dienstags und donnerstags."),
            "progress": [
                (
                    "2025-03-31",
                    50,
                    "Gute Nachfrage; Hausbesuche vor allem nach Krankenhausaufenthalten.",
                    {"Beratungskontakte pro Jahr": "210", "Hausbesuche pro Jahr": "57"},
                ),
            ],
            "outcome": ("2025-09-30", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 5,
            "summary": (
                "Die Beratung ist im Stadtteil angekommen; Hausbesuche haben mehrere Krisen früh erkannt. Die AG "
                "empfiehlt die Verstetigung als Regelangebot und ein vergleichbares Angebot in der Weststadt."
            ),
            "obstacles": [
                (
                    "premises",
                    "Das Stadtteilzentrum ist nicht barrierefrei; Sprechstunden finden teilweise im "
                    "Gemeindehaus statt.",
                ),
            ],
            "enablers": [
                (
                    "participation",
                    "Der Seniorenbeirat hat das Angebot bekannt gemacht; viele Kontakte entstanden über "
                    "Nachbarinnen und Nachbarn.",
                ),
                ("cooperation", "Pflegedienste und Hausarztpraxen melden Hilfebedarfe."),
            ],
            "actuals": {"Beratungskontakte pro Jahr": "455", "Hausbesuche pro Jahr": "131"},
        },
    },
    {
        "key": "besuchsdienst",
        "group": "senioren",
        "fields": dict(
            title="Besuchsdienst gegen Einsamkeit: ehrenamtliche Besuchspatenschaften",
            description=(
                "Ausgangslage: Die Seniorenbefragung 2023 zeigt, dass sich 22 % der über 75-Jährigen in Lindenau "
                "häufig einsam fühlen. Die Besuchsdienste der Kirchengemeinden erreichen vor allem ihre "
                "Mitglieder.\n\n"
                "Vorhaben: Das DRK baut einen stadtweiten Besuchsdienst auf: Ehrenamtliche werden geschult und "
                "besuchen ältere Menschen einmal pro Woche. Die Vermittlung läuft über Hausarztpraxen, "
                "Pflegedienste, Seniorenberatung und das Seniorentelefon."
            ),
            goal="80 aktive Besuchspatenschaften bis Ende 2025",
            target_group="allein lebende Menschen ab 75 Jahren mit wenigen sozialen Kontakten",
            district="gesamtstädtisch",
            lead="DRK-Kreisverband Lindenau e. V.",
            partners="Fachbereich Soziales und Senioren, Seniorenbeirat, Caritasverband Lindenau, Hausarztpraxen",
            timeframe="09/2024 bis 12/2025",
            cost="ca. 20.000 € jährlich (Koordination auf Minijob-Basis, Schulungen, Fahrtkosten)",
            funding="Haushalt Fachbereich Soziales und Senioren (Zuschuss an das DRK); gesichert",
            indicators="Aktive Besuchspatenschaften (Ziel: 80); geschulte Ehrenamtliche (Ziel: 90)",
        ),
        "details": (
            "drk",
            ["fb_soziales", "seniorenbeirat", "caritas"],
            20000,
            True,
            [("Aktive Besuchspatenschaften", "Anzahl", "0", "80"), ("Geschulte Ehrenamtliche", "Personen", "0", "90")],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-16", "Erste Schulung für Ehrenamtliche; Flyer in Hausarztpraxen verteilt."),
            "progress": [
                (
                    "2025-03-03",
                    35,
                    "24 Patenschaften; die Gewinnung Ehrenamtlicher bleibt hinter der Planung zurück.",
                    {"Aktive Besuchspatenschaften": "24", "Geschulte Ehrenamtliche": "31"},
                ),
                (
                    "2025-10-13",
                    50,
                    "36 Patenschaften; Koordination stößt an zeitliche Grenzen.",
                    {"Aktive Besuchspatenschaften": "36", "Geschulte Ehrenamtliche": "44"},
                ),
            ],
            "outcome": (
                "2025-12-31",
                "partly_implemented",
                "Bis Ende 2025 kamen 38 statt 80 Patenschaften zustande. Es fanden sich zu wenige Ehrenamtliche, "
                "und die Koordination auf Minijob-Basis reichte für Gewinnung und Begleitung nicht aus.",
            ),
        },
        "evaluation": {
            "progress": 50,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Wo Patenschaften bestehen, sind sie stabil und werden sehr geschätzt. Für mehr Patenschaften "
                "braucht es eine hauptamtliche Koordination und gezielte Ansprache jüngerer Ruheständlerinnen und "
                "Ruheständler."
            ),
            "obstacles": [
                (
                    "staff",
                    "Zu wenige Ehrenamtliche; die Koordination auf Minijob-Basis konnte Gewinnung und "
                    "Begleitung nicht leisten.",
                ),
                ("participation", "Einsame Menschen melden sich selten selbst; viele lehnen Besuche zunächst ab."),
                ("funding", "Der Zuschuss deckte keine hauptamtliche Koordination."),
            ],
            "enablers": [
                ("cooperation", "Hausarztpraxen und Pflegedienste haben drei von fünf Besuchten vermittelt."),
            ],
            "actuals": {"Aktive Besuchspatenschaften": "38", "Geschulte Ehrenamtliche": "47"},
        },
    },
    {
        "key": "smartphone_sprechstunden",
        "group": "senioren",
        "fields": dict(
            title="Digitale Teilhabe: Smartphone-Sprechstunden in Begegnungsstätten",
            description=(
                "Ausgangslage: Termine im Bürgerbüro, Bahnfahrkarten und Arztpraxen setzen zunehmend ein Smartphone "
                "voraus. Viele ältere Menschen fühlen sich ausgeschlossen; Kurse der Volkshochschule kosten Geld "
                "und sind für Einsteigerinnen und Einsteiger zu schnell.\n\n"
                "Vorhaben: In den fünf Begegnungsstätten finden wöchentliche offene Smartphone-Sprechstunden statt. "
                "Jugendliche Digitalpatinnen und -paten und Ehrenamtliche helfen bei konkreten Fragen; die "
                "Begegnungsstätten erhalten WLAN und Leihgeräte."
            ),
            goal="Ältere Menschen nutzen digitale Angebote sicher und selbstständig.",
            target_group="Menschen ab 65 Jahren ohne oder mit wenig digitaler Erfahrung",
            district="gesamtstädtisch (alle Begegnungsstätten)",
            lead="Fachbereich Soziales und Senioren (Altenhilfeplanung)",
            partners=(
                "Seniorenbeirat, AWO Kreisverband Lindenau, Altstadttreff der Diakonie, Gesamtschule Lindenau-Süd "
                "(Digitalpaten)"
            ),
            timeframe="09/2024 bis 03/2025",
            cost="ca. 12.000 € (WLAN, zehn Leihgeräte, Schulungsmaterial)",
            funding="aus vorhandenen Mitteln des Fachbereichs Soziales und Senioren",
            indicators="Begegnungsstätten mit Sprechstunde (Ziel: 5); Besuche der Sprechstunden (Ziel: 600)",
        ),
        "details": (
            "fb_soziales",
            ["seniorenbeirat", "awo", "altstadttreff", "gesamtschule"],
            12000,
            True,
            [
                ("Begegnungsstätten mit Sprechstunde", "Anzahl", "0", "5"),
                ("Besuche der Sprechstunden", "Besuche", "0", "600"),
            ],
        ),
        "committee": {
            "to": "soza",
            "decision": "noted",
            "reason": "Die Maßnahme wird aus vorhandenen Mitteln umgesetzt; ein Beschluss ist nicht erforderlich.",
        },
        "implementation": {
            "start": ("2024-09-09", "Sprechstunden in drei Begegnungsstätten gestartet."),
            "progress": [
                (
                    "2024-12-16",
                    60,
                    "Vier Begegnungsstätten; in einer fehlt noch das WLAN.",
                    {"Begegnungsstätten mit Sprechstunde": "4", "Besuche der Sprechstunden": "310"},
                ),
            ],
            "outcome": ("2025-04-07", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "end",
            "rating": 4,
            "summary": (
                "Die Sprechstunden laufen in allen fünf Begegnungsstätten und werden von den Trägern als "
                "Regelangebot weitergeführt. Eine eigene Maßnahme ist nicht mehr nötig."
            ),
            "obstacles": [
                (
                    "premises",
                    "In zwei Begegnungsstätten musste erst WLAN verlegt werden; der Start verzögerte sich um "
                    "drei Monate.",
                ),
            ],
            "enablers": [
                (
                    "participation",
                    "Jugendliche Digitalpatinnen und -paten schaffen Begegnung zwischen den Generationen.",
                ),
                ("cooperation", "Die Gesamtschule rechnet das Engagement als Praktikum an."),
            ],
            "actuals": {"Begegnungsstätten mit Sprechstunde": "5", "Besuche der Sprechstunden": "870"},
        },
    },
    # --- AG Integration -----------------------------------------------------------
    {
        "key": "sprachmittlerpool",
        "group": "integration",
        "fields": dict(
            title="Sprachmittlerpool für Beratungsstellen, Kitas und Schulen",
            description=(
                "Ausgangslage: In Beratungs- und Elterngesprächen und beim Gesundheitsamt dolmetschen häufig "
                "Kinder oder Bekannte. Das ist fachlich und datenschutzrechtlich problematisch; Fachkräfte "
                "verzichten deshalb manchmal auf Gespräche.\n\n"
                "Vorhaben: Das Kommunale Integrationszentrum baut einen Pool geschulter Sprachmittlerinnen und "
                "Sprachmittler für 15 Sprachen auf. Einrichtungen buchen Einsätze online, auch als Video- oder "
                "Telefondolmetschen. Die Sprachmittelnden werden zu Rolle, Schweigepflicht und Fachbegriffen "
                "geschult."
            ),
            goal=(
                "Kein wichtiges Gespräch in Beratung, Kita, Schule oder Gesundheitswesen scheitert an der Sprache; "
                "Kinder dolmetschen nicht mehr für ihre Eltern."
            ),
            target_group="Menschen mit geringen Deutschkenntnissen und die Fachkräfte, die sie beraten",
            district="gesamtstädtisch",
            lead="Kommunales Integrationszentrum Lindenau",
            partners=(
                "Caritasverband Lindenau (Migrationsdienst), Diakonisches Werk Lindenau, Gesundheitsamt, Kitas und "
                "Schulen"
            ),
            timeframe="09/2024 bis 06/2025, danach Regelbetrieb",
            cost="ca. 45.000 € jährlich (Honorare, Schulungen, Koordination)",
            funding="Landesprogramm KOMM-AN NRW, Haushalt Kommunales Integrationszentrum; gesichert",
            indicators="Geschulte Sprachmittelnde (Ziel: 40); vermittelte Einsätze pro Jahr (Ziel: 900)",
        ),
        "details": (
            "integration",
            ["caritas", "diakonie", "gesundheitsamt"],
            45000,
            True,
            [
                ("Geschulte Sprachmittelnde", "Personen", "0", "40"),
                ("Vermittelte Einsätze pro Jahr", "Einsätze", "0", "900"),
            ],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-02", "Erste Schulung mit 18 Sprachmittelnden; Buchungsformular online."),
            "progress": [
                (
                    "2025-01-27",
                    50,
                    "Einsätze vor allem in Kitas und im Gesundheitsamt.",
                    {"Geschulte Sprachmittelnde": "29", "Vermittelte Einsätze pro Jahr": "340"},
                ),
            ],
            "outcome": ("2025-06-30", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 5,
            "summary": (
                "Der Pool ist stark nachgefragt, besonders von Kitas und vom Gesundheitsamt. Für Ukrainisch, Dari "
                "und Tigrinya fehlen weiterhin Sprachmittelnde."
            ),
            "obstacles": [
                (
                    "funding",
                    "Die Honorarsätze liegen unter denen der Nachbarstädte; qualifizierte Sprachmittelnde wandern ab.",
                ),
                ("legal", "Schweigepflicht und Datenschutz beim Videodolmetschen mussten aufwendig geklärt werden."),
            ],
            "enablers": [
                ("demand", "Hohe Nachfrage aller Einrichtungen; das Angebot spricht sich schnell herum."),
                ("cooperation", "Gemeinsame Schulungen mit den Migrationsdiensten von Caritas und Diakonie."),
            ],
            "actuals": {"Geschulte Sprachmittelnde": "44", "Vermittelte Einsätze pro Jahr": "1.260"},
        },
    },
    {
        "key": "integrationslotsinnen",
        "group": "integration",
        "fields": dict(
            title="Integrationslotsinnen und -lotsen für neu zugewanderte Familien in der Nordstadt",
            description=(
                "Ausgangslage: In die Nordstadt ziehen jährlich rund 400 neu zugewanderte Menschen, vor allem aus "
                "Südosteuropa und Syrien. Viele kennen Anmeldung, Schulpflicht, Kita-Platzsuche und "
                "Krankenversicherung nicht; die Beratungsstellen sind überlastet.\n\n"
                "Vorhaben: Sechs Integrationslotsinnen und -lotsen mit eigener Zuwanderungsgeschichte begleiten "
                "neu zugewanderte Familien in den ersten zwölf Monaten bei Behördengängen, Schul- und "
                "Kita-Anmeldung und bei der Orientierung im Stadtteil. Eine Fachkraft der Caritas koordiniert und "
                "schult."
            ),
            goal=(
                "Neu zugewanderte Familien in der Nordstadt finden in den ersten zwölf Monaten Zugang zu Schule, "
                "Kita, Gesundheitsversorgung und Beratung."
            ),
            target_group="neu zugewanderte Familien in der Nordstadt",
            district="Nordstadt",
            lead="Caritasverband Lindenau e. V. (Migrationsdienst)",
            partners="Kommunales Integrationszentrum, Quartiersmanagement Nordstadt",
            timeframe="10/2024 bis 09/2026",
            cost="ca. 70.000 € jährlich (0,5 Stelle Koordination, Aufwandsentschädigungen)",
            funding="Landesförderung Integration (Programm „Gemeinsam klappt's“), Eigenmittel Caritas",
            indicators="Begleitete Familien pro Jahr (Ziel: 80); aktive Lotsinnen und Lotsen (Ziel: 6)",
        ),
        "details": (
            "caritas",
            ["integration", "qm_nordstadt"],
            70000,
            True,
            [
                ("Begleitete Familien pro Jahr", "Familien", "0", "80"),
                ("Aktive Lotsinnen und Lotsen", "Personen", "0", "6"),
            ],
        ),
        "committee": {
            "to": "soza",
            "decision": "amended",
            "amended": dict(
                partners="Kommunales Integrationszentrum, Quartiersmanagement Nordstadt, Jobcenter Lindenau",
                timeframe="10/2024 bis 09/2026 (befristet auf zwei Jahre)",
            ),
            "reason": (
                "Der Ausschuss ergänzt das Jobcenter als Partner, damit erwerbsfähige Familienmitglieder früh in "
                "Sprach- und Integrationskurse vermittelt werden. Die Förderung wird auf zwei Jahre befristet."
            ),
        },
        "implementation": {
            "start": ("2024-10-07", "Vier Lotsinnen und Lotsen geschult; Sprechzeit im Quartiersbüro Nordstadt."),
            "progress": [
                (
                    "2025-04-07",
                    30,
                    "Zwei weitere Lotsinnen in Schulung.",
                    {"Begleitete Familien pro Jahr": "26", "Aktive Lotsinnen und Lotsen": "4"},
                ),
                (
                    "2025-11-10",
                    45,
                    "Zwei Lotsinnen haben eine Erwerbsarbeit aufgenommen und aufgehört.",
                    {"Begleitete Familien pro Jahr": "51", "Aktive Lotsinnen und Lotsen": "5"},
                ),
                (
                    "2026-06-15",
                    60,
                    "Begleitungen dauern häufig länger als zwölf Monate.",
                    {"Begleitete Familien pro Jahr": "63", "Aktive Lotsinnen und Lotsen": "5"},
                ),
            ],
        },
        "evaluation": {
            "progress": 60,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Die begleiteten Familien kommen deutlich schneller in Schule und Kita an. Die Zahl der "
                "Begleitungen bleibt unter dem Ziel, weil Lotsinnen ausgestiegen sind und die Fälle komplexer "
                "sind als erwartet."
            ),
            "obstacles": [
                ("staff", "Zwei Lotsinnen haben eine Erwerbsarbeit aufgenommen; Ersatz zu finden dauerte Monate."),
                ("legal", "Ungeklärter Aufenthaltsstatus verzögert Kita-Plätze und Leistungen."),
                ("demand", "Viele Familien brauchen weit länger als zwölf Monate Begleitung."),
            ],
            "enablers": [
                (
                    "participation",
                    "Die Lotsinnen und Lotsen stammen aus den Herkunftsgemeinschaften und genießen Vertrauen.",
                ),
                ("cooperation", "Feste Sprechzeit im Quartiersbüro Nordstadt."),
            ],
            "actuals": {"Begleitete Familien pro Jahr": "63", "Aktive Lotsinnen und Lotsen": "5"},
        },
    },
    # --- AG Arbeit und Beschäftigung -----------------------------------------------
    {
        "key": "sozialer_arbeitsmarkt",
        "group": "arbeit",
        "fields": dict(
            title="Sozialer Arbeitsmarkt: 25 Stellen nach § 16i SGB II bei Trägern und Stadt",
            description=(
                "Ausgangslage: In Lindenau sind rund 1.450 Menschen seit mehr als sechs Jahren im Leistungsbezug. "
                "Für viele von ihnen gibt es auf dem allgemeinen Arbeitsmarkt derzeit keine realistische "
                "Perspektive.\n\n"
                "Vorhaben: Stadt und freie Träger schaffen 25 sozialversicherungspflichtige Stellen mit "
                "Lohnkostenzuschuss nach § 16i SGB II (Teilhabe am Arbeitsmarkt), etwa im Hausmeisterdienst, in "
                "der Grünpflege, in Begegnungsstätten und bei der Tafel. Ein ganzheitliches Coaching begleitet die "
                "Beschäftigten."
            ),
            goal=(
                "25 langzeitarbeitslose Menschen erhalten eine sozialversicherungspflichtige Beschäftigung; "
                "mindestens ein Viertel wechselt danach in ungeförderte Arbeit."
            ),
            target_group=(
                "Menschen über 25 Jahre, die in den letzten sieben Jahren mindestens sechs Jahre Bürgergeld "
                "bezogen haben"
            ),
            district="gesamtstädtisch",
            lead="Jobcenter Lindenau",
            partners=(
                "Fachbereich Soziales und Senioren, AWO Kreisverband Lindenau, DRK-Kreisverband Lindenau, "
                "Lindenauer Tafel, städtische Betriebe"
            ),
            timeframe="07/2024 bis 06/2026",
            cost=(
                "Lohnkostenzuschüsse über das Jobcenter; Eigenanteil der Stadt für Anleitung und Sachkosten ca. "
                "60.000 € jährlich"
            ),
            funding="Eingliederungstitel des Jobcenters (Bund), Haushalt Fachbereich Soziales und Senioren",
            indicators=(
                "Besetzte Stellen nach § 16i SGB II (Ziel: 25); Übergänge in ungeförderte Beschäftigung (Ziel: 6)"
            ),
        ),
        "details": (
            "jobcenter",
            ["fb_soziales", "awo", "drk", "tafel"],
            60000,
            False,
            [
                ("Besetzte Stellen nach § 16i SGB II", "Stellen", "0", "25"),
                ("Übergänge in ungeförderte Beschäftigung", "Personen", "0", "6"),
            ],
        ),
        "committee": {"to": "rat", "decision": "approved"},
        "implementation": {
            "start": ("2024-07-15", "Stellenprofile mit Trägern und städtischen Betrieben abgestimmt."),
            "progress": [
                (
                    "2024-12-02",
                    40,
                    "14 Stellen besetzt.",
                    {"Besetzte Stellen nach § 16i SGB II": "14", "Übergänge in ungeförderte Beschäftigung": "0"},
                ),
                (
                    "2025-06-30",
                    55,
                    "Der Eingliederungstitel des Jobcenters wurde für 2025 gekürzt; weitere Stellen "
                    "werden vorerst nicht besetzt.",
                    {"Besetzte Stellen nach § 16i SGB II": "17", "Übergänge in ungeförderte Beschäftigung": "2"},
                ),
            ],
            "outcome": (
                "2026-06-30",
                "partly_implemented",
                "Wegen der Kürzung der Eingliederungsmittel des Bundes 2025 konnten nur 17 von 25 Stellen besetzt "
                "werden. Vier Beschäftigte sind in ungeförderte Arbeit gewechselt.",
            ),
        },
        "evaluation": {
            "progress": 68,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Die geförderten Stellen geben den Beschäftigten Struktur und Perspektive; vier sind in "
                "ungeförderte Arbeit gewechselt. Für die übrigen endet die Förderung ab 2027 – die AG will "
                "Anschlussperspektiven entwickeln."
            ),
            "obstacles": [
                ("funding", "Die Eingliederungsmittel des Bundes wurden 2025 gekürzt; acht Stellen blieben unbesetzt."),
                ("staff", "Anleitung und Coaching bei kleinen Trägern waren nur knapp ausgestattet."),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Träger und städtische Betriebe haben passende Tätigkeiten geschaffen und die "
                    "Anleitung übernommen.",
                ),
                ("participation", "Die Beschäftigten berichten von mehr Selbstvertrauen und Tagesstruktur."),
            ],
            "actuals": {"Besetzte Stellen nach § 16i SGB II": "17", "Übergänge in ungeförderte Beschäftigung": "4"},
        },
    },
    {
        "key": "ausbildungspaten",
        "group": "arbeit",
        "fields": dict(
            title="Lindenauer Ausbildungspaten: Begleitung von Jugendlichen in der Ausbildung",
            description=(
                "Ausgangslage: Fast jeder dritte Ausbildungsvertrag in Lindenau wird vorzeitig gelöst, bei "
                "Jugendlichen mit Hauptschulabschluss noch häufiger. Gründe sind oft Schwierigkeiten in der "
                "Berufsschule, Konflikte im Betrieb oder familiäre Belastungen.\n\n"
                "Vorhaben: Ehrenamtliche Ausbildungspatinnen und -paten – oft Fachkräfte im Ruhestand – begleiten "
                "Auszubildende vom Ende der Schulzeit bis zur Abschlussprüfung. Die AWO koordiniert, schult und "
                "vermittelt; Schulen und Betriebe schlagen Jugendliche vor."
            ),
            goal="Auszubildende mit Patenschaft schließen häufiger ab; die Abbruchquote liegt unter 15 %.",
            target_group=(
                "Auszubildende mit Haupt- oder Realschulabschluss, vor allem aus der Gesamtschule Lindenau-Süd "
                "und der Hauptschule Nordstadt"
            ),
            district="gesamtstädtisch",
            lead="AWO Kreisverband Lindenau e. V.",
            partners=(
                "Gesamtschule Lindenau-Süd, Jobcenter Lindenau (U25-Team), Kreishandwerkerschaft, "
                "IHK-Geschäftsstelle Lindenau"
            ),
            timeframe="09/2024 bis 08/2025, danach fortlaufend",
            cost="ca. 35.000 € jährlich (0,5 Stelle Koordination, Schulungen)",
            funding="Haushalt Fachbereich Soziales und Senioren (Zuschuss), Spenden der Kreishandwerkerschaft",
            indicators=(
                "Aktive Patenschaften (Ziel: 40); Abbruchquote bei Auszubildenden mit Patenschaft (2023: 30 %, "
                "Ziel: unter 15 %)"
            ),
        ),
        "details": (
            "awo",
            ["gesamtschule", "jobcenter"],
            35000,
            True,
            [
                ("Aktive Ausbildungspatenschaften", "Anzahl", "0", "40"),
                ("Abbruchquote mit Patenschaft", "%", "30", "15"),
            ],
        ),
        "committee": {"to": "schula", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-02", "Erste Patinnen und Paten aus Betrieben der Kreishandwerkerschaft geschult."),
            "progress": [
                ("2025-03-24", 60, "29 Patenschaften aktiv.", {"Aktive Ausbildungspatenschaften": "29"}),
            ],
            "outcome": ("2025-08-29", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "42 Patenschaften, die Abbruchquote der Begleiteten liegt bei 11 %. Die Berufsschulen sollen "
                "stärker eingebunden werden."
            ),
            "obstacles": [
                ("participation", "Jugendliche nehmen das Angebot oft erst an, wenn die Ausbildung schon kriselt."),
                ("other", "Die Berufsschulen sind bisher kaum eingebunden."),
            ],
            "enablers": [
                ("cooperation", "Betriebe der Kreishandwerkerschaft vermitteln Patinnen und Paten aus ihren Reihen."),
                (
                    "participation",
                    "Viele Patinnen und Paten sind selbst Fachkräfte im Ruhestand und kennen die Branchen.",
                ),
            ],
            "actuals": {"Aktive Ausbildungspatenschaften": "42", "Abbruchquote mit Patenschaft": "11"},
        },
    },
    {
        "key": "fahrradwerkstatt",
        "group": "arbeit",
        "fields": dict(
            title="Beschäftigungsprojekt Fahrradwerkstatt Weststadt",
            description=(
                "Ausgangslage: Für junge Erwachsene ohne Berufsabschluss gibt es in der Weststadt kaum "
                "niedrigschwellige Beschäftigungsangebote. Zugleich fehlen im Stadtteil günstige "
                "Reparaturmöglichkeiten für Fahrräder.\n\n"
                "Vorhaben: Die AWO betreibt eine Fahrradwerkstatt mit zwölf Arbeitsgelegenheiten. Junge "
                "Erwachsene reparieren gespendete Fahrräder, die günstig an Familien mit Lindenau-Pass abgegeben "
                "werden, und erwerben dabei Grundqualifikationen."
            ),
            goal=(
                "Zwölf junge Erwachsene pro Jahr erhalten Tagesstruktur und Qualifizierung; mindestens vier "
                "wechseln in Ausbildung oder Arbeit."
            ),
            target_group="junge Erwachsene von 18 bis 27 Jahren ohne Berufsabschluss im Leistungsbezug",
            district="Weststadt",
            lead="AWO Kreisverband Lindenau e. V.",
            partners="Jobcenter Lindenau, Jugendzentrum Weststadt, ADFC Lindenau",
            timeframe="09/2024 bis 08/2026",
            cost="ca. 48.000 € jährlich (Anleitung, Miete, Werkzeug)",
            funding="Jobcenter (Arbeitsgelegenheiten), Haushalt Fachbereich Soziales und Senioren (Miete)",
            indicators="Teilnehmende pro Jahr (Ziel: 12); Übergänge in Ausbildung oder Arbeit (Ziel: 4)",
        ),
        "details": (
            "awo",
            ["jobcenter", "jz_weststadt"],
            48000,
            False,
            [
                ("Teilnehmende pro Jahr", "Personen", "0", "12"),
                ("Übergänge in Ausbildung oder Arbeit", "Personen", "0", "4"),
            ],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-09-16", "Werkstatt in einem Ladenlokal an der Westerstraße eröffnet."),
            "progress": [
                (
                    "2025-02-10",
                    30,
                    "Neun Teilnehmende, ein Übergang in Ausbildung.",
                    {"Teilnehmende pro Jahr": "9", "Übergänge in Ausbildung oder Arbeit": "1"},
                ),
            ],
            "outcome": (
                "2025-07-14",
                "abandoned",
                "Der Vermieter hat die Werkstatträume zum 30.06.2025 gekündigt. Ein bezahlbarer Ersatzstandort in "
                "der Weststadt wurde nicht gefunden; die Arbeitsgelegenheiten wurden in andere Projekte der AWO "
                "überführt.",
            ),
        },
        "evaluation": {
            "progress": 30,
            "verdict": "end",
            "rating": 2,
            "summary": (
                "Das Projekt war bei den Teilnehmenden beliebt, scheiterte aber am Standort. Die AG sieht derzeit "
                "keine Möglichkeit, es neu aufzulegen."
            ),
            "obstacles": [
                ("premises", "Kündigung der Werkstatträume, kein bezahlbarer Ersatz in der Weststadt."),
                ("funding", "Die Miete war nur für ein Jahr im Haushalt abgesichert."),
            ],
            "enablers": [
                (
                    "participation",
                    "Hohe Motivation der Teilnehmenden; die Werkstatt war im Stadtteil bekannt und beliebt.",
                ),
            ],
            "actuals": {"Teilnehmende pro Jahr": "11", "Übergänge in Ausbildung oder Arbeit": "2"},
        },
    },
    # --- AG Inklusion -------------------------------------------------------------
    {
        "key": "barrierefreie_beratung",
        "group": "inklusion",
        "fields": dict(
            title="Barrierefreie Beratungsstellen: Begehung und Maßnahmenplan",
            description=(
                "Ausgangslage: Viele Beratungsstellen von Stadt und Trägern sind für Menschen mit Behinderung nur "
                "eingeschränkt zugänglich: Stufen am Eingang, fehlende Leitsysteme, keine Informationen in "
                "Leichter Sprache.\n\n"
                "Vorhaben: Menschen mit Behinderung begehen gemeinsam mit Fachleuten alle 28 Beratungsstellen im "
                "Sozialbereich und erstellen eine Mängelliste. Daraus entsteht ein Maßnahmenplan mit Kosten und "
                "Prioritäten; kleine Maßnahmen (Rampen, Klingeln, Beschilderung, Leichte Sprache) werden sofort "
                "umgesetzt."
            ),
            goal=(
                "Alle Beratungsstellen im Sozialbereich sind bis Ende 2025 begangen; für jede liegt ein "
                "Maßnahmenplan vor, kleine Mängel sind behoben."
            ),
            target_group="Menschen mit Mobilitäts-, Seh-, Hör- oder kognitiven Beeinträchtigungen",
            district="gesamtstädtisch",
            lead="Fachbereich Soziales und Senioren (Inklusionsbeauftragte)",
            partners="Lebenshilfe Lindenau, Der Paritätische Lindenau, Behindertenbeirat, Gebäudemanagement",
            timeframe="10/2024 bis 12/2025",
            cost="ca. 20.000 € für Begehungen und Sofortmaßnahmen; größere Umbauten gesondert",
            funding="Haushalt Fachbereich Soziales und Senioren; gesichert",
            indicators="Begangene Beratungsstellen (Ziel: 28); behobene kleine Mängel (Ziel: 80 %)",
        ),
        "details": (
            "fb_soziales",
            ["lebenshilfe", "paritaet"],
            20000,
            True,
            [("Begangene Beratungsstellen", "Anzahl", "0", "28"), ("Behobene kleine Mängel", "%", "0", "80")],
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-10-14", "Begehungsteams mit Lebenshilfe und Behindertenbeirat gebildet."),
            "progress": [
                (
                    "2025-05-12",
                    60,
                    "19 Beratungsstellen begangen.",
                    {"Begangene Beratungsstellen": "19", "Behobene kleine Mängel": "45"},
                ),
            ],
            "outcome": ("2025-12-12", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Alle 28 Beratungsstellen sind begangen, der Maßnahmenplan liegt vor. Die meisten kleinen Mängel "
                "sind behoben; für Aufzüge und Umbauten fehlen Investitionsmittel."
            ),
            "obstacles": [
                (
                    "funding",
                    "Für größere Umbauten (Aufzug im Sozialamt, Rampe am Rathaus Altstadt) fehlen Investitionsmittel.",
                ),
                ("legal", "Auflagen des Denkmalschutzes verhindern schnelle Lösungen am Rathaus Altstadt."),
            ],
            "enablers": [
                (
                    "participation",
                    "Begehungen durch Menschen mit Behinderung selbst haben Mängel sichtbar gemacht, "
                    "die Fachleute übersehen hatten.",
                ),
                ("cooperation", "Das Gebäudemanagement hat Sofortmaßnahmen unbürokratisch umgesetzt."),
            ],
            "actuals": {"Begangene Beratungsstellen": "28", "Behobene kleine Mängel": "76"},
        },
    },
    {
        "key": "inklusive_ferien",
        "group": "inklusion",
        "fields": dict(
            title="Inklusive Ferienfreizeiten für Kinder mit und ohne Behinderung",
            description=(
                "Ausgangslage: Kinder mit Behinderung nehmen selten an den Ferienangeboten der Jugendförderung "
                "teil, weil Assistenz und barrierefreie Orte fehlen. Eltern berichten von langen Sommerferien "
                "ohne Betreuung.\n\n"
                "Vorhaben: Zwei der sechs städtischen Ferienfreizeiten werden inklusiv geplant: mit zusätzlichen "
                "Assistenzkräften, barrierefreien Unterkünften und geschulten Betreuerinnen und Betreuern. Die "
                "Lebenshilfe berät und stellt Fachpersonal."
            ),
            goal="Mindestens 25 Kinder mit Behinderung pro Jahr nehmen an Ferienfreizeiten teil.",
            target_group="Kinder von 6 bis 14 Jahren mit und ohne Behinderung",
            district="gesamtstädtisch",
            lead="Lebenshilfe Lindenau e. V.",
            partners="Fachbereich Kinder, Jugend und Familie (Jugendförderung), Stadtjugendring Lindenau",
            timeframe="Sommerferien 2024 und 2025",
            cost="ca. 28.000 € jährlich (Assistenzkräfte, Schulungen, Mehrkosten Unterkunft)",
            funding="Haushalt Jugendförderung, Förderung durch die Aktion Mensch (bewilligt)",
            indicators="Teilnehmende Kinder mit Behinderung pro Jahr (2023: 4, Ziel: 25)",
        ),
        "details": (
            "lebenshilfe",
            ["fb_jugend", "jugendring"],
            28000,
            True,
            [("Teilnehmende Kinder mit Behinderung", "Kinder", "4", "25")],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2024-06-10", "Assistenzkräfte für die Sommerferien 2024 gewonnen und geschult."),
            "progress": [
                (
                    "2024-09-02",
                    50,
                    "Zwei inklusive Freizeiten im Sommer 2024 mit 17 Kindern mit Behinderung.",
                    {"Teilnehmende Kinder mit Behinderung": "17"},
                ),
            ],
            "outcome": ("2025-09-08", "implemented", ""),
        },
        # not evaluated yet: the AG Inklusion evaluates it in the afternoon session
    },
    # --- AG Familie ---------------------------------------------------------------
    {
        "key": "familiengrundschulzentrum",
        "group": "familie",
        "fields": dict(
            title="Familiengrundschulzentrum an der Grundschule am Lindenplatz",
            description=(
                "Ausgangslage: Das Familienzentrum Regenbogen erreicht Eltern im Kita-Alter gut; nach dem "
                "Schuleintritt bricht der Kontakt meist ab. Die Grundschule am Lindenplatz hat kaum Zugang zu "
                "Eltern, die selbst schlechte Erfahrungen mit Schule gemacht haben.\n\n"
                "Vorhaben: Aufbau eines Familiengrundschulzentrums mit einer Koordinationskraft: Elterncafé, "
                "Beratungssprechstunden, Familienbildung und Ferienangebote an der Schule, gemeinsam mit dem "
                "Familienzentrum."
            ),
            goal=(
                "Eltern von Grundschulkindern in der Nordstadt nutzen Beratung und Familienbildung an der Schule; "
                "die Zusammenarbeit zwischen Eltern und Schule verbessert sich."
            ),
            target_group="Eltern und Kinder der Grundschule am Lindenplatz",
            district="Nordstadt",
            lead="Fachbereich Kinder, Jugend und Familie",
            partners=(
                "Familienzentrum Regenbogen, Grundschule am Lindenplatz, AWO Kreisverband Lindenau "
                "(Anstellungsträger), Caritasverband Lindenau (Erziehungsberatung)"
            ),
            timeframe="01/2025 bis 12/2026",
            cost="ca. 60.000 € jährlich (1,0 Stelle Koordination, Sachmittel)",
            funding=(
                "Landesförderung Familiengrundschulzentren NRW (anteilig), Eigenanteil Fachbereich Kinder, Jugend "
                "und Familie"
            ),
            indicators="Eltern mit regelmäßiger Teilnahme (Ziel: 60); Beratungskontakte pro Schuljahr (Ziel: 150)",
        ),
        "details": (
            "fb_jugend",
            ["fz_regenbogen", "gs_lindenplatz", "awo", "caritas"],
            60000,
            True,
            [
                ("Eltern mit regelmäßiger Teilnahme", "Eltern", "0", "60"),
                ("Beratungskontakte pro Schuljahr", "Kontakte", "0", "150"),
            ],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2025-01-13", "Koordinationsstelle ausgeschrieben; Elterncafé startet mit Honorarkraft."),
            "progress": [
                (
                    "2025-07-07",
                    30,
                    "Koordinationsstelle seit Juni besetzt.",
                    {"Eltern mit regelmäßiger Teilnahme": "18", "Beratungskontakte pro Schuljahr": "41"},
                ),
                (
                    "2026-04-20",
                    55,
                    "Elterncafé wöchentlich, Erziehungsberatung vierzehntägig an der Schule.",
                    {"Eltern mit regelmäßiger Teilnahme": "37", "Beratungskontakte pro Schuljahr": "96"},
                ),
            ],
        },
        "evaluation": {
            "progress": 55,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Das Familiengrundschulzentrum kommt nach schwierigem Start in Gang. Es braucht einen eigenen "
                "Raum und eine gesicherte Finanzierung über 2026 hinaus."
            ),
            "obstacles": [
                (
                    "premises",
                    "Die Grundschule hat keinen eigenen Raum für das Elterncafé; es findet im Lehrerzimmer statt.",
                ),
                ("staff", "Die Koordinationsstelle war sechs Monate unbesetzt."),
                (
                    "funding",
                    "Die Landesförderung deckt nur die Hälfte der Stelle; der Eigenanteil musste umgeschichtet werden.",
                ),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Schulleitung und Familienzentrum planen gemeinsam; Lehrkräfte laden Eltern persönlich ein.",
                ),
            ],
            "actuals": {"Eltern mit regelmäßiger Teilnahme": "37", "Beratungskontakte pro Schuljahr": "96"},
        },
    },
    {
        "key": "kita_platzsuche",
        "group": "familie",
        "fields": dict(
            title="Elternbegleitung bei der Kita-Platzsuche",
            description=(
                "Ausgangslage: Familien ohne Deutschkenntnisse und Familien, die neu nach Lindenau ziehen, finden "
                "sich im Kita-Navigator kaum zurecht und melden ihre Kinder zu spät an."
            ),
            goal="Familien melden ihre Kinder rechtzeitig für einen Kita-Platz an.",
            target_group="neu zugezogene Familien und Familien mit geringen Deutschkenntnissen",
        ),
        "plenary": "lapsed",
    },
    # --- AG Sucht und Prävention ---------------------------------------------------
    {
        "key": "peer_praevention",
        "group": "sucht",
        "fields": dict(
            title="Peer-Projekt „Durchblick“: Suchtprävention in allen 7. Klassen",
            description=(
                "Ausgangslage: Schülerinnen und Schüler probieren Alkohol, Nikotin (auch E-Zigaretten) und "
                "Cannabis immer früher aus. Präventionsangebote an Schulen sind bislang zufällig verteilt und "
                "hängen vom Engagement einzelner Lehrkräfte ab.\n\n"
                "Vorhaben: Alle 7. Klassen der weiterführenden Schulen erhalten einen Präventionstag mit "
                "Fachkräften der Drogenhilfe. Ältere Schülerinnen und Schüler werden als Peers geschult und "
                "gestalten Module mit. Lehrkräfte erhalten eine Fortbildung zur Frühintervention."
            ),
            goal=(
                "Jede Schülerin und jeder Schüler erhält in Klasse 7 ein Präventionsangebot; Frühintervention an "
                "Schulen ist verbindlich geregelt."
            ),
            target_group="Schülerinnen und Schüler der Klasse 7 an allen weiterführenden Schulen, Lehrkräfte",
            district="gesamtstädtisch",
            lead="Drogenhilfe Lindenau e. V. (Fachstelle Suchtprävention)",
            partners="Gesundheitsamt, Gesamtschule Lindenau-Süd und weitere weiterführende Schulen, Schulsozialarbeit",
            timeframe="Schuljahre 2024/25 und 2025/26",
            cost="ca. 30.000 € jährlich (Honorare, Material, Schulungen)",
            funding="Haushalt Gesundheitsamt (Suchtprävention), Zuschuss der Sparkassenstiftung",
            indicators="Erreichte 7. Klassen pro Schuljahr (2023: 6, Ziel: 24); geschulte Peers (Ziel: 30)",
        ),
        "details": (
            "drogenhilfe",
            ["gesundheitsamt", "gesamtschule"],
            30000,
            True,
            [("Erreichte 7. Klassen pro Schuljahr", "Klassen", "6", "24"), ("Geschulte Peers", "Personen", "0", "30")],
        ),
        "committee": {"to": "jha", "decision": "approved"},
        "implementation": {
            "start": ("2024-08-26", "Präventionskalender mit allen Schulleitungen abgestimmt."),
            "progress": [
                (
                    "2025-01-13",
                    40,
                    "Erste Präventionstage; 14 Peers geschult.",
                    {"Erreichte 7. Klassen pro Schuljahr": "11", "Geschulte Peers": "14"},
                ),
                (
                    "2025-07-14",
                    80,
                    "Schuljahr 2024/25 abgeschlossen.",
                    {"Erreichte 7. Klassen pro Schuljahr": "22", "Geschulte Peers": "27"},
                ),
            ],
            "outcome": ("2026-06-26", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": (
                "Im Schuljahr 2025/26 wurden alle 24 siebten Klassen erreicht. Die Peers kommen bei den Jüngeren "
                "gut an; Lehrkräfte wünschen sich mehr Fortbildung zur Frühintervention."
            ),
            "obstacles": [
                ("staff", "Die Fachstelle Suchtprävention hat nur 1,5 Stellen für alle Schulen."),
                ("other", "Präventionstage konkurrieren mit Prüfungen und Fachunterricht; Termine sind knapp."),
                ("funding", "Die Honorarmittel reichten im ersten Jahr nur für 22 der 24 Klassen."),
            ],
            "enablers": [
                ("cooperation", "Verbindlicher Präventionskalender mit allen Schulleitungen."),
                ("participation", "Peers erreichen die Jüngeren besser als Erwachsene."),
            ],
            "actuals": {"Erreichte 7. Klassen pro Schuljahr": "24", "Geschulte Peers": "31"},
        },
    },
    {
        "key": "kontaktladen",
        "group": "sucht",
        "fields": dict(
            title="Niedrigschwelliger Kontaktladen mit Sozialberatung in der Altstadt",
            description=(
                "Ausgangslage: Im Bahnhofsumfeld und in der Altstadt halten sich täglich 40 bis 60 suchtkranke "
                "Menschen auf. Es gibt keinen Ort, an dem sie sich aufhalten, waschen und beraten lassen können; "
                "Konsum im öffentlichen Raum führt zu Konflikten mit Anwohnenden und Geschäftsleuten.\n\n"
                "Vorhaben: Die Drogenhilfe eröffnet einen Kontaktladen mit Aufenthaltsbereich, Spritzentausch, "
                "Duschen, Sozialberatung und medizinischer Sprechstunde an fünf Tagen pro Woche."
            ),
            goal=(
                "Suchtkranke Menschen erhalten einen geschützten Anlaufpunkt und Zugang zu Beratung und "
                "Gesundheitsversorgung; Konsum und Konflikte im öffentlichen Raum nehmen ab."
            ),
            target_group="suchtkranke, oft wohnungslose Erwachsene im Bahnhofsumfeld und in der Altstadt",
            district="Altstadt",
            lead="Drogenhilfe Lindenau e. V.",
            partners="Gesundheitsamt, Diakonisches Werk Lindenau (Wohnungslosenhilfe)",
            timeframe="2024 bis 2026",
            cost="ca. 150.000 € jährlich (2,5 Stellen, Miete, Sachkosten) zzgl. einmalig 40.000 € Umbau",
            funding="Landesförderung Suchthilfe (ca. 40 %), Haushalt Gesundheitsamt",
            indicators=(
                "Besuche pro Öffnungstag (Ziel: 35); Vermittlungen in Entgiftung, Substitution oder Wohnhilfe "
                "(Ziel: 50 pro Jahr)"
            ),
        ),
        "details": (
            "drogenhilfe",
            ["gesundheitsamt", "diakonie"],
            150000,
            False,
            [
                ("Besuche pro Öffnungstag", "Besuche", "0", "35"),
                ("Vermittlungen in weiterführende Hilfen", "pro Jahr", "0", "50"),
            ],
        ),
        "plenary": "returned_readopted",
        "reason": (
            "Das Plenum verweist den Vorschlag zurück: Standortkriterien und die Beteiligung der Nachbarschaft "
            "sollen konkretisiert werden, bevor die Konferenz abstimmt."
        ),
        "revision": dict(
            description=(
                "Ausgangslage: Im Bahnhofsumfeld und in der Altstadt halten sich täglich 40 bis 60 suchtkranke "
                "Menschen auf. Es gibt keinen Ort, an dem sie sich aufhalten, waschen und beraten lassen können; "
                "Konsum im öffentlichen Raum führt zu Konflikten mit Anwohnenden und Geschäftsleuten.\n\n"
                "Vorhaben: Die Drogenhilfe eröffnet einen Kontaktladen mit Aufenthaltsbereich, Spritzentausch, "
                "Duschen, Sozialberatung und medizinischer Sprechstunde an fünf Tagen pro Woche.\n\n"
                "Standort und Nachbarschaft: Der Kontaktladen liegt fußläufig zum Bahnhof, aber nicht in direkter "
                "Nachbarschaft zu Schulen und Kitas. Vor der Eröffnung werden Anwohnende und Geschäftsleute in "
                "einem Nachbarschaftsdialog beteiligt; ein Beirat mit Polizei, Ordnungsamt und Anwohnenden "
                "begleitet den Betrieb."
            ),
            partners=(
                "Gesundheitsamt, Diakonisches Werk Lindenau (Wohnungslosenhilfe), Ordnungsamt, Polizei "
                "(Bezirksdienst), Werbegemeinschaft Altstadt"
            ),
        ),
        "committee": {"to": "soza", "decision": "approved"},
        "implementation": {
            "start": ("2024-06-03", "Standortsuche mit der Wirtschaftsförderung begonnen."),
            "progress": [
                ("2024-11-18", 15, "Zwei Objekte sind an Einwänden der Eigentümer gescheitert."),
                (
                    "2025-08-25",
                    30,
                    "Mietvertrag für ein ehemaliges Ladenlokal in der Bahnhofstraße unterzeichnet; "
                    "Bauantrag für die Nutzungsänderung gestellt.",
                ),
                (
                    "2026-09-28",
                    45,
                    "Eröffnung am 14.09.2026 nach Umbau; der Nachbarschaftsbeirat hat zweimal getagt.",
                    {"Besuche pro Öffnungstag": "22"},
                ),
            ],
        },
        "evaluation": {
            "progress": 45,
            "verdict": "adapt",
            "rating": 3,
            "summary": (
                "Der Kontaktladen ist seit September 2026 geöffnet und wird angenommen. Zwei Jahre gingen für "
                "Standortsuche und Genehmigung verloren; die AG empfiehlt, die Laufzeit zu verlängern."
            ),
            "obstacles": [
                ("premises", "Die Standortsuche dauerte 14 Monate; mehrere Eigentümer lehnten ab."),
                ("legal", "Das Genehmigungsverfahren für die Nutzungsänderung zog sich über neun Monate."),
                ("participation", "Widerstand einzelner Anwohnender und Geschäftsleute bei den ersten Standorten."),
            ],
            "enablers": [
                ("cooperation", "Der Nachbarschaftsbeirat mit Polizei und Ordnungsamt hat Vertrauen geschaffen."),
                ("funding", "Die Landesförderung wurde trotz der Verzögerung verlängert."),
            ],
            "actuals": {"Besuche pro Öffnungstag": "22", "Vermittlungen in weiterführende Hilfen": "6"},
        },
    },
    # --- AG Quartiersentwicklung ---------------------------------------------------
    {
        "key": "stadtteilbuero_suedfeld",
        "group": "quartier",
        "fields": dict(
            title="Stadtteilbüro Südfeld mit Quartiersmanagement",
            description=(
                "Ausgangslage: Südfeld ist seit 2023 Fördergebiet im Städtebauförderprogramm „Sozialer "
                "Zusammenhalt“. Für die Umsetzung des Integrierten Handlungskonzepts fehlt eine Anlaufstelle vor "
                "Ort, die Bewohnerschaft, Vereine und Verwaltung zusammenbringt.\n\n"
                "Vorhaben: Ein Stadtteilbüro im Einkaufszentrum Südfeld mit externem Quartiersmanagement "
                "(1,5 Stellen) organisiert Bewohnerbeteiligung, betreut den Verfügungsfonds und vernetzt die "
                "Einrichtungen im Stadtteil."
            ),
            goal=(
                "Die Bewohnerschaft von Südfeld ist an der Umsetzung des Integrierten Handlungskonzepts beteiligt; "
                "die Einrichtungen im Stadtteil arbeiten abgestimmt."
            ),
            target_group="Bewohnerinnen und Bewohner, Vereine, Einrichtungen und Gewerbetreibende in Südfeld",
            district="Südfeld",
            lead="Fachbereich Stadtplanung und Wohnen (Stadterneuerung)",
            partners=(
                "Der Paritätische Lindenau, AWO Kreisverband Lindenau, Lindenauer Wohnungsbaugesellschaft, "
                "Gesamtschule Lindenau-Süd"
            ),
            timeframe="2024 bis 2027",
            cost="ca. 95.000 € jährlich (Quartiersmanagement, Miete, Sachkosten)",
            funding="Städtebauförderung „Sozialer Zusammenhalt“ (60 % Bund und Land), Eigenanteil 40 %",
            indicators=(
                "Öffnungsstunden des Stadtteilbüros pro Woche (Ziel: 20); Teilnehmende an Beteiligungsformaten pro "
                "Jahr (Ziel: 300)"
            ),
        ),
        "details": (
            "fb_stadtplanung",
            ["paritaet", "awo", "lwg", "gesamtschule"],
            95000,
            True,
            [
                ("Öffnungsstunden pro Woche", "Stunden", "0", "20"),
                ("Teilnehmende an Beteiligungsformaten", "pro Jahr", "0", "300"),
            ],
        ),
        "committee": {"to": "stea", "decision": "approved"},
        "implementation": {
            "start": ("2024-07-01", "Quartiersmanagement ausgeschrieben; Förderantrag gestellt."),
            "progress": [
                (
                    "2025-05-05",
                    40,
                    "Förderbescheid im Februar 2025 eingegangen; Stadtteilbüro am 01.04.2025 eröffnet.",
                    {"Öffnungsstunden pro Woche": "16", "Teilnehmende an Beteiligungsformaten": "85"},
                ),
                (
                    "2026-05-11",
                    75,
                    "Stadtteilbüro voll in Betrieb; zweite Stadtteilkonferenz Südfeld durchgeführt.",
                    {"Öffnungsstunden pro Woche": "20", "Teilnehmende an Beteiligungsformaten": "340"},
                ),
            ],
        },
        # not evaluated yet: the AG Quartiersentwicklung evaluates it in the afternoon session
    },
    {
        "key": "verfuegungsfonds",
        "group": "quartier",
        "fields": dict(
            title="Verfügungsfonds Nordstadt für Nachbarschaftsprojekte",
            description=(
                "Ausgangslage: Bewohnerinnen und Bewohner der Nordstadt haben viele Ideen für ihr Viertel – "
                "Straßenfeste, Gemeinschaftsgärten, Sprachcafés –, scheitern aber an kleinen Beträgen und "
                "aufwendigen Anträgen.\n\n"
                "Vorhaben: Ein Verfügungsfonds von 30.000 € jährlich fördert Nachbarschaftsprojekte mit bis zu "
                "2.500 €. Über die Vergabe entscheidet eine Jury aus Bewohnerinnen und Bewohnern; das "
                "Quartiersmanagement berät bei Antrag und Abrechnung."
            ),
            goal="Mindestens 20 Nachbarschaftsprojekte pro Jahr, getragen von Bewohnerinnen und Bewohnern",
            target_group="Bewohnerinnen und Bewohner, Initiativen und Vereine der Nordstadt",
            district="Nordstadt",
            lead="Quartiersmanagement Nordstadt",
            partners="Fachbereich Stadtplanung und Wohnen, Bewohnerjury Nordstadt",
            timeframe="2024 bis 2025",
            cost="30.000 € jährlich",
            funding="Städtebauförderung „Sozialer Zusammenhalt“ (Verfügungsfonds), Eigenanteil der Stadt",
            indicators=("Geförderte Projekte pro Jahr (Ziel: 20); beteiligte Bewohnerinnen und Bewohner (Ziel: 500)"),
        ),
        "details": (
            "qm_nordstadt",
            ["fb_stadtplanung"],
            30000,
            True,
            [
                ("Geförderte Projekte pro Jahr", "Projekte", "0", "20"),
                ("Beteiligte Bewohnerinnen und Bewohner", "Personen", "0", "500"),
            ],
        ),
        "committee": {"to": "stea", "decision": "approved"},
        "implementation": {
            "start": ("2024-07-08", "Bewohnerjury gewählt; erste Vergaberunde im September."),
            "progress": [
                (
                    "2025-01-20",
                    50,
                    "17 Projekte gefördert, darunter drei Hofgärten und ein Sprachcafé.",
                    {"Geförderte Projekte pro Jahr": "17", "Beteiligte Bewohnerinnen und Bewohner": "430"},
                ),
            ],
            "outcome": ("2025-12-31", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "continue",
            "rating": 5,
            "summary": (
                "Der Fonds wirkt weit über die Fördersummen hinaus: 23 Projekte 2025, viele neue Engagierte. Die "
                "Nordstadt läuft Ende 2026 aus der Städtebauförderung aus; der Fonds braucht eine neue Grundlage."
            ),
            "obstacles": [
                (
                    "legal",
                    "Das Zuwendungsrecht verlangt Belege und Verwendungsnachweise, die Ehrenamtliche überfordern.",
                ),
                ("funding", "Nach dem Ende der Städtebauförderung Ende 2026 ist die Finanzierung offen."),
            ],
            "enablers": [
                ("participation", "Die Bewohnerjury entscheidet selbst; das schafft Vertrauen und Engagement."),
                ("cooperation", "Das Quartiersmanagement übernimmt Abrechnung und Beratung."),
            ],
            "actuals": {"Geförderte Projekte pro Jahr": "23", "Beteiligte Bewohnerinnen und Bewohner": "610"},
        },
    },
    {
        "key": "sozialmonitoring",
        "group": "quartier",
        "fields": dict(
            title="Kleinräumiges Sozialmonitoring für die 18 Sozialräume",
            description=(
                "Ausgangslage: Soziale Daten liegen in Lindenau nur für die vier Stadtbezirke vor. Unterschiede "
                "innerhalb der Bezirke – etwa zwischen dem Lindenplatz-Viertel und dem Villenviertel der Nordstadt "
                "– bleiben unsichtbar; Planungen und Förderanträge stützen sich auf Schätzungen.\n\n"
                "Vorhaben: Die Sozialplanung baut ein jährliches Sozialmonitoring für 18 Sozialräume auf "
                "(Bevölkerung, Leistungsbezug, Kinderarmut, Bildung, Gesundheit, Wohnen) und veröffentlicht es als "
                "Bericht und interaktive Karte. Es dient der Sozialkonferenz als Grundlage der Evaluierung."
            ),
            goal=(
                "Planungen, Förderanträge und die Sozialkonferenz stützen sich auf kleinräumige, jährlich "
                "aktualisierte Daten."
            ),
            target_group="Verwaltung, Politik, freie Träger und Öffentlichkeit",
            district="gesamtstädtisch (18 Sozialräume)",
            lead="Fachbereich Soziales und Senioren (Sozialplanung)",
            partners=(
                "Fachbereich Stadtplanung und Wohnen (Statistikstelle), Fachbereich Kinder, Jugend und Familie "
                "(Jugendhilfeplanung), Jobcenter Lindenau"
            ),
            timeframe="07/2024 bis 03/2025, danach jährliche Fortschreibung",
            cost="ca. 25.000 € einmalig (Software, Kartendienst), danach ca. 5.000 € jährlich",
            funding="Haushalt Fachbereich Soziales und Senioren; gesichert",
            indicators=(
                "Sozialräume mit vollständigem Datensatz (Ziel: 18); veröffentlichte Monitoringberichte (Ziel: "
                "jährlich ab 2025)"
            ),
        ),
        "details": (
            "fb_soziales",
            ["fb_stadtplanung", "fb_jugend", "jobcenter"],
            25000,
            True,
            [
                ("Sozialräume mit vollständigem Datensatz", "Anzahl", "0", "18"),
                ("Veröffentlichte Monitoringberichte", "Anzahl", "0", "2"),
            ],
        ),
        "committee": {"to": "rat", "decision": "approved"},
        "implementation": {
            "start": (
                "2024-07-15",
                "Datenlieferungen mit Statistikstelle, Jugendhilfeplanung und Jobcenter vereinbart.",
            ),
            "progress": [
                (
                    "2024-12-09",
                    60,
                    "Datensätze für alle 18 Sozialräume vollständig; Bericht in Abstimmung.",
                    {"Sozialräume mit vollständigem Datensatz": "18", "Veröffentlichte Monitoringberichte": "0"},
                ),
            ],
            "outcome": ("2025-03-27", "implemented", ""),
        },
        "evaluation": {
            "progress": 100,
            "verdict": "end",
            "rating": 5,
            "summary": (
                "Das Sozialmonitoring ist als Regelaufgabe der Sozialplanung verankert; der zweite Bericht erschien "
                "im März 2026. Als Maßnahme der Konferenz ist es abgeschlossen."
            ),
            "obstacles": [
                (
                    "legal",
                    "Daten des Jobcenters durften erst nach einer Vereinbarung zur Datenübermittlung "
                    "kleinräumig genutzt werden.",
                ),
            ],
            "enablers": [
                (
                    "cooperation",
                    "Statistikstelle, Jugendhilfeplanung und Jobcenter liefern ihre Daten nach festem Kalender.",
                ),
                ("demand", "Träger nutzen die Daten für Förderanträge; der Bericht wird stark nachgefragt."),
            ],
            "actuals": {"Sozialräume mit vollständigem Datensatz": "18", "Veröffentlichte Monitoringberichte": "2"},
        },
    },
]
