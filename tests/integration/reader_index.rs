//! The reader's per-paragraph index of excerpts and mentions against the slow per-frame scan.

use std::path::Path;
use std::sync::Arc;

use alliance_map::model::date::Date;
use alliance_map::model::drafting::{Draft, DraftOptions};
use alliance_map::model::gazetteer::Gazetteer;
use alliance_map::ui::reader_index::{ReaderIndex, naive_paragraph_marks};

use crate::gazetteer::{TEST_ARTICLES, test_article};
use crate::world::world;

#[test]
fn the_reader_index_holds_the_same_marks_as_scanning_every_excerpt_and_mention_per_paragraph() {
    let world = world();
    let Ok(gazetteer) = Gazetteer::load_bundled() else {
        panic!("the bundled gazetteer")
    };
    let options = DraftOptions {
        as_of: None,
        today: Date::new(2026, 1, 1).unwrap_or_else(|| panic!("a date")),
        language: None,
    };
    let mut marked_paragraphs = 0;
    for name in TEST_ARTICLES {
        let path = Path::new(name).with_extension("txt");
        let text = test_article(name);
        let draft = match Draft::from_article(&path, &text, name, &gazetteer, world, options) {
            Ok(draft) => draft,
            Err(error) => panic!("{name}: {error}"),
        };
        // The proposals stay in the scenario as excerpts: they are what the index places.
        let scenario = match draft.scenario(&path.with_extension("json"), world) {
            Ok(scenario) => Arc::new(scenario),
            Err(error) => panic!("{name}: {error}"),
        };
        let notes = Arc::new(draft.notes.clone());
        let mut index = ReaderIndex::build(&scenario, Some(&notes));
        assert!(index.is_for(&scenario, Some(&notes)));
        assert!(
            !index.is_for(&scenario, None),
            "a draft changed is a new key"
        );
        let selected = draft.countries().first().map(|code| code.to_string());
        index.select(selected.as_deref());
        for number in 1..=scenario.article().paragraph_count() {
            let (naive, mentions) =
                naive_paragraph_marks(&scenario, Some(&notes), selected.as_deref(), number);
            assert_eq!(index.paragraph(number), Some(&naive), "{name} ¶{number}");
            assert_eq!(
                index.selected_mentions(number),
                mentions,
                "{name} ¶{number}"
            );
            if !naive.excerpts.is_empty() && !naive.drafted.is_empty() {
                marked_paragraphs += 1;
            }
        }
    }
    assert!(marked_paragraphs > 5, "the articles have marks to compare");
}
