//! Integration tests, compiled into one binary so the GUI stack is linked once.
//!
//! A test that passes today and fails next month is a defect: every test takes
//! `fixtures::TEST_CLOCK`'s day for today (the built binary too, through ALLIANCE_MAP_TODAY),
//! and nothing but `model::clock` reads the calendar.

// The lints in Cargo.toml are the production code's policy; a test or a benchmark may
// panic on what it did not expect, and a scenario written out in full is one function.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    unreachable_pub
)]

/// The app as the web page drives it: files picked as bytes, figures downloaded.
mod browser;
/// Reading the map at the article's subject: labels and tension markers.
mod cartography;
/// Copy citation: the article's reference, with paragraphs, on the clipboard.
mod citation;
/// The built binary's command line: help, version, usage errors, completions, check, export.
mod cli;
/// Corrections to the bundled scenario and country table, each failing on the old data.
mod corrections;
/// Detail where the reader zooms: 1:10m prepared on demand, the border network.
mod detail;
/// File dialogs: without a desktop portal, the in-app browser in the last used folder.
mod dialogs;
/// Drafting a scenario from an article: excerpts, groups, the `draft` command, the app.
mod draft;
/// Editing a scenario as pure commands: each edit and its undo, saving, the draft.
mod editing;
/// Editing in the app: accepting, clicking a tension's parties, undo, saving, drafts, quitting.
mod editing_ui;
/// Figures (`render` to SVG and PNG) and view files, on the command line and in the app.
mod figures;
/// Opening files: the bad-input corpus, drag and drop, the size limit.
mod files;
/// Where tests find the bad-input corpus and make temporary files.
mod fixtures;
/// Property tests: damaged and generated files never make a loader panic.
mod fuzz;
/// The gazetteer: names, traps, ambiguity, organisations' membership through time.
mod gazetteer;
/// The map drawn through the GPU looks as the map drawn as egui meshes.
mod gpu_map;
/// Hostile scenario files: fan-out, floods of findings, huge tables; bounded or refused.
mod hostile;
/// Drafting articles in Russian, French and German, measured on hand-labelled real texts.
mod languages;
/// The layers' rules: who may import whom, and who reads the calendar.
mod layering;
/// The view as a link: following a fragment, writing one, "Copy link to this view".
mod link;
/// Finding one's way on the map: wheel, double click, keys, buttons, fitting.
mod navigation;
/// Where names stand: on what they name, apart, picked by their words, re-placed on resize.
mod placement;
/// Drafting measured on real public texts against what was marked in them by hand.
mod public_texts;
/// The reader's per-paragraph index against the slow per-frame scan.
mod reader_index;
/// Relation drafting: the tensions a text states, and the bundled article's recovered.
mod relations;
/// The scenario: memberships, neighbours, the checks and the export.
mod scenario;
/// A second scenario, with other groups, works from its file alone.
mod second_scenario;
/// The map's land and group shapes kept for a still view, and built again when they change.
mod shape_reuse;
/// Present: the story's steps, the map following, Escape putting back what was there.
mod story;
/// Contested territories through time: hit test, `where`, texts and the export.
mod territories;
/// Playing the timeline, its change marks and the jumps between changes.
mod timeline;
/// The desktop app driven through AccessKit and pointer events, as a person would.
mod ui;
/// The bundled world: hit testing, meshes, adjacency.
mod world;
