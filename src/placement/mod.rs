//! Where everything written or marked on the map stands in one view: country names, capitals
//! (dot and name), contested territories' names, membership badges, tension markers, arcs
//! (gapped under names) and leader lines. Pure: a view, the date's layers and a text measurer
//! in, plain positions out; the screen ([`crate::map`]) and the figures ([`crate::figure`])
//! both draw what it returns, so a name stands in the same place on both. It uses egui's
//! geometry types only (points and rectangles), never a painter or fonts.

pub mod arcs;
pub mod markers;
pub mod pole;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use egui::{Pos2, Rect, Vec2, vec2};

use crate::layers::TensionArc;
use crate::model::date::Date;
use crate::model::geo::{LonLat, wrap_longitude};
use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::{PartyRef, Scenario};
use crate::model::territory::Territories;
use crate::model::{CountryId, Detail, World};
use crate::render::plugins::MemberBadge;
use crate::render::style::{
    BADGE_GAP_PX, BADGE_RADIUS_PX, CAPITAL_DOT_RADIUS_PX, CAPITAL_FONT_SIZE, CAPITAL_LABEL_OFFSET,
    LABEL_FONT_SIZE, MARKER_SPACING_PX, TENSION_MARKER_PICK_RADIUS_PX, TERRITORY_FONT_SIZE,
    TERRITORY_LABEL_MIN_WIDTH_PX, TERRITORY_MARKER_RADIUS_PX,
};
use crate::render::view::MercatorView;

use self::pole::{Pole, clip_ring, pole_of_inaccessibility};

/// Measures a line of text at a size in pixels: egui's fonts on screen, the figure's own
/// estimate on paper.
pub trait TextMeasure {
    fn text_size(&self, text: &str, size_px: f32) -> Vec2;
}

impl<F: Fn(&str, f32) -> Vec2> TextMeasure for F {
    fn text_size(&self, text: &str, size_px: f32) -> Vec2 {
        self(text, size_px)
    }
}

/// What a placed name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    Country(CountryId),
    /// A country's capital.
    Capital(CountryId),
    /// A contested territory, by its index in [`Territories::all`].
    Territory(usize),
}

impl Named {
    /// The kind as the figure's SVG writes it (`data-kind`).
    pub fn kind(self) -> &'static str {
        match self {
            Named::Country(_) => "country",
            Named::Capital(_) => "capital",
            Named::Territory(_) => "territory",
        }
    }
}

/// A name where it was placed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedName {
    pub named: Named,
    pub text: String,
    pub size_px: f32,
    /// The text's box on screen (badges beside a country's name are not in it).
    pub rect: Rect,
    /// The place the name stands for: inside the country as drawn, the capital, the
    /// territory's point.
    pub anchor: LonLat,
    pub anchor_px: Pos2,
    /// From the anchor to the text, for a name set beside a country too small to hold it.
    pub leader: Option<[Pos2; 2]>,
}

/// A membership badge beside a country's name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedBadge {
    pub country: CountryId,
    pub member: MemberBadge,
    pub center: Pos2,
}

/// A tension's arcs on screen, cut where they would run under a name.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedArc {
    /// Index into the layers' tensions.
    pub tension: usize,
    pub pieces: Vec<Vec<Pos2>>,
}

/// Everything placed for one view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    pub names: Vec<PlacedName>,
    pub capital_dots: Vec<(CountryId, Pos2)>,
    pub badges: Vec<PlacedBadge>,
    /// One marker per tension, in the order of the tensions given.
    pub markers: Vec<MercatorPoint>,
    pub arcs: Vec<PlacedArc>,
}

impl Placement {
    /// The name whose text is under `pos`, so that pointing at a word picks what it names.
    pub fn name_at(&self, pos: Pos2) -> Option<Named> {
        self.names
            .iter()
            .rev()
            .find(|name| name.rect.contains(pos))
            .map(|name| name.named)
    }

    /// The countries whose names were placed.
    pub fn named_countries(&self) -> Vec<CountryId> {
        self.names
            .iter()
            .filter_map(|name| match name.named {
                Named::Country(id) => Some(id),
                _ => None,
            })
            .collect()
    }

