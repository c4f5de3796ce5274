//! The model: countries, geometry, contested territories, the scenario, drafting and editing,
//! with no knowledge of egui, walkers or wgpu; loaded, validated and tested on its own. It is
//! not free of effects: preparing the 1:10m boundaries, opening and reading files and autosave
//! run on threads of their own, which the app polls once a frame.

pub mod adjacency;
pub mod arc;
pub mod capped;
pub mod clock;
pub mod compact;
pub mod country_table;
pub mod date;
pub mod drafting;
pub mod edit;
pub mod error;
pub mod export;
pub mod files;
pub mod gazetteer;
pub mod geo;
pub mod hit;
pub mod job;
pub mod json;
pub mod mentions;
pub mod mercator;
pub mod mesh;
pub mod open;
pub mod overlay;
pub mod polygon;
pub mod scenario;
pub mod search;
pub mod strokes;
pub mod territory;
pub mod timeline;
pub mod view_file;
pub mod view_link;
pub mod world;

pub use error::WorldError;
pub use polygon::{BoundingBox, Polygon};
pub use world::{Capital, Country, CountryId, Detail, World};
