"""The demo's content: the fictional Stadt Lindenau, its people and its conferences.

Plain data, read by ``server.demo``. Keys (``"hoffmann"``, ``"fb_soziales"``,
``"praeventionskette"``) name records inside this module only; the loader turns
them into the ids the application returns. Dates are local dates in Lindenau.

Names and e-mail addresses are invented; the domains are fictional. Measure
texts never name participants: personal data stays in the erasable store.
"""

from __future__ import annotations

from typing import Any

CITY = "Stadt Lindenau"
DISTRICTS = ("Altstadt", "Nordstadt", "Südfeld", "Weststadt")
CITY_SERIES = "Sozialkonferenz Lindenau"

# --- reference data -----------------------------------------------------------

SETUP_DAY = "2024-01-08"

# key, name, kind, district
ORGANISATIONS: list[tuple[str, str, str, str]] = [
    ("fb_soziales", "Fachbereich Soziales und Senioren", "department", ""),
    ("fb_jugend", "Fachbereich Kinder, Jugend und Familie", "department", ""),
    ("fb_schule", "Fachbereich Schule und Bildung", "department", ""),
    ("fb_stadtplanung", "Fachbereich Stadtplanung und Wohnen", "department", ""),
    ("gesundheitsamt", "Gesundheitsamt Lindenau", "department", ""),
    ("integration", "Kommunales Integrationszentrum Lindenau", "department", ""),
    ("rpa", "Rechnungsprüfungsamt der Stadt Lindenau", "department", ""),
    ("jobcenter", "Jobcenter Lindenau", "other", ""),
    ("caritas", "Caritasverband Lindenau e. V.", "welfare", ""),
    ("diakonie", "Diakonisches Werk Lindenau", "welfare", ""),
    ("awo", "AWO Kreisverband Lindenau e. V.", "welfare", ""),
    ("drk", "DRK-Kreisverband Lindenau e. V.", "welfare", ""),
    ("paritaet", "Der Paritätische – Kreisgruppe Lindenau", "welfare", ""),
    ("lebenshilfe", "Lebenshilfe Lindenau e. V.", "welfare", ""),
    ("drogenhilfe", "Drogenhilfe Lindenau e. V. (Sucht- und Drogenberatung)", "welfare", ""),
    ("mieterverein", "Mieterverein Lindenau e. V.", "initiative", ""),
    ("lwg", "Lindenauer Wohnungsbaugesellschaft mbH", "other", ""),
    ("seniorenbeirat", "Seniorenbeirat der Stadt Lindenau", "initiative", ""),
    ("jugendring", "Stadtjugendring Lindenau e. V.", "initiative", ""),
    ("tafel", "Lindenauer Tafel e. V.", "initiative", ""),
    ("gs_lindenplatz", "Grundschule am Lindenplatz", "school", "Nordstadt"),
    ("gesamtschule", "Gesamtschule Lindenau-Süd", "school", "Südfeld"),
    ("gs_weststadt", "Grundschule Weststadt", "school", "Weststadt"),
    ("fz_regenbogen", "Familienzentrum Regenbogen", "welfare", "Nordstadt"),
    ("kita_marien", "Katholische Kita St. Marien", "welfare", "Südfeld"),
    ("qm_nordstadt", "Quartiersmanagement Nordstadt", "initiative", "Nordstadt"),
    ("jz_weststadt", "Jugendzentrum Weststadt", "initiative", "Weststadt"),
    ("altstadttreff", "Altstadttreff – Begegnungsstätte der Diakonie", "welfare", "Altstadt"),
    ("spd", "SPD-Fraktion im Rat der Stadt Lindenau", "politics", ""),
    ("cdu", "CDU-Fraktion im Rat der Stadt Lindenau", "politics", ""),
    ("gruene", "Fraktion Bündnis 90/Die Grünen im Rat der Stadt Lindenau", "politics", ""),
]

# committee key -> members (they record the committee's decisions on its page)
COMMITTEE_MEMBERS: list[tuple[str, str]] = [("soza", "klein"), ("jha", "klein")]

# key, name, short name
COMMITTEES: list[tuple[str, str, str]] = [
    ("soza", "Ausschuss für Soziales, Senioren und Gesundheit", "SozA"),
    ("jha", "Jugendhilfeausschuss", "JHA"),
    ("schula", "Ausschuss für Schule und Bildung", "SchulA"),
    ("stea", "Ausschuss für Stadtentwicklung und Wohnen", "StEA"),
    ("rat", "Rat der Stadt Lindenau", "Rat"),
    ("bv_altstadt", "Bezirksvertretung Altstadt", "BV Altstadt"),
    ("bv_nordstadt", "Bezirksvertretung Nordstadt", "BV Nordstadt"),
    ("bv_suedfeld", "Bezirksvertretung Südfeld", "BV Südfeld"),
    ("bv_weststadt", "Bezirksvertretung Weststadt", "BV Weststadt"),
]

