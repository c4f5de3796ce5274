//! The screen's placement of names, badges, markers and arcs: worked out by
//! [`crate::placement`] when the view, the window, the layers or the date change, and kept
//! while they stay, so that a still map costs nothing and a resized one is placed afresh.

use std::cell::RefCell;
use std::rc::Rc;

use egui::{Rect, Ui};

use crate::model::date::Date;
use crate::model::mercator::MercatorPoint;
use crate::model::{CountryId, Detail};
use crate::placement::{Placement, PlacementInput, Poles, TextMeasure, place};
use crate::render::plugins::MemberBadge;
use crate::render::view::MercatorView;

/// Everything a placement depends on, compared exactly: a change in any of them places
/// everything again, but for the view's centre and zoom while the view moves.
#[derive(Clone, Debug, PartialEq)]
struct PlacementKey {
    center: MercatorPoint,
    zoom: f64,
    rest: KeyButView,
}

/// What a placement depends on besides the view's centre and zoom: while only those change
/// from frame to frame, the kept placement is carried along with the map.
#[derive(Clone, Debug, PartialEq)]
struct KeyButView {
    screen: Rect,
    detail: Detail,
    layers_revision: u64,
    /// Capitals and contested territories change with it.
    date: Date,
    first: Vec<CountryId>,
    beside: Vec<CountryId>,
    show_names: bool,
    tensions: bool,
    territories: bool,
    badges: Vec<(CountryId, Vec<MemberBadge>)>,
    reserved: Vec<Rect>,
}

/// The view of one frame, by egui's frame number.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FrameView {
    frame: u64,
    center: MercatorPoint,
    zoom: f64,
}

/// The last placement and what it was made for.
#[derive(Default)]
pub struct ScreenPlacement {
    key: Option<PlacementKey>,
    /// The view `placed` was made for.
    placed_view: Option<MercatorView>,
    placed: Rc<Placement>,
    /// The kept placement carried to this frame's view while the view moves.
    carried: Option<(FrameView, Rc<Placement>)>,
    /// The views of this frame and of the frame before it.
    this_frame: Option<FrameView>,
    frame_before: Option<FrameView>,
    poles: Poles,
    /// How many times everything was placed: what the tests read to see a cache at work.
    placements: usize,
    /// The benchmarks' baseline: every moving frame places everything again, as before.
    place_every_view: bool,
}

impl ScreenPlacement {
    /// The placement for `input` in frame `frame` (egui's frame number). Placed again when
    /// anything but the view changed, or when the view stopped (it is the same as in the
    /// frame before); while the view moves from frame to frame, the last placement is carried
    /// along with the map, which costs a fraction of placing, and the caller asks for one more
    /// frame so that the view, once still, is placed afresh.
    pub fn for_input(
        &mut self,
        input: &PlacementInput<'_>,
        layers_revision: u64,
        measure: &dyn TextMeasure,
        frame: u64,
    ) -> Rc<Placement> {
        let view = input.view;
        let key = PlacementKey {
            center: view.center(),
            zoom: view.zoom(),
            rest: KeyButView {
                screen: view.screen_rect(),
                detail: input.world.available(view.detail()),
                layers_revision,
                date: input.date,
                first: input.first.to_vec(),
                beside: input.beside.to_vec(),
                show_names: input.show_names,
                tensions: !input.tensions.is_empty(),
                territories: input.territories.is_some(),
                badges: input.badges.to_vec(),
                reserved: input.reserved.to_vec(),
            },
        };
        let frame_view = FrameView {
            frame,
            center: key.center,
            zoom: key.zoom,
        };
        if self.this_frame.is_none_or(|this| this.frame != frame) {
            self.frame_before = self.this_frame;
        }
        self.this_frame = Some(frame_view);
        if self.key.as_ref() == Some(&key) {
            self.carried = None;
            return Rc::clone(&self.placed);
        }
        if let Some((carried_for, carried)) = &self.carried
            && *carried_for == frame_view
        {
            return Rc::clone(carried);
        }
        let moving = self.frame_before.is_some_and(|before| {
            (before.center, before.zoom) != (frame_view.center, frame_view.zoom)
        });
        let same_but_view = self.key.as_ref().is_some_and(|kept| kept.rest == key.rest);
        if moving
            && same_but_view
            && !self.place_every_view
            && let Some(from) = self.placed_view.filter(|from| is_near(from, &view))
        {
            let carried = Rc::new(self.placed.carried(&from, &view, input.reserved));
            self.carried = Some((frame_view, Rc::clone(&carried)));
            return carried;
        }
        self.placed = Rc::new(place(input, measure, &self.poles));
        self.placed_view = Some(view);
        self.key = Some(key);
        self.carried = None;
        self.placements += 1;
        Rc::clone(&self.placed)
    }

    /// Whether the last placement given was carried along with a moving view: the view
    /// needs one more frame, once still, to be placed afresh.
    pub fn is_carried(&self) -> bool {
        self.carried.is_some()
    }

    /// The last placement given out.
    pub fn last(&self) -> Rc<Placement> {
        match &self.carried {
            Some((_, carried)) => Rc::clone(carried),
            None => Rc::clone(&self.placed),
        }
    }

    pub fn placements(&self) -> usize {
        self.placements
    }

    /// Places everything again on every moving frame too, as before placements were
    /// carried: the benchmarks' baseline.
    pub fn place_every_view(&mut self) {
        self.place_every_view = true;
    }
}

/// Whether a placement made for `from` can be carried to `to`: the map moved by less than
/// its own size (a jump, such as a fit or a wrap across the 180° line, is placed afresh).
fn is_near(from: &MercatorView, to: &MercatorView) -> bool {
    let screen = from.screen_rect();
    let moved = from.to_screen(to.center()) - screen.center();
    let zoomed = (from.zoom() - to.zoom()).abs();
    moved.x.abs() < screen.width() && moved.y.abs() < screen.height() && zoomed < 1.0
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
