//! The timeline as it plays: when it next moves a month, and the notes of the changes it
//! passed, each shown for a few seconds. The clock is the frame's time, given by the caller.

use std::time::Duration;

use super::PlaybackSpeed;

/// How long a change note stays on the map, and how many show at once.
pub const CHANGE_NOTE_SECS: f64 = 2.5;
pub const MAX_CHANGE_NOTES: usize = 4;

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