# key, name, e-mail, organisation, registered on (None: on SETUP_DAY)
PEOPLE: list[tuple[str, str, str, str, str | None]] = [
    # Sozialplanung and Fachbereich Soziales und Senioren (the organisation team)
    ("hoffmann", "Katrin Hoffmann", "katrin.hoffmann@lindenau.de", "fb_soziales", None),
    ("albrecht", "Dr. Jonas Albrecht", "jonas.albrecht@lindenau.de", "fb_soziales", None),
    ("kaiser", "Melanie Kaiser", "melanie.kaiser@lindenau.de", "fb_soziales", None),
    ("brinkmann", "Thomas Brinkmann", "thomas.brinkmann@lindenau.de", "fb_soziales", None),
    ("lehmann", "Sophie Lehmann", "sophie.lehmann@lindenau.de", "fb_soziales", "2025-02-03"),
    # Fachbereich Kinder, Jugend und Familie
    ("lorenz", "Sabine Lorenz", "sabine.lorenz@lindenau.de", "fb_jugend", None),
    ("weber", "Markus Weber", "markus.weber@lindenau.de", "fb_jugend", None),
    ("schulte", "Daniela Schulte", "daniela.schulte@lindenau.de", "fb_jugend", None),
    ("demir", "Aylin Demir", "aylin.demir@lindenau.de", "fb_jugend", None),
    ("oeztuerk", "Can Öztürk", "can.oeztuerk@lindenau.de", "fb_jugend", "2026-09-01"),
    # other departments
    ("krueger", "Stefan Krüger", "stefan.krueger@lindenau.de", "fb_schule", None),
    ("neumann", "Petra Neumann", "petra.neumann@lindenau.de", "fb_schule", None),
    ("schmitz", "Michael Schmitz", "michael.schmitz@lindenau.de", "fb_stadtplanung", None),
    ("hartmann", "Julia Hartmann", "julia.hartmann@lindenau.de", "fb_stadtplanung", None),
    ("vogt", "Dr. Claudia Vogt", "claudia.vogt@lindenau.de", "gesundheitsamt", None),
    ("berger", "Nina Berger", "nina.berger@lindenau.de", "gesundheitsamt", None),
    ("yilmaz", "Hakan Yılmaz", "hakan.yilmaz@lindenau.de", "integration", None),
    ("kowalski", "Elena Kowalski", "elena.kowalski@lindenau.de", "integration", None),
    ("nguyen", "Thi Lan Nguyen", "lan.nguyen@lindenau.de", "integration", "2026-10-01"),
    ("lindner", "Gerhard Lindner", "gerhard.lindner@lindenau.de", "rpa", None),
    ("richter", "Frank Richter", "frank.richter@jobcenter-lindenau.de", "jobcenter", None),
    ("becker", "Sandra Becker", "sandra.becker@jobcenter-lindenau.de", "jobcenter", None),
    # welfare organisations
    ("wolff", "Andrea Wolff", "a.wolff@caritas-lindenau.de", "caritas", None),
    ("schaefer", "Benedikt Schäfer", "b.schaefer@caritas-lindenau.de", "caritas", None),
    ("graf", "Maximilian Graf", "m.graf@caritas-lindenau.de", "caritas", "2026-08-17"),
    ("krause", "Martina Krause", "martina.krause@diakonie-lindenau.de", "diakonie", None),
    ("engel", "Tobias Engel", "tobias.engel@diakonie-lindenau.de", "diakonie", None),
    ("schubert", "Heike Schubert", "heike.schubert@awo-lindenau.de", "awo", None),
    ("zimmermann", "Ralf Zimmermann", "ralf.zimmermann@awo-lindenau.de", "awo", None),
    ("fuchs", "Karin Fuchs", "k.fuchs@drk-lindenau.de", "drk", None),
    ("lang", "Patrick Lang", "p.lang@drk-lindenau.de", "drk", None),
    ("peters", "Susanne Peters", "susanne.peters@paritaet-lindenau.de", "paritaet", None),
    ("moeller", "Christian Möller", "c.moeller@lebenshilfe-lindenau.de", "lebenshilfe", None),
    ("franke", "Lena Franke", "l.franke@lebenshilfe-lindenau.de", "lebenshilfe", None),
    ("busch", "Oliver Busch", "oliver.busch@drogenhilfe-lindenau.de", "drogenhilfe", None),
    ("roth", "Miriam Roth", "miriam.roth@drogenhilfe-lindenau.de", "drogenhilfe", None),
    ("schneider", "Werner Schneider", "schneider@mieterverein-lindenau.de", "mieterverein", None),
    ("arnold", "Stefanie Arnold", "s.arnold@lwg-lindenau.de", "lwg", None),
    ("meier", "Ursula Meier", "u.meier@seniorenbeirat-lindenau.de", "seniorenbeirat", None),
    ("wagner", "Lukas Wagner", "lukas.wagner@sjr-lindenau.de", "jugendring", None),
    ("schwarz", "Mara Schwarz", "mara.schwarz@sjr-lindenau.de", "jugendring", None),
    ("winkler", "Hans-Peter Winkler", "hp.winkler@tafel-lindenau.de", "tafel", None),
    # schools, family centre, neighbourhood
    ("sommer", "Anja Sommer", "a.sommer@gs-lindenplatz.schulen-lindenau.de", "gs_lindenplatz", None),
    ("jansen", "Dirk Jansen", "d.jansen@ge-sued.schulen-lindenau.de", "gesamtschule", None),
    ("koch", "Leonie Koch", "l.koch@ge-sued.schulen-lindenau.de", "gesamtschule", None),
    ("seidel", "Katharina Seidel", "k.seidel@gs-weststadt.schulen-lindenau.de", "gs_weststadt", None),
    ("quandt", "Miriam Quandt", "m.quandt@gs-weststadt.schulen-lindenau.de", "gs_weststadt", None),
    ("hahn", "Birgit Hahn", "leitung@fz-regenbogen-lindenau.de", "fz_regenbogen", None),
    ("vogel", "Ingrid Vogel", "kita.st-marien@kath-kitas-lindenau.de", "kita_marien", None),
    ("aksoy", "Fatma Aksoy", "f.aksoy@qm-nordstadt.de", "qm_nordstadt", None),
    ("hermann", "Jan Hermann", "j.hermann@qm-nordstadt.de", "qm_nordstadt", None),
    ("kaya", "Yusuf Kaya", "y.kaya@sjr-lindenau.de", "jz_weststadt", None),
    ("brandt", "Elke Brandt", "altstadttreff@diakonie-lindenau.de", "altstadttreff", None),
    # council members
    ("klein", "Renate Klein", "renate.klein@spd-rat-lindenau.de", "spd", None),
    ("scholz", "Bernd Scholz", "bernd.scholz@cdu-rat-lindenau.de", "cdu", None),
    ("baumann", "Johanna Baumann", "johanna.baumann@gruene-rat-lindenau.de", "gruene", None),
]

