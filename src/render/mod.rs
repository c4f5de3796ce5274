//! Rendering: turns the model and the UI state into egui shapes over walkers' map.

pub mod countries;
pub mod gpu_map;
pub mod land;
pub mod online_tiles;
pub mod overlays;
pub mod patterns;
pub mod plugins;
pub mod shape_cache;
pub mod style;
pub mod territories;
pub mod view;

pub use countries::{
    CountryFill, CountryOutline, Dash, append_shape_mesh, fill_mesh, outline_shapes,
};
pub use view::MercatorView;
