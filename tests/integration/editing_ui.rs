use std::path::{Path, PathBuf};

use alliance_map::App;
use alliance_map::layers::LayerId;
use alliance_map::model::edit::draft::draft_path;
use alliance_map::model::edit::save::save_scenario;
use alliance_map::model::scenario::Excerpt;
use alliance_map::model::scenario::{Modality, Tension, TensionKind};
use alliance_map::session::Action;
use alliance_map::ui::dialogs::REPLACE_LABEL;
use alliance_map::ui::editor::{
    ACCEPT_LABEL, ACCEPT_TENSION_LABEL, ADD_TENSION_LABEL, DROP_LABEL, DROP_TENSION_LABEL,
    MAKE_TENSION_LABEL, QUIT_WITHOUT_SAVING_LABEL, TITLE_LABEL,
};
use alliance_map::ui::top_bar::EDIT_SCENARIO_LABEL;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::editing::{PROPOSED_QUOTE, proposal};
use crate::files::drop_file;
use crate::fixtures::write;
use crate::gazetteer::test_article;
use crate::ui::{click_at, painted, shared, wait_until_loaded};

/// The app with drafts kept in `drafts`, editing the bundled scenario with `proposals`.
fn editing_harness(drafts: &Path, proposals: Vec<Excerpt>) -> Harness<'static, App> {
    let mut harness = app_harness(drafts);
    harness.state_mut().start_editing(proposals);
    harness.run();
    harness
}

/// The app as it starts, with drafts kept in `drafts`.
fn app_harness(drafts: &Path) -> Harness<'static, App> {
    let (world, scenario) = shared();
    let drafts = drafts.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(200)
        .build_eframe(move |_| {
            let mut app = App::new(world, scenario, crate::fixtures::TEST_CLOCK);
            app.keep_drafts_in(drafts);
            app
        });
    harness.run();
    harness
}

fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("a temporary folder: {error}"),
    }
}

fn tension_count(harness: &Harness<'_, App>) -> usize {
    harness
        .state()
        .edited_document()
        .map_or(0, |d| d.data.tensions.len())
}

fn click_place(harness: &mut Harness<'_, App>, lon: f64, lat: f64) {
    let Some(position) = harness.state().screen_position_of(lon, lat) else {
        panic!("the map was drawn")
    };
    click_at(harness, position);
}

/// Clicks the first of the buttons labelled `label` after `skip` of them.
fn click_nth(harness: &mut Harness<'_, App>, label: &str, skip: usize) {
    let Some(button) = harness.query_all_by_label(label).nth(skip) else {
        panic!("a button '{label}' number {skip}")
    };
    button.scroll_to_me();
    harness.run();
    let Some(button) = harness.query_all_by_label(label).nth(skip) else {
        panic!("a button '{label}' number {skip}")
    };
    button.click();
    harness.run();
}

/// Whether the live checks found something at a JSON path `at` accepts.
fn has_finding(harness: &Harness<'_, App>, at: impl Fn(&str) -> bool) -> bool {
    harness
        .state()
        .edit_findings()
        .iter()
        .any(|finding| at(&finding.path))
}

fn open_and_wait(harness: &mut Harness<'_, App>, path: PathBuf) {
    harness.state_mut().open_paths([path]);
    wait_until_loaded(harness);
}

