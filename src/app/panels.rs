//! The bars, side panels and windows around the map, drawn from one read-only context.

use super::App;
use crate::render::style::{
    DETAILS_PANEL_WIDTH, EDITOR_PANEL_WIDTH, EXCERPTS_PANEL_WIDTH, HELP_WIDTH, MAX_PANEL_SHARE,
    Palette, READER_SIZE,
};
use crate::session::Action;
use crate::ui::PanelContext;
use crate::ui::details::details_ui;
use crate::ui::editor::editor_ui;
use crate::ui::excerpts::excerpts_ui;
use crate::ui::help::help_ui;
use crate::ui::legend::legend_ui;
use crate::ui::reader::reader_ui;
use crate::ui::reader_index::ReaderIndex;
use crate::ui::status_bar::status_bar_ui;
use crate::ui::top_bar::top_bar_ui;

impl App {
    /// The reader's marks, found again when the scenario, the draft or the selected country
    /// changed; only while the reader shows the scenario's article.
    pub(super) fn refresh_reader_index(&mut self) {
        if !self.session.state.show_reader || self.document.opened_article.is_some() {
            return;
        }
        if !self
            .session
            .reader_index
            .is_for(&self.document.scenario, self.document.draft.as_ref())
        {
            self.session.reader_index =
                ReaderIndex::build(&self.document.scenario, self.document.draft.as_ref());
        }
        let code = self
            .session
            .selection
            .country()
            .map(|id| self.world.country(id).iso_a3());
        self.session.reader_index.select(code);
    }

    /// The bars, side panels and windows around the map.
    pub(super) fn panels_ui(&self, ui: &mut egui::Ui, palette: Palette, actions: &mut Vec<Action>) {
        let context = self.panel_context(palette);
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar_ui(ui, &context, &self.session.search, actions);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar_ui(ui, &context);
        });
        if self.session.presentation.is_none() {
            // Each side panel takes at most a fifth of the window, so the map keeps 60%.
            let max_panel_width = ui.available_width() * MAX_PANEL_SHARE;
            left_panel_ui(ui, &context, max_panel_width, actions);
            right_panel_ui(ui, &context, max_panel_width, actions);
        }
        windows_ui(ui.ctx(), &context, actions);
    }

    /// What the panels read this frame, borrowed from the App.
    fn panel_context(&self, palette: Palette) -> PanelContext<'_> {
        PanelContext {
            world: &self.world,
            scenario: &self.document.scenario,
            layers: &self.session.layers,
            overlays: &self.document.overlays,
            opened_article: self.document.opened_article.as_ref(),
            draft: self.document.draft.as_deref(),
            selection: &self.session.selection,
            state: &self.session.state,
            date: self.session.date,
            today: self.today(),
            changes: &self.document.index.changes,
            territories: self.territories,
            reader_find: &self.session.reader_find,
            reader_index: &self.session.reader_index,
            tiles_failed: self.map.tiles_failed(),
            presenting: self.session.presentation.is_some(),
            playing: self.session.playback.playing,
            palette,
            editor: self.editor_view(),
        }
    }
}

/// The editor on the left while editing, else the excerpts where they are shown.
fn left_panel_ui(
    ui: &mut egui::Ui,
    context: &PanelContext<'_>,
    max_width: f32,
    actions: &mut Vec<Action>,
) {
    let ctx = ui.ctx().clone();
    if let Some(editor) = context.editor.as_ref() {
        let panel = SidePanelWidth::new(ui, "editor", EDITOR_PANEL_WIDTH, max_width);
        panel
            .apply(egui::Panel::left("editor"))
            .show(ui, |ui| editor_ui(ui, context, editor, actions));
        panel.remember(&ctx);
    } else if context.state.show_excerpts {
        let panel = SidePanelWidth::new(ui, "excerpts", EXCERPTS_PANEL_WIDTH, max_width);
        panel
            .apply(egui::Panel::left("excerpts"))
            .show(ui, |ui| excerpts_ui(ui, context, actions));
        panel.remember(&ctx);
    }
}

