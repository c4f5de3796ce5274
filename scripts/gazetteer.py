#!/usr/bin/env python3
"""Generate assets/gazetteer.json: the words an article may use for a country or an organisation.

Inputs
  * assets/countries.json (written by build_assets.py from world-countries, iso-codes and
    GeoNames): each country's short, formal and alternative names, demonym and capital.
  * The hand-written tables below: English variants and former names, adjectives, capital
    variants, phrases that contain a country's name but are not the country, ambiguous words.
  * The words in Russian, French and German: scripts/gazetteer_languages.py, which says where
    they come from.
  * Organisation membership histories: NATO, the CSTO and the Customs Union / EAEU rows are read
    from the bundled scenario (assets/scenarios/csto-nato-of-the-east.json), where each row
    carries its own source; the other organisations are written below, each with the official
    page or treaty that lists its members and their dates.

Run: python3 scripts/gazetteer.py (build_assets.py runs it last). Standard library only; the output
is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import gazetteer_languages

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# ---------------------------------------------------------------------------------------------
# Country names the table lacks: common English variants and former names.
EXTRA_NAMES = {
    "BLR": ["Byelorussia", "Belorussia", "Belarussia"],
    "CIV": ["Ivory Coast"],
    "COD": ["Congo-Kinshasa", "Zaire", "Democratic Republic of Congo", "Congo"],
    "COG": ["Congo-Brazzaville", "Congo Republic"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K."],
    "IRN": ["Persia"],
    "KAZ": ["Kazakstan"],
    "KGZ": ["Kirghizia", "Kirgizia", "Kyrgyz Republic"],
    "KHM": ["Kampuchea"],
    "LKA": ["Ceylon"],
    "MDA": ["Moldavia"],
    "MKD": ["Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
    "MMR": ["Burma"],
    "NLD": ["Holland"],
    "RUS": ["Russian Federation"],
    "SWZ": ["Swaziland"],
    "THA": ["Siam"],
    "TJK": ["Tadzhikistan", "Tadjikistan"],
    "TKM": ["Turkmenia"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey", "Turkiye"],
    "USA": ["United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "BEN": ["Dahomey"],
    "BFA": ["Upper Volta"],
    "PRK": ["DPRK", "Korea"],
    "KOR": ["Korea"],
    "VNM": ["Viet Nam"],
}

# Demonyms and adjectives besides the table's one.
EXTRA_DEMONYMS = {
    "AFG": ["Afghani"],
    "ARE": ["Emirati"],
    "AZE": ["Azeri", "Azerbaijanian"],
    "BLR": ["Belarussian", "Byelorussian", "Belorussian"],
    "CZE": ["Czech"],
    "GBR": ["Briton"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "KGZ": ["Kyrgyzstani", "Kirghiz", "Kirgiz"],
    "LAO": ["Laotian", "Lao"],
    "MDA": ["Moldavian"],
    "MMR": ["Myanmar"],
    "NLD": ["Dutch"],
    "PHL": ["Philippine", "Filipino"],
    "PRK": ["Korean"],
    "KOR": ["Korean"],
    "SAU": ["Saudi"],
    "TJK": ["Tajikistani", "Tadzhik"],
    "TKM": ["Turkmen", "Turkmenistani"],
    "TUR": ["Turk"],
    "UZB": ["Uzbek", "Uzbekistani"],
}

# Territories whose table demonym is their sovereign's ("French" for the French Southern
# Lands): the word names the sovereign.
SOVEREIGNS_DEMONYM = {"ATF", "IOT", "MNP"}

# Capitals under other spellings, and former capitals the press still names the state by.
EXTRA_CAPITALS = {
    "ARM": ["Erevan"],
    "CHN": ["Peking"],
    "GEO": ["Tiflis"],
    "KAZ": ["Nur-Sultan"],
    "KGZ": ["Frunze"],
    "MDA": ["Chisinau", "Kishinev"],
    "TKM": ["Ashkhabad"],
    "UKR": ["Kiev"],
    "USA": ["Washington", "Washington, D.C."],
    "IND": ["Delhi"],
    "LKA": ["Colombo"],  # the commercial capital; Sri Jayawardenepura Kotte is the official one
}

# Capitals that are also common names of other places or people: a mention is shown for the
# user to confirm, never counted on its own.
UNCERTAIN_TERMS = {
    "Victoria": "also an Australian and a Canadian state capital and a common name",
    "Kingston": "also towns in Canada, England and the United States",
    "Georgetown": "also a district of Washington and many towns",
    "Hamilton": "also cities in Canada, New Zealand and Scotland",
    "Santiago": "also Santiago de Compostela, Santiago de Cuba and others",
    "San José": "also San Jose, California",
    "Male": "also the English word",
    "Jordan": "also a river and a common name",
    "Chad": "also a common first name",
    "Macedonia": "also the Greek region",
    "America": "the United States or the Americas",
}

# "Georgia" names a US state as often as the country: where one of these words is in the same
# paragraph, the mention is uncertain.
CONTEXT_CUES = {
    "Georgia": ["Atlanta", "Savannah", "Augusta", "U.S. state", "US state", "American state",
                "state of Georgia", "Peach State", "Alabama", "Florida", "Carolina",
                "Tennessee", "Georgia's governor", "Governor of Georgia"],
}

# Phrases that contain a country's name but name something else: matched, and not counted.
NOT_PLACES = [
    "Latin America", "South America", "North America", "Central America", "the Americas",
    "New Guinea", "Gulf of Guinea", "Niger River", "River Niger", "Niger Delta",
    "New Mexico", "Gulf of Mexico", "New Jersey", "Jordan River",
    "Georgia Tech", "Sudan Road", "Turkey Creek", "Dominican Order", "Dominican friar",
    "Dominican friars", "Lake Chad", "Chad Basin", "Minsk Group",
    # Agreements named after the city where they were signed: the city is not a party.
    "Bishkek Protocol", "Minsk Protocol", "Minsk agreements", "Minsk Agreement",
    "Budapest Memorandum",
]

# Alternative names that are ordinary English words: "Island" (Iceland's "Ísland" without its
# accent) starts many sentences that are not about Iceland.
NOT_NAMES = {"Island"}


def names_of(row: dict) -> list[str]:
    names = [row["name"], row["formal_name"]]
    names += [alt for alt in row["alt_names"] if is_latin(alt) and (len(alt) > 2 or alt.isupper())]
    names += EXTRA_NAMES.get(row["iso_a3"], [])
    # Inverted forms such as "Korea, Republic of" never appear in running text.
    names = [name for name in names if name not in NOT_NAMES]
    return unique([name for name in names if ", " not in name or name.endswith("D.C.")])


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "ʻʼ‘’" for ch in text)


def unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def plural(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "ss", "sh", "ch", "i", "s", "z", "x")) or " " in demonym:
        return [demonym]
    return [demonym, demonym + "s"]


def country_entry(row: dict) -> dict:
    own = row["demonym"] and row["iso_a3"] not in SOVEREIGNS_DEMONYM
    demonyms = ([row["demonym"]] if own else []) + EXTRA_DEMONYMS.get(row["iso_a3"], [])
    demonyms = unique([form for d in demonyms for form in plural(d)])
    capitals = ([row["capital"]["name"]] if row["capital"] else []) + EXTRA_CAPITALS.get(row["iso_a3"], [])
    return {
        "code": row["iso_a3"],
        "name": row["name"],
        "names": names_of(row),
        "demonyms": demonyms,
        "capitals": unique(capitals),
    }


# ---------------------------------------------------------------------------------------------
# Organisations. Each row: (country, status, from, until or None, note or None).

NATO_SOURCE = ("NATO, 'Member countries' (www.nato.int/cps/en/natohq/topics_52044.htm) and "
               "the North Atlantic Treaty, Washington, 4 April 1949")

CIS_SOURCE = ("Agreement on the Establishment of the CIS (Minsk, 8 December 1991) and the "
              "Alma-Ata Protocol (21 December 1991); CIS Executive Committee, 'Member states' "
              "(e-cis.info)")
CIS_ROWS = [
    ("BLR", "member", "1991-12-08", None, "signatory of the Minsk Agreement"),
    ("RUS", "member", "1991-12-08", None, "signatory of the Minsk Agreement"),
    ("UKR", "member", "1991-12-08", "2018-05-19",
     "a founding state that never ratified the 1993 Charter; decree of 19 May 2018 ending its "
     "participation in CIS bodies"),
    ("UKR", "former", "2018-05-19", None, None),
    ("ARM", "member", "1991-12-21", None, "Alma-Ata Protocol"),
    ("AZE", "member", "1993-09-24", None,
     "signed the Alma-Ata Protocol in 1991; its parliament refused ratification in October 1992 "
     "and voted to join on 24 September 1993"),
    ("KAZ", "member", "1991-12-21", None, "Alma-Ata Protocol"),
    ("KGZ", "member", "1991-12-21", None, "Alma-Ata Protocol"),
    ("MDA", "member", "1991-12-21", None, "Alma-Ata Protocol; ratified by Moldova in April 1994"),
    ("TJK", "member", "1991-12-21", None, "Alma-Ata Protocol"),
    ("TKM", "member", "1991-12-21", "2005-08-26", "Alma-Ata Protocol"),
    ("TKM", "associate", "2005-08-26", None,
     "associate member from the Kazan summit of 26 August 2005, not an observer",
     "CIS Executive Committee, 'Member states' (e-cis.info): Turkmenistan an associate member "
     "since the Council of Heads of State in Kazan, 26 August 2005"),
    ("UZB", "member", "1991-12-21", None, "Alma-Ata Protocol"),
    ("GEO", "member", "1993-12-03", "2009-08-18",
     "membership from its accession in December 1993 (the source's date; the day is that of "
     "the accession's signature), not from the Georgian parliament's ratification of 1 March "
     "1994",
     "Kremlin, 'Commonwealth of Independent States' (en.kremlin.ru/catalog/glossary/38): "
     "'Georgia joined the Commonwealth in December 1993, but terminated its CIS membership on "
     "August 18, 2009'"),
    ("GEO", "former", "2009-08-18", None, "withdrawal effective 18 August 2009"),
]

SCO_SOURCE = "SCO Secretariat, 'About SCO' (eng.sectsco.org): founding members and accessions"
SCO_ROWS = [(code, "member", "2001-06-15", None, "founding member")
            for code in ("CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB")] + [
    ("IND", "member", "2017-06-09", None, "admitted at the Astana summit"),
    ("PAK", "member", "2017-06-09", None, "admitted at the Astana summit"),
    ("IRN", "member", "2023-07-04", None, "admitted at the New Delhi (virtual) summit"),
    ("BLR", "member", "2024-07-04", None, "admitted at the Astana summit"),
]

EU_SOURCE = ("European Union, 'EU countries' (european-union.europa.eu): dates of accession; "
             "rows before 1 November 1993 are membership of the European Communities")
EU_ROWS = [(code, "member", "1958-01-01", None, "founding member of the EEC")
           for code in ("BEL", "FRA", "DEU", "ITA", "LUX", "NLD")] + [
    ("DNK", "member", "1973-01-01", None, None),
    ("IRL", "member", "1973-01-01", None, None),
    ("GBR", "member", "1973-01-01", "2020-02-01", "left the EU at the end of 31 January 2020"),
    ("GBR", "former", "2020-02-01", None, None),
    ("GRC", "member", "1981-01-01", None, None),
    ("ESP", "member", "1986-01-01", None, None),
    ("PRT", "member", "1986-01-01", None, None),
] + [(code, "member", "1995-01-01", None, None) for code in ("AUT", "FIN", "SWE")] + [
    (code, "member", "2004-05-01", None, None)
    for code in ("CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN")
] + [
    ("BGR", "member", "2007-01-01", None, None),
    ("ROU", "member", "2007-01-01", None, None),
    ("HRV", "member", "2013-07-01", None, None),
]

GUAM_SOURCE = ("GUAM Organization for Democracy and Economic Development, 'History' "
               "(guam-organization.org): Strasbourg communiqué of 10 October 1997; Charter "
               "signed in Kyiv on 23 May 2006")
GUAM_ROWS = [(code, "member", "1997-10-10", None, "Strasbourg communiqué")
             for code in ("GEO", "UKR", "AZE", "MDA")] + [
    ("UZB", "member", "1999-04-24", "2005-05-05", "joined at the Washington meeting"),
    ("UZB", "former", "2005-05-05", None, "withdrawal announced 5 May 2005"),
]

OSCE_SOURCE = ("OSCE, 'Participating States' (www.osce.org/participating-states): dates of "
               "joining; the 35 original states signed the Helsinki Final Act on 1 August 1975")
OSCE_ORIGINAL = ("AUT", "BEL", "BGR", "CAN", "CYP", "DNK", "FIN", "FRA", "DEU", "GRC", "VAT",
                 "HUN", "ISL", "IRL", "ITA", "LIE", "LUX", "MLT", "MCO", "NLD", "NOR", "POL",
                 "PRT", "ROU", "SMR", "ESP", "SWE", "CHE", "TUR", "RUS", "GBR", "USA")
OSCE_ROWS = [(code, "member", "1975-08-01", None,
              "Helsinki Final Act" + (" (as the Soviet Union)" if code == "RUS" else "")
              + (" (as the Federal Republic and the GDR)" if code == "DEU" else ""))
             for code in OSCE_ORIGINAL] + [
    ("ALB", "member", "1991-06-19", None, None),
] + [(code, "member", "1991-09-10", None, None) for code in ("EST", "LVA", "LTU")] + [
    (code, "member", "1992-01-30", None, None)
    for code in ("ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UKR", "UZB")
] + [
    ("GEO", "member", "1992-03-24", None, None),
    ("SVN", "member", "1992-03-24", None, None),
    ("HRV", "member", "1992-03-24", None, None),
    ("BIH", "member", "1992-04-30", None, None),
    ("CZE", "member", "1993-01-01", None, "Czechoslovakia signed in 1975"),
    ("SVK", "member", "1993-01-01", None, "Czechoslovakia signed in 1975"),
    ("MKD", "member", "1995-10-12", None, None),
    ("AND", "member", "1996-04-25", None, None),
    ("SRB", "member", "2000-11-10", None, "as the Federal Republic of Yugoslavia"),
    ("MNE", "member", "2006-06-22", None, None),
    ("MNG", "member", "2012-11-21", None, None),
]

ASEAN_SOURCE = ("ASEAN Secretariat, 'ASEAN Member States' (asean.org): the Bangkok Declaration "
                "of 8 August 1967 and later admissions")
ASEAN_ROWS = [(code, "member", "1967-08-08", None, "Bangkok Declaration")
              for code in ("IDN", "MYS", "PHL", "SGP", "THA")] + [
    ("BRN", "member", "1984-01-07", None, None),
    ("VNM", "member", "1995-07-28", None, None),
    ("LAO", "member", "1997-07-23", None, None),
    ("MMR", "member", "1997-07-23", None, None),
    ("KHM", "member", "1999-04-30", None, None),
    ("TLS", "member", "2025-10-26", None, "admitted at the 47th summit, Kuala Lumpur"),
]

AU_SOURCE = ("African Union, 'Member States' (au.int/en/member_states/countryprofiles2): the AU "
             "was launched in Durban on 9 July 2002")
AU_PSC = "African Union Peace and Security Council, communiqué of its meeting of "
# Suspensions from all AU activities after an unconstitutional change of government (Lomé
# Declaration, 2000; Constitutive Act, article 30), each from the Peace and Security Council's
# decision to the one lifting it (None: in force). Earlier suspensions of the AU's first years
# (Mauritania, Togo, Guinea, Niger, Mali 2012 and 2020, Guinea-Bissau 2012, Burkina Faso 2015)
# are not recorded yet: see assets/README.md.
AU_SUSPENSIONS = [
    ("MDG", "2009-03-20", "2014-01-27",
     "20 March 2009 (after the transfer of power of 17 March 2009)", "27 January 2014 (after the elections of 2013)"),
    ("CAF", "2013-03-25", "2016-04-06", "25 March 2013 (after the Séléka's seizure of Bangui)",
     "6 April 2016 (after the elections of 2015-2016)"),
    ("EGY", "2013-07-05", "2014-06-17", "5 July 2013 (after the removal of President Morsi)",
     "17 June 2014 (after the presidential election of May 2014)"),
    ("MLI", "2021-06-01", None, "1 June 2021 (after the coup of 24 May 2021)", None),
    ("GIN", "2021-09-10", None, "10 September 2021 (after the coup of 5 September 2021)", None),
    ("SDN", "2021-10-27", None, "27 October 2021 (after the coup of 25 October 2021)", None),
    ("BFA", "2022-01-31", None, "31 January 2022 (after the coup of 24 January 2022)", None),
    ("NER", "2023-08-22", None, "22 August 2023 (after the coup of 26 July 2023)", None),
    ("GAB", "2023-08-31", "2025-04-30", "31 August 2023 (after the coup of 30 August 2023)",
     "30 April 2025 (after the presidential election of 12 April 2025)"),
    ("MDG", "2025-10-15", None, "15 October 2025 (after the military takeover of October 2025)",
     None),
    ("GNB", "2025-11-28", None, "28 November 2025 (after the coup of 26 November 2025)", None),
]


def with_suspensions(rows, suspensions, source_prefix):
    """Member rows split around each suspension: member until it, suspended during it, member
    again after it is lifted. Each suspended row and each row that follows a lifting cites the
    decision it rests on."""
    out = []
    for country, status, start, until, note, *own in rows:
        cuts = sorted(s for s in suspensions if s[0] == country)
        if status != "member" or not cuts:
            out.append((country, status, start, until, note, *own))
            continue
        since, since_note, since_source = start, note, (own[0] if own else None)
        for _, begin, end, decided, lifted in cuts:
            assert since < begin and (until is None or begin < until), (country, begin)
            out.append((country, "member", since, begin, since_note,
                        *([since_source] if since_source else [])))
            out.append((country, "suspended", begin, end, "suspended from all AU activities",
                        source_prefix + decided))
            if end is None:
                break
            since, since_note, since_source = end, "suspension lifted", source_prefix + lifted
        else:
            out.append((country, "member", since, until, since_note,
                        *([since_source] if since_source else [])))
    return out
AU_FOUNDERS = ("DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CMR", "CPV", "CAF", "TCD", "COM",
               "COG", "COD", "CIV", "DJI", "EGY", "GNQ", "ERI", "ETH", "GAB", "GMB", "GHA",
               "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI", "MRT", "MUS",
               "MOZ", "NAM", "NER", "NGA", "RWA", "ESH", "STP", "SEN", "SYC", "SLE", "SOM",
               "ZAF", "SDN", "SWZ", "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE")
AU_ROWS = with_suspensions([(code, "member", "2002-07-09", None,
            "as the Sahrawi Arab Democratic Republic" if code == "ESH" else None)
           for code in AU_FOUNDERS] + [
    ("SSD", "member", "2011-07-27", None,
     "admitted as the 54th member state: the day the AU announced it had the required majority "
     "(the Commission dates the last affirmation 26 July; the accession ceremony was on "
     "15 August 2011), not 28 July, the day the news was reported",
     "Reuters, 'African Union admits South Sudan as 54th member' (28 July 2011): the AU "
     "said late on Wednesday 27 July it had the majority to admit South Sudan; African Union "
     "Commission press release of 10 August 2011 (via APO)"),
    ("MAR", "member", "2017-01-30", None, "readmitted at the 28th summit, Addis Ababa"),
], AU_SUSPENSIONS, AU_PSC)

# Each organisation's colour, the same in every scenario that does not give one: Okabe & Ito's
# for the five most often drawn together (CSTO, NATO, EAEU, CIS, SCO), Paul Tol's muted scheme
# for the rest; none is the neighbours' sky blue or the tensions' yellow.
COLOURS = {"NATO": "#0072B2", "CSTO": "#D55E00", "CIS": "#CC79A7", "EAEU": "#009E73",
           "SCO": "#E69F00", "EU": "#882255", "GUAM": "#999933", "OSCE": "#44AA99",
           "ASEAN": "#117733", "AU": "#DDCC77"}

ORGANISATIONS = [
    # (id, name, short name, other names, kind, founded, source, rows or None for the scenario's)
    ("NATO", "North Atlantic Treaty Organization", "NATO",
     ["North Atlantic Alliance", "Atlantic Alliance", "North Atlantic Treaty Organisation"],
     "alliance", "1949-08-24", NATO_SOURCE, None),
    ("CSTO", "Collective Security Treaty Organization", "CSTO",
     ["Collective Security Treaty Organisation", "ODKB"], "alliance", "2002-10-07", None, None),
    ("CIS", "Commonwealth of Independent States", "CIS", [], "organisation", "1991-12-08",
     CIS_SOURCE, CIS_ROWS),
    ("EAEU", "Eurasian Economic Union", "EAEU",
     ["EEU", "Eurasian Union", "Customs Union of Belarus, Kazakhstan and Russia",
      "Eurasian Customs Union"], "economic_union", "2015-01-01", None, None),
    ("SCO", "Shanghai Cooperation Organisation", "SCO",
     ["Shanghai Cooperation Organization", "Shanghai Five"], "organisation", "2001-06-15",
     SCO_SOURCE, SCO_ROWS),
    ("EU", "European Union", "EU", ["E.U."], "economic_union", "1993-11-01", EU_SOURCE, EU_ROWS),
    ("GUAM", "GUAM Organization for Democracy and Economic Development", "GUAM", ["GUUAM"],
     "organisation", "1997-10-10", GUAM_SOURCE, GUAM_ROWS),
    ("OSCE", "Organization for Security and Co-operation in Europe", "OSCE",
     ["Organisation for Security and Co-operation in Europe", "CSCE",
      "Conference on Security and Co-operation in Europe"], "organisation", "1975-08-01",
     OSCE_SOURCE, OSCE_ROWS),
    ("ASEAN", "Association of Southeast Asian Nations", "ASEAN",
     ["Association of South East Asian Nations"], "organisation", "1967-08-08",
     ASEAN_SOURCE, ASEAN_ROWS),
    ("AU", "African Union", "AU", [], "organisation", "2002-07-09", AU_SOURCE, AU_ROWS),
]

# The bundled scenario's groups whose rows the gazetteer takes as they are.
FROM_SCENARIO = {"NATO": "NATO", "CSTO": "CSTO", "EAEU": "CU"}


def scenario_rows(scenario: dict, group: str) -> list[dict]:
    rows = []
    for m in scenario["memberships"]:
        if m["group"] != group:
            continue
        row = {"country": m["country"], "status": m["status"], "from": m["from"],
               "until": m.get("until"), "source": m["source"]}
        if m.get("note"):
            row["note"] = m["note"]
        rows.append(row)
    return rows


def organisation_entry(org: tuple, scenario: dict, known: set[str]) -> dict:
    ident, name, short, aliases, kind, founded, source, rows = org
    if rows is None:
        members = scenario_rows(scenario, FROM_SCENARIO[ident])
    else:
        members = []
        # A row may cite a source of its own, for a date the organisation's page does not give.
        for country, status, start, until, note, *own_source in rows:
            row = {"country": country, "status": status, "from": start, "until": until,
                   "source": own_source[0] if own_source else source}
            if note:
                row["note"] = note
            members.append(row)
    for row in members:
        assert row["country"] in known, f"{ident}: unknown country {row['country']}"
    check_no_overlap(ident, members)
    members.sort(key=lambda r: (r["country"], r["from"]))
    return {"id": ident, "name": name, "short_name": short, "aliases": aliases, "kind": kind,
            "color": COLOURS[ident], "founded": founded, "members": members}


def check_no_overlap(ident: str, members: list[dict]) -> None:
    by_country: dict[str, list[dict]] = {}
    for row in members:
        by_country.setdefault(row["country"], []).append(row)
    for country, rows in by_country.items():
        rows.sort(key=lambda r: r["from"])
        for earlier, later in zip(rows, rows[1:]):
            assert earlier["until"] is not None and earlier["until"] <= later["from"], (
                f"{ident}: {country} periods overlap")


def main() -> None:
    rows = json.loads((ASSETS / "countries.json").read_text(encoding="utf-8"))
    scenario = json.loads(
        (ASSETS / "scenarios" / "csto-nato-of-the-east.json").read_text(encoding="utf-8"))
    known = {row["iso_a3"] for row in rows}
    for table in (EXTRA_NAMES, EXTRA_DEMONYMS, EXTRA_CAPITALS):
        assert set(table) <= known, set(table) - known
    assert len(AU_FOUNDERS) == 53 and len(OSCE_ORIGINAL) == 32  # 35 signatories, 3 merged since
    gazetteer = {
        "countries": [country_entry(row) for row in rows],
        "organisations": [organisation_entry(org, scenario, known) for org in ORGANISATIONS],
        "uncertain_terms": [{"term": term, "reason": reason}
                            for term, reason in UNCERTAIN_TERMS.items()],
        "context_cues": [{"term": term, "cues": cues} for term, cues in CONTEXT_CUES.items()],
        "not_places": NOT_PLACES,
        "languages": gazetteer_languages.languages(known),
    }
    out = ASSETS / "gazetteer.json"
    out.write_text(json.dumps(gazetteer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    terms = sum(len(c["names"]) + len(c["demonyms"]) + len(c["capitals"])
                for c in gazetteer["countries"])
    print(f"wrote {out.relative_to(ROOT)}: {len(rows)} countries, {terms} terms, "
          f"{len(ORGANISATIONS)} organisations")


if __name__ == "__main__":
    main()
