//! The view as a link: what the map shows now as a [`ViewLink`], and following one (the page's
//! address in a browser, a link a reader was sent).

use super::App;
use crate::map::navigation::mainland_extent;
use crate::model::geo::wrap_longitude;
use crate::model::view_link::{LinkedMap, ViewLink};
use crate::session::Level;
use crate::session::layer_state_key;
use crate::session::settings::{DateChoice, SavedView};
use crate::session::{Action, Selection};

impl App {
    /// The link to what the map shows now: the date, the map's centre and zoom once it has
    /// been drawn, the selection, the hidden layers and the step of Present.
    pub fn view_link(&self) -> ViewLink {
        let hidden: Vec<String> = self
            .session
            .layers
            .layer_ids()
            .into_iter()
            .filter(|&layer| !self.is_layer_visible(layer))
            .map(|layer| layer_state_key(&self.session.layers, layer))
            .collect();
        ViewLink {
            date: Some(self.session.date),
            map: self.map.saved_view().map(|view| LinkedMap {
                zoom: view.zoom,
                lat: view.lat,
                // The map repeats east and west; a link names the one longitude.
                lon: wrap_longitude(view.lon),
            }),
            selection: self.view_selection(),
            hidden_layers: (!hidden.is_empty()).then_some(hidden),
            step: self.presentation_step(),
        }
    }

    /// Shows what a link says, part by part; a part this scenario has nothing for (a country
    /// code it does not know, a layer it lacks) is said in a message and the rest followed.
    pub fn follow_link(&mut self, link: &ViewLink, ctx: &egui::Context) {
        let mut problems = Vec::new();
        if let Some(date) = link.date {
            self.set_date(if date == self.document.scenario.date() {
                DateChoice::Article
            } else {
                DateChoice::Fixed(date)
            });
        }
        if let Some(hidden) = &link.hidden_layers {
            let known: Vec<String> = self
                .session
                .layers
                .layer_ids()
                .into_iter()
                .map(|layer| layer_state_key(&self.session.layers, layer))
                .collect();
            for key in &known {
                self.session.state.hidden_layers.remove(key);
            }
            for key in hidden {
                if known.contains(key) {
                    self.session.state.hidden_layers.insert(key.clone());
                } else {
                    problems.push(format!("this scenario has no layer '{key}'"));
                }
            }
        }
        if let Some(step) = link.step {
            self.apply(Action::StartPresentation, ctx);
            let steps = i32::try_from(step).unwrap_or(i32::MAX);
            self.apply(Action::StepPresentation(steps), ctx);
        } else if self.session.presentation.is_some() {
            self.apply(Action::LeavePresentation, ctx);
        }
        if let Some(wanted) = &link.selection {
            match self.selection_of(Some(wanted)) {
                Selection::None => problems.push(format!("nothing to select for {wanted:?}")),
                selection => {
                    if link.map.is_none() && link.step.is_none() {
                        self.look_at(&selection);
                    }
                    self.session.selection = selection;
                }
            }
        }
        if let Some(map) = link.map {
            self.map.restore(SavedView {
                lon: map.lon,
                lat: map.lat,
                zoom: map.zoom,
            });
        }
        if !problems.is_empty() {
            self.io.tell(
                Level::Warning,
                format!(
                    "Part of the link was not followed: {}.",
                    problems.join("; ")
                ),
            );
        }
    }

    /// Fits the map to what a link selects when the link does not say where to look.
    fn look_at(&mut self, selection: &Selection) {
        let extent = match selection {
            Selection::Country(country) => mainland_extent(&self.world, *country),
            Selection::Tension(index) => self.tension_extent(*index),
            Selection::Excerpt { countries, .. } => self.extent_of(countries, &[]),
            _ => return,
        };
        if !extent.is_empty() {
            self.map.fit(extent);
        }
    }

    /// The link to this view on the published page the settings name; `None` until one is set.
    pub fn published_link(&self) -> Option<String> {
        let address = self.session.state.published_address.trim();
        (!address.is_empty()).then(|| self.view_link().on_page(address))
    }

    /// Puts the link to this view on the clipboard, or says which setting it needs.
    pub(super) fn copy_view_link(&mut self, ctx: &egui::Context) {
        match self.published_link() {
            Some(link) => self.copy_to_clipboard(link, ctx),
            None => self.io.tell(
                Level::Info,
                "Set the published page's address first (File > Published page address).",
            ),
        }
    }
}
