//! Integration tests, compiled into one binary so the GUI stack is linked once.

/// Opening files: the bad-input corpus, drag and drop, the size limit.
mod files;
/// Property tests: damaged and generated files never make a loader panic.
mod fuzz;
/// Hostile scenario files: fan-out, floods of findings, huge tables; bounded or refused.
mod hostile;
/// The scenario: memberships, neighbours, the checks and the export.
mod scenario;
/// A second scenario, with other groups, works from its file alone.
mod second_scenario;
/// The desktop app driven through AccessKit and pointer events, as a person would.
mod ui;
/// The bundled world: hit testing, meshes, adjacency.
mod world;