    /// This placement carried along with the map from view `from` to view `to` (a pan or a
    /// zoom while the view moves): every name, dot, badge, leader line and arc moves with the
    /// place it stands for, at its size. A name that would leave the screen, or cover a
    /// `reserved` rectangle or a name kept before it, is left out with its badges, so that the
    /// guarantees hold on every frame; what comes into view waits for the next placement.
    pub fn carried(&self, from: &MercatorView, to: &MercatorView, reserved: &[Rect]) -> Placement {
        let carry = |pos: Pos2| to.to_screen(from.screen_to_mercator(pos));
        let screen = to.screen_rect();
        let mut kept: Vec<Rect> = reserved.to_vec();
        let mut names = Vec::with_capacity(self.names.len());
        let mut country_shifts: HashMap<CountryId, Vec2> = HashMap::new();
        for name in &self.names {
            let anchor_px = carry(name.anchor_px);
            let shift = anchor_px - name.anchor_px;
            let rect = name.rect.translate(shift);
            if !screen.contains_rect(rect) || kept.iter().any(|other| other.intersects(rect)) {
                continue;
            }
            kept.push(rect);
            if let Named::Country(id) = name.named {
                country_shifts.insert(id, shift);
            }
            names.push(PlacedName {
                rect,
                anchor_px,
                leader: name.leader.map(|[_, to]| [anchor_px, to + shift]),
                ..name.clone()
            });
        }
        let named: HashSet<CountryId> = self.named_countries().into_iter().collect();
        let badges = self
            .badges
            .iter()
            .filter_map(|badge| {
                let center = match country_shifts.get(&badge.country) {
                    Some(shift) => badge.center + *shift,
                    // A badge whose country's name was left out goes with it.
                    None if named.contains(&badge.country) => return None,
                    None => carry(badge.center),
                };
                Some(PlacedBadge { center, ..*badge })
            })
            .collect();
        Placement {
            names,
            capital_dots: self
                .capital_dots
                .iter()
                .map(|&(id, dot)| (id, carry(dot)))
                .filter(|(_, dot)| screen.contains(*dot))
                .collect(),
            badges,
            markers: self.markers.clone(),
            arcs: self
                .arcs
                .iter()
                .map(|arc| PlacedArc {
                    tension: arc.tension,
                    pieces: arc
                        .pieces
                        .iter()
                        .map(|piece| piece.iter().map(|&p| carry(p)).collect())
                        .collect(),
                })
                .collect(),
        }
    }

    /// The countries with a badge placed, each once.
    pub fn badged_countries(&self) -> Vec<CountryId> {
        let mut countries: Vec<CountryId> = self.badges.iter().map(|b| b.country).collect();
        countries.dedup();
        countries
    }
}

/// What placement needs for one view.
pub struct PlacementInput<'a> {
    pub world: &'a World,
    pub view: MercatorView,
    /// Every country in the order its name is placed, from [`label_order`].
    pub order: &'a [CountryId],
    /// The countries named first: the scenario's countries and its tensions' parties.
    pub first: &'a [CountryId],
    /// Those of `first` named beside themselves on a leader line when too small to hold their
    /// name: the members of the scenario's alliance and the tensions' parties.
    pub beside: &'a [CountryId],
    /// Whether names are shown, or only the badges.
    pub show_names: bool,
    /// The visible groups' badges per country, sorted by country.
    pub badges: &'a [(CountryId, Vec<MemberBadge>)],
    /// The tensions shown (none when their layer is off).
    pub tensions: &'a [TensionArc],
    /// The map's date: the capitals and the contested territories are those of that day.
    pub date: Date,
    /// The contested territories, when their layer is shown.
    pub territories: Option<&'a Territories>,
    /// Rectangles no name may cover: the legend, the scale bar, the map's controls.
    pub reserved: &'a [Rect],
}

/// Room kept round a name's text, in pixels: its halo and a little air.
const NAME_PADDING_PX: f32 = 2.0;
/// How far beside its anchor a name on a leader line is set, in pixels.
const LEADER_GAPS_PX: [f32; 4] = [10.0, 24.0, 40.0, 60.0];
/// How many cells the pole of a whole part may look at: worked out once, so it may be exact.
const WHOLE_PART_CELLS: usize = 4_000;
/// The pole of a part cut to the view is worked out whenever the view changes, so more
/// coarsely: to a few pixels, in a few hundred cells.
const CLIPPED_PART_CELLS: usize = 300;
const CLIPPED_POLE_PRECISION_PX: f64 = 4.0;
/// Other countries' capitals are named from this zoom on.
const CAPITALS_FROM_ZOOM: f64 = 4.5;
/// A territory without an outline is named from this zoom on: at a world view its name runs
/// far over its neighbours.
const POINT_TERRITORY_NAMES_FROM_ZOOM: f64 = 4.0;

