//! The help window: keyboard shortcuts and how to read the map.

use egui::Ui;

use super::PanelContext;
use super::legend::{layer_label, layer_shortcut};

pub fn help_ui(ui: &mut Ui, context: &PanelContext<'_>) {
    ui.strong("Keyboard");
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (position, layer) in context.layers.layer_ids().into_iter().enumerate() {
            if let Some(key) = layer_shortcut(position) {
                ui.label(key.name());
                ui.label(format!(
                    "Show or hide: {}",
                    layer_label(context.layers, layer)
                ));
                ui.end_row();
            }
        }
        for (keys, what) in [
            ("Ctrl+F", "Search a country, capital, demonym or leader"),
            (", and .", "Move the date a month back or forward"),
            ("Page Up, Page Down", "Move the date a year back or forward"),
            ("Esc", "Clear the selection"),
            ("F1 or ?", "Show or hide this help"),
            ("Drag, wheel", "Pan and zoom the map"),
            ("Double-click", "Zoom in"),
        ] {
            ui.label(keys);
            ui.label(what);
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.strong("Reading the map");
    ui.label("Full members of an alliance are filled in its colour. Suspended members are hatched with a dashed outline, frozen ones cross-hatched the other way with a dotted outline, former members only have a dotted outline. The Customs Union is dotted, the informal axis hatched.");
    ui.label("Tension arcs follow great circles; their line style tells their kind. Click the marker in the middle of an arc for the sentences that state it.");
}
