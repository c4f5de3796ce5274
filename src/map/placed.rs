//! The screen's placement of names, badges, markers and arcs: worked out by
//! [`crate::placement`] when the view, the window, the layers or the date change, and kept
//! while they stay, so that a still map costs nothing and a resized one is placed afresh.

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Rect, Ui};

use crate::model::mercator::MercatorPoint;
use crate::model::{CountryId, Detail};
use crate::placement::{Placement, PlacementInput, Poles, TextMeasure, place};
use crate::render::plugins::MemberBadge;

/// Everything a placement depends on, compared exactly: a change in any of them places
/// everything again.
#[derive(Clone, Debug, PartialEq)]
struct PlacementKey {
    center: MercatorPoint,
    zoom: f64,
    screen: Rect,
    detail: Detail,
    layers_revision: u64,
    first: Vec<CountryId>,
    beside: Vec<CountryId>,
    show_names: bool,
    tensions: bool,
    territories: bool,
    badges: Vec<(CountryId, Vec<MemberBadge>)>,
    reserved: Vec<Rect>,
}

/// The last placement and what it was made for.
#[derive(Default)]
pub struct ScreenPlacement {
    key: Option<PlacementKey>,
    placed: Rc<Placement>,
    poles: Poles,
    /// How many times everything was placed: what the tests read to see a cache at work.
    placements: usize,
}

impl ScreenPlacement {
    /// The placement for `input`, placed again unless it was made for the same.
    pub fn for_input(
        &mut self,
        input: &PlacementInput<'_>,
        layers_revision: u64,
        measure: &dyn TextMeasure,
    ) -> Rc<Placement> {
        let view = input.view;
        let key = PlacementKey {
            center: view.center(),
            zoom: view.zoom(),
            screen: view.screen_rect(),
            detail: input.world.available(view.detail()),
            layers_revision,
            first: input.first.to_vec(),
            beside: input.beside.to_vec(),
            show_names: input.show_names,
            tensions: !input.tensions.is_empty(),
            territories: input.territories.is_some(),
            badges: input.badges.to_vec(),
            reserved: input.reserved.to_vec(),
        };
        if self.key.as_ref() != Some(&key) {
            self.placed = Rc::new(place(input, measure, &self.poles));
            self.key = Some(key);
            self.placements += 1;
        }
        Rc::clone(&self.placed)
    }

    /// The last placement made.
    pub fn last(&self) -> Rc<Placement> {
        Rc::clone(&self.placed)
    }

    pub fn placements(&self) -> usize {
        self.placements
    }
}

/// Text measured with egui's fonts, as the screen draws it.
pub fn egui_measure(ui: &Ui) -> impl Fn(&str, f32) -> egui::Vec2 + '_ {
    move |text: &str, size: f32| {
        ui.painter()
            .layout_no_wrap(
                text.to_string(),
                egui::FontId::proportional(size),
                egui::Color32::WHITE,
            )
            .size()
    }
}

/// A cell for the map's placement, borrowed by the plugins of one frame.
pub type PlacementCell = RefCell<ScreenPlacement>;