/// Poles of inaccessibility of whole country parts, which do not depend on the view: worked
/// out once per part and level of detail.
#[derive(Default)]
pub struct Poles {
    parts: RefCell<HashMap<(CountryId, Detail, usize), Option<Pole>>>,
}

impl Poles {
    fn of_part(
        &self,
        world: &World,
        country: CountryId,
        detail: Detail,
        part: usize,
    ) -> Option<Pole> {
        *self
            .parts
            .borrow_mut()
            .entry((country, detail, part))
            .or_insert_with(|| {
                let rings = part_rings(world, country, detail, part, None);
                let extent = rings.first().map_or(0.0, |ring| {
                    let bbox = crate::model::BoundingBox::of_points(ring.iter());
                    (bbox.max[0] - bbox.min[0]).min(bbox.max[1] - bbox.min[1])
                });
                pole_of_inaccessibility(&rings, extent / 200.0, WHOLE_PART_CELLS)
            })
    }
}

/// The rings of one part of a country as drawn at `detail`, cut to `clip` when given.
fn part_rings(
    world: &World,
    country: CountryId,
    detail: Detail,
    part: usize,
    clip: Option<([f64; 2], [f64; 2])>,
) -> Vec<Vec<[f64; 2]>> {
    let mesh = world.country(country).mesh(detail);
    let Some(part) = mesh.parts.get(part) else {
        return Vec::new();
    };
    part.rings
        .iter()
        .map(|ring| {
            let points: Vec<[f64; 2]> = mesh.vertices[ring.clone()]
                .iter()
                .map(|p| [p.x, p.y])
                .collect();
            match clip {
                Some((min, max)) => clip_ring(&points, min, max),
                None => points,
            }
        })
        .filter(|ring| ring.len() >= 3)
        .collect()
}

/// Rectangles already taken.
struct Taken(Vec<Rect>);

impl Taken {
    fn is_free(&self, rect: Rect) -> bool {
        !self.0.iter().any(|other| other.intersects(rect))
    }
}

/// Where a country's name stands best in a view: the pole of its largest visible part.
struct NameSpot {
    copy: MercatorView,
    anchor: MercatorPoint,
    radius_px: f32,
}

/// Places everything for one view. Priority: the `first` countries' names, then their
/// capitals, then the contested territories, then the other countries by area (with their
/// capitals from zoom 4.5). Nothing placed overlaps anything placed before it, a marker or a
/// reserved rectangle.
pub fn place(input: &PlacementInput<'_>, measure: &dyn TextMeasure, poles: &Poles) -> Placement {
    let view = input.view;
    let screen = view.screen_rect();
    let copies: Vec<MercatorView> = view.world_copies().collect();
    let detail = input.world.available(view.detail());
    let first: HashSet<CountryId> = input.first.iter().copied().collect();
    let keep_clear: Vec<MercatorPoint> = input
        .first
        .iter()
        .map(|&id| {
            let place = input.world.country(id).label_point();
            mercator::project(place.lon, place.lat)
        })
        .collect();
    let markers = markers::declutter_markers(
        input.tensions,
        view.pixels_per_unit(),
        f64::from(MARKER_SPACING_PX),
        &keep_clear,
    );
    let mut taken = Taken(input.reserved.to_vec());
    for &marker in &markers {
        for copy in &copies {
            taken.0.push(Rect::from_center_size(
                copy.to_screen(marker),
                Vec2::splat(2.0 * TENSION_MARKER_PICK_RADIUS_PX),
            ));
        }
    }
    let mut placer = Placer {
        input,
        measure,
        poles,
        screen,
        copies: &copies,
        detail,
        taken,
        placement: Placement {
            markers,
            ..Placement::default()
        },
    };
    let (firsts, others): (Vec<CountryId>, Vec<CountryId>) =
        input.order.iter().partition(|id| first.contains(id));
    for &id in &firsts {
        placer.country(id, true);
    }
    if input.show_names {
        for &id in &firsts {
            placer.capital(id, true);
        }
    }
    placer.territories();
    for &id in &others {
        if placer.country(id, false) && input.show_names && view.zoom() >= CAPITALS_FROM_ZOOM {
            placer.capital(id, false);
        }
    }
    let mut placement = placer.placement;
    let name_rects: Vec<Rect> = placement.names.iter().map(|name| name.rect).collect();
    placement.arcs = arcs::gapped_arcs(input.tensions, &copies, &name_rects);
    placement
}