/// Types `path` over the file name in the in-app file browser Save as opened (the tests have
/// no desktop dialog) and presses Enter.
pub fn save_as_typed(harness: &mut Harness<'_, App>, path: &Path) {
    assert!(
        harness.state().file_browser_folder().is_some(),
        "Save as opened the file browser"
    );
    let text_input = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(text_input, "File").focus();
    harness.run();
    harness.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    harness
        .get_by_role_and_label(text_input, "File")
        .type_text(&path.display().to_string());
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn the_edit_menu_edits_the_bundled_scenario_as_a_copy() {
    let drafts = temp_dir();
    let mut harness = app_harness(drafts.path());
    from_edit_menu(&mut harness, EDIT_SCENARIO_LABEL);
    assert!(harness.state().is_editing());
    assert!(!harness.state().has_unsaved_edits());
    harness.get_by_label_contains("A copy of the bundled scenario");
}

#[test]
fn accepting_an_excerpt_making_a_tension_by_clicking_undo_redo_save_and_reopen_give_the_same_scenario()
 {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), vec![proposal()]);
    harness.get_by_label(ACCEPT_LABEL).click();
    harness.run();
    let Some(document) = harness.state().edited_document() else {
        panic!("editing")
    };
    let Some(accepted) = document
        .data
        .excerpts
        .iter()
        .position(|e| e.quote == PROPOSED_QUOTE)
    else {
        panic!("the proposal was accepted")
    };
    assert!(document.proposals.is_empty());
    let tensions = tension_count(&harness);

    click_nth(&mut harness, MAKE_TENSION_LABEL, accepted);
    assert!(harness.state().tension_draft().is_some());
    click_place(&mut harness, 37.6, 55.75); // Moscow
    click_place(&mut harness, 71.4, 51.2); // Astana
    let parties: Vec<Option<String>> = harness
        .state()
        .tension_draft()
        .map(|t| t.parties.iter().map(|p| p.country.clone()).collect())
        .unwrap_or_default();
    assert_eq!(parties, [Some("RUS".into()), Some("KAZ".into())]);
    harness.get_by_label(ADD_TENSION_LABEL).click();
    harness.run();
    assert_eq!(tension_count(&harness), tensions + 1);
    assert_eq!(
        harness.state().scenario().data().tensions.len(),
        tensions + 1,
        "the map follows"
    );
    let made = harness.state().edited_document().cloned();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(tension_count(&harness), tensions, "undone");
    assert_eq!(harness.state().scenario().data().tensions.len(), tensions);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(harness.state().edited_document().cloned() == made, "redone");

    let folder = temp_dir();
    let target = folder.path().join("edited.json");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    // A copy of the bundled scenario is saved under a new name: Save asks for one.
    save_as_typed(&mut harness, &target);
    assert!(target.exists(), "{:?}", harness.state().messages());
    assert!(!harness.state().has_unsaved_edits());
    assert!(
        !draft_path(drafts.path()).exists(),
        "a saved draft is not kept"
    );
    assert_eq!(harness.state().scenario().source(), target.as_path());

    let Some(saved) = harness.state().edited_document().cloned() else {
        panic!("still editing")
    };
    let mut reopened = app_harness(temp_dir().path());
    open_and_wait(&mut reopened, target);
    assert!(
        reopened.state().scenario().data() == &saved.data,
        "the reopened scenario differs"
    );
}

#[test]
fn an_app_dropped_mid_edit_brings_the_draft_back_on_the_next_start() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), vec![proposal(), proposal()]);
    click_nth(&mut harness, ACCEPT_LABEL, 0);
    let Some(edited) = harness.state().edited_document().cloned() else {
        panic!("editing")
    };
    assert!(harness.state().has_unsaved_edits());
    // Killed: no save, no close event, only the App dropped.
    drop(harness);

    let restarted = app_harness(drafts.path());
    assert!(restarted.state().is_editing());
    assert!(restarted.state().has_unsaved_edits());
    assert!(
        restarted.state().edited_document() == Some(&edited),
        "the draft came back"
    );
    assert_eq!(
        restarted
            .state()
            .edited_document()
            .map(|d| d.proposals.len()),
        Some(1)
    );
    restarted.get_by_label_contains("Restored your unsaved edits");
}

