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
        let examples = context.scenario.search_examples();
        let search = if examples.is_empty() {
            "Search a country, capital, demonym or leader".to_string()
        } else {
            format!(
                "Search a country, capital, demonym or leader (e.g. {})",
                examples.join(", ")
            )
        };
        ui.label("Ctrl+F");
        ui.label(search);
        ui.end_row();
        for (keys, what) in [
            (", and .", "Move the date a month back or forward"),
            ("Page Up, Page Down", "Move the date a year back or forward"),
            ("Esc", "Clear the selection"),
            ("F1 or ?", "Show or hide this help"),
            ("Drag, arrow keys", "Pan the map"),
            ("Wheel, pinch", "Zoom around the pointer"),
            ("Double-click", "Zoom in (Shift+double-click: out)"),
            ("+ and -", "Zoom in and out"),
            ("Home", "Fit the article's countries"),
            (
                "Ctrl+V on the map",
                "Draft a scenario from the article text pasted",
            ),
        ] {
            ui.label(keys);
            ui.label(what);
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.strong("Reading the map");
    ui.label("Full members of an alliance are filled in its colour. Suspended members are hatched with a dashed outline, frozen ones cross-hatched the other way with a dotted outline, former members only have a dotted outline. Economic unions are dotted, informal groups hatched.");
    ui.label("Tension arcs follow great circles; their line style tells their kind (keyed in the legend). Click the marker on an arc for the sentences that state it. Hatched areas with a dashed outline are contested territories: click one for who recognises and who holds it.");
    ui.label("Opening, dropping or pasting an article (.txt, .md, .html) drafts a scenario from it: the \"Mentioned\" layer shades the countries it names, darker the more often; the reader highlights every mention and lists the uncertain ones (\"Congo\", \"Georgia\" beside \"Atlanta\") for you to confirm.");
}
