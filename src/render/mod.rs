//! Rendering: draws the date's layers over walkers' map. Countries, borders and territories go
//! through wgpu ([`gpu_map`]: geometry packed once per level, a few draw calls a frame) where the
//! GPU allows, else as cached egui meshes ([`countries`], [`shape_cache`]); labels, arcs and
//! markers are egui shapes at the places [`crate::placement`] chose.

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