#[test]
fn a_second_unreadable_draft_is_set_aside_beside_the_first_and_neither_is_lost() {
    let drafts = temp_dir();
    for damaged in ["[1, 2]", "{\"format\": "] {
        write(&draft_path(drafts.path()), damaged);
        let started = app_harness(drafts.path());
        assert!(!started.state().is_editing());
        started.get_by_label_contains("The autosaved draft could not be restored");
    }
    let kept = |name: &str| std::fs::read_to_string(drafts.path().join(name)).ok();
    assert_eq!(kept("draft.json.unreadable").as_deref(), Some("[1, 2]"));
    assert_eq!(
        kept("draft.json.unreadable.2").as_deref(),
        Some("{\"format\": ")
    );
    assert!(!draft_path(drafts.path()).exists());
}

#[test]
fn a_draft_whose_article_is_over_the_article_limit_is_not_restored() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), vec![proposal()]);
    click_nth(&mut harness, ACCEPT_LABEL, 0);
    drop(harness);
    let path = draft_path(drafts.path());
    let Ok(text) = std::fs::read_to_string(&path) else {
        panic!("the draft was written")
    };
    let Ok(mut draft) = serde_json::from_str::<serde_json::Value>(&text) else {
        panic!("the draft is JSON")
    };
    let paragraph = "Russia ".repeat(alliance_map::model::files::MAX_ARTICLE_BYTES / 7 + 1);
    draft["article_text"] = serde_json::json!(format!("Title\n\n{paragraph}\n"));
    write(&path, draft.to_string());
    let restarted = app_harness(drafts.path());
    assert!(!restarted.state().is_editing());
    restarted.get_by_label_contains("larger than the 2000000 bytes");
    assert!(drafts.path().join("draft.json.unreadable").exists());
}

#[test]
fn a_drafted_article_dropped_mid_edit_comes_back_with_its_mentioned_layer_and_highlights() {
    let drafts = temp_dir();
    let folder = temp_dir();
    let article = folder.path().join("traps.txt");
    write(&article, test_article("traps"));
    let mut harness = app_harness(drafts.path());
    drop_file(&mut harness, &article);
    let Some(drafted) = harness.state().draft().map(|notes| notes.counts.clone()) else {
        panic!("drafted: {:?}", harness.state().messages().last())
    };
    click_nth(&mut harness, ACCEPT_LABEL, 0);
    let Some(edited) = harness.state().edited_document().cloned() else {
        panic!("editing")
    };
    assert!(!edited.proposals.is_empty());
    drop(harness);

    let mut restarted = app_harness(drafts.path());
    assert!(restarted.state().edited_document() == Some(&edited));
    let counts = restarted.state().draft().map(|notes| notes.counts.clone());
    assert_eq!(counts, Some(drafted), "the mention counts are found again");
    assert!(painted(&restarted, LayerId::Mentioned) > 0);
    restarted.get_by_label("View").click();
    restarted.run();
    restarted.get_by_label("Read the article").click();
    restarted.run();
    restarted.get_by_label_contains("uncertain mentions (underlined)");
    restarted.get_by_label_contains("\"Congo\": names COD or COG");
}

