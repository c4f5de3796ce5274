//! The names of the map's layers: the stable key a layer's switch is saved under, and the
//! legend's label with its count on the date, shared by the legend, the map, figures and the
//! command line.

use crate::layers::{LayerId, MapLayers};
use crate::model::scenario::Status;

/// Layers are saved by a stable name, not by position, so another scenario's state cannot
/// switch the wrong layer.
pub fn layer_key(layer: LayerId, group_id: Option<&str>) -> String {
    match (layer, group_id) {
        (LayerId::Group(_), Some(id)) => format!("group:{id}"),
        (LayerId::Group(index), None) => format!("group#{index}"),
        (LayerId::Neighbours, _) => "neighbours".into(),
        (LayerId::Mentioned, _) => "mentioned".into(),
        (LayerId::Tensions, _) => "tensions".into(),
        (LayerId::Territories, _) => "territories".into(),
        (LayerId::Labels, _) => "labels".into(),
    }
}

/// Stable key under which a layer's switch is saved.
pub fn layer_state_key(layers: &MapLayers, layer: LayerId) -> String {
    let group_id = match layer {
        LayerId::Group(index) => layers.groups.get(index).map(|g| g.id.as_str()),
        _ => None,
    };
    layer_key(layer, group_id)
}

/// The legend's text for a layer, with its count on the date.
pub fn layer_label(layers: &MapLayers, layer: LayerId) -> String {
    match layer {
        LayerId::Group(index) => {
            let group = &layers.groups[index];
            let members = group.count(Status::Member);
            let mut label = format!("{} ({members})", group.label);
            let others: Vec<String> = [
                Status::Suspended,
                Status::Frozen,
                Status::Observer,
                Status::Associate,
            ]
            .into_iter()
            .filter(|status| group.count(*status) > 0)
            .map(|status| format!("{} {}", group.count(status), status.label()))
            .collect();
            if !others.is_empty() {
                label.push_str(&format!(" + {}", others.join(", ")));
            }
            label
        }
        LayerId::Neighbours => match &layers.neighbours_of {
            Some((group, of)) => format!(
                "{group} neighbours of the {of} ({})",
                layers.neighbours.len()
            ),
            None => "Neighbours (0)".into(),
        },
        LayerId::Mentioned => format!("Mentioned ({} countries)", layers.mentioned.len()),
        LayerId::Tensions => match layers.tensions.iter().filter(|t| t.proposed).count() {
            0 => format!("Tensions ({})", layers.tensions.len()),
            proposed => format!("Tensions ({}, {proposed} proposed)", layers.tensions.len()),
        },
        LayerId::Territories => format!("Contested territories ({})", layers.territories),
        LayerId::Labels => "Names and capitals".into(),
    }
}
