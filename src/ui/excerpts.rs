//! The article's excerpts in article order; a selected country's excerpts are marked and come
//! first. Clicking one selects the countries it concerns.

use egui::{RichText, Ui};

use super::PanelContext;
use super::actions::{Action, Selection};
use super::text::{Mark, marked_text};
use crate::model::mentions::find_terms;

pub fn excerpts_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let scenario = context.scenario;
    ui.horizontal(|ui| {
        ui.heading("Excerpts");
        if ui.button("Read the article").clicked() {
            actions.push(Action::SetReaderOpen(true));
        }
    });
    let selected_code = context
        .selection
        .country()
        .map(|id| context.world.country(id).iso_a3());
    let concerns_selected = |index: usize| {
        selected_code.is_some_and(|code| {
            scenario.data().excerpts[index]
                .countries
                .iter()
                .any(|c| c == code)
        })
    };
    let mut order: Vec<usize> = (0..scenario.data().excerpts.len()).collect();
    // Stable: the selected country's excerpts first, each group still in article order.
    order.sort_by_key(|&index| !concerns_selected(index));
    let terms = selected_code
        .map(|code| scenario.mention_terms(code))
        .unwrap_or_default();

    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for index in order {
                let excerpt = &scenario.data().excerpts[index];
                let marked = concerns_selected(index);
                let is_selected =
                    matches!(context.selection, Selection::Excerpt { index: i, .. } if *i == index);
                let marks: Vec<_> = find_terms(&excerpt.quote, &terms)
                    .into_iter()
                    .map(|range| (range, Mark::Mention))
                    .collect();
                let frame = egui::Frame::group(ui.style()).fill(if marked || is_selected {
                    ui.visuals().selection.bg_fill.gamma_multiply(0.35)
                } else {
                    ui.visuals().extreme_bg_color
                });
                frame.show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        RichText::new(format!("¶{}", excerpt.paragraph))
                            .small()
                            .weak(),
                    );
                    let job = marked_text(ui, &excerpt.quote, &marks, ui.available_width());
                    let response = ui
                        .add(
                            egui::Button::selectable(is_selected, job)
                                .wrap()
                                .frame(false),
                        )
                        .on_hover_text("Select the countries this excerpt concerns");
                    if response.clicked() {
                        actions.push(Action::SelectExcerpt(index));
                    }
                });
            }
        });
}
