//! Playing the timeline: the play button and its speed, the jumps to the previous and next
//! change, the clickable marks of the changes under the date slider, and the short notes
//! the map shows as changes happen.

use std::time::Duration;

use egui::{RichText, Sense, Ui, vec2};

use super::PanelContext;
use crate::model::date::Date;
use crate::model::timeline::{changes_by_day, next_change, previous_change};
use crate::render::style::{
    CHANGE_MARK_HEIGHT_PX, CHANGE_MARK_REACH_PX, CHANGE_NOTE_FONT_SIZE, CHANGE_NOTE_MARGIN,
    CHANGE_NOTE_SECS, MAX_CHANGE_NOTES, Palette,
};
use crate::session::Action;
use crate::session::{DateChoice, PlaybackSpeed};

/// The jump buttons' names, for their tooltips and screen readers.
pub const PREVIOUS_CHANGE: &str = "Previous change";
pub const NEXT_CHANGE: &str = "Next change";
const SPEED_BOX_WIDTH: f32 = 64.0;

/// Whether the timeline plays, and when it next moves a month.
#[derive(Clone, Copy, Debug, Default)]
pub struct Playback {
    pub playing: bool,
    /// Set by the first frame after starting, which starts the clock.
    next_step_secs: Option<f64>,
}

impl Playback {
    pub fn start(&mut self) {
        self.playing = true;
        self.next_step_secs = None;
    }

    pub fn stop(&mut self) {
        self.playing = false;
        self.next_step_secs = None;
    }

    /// How many months the map moves at `now_secs`: those whose time has come, at most one a
    /// frame so that every month is drawn (a slow frame delays the play, never skips a month).
    pub fn due_months(&mut self, now_secs: f64, speed: PlaybackSpeed) -> i32 {
        if !self.playing {
            return 0;
        }
        let interval = 1.0 / speed.months_per_second();
        let next = *self.next_step_secs.get_or_insert(now_secs + interval);
        if now_secs < next {
            return 0;
        }
        // Behind by more than a step (the window was hidden): go on from now.
        self.next_step_secs = Some((next + interval).max(now_secs + interval / 2.0));
        1
    }

    /// How long until the next month, for a repaint then and not before; `None` when paused.
    pub fn wait(&self, now_secs: f64) -> Option<Duration> {
        let next = self.next_step_secs.filter(|_| self.playing)?;
        Some(Duration::from_secs_f64((next - now_secs).max(0.0)))
    }
}

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

/// Changes shown on the map as they happen, each for a few seconds.
#[derive(Debug, Default)]
pub struct ChangeNotes {
    /// Each note's text, and when it was first drawn (its clock starts then).
    notes: Vec<(String, Option<f64>)>,
}

impl ChangeNotes {
    /// Shows `changes` from now; the oldest give way when there are too many.
    pub fn push<'a>(&mut self, changes: impl IntoIterator<Item = &'a str>) {
        self.notes
            .extend(changes.into_iter().map(|what| (what.to_string(), None)));
        let excess = self.notes.len().saturating_sub(MAX_CHANGE_NOTES);
        self.notes.drain(..excess);
    }

    pub fn clear(&mut self) {
        self.notes.clear();
    }

    /// The notes still shown at `now_secs`, starting the clock of new ones.
    pub fn current(&mut self, now_secs: f64) -> Vec<&str> {
        for (_, since) in &mut self.notes {
            since.get_or_insert(now_secs);
        }
        self.notes
            .retain(|(_, since)| since.is_some_and(|t| now_secs - t < CHANGE_NOTE_SECS));
        self.notes.iter().map(|(text, _)| text.as_str()).collect()
    }

    /// How long until the oldest note goes, for a repaint then.
    pub fn wait(&self, now_secs: f64) -> Option<Duration> {
        self.notes
            .iter()
            .filter_map(|(_, since)| *since)
            .map(|since| since + CHANGE_NOTE_SECS - now_secs)
            .reduce(f64::min)
            .map(|secs| Duration::from_secs_f64(secs.max(0.0)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playing_moves_a_month_at_each_interval_and_never_more_than_one_a_frame() {
        let mut playback = Playback::default();
        assert_eq!(playback.due_months(0.0, PlaybackSpeed::Medium), 0);
        playback.start();
        assert_eq!(playback.due_months(10.0, PlaybackSpeed::Medium), 0);
        assert_eq!(playback.due_months(10.2, PlaybackSpeed::Medium), 0);
        assert_eq!(playback.due_months(10.25, PlaybackSpeed::Medium), 1);
        assert_eq!(playback.due_months(10.3, PlaybackSpeed::Medium), 0);
        assert_eq!(playback.due_months(99.0, PlaybackSpeed::Medium), 1);
        assert_eq!(playback.due_months(99.01, PlaybackSpeed::Medium), 0);
    }

    #[test]
    fn a_paused_timeline_asks_for_no_repaint() {
        let mut playback = Playback::default();
        playback.start();
        playback.due_months(1.0, PlaybackSpeed::Fast);
        assert!(
            playback
                .wait(1.0)
                .is_some_and(|wait| wait.as_secs_f64() > 0.05)
        );
        playback.stop();
        assert_eq!(playback.wait(1.0), None);
    }

    #[test]
    fn a_change_note_shows_for_a_few_seconds_from_when_it_is_first_drawn() {
        let mut notes = ChangeNotes::default();
        notes.push(["Finland joins NATO"]);
        assert_eq!(notes.current(100.0), ["Finland joins NATO"]);
        assert_eq!(notes.current(100.0 + CHANGE_NOTE_SECS / 2.0).len(), 1);
        assert!(notes.wait(100.0).is_some());
        assert!(notes.current(100.0 + CHANGE_NOTE_SECS).is_empty());
        assert_eq!(notes.wait(200.0), None);
    }
}
