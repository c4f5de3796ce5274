//! What an action selects and where the map goes for it: an excerpt's countries and actors,
//! a tension's arcs, the scenario's opening view; and the date shown.

use super::App;
use super::document::DocumentState;
use crate::layers::OverlayId;
use crate::map::navigation::{extent_in_mercator, mainland_extent};
use crate::model::mercator;
use crate::model::{BoundingBox, CountryId};
use crate::session::{DateChoice, Selection};

impl App {
    pub(super) fn fit_opening_view(&mut self) {
        let extent = self.document.scenario.opening_extent(&self.world);
        self.map.fit(extent_in_mercator(&extent));
    }

    pub(super) fn remove_overlay(&mut self, overlay: OverlayId) {
        if overlay.0 < self.document.overlays.len() {
            self.document.overlays.remove(overlay.0);
            if matches!(self.session.selection, Selection::OverlayFeature { .. }) {
                self.session.selection = Selection::None;
            }
        }
    }

    pub(super) fn set_date(&mut self, choice: DateChoice) {
        self.session.set_date(&self.world, &self.document, choice);
    }

    /// The map's layers on `date` for the document shown.
    pub(super) fn build_layers(&self, date: crate::model::date::Date) -> crate::layers::MapLayers {
        self.document.layers_on(&self.world, date)
    }

    pub(super) fn select_excerpt(&mut self, index: usize) {
        let Some(excerpt) = self.document.scenario.data().excerpts.get(index) else {
            return;
        };
        let countries = self.country_ids(&excerpt.countries);
        let extent = self.extent_of(&countries, &excerpt.actors);
        self.map.fly_to(&extent);
        self.session.selection = Selection::Excerpt {
            index,
            countries,
            tensions: Vec::new(),
        };
    }

    /// The countries of the world with these codes; unknown codes are left out.
    pub(super) fn country_ids(&self, codes: &[String]) -> Vec<CountryId> {
        DocumentState::country_ids(&self.world, codes)
    }

    /// The Mercator extent of a tension's arcs as the map draws them on the date shown; empty
    /// when it draws none.
    pub(super) fn tension_extent(&self, index: usize) -> BoundingBox {
        let mut extent = BoundingBox::EMPTY;
        let arcs = self
            .session
            .layers
            .tensions
            .iter()
            .filter(|t| t.tension_index == index);
        for point in arcs.flat_map(|tension| tension.arcs.iter().flatten()) {
            extent.include([point.x, point.y]);
        }
        extent
    }

    /// The Mercator extent of the countries' mainlands and the actors' places.
    pub(super) fn extent_of(&self, countries: &[CountryId], actors: &[String]) -> BoundingBox {
        let mut extent = BoundingBox::EMPTY;
        for &country in countries {
            extent = extent.union(&mainland_extent(&self.world, country));
        }
        for actor in actors
            .iter()
            .filter_map(|id| self.document.scenario.actor(id))
        {
            let Some(place) = actor.place() else {
                continue;
            };
            let point = mercator::project(place.lon, place.lat);
            extent.include([point.x, point.y]);
        }
        extent
    }
}