#[test]
fn a_drafted_article_is_saved_under_the_name_save_as_proposes() {
    let drafts = temp_dir();
    let folder = temp_dir();
    let article = folder.path().join("article.txt");
    write(&article, test_article("traps"));
    let mut harness = app_harness(drafts.path());
    drop_file(&mut harness, &article);
    click_nth(&mut harness, ACCEPT_LABEL, 0);
    // The reader opened with the draft; closed, it no longer covers the editor's buttons.
    harness
        .state_mut()
        .apply(Action::SetReaderOpen(false), &egui::Context::default());
    click_nth(&mut harness, "Save as…", 0);
    let proposed = folder.path().join("article.json");
    save_as_typed(&mut harness, &proposed);
    let errors: Vec<String> = harness
        .state()
        .messages()
        .iter()
        .filter(|m| m.level == alliance_map::session::Level::Error)
        .map(|m| m.text.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let saved = std::fs::read_to_string(&proposed).unwrap_or_default();
    assert!(saved.contains("\"article\""), "saved: {saved:.200}");
    assert!(article.exists(), "the article it was drafted from is kept");
}

/// Whether `done` comes true while the autosave thread writes: a hang guard of ten seconds,
/// not a claim about speed.
fn written_within(done: impl Fn() -> bool) -> bool {
    for _ in 0..200 {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    done()
}

fn request_close(harness: &mut Harness<'_, App>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
}

fn sent(harness: &Harness<'_, App>, command: &ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|output| output.commands.contains(command))
}

#[test]
fn file_quit_and_ctrl_q_close_the_window() {
    let drafts = temp_dir();
    let mut harness = app_harness(drafts.path());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export figure… (Ctrl+E)");
    harness.get_by_label("Quit (Ctrl+Q)").click();
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
    let mut harness = app_harness(drafts.path());
    // One frame for the key going down, whose output carries the command.
    harness.event(egui::Event::Key {
        key: Key::Q,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
        physical_key: None,
    });
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
}

#[test]
fn quitting_with_unsaved_changes_asks_and_quitting_without_saving_drops_the_draft() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), Vec::new());
    harness.get_by_label(TITLE_LABEL).focus();
    harness.run();
    harness.get_by_label(TITLE_LABEL).type_text(" (edited)");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().has_unsaved_edits());
    assert!(
        written_within(|| draft_path(drafts.path()).exists()),
        "autosaved"
    );

    request_close(&mut harness);
    assert!(sent(&harness, &ViewportCommand::CancelClose));
    harness.run();
    assert!(harness.state().is_asking_to_quit());
    harness.get_by_label(QUIT_WITHOUT_SAVING_LABEL).click();
    harness.step();
    assert!(sent(&harness, &ViewportCommand::Close));
    drop(harness);
    assert!(!draft_path(drafts.path()).exists());
}

#[test]
fn quitting_with_nothing_unsaved_does_not_ask() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), Vec::new());
    request_close(&mut harness);
    assert!(!sent(&harness, &ViewportCommand::CancelClose));
    assert!(!harness.state().is_asking_to_quit());
}

#[test]
fn saving_over_an_existing_file_asks_first_and_replaces_it_only_when_told() {
    let drafts = temp_dir();
    let folder = temp_dir();
    let target = folder.path().join("existing.json");
    assert!(std::fs::write(&target, "keep me").is_ok());
    let mut harness = editing_harness(drafts.path(), vec![proposal()]);
    harness.get_by_label(ACCEPT_LABEL).click();
    harness.run();
    for replace in [false, true] {
        harness.get_by_label("Save as…").click();
        harness.run();
        save_as_typed(&mut harness, &target);
        assert!(harness.state().is_asking_to_replace().is_some());
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("keep me")
        );
        harness
            .get_by_label(if replace { REPLACE_LABEL } else { "Cancel" })
            .click();
        harness.run();
    }
    let saved = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(saved.contains(PROPOSED_QUOTE), "replaced after the yes");
}

#[test]
fn a_quote_not_in_the_article_shows_its_error_under_the_excerpt_and_is_not_saved() {
    let drafts = temp_dir();
    let mut wrong = proposal();
    wrong.quote = "words the article never wrote at all".into();
    let mut harness = editing_harness(drafts.path(), vec![wrong]);
    let excerpts_before = harness.state().scenario().data().excerpts.len();
    harness.get_by_label(ACCEPT_LABEL).click();
    harness.run();
    assert!(
        has_finding(&harness, |path| path.starts_with("$.excerpts[")
            && path.ends_with(".quote")),
        "{:?}",
        harness.state().edit_findings()
    );
    harness.get_by_label_contains("Error: ");
    harness.get_by_label_contains("The map shows the last version without errors");
    assert_eq!(
        harness.state().scenario().data().excerpts.len(),
        excerpts_before,
        "the map keeps the last scenario without errors"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!has_finding(&harness, |path| path.ends_with(".quote")));
}

