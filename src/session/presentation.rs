//! A presentation under way: the step shown, and what was on screen before it began, to be
//! put back when it ends.

use super::Selection;
use super::settings::SavedView;

/// A presentation under way, and what to put back when it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    pub step: usize,
    pub before: Before,
    /// How much of the map's bottom the caption covered when last drawn, in points; the map
    /// fits each step above it.
    pub caption_covers_px: f32,
}

/// What was on screen when the presentation began.
#[derive(Clone, Debug, PartialEq)]
pub struct Before {
    pub selection: Selection,
    pub view: Option<SavedView>,
    pub fullscreen: bool,
}
