//! One frame: the inputs gathered (files, dialog answers, keys, paste), the panels, the dialogs
//! and the map drawn, then the frame's actions applied in order.

use super::App;
use crate::map::MapContext;
use crate::render::style::Palette;
use crate::session::Action;
use crate::ui::dialogs::replace_question_ui;
use crate::ui::editor::quit_question_ui;
use crate::ui::file_dialog::file_dialog_ui;
use crate::ui::keyboard::keyboard_actions;
use crate::ui::story::presentation_keys;

impl App {
    /// Draws one frame into `ui`; the same entry point serves the window and the tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.window.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.window.title_sent = true;
        }
        if self.window.applied_theme != Some(self.session.state.theme) {
            ctx.set_theme(self.session.state.theme.preference());
            self.window.applied_theme = Some(self.session.state.theme);
        }
        self.guard_close(&ctx);
        self.receive_given_files();
        self.receive_opened_files(&ctx);
        let answered = self.receive_dialog_answer();
        self.receive_dropped_files(&ctx);

        self.advance_playback(&ctx);
        let mut actions = if self.session.presentation.is_some() {
            presentation_keys(&ctx)
        } else {
            keyboard_actions(
                &ctx,
                self.session.date,
                &self.session.layers,
                self.session.state.show_help,
            )
        };
        actions.extend(answered);
        actions.extend(pasted_on_map(&ctx));
        let palette = Palette::for_theme(ui.visuals().dark_mode);
        self.refresh_reader_index();
        self.panels_ui(ui, palette, &mut actions);
        file_dialog_ui(&ctx, &mut self.io.file_dialog, &mut actions);
        if let Some(path) = self.is_asking_to_replace() {
            replace_question_ui(&ctx, path, &mut actions);
        }
        if self.document.edit.asking_to_quit {
            quit_question_ui(&ctx, &mut actions);
        }
        let picked = self.picked_countries();
        let map_context = MapContext {
            world: &self.world,
            scenario: &self.document.scenario,
            layers: &self.session.layers,
            overlays: &self.document.overlays,
            selection: &self.session.selection,
            state: &self.session.state,
            date: self.session.date,
            palette,
            label_order: &self.document.index.label_order,
            first_countries: &self.document.index.first_countries,
            beside_countries: &self.document.index.beside_countries,
            territories: self.territories,
            picking: picked.as_deref(),
        };
        let map = &mut self.map;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            map.ui(ui, &map_context, &mut actions);
        });
        if let Some(view) = self.map.last_view() {
            let map_rect = view.screen_rect();
            self.over_map_ui(&ctx, map_rect, palette, &mut actions);
        }
        // The reader has scrolled to the first match in this frame.
        self.session.reader_find.scroll_pending = false;
        for action in actions {
            self.apply(action, &ctx);
        }
    }
}

/// Text pasted (Ctrl+V) while no text field has the focus: an article to draft from.
fn pasted_on_map(ctx: &egui::Context) -> Option<Action> {
    if ctx.memory(|memory| memory.focused().is_some()) {
        return None;
    }
    ctx.input(|input| {
        input.events.iter().find_map(|event| match event {
            egui::Event::Paste(text) if !text.trim().is_empty() => {
                Some(Action::DraftPastedText(text.clone()))
            }
            _ => None,
        })
    })
}
