//! The article's excerpts, always in article order. Those that concern the selected country,
//! or that state the selected tension, are marked, and the list scrolls to the first of them
//! when the selection changes. Clicking one selects the countries it concerns.

use egui::{RichText, Ui};

use super::PanelContext;
use super::marked_text::{Mark, marked_text};
use crate::model::scenario::Excerpt;
use crate::session::{Action, Selection};

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
    let cited: Vec<&str> = match context.selection {
        Selection::Tension(index) => scenario
            .data()
            .tensions
            .get(*index)
            .map(|t| t.excerpts.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let is_marked = |index: usize| {
        let excerpt = &scenario.data().excerpts[index];
        cited.contains(&excerpt.id.as_str())
            || selected_code.is_some_and(|code| excerpt.countries.iter().any(|c| c == code))
    };
    let marked_count = (0..scenario.data().excerpts.len())
        .filter(|&i| is_marked(i))
        .count();
    if marked_count > 0 {
        ui.label(
            RichText::new(format!("{marked_count} marked for the selection"))
                .small()
                .weak(),
        );
    }
    // Scroll to the first marked excerpt once per selection, not on every frame.
    let scrolled_id = egui::Id::unique("alliance-map/excerpts-scrolled-for");
    let selection_key = format!("{:?}", context.selection);
    let scroll_now =
        ui.ctx().data(|data| data.get_temp::<String>(scrolled_id)) != Some(selection_key.clone());
    let mut scrolled = false;

    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, excerpt) in scenario.data().excerpts.iter().enumerate() {
                let marked = is_marked(index);
                let is_selected =
                    matches!(context.selection, Selection::Excerpt { index: i, .. } if *i == index);
                let marks: Vec<_> = selected_code
                    .map(|code| scenario.mention_ranges(code, &excerpt.quote))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|range| (range, Mark::Mention))
                    .collect();
                let shown = excerpt_ui(
                    ui,
                    excerpt,
                    index,
                    &marks,
                    marked || is_selected,
                    is_selected,
                    actions,
                );
                if marked && scroll_now && !scrolled {
                    shown.response.scroll_to_me(Some(egui::Align::TOP));
                    scrolled = true;
                }
            }
        });
    if scroll_now {
        ui.ctx()
            .data_mut(|data| data.insert_temp(scrolled_id, selection_key));
    }
}

/// One excerpt in its frame, filled when marked or selected; a click selects it.
fn excerpt_ui(
    ui: &mut Ui,
    excerpt: &Excerpt,
    index: usize,
    marks: &[(std::ops::Range<usize>, Mark)],
    filled: bool,
    is_selected: bool,
    actions: &mut Vec<Action>,
) -> egui::InnerResponse<()> {
    let frame = egui::Frame::group(ui.style()).fill(if filled {
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
        let job = marked_text(ui, &excerpt.quote, marks, ui.available_width());
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
    })
}