#[test]
fn a_named_actor_is_placed_where_the_map_is_clicked_and_a_group_is_added_by_its_button() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), Vec::new());
    click_nth(&mut harness, MAKE_TENSION_LABEL, 0);
    harness.get_by_label("New actor").click();
    harness.run();
    harness
        .get_by_label("New actor")
        .type_text("Caspian pipeline");
    harness.run();
    harness.get_by_label("Place on the map").click();
    harness.run();
    click_place(&mut harness, 50.5, 42.0); // the Caspian Sea
    harness.get_by_label("Customs Union").click();
    harness.run();
    harness.get_by_label(ADD_TENSION_LABEL).click();
    harness.run();
    let Some(document) = harness.state().edited_document() else {
        panic!("editing")
    };
    let Some(actor) = document.data.actors.last() else {
        panic!("an actor was added")
    };
    assert_eq!(actor.name, "Caspian pipeline");
    assert!(
        actor
            .place()
            .is_some_and(|p| (p.lon - 50.5).abs() < 0.5 && (p.lat - 42.0).abs() < 0.5),
        "{actor:?}"
    );
    let Some(tension) = document.data.tensions.last() else {
        panic!("a tension was added")
    };
    assert_eq!(tension.parties[0].actor.as_deref(), Some(actor.id.as_str()));
    assert_eq!(tension.parties[1].group.as_deref(), Some("CU"));
    assert!(!has_finding(&harness, |path| path.starts_with("$.tensions[")));
}

#[test]
fn the_bundled_scenario_is_never_saved_over() {
    let drafts = temp_dir();
    let bundled =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/csto-nato-of-the-east.json");
    let before = std::fs::read(&bundled).unwrap_or_default();
    let mut harness = editing_harness(drafts.path(), vec![proposal()]);
    harness.get_by_label(ACCEPT_LABEL).click();
    harness.run();
    harness.get_by_label("Save as…").click();
    harness.run();
    save_as_typed(&mut harness, &bundled);
    assert!(harness.state().is_asking_to_replace().is_none());
    harness.get_by_label_contains("Not saved");
    assert_eq!(std::fs::read(&bundled).unwrap_or_default(), before);
    assert!(harness.state().has_unsaved_edits());
}

#[test]
fn a_summary_typed_in_its_field_becomes_one_edit_when_the_field_is_left() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), Vec::new());
    let Some(first) = harness
        .state()
        .edited_document()
        .and_then(|d| d.data.tensions.first().cloned())
    else {
        panic!("a tension")
    };
    let label = format!("Summary of {}", first.id);
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label(&label).type_text(" Edited.");
    harness.run();
    assert_eq!(
        harness
            .state()
            .edited_document()
            .map(|d| d.data.tensions[0].summary.clone()),
        Some(first.summary.clone()),
        "nothing is applied while typing"
    );
    harness.key_press(Key::Escape);
    harness.run();
    // Typed where the click put the cursor.
    let Some(edited) = harness
        .state()
        .edited_document()
        .map(|d| d.data.tensions[0].summary.clone())
    else {
        panic!("editing")
    };
    assert!(
        edited.contains(" Edited.") && edited.len() == first.summary.len() + 8,
        "{edited}"
    );
    assert_eq!(
        harness.state().scenario().data().tensions[0].summary,
        edited
    );
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .edited_document()
            .map(|d| d.data.tensions[0].summary.clone()),
        Some(first.summary),
        "one undo step"
    );
}