struct Placer<'p, 'a> {
    input: &'p PlacementInput<'a>,
    measure: &'p dyn TextMeasure,
    poles: &'p Poles,
    screen: Rect,
    copies: &'p [MercatorView],
    detail: Detail,
    taken: Taken,
    placement: Placement,
}

impl Placer<'_, '_> {
    fn fits_on_screen(&self, rect: Rect) -> bool {
        self.screen.contains_rect(rect) && self.taken.is_free(rect)
    }

    /// Places a country's name with its badges; whether the name was placed.
    fn country(&mut self, id: CountryId, is_first: bool) -> bool {
        let world = self.input.world;
        let country = world.country(id);
        let badges = self
            .input
            .badges
            .binary_search_by_key(&id, |(country, _)| *country)
            .map_or(&[][..], |at| &self.input.badges[at].1[..]);
        if !self.input.show_names && badges.is_empty() {
            return false;
        }
        let text_size = self.measure.text_size(country.name(), LABEL_FONT_SIZE);
        let name_size = if self.input.show_names {
            text_size
        } else {
            Vec2::ZERO
        };
        let size = label_with_badges_size(name_size, badges.len());
        // A country narrower on screen than its name cannot hold it: most of the world's
        // countries at a low zoom, ruled out before any pole is worked out.
        if !is_first && self.widest_visible_px(id) < size.x {
            return false;
        }
        let Some(spot) = self.name_spot(id) else {
            return false;
        };
        let anchor_px = spot.copy.to_screen(spot.anchor);
        // The cheap test (is the room free?) before the dear one (does the name stand on the
        // country?).
        let within = SHIFTS
            .iter()
            .take(if is_first { SHIFTS.len() } else { 1 })
            .map(|shift| Rect::from_center_size(anchor_px + *shift * size, size))
            .find(|rect| {
                self.fits_on_screen(rect.expand(NAME_PADDING_PX))
                    && self.holds(id, &spot.copy, rect.min, name_size)
            });
        let chosen = match within {
            Some(rect) => Some((rect.expand(NAME_PADDING_PX), false)),
            None if is_first && self.input.beside.contains(&id) => {
                // A name beside its country goes near it and over the sea rather than over
                // other countries (a name over a neighbour reads as the neighbour's), each
                // farther ring of places costing as much as a neighbour's land under half the
                // name: in a small window a long leader line crosses more than it spares.
                leader_rects(anchor_px, spot.radius_px, size)
                    .map(|(ring, rect)| (ring, rect.expand(NAME_PADDING_PX)))
                    .filter(|(_, rect)| self.fits_on_screen(*rect))
                    .map(|(ring, rect)| {
                        let covered = self.land_covered(id, &spot.copy, rect);
                        (covered + LEADER_RING_COST * ring, rect)
                    })
                    .min_by_key(|(cost, _)| *cost)
                    .map(|(_, rect)| (rect, true))
            }
            None => None,
        };
        let Some((rect, leader)) = chosen else {
            return false;
        };
        self.taken.0.push(rect);
        let inner = rect.shrink(NAME_PADDING_PX);
        let text_rect = Rect::from_min_size(
            inner.left_center() - vec2(0.0, name_size.y / 2.0),
            name_size,
        );
        if self.input.show_names {
            let anchor = mercator::unproject(spot.anchor);
            self.placement.names.push(PlacedName {
                named: Named::Country(id),
                text: country.name().to_string(),
                size_px: LABEL_FONT_SIZE,
                rect: text_rect,
                anchor: LonLat::new(wrap_longitude(anchor.lon), anchor.lat),
                anchor_px,
                leader: leader.then(|| [anchor_px, inner.clamp(anchor_px)]),
            });
        }
        let step = 2.0 * BADGE_RADIUS_PX + BADGE_GAP_PX;
        for (i, member) in badges.iter().rev().enumerate() {
            let center = inner.right_center() - vec2(BADGE_RADIUS_PX + i as f32 * step, 0.0);
            self.placement.badges.push(PlacedBadge {
                country: id,
                member: *member,
                center,
            });
        }
        self.input.show_names
    }

