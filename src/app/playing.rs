//! Playing the timeline: a month at a time from the date shown to today.

use super::App;
use crate::session::settings::DateChoice;

impl App {
    pub fn is_playing(&self) -> bool {
        self.session.playback.playing
    }

    /// Plays from the timeline's start when the map shows the article date (where it opens)
    /// or its last month, else on from the date shown (a pause, a date the reader chose);
    /// pauses when playing.
    pub(super) fn toggle_playback(&mut self) {
        if self.session.playback.playing {
            self.session.playback.stop();
            return;
        }
        let (start, end) = self.document.scenario.date_range(self.today());
        let at_end = self.session.date.first_of_month_plus(1) > end;
        if at_end || self.session.state.date == DateChoice::Article {
            self.set_date(DateChoice::Fixed(start));
        }
        self.session.playback.start();
    }

    /// Moves the date a month when its time has come, stops at the end, and asks for a repaint
    /// when the next month is due (none while paused). The first frame after starting starts
    /// the clock; applying the start asked for that frame.
    pub(super) fn advance_playback(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let months = self
            .session
            .playback
            .due_months(now, self.session.state.playback_speed);
        if months > 0 {
            let (_, end) = self.document.scenario.date_range(self.today());
            let next = self.session.date.first_of_month_plus(months);
            self.set_date(DateChoice::Fixed(next));
            if next >= end {
                self.session.playback.stop();
            }
        }
        if let Some(wait) = self.session.playback.wait(now) {
            ctx.request_repaint_after(wait);
        }
    }
}