/// The layers and details on the right, or the strip that brings them back.
fn right_panel_ui(
    ui: &mut egui::Ui,
    context: &PanelContext<'_>,
    max_width: f32,
    actions: &mut Vec<Action>,
) {
    if !context.state.show_details {
        egui::Panel::right("legend_and_details_collapsed")
            .resizable(false)
            .show(ui, |ui| {
                if ui
                    .button("«")
                    .on_hover_text("Show the layers and details")
                    .clicked()
                {
                    actions.push(Action::SetDetailsOpen(true));
                }
            });
        return;
    }
    let ctx = ui.ctx().clone();
    let id = "legend_and_details";
    let panel = SidePanelWidth::new(ui, id, DETAILS_PANEL_WIDTH, max_width);
    panel.apply(egui::Panel::right(id)).show(ui, |ui| {
        if ui
            .small_button("Hide »")
            .on_hover_text("Hide the layers and details; the map takes the room")
            .clicked()
        {
            actions.push(Action::SetDetailsOpen(false));
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.scope(|ui| {
                    // Long layer names end in "…" (their tooltip has them whole)
                    // rather than push the panel over the map in a small window.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    legend_ui(ui, context, actions);
                });
                ui.separator();
                details_ui(ui, context, actions);
            });
    });
    panel.remember(&ctx);
}

/// The help and the article, each a window of its own.
fn windows_ui(ctx: &egui::Context, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let mut help_open = context.state.show_help;
    // The help is taller than a small window: it scrolls rather than run off the screen.
    egui::Window::new("Help")
        .open(&mut help_open)
        .default_width(HELP_WIDTH)
        .vscroll(true)
        .show(ctx, |ui| help_ui(ui, context));
    if help_open != context.state.show_help {
        actions.push(Action::SetHelpOpen(help_open));
    }
    let mut reader_open = context.state.show_reader;
    egui::Window::new("Read the article")
        .open(&mut reader_open)
        .default_size(READER_SIZE)
        .show(ctx, |ui| reader_ui(ui, context, actions));
    if reader_open != context.state.show_reader {
        actions.push(Action::SetReaderOpen(reader_open));
    }
}

/// A side panel's width that follows the window back up. egui keeps the width a shrunken
/// window clamped a panel to, so after the window grew again the panels stayed narrow; the
/// width the reader had (the default until they drag the panel's edge) is kept beside egui's
/// own panel state and given back whenever the window has room for it.
struct SidePanelWidth {
    id: egui::Id,
    preferred_id: egui::Id,
    preferred: f32,
    max: f32,
}

impl SidePanelWidth {
    /// The panel `name` as egui names it among `ui`'s panels.
    fn new(ui: &egui::Ui, name: &str, default: f32, max: f32) -> Self {
        let ctx = ui.ctx();
        let id = ui.scope_id().with_salt(egui::IdSalt::new(name));
        let preferred_id = id.with_salt(egui::IdSalt::new("preferred width"));
        let preferred = ctx
            .data_mut(|data| data.get_persisted::<f32>(preferred_id))
            .filter(|width| width.is_finite() && *width > 0.0)
            .unwrap_or(default);
        let panel = Self {
            id,
            preferred_id,
            preferred,
            max,
        };
        if panel.shown_width(ctx) < Some(panel.target() - 0.5) {
            ctx.data_mut(|data| data.remove::<egui::containers::panel::PanelState>(id));
        }
        panel
    }

    fn target(&self) -> f32 {
        self.preferred.min(self.max)
    }

    fn shown_width(&self, ctx: &egui::Context) -> Option<f32> {
        egui::containers::panel::PanelState::load(ctx, self.id).map(|state| state.size().x)
    }

    fn apply(&self, panel: egui::Panel) -> egui::Panel {
        panel
            .resizable(true)
            .default_size(self.target())
            .max_size(self.max)
    }

    /// Keeps the width shown as the reader's choice, unless the window's size clamped it.
    fn remember(&self, ctx: &egui::Context) {
        if let Some(width) = self.shown_width(ctx)
            && width < self.max - 0.5
            && (width - self.preferred).abs() > 0.5
        {
            ctx.data_mut(|data| data.insert_persisted(self.preferred_id, width));
        }
    }
}
