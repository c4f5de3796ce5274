//! Present: the scenario's story (or its excerpts) one step at a time, the step's excerpt as
//! a caption over the map, stepped with the keyboard or the caption's buttons.

use egui::{Key, RichText, Ui};

use crate::model::scenario::{PresentedStep, Scenario};
use crate::render::style::{CAPTION_FONT_SIZE, CAPTION_MARGIN, CAPTION_MAX_WIDTH, Palette};
use crate::session::{Action, Presentation};

/// The keys of a presentation, which take the place of the map's own: Right, Space and Page
/// Down go on, Left and Page Up go back, Escape leaves, F11 switches full screen. A text field
/// with the keyboard keeps its keys.
pub fn presentation_keys(ctx: &egui::Context) -> Vec<Action> {
    let mut actions = Vec::new();
    if ctx.egui_wants_keyboard_input() {
        return actions;
    }
    ctx.input(|input| {
        for (key, steps) in [
            (Key::ArrowRight, 1),
            (Key::Space, 1),
            (Key::PageDown, 1),
            (Key::ArrowLeft, -1),
            (Key::PageUp, -1),
        ] {
            if input.key_pressed(key) {
                actions.push(Action::StepPresentation(steps));
            }
        }
        if input.key_pressed(Key::Escape) {
            actions.push(Action::LeavePresentation);
        }
        if input.key_pressed(Key::F11) {
            actions.push(Action::ToggleFullscreen);
        }
    });
    actions
}

/// The step's excerpt over the bottom of the map, with where it is in the story and the
/// buttons to move on; how much of the map's bottom it covers, in points.
pub fn caption_ui(
    ctx: &egui::Context,
    map: egui::Rect,
    scenario: &Scenario,
    steps: &[PresentedStep],
    presentation: &Presentation,
    palette: &Palette,
    actions: &mut Vec<Action>,
) -> Option<f32> {
    let step = steps.get(presentation.step)?;
    let excerpt = scenario.data().excerpts.get(step.excerpt)?;
    let width = (map.width() - 2.0 * CAPTION_MARGIN).clamp(200.0, CAPTION_MAX_WIDTH);
    let shown = egui::Area::new(egui::Id::unique("alliance-map/caption"))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(map.center_bottom() - egui::vec2(0.0, CAPTION_MARGIN))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(palette.label_halo)
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    caption_text_ui(ui, step, presentation.step, steps.len(), excerpt, palette);
                    ui.add_space(6.0);
                    caption_buttons_ui(ui, presentation.step, steps.len(), actions);
                });
        });
    Some(map.bottom() - shown.response.rect.top())
}

fn caption_text_ui(
    ui: &mut Ui,
    step: &PresentedStep,
    index: usize,
    count: usize,
    excerpt: &crate::model::scenario::Excerpt,
    palette: &Palette,
) {
    ui.label(
        RichText::new(format!(
            "Step {} of {count} · ¶{}",
            index + 1,
            excerpt.paragraph
        ))
        .small()
        .color(palette.label),
    );
    if let Some(title) = &step.title {
        ui.label(
            RichText::new(title)
                .size(CAPTION_FONT_SIZE + 2.0)
                .strong()
                .color(palette.label),
        );
    }
    ui.add(
        egui::Label::new(
            // As quoted, with no marks added: many quotes end in the article's own ”.
            RichText::new(&excerpt.quote)
                .size(CAPTION_FONT_SIZE)
                .color(palette.label),
        )
        .wrap(),
    );
}

fn caption_buttons_ui(ui: &mut Ui, index: usize, count: usize, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("« Previous"))
            .clicked()
        {
            actions.push(Action::StepPresentation(-1));
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new("Next »"))
            .clicked()
        {
            actions.push(Action::StepPresentation(1));
        }
        ui.label(RichText::new("Left, Right, Space · F11 full screen").weak());
        if ui.button("Leave (Esc)").clicked() {
            actions.push(Action::LeavePresentation);
        }
    });
}
