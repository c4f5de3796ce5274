//! Present: starting, stepping and leaving a presentation, and what floats over the map
//! (messages, the step's caption, the changes the date just passed).

use super::App;
use crate::map::navigation::extent_in_mercator;
use crate::render::style::{CAPTION_ESTIMATED_COVER_PX, Palette};
use crate::session::{Action, Before, Level, Presentation, Selection};
use crate::ui::messages::toasts_ui;
use crate::ui::playback::change_notes_ui;
use crate::ui::story::caption_ui;

impl App {
    /// The step shown, while a presentation is under way.
    pub fn presentation_step(&self) -> Option<usize> {
        self.session.presentation.as_ref().map(|p| p.step)
    }

    /// How much of the map's bottom the caption covers, while presenting.
    pub fn caption_covers_px(&self) -> Option<f32> {
        self.session
            .presentation
            .as_ref()
            .map(|p| p.caption_covers_px)
    }

    /// Applies the actions of presenting and of playing the timeline.
    pub(super) fn apply_presenting(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::StartPresentation => self.start_presentation(ctx),
            Action::StepPresentation(steps) => self.step_presentation(steps),
            Action::LeavePresentation => self.leave_presentation(ctx),
            Action::ToggleFullscreen => {
                let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
            }
            Action::TogglePlayback => self.toggle_playback(),
            Action::SetPlaybackSpeed(speed) => self.session.state.playback_speed = speed,
            other => log::warn!("not an action of presenting: {other:?}"),
        }
    }

    fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.document.index.story.is_empty() {
            self.io
                .tell(Level::Warning, "This scenario has no excerpts to present.");
            return;
        }
        let before = match self.session.presentation.take() {
            Some(under_way) => under_way.before,
            None => Before {
                selection: self.session.selection.clone(),
                view: self.map.saved_view(),
                fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)),
            },
        };
        self.session.presentation = Some(Presentation {
            step: 0,
            before,
            caption_covers_px: CAPTION_ESTIMATED_COVER_PX,
        });
        self.show_step(0);
    }

    fn step_presentation(&mut self, steps: i32) {
        let Some(presentation) = self.session.presentation.as_mut() else {
            return;
        };
        let last = self.document.index.story.len().saturating_sub(1);
        let step = presentation
            .step
            .saturating_add_signed(steps as isize)
            .min(last);
        if step != presentation.step {
            presentation.step = step;
            self.show_step(step);
        }
    }

    /// Puts back the selection, the view and the window as they were before presenting.
    fn leave_presentation(&mut self, ctx: &egui::Context) {
        let Some(presentation) = self.session.presentation.take() else {
            return;
        };
        let before = presentation.before;
        self.session.selection = before.selection;
        if let Some(view) = before.view {
            self.map.restore(view);
        }
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        if fullscreen != before.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(before.fullscreen));
        }
    }

    /// Selects the step's excerpt, countries and tensions and flies to its area.
    fn show_step(&mut self, step: usize) {
        let Some(step) = self.document.index.story.get(step) else {
            return;
        };
        let countries = self.country_ids(&step.countries);
        let actors = match self.document.scenario.data().excerpts.get(step.excerpt) {
            Some(excerpt) if countries.is_empty() => excerpt.actors.clone(),
            _ => Vec::new(),
        };
        let extent = match &step.view {
            Some(view) => extent_in_mercator(view),
            None => self.extent_of(&countries, &actors),
        };
        let covered = self
            .session
            .presentation
            .as_ref()
            .map_or(0.0, |p| p.caption_covers_px);
        self.map.fly_to_above(&extent, covered);
        self.session.selection = Selection::Excerpt {
            index: step.excerpt,
            countries,
            tensions: step.tensions.clone(),
        };
    }

    /// What floats over the map: messages, the step's caption, the changes just passed.
    pub(super) fn over_map_ui(
        &mut self,
        ctx: &egui::Context,
        map: egui::Rect,
        palette: Palette,
        actions: &mut Vec<Action>,
    ) {
        toasts_ui(ctx, map, &self.io.messages, &self.io.jobs, actions);
        if let Some(presentation) = &self.session.presentation {
            let covered = caption_ui(
                ctx,
                map,
                &self.document.scenario,
                &self.document.index.story,
                presentation,
                &palette,
                actions,
            );
            if let (Some(covered), Some(presentation)) =
                (covered, self.session.presentation.as_mut())
            {
                presentation.caption_covers_px = covered;
            }
        }
        let now = ctx.input(|i| i.time);
        change_notes_ui(ctx, map, &self.session.change_notes.current(now), &palette);
        if let Some(wait) = self.session.change_notes.wait(now) {
            ctx.request_repaint_after(wait);
        }
    }
}
