//! The browser's entry point (`scripts/build-web`): the page's script calls `main` once the
//! module is loaded.

fn main() {
    #[cfg(target_arch = "wasm32")]
    alliance_map::web::start();
}