fn from_edit_menu(harness: &mut Harness<'_, App>, item: &str) {
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

#[test]
fn dropping_a_proposal_and_choosing_the_neighbours_are_undone_and_redone_from_the_edit_menu() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), vec![proposal()]);
    let proposals = |harness: &Harness<'_, App>| {
        harness
            .state()
            .edited_document()
            .map_or(0, |d| d.proposals.len())
    };
    harness.get_by_label(DROP_LABEL).click();
    harness.run();
    assert_eq!(proposals(&harness), 0);
    from_edit_menu(&mut harness, "Undo (Ctrl+Z)");
    assert_eq!(proposals(&harness), 1);
    from_edit_menu(&mut harness, "Redo (Ctrl+Shift+Z)");
    assert_eq!(proposals(&harness), 0);

    harness.get_by_label("bordering").click();
    harness.run();
    harness.get_by_label("Customs Union").click();
    harness.run();
    let neighbours = |harness: &Harness<'_, App>| {
        harness
            .state()
            .scenario()
            .neighbours_of()
            .map(|n| (n.group.clone(), n.bordering.clone()))
    };
    assert_eq!(neighbours(&harness), Some(("NATO".into(), "CU".into())));
    harness.get_by_label_contains("NATO neighbours of the Customs Union");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(neighbours(&harness), Some(("NATO".into(), "CSTO".into())));
}

fn title_edit(harness: &mut Harness<'_, App>, added: &str) {
    harness.get_by_label(TITLE_LABEL).focus();
    harness.run();
    harness.get_by_label(TITLE_LABEL).type_text(added);
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn saving_a_scenario_opened_from_a_file_asks_once_before_replacing_it() {
    let (_, scenario) = shared();
    let folder = temp_dir();
    let path = folder.path().join("copy.json");
    let copied = save_scenario(&path, scenario.data(), scenario.article().text(), &[]);
    assert!(copied.is_ok(), "{copied:?}");
    let drafts = temp_dir();
    let mut harness = app_harness(drafts.path());
    open_and_wait(&mut harness, path.clone());
    from_edit_menu(&mut harness, EDIT_SCENARIO_LABEL);
    title_edit(&mut harness, " (first)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(harness.state().is_asking_to_replace(), Some(path.as_path()));
    harness.get_by_label(REPLACE_LABEL).click();
    harness.run();
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        saved.contains("(first)"),
        "saved over the file it came from"
    );

    title_edit(&mut harness, " (second)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(
        harness.state().is_asking_to_replace().is_none(),
        "asked once"
    );
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(saved.contains("(first) (second)"));
    assert!(!harness.state().has_unsaved_edits());
}

#[test]
fn escape_gives_up_the_tension_being_made_and_the_map_selects_again() {
    let drafts = temp_dir();
    let mut harness = editing_harness(drafts.path(), Vec::new());
    click_nth(&mut harness, MAKE_TENSION_LABEL, 0);
    click_place(&mut harness, 37.6, 55.75); // Moscow
    assert!(harness.state().tension_draft().is_some());
    assert!(
        harness.state().selection().country().is_none(),
        "a click picks, not selects"
    );
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().tension_draft().is_none());
    click_place(&mut harness, 37.6, 55.75);
    assert!(harness.state().selection().country().is_some());
    assert!(!harness.state().has_unsaved_edits());
}

/// Two sentences that each state a tension the relation dictionary reads.
const TWO_TENSIONS: &str = "Two tensions\n\nMinsk feels itself threatened by NATO presence in neighbouring Poland and Lithuania.\n\nTurkey could block Sweden's accession to NATO.\n";

fn edited_tensions(harness: &Harness<'_, App>) -> Vec<Tension> {
    harness
        .state()
        .edited_document()
        .map_or_else(Vec::new, |d| d.data.tensions.clone())
}

fn tension_by_id(harness: &Harness<'_, App>, id: &str) -> Option<Tension> {
    edited_tensions(harness).into_iter().find(|t| t.id == id)
}

/// Opens the combo box labelled `label` and picks `choice` in it (its popup is drawn last, so
/// the same words in the legend come before it).
fn choose(harness: &mut Harness<'_, App>, label: &str, choice: &str) {
    click_nth(harness, label, 0);
    let Some(item) = harness.query_all_by_label(choice).last() else {
        panic!("'{choice}' in the list of '{label}'")
    };
    item.click();
    harness.run();
}

