//! Keyboard shortcuts, turned into actions like any click.

use egui::{Key, Modifiers};

use super::legend::layer_shortcut;
use crate::layers::MapLayers;
use crate::model::date::Date;
use crate::session::EditAction;
use crate::session::settings::DateChoice;
use crate::session::{Action, SaveTarget};

/// How far + and - zoom the map.
const KEY_ZOOM_LEVELS: f64 = 0.5;
/// How far an arrow key moves the map.
const KEY_PAN_POINTS: f32 = 120.0;

/// The actions this frame's key presses ask for. Shortcuts without a modifier are left to a
/// text field that has the keyboard.
pub fn keyboard_actions(
    ctx: &egui::Context,
    date: Date,
    layers: &MapLayers,
    help_open: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if ctx.input_mut(|input| input.consume_key(Modifiers::COMMAND, Key::F)) {
        actions.push(Action::FocusSearch);
    }
    if ctx.input_mut(|input| input.consume_key(Modifiers::COMMAND, Key::E)) {
        actions.push(Action::AskSavePath(SaveTarget::Figure));
    }
    if ctx.input_mut(|input| input.consume_key(Modifiers::COMMAND, Key::Q)) {
        actions.push(Action::Quit);
    }
    if ctx.egui_wants_keyboard_input() {
        // A text field keeps Ctrl+Z for its own text.
        return actions;
    }
    actions.extend(editing_actions(ctx));
    // Stepping back from the middle of a month lands on its first day, not a month earlier.
    let month = |months: i32| {
        let months = if months < 0 && date.day() != 1 {
            months + 1
        } else {
            months
        };
        Action::SetDate(DateChoice::Fixed(date.first_of_month_plus(months)))
    };
    ctx.input(|input| {
        if input.key_pressed(Key::Escape) {
            actions.push(Action::ClearSelection);
        }
        if input.key_pressed(Key::F5) {
            actions.push(Action::StartPresentation);
        }
        if input.key_pressed(Key::F11) {
            actions.push(Action::ToggleFullscreen);
        }
        if input.key_pressed(Key::F1) || input.key_pressed(Key::Questionmark) {
            actions.push(Action::SetHelpOpen(!help_open));
        }
        for (key, months) in [(Key::Comma, -1), (Key::Period, 1)] {
            if input.key_pressed(key) {
                actions.push(month(months));
            }
        }
        // A year away is the same day of that year: 15 May 2012 and 15 May 2011.
        for (key, years) in [(Key::PageUp, 1), (Key::PageDown, -1)] {
            if input.key_pressed(key) {
                actions.push(Action::SetDate(DateChoice::Fixed(date.plus_years(years))));
            }
        }
        for (key, levels) in [
            (Key::Plus, KEY_ZOOM_LEVELS),
            (Key::Equals, KEY_ZOOM_LEVELS),
            (Key::Minus, -KEY_ZOOM_LEVELS),
        ] {
            if input.key_pressed(key) {
                actions.push(Action::ZoomMap(levels));
            }
        }
        for (key, direction) in [
            (Key::ArrowLeft, egui::vec2(-1.0, 0.0)),
            (Key::ArrowRight, egui::vec2(1.0, 0.0)),
            (Key::ArrowUp, egui::vec2(0.0, -1.0)),
            (Key::ArrowDown, egui::vec2(0.0, 1.0)),
        ] {
            if input.key_pressed(key) {
                actions.push(Action::PanMap(direction * KEY_PAN_POINTS));
            }
        }
        if input.key_pressed(Key::Home) {
            actions.push(Action::ResetView);
        }
        for (position, layer) in layers.layer_ids().into_iter().enumerate() {
            if layer_shortcut(position).is_some_and(|key| input.key_pressed(key)) {
                actions.push(Action::ToggleLayer(layer));
            }
        }
    });
    actions
}

/// Undo, redo and save; the App ignores them when nothing is being edited. Redo is looked
/// for first: Ctrl+Z also matches Ctrl+Shift+Z.
fn editing_actions(ctx: &egui::Context) -> Vec<Action> {
    let shortcuts = [
        (
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::Z,
            EditAction::Redo,
        ),
        (Modifiers::COMMAND, Key::Y, EditAction::Redo),
        (Modifiers::COMMAND, Key::Z, EditAction::Undo),
        (Modifiers::COMMAND, Key::S, EditAction::Save),
    ];
    let mut actions = Vec::new();
    ctx.input_mut(|input| {
        for (modifiers, key, action) in shortcuts {
            if input.consume_key(modifiers, key) {
                actions.push(Action::Editing(action));
            }
        }
    });
    actions
}
