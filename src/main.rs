//! The desktop entry point: logging, the command line, the window.

use std::process::ExitCode;
use std::sync::Arc;

use alliance_map::cli::{self, Cli};
use alliance_map::model::clock::{Clock, TODAY_VARIABLE};
use alliance_map::model::scenario::Scenario;
use alliance_map::render::gpu_map::GpuTarget;
use alliance_map::session::eframe_file::prepare_saved_file;
use alliance_map::ui::portal::PortalDialogs;
use alliance_map::{App, World};
use clap::Parser;

/// The name eframe keeps the saved state under and the window's app id, which desktops match
/// against `alliance-map.desktop` (Wayland's app_id, X11's WM_CLASS) to show its icon and name.
const APP_ID: &str = "alliance-map";

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    // `--help`, `--version` and usage errors end here: clap prints them (help to stdout, errors
    // with the usage to stderr) and exits 0 or 2.
    let cli = Cli::parse();
    let clock = clock_from_environment();
    let Some(command) = cli.command else {
        return open_window(cli.files, started, clock);
    };
    match cli::run(&command, &mut std::io::stdout().lock(), clock) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            // A message may quote a file's name or an id from a file: neither may drive the
            // terminal, whichever command failed.
            eprintln!("{}: {}", cli::BIN_NAME, cli::escaped(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The system's clock, unless ALLIANCE_MAP_TODAY fixes the day; a day that cannot be read is
/// said and the system's clock kept.
fn clock_from_environment() -> Clock {
    let setting = std::env::var(TODAY_VARIABLE).ok();
    Clock::from_setting(setting.as_deref()).unwrap_or_else(|error| {
        log::warn!("{TODAY_VARIABLE} is ignored: {error}");
        Clock::System
    })
}

fn open_window(
    files: Vec<std::path::PathBuf>,
    started: std::time::Instant,
    clock: Clock,
) -> ExitCode {
    let world = match World::load_bundled() {
        Ok(world) => Arc::new(world),
        Err(error) => {
            eprintln!("alliance-map: the bundled world could not be loaded: {error}");
            return ExitCode::FAILURE;
        }
    };
    let scenario = match Scenario::load_bundled(&world) {
        Ok(scenario) => Arc::new(scenario),
        Err(error) => {
            eprintln!("alliance-map: the bundled scenario could not be loaded: {error}");
            return ExitCode::FAILURE;
        }
    };
    // eframe trusts its saved file and panicked at every start on a damaged one (a zoom factor
    // of 0): it is checked and repaired here before eframe reads it, and the app keeps the
    // window size itself with eframe's own window persistence off.
    let data_folder = eframe::storage_dir(APP_ID);
    let saved_path = data_folder.as_ref().map(|folder| folder.join("app.ron"));
    let saved = saved_path
        .as_deref()
        .map(prepare_saved_file)
        .unwrap_or_default();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("alliance-map")
        .with_app_id(APP_ID)
        .with_drag_and_drop(true)
        .with_inner_size(saved.window_size.unwrap_or([1400.0, 900.0]))
        .with_min_inner_size([640.0, 400.0]);
    if let Some(icon) = alliance_map::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: false,
        persistence_path: saved_path,
        ..Default::default()
    };
    match eframe::run_native(
        APP_ID,
        options,
        Box::new(move |creation| {
            let mut app = App::with_storage(world, scenario, creation.storage, clock);
            app.warn(saved.notices);
            app.time_first_frame_from(started);
            app.use_native_dialogs(Arc::new(PortalDialogs));
            // ALLIANCE_MAP_MESH_MAP=1 keeps the map as egui meshes: a way round a driver
            // that draws the map's own pipelines wrong, and a baseline to compare with.
            let meshes_asked = std::env::var_os("ALLIANCE_MAP_MESH_MAP").is_some();
            match &creation.wgpu_render_state {
                Some(render_state) if !meshes_asked => {
                    let target = GpuTarget::of(render_state);
                    log::info!("the map is drawn through the GPU into {:?}", target.format);
                    app.map_mut().draw_on_gpu(target);
                }
                _ => log::info!("the map is drawn as egui meshes"),
            }
            // Drafts lie beside app.ron; without a data folder, edits are not autosaved.
            if let Some(folder) = data_folder {
                app.keep_drafts_in(folder);
            }
            app.open_paths(files);
            Ok(Box::new(app))
        }),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("alliance-map: the window could not be opened: {error}");
            ExitCode::FAILURE
        }
    }
}
