//! The status line: the date the map is drawn for, and the credits.

use egui::{RichText, Ui};

use super::PanelContext;

pub fn status_bar_ui(ui: &mut Ui, context: &PanelContext<'_>) {
    let meta = context.scenario.meta();
    ui.horizontal_wrapped(|ui| {
        let is_article_date = context.date == meta.date;
        ui.label(RichText::new(format!(
            "Map as of {}{}",
            context.date.long_form(),
            if is_article_date { " (article date)" } else { "" }
        ))
        .strong());
        ui.separator();
        ui.label(format!("Article: {} ({})", meta.author, meta.publication.as_deref().unwrap_or("publication unknown")));
        ui.separator();
        ui.label("Boundaries: Natural Earth, © OpenStreetMap contributors")
            .on_hover_text("Natural Earth boundaries (public domain), drawn as what each place is recognised as part of: Crimea is drawn in Ukraine, Abkhazia and South Ossetia in Georgia, Northern Cyprus in Cyprus. The Estonia-Russia line at Narva and the enclaves Baarle-Hertog, Büsingen and Campione come from OpenStreetMap (© OpenStreetMap contributors, ODbL). The territories layer shows who held each contested territory on the date shown.");
        if context.state.online_tiles && crate::render::online_tiles::AVAILABLE {
            ui.separator();
            ui.hyperlink_to(
                crate::render::online_tiles::ATTRIBUTION,
                "https://www.openstreetmap.org/copyright",
            );
        }
    });
}
