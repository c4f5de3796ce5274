//! The whole article, credited, with the selected country's mentions highlighted and the
//! excerpts visible in context.

use egui::{RichText, Ui};

use super::PanelContext;
use super::text::{Mark, marked_text};
use crate::model::mentions::find_terms;

pub fn reader_ui(ui: &mut Ui, context: &PanelContext<'_>) {
    if let Some(opened) = context.opened_article {
        opened_article_ui(ui, context, opened);
        return;
    }
    let scenario = context.scenario;
    let meta = scenario.meta();
    let article = scenario.article();
    ui.label(RichText::new(&meta.title).heading());
    let publication = meta
        .publication
        .as_ref()
        .map(|publication| format!(", {publication}"))
        .unwrap_or_default();
    ui.label(format!("By {}{publication}", meta.author));
    if let Some(note) = &meta.author_note {
        ui.label(RichText::new(note).small().weak());
    }
    ui.separator();
    let mut marks: Vec<_> = scenario
        .data()
        .excerpts
        .iter()
        .filter_map(|excerpt| article.find_quote(&excerpt.quote, excerpt.paragraph))
        .map(|range| (range, Mark::Excerpt))
        .collect();
    if let Some(id) = context.selection.country() {
        let code = context.world.country(id).iso_a3();
        marks.extend(
            scenario
                .mention_ranges(code, article.text())
                .into_iter()
                .map(|range| (range, Mark::Mention)),
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let job = marked_text(ui, article.text(), &marks, ui.available_width());
            ui.label(job);
        });
}

/// An article opened from a file: its text, with the selected country's names highlighted.
fn opened_article_ui(ui: &mut Ui, context: &PanelContext<'_>, opened: &super::OpenedArticle) {
    ui.label(
        RichText::new(opened.path.display().to_string())
            .small()
            .weak(),
    );
    ui.separator();
    let mut marks = Vec::new();
    if let Some(id) = context.selection.country() {
        let country = context.world.country(id);
        let mut terms: Vec<&str> = vec![country.name()];
        terms.extend(country.demonym());
        terms.extend(country.capital().map(|capital| capital.name.as_str()));
        terms.extend(context.scenario.mention_terms(country.iso_a3()));
        marks.extend(
            find_terms(&opened.text, &terms)
                .into_iter()
                .map(|range| (range, Mark::Mention)),
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let job = marked_text(ui, &opened.text, &marks, ui.available_width());
            ui.label(job);
        });
}
