//! Screen-space shapes kept from the frame that built them: a frame that shows the same view
//! of the same inputs (the reader hovering, reading a tooltip, using a panel) paints them
//! again instead of moving every visible vertex to the screen anew.

use std::collections::BTreeMap;

use egui::{Color32, Rect, Shape, TextureId};

use super::style::Palette;
use super::view::MercatorView;
use crate::model::mercator::MercatorPoint;
use crate::model::scenario::{GroupKind, Status};
use crate::model::{CountryId, Detail, World};

/// Where the map lies on screen and what it draws it from: everything a screen-space mesh of
/// the map depends on besides the layer's own inputs, compared exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ViewKey {
    center: MercatorPoint,
    zoom: f64,
    screen: Rect,
    world: *const World,
    /// The level actually drawn: 1:10m replaces 1:50m when it is ready, at the same zoom.
    detail: Detail,
}

impl ViewKey {
    fn new(world: &World, view: &MercatorView) -> Self {
        Self {
            center: view.center(),
            zoom: view.zoom(),
            screen: view.screen_rect(),
            world: std::ptr::from_ref(world),
            detail: world.available(view.detail()),
        }
    }
}

/// One layer's shapes for the last view they were built for, and what they were built from.
pub struct ShapeCache<K> {
    built_for: Option<(ViewKey, K)>,
    shapes: Vec<Shape>,
    builds: usize,
}

impl<K> Default for ShapeCache<K> {
    fn default() -> Self {
        Self {
            built_for: None,
            shapes: Vec::new(),
            builds: 0,
        }
    }
}

impl<K: PartialEq> ShapeCache<K> {
    /// The shapes for `view` of `world` with the layer's `inputs`: those of the last call when
    /// all three are the same, otherwise what `build` makes now.
    pub fn shapes(
        &mut self,
        world: &World,
        view: &MercatorView,
        inputs: K,
        build: impl FnOnce(&mut Vec<Shape>),
    ) -> &[Shape] {
        let key = (ViewKey::new(world, view), inputs);
        if self.built_for.as_ref() != Some(&key) {
            self.shapes.clear();
            build(&mut self.shapes);
            self.built_for = Some(key);
            self.builds += 1;
        }
        &self.shapes
    }

    /// How many times the shapes were built rather than reused.
    pub fn builds(&self) -> usize {
        self.builds
    }
}

/// What the land's shapes are made of besides the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LandInputs {
    pub palette: Palette,
    pub over_tiles: bool,
}

/// What a group's shapes are made of besides the view: its members on the date, its colour
/// and the pattern textures.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupInputs {
    pub kind: GroupKind,
    pub countries: Vec<(CountryId, Status)>,
    pub color: Color32,
    pub textures: [TextureId; 3],
}

/// The map's cached layers, kept by the map from one frame to the next.
#[derive(Default)]
pub struct MapShapeCaches {
    pub land: ShapeCache<LandInputs>,
    /// Per group index.
    pub groups: BTreeMap<usize, ShapeCache<GroupInputs>>,
    /// Per group index, the patterns and dashed outlines alone, drawn over the GPU's fills.
    pub group_marks: BTreeMap<usize, ShapeCache<GroupInputs>>,
}

impl MapShapeCaches {
    /// How many times the land's and the groups' shapes were built rather than reused.
    pub fn builds(&self) -> usize {
        self.land.builds()
            + self
                .groups
                .values()
                .chain(self.group_marks.values())
                .map(ShapeCache::builds)
                .sum::<usize>()
    }
}