# One person per role, for sign-in once it exists: role -> person key.
DEMO_ACCOUNTS: dict[str, str] = {
    "organiser": "hoffmann",
    "planner": "albrecht",
    "moderator": "wolff",
    "member": "sommer",
    "auditor": "lindner",
    "committee_member": "klein",
    "public": "seidel",
}
# Sign-in names of the demo accounts (all with DEMO_PASSWORD), by role.
DEMO_LOGINS: dict[str, str] = {
    "organiser": "organisation",
    "planner": "planung",
    "moderator": "moderation",
    "member": "mitglied",
    "auditor": "pruefung",
    "committee_member": "ausschuss",
    "public": "oeffentlichkeit",
}
DEMO_PASSWORD = "lindenau-demo"
# City-wide roles (events of the person), granted on the set-up day.
GLOBAL_ROLES: list[tuple[str, str]] = [("hoffmann", "organiser"), ("albrecht", "planner"), ("lindner", "auditor")]

# --- the city series: groups ----------------------------------------------------

# key, name, topic, moderators, members (the twelve standing groups, formed for 2024)
CITY_GROUPS: list[tuple[str, str, str, list[str], list[str]]] = [
    (
        "kinderarmut",
        "Kinderarmut",
        "Teilhabe von Kindern aus armutsbelasteten Familien",
        ["wolff"],
        ["demir", "sommer", "winkler", "klein"],
    ),
    (
        "wohnen",
        "Wohnen",
        "Bezahlbarer Wohnraum und Wohnungsnotfallhilfe",
        ["schmitz"],
        ["schneider", "krause", "arnold", "scholz"],
    ),
    (
        "gesundheit",
        "Gesundheit",
        "Gesundheitsförderung und Zugang zur Versorgung",
        ["vogt"],
        ["berger", "fuchs", "peters"],
    ),
    (
        "bildung",
        "Bildung",
        "Bildungsübergänge von der Kita bis zur weiterführenden Schule",
        ["neumann"],
        ["krueger", "sommer", "jansen", "koch"],
    ),
    (
        "jugend",
        "Jugend",
        "Offene Kinder- und Jugendarbeit und Beteiligung junger Menschen",
        ["schulte"],
        ["wagner", "schwarz", "koch", "engel"],
    ),
    (
        "senioren",
        "Senior*innen",
        "Selbstbestimmt älter werden im Quartier",
        ["meier", "schubert"],
        ["brinkmann", "lang", "zimmermann"],
    ),
    (
        "integration",
        "Integration",
        "Ankommen, Sprache und Teilhabe Zugewanderter",
        ["yilmaz"],
        ["kowalski", "schaefer", "aksoy", "baumann"],
    ),
    (
        "arbeit",
        "Arbeit und Beschäftigung",
        "Langzeitarbeitslosigkeit und Übergang Schule–Beruf",
        ["richter"],
        ["becker", "zimmermann", "jansen", "scholz"],
    ),
    (
        "inklusion",
        "Inklusion",
        "Barrierefreiheit und Teilhabe von Menschen mit Behinderung",
        ["moeller"],
        ["franke", "peters", "krueger"],
    ),
    ("familie", "Familie", "Familienbildung, Frühe Hilfen und Familienzentren", ["hahn"], ["demir", "weber", "fuchs"]),
    (
        "sucht",
        "Sucht und Prävention",
        "Suchtprävention und niedrigschwellige Hilfen",
        ["busch"],
        ["roth", "berger", "engel", "wagner"],
    ),
    (
        "quartier",
        "Quartiersentwicklung",
        "Integrierte Quartiersentwicklung in Nordstadt und Südfeld",
        ["hermann", "hartmann"],
        ["aksoy", "schubert", "baumann", "schneider"],
    ),
]