    /// Whether a name of `name_size` with its top-left at `min` stands on the country as
    /// drawn: its middle line end to end and the middle of its top and bottom edges.
    fn holds(&self, id: CountryId, copy: &MercatorView, min: Pos2, name_size: Vec2) -> bool {
        let size = if name_size == Vec2::ZERO {
            Vec2::splat(2.0 * BADGE_RADIUS_PX)
        } else {
            name_size
        };
        let (w, h) = (size.x, size.y);
        let points = [
            (0.05, 0.5),
            (0.3, 0.5),
            (0.5, 0.5),
            (0.7, 0.5),
            (0.95, 0.5),
            (0.5, 0.15),
            (0.5, 0.85),
        ];
        points.iter().all(|&(fx, fy)| {
            let place = copy.screen_to_lon_lat(min + vec2(w * fx, h * fy));
            self.input
                .world
                .country_at_detail(place.lon, place.lat, self.detail)
                .is_some_and(|country| country.id() == id)
        })
    }

    /// The width on screen of the widest of the country's parts in view, in pixels.
    fn widest_visible_px(&self, id: CountryId) -> f32 {
        let mesh = self.input.world.country(id).mesh(self.detail);
        let mut widest = 0.0f64;
        for copy in self.copies {
            let visible = copy.visible_mercator();
            for part in &mesh.parts {
                let b = &part.bbox_in_mercator;
                let width = b.max[0].min(visible.max[0]) - b.min[0].max(visible.min[0]);
                let height = b.max[1].min(visible.max[1]) - b.min[1].max(visible.min[1]);
                if height > 0.0 {
                    widest = widest.max(width * copy.pixels_per_unit());
                }
            }
        }
        widest as f32
    }

    /// How much of `rect` lies on other countries' land: a count of sample points, those on
    /// a first country counting double.
    fn land_covered(&self, id: CountryId, copy: &MercatorView, rect: Rect) -> u32 {
        let samples = [(0.1, 0.5), (0.5, 0.5), (0.9, 0.5), (0.3, 0.2), (0.7, 0.8)];
        samples
            .iter()
            .map(|&(fx, fy)| {
                let place = copy.screen_to_lon_lat(rect.min + rect.size() * vec2(fx, fy));
                match self
                    .input
                    .world
                    .country_at_detail(place.lon, place.lat, self.detail)
                {
                    Some(country) if country.id() == id => 0,
                    Some(country) if self.input.first.contains(&country.id()) => 2,
                    Some(_) => 1,
                    None => 0,
                }
            })
            .sum()
    }

    /// The pole of the country's largest part on screen, in whichever copy of the world.
    fn name_spot(&self, id: CountryId) -> Option<NameSpot> {
        let mesh = self.input.world.country(id).mesh(self.detail);
        let mut best: Option<(f64, usize, &MercatorView)> = None;
        for copy in self.copies {
            let visible = copy.visible_mercator();
            for (index, part) in mesh.parts.iter().enumerate() {
                let b = &part.bbox_in_mercator;
                let width = b.max[0].min(visible.max[0]) - b.min[0].max(visible.min[0]);
                let height = b.max[1].min(visible.max[1]) - b.min[1].max(visible.min[1]);
                if width <= 0.0 || height <= 0.0 {
                    continue;
                }
                let area = width * height;
                if best.is_none_or(|(most, _, _)| area > most) {
                    best = Some((area, index, copy));
                }
            }
        }
        let (_, part, copy) = best?;
        let ppu = copy.pixels_per_unit();
        let inner = copy.screen_rect().shrink(4.0);
        let whole = self.poles.of_part(self.input.world, id, self.detail, part);
        let on_screen = |pole: &Pole| {
            inner.contains(copy.to_screen(MercatorPoint::new(pole.point[0], pole.point[1])))
        };
        let pole = match whole.filter(on_screen) {
            Some(pole) => pole,
            None => {
                let visible = copy.visible_mercator();
                let rings = part_rings(
                    self.input.world,
                    id,
                    self.detail,
                    part,
                    Some((visible.min, visible.max)),
                );
                pole_of_inaccessibility(&rings, CLIPPED_POLE_PRECISION_PX / ppu, CLIPPED_PART_CELLS)
                    .filter(on_screen)?
            }
        };
        Some(NameSpot {
            copy: *copy,
            anchor: MercatorPoint::new(pole.point[0], pole.point[1]),
            radius_px: (pole.distance * ppu) as f32,
        })
    }

