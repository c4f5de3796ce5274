//! The map's view model: what each layer shows on the chosen date, derived once per date (or
//! scenario) from the model so that frames only draw. Neither egui nor walkers is needed here;
//! rendering and the panels both read it.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::date::Date;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::{GroupKind, Scenario, Status, TensionKind};
use crate::model::territory::Territories;
use crate::model::{CountryId, World};

/// A layer of the map that the legend can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LayerId {
    /// Countries shaded by how often a drafted article names them.
    Mentioned,
    /// The scenario's group at this index.
    Group(usize),
    /// Members of one group bordering members of another (NATO neighbours of the CSTO).
    Neighbours,
    /// Territories whose status was contested on the date (occupied, annexed, breakaway).
    Territories,
    Tensions,
    Labels,
}

/// A GeoJSON overlay the reader opened, by its position in the App's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OverlayId(pub usize);

/// The revision the next [`MapLayers::build`] gets.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(0);

/// Arcs are densified to points at most this far apart.
const ARC_STEP_KM: f64 = 60.0;

/// One group's countries on the date, with their statuses.
#[derive(Clone, Debug)]
pub struct GroupLayer {
    pub group_index: usize,
    pub id: String,
    /// Its name on the date (the Collective Security Treaty's before the CSTO was founded).
    pub name: String,
    /// What the legend calls it.
    pub label: String,
    /// Its colour from data: the scenario's, else that of the organisation of its id in the
    /// gazetteer (NATO's blue whichever scenario draws NATO); `None` for a group of neither.
    pub rgb: Option<[u8; 3]>,
    /// Among the scenario's groups without a colour from data, its position: which of the
    /// app's spare colours it takes.
    pub spare_rank: usize,
    /// The colours data gives the scenario's groups, which no group without one may take.
    pub colours_in_data: Vec<[u8; 3]>,
    pub kind: GroupKind,
    pub countries: Vec<(CountryId, Status)>,
}

impl GroupLayer {
    pub fn count(&self, status: Status) -> usize {
        self.countries.iter().filter(|(_, s)| *s == status).count()
    }
}

/// The colour the gazetteer gives the organisation of this id, so that a group keeps its
/// colour in every scenario.
fn organisation_rgb(id: &str) -> Option<[u8; 3]> {
    crate::model::gazetteer::Gazetteer::bundled()
        .ok()?
        .organisation(id)?
        .rgb()
}

/// A tension drawn as great-circle arcs from its first party to each other party's place.
#[derive(Clone, Debug)]
pub struct TensionArc {
    pub tension_index: usize,
    pub id: String,
    pub kind: TensionKind,
    /// Drafting proposed it and no one has accepted it yet: drawn in the proposed style.
    pub proposed: bool,
    /// Each arc in Mercator space; longitudes are unwrapped so an arc never jumps across the map.
    pub arcs: Vec<Vec<MercatorPoint>>,
    pub marker: MercatorPoint,
}

/// Everything the layers draw for one date.
#[derive(Clone, Debug)]
pub struct MapLayers {
    pub date: Date,
    pub groups: Vec<GroupLayer>,
    /// (group label, bordering group label) when the scenario has a neighbours layer.
    pub neighbours_of: Option<(String, String)>,
    pub neighbours: Vec<CountryId>,
    pub tensions: Vec<TensionArc>,
    /// How many territories were contested on the date.
    pub territories: usize,
    /// How often a drafted article names each country (empty when the scenario is no draft).
    pub mentioned: Vec<(CountryId, usize)>,
    /// Different for every build, so that what is derived from the layers knows when to
    /// derive it again.
    pub revision: u64,
}

