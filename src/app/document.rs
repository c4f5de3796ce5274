//! The document the App shows: the scenario with what is derived from it once, what drafting
//! found, the article and overlays the reader opened, and the edit under way.

use std::sync::Arc;

use super::editing::EditSession;
use crate::layers::MapLayers;
use crate::model::date::Date;
use crate::model::drafting::DraftNotes;
use crate::model::scenario::{PresentedStep, Scenario};
use crate::model::search::SearchIndex;
use crate::model::{CountryId, World};
use crate::placement::{first_countries, label_order};
use crate::session::{OpenedArticle, OverlayEntry};

/// What is computed once per scenario rather than once per frame.
pub(super) struct ScenarioIndex {
    /// Dates on which memberships changed, with what changed.
    pub(super) changes: Vec<(Date, String)>,
    /// Countries the scenario speaks of and its tensions' parties, named before the others.
    pub(super) first_countries: Vec<CountryId>,
    /// Those of them named beside themselves on a leader line when too small.
    pub(super) beside_countries: Vec<CountryId>,
    /// Every country in the order labels are placed.
    pub(super) label_order: Vec<CountryId>,
    pub(super) search: SearchIndex,
    /// The steps Present walks through.
    pub(super) story: Vec<PresentedStep>,
}

impl ScenarioIndex {
    pub(super) fn build(world: &World, scenario: &Scenario) -> Self {
        let (first_countries, beside_countries) = first_countries(world, scenario);
        Self {
            changes: scenario.membership_changes(world),
            label_order: label_order(world, &first_countries),
            first_countries,
            beside_countries,
            search: SearchIndex::build(world, Some(scenario)),
            story: scenario.story(),
        }
    }
}

pub(super) struct DocumentState {
    pub(super) scenario: Arc<Scenario>,
    pub(super) index: ScenarioIndex,
    /// What drafting found, while the scenario is one drafted from an article.
    /// Shared with the reader's index, which knows by it when to rebuild.
    pub(super) draft: Option<Arc<DraftNotes>>,
    pub(super) opened_article: Option<OpenedArticle>,
    pub(super) overlays: Vec<OverlayEntry>,
    /// How many overlays were ever opened, to give each a colour of its own.
    pub(super) overlays_opened: usize,
    pub(super) edit: EditSession,
}

impl DocumentState {
    pub(super) fn new(world: &World, scenario: Arc<Scenario>) -> Self {
        Self {
            index: ScenarioIndex::build(world, &scenario),
            scenario,
            draft: None,
            opened_article: None,
            overlays: Vec::new(),
            overlays_opened: 0,
            edit: EditSession::default(),
        }
    }

    /// Puts another scenario in place, with what drafting found if it was drafted, and
    /// derives its index again.
    pub(super) fn replace_scenario(
        &mut self,
        world: &World,
        scenario: Arc<Scenario>,
        draft: Option<Arc<DraftNotes>>,
    ) {
        self.index = ScenarioIndex::build(world, &scenario);
        self.scenario = scenario;
        self.draft = draft;
    }

    /// The map's layers on `date`, with drafting's mention counts where there are some.
    pub(super) fn layers_on(&self, world: &World, date: Date) -> MapLayers {
        let counts = self.draft.as_ref().map_or(&[][..], |draft| &draft.counts);
        MapLayers::build(world, &self.scenario, date).with_mentions(world, counts)
    }

    /// The countries of the world with these codes; unknown codes are left out.
    pub(super) fn country_ids(world: &World, codes: &[String]) -> Vec<CountryId> {
        codes
            .iter()
            .filter_map(|code| world.by_code(code).map(|c| c.id()))
            .collect()
    }

    /// The article the reader sees: the one opened, else the scenario's own.
    pub(super) fn article_text(&self) -> &str {
        match &self.opened_article {
            Some(opened) => opened.text.as_str(),
            None => self.scenario.article().text(),
        }
    }
}

/// The bundled world and scenario, loaded once for the App's unit tests.
#[cfg(test)]
pub(super) fn bundled_for_tests() -> (Arc<World>, Arc<Scenario>) {
    use std::sync::OnceLock;
    static BUNDLED: OnceLock<(Arc<World>, Arc<Scenario>)> = OnceLock::new();
    let (world, scenario) = BUNDLED.get_or_init(|| {
        let world = match World::load_bundled() {
            Ok(world) => Arc::new(world),
            Err(error) => panic!("the bundled world loads: {error}"),
        };
        let scenario = match Scenario::load_bundled(&world) {
            Ok(scenario) => Arc::new(scenario),
            Err(error) => panic!("the bundled scenario loads: {error}"),
        };
        (world, scenario)
    });
    (Arc::clone(world), Arc::clone(scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_are_left_out_of_the_countries() {
        let (world, _) = bundled_for_tests();
        let codes = ["ARM", "XYZ", "RUS"].map(String::from);
        let names: Vec<&str> = DocumentState::country_ids(&world, &codes)
            .into_iter()
            .map(|id| world.country(id).iso_a3())
            .collect();
        assert_eq!(names, ["ARM", "RUS"]);
    }

    #[test]
    fn the_reader_shows_the_opened_article_over_the_scenarios_own() {
        let (world, scenario) = bundled_for_tests();
        let mut document = DocumentState::new(&world, scenario);
        assert!(document.article_text().contains("CSTO"));
        document.opened_article = Some(OpenedArticle {
            path: "notes.txt".into(),
            text: "Notes of my own".into(),
        });
        assert_eq!(document.article_text(), "Notes of my own");
    }

    #[test]
    fn a_draft_replacing_the_scenario_brings_its_mention_counts_to_the_layers() {
        let (world, scenario) = bundled_for_tests();
        let mut document = DocumentState::new(&world, Arc::clone(&scenario));
        let date = scenario.date();
        assert!(document.layers_on(&world, date).mentioned.is_empty());
        let notes = DraftNotes {
            counts: vec![("ARM".into(), 3)],
            ..DraftNotes::default()
        };
        document.replace_scenario(&world, scenario, Some(Arc::new(notes)));
        let mentioned = document.layers_on(&world, date).mentioned;
        assert_eq!(mentioned.len(), 1, "{mentioned:?}");
    }
}
