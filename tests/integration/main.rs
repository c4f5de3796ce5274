//! Integration tests, compiled into one binary so the GUI stack is linked once.

/// Reading the map at the article's subject: labels and tension markers.
mod cartography;
/// The built binary's command line: help, version, usage errors, completions, check, export.
mod cli;
/// Corrections to the bundled scenario and country table, each failing on the old data.
mod corrections;
/// Detail where the reader zooms: 1:10m prepared on demand, the border network.
mod detail;
/// Opening files: the bad-input corpus, drag and drop, the size limit.
mod files;
/// Where tests find the bad-input corpus and make temporary files.
mod fixtures;
/// Property tests: damaged and generated files never make a loader panic.
mod fuzz;
/// Hostile scenario files: fan-out, floods of findings, huge tables; bounded or refused.
mod hostile;
/// Finding one's way on the map: wheel, double click, keys, buttons, fitting.
mod navigation;
/// The scenario: memberships, neighbours, the checks and the export.
mod scenario;
/// A second scenario, with other groups, works from its file alone.
mod second_scenario;
/// Contested territories through time: hit test, `where`, texts and the export.
mod territories;
/// The desktop app driven through AccessKit and pointer events, as a person would.
mod ui;
/// The bundled world: hit testing, meshes, adjacency.
mod world;