#[test]
fn a_drafted_articles_proposed_tensions_are_drawn_and_accepted_edited_or_dropped_in_the_editor() {
    let drafts = temp_dir();
    let folder = temp_dir();
    let article = folder.path().join("two-tensions.txt");
    write(&article, TWO_TENSIONS);
    let mut harness = app_harness(drafts.path());
    drop_file(&mut harness, &article);
    harness
        .state_mut()
        .apply(Action::SetReaderOpen(false), &egui::Context::default());
    harness.run();
    let proposed: Vec<String> = edited_tensions(&harness)
        .iter()
        .filter(|t| t.proposed.is_some())
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(proposed, ["proposed-p1-s1", "proposed-p2-s1"]);
    // Shown, not cleared: on the map, in the legend and in the editor's list.
    assert!(painted(&harness, LayerId::Tensions) > 0);
    harness.get_by_label_contains("2 proposed");
    harness.get_by_label("proposed by drafting, not yet accepted");
    harness.get_by_label("Proposed tensions (2)");

    // Edit the first: its kind, its modality, its first party (Belarus) removed and added
    // back from the countries its quote names.
    choose(&mut harness, "Kind of proposed-p1-s1", "military presence");
    choose(&mut harness, "Modality of proposed-p1-s1", "possible");
    click_nth(&mut harness, "Remove", 0);
    let first_party = tension_by_id(&harness, "proposed-p1-s1")
        .and_then(|t| t.parties.first().and_then(|p| p.country.clone()));
    assert_ne!(first_party.as_deref(), Some("BLR"), "Belarus removed");
    choose(&mut harness, "Add a party to proposed-p1-s1", "Belarus");
    let Some(edited) = tension_by_id(&harness, "proposed-p1-s1") else {
        panic!("the first proposal is still there")
    };
    assert_eq!(edited.kind, TensionKind::MilitaryPresence);
    assert_eq!(edited.modality, Some(Modality::Possible));
    assert!(edited.proposed.is_some(), "editing does not accept it");
    let belarus = edited
        .parties
        .iter()
        .filter(|p| p.country.as_deref() == Some("BLR"))
        .count();
    assert_eq!(belarus, 1, "{:?}", edited.parties);

    // Accept it: an ordinary tension, its quote kept as it was.
    let quote_before = harness
        .state()
        .edited_document()
        .and_then(|d| d.data.excerpts.iter().find(|e| e.id == "p1-s1").cloned());
    click_nth(&mut harness, ACCEPT_TENSION_LABEL, 0);
    let Some(accepted) = tension_by_id(&harness, "proposed-p1-s1") else {
        panic!("accepted, not removed")
    };
    assert!(accepted.proposed.is_none());
    assert_eq!(accepted.modality, Some(Modality::Possible));
    let quote_after = harness
        .state()
        .edited_document()
        .and_then(|d| d.data.excerpts.iter().find(|e| e.id == "p1-s1").cloned());
    assert!(quote_after.is_some() && quote_after == quote_before);
    harness.get_by_label("Proposed tensions (1)");

    // Drop the second: the tension goes, its sentence back among the proposed excerpts.
    click_nth(&mut harness, DROP_TENSION_LABEL, 0);
    assert!(tension_by_id(&harness, "proposed-p2-s1").is_none());
    let returned = harness
        .state()
        .edited_document()
        .is_some_and(|d| d.proposals.iter().any(|e| e.id == "p2-s1"));
    assert!(returned, "the dropped tension's excerpt is proposed again");
    harness.get_by_label("Proposed tensions (0)");

    // Both undone through the history, the drop first.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(tension_by_id(&harness, "proposed-p2-s1").is_some_and(|t| t.proposed.is_some()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(tension_by_id(&harness, "proposed-p1-s1").is_some_and(|t| t.proposed.is_some()));
    harness.get_by_label("Proposed tensions (2)");
}