    /// A capital's dot and name; the dot alone for a first country whose capital's name has
    /// no room.
    fn capital(&mut self, id: CountryId, is_first: bool) {
        let Some(capital) = self.input.world.country(id).capital_on(self.input.date) else {
            return;
        };
        let Some(dot) = self
            .copies
            .iter()
            .map(|copy| copy.lon_lat_to_screen(capital.lon, capital.lat))
            .find(|dot| self.screen.shrink(CAPITAL_DOT_RADIUS_PX).contains(*dot))
        else {
            return;
        };
        let dot_rect =
            Rect::from_center_size(dot, Vec2::splat(2.0 * (CAPITAL_DOT_RADIUS_PX + 0.5)));
        if !self.taken.is_free(dot_rect) {
            return;
        }
        let size = self.measure.text_size(&capital.name, CAPITAL_FONT_SIZE);
        let offset = CAPITAL_LABEL_OFFSET;
        let sides = [
            (egui::Align2::LEFT_CENTER, offset),
            (egui::Align2::RIGHT_CENTER, -offset),
            (egui::Align2::CENTER_BOTTOM, -offset.yx()),
            (egui::Align2::CENTER_TOP, offset.yx()),
        ];
        let text = sides
            .into_iter()
            .map(|(align, offset)| align.anchor_size(dot + offset, size))
            .find(|rect| {
                let padded = rect.expand(1.0);
                self.fits_on_screen(padded) && !padded.intersects(dot_rect)
            });
        if text.is_none() && !is_first {
            return;
        }
        self.taken.0.push(dot_rect);
        self.placement.capital_dots.push((id, dot));
        if let Some(rect) = text {
            self.taken.0.push(rect.expand(1.0));
            self.placement.names.push(PlacedName {
                named: Named::Capital(id),
                text: capital.name.clone(),
                size_px: CAPITAL_FONT_SIZE,
                rect,
                anchor: LonLat::new(capital.lon, capital.lat),
                anchor_px: dot,
                leader: None,
            });
        }
    }

    /// The names of the territories contested on the date, where they fit.
    fn territories(&mut self) {
        let Some(territories) = self.input.territories else {
            return;
        };
        let date = self.input.date;
        let zoom = self.input.view.zoom();
        for (territory, _) in territories.active(date) {
            let Some(index) = territories
                .all()
                .iter()
                .position(|t| std::ptr::eq(t, territory))
            else {
                continue;
            };
            let [lon, lat] = territory.label_point();
            let Some((copy, at)) = self
                .copies
                .iter()
                .map(|copy| (copy, copy.lon_lat_to_screen(lon, lat)))
                .find(|(_, at)| self.screen.contains(*at))
            else {
                continue;
            };
            let size = self
                .measure
                .text_size(territory.name(), TERRITORY_FONT_SIZE);
            let rect = if territory.has_outline() {
                let bbox = territory.bbox();
                let width = copy.lon_lat_to_screen(bbox.max[0], bbox.min[1]).x
                    - copy.lon_lat_to_screen(bbox.min[0], bbox.min[1]).x;
                // A name much wider than its outline would cover its neighbours'
                // (Nagorno-Karabakh and the districts around it): it waits for a closer zoom.
                if width < TERRITORY_LABEL_MIN_WIDTH_PX || size.x > 1.5 * width {
                    continue;
                }
                Rect::from_center_size(at, size)
            } else {
                let marker =
                    Rect::from_center_size(at, Vec2::splat(2.0 * TERRITORY_MARKER_RADIUS_PX));
                self.taken.0.push(marker);
                if zoom < POINT_TERRITORY_NAMES_FROM_ZOOM {
                    continue;
                }
                egui::Align2::LEFT_CENTER
                    .anchor_size(at + vec2(TERRITORY_MARKER_RADIUS_PX + 3.0, 0.0), size)
            };
            let padded = rect.expand(NAME_PADDING_PX);
            if !self.fits_on_screen(padded) {
                continue;
            }
            self.taken.0.push(padded);
            self.placement.names.push(PlacedName {
                named: Named::Territory(index),
                text: territory.name().to_string(),
                size_px: TERRITORY_FONT_SIZE,
                rect,
                anchor: LonLat::new(lon, lat),
                anchor_px: at,
                leader: None,
            });
        }
    }
}

