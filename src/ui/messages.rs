//! Messages for the reader (a file refused, a file loaded with warnings), each dismissable.

use egui::{Color32, RichText, Ui};

use super::actions::Action;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

impl Message {
    pub fn new(level: Level, text: impl Into<String>) -> Self {
        let text = text.into();
        match level {
            Level::Info => log::info!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Error => log::error!("{text}"),
        }
        Self { level, text }
    }
}

/// Shown over the top of the map, newest last; a message stays until dismissed.
pub fn messages_ui(ui: &mut Ui, messages: &[Message], actions: &mut Vec<Action>) {
    for (index, message) in messages.iter().enumerate() {
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
