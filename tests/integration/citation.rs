use alliance_map::session::Selection;
use egui::OutputCommand;
use egui_kittest::kittest::Queryable;

use crate::ui::{click_excerpt, click_tension_marker, ui_harness};

fn copied(harness: &egui_kittest::Harness<'_, alliance_map::App>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn copy_citation_on_an_excerpt_puts_the_reference_with_its_paragraph_on_the_clipboard() {
    let mut harness = ui_harness();
    click_excerpt(&mut harness, "Minsk feels itself threatened");
    harness.get_by_label("Copy citation").click();
    harness.step();
    assert_eq!(
        copied(&harness),
        [
            "Valvo, G. (2012). CSTO: The ‘NATO Of The East’ – Analysis. Eurasia Review, 20 May 2012, ¶5."
        ]
    );
    harness.run();
    harness.get_by_label_contains("Copied: Valvo, G. (2012)");
    harness.get_by_label("Copy citation").click();
    harness.run();
    let notes = harness
        .state()
        .messages()
        .iter()
        .filter(|message| message.text.starts_with("Copied: "))
        .count();
    assert_eq!(notes, 1, "copying again replaces the note");
}

#[test]
fn copy_citation_on_a_tension_cites_the_paragraphs_of_its_quotes() {
    let mut harness = ui_harness();
    let index = click_tension_marker(&mut harness, "csto-counterweight-to-nato");
    assert_eq!(harness.state().selection(), &Selection::Tension(index));
    harness.get_by_label("Copy citation").scroll_to_me();
    harness.run();
    harness.get_by_label("Copy citation").click();
    harness.step();
    assert_eq!(
        copied(&harness),
        [
            "Valvo, G. (2012). CSTO: The ‘NATO Of The East’ – Analysis. Eurasia Review, 20 May 2012, ¶1, 6, 7."
        ]
    );
}