# --- the city series: the 2024 conference ------------------------------------------

CITY_2024: dict[str, Any] = {
    "key": "city2024",
    "title": "Sozialkonferenz Lindenau 2024",
    "cycle": "2024",
    "starts_on": "2024-03-14",
    "venue": "Bürgerhaus am Markt, Marktplatz 3, Lindenau-Altstadt",
    "organiser": "hoffmann",
    "reporter": "albrecht",
    "scheduled": "2024-01-15",
    "focus_topic": ("2024-01-22", "Armut im Quartier: Teilhabe von Kindern und Familien sichern"),
    "agenda": (
        "2024-02-01",
        [
            "Begrüßung durch den Oberbürgermeister und Einführung in das Schwerpunktthema",
            "Impulsvortrag: Sozialbericht Lindenau 2023 – Armutslagen in den vier Stadtbezirken",
            "Arbeitsgruppenphase I: Ausgangslage und Maßnahmenideen",
            "Mittagspause",
            "Arbeitsgruppenphase II: Maßnahmenvorschläge für 2024–2026 ausformulieren und in der AG beschließen",
            "Plenum: Vorstellung und Verabschiedung der Maßnahmenvorschläge",
            "Ausblick: Beratung in den Fachausschüssen und nächste Sozialkonferenz 2026",
        ],
    ),
    "groups_formed": "2024-02-05",
    "invited": ("2024-02-12", "all"),
    "prepared": "2024-02-26",
    "minutes": (
        "2024-04-11",
        "kaiser",
        "Protokoll der Sozialkonferenz Lindenau 2024 am 14.03.2024 im Bürgerhaus am Markt\n\n"
        "Teilnehmende: 118 Personen aus Verwaltung, Rat, freien Trägern, Schulen, Initiativen und "
        "Bürgerschaft (Teilnehmendenliste beim Organisationsteam).\n\n"
        "TOP 1 – Begrüßung: Der Oberbürgermeister eröffnet die Konferenz und dankt der "
        "Koordinierungsgruppe für die Vorbereitung. Schwerpunktthema ist „Armut im Quartier: "
        "Teilhabe von Kindern und Familien sichern“.\n\n"
        "TOP 2 – Sozialbericht 2023: Die Sozialplanung stellt die Armutslagen in den Stadtbezirken "
        "vor. In der Nordstadt leben 38 % der unter 15-Jährigen in Familien mit SGB-II-Bezug, in "
        "Südfeld 31 %, in Altstadt und Weststadt je rund 19 %.\n\n"
        "TOP 3 und 5 – Arbeitsgruppen: Die zwölf Arbeitsgruppen haben 30 Maßnahmenvorschläge "
        "erarbeitet. Die AG Wohnen hat einen Vorschlag zurückgezogen, weil er in anderen "
        "Maßnahmen aufgeht. Der Vorschlag der AG Familie zur Begleitung bei der Kita-Platzsuche "
        "konnte nicht abgeschlossen werden und wird zur nächsten Konferenz wieder aufgegriffen.\n\n"
        "TOP 6 – Plenum: Das Plenum verabschiedet 28 Maßnahmen. Der Vorschlag zum Kontaktladen "
        "der AG Sucht und Prävention wurde zunächst zurückverwiesen, in der AG um Standortkriterien "
        "und Nachbarschaftsbeteiligung ergänzt und anschließend verabschiedet.\n\n"
        "TOP 7 – Ausblick: Die Verwaltung legt die Maßnahmen den zuständigen Fachausschüssen im "
        "Mai und Juni 2024 vor. Die nächste Sozialkonferenz findet 2026 statt; dort berichten die "
        "Arbeitsgruppen über die Umsetzung und evaluieren Hemmnisse und förderliche "
        "Rahmenbedingungen.\n\n"
        "Für das Protokoll: Organisationsteam Sozialplanung",
    ),
    # committee -> (submitted on, meeting on)
    "committee_meetings": {
        "soza": ("2024-04-25", "2024-05-16"),
        "jha": ("2024-04-25", "2024-05-28"),
        "schula": ("2024-05-02", "2024-06-04"),
        "stea": ("2024-05-02", "2024-06-11"),
        "rat": ("2024-06-13", "2024-07-04"),
    },
    "papers": ("V/2024/", 141),
}

