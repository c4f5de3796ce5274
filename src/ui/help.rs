//! The help window: keyboard shortcuts and how to read the map.

use egui::Ui;

use super::PanelContext;
use super::legend::layer_shortcut;
use crate::session::layer_label;

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
            ("Esc", "Clear the selection; stop making a tension"),
            ("F1 or ?", "Show or hide this help"),
            ("Drag, arrow keys", "Pan the map"),
            ("Wheel, pinch", "Zoom around the pointer"),
            ("Double-click", "Zoom in (Shift+double-click: out)"),
            ("+ and -", "Zoom in and out"),
            ("Home", "Fit the article's countries"),
            ("Ctrl+E", "Export the view as a figure (PNG or SVG)"),
            ("Ctrl+Z", "Undo an edit (Edit > Edit this scenario)"),
            ("Ctrl+Shift+Z, Ctrl+Y", "Redo an edit"),
            ("Ctrl+S", "Save the scenario being edited"),
            ("F5", "Present the article a step at a time"),
            (
                "Right, Space / Left",
                "While presenting: next step / previous step",
            ),
            ("Esc", "While presenting: leave, back to where you were"),
            ("F11", "Full screen, or back"),
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
    ui.label("Full members of an alliance are filled in its colour. Suspended members are lightly filled and hatched with a dashed outline, frozen ones hatched the other way with a dotted outline, former members only have a dotted outline. Membership of other groups is a badge beside the country's name: a circle for an economic union, a diamond for an informal group, hollow for an observer or suspended member. The hatching belongs to the map: it moves and grows with it as you zoom.");
    ui.label("Tension arcs follow great circles; their line style tells their kind (keyed in the legend). Click the marker on an arc for the sentences that state it. Hatched areas with a dashed outline are contested territories: click one for who recognises and who holds it.");
    ui.add_space(6.0);
    ui.strong("Time and presenting");
    ui.label("Play, beside the date slider, moves the map a month at a time to today at the speed chosen, each change showing on the map as it happens. |« and »| jump to the previous and next change; a click on a mark under the slider goes to its change.");
    ui.label("Present (F5) shows the article's story a step at a time: the excerpt as a caption, the map on its countries and tensions. Copy citation, in the details of an excerpt or tension, puts the article's reference with its paragraphs on the clipboard.");
    ui.add_space(6.0);
    ui.strong("Editing");
    ui.label("Edit > Edit this scenario opens the editor (the bundled scenario as a copy). Accept or drop proposed excerpts, and accept, edit or drop the proposed tensions (drawn fainter with a hollow marker); \"Make a tension\" on an excerpt, choose its kind and click its parties' countries on the map, add groups, or name an actor and click where it is. Problems the checks find show under what they concern. Every edit is autosaved as a draft, which comes back if the app is closed unexpectedly; File > Save asks before replacing a file.");
    ui.label("Opening, dropping or pasting an article (.txt, .md, .html) drafts a scenario from it: the \"Mentioned\" layer shades the countries it names, darker the more often; the reader highlights every mention and lists the uncertain ones (\"Congo\", \"Georgia\" beside \"Atlanta\") for you to confirm.");
}