impl MapLayers {
    pub fn build(world: &World, scenario: &Scenario, date: Date) -> Self {
        let rgbs: Vec<Option<[u8; 3]>> = scenario
            .data()
            .groups
            .iter()
            .map(|group| group.rgb().or_else(|| organisation_rgb(&group.id)))
            .collect();
        let colours_in_data: Vec<[u8; 3]> = rgbs.iter().flatten().copied().collect();
        let groups = scenario
            .data()
            .groups
            .iter()
            .enumerate()
            .map(|(group_index, group)| GroupLayer {
                group_index,
                id: group.id.clone(),
                name: scenario.group_name_on(group, date),
                label: group.label_on(date).to_string(),
                rgb: rgbs[group_index],
                spare_rank: rgbs[..group_index]
                    .iter()
                    .filter(|rgb| rgb.is_none())
                    .count(),
                colours_in_data: colours_in_data.clone(),
                kind: group.kind,
                countries: scenario
                    .statuses_in(&group.id, date)
                    .into_iter()
                    .filter_map(|(code, status)| world.by_code(code).map(|c| (c.id(), status)))
                    .collect(),
            })
            .collect();
        let neighbours_of = scenario.neighbours_of().map(|n| {
            let label = |id: &str| {
                scenario
                    .group(id)
                    .map_or(id, |g| g.label_on(date))
                    .to_string()
            };
            (label(&n.group), label(&n.bordering))
        });
        let neighbours = scenario
            .neighbours(world, date)
            .into_iter()
            .filter_map(|code| world.by_code(code).map(|c| c.id()))
            .collect();
        Self {
            date,
            groups,
            neighbours_of,
            neighbours,
            tensions: tension_arcs(world, scenario, date),
            territories: Territories::bundled().map_or(0, |t| t.active(date).count()),
            mentioned: Vec::new(),
            revision: NEXT_REVISION.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The layers with a drafted article's mention counts by country code (the most named
    /// first); codes the world does not know are left out.
    pub fn with_mentions(mut self, world: &World, counts: &[(String, usize)]) -> Self {
        self.mentioned = counts
            .iter()
            .filter_map(|(code, count)| world.by_code(code).map(|c| (c.id(), *count)))
            .collect();
        self
    }

    /// Every layer this scenario has, in legend order.
    pub fn layer_ids(&self) -> Vec<LayerId> {
        // A draft's mentions come first: they are what the draft is made from.
        let mentioned = (!self.mentioned.is_empty()).then_some(LayerId::Mentioned);
        let mut ids: Vec<LayerId> = mentioned
            .into_iter()
            .chain(
                self.groups
                    .iter()
                    .map(|group| LayerId::Group(group.group_index)),
            )
            .collect();
        // The neighbours sit right after the groups they are computed from.
        if let Some((group, bordering)) = &self.neighbours_of {
            let after = self
                .groups
                .iter()
                .position(|g| g.label == *group)
                .max(self.groups.iter().position(|g| g.label == *bordering))
                .map_or(ids.len(), |index| index + 1);
            ids.insert(after, LayerId::Neighbours);
        }
        ids.push(LayerId::Territories);
        ids.push(LayerId::Tensions);
        ids.push(LayerId::Labels);
        ids
    }
}

fn tension_arcs(world: &World, scenario: &Scenario, date: Date) -> Vec<TensionArc> {
    let mut arcs: Vec<TensionArc> = scenario
        .data()
        .tensions
        .iter()
        .enumerate()
        .map(|(tension_index, tension)| TensionArc {
            tension_index,
            id: tension.id.clone(),
            kind: tension.kind,
            proposed: tension.proposed.is_some(),
            marker: MercatorPoint::default(),
            arcs: scenario
                .tension_arcs(world, tension, date, ARC_STEP_KM)
                .into_iter()
                .map(|arc| {
                    arc.into_iter()
                        .map(|p| mercator::project(p.lon, p.lat))
                        .collect()
                })
                .collect(),
        })
        .filter(|arc| !arc.arcs.is_empty())
        .collect();
    place_markers(&mut arcs);
    arcs
}

/// A Mercator point rounded to a millionth, so that arcs with the same ends compare equal.
type SnappedPoint = (i64, i64);

/// Puts each marker on its first arc, sliding markers of tensions that share that arc apart
/// so that every one stays clickable. Tensions are grouped by their arc's ends in one pass
/// (a hash map), so 100,000 tensions on one arc take milliseconds, not the minute that
/// comparing every pair took.
pub fn place_markers(arcs: &mut [TensionArc]) {
    let key = |p: MercatorPoint| ((p.x * 1e6) as i64, (p.y * 1e6) as i64);
    let mut seen: HashMap<(SnappedPoint, SnappedPoint), usize> = HashMap::new();
    for tension in arcs.iter_mut() {
        let first = &tension.arcs[0];
        let (a, b) = (key(first[0]), key(first[first.len() - 1]));
        let ends = if a <= b { (a, b) } else { (b, a) };
        let shared_before = seen.entry(ends).or_default();
        let sign = if *shared_before % 2 == 1 { -1.0 } else { 1.0 };
        let ratio = (0.5 + 0.14 * *shared_before as f64 * sign).clamp(0.15, 0.85);
        *shared_before += 1;
        let index = ((first.len() - 1) as f64 * ratio).round() as usize;
        tension.marker = first[index];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_100k_tensions_on_one_arc_are_each_placed() {
        let arc: Vec<MercatorPoint> = (0..=100)
            .map(|i| MercatorPoint::new(0.5 + i as f64 * 1e-3, 0.3))
            .collect();
        let mut arcs: Vec<TensionArc> = (0..100_000)
            .map(|tension_index| TensionArc {
                tension_index,
                id: format!("t{tension_index}"),
                kind: TensionKind::Influence,
                proposed: false,
                arcs: vec![arc.clone()],
                marker: MercatorPoint::default(),
            })
            .collect();
        place_markers(&mut arcs);
        assert!(
            arcs.iter()
                .all(|t| t.marker.x >= arc[15].x && t.marker.x <= arc[85].x)
        );
        assert_ne!(arcs[0].marker, arcs[1].marker);
    }
}
