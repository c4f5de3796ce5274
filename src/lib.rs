//! alliance-map: read a geopolitical analysis next to an offline map of what it says.

pub mod app;
pub mod cli;
pub mod figure;
#[cfg(not(target_arch = "wasm32"))]
pub mod icon;
pub mod layers;
pub mod map;
pub mod model;
pub mod placement;
pub mod render;
pub mod session;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use app::App;
pub use model::{Country, World};
