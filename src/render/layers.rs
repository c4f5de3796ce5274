//! What each map layer shows on the chosen date, derived once per date (or scenario) from
//! the model so that frames only draw.

use serde::{Deserialize, Serialize};

use crate::model::arc::great_circle;
use crate::model::date::Date;
use crate::model::mercator::{self, MercatorPoint};
use crate::model::scenario::{GroupKind, Scenario, Status, TensionKind};
use crate::model::{CountryId, World};

/// A layer of the map that the legend can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LayerId {
    /// The scenario's group at this index.
    Group(usize),
    /// Members of one group bordering members of another (NATO neighbours of the CSTO).
    Neighbours,
    Tensions,
    Labels,
    /// A GeoJSON overlay the reader opened, by its position in the App's list.
    Overlay(usize),
}

/// Arcs are densified to points at most this far apart.
const ARC_STEP_KM: f64 = 60.0;

/// One group's countries on the date, with their statuses.
#[derive(Clone, Debug)]
pub struct GroupLayer {
    pub group_index: usize,
    pub id: String,
    pub name: String,
    pub kind: GroupKind,
    pub countries: Vec<(CountryId, Status)>,
}

impl GroupLayer {
    pub fn count(&self, status: Status) -> usize {
        self.countries.iter().filter(|(_, s)| *s == status).count()
    }
}

/// A tension drawn as great-circle arcs from its first party to each other party's place.
#[derive(Clone, Debug)]
pub struct TensionArc {
    pub tension_index: usize,
    pub id: String,
    pub kind: TensionKind,
    /// Each arc in Mercator space; longitudes are unwrapped so an arc never jumps across the map.
    pub arcs: Vec<Vec<MercatorPoint>>,
    pub marker: MercatorPoint,
}

/// Everything the layers draw for one date.
#[derive(Clone, Debug)]
pub struct MapLayers {
    pub date: Date,
    pub groups: Vec<GroupLayer>,
    /// (group id, bordering group id) when the scenario has both NATO and the CSTO.
    pub neighbours_of: Option<(String, String)>,
    pub neighbours: Vec<CountryId>,
    pub tensions: Vec<TensionArc>,
}

impl MapLayers {
    pub fn build(world: &World, scenario: &Scenario, date: Date) -> Self {
        let groups = scenario
            .data()
            .groups
            .iter()
            .enumerate()
            .map(|(group_index, group)| GroupLayer {
                group_index,
                id: group.id.clone(),
                name: scenario.group_name_on(group, date),
                kind: group.kind,
                countries: scenario
                    .statuses_in(&group.id, date)
                    .into_iter()
                    .filter_map(|(code, status)| world.by_code(code).map(|c| (c.id(), status)))
                    .collect(),
            })
            .collect();
        let has = |id: &str| scenario.group(id).is_some();
        let neighbours_of =
            (has("NATO") && has("CSTO")).then(|| ("NATO".to_string(), "CSTO".to_string()));
        let neighbours = match &neighbours_of {
            Some((group, bordering)) => scenario
                .members_bordering(world, group, bordering, date)
                .into_iter()
                .filter_map(|code| world.by_code(code).map(|c| c.id()))
                .collect(),
            None => Vec::new(),
        };
        Self {
            date,
            groups,
            neighbours_of,
            neighbours,
            tensions: tension_arcs(world, scenario, date),
        }
    }

    /// Every layer this scenario has, in legend order.
    pub fn layer_ids(&self) -> Vec<LayerId> {
        let mut ids: Vec<LayerId> = self
            .groups
            .iter()
            .map(|group| LayerId::Group(group.group_index))
            .collect();
        // The neighbours sit right after the groups they are computed from.
        if let Some((group, bordering)) = &self.neighbours_of {
            let after = self
                .groups
                .iter()
                .position(|g| g.id == *group)
                .max(self.groups.iter().position(|g| g.id == *bordering))
                .map_or(ids.len(), |index| index + 1);
            ids.insert(after, LayerId::Neighbours);
        }
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
        .map(|(tension_index, tension)| {
            let mut places = tension
                .parties
                .iter()
                .filter_map(|party| party.resolve())
                .map(|party| scenario.party_positions(world, party, date));
            let from = places.next().and_then(|first| first.first().copied());
            let arcs: Vec<Vec<MercatorPoint>> = match from {
                Some(from) => places
                    .flatten()
                    .map(|to| {
                        great_circle(from, to, ARC_STEP_KM)
                            .into_iter()
                            .map(|[lon, lat]| mercator::project(lon, lat))
                            .collect()
                    })
                    .collect(),
                None => Vec::new(),
            };
            TensionArc {
                tension_index,
                id: tension.id.clone(),
                kind: tension.kind,
                marker: MercatorPoint::default(),
                arcs,
            }
        })
        .filter(|arc| !arc.arcs.is_empty())
        .collect();
    place_markers(&mut arcs);
    arcs
}

/// Puts each marker on its first arc, sliding markers of tensions that share that arc apart
/// so that every one stays clickable.
fn place_markers(arcs: &mut [TensionArc]) {
    let endpoints = |arc: &TensionArc| {
        let first = &arc.arcs[0];
        let (a, b) = (first[0], first[first.len() - 1]);
        let key = |p: MercatorPoint| ((p.x * 1e6) as i64, (p.y * 1e6) as i64);
        let (a, b) = (key(a), key(b));
        if a <= b { (a, b) } else { (b, a) }
    };
    for i in 0..arcs.len() {
        let shared_before = (0..i)
            .filter(|&j| endpoints(&arcs[j]) == endpoints(&arcs[i]))
            .count();
        let ratio =
            0.5 + 0.14 * shared_before as f64 * if shared_before % 2 == 1 { -1.0 } else { 1.0 };
        let ratio = ratio.clamp(0.15, 0.85);
        let first = &arcs[i].arcs[0];
        let index = ((first.len() - 1) as f64 * ratio).round() as usize;
        arcs[i].marker = first[index];
    }
}
