//! What the reader is doing with the document: the date and the layers drawn for it, the
//! settings, the selection, the search and find boxes, a presentation or the timeline playing.

use super::document::DocumentState;
use crate::layers::MapLayers;
use crate::model::World;
use crate::model::clock::Clock;
use crate::model::date::Date;
use crate::model::scenario::Scenario;
use crate::model::timeline::changes_passed;
use crate::session::{ChangeNotes, DateChoice, Playback, Presentation, Selection, UiState};
use crate::ui::reader::ReaderFind;
use crate::ui::reader_index::ReaderIndex;
use crate::ui::top_bar::SearchState;

pub(super) struct SessionState {
    pub(super) date: Date,
    pub(super) layers: MapLayers,
    pub(super) state: UiState,
    pub(super) selection: Selection,
    pub(super) search: SearchState,
    pub(super) reader_find: ReaderFind,
    pub(super) reader_index: ReaderIndex,
    pub(super) presentation: Option<Presentation>,
    pub(super) playback: Playback,
    pub(super) change_notes: ChangeNotes,
    /// What day today is: the desktop's clock, or a fixed day in tests.
    pub(super) clock: Clock,
}

impl SessionState {
    /// A session over `document` with the saved `state`, on the date it chose.
    pub(super) fn new(
        world: &World,
        document: &DocumentState,
        state: UiState,
        clock: Clock,
    ) -> Self {
        let date = resolve_date(state.date, &document.scenario, clock.today());
        Self {
            layers: document.layers_on(world, date),
            date,
            state,
            selection: Selection::None,
            search: SearchState::default(),
            reader_find: ReaderFind::default(),
            reader_index: ReaderIndex::default(),
            presentation: None,
            playback: Playback::default(),
            change_notes: ChangeNotes::default(),
            clock,
        }
    }

    /// Starts over on another scenario: its article date, nothing selected or searched, no
    /// presentation or playing, no notes of changes passed.
    pub(super) fn restart_on(&mut self, world: &World, document: &DocumentState) {
        self.state.date = DateChoice::Article;
        self.date = resolve_date(self.state.date, &document.scenario, self.clock.today());
        self.layers = document.layers_on(world, self.date);
        self.selection = Selection::None;
        self.search = SearchState::default();
        self.presentation = None;
        self.playback.stop();
        self.change_notes.clear();
    }

    /// Shows the date chosen (a fixed one kept within the scenario's range) and notes the
    /// membership changes passed on the way.
    pub(super) fn set_date(&mut self, world: &World, document: &DocumentState, choice: DateChoice) {
        let today = self.clock.today();
        let choice = match choice {
            DateChoice::Fixed(date) => DateChoice::Fixed(document.scenario.clamp_date(date, today)),
            other => other,
        };
        self.state.date = choice;
        let date = resolve_date(choice, &document.scenario, today);
        if date != self.date {
            let passed = changes_passed(&document.index.changes, self.date, date);
            self.change_notes
                .push(passed.iter().map(|(_, what)| what.as_str()));
            self.date = date;
            self.layers = document.layers_on(world, date);
        }
    }
}

/// The day a date choice stands for, on a scenario, given today.
pub(super) fn resolve_date(choice: DateChoice, scenario: &Scenario, today: Date) -> Date {
    match choice {
        DateChoice::Article => scenario.date(),
        DateChoice::Today => today,
        DateChoice::Fixed(date) => scenario.clamp_date(date, today),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::document::bundled_for_tests;

    const TODAY: Date = Date::constant(2026, 12, 4);

    fn session() -> (Arc<World>, DocumentState, SessionState) {
        let (world, scenario) = bundled_for_tests();
        let document = DocumentState::new(&world, scenario);
        let session = SessionState::new(&world, &document, UiState::default(), Clock::Fixed(TODAY));
        (world, document, session)
    }

    #[test]
    fn a_new_session_shows_the_article_date() {
        let (_, document, session) = session();
        assert_eq!(session.date, document.scenario.date());
        assert_eq!(session.state.date, DateChoice::Article);
    }

    #[test]
    fn a_date_past_today_is_brought_back_to_today() {
        let (world, document, mut session) = session();
        let far = Date::constant(2100, 1, 1);
        session.set_date(&world, &document, DateChoice::Fixed(far));
        assert_eq!(session.date, TODAY);
        assert_eq!(session.state.date, DateChoice::Fixed(TODAY));
    }

    #[test]
    fn moving_past_a_membership_change_notes_it_and_redraws_the_layers() {
        let (world, document, mut session) = session();
        let members = |session: &SessionState| {
            session.layers.groups[0].count(crate::model::scenario::Status::Member)
        };
        session.set_date(
            &world,
            &document,
            DateChoice::Fixed(Date::constant(1995, 1, 1)),
        );
        session.change_notes.clear();
        let in_1995 = members(&session);
        session.set_date(&world, &document, DateChoice::Today);
        assert!(!session.change_notes.current(0.0).is_empty());
        assert_ne!(
            in_1995,
            members(&session),
            "the CSTO had other members in 1995"
        );
    }

    #[test]
    fn starting_over_on_a_scenario_forgets_the_selection_the_search_and_the_date() {
        let (world, document, mut session) = session();
        session.set_date(&world, &document, DateChoice::Today);
        session.selection = Selection::Tension(0);
        session.search.query = "Armenia".into();
        session.restart_on(&world, &document);
        assert_eq!(session.selection, Selection::None);
        assert!(session.search.query.is_empty());
        assert_eq!(session.date, document.scenario.date());
        assert!(session.change_notes.current(0.0).is_empty());
    }
}