# --- the city series: the 2026 conference (in session) ------------------------------

CITY_2026: dict[str, Any] = {
    "key": "city2026",
    "title": "Sozialkonferenz Lindenau 2026",
    "cycle": "2026",
    "starts_on": "2026-11-19",
    "venue": "Forum der Gesamtschule Lindenau-Süd, Südfelder Weg 40",
    "organiser": "hoffmann",
    "scheduled": "2026-05-12",
    "roles": [("klein", "committee_member")],
    "focus_topic": (
        "2026-06-16",
        "Bilanz ziehen, Lücken schließen: Wohnungsnot, Einsamkeit im Alter und Übergänge in Ausbildung",
    ),
    "agenda": (
        "2026-09-08",
        [
            "Begrüßung durch die Bürgermeisterin und Einführung in das Schwerpunktthema",
            "Sozialmonitoring 2026: Entwicklung in den 18 Sozialräumen",
            "Arbeitsgruppenphase I: Evaluierung der Maßnahmen 2024 – Umsetzung, Hemmnisse, förderliche "
            "Rahmenbedingungen",
            "Mittagspause mit Markt der Möglichkeiten",
            "Arbeitsgruppenphase II: neue Maßnahmen für 2027–2028",
            "Plenum: Vorstellung und Verabschiedung der Maßnahmenvorschläge",
            "Ausblick: Beratung in den Fachausschüssen im ersten Quartal 2027",
        ],
    ),
    "carry_over_groups": "2026-09-22",
    "invited": ("2026-10-13", "all"),
    "prepared": "2026-10-29",
}

# date, command, group, arguments, acting person
CITY_GROUP_CHANGES_2026: list[tuple[str, str, str, tuple[Any, ...], str]] = [
    (
        "2026-10-06",
        "refocus_working_group",
        "quartier",
        (
            "Integrierte Quartiersentwicklung in Südfeld und Weststadt",
            "Die Nordstadt läuft Ende 2026 aus der Städtebauförderung aus; die Weststadt ist als neues "
            "Fördergebiet beantragt.",
        ),
        "hoffmann",
    ),
    (
        "2026-10-06",
        "remove_member",
        "integration",
        (
            "schaefer",
            "Wechsel in die Schuldnerberatung des Caritasverbands; die Nachfolge übernimmt der Migrationsdienst.",
        ),
        "yilmaz",
    ),
    ("2026-10-06", "add_member", "integration", ("graf",), "yilmaz"),
    ("2026-10-06", "add_member", "integration", ("nguyen",), "yilmaz"),
    ("2026-10-06", "add_member", "jugend", ("oeztuerk",), "schulte"),
    (
        "2026-10-07",
        "unassign_moderator",
        "senioren",
        ("schubert", "Eintritt in den Ruhestand zum 30.06.2026."),
        "hoffmann",
    ),
    ("2026-10-07", "assign_moderator", "senioren", ("zimmermann",), "hoffmann"),
    ("2026-10-07", "remove_member", "quartier", ("schubert", "Eintritt in den Ruhestand zum 30.06.2026."), "hermann"),
]
