//! Playing the timeline: the play button and its speed, the jumps to the previous and next
//! change, the clickable marks of the changes under the date slider, and the short notes
//! the map shows as changes happen.

use egui::{RichText, Sense, Ui, vec2};

use super::PanelContext;
use crate::model::date::Date;
use crate::model::timeline::{changes_by_day, next_change, previous_change};
use crate::render::style::{
    CHANGE_MARK_HEIGHT_PX, CHANGE_MARK_REACH_PX, CHANGE_NOTE_FONT_SIZE, CHANGE_NOTE_MARGIN, Palette,
};
use crate::session::Action;
use crate::session::{DateChoice, PlaybackSpeed};

/// The jump buttons' names, for their tooltips and screen readers.
pub const PREVIOUS_CHANGE: &str = "Previous change";
pub const NEXT_CHANGE: &str = "Next change";
const SPEED_BOX_WIDTH: f32 = 64.0;

/// Play or pause, the speed, and the jumps to the previous and next change.
pub fn playback_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let (label, hover) = if context.playing {
        ("Pause", "Stop the timeline here")
    } else {
        (
            "Play",
            "Move the map month by month to today, showing each change as it happens",
        )
    };
    // As wide as the wider of its two words, so switching does not nudge the bar.
    let font = egui::TextStyle::Button.resolve(ui.style());
    let widest = ["Play", "Pause"]
        .map(|word| {
            let galley =
                ui.painter()
                    .layout_no_wrap(word.into(), font.clone(), egui::Color32::PLACEHOLDER);
            galley.size().x
        })
        .into_iter()
        .fold(0.0, f32::max);
    let width = widest + 2.0 * ui.spacing().button_padding.x;
    let button = egui::Button::new(label).min_size(vec2(width, 0.0));
    if ui.add(button).on_hover_text(hover).clicked() {
        actions.push(Action::TogglePlayback);
    }
    let speed = context.state.playback_speed;
    egui::ComboBox::from_id_salt("playback_speed")
        .selected_text(speed.short_label())
        .width(SPEED_BOX_WIDTH)
        .show_ui(ui, |ui| {
            for choice in PlaybackSpeed::ALL {
                if ui
                    .selectable_label(choice == speed, choice.label())
                    .clicked()
                {
                    actions.push(Action::SetPlaybackSpeed(choice));
                }
            }
        })
        .response
        .on_hover_text("How fast the timeline plays");
    let jumps = [
        (
            "|«",
            previous_change(context.changes, context.date),
            PREVIOUS_CHANGE,
        ),
        (
            "»|",
            next_change(context.changes, context.date),
            NEXT_CHANGE,
        ),
    ];
    for (text, target, name) in jumps {
        let response = ui.add_enabled(target.is_some(), egui::Button::new(text));
        // Named in words for screen readers, as the tooltip names it.
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, target.is_some(), name));
        let response = match target {
            Some(date) => response.on_hover_text(format!("{name}: {}", date.long_form())),
            None => response.on_disabled_hover_text(format!("{name}: none")),
        };
        if response.clicked()
            && let Some(date) = target
        {
            actions.push(Action::SetDate(DateChoice::Fixed(date)));
        }
    }
}

/// Marks under the slider on each day memberships changed; hovering one says what changed,
/// clicking one moves the map to that day.
pub fn change_marks_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    slider: egui::Rect,
    start: Date,
    last_month: i32,
    actions: &mut Vec<Action>,
) {
    let (_, today) = context.scenario.date_range(context.today);
    let width = ui.spacing().slider_width;
    let (rect, _) = ui.allocate_exact_size(vec2(width, CHANGE_MARK_HEIGHT_PX), Sense::hover());
    let rail = egui::Rangef::new(slider.left() + 6.0, slider.left() + width - 6.0);
    let x_of = |date: &Date| {
        let t = start.months_until(date) as f32 / last_month.max(1) as f32;
        rail.min + t * (rail.max - rail.min)
    };
    let in_range: Vec<_> = context
        .changes
        .iter()
        .filter(|(date, _)| *date >= start && *date <= today)
        .cloned()
        .collect();
    let color = ui.visuals().weak_text_color();
    for (day, what) in changes_by_day(&in_range) {
        let x = x_of(&day);
        ui.painter().line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            (1.5, color),
        );
        let text = format!("{day} {}", what.join("; "));
        let hit = egui::Rect::from_x_y_ranges(
            (x - CHANGE_MARK_REACH_PX)..=(x + CHANGE_MARK_REACH_PX),
            rect.y_range(),
        );
        let response = ui.interact(hit, ui.scope_id().with(("change", day)), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
        if response.clicked() {
            actions.push(Action::SetDate(DateChoice::Fixed(day)));
        }
        response
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text(text);
    }
}

/// The changes just passed, as labels at the top of the map.
pub fn change_notes_ui(ctx: &egui::Context, map: egui::Rect, notes: &[&str], palette: &Palette) {
    if notes.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("alliance-map/change-notes"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::CENTER_BOTTOM)
        .fixed_pos(map.center_bottom() - vec2(0.0, CHANGE_NOTE_MARGIN))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(palette.label_halo)
                .show(ui, |ui| {
                    // An area centred on a point is laid out in the room to the screen's edge
                    // from there, so short notes wrapped word by word: the box is given the
                    // width of its widest note, up to most of the map's.
                    let font = egui::FontId::proportional(CHANGE_NOTE_FONT_SIZE);
                    let widest = notes
                        .iter()
                        .map(|note| {
                            let galley = ui.painter().layout_no_wrap(
                                (*note).to_owned(),
                                font.clone(),
                                palette.label,
                            );
                            galley.size().x
                        })
                        .fold(0.0, f32::max);
                    let width = (widest + 4.0).min(map.width() * 0.9);
                    ui.set_min_width(width);
                    ui.set_max_width(width);
                    for note in notes {
                        ui.label(
                            RichText::new(*note)
                                .size(CHANGE_NOTE_FONT_SIZE)
                                .color(palette.label)
                                .strong(),
                        );
                    }
                });
        });
}