/// Where a first country's name may stand within itself when its middle is taken, in units
/// of the name's size; each is kept only where the name still stands on the country.
const SHIFTS: [Vec2; 9] = [
    vec2(0.0, 0.0),
    vec2(0.0, -0.9),
    vec2(0.0, 0.9),
    vec2(0.4, 0.0),
    vec2(-0.4, 0.0),
    vec2(0.4, -0.9),
    vec2(-0.4, -0.9),
    vec2(0.4, 0.9),
    vec2(-0.4, 0.9),
];

/// What each ring of places farther from its country costs a name on a leader line, in the
/// units of [`Placer::land_covered`] (a sample point on a neighbour counts 1, on a first
/// country 2).
const LEADER_RING_COST: u32 = 3;

/// Boxes of `size` round `anchor`, beyond a country of inscribed radius `radius_px`, in the
/// eight directions at a few distances, each with its ring (0 nearest): where a name goes on
/// a leader line.
fn leader_rects(anchor: Pos2, radius_px: f32, size: Vec2) -> impl Iterator<Item = (u32, Rect)> {
    (0u32..).zip(LEADER_GAPS_PX).flat_map(move |(ring, gap)| {
        let reach = radius_px.min(8.0) + gap;
        [
            (1.0, 0.0),
            (-1.0, 0.0),
            (0.0, -1.0),
            (0.0, 1.0),
            (1.0, -1.0),
            (-1.0, -1.0),
            (1.0, 1.0),
            (-1.0, 1.0),
        ]
        .into_iter()
        .map(move |(dx, dy): (f32, f32)| {
            let direction = vec2(dx, dy) / (dx * dx + dy * dy).sqrt();
            let center = anchor + direction * reach + vec2(dx * size.x, dy * size.y) / 2.0;
            (ring, Rect::from_center_size(center, size))
        })
    })
}

/// The size of a name followed by a row of badges.
pub fn label_with_badges_size(name: Vec2, badges: usize) -> Vec2 {
    if badges == 0 {
        return name;
    }
    let gap = if name.x > 0.0 { BADGE_GAP_PX } else { 0.0 };
    let row = badges as f32 * (2.0 * BADGE_RADIUS_PX + BADGE_GAP_PX) - BADGE_GAP_PX;
    vec2(name.x + gap + row, name.y.max(2.0 * BADGE_RADIUS_PX))
}

/// The order names are placed in: the first countries smallest first (a large country has
/// room for its name in many places, Armenia between its neighbours in few), then the rest,
/// largest first. It depends only on the world and the scenario, so it is worked out once.
pub fn label_order(world: &World, first: &[CountryId]) -> Vec<CountryId> {
    let mut rest: Vec<&crate::model::Country> = world
        .countries()
        .iter()
        .filter(|country| !first.contains(&country.id()))
        .collect();
    rest.sort_by(|a, b| b.area().total_cmp(&a.area()));
    let mut firsts: Vec<&crate::model::Country> =
        first.iter().map(|&id| world.country(id)).collect();
    firsts.sort_by(|a, b| a.area().total_cmp(&b.area()));
    firsts
        .iter()
        .chain(rest.iter())
        .map(|country| country.id())
        .collect()
}

/// The countries named first (those the scenario speaks of, the tensions' parties) and, among
/// them, those named beside themselves when too small: the tensions' parties (a group without
/// a seat by each of its members on the scenario's date) and the members of the scenario's
/// first group, the alliance it is about.
pub fn first_countries(world: &World, scenario: &Scenario) -> (Vec<CountryId>, Vec<CountryId>) {
    let date = scenario.date();
    let mut parties: Vec<&str> = scenario
        .data()
        .groups
        .first()
        .map(|group| scenario.members(&group.id, date).into_iter().collect())
        .unwrap_or_default();
    for tension in &scenario.data().tensions {
        for party in &tension.parties {
            match party.resolve() {
                // A group with a seat is drawn at its seat, one without at each member.
                Some(PartyRef::Group(group))
                    if scenario.group(group).is_some_and(|g| g.anchor.is_none()) =>
                {
                    parties.extend(scenario.members(group, date))
                }
                Some(PartyRef::Country(code)) => parties.push(code),
                _ => {}
            }
        }
    }
    let ids = |codes: Vec<&str>| -> Vec<CountryId> {
        let mut seen = HashSet::new();
        codes
            .into_iter()
            .filter_map(|code| world.by_code(code).map(|c| c.id()))
            .filter(|id| seen.insert(*id))
            .collect()
    };
    let mut first = scenario.article_countries();
    first.extend(parties.iter().copied());
    (ids(first), ids(parties))
}
