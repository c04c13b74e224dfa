"""The demo's four district series (Stadtbezirkskonferenzen) of Stadt Lindenau.

Read by ``server.demo``; keys of organisations, people and committees refer to ``server.demo_data``.
"""

from __future__ import annotations

from typing import Any

# --- the district series (Stadtbezirkskonferenzen) -----------------------------------
#
# One series per district, organised by an organisation team of the youth
# department: a conference in 2025 (closed, minutes published, measures decided)
# and the next one in December 2026 (prepared or scheduled).

DISTRICT_SERIES: list[dict[str, Any]] = [
    {
        "district": "Nordstadt",
        "series": "Stadtbezirkskonferenz Nordstadt",
        "2025": {
            "key": "nordstadt2025",
            "title": "Stadtbezirkskonferenz Nordstadt 2025",
            "cycle": "2025",
            "starts_on": "2025-03-20",
            "venue": "Bürgerzentrum Nordstadt, Lindenplatz 7",
            "organiser": "lorenz",
            "reporter": "lorenz",
            "scheduled": "2024-12-02",
            "focus_topic": ("2025-01-14", "Kinder und Jugendliche im öffentlichen Raum der Nordstadt"),
            "agenda": (
                "2025-01-14",
                [
                    "Begrüßung und Vorstellungsrunde",
                    "Sozialdaten Nordstadt: Ergebnisse des Sozialmonitorings",
                    "Arbeitsgruppen: Anliegen und Maßnahmen",
                    "Vorstellung der Ergebnisse und Verabredungen",
                    "Organisatorisches: nächste Konferenz, Bericht an die Bezirksvertretung",
                ],
            ),
            "groups_formed": "2025-02-04",
            "groups": [
                (
                    "schule_jugendhilfe",
                    "Schule und Jugendhilfe",
                    "Zusammenarbeit von Grundschule, OGS und ASD",
                    ["weber"],
                    ["sommer", "wolff", "demir"],
                ),
                (
                    "offene_arbeit",
                    "Offene Kinder- und Jugendarbeit",
                    "Treffpunkte und Freiflächen für Kinder und Jugendliche",
                    ["hermann"],
                    ["wagner", "aksoy", "schwarz"],
                ),
                (
                    "fruehe_hilfen",
                    "Frühe Hilfen und Familienzentren",
                    "Familien mit kleinen Kindern erreichen",
                    ["hahn"],
                    ["berger", "fuchs"],
                ),
            ],
            "invited": (
                "2025-02-11",
                [
                    "gs_lindenplatz",
                    "fz_regenbogen",
                    "qm_nordstadt",
                    "caritas",
                    "awo",
                    "fb_jugend",
                    "gesundheitsamt",
                    "jugendring",
                    "drk",
                ],
            ),
            "prepared": "2025-03-04",
            "minutes": (
                "2025-04-08",
                "lorenz",
                "Protokoll der Stadtbezirkskonferenz Nordstadt am 20.03.2025\n\n"
                "34 Teilnehmende aus Schulen, Kitas, Familienzentrum, Jugendhilfe, Gesundheitsamt und "
                "Quartiersmanagement. Nach dem Bericht aus dem Sozialmonitoring arbeiteten drei Arbeitsgruppen. "
                "Verabschiedet wurden drei Maßnahmen: die Öffnung des Schulhofs am Lindenplatz als Spielfläche, "
                "eine gemeinsame Sprechstunde von ASD und Schulsozialarbeit sowie Babybegrüßungsbesuche mit "
                "Einladung ins Familienzentrum. Die Maßnahmen werden der Bezirksvertretung und dem "
                "Jugendhilfeausschuss vorgelegt. Nächste Konferenz: Ende 2026.",
            ),
            "committee_meetings": {"bv_nordstadt": ("2025-04-17", "2025-05-08"), "jha": ("2025-04-17", "2025-06-03")},
            "papers": ("V/2025/", 287),
            "measures": [
                {
                    "key": "schulhof_lindenplatz",
                    "group": "offene_arbeit",
                    "fields": dict(
                        title="Schulhof der Grundschule am Lindenplatz nachmittags als Spielfläche öffnen",
                        description=(
                            "Ausgangslage: Im Lindenplatz-Viertel fehlen Spielflächen; der einzige Spielplatz ist "
                            "abends oft Treffpunkt Erwachsener. Der Schulhof ist ab 16 Uhr verschlossen.\n\n"
                            "Vorhaben: Der Schulhof wird werktags von 16 bis 19 Uhr und samstags geöffnet. "
                            "Spielmobil des Stadtjugendrings zweimal pro Woche; Auf- und Abschluss durch "
                            "Honorarkräfte aus der Nachbarschaft."
                        ),
                        goal="Kinder im Lindenplatz-Viertel haben nachmittags einen sicheren Ort zum Spielen.",
                        target_group="Kinder von 6 bis 12 Jahren im Lindenplatz-Viertel",
                        district="Nordstadt (Lindenplatz-Viertel)",
                        lead="Fachbereich Kinder, Jugend und Familie (Jugendförderung)",
                        partners="Grundschule am Lindenplatz, Stadtjugendring Lindenau, Quartiersmanagement Nordstadt",
                        timeframe="ab 05/2025",
                        cost="ca. 9.000 € jährlich (Honorare, Spielmaterial)",
                        funding="Bezirksbudget Nordstadt; gesichert",
                        indicators="Öffnungstage pro Woche (Ziel: 6); Kinder pro Nachmittag (Ziel: 25)",
                    ),
                    "details": (
                        "fb_jugend",
                        ["gs_lindenplatz", "jugendring", "qm_nordstadt"],
                        9000,
                        True,
                        [("Öffnungstage pro Woche", "Tage", "0", "6"), ("Kinder pro Nachmittag", "Kinder", "0", "25")],
                    ),
                    "committee": {"to": "bv_nordstadt", "decision": "approved"},
                    "implementation": {
                        "start": ("2025-05-19", "Schulhof ab 02.06.2025 geöffnet."),
                        "progress": [
                            (
                                "2025-09-01",
                                80,
                                "Gut angenommen; im Sommer bis zu 40 Kinder pro Nachmittag.",
                                {"Öffnungstage pro Woche": "6", "Kinder pro Nachmittag": "31"},
                            ),
                        ],
                        "outcome": ("2025-10-06", "implemented", ""),
                    },
                },
                {
                    "key": "sprechstunde_asd",
                    "group": "schule_jugendhilfe",
                    "fields": dict(
                        title="Gemeinsame Sprechstunde von ASD und Schulsozialarbeit an der Grundschule am Lindenplatz",
                        description=(
                            "Ausgangslage: Lehrkräfte und Schulsozialarbeit wissen bei Sorgen um ein Kind oft "
                            "nicht, wann und wie sie den Allgemeinen Sozialen Dienst einbeziehen sollen. Eltern "
                            "scheuen den Weg ins Jugendamt.\n\n"
                            "Vorhaben: Eine Fachkraft des ASD bietet vierzehntägig gemeinsam mit der "
                            "Schulsozialarbeit eine offene Sprechstunde in der Schule an, für Eltern und für "
                            "Lehrkräfte (anonyme Fallberatung)."
                        ),
                        goal="Hilfen für Kinder setzen früher ein; Eltern erleben den ASD als Unterstützung.",
                        target_group="Eltern, Lehrkräfte und OGS-Fachkräfte der Grundschule am Lindenplatz",
                        district="Nordstadt",
                        lead="Fachbereich Kinder, Jugend und Familie (ASD Nordstadt)",
                        partners="Grundschule am Lindenplatz, Schulsozialarbeit, Caritasverband (OGS-Träger)",
                        timeframe="ab Schuljahr 2025/26",
                        cost="keine zusätzlichen Kosten (Arbeitszeit ASD)",
                        funding="im Rahmen der vorhandenen Stellen",
                        indicators="Sprechstunden pro Schuljahr (Ziel: 18); Beratungskontakte (Ziel: 60)",
                    ),
                    "details": (
                        "fb_jugend",
                        ["gs_lindenplatz", "caritas"],
                        0,
                        True,
                        [
                            ("Sprechstunden pro Schuljahr", "Termine", "0", "18"),
                            ("Beratungskontakte", "Kontakte", "0", "60"),
                        ],
                    ),
                    "committee": {"to": "jha", "decision": "approved"},
                    "implementation": {
                        "start": ("2025-08-18", "Erste Sprechstunde nach den Sommerferien."),
                        "progress": [
                            (
                                "2026-02-09",
                                50,
                                "Sprechstunde gut angenommen, vor allem von Lehrkräften.",
                                {"Sprechstunden pro Schuljahr": "9", "Beratungskontakte": "34"},
                            ),
                        ],
                    },
                },
                {
                    "key": "babybegruessung",
                    "group": "fruehe_hilfen",
                    "fields": dict(
                        title="Babybegrüßungsbesuche in der Nordstadt mit Einladung ins Familienzentrum",
                        description=(
                            "Ausgangslage: Viele Familien mit Neugeborenen in der Nordstadt kennen die Angebote des "
                            "Familienzentrums und der Frühen Hilfen nicht.\n\n"
                            "Vorhaben: Alle Familien mit Neugeborenen erhalten ein Besuchsangebot der Frühen Hilfen "
                            "mit Begrüßungspaket und persönlicher Einladung ins Elterncafé des Familienzentrums."
                        ),
                        goal="Vier von fünf Familien mit Neugeborenen nehmen den Besuch an.",
                        target_group="Familien mit Neugeborenen in der Nordstadt",
                        district="Nordstadt",
                        lead="Fachbereich Kinder, Jugend und Familie (Frühe Hilfen)",
                        partners="Familienzentrum Regenbogen, Gesundheitsamt, Hebammen im Stadtteil",
                        timeframe="ab 06/2025",
                        cost="ca. 6.000 € jährlich (Begrüßungspakete)",
                        funding="Bundesstiftung Frühe Hilfen; gesichert",
                        indicators="Angenommene Besuche (Ziel: 80 % der Geburten)",
                    ),
                    "details": (
                        "fb_jugend",
                        ["fz_regenbogen", "gesundheitsamt"],
                        6000,
                        True,
                        [("Angenommene Besuche", "% der Geburten", "0", "80")],
                    ),
                    "committee": {
                        "to": "bv_nordstadt",
                        "decision": "noted",
                        "reason": "Die Maßnahme wird aus Mitteln der Bundesstiftung Frühe Hilfen finanziert.",
                    },
                    "implementation": {
                        "start": ("2025-06-02", "Besuche durch zwei Fachkräfte der Frühen Hilfen."),
                        "progress": [
                            (
                                "2026-01-12",
                                70,
                                "Zwei Drittel der Familien nehmen den Besuch an.",
                                {"Angenommene Besuche": "67"},
                            ),
                        ],
                    },
                },
            ],
        },
        "2026": {
            "key": "nordstadt2026",
            "title": "Stadtbezirkskonferenz Nordstadt 2026",
            "cycle": "2026",
            "starts_on": "2026-12-03",
            "venue": "Bürgerzentrum Nordstadt, Lindenplatz 7",
            "organiser": "lorenz",
            "scheduled": "2026-09-15",
            "focus_topic": ("2026-10-06", "Gut ankommen in Kita und Grundschule: Übergänge in der Nordstadt"),
            "agenda": (
                "2026-10-06",
                [
                    "Begrüßung",
                    "Bericht über die Maßnahmen der Konferenz 2025",
                    "Arbeitsgruppen: Evaluierung und neue Maßnahmen",
                    "Ergebnisse und Verabredungen",
                ],
            ),
            "carry_over_groups": "2026-10-13",
            "invited": (
                "2026-10-20",
                [
                    "gs_lindenplatz",
                    "fz_regenbogen",
                    "qm_nordstadt",
                    "caritas",
                    "awo",
                    "fb_jugend",
                    "gesundheitsamt",
                    "jugendring",
                    "drk",
                    "fb_schule",
                ],
            ),
            "prepared": "2026-11-10",
        },
    },
    {
        "district": "Südfeld",
        "series": "Stadtbezirkskonferenz Südfeld",
        "2025": {
            "key": "suedfeld2025",
            "title": "Stadtbezirkskonferenz Südfeld 2025",
            "cycle": "2025",
            "starts_on": "2025-05-15",
            "venue": "Stadtteilbüro Südfeld, Einkaufszentrum Südfeld",
            "organiser": "schulte",
            "reporter": "schulte",
            "scheduled": "2025-02-18",
            "focus_topic": ("2025-03-04", "Übergang Schule–Beruf im Stadtteil"),
            "agenda": (
                "2025-03-04",
                [
                    "Begrüßung und Vorstellungsrunde",
                    "Jugendliche in Südfeld: Zahlen und Eindrücke aus Schule und Jugendtreff",
                    "Arbeitsgruppen",
                    "Ergebnisse und nächste Schritte",
                ],
            ),
            "groups_formed": "2025-03-25",
            "groups": [
                (
                    "schule_beruf",
                    "Übergang Schule–Beruf",
                    "Berufsorientierung und Ausbildung im Stadtteil",
                    ["koch"],
                    ["jansen", "becker", "zimmermann"],
                ),
                (
                    "freizeit",
                    "Jugendtreffs und Freizeit",
                    "Orte für Jugendliche in Südfeld",
                    ["wagner"],
                    ["schwarz", "engel", "vogel"],
                ),
            ],
            "invited": (
                "2025-04-01",
                ["gesamtschule", "kita_marien", "jobcenter", "awo", "diakonie", "jugendring", "fb_jugend", "paritaet"],
            ),
            "prepared": "2025-04-29",
            "minutes": (
                "2025-06-03",
                "schulte",
                "Protokoll der Stadtbezirkskonferenz Südfeld am 15.05.2025\n\n"
                "27 Teilnehmende. Schwerpunkt war der Übergang von der Schule in Ausbildung und Beruf. "
                "Verabschiedet wurden eine Bewerbungswerkstatt im Jugendtreff, ein Berufsorientierungstag mit "
                "Betrieben aus dem Stadtteil und die Beleuchtung der Skateanlage. Vorlage an die Bezirksvertretung "
                "Südfeld im Juni 2025.",
            ),
            "committee_meetings": {"bv_suedfeld": ("2025-06-05", "2025-06-26")},
            "papers": ("V/2025/", 341),
            "measures": [
                {
                    "key": "bewerbungswerkstatt",
                    "group": "schule_beruf",
                    "fields": dict(
                        title="Bewerbungswerkstatt im Jugendtreff Südfeld",
                        description=(
                            "Ausgangslage: Viele Jugendliche der Gesamtschule haben zu Hause keinen Computer und "
                            "keine Hilfe bei Bewerbungen.\n\n"
                            "Vorhaben: Zweimal pro Woche Bewerbungswerkstatt im Jugendtreff mit Laptops, Drucker und "
                            "Begleitung durch Fachkräfte und Ehrenamtliche aus Betrieben."
                        ),
                        goal="Jugendliche aus Südfeld bewerben sich früher und häufiger auf Ausbildungsplätze.",
                        target_group="Schülerinnen und Schüler der Klassen 9 und 10",
                        district="Südfeld",
                        lead="Stadtjugendring Lindenau (Jugendtreff Südfeld)",
                        partners="Gesamtschule Lindenau-Süd, Jobcenter (U25), AWO Kreisverband Lindenau",
                        timeframe="ab Schuljahr 2025/26",
                        cost="ca. 7.500 € (Geräte, Honorare)",
                        funding="Bezirksbudget Südfeld",
                        indicators="Teilnehmende pro Schuljahr (Ziel: 60)",
                    ),
                    "details": (
                        "jugendring",
                        ["gesamtschule", "jobcenter", "awo"],
                        7500,
                        True,
                        [("Teilnehmende pro Schuljahr", "Jugendliche", "0", "60")],
                    ),
                    "committee": {"to": "bv_suedfeld", "decision": "approved"},
                    "implementation": {
                        "start": ("2025-09-01", "Werkstatt dienstags und donnerstags geöffnet."),
                        "progress": [
                            (
                                "2026-03-02",
                                60,
                                "48 Jugendliche haben die Werkstatt genutzt.",
                                {"Teilnehmende pro Schuljahr": "48"},
                            ),
                        ],
                        "outcome": ("2026-07-10", "implemented", ""),
                    },
                },
                {
                    "key": "berufsorientierungstag",
                    "group": "schule_beruf",
                    "fields": dict(
                        title="Berufsorientierungstag „Südfeld schafft Zukunft“ mit Betrieben aus dem Stadtteil",
                        description=(
                            "Ausgangslage: Betriebe in Südfeld suchen Auszubildende, Jugendliche kennen sie kaum.\n\n"
                            "Vorhaben: Ein jährlicher Berufsorientierungstag im Einkaufszentrum, bei dem Betriebe, "
                            "Jobcenter und Gesamtschule Ausbildungsberufe zum Ausprobieren vorstellen."
                        ),
                        goal="Jugendliche lernen Ausbildungsbetriebe im eigenen Stadtteil kennen.",
                        target_group="Jugendliche der Klassen 8 bis 10 und ihre Eltern",
                        district="Südfeld",
                        lead="Gesamtschule Lindenau-Süd",
                        partners="Jobcenter Lindenau, Werbegemeinschaft Südfeld, Kreishandwerkerschaft",
                        timeframe="jährlich im September, erstmals 2025",
                        cost="ca. 4.000 € jährlich",
                        funding="Bezirksbudget Südfeld, Sponsoring der Betriebe",
                        indicators="Beteiligte Betriebe (Ziel: 20); Besucherinnen und Besucher (Ziel: 300)",
                    ),
                    "details": (
                        "gesamtschule",
                        ["jobcenter"],
                        4000,
                        True,
                        [
                            ("Beteiligte Betriebe", "Betriebe", "0", "20"),
                            ("Besucherinnen und Besucher", "Personen", "0", "300"),
                        ],
                    ),
                    "committee": {
                        "to": "bv_suedfeld",
                        "decision": "amended",
                        "amended": dict(timeframe="jährlich im Frühjahr, erstmals im April 2026"),
                        "reason": (
                            "Der Termin wird auf das Frühjahr gelegt, damit er vor der Bewerbungsphase liegt und "
                            "mit dem Berufsorientierungsbüro der Schulen abgestimmt werden kann."
                        ),
                    },
                    "implementation": {
                        "start": ("2025-11-03", "Vorbereitungsgruppe mit acht Betrieben."),
                        "outcome": ("2026-04-24", "implemented", ""),
                    },
                },
                {
                    "key": "skateanlage",
                    "group": "freizeit",
                    "fields": dict(
                        title="Skateanlage Südfeld beleuchten und Sitzmöglichkeiten schaffen",
                        description=(
                            "Ausgangslage: Die Skateanlage ist im Winterhalbjahr ab 17 Uhr dunkel; Jugendliche "
                            "weichen ins Einkaufszentrum aus, wo es Konflikte gibt.\n\n"
                            "Vorhaben: LED-Beleuchtung bis 21 Uhr, überdachte Sitzgruppe; Planung mit den "
                            "Jugendlichen."
                        ),
                        goal="Die Skateanlage ist ganzjährig ein attraktiver Treffpunkt.",
                        target_group="Jugendliche in Südfeld",
                        district="Südfeld",
                        lead="Fachbereich Stadtplanung und Wohnen (Grünflächen)",
                        partners="Stadtjugendring Lindenau, Jugendforum Lindenau",
                        timeframe="08/2025 bis 11/2025",
                        cost="ca. 38.000 € einmalig",
                        funding="Bezirksbudget Südfeld, Spielflächenprogramm",
                        indicators="Beleuchtung in Betrieb (ja/nein)",
                    ),
                    "details": (
                        "fb_stadtplanung",
                        ["jugendring"],
                        38000,
                        True,
                        [("Beleuchtung in Betrieb", "ja/nein", "nein", "ja")],
                    ),
                    "committee": {"to": "bv_suedfeld", "decision": "approved"},
                    "implementation": {
                        "start": ("2025-08-04", "Planungsworkshop mit Jugendlichen an der Anlage."),
                        "outcome": ("2025-11-14", "implemented", ""),
                    },
                },
            ],
        },
        "2026": {
            "key": "suedfeld2026",
            "title": "Stadtbezirkskonferenz Südfeld 2026",
            "cycle": "2026",
            "starts_on": "2026-12-09",
            "venue": "Stadtteilbüro Südfeld, Einkaufszentrum Südfeld",
            "organiser": "schulte",
            "scheduled": "2026-09-22",
            "focus_topic": ("2026-10-13", "Junge Menschen in Südfeld: Wohnen, Arbeit und Freizeit"),
            "agenda": (
                "2026-10-13",
                ["Begrüßung", "Was ist aus den Maßnahmen 2025 geworden?", "Arbeitsgruppen", "Verabredungen"],
            ),
            "carry_over_groups": "2026-10-20",
            "invited": (
                "2026-10-27",
                ["gesamtschule", "kita_marien", "jobcenter", "awo", "diakonie", "jugendring", "fb_jugend", "paritaet"],
            ),
            "prepared": "2026-11-12",
        },
    },
    {
        "district": "Weststadt",
        "series": "Stadtbezirkskonferenz Weststadt",
        "2025": {
            "key": "weststadt2025",
            "title": "Stadtbezirkskonferenz Weststadt 2025",
            "cycle": "2025",
            "starts_on": "2025-09-25",
            "venue": "Jugendzentrum Weststadt, Am Wasserturm 3",
            "organiser": "lehmann",
            "reporter": "lehmann",
            "scheduled": "2025-06-10",
            "focus_topic": ("2025-06-24", "Ankommen in der Weststadt: Familien mit Zuwanderungsgeschichte"),
            "agenda": (
                "2025-06-24",
                [
                    "Begrüßung und Vorstellungsrunde",
                    "Impuls: Zuzug in die Weststadt seit 2022",
                    "Arbeitsgruppen",
                    "Ergebnisse und Verabredungen",
                ],
            ),
            "groups_formed": "2025-08-26",
            "groups": [
                (
                    "familien_kita",
                    "Familien und Kita",
                    "Zugang zu Kita und Familienbildung",
                    ["kowalski"],
                    ["hahn", "demir"],
                ),
                (
                    "sprache_schule",
                    "Sprache und Schule",
                    "Sprachförderung und Elternarbeit",
                    ["quandt"],  # not Katharina Seidel: she is the demo's public account, without any role
                    ["yilmaz", "neumann"],
                ),
                (
                    "nachbarschaft",
                    "Nachbarschaft und Begegnung",
                    "Begegnung im Stadtteil",
                    ["kaya"],
                    ["aksoy", "krause"],
                ),
            ],
            "invited": (
                "2025-09-02",
                ["gs_weststadt", "jz_weststadt", "integration", "caritas", "diakonie", "awo", "fb_jugend", "fb_schule"],
            ),
            "prepared": "2025-09-16",
            "minutes": (
                "2025-10-14",
                "lehmann",
                "Protokoll der Stadtbezirkskonferenz Weststadt am 25.09.2025\n\n"
                "41 Teilnehmende, darunter Eltern aus den Sprachkursen. Drei Arbeitsgruppen haben ein Sprachcafé "
                "für Eltern, ein Nachbarschaftsfest und Kita-Einstiegsgruppen vorgeschlagen. Die Vorschläge gehen "
                "an die Bezirksvertretung Weststadt und den Jugendhilfeausschuss.",
            ),
            "committee_meetings": {"bv_weststadt": ("2025-10-23", "2025-11-13"), "jha": ("2025-10-23", "2025-12-02")},
            "papers": ("V/2025/", 512),
            "measures": [
                {
                    "key": "sprachcafe_eltern",
                    "group": "sprache_schule",
                    "fields": dict(
                        title="Sprachcafé für Eltern in der Grundschule Weststadt",
                        description=(
                            "Ausgangslage: Viele Eltern der Grundschule Weststadt sprechen wenig Deutsch und kommen "
                            "kaum zu Elternabenden.\n\n"
                            "Vorhaben: Wöchentliches Sprachcafé in der Schule während der Unterrichtszeit, mit "
                            "Kinderbetreuung für Geschwister und Themen aus dem Schulalltag."
                        ),
                        goal="Eltern verstehen Schule besser und kommen häufiger zu Gesprächen.",
                        target_group="Eltern der Grundschule Weststadt mit geringen Deutschkenntnissen",
                        district="Weststadt",
                        lead="Grundschule Weststadt",
                        partners="Kommunales Integrationszentrum, Caritasverband Lindenau",
                        timeframe="ab 01/2026",
                        cost="ca. 5.000 € jährlich",
                        funding="Bezirksbudget Weststadt",
                        indicators="Eltern pro Sprachcafé (Ziel: 12)",
                    ),
                    "details": (
                        "gs_weststadt",
                        ["integration", "caritas"],
                        5000,
                        True,
                        [("Eltern pro Sprachcafé", "Eltern", "0", "12")],
                    ),
                    "committee": {"to": "bv_weststadt", "decision": "approved"},
                    "implementation": {
                        "start": ("2026-01-12", "Erstes Sprachcafé mit neun Müttern und zwei Vätern."),
                        "progress": [
                            ("2026-06-15", 50, "Stabil 10 bis 14 Eltern pro Termin.", {"Eltern pro Sprachcafé": "12"})
                        ],
                    },
                },
                {
                    "key": "nachbarschaftsfest",
                    "group": "nachbarschaft",
                    "fields": dict(
                        title="Interkulturelles Nachbarschaftsfest am Wasserturm",
                        description=(
                            "Ausgangslage: Alteingesessene und neu Zugezogene in der Weststadt begegnen sich "
                            "kaum.\n\n"
                            "Vorhaben: Ein Nachbarschaftsfest am Wasserturm, vorbereitet von Vereinen, Gemeinden "
                            "und dem Jugendzentrum."
                        ),
                        goal="Begegnung zwischen alten und neuen Nachbarinnen und Nachbarn",
                        target_group="Bewohnerinnen und Bewohner der Weststadt",
                        district="Weststadt",
                        lead="Jugendzentrum Weststadt",
                        partners="Diakonisches Werk Lindenau, Moscheegemeinde, Sportverein Weststadt",
                        timeframe="Sommer 2026",
                        cost="ca. 8.000 €",
                        funding="Bezirksbudget Weststadt (beantragt)",
                        indicators="Besucherinnen und Besucher (Ziel: 500)",
                    ),
                    "details": (
                        "jz_weststadt",
                        ["diakonie"],
                        8000,
                        False,
                        [("Besucherinnen und Besucher", "Personen", "0", "500")],
                    ),
                    "committee": {
                        "to": "bv_weststadt",
                        "decision": "rejected",
                        "reason": (
                            "Die Mittel des Bezirksbudgets sind für 2025 und 2026 gebunden. Die Bezirksvertretung "
                            "bittet, das Fest für 2027 erneut zu beantragen."
                        ),
                    },
                },
                {
                    "key": "kita_einstieg",
                    "group": "familien_kita",
                    "fields": dict(
                        title="Kita-Einstiegsgruppen für Kinder ohne Kita-Platz (Brückenprojekt)",
                        description=(
                            "Ausgangslage: In der Weststadt warten rund 70 Kinder über drei Jahren auf einen "
                            "Kita-Platz, viele aus neu zugewanderten Familien.\n\n"
                            "Vorhaben: Zwei Spielgruppen an drei Vormittagen pro Woche im Jugendzentrum bereiten "
                            "Kinder und Eltern auf die Kita vor."
                        ),
                        goal="Kinder ohne Kita-Platz erhalten frühe Bildung; der Übergang in die Kita gelingt.",
                        target_group="Kinder von drei bis sechs Jahren ohne Kita-Platz und ihre Eltern",
                        district="Weststadt",
                        lead="Fachbereich Kinder, Jugend und Familie",
                        partners="AWO Kreisverband Lindenau (Träger), Jugendzentrum Weststadt",
                        timeframe="01/2026 bis 07/2027",
                        cost="ca. 65.000 € jährlich",
                        funding="Landesprogramm Kita-Einstieg, Eigenanteil Jugendamt",
                        indicators="Kinder in Einstiegsgruppen (Ziel: 24); Übergänge in eine Kita (Ziel: 20)",
                    ),
                    "details": (
                        "fb_jugend",
                        ["awo", "jz_weststadt"],
                        65000,
                        False,
                        [
                            ("Kinder in Einstiegsgruppen", "Kinder", "0", "24"),
                            ("Übergänge in eine Kita", "Kinder", "0", "20"),
                        ],
                    ),
                    "committee": {
                        "to": "jha",
                        "decision": "amended",
                        "amended": dict(
                            cost="ca. 45.000 € jährlich (eine Gruppe im ersten Jahr)",
                            indicators="Kinder in Einstiegsgruppen (Ziel: 12); Übergänge in eine Kita (Ziel: 10)",
                        ),
                        "reason": (
                            "Der Ausschuss beschließt zunächst eine Gruppe; eine zweite folgt bei Landesförderung."
                        ),
                    },
                    "implementation": {
                        "start": ("2026-02-02", "Erste Gruppe mit zwölf Kindern gestartet."),
                    },
                },
            ],
        },
        "2026": {
            "key": "weststadt2026",
            "title": "Stadtbezirkskonferenz Weststadt 2026",
            "cycle": "2026",
            "starts_on": "2026-12-16",
            "venue": "Jugendzentrum Weststadt, Am Wasserturm 3",
            "organiser": "lehmann",
            "scheduled": "2026-10-27",
            "focus_topic": ("2026-11-17", "Weststadt als neues Fördergebiet: Beteiligung an der Quartiersentwicklung"),
        },
    },
    {
        "district": "Altstadt",
        "series": "Stadtbezirkskonferenz Altstadt",
        "2025": {
            "key": "altstadt2025",
            "title": "Stadtbezirkskonferenz Altstadt 2025",
            "cycle": "2025",
            "starts_on": "2025-10-23",
            "venue": "Altstadttreff, Kirchgasse 5",
            "organiser": "lehmann",
            "reporter": "lehmann",
            "scheduled": "2025-07-01",
            "focus_topic": ("2025-07-15", "Generationen in der Altstadt: Einsamkeit begegnen, Begegnung schaffen"),
            "agenda": (
                "2025-07-15",
                ["Begrüßung", "Impuls des Seniorenbeirats", "Arbeitsgruppen", "Ergebnisse und Verabredungen"],
            ),
            "groups_formed": "2025-09-09",
            "groups": [
                (
                    "generationen",
                    "Generationen im Quartier",
                    "Begegnung von Jung und Alt",
                    ["brandt"],
                    ["meier", "lang", "engel"],
                ),
                (
                    "kinder_familien",
                    "Kinder und Familien in der Altstadt",
                    "Sichere Wege und Spielräume",
                    ["schulte"],
                    ["winkler", "wolff"],
                ),
            ],
            "invited": (
                "2025-09-16",
                ["altstadttreff", "seniorenbeirat", "drk", "diakonie", "tafel", "caritas", "fb_jugend", "fb_soziales"],
            ),
            "prepared": "2025-10-07",
            "minutes": (
                "2025-11-11",
                "lehmann",
                "Protokoll der Stadtbezirkskonferenz Altstadt am 23.10.2025\n\n"
                "29 Teilnehmende. Vorgeschlagen wurden eine Generationenwerkstatt im Altstadttreff und ein "
                "Schulwegplan mit Elternhaltestellen. Vorlage an die Bezirksvertretung Altstadt im Dezember 2025.",
            ),
            "committee_meetings": {"bv_altstadt": ("2025-11-13", "2025-12-04")},
            "papers": ("V/2025/", 566),
            "measures": [
                {
                    "key": "generationenwerkstatt",
                    "group": "generationen",
                    "fields": dict(
                        title="Generationenwerkstatt im Altstadttreff",
                        description=(
                            "Ausgangslage: Viele ältere Menschen in der Altstadt leben allein; Jugendliche aus dem "
                            "Bahnhofsumfeld haben kaum Kontakt zu ihnen.\n\n"
                            "Vorhaben: Wöchentliche Werkstatt im Altstadttreff, in der Ältere und Jugendliche "
                            "gemeinsam reparieren, kochen und digitale Fragen klären."
                        ),
                        goal="Begegnung zwischen den Generationen; weniger Einsamkeit",
                        target_group="ältere Menschen und Jugendliche in der Altstadt",
                        district="Altstadt",
                        lead="Diakonisches Werk Lindenau (Altstadttreff)",
                        partners="Seniorenbeirat, DRK-Kreisverband Lindenau, Mobile Jugendarbeit",
                        timeframe="ab 01/2026",
                        cost="ca. 6.000 € jährlich",
                        funding="Bezirksbudget Altstadt",
                        indicators="Teilnehmende pro Werkstatt (Ziel: 15)",
                    ),
                    "details": (
                        "altstadttreff",
                        ["seniorenbeirat", "drk"],
                        6000,
                        True,
                        [("Teilnehmende pro Werkstatt", "Personen", "0", "15")],
                    ),
                    "committee": {"to": "bv_altstadt", "decision": "approved"},
                    "implementation": {
                        "start": ("2026-01-19", "Erste Werkstatt: Fahrradreparatur."),
                        "progress": [
                            ("2026-07-06", 60, "Im Schnitt 13 Teilnehmende.", {"Teilnehmende pro Werkstatt": "13"})
                        ],
                    },
                },
                {
                    "key": "schulwegplan_altstadt",
                    "group": "kinder_familien",
                    "fields": dict(
                        title="Sichere Schulwege in der Altstadt: Schulwegplan und Elternhaltestellen",
                        description=(
                            "Ausgangslage: Vor der Grundschule Altstadt kommt es morgens durch Elterntaxis zu "
                            "gefährlichen Situationen.\n\n"
                            "Vorhaben: Ein mit Kindern erarbeiteter Schulwegplan und zwei Elternhaltestellen in "
                            "300 m Entfernung."
                        ),
                        goal="Mehr Kinder gehen zu Fuß zur Schule; weniger Autoverkehr vor der Schule.",
                        target_group="Grundschulkinder und Eltern in der Altstadt",
                        district="Altstadt",
                        lead="Fachbereich Stadtplanung und Wohnen (Verkehrsplanung)",
                        partners="Grundschule Altstadt, Polizei (Verkehrsprävention)",
                        timeframe="2026",
                        cost="ca. 12.000 € (Beschilderung, Markierung)",
                        funding="offen",
                        indicators="Kinder, die zu Fuß kommen (Ziel: 70 %)",
                    ),
                    "details": ("fb_stadtplanung", [], 12000, False, [("Kinder zu Fuß", "%", "52", "70")]),
                    "committee": {
                        "to": "bv_altstadt",
                        "decision": "noted",
                        "reason": (
                            "Die Bezirksvertretung nimmt den Vorschlag zur Kenntnis und verweist die bauliche "
                            "Umsetzung an den Ausschuss für Stadtentwicklung und Wohnen."
                        ),
                    },
                },
            ],
        },
        "2026": {
            "key": "altstadt2026",
            "title": "Stadtbezirkskonferenz Altstadt 2026",
            "cycle": "2026",
            "starts_on": "2026-12-10",
            "venue": "Altstadttreff, Kirchgasse 5",
            "organiser": "lehmann",
            "scheduled": "2026-11-03",
        },
    },
]
