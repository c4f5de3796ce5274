//! Messages for the reader (a file refused, a file loaded with warnings), each dismissable.

use egui::{Color32, RichText, Ui};

use crate::render::style::{TOAST_MIN_WIDTH, TOAST_TOP_MARGIN, TOAST_WIDTH_SHARE};
use crate::session::{Action, Level, Message};

/// How many messages float over the map at once; older ones wait behind a count.
const MESSAGES_SHOWN: usize = 4;

/// Messages as toasts floating over the top of `map_rect`, above the map's shapes and never
/// pushing the map down; newest last, each until dismissed. Files being read show their
/// progress in the same place.
pub fn toasts_ui(
    ctx: &egui::Context,
    map_rect: egui::Rect,
    messages: &[Message],
    jobs: &[crate::model::open::OpenJob],
    actions: &mut Vec<Action>,
) {
    if messages.is_empty() && jobs.is_empty() {
        return;
    }
    let width = (map_rect.width() * TOAST_WIDTH_SHARE).max(TOAST_MIN_WIDTH);
    egui::Area::new(egui::Id::unique("alliance-map/toasts"))
        .order(egui::Order::Foreground)
        .fixed_pos(map_rect.center_top() + egui::vec2(-width / 2.0, TOAST_TOP_MARGIN))
        .show(ctx, |ui| {
            ui.set_max_width(width);
            super::loading::loading_ui(ui, jobs);
            let hidden = messages.len().saturating_sub(MESSAGES_SHOWN);
            if hidden > 0 {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("… and {hidden} earlier messages")).weak());
                });
            }
            messages_ui(ui, &messages[hidden..], hidden, actions);
        });
}

/// The messages, each with its level and a button to dismiss it; `first_index` is the index
/// of the first one in the App's list.
fn messages_ui(ui: &mut Ui, messages: &[Message], first_index: usize, actions: &mut Vec<Action>) {
    for (offset, message) in messages.iter().enumerate() {
        let index = first_index + offset;
        let (tag, color) = match message.level {
            Level::Info => ("Note", ui.visuals().text_color()),
            Level::Warning => ("Warning", Color32::from_rgb(0xE6, 0x9F, 0x00)),
            Level::Error => ("Error", Color32::from_rgb(0xD5, 0x5E, 0x00)),
        };
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(tag).color(color).strong());
                ui.add(egui::Label::new(&message.text).wrap());
                if ui.button("Dismiss").clicked() {
                    actions.push(Action::DismissMessage(index));
                }
            });
        });
    }
}
