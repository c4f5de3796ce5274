//! Integration tests, compiled into one binary so the GUI stack is linked once.

/// The scenario: memberships, neighbours, the checks and the export.
mod scenario;
/// The desktop app driven through AccessKit and pointer events, as a person would.
mod ui;
/// The bundled world: hit testing, meshes, adjacency.
mod world;
