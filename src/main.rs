//! The desktop entry point: logging, the command line, the window.

use std::process::ExitCode;
use std::sync::Arc;

use alliance_map::cli::{self, Command};
use alliance_map::model::scenario::Scenario;
use alliance_map::{App, World};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse_args(&args) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("alliance-map: {problem}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    if command == Command::Help {
        println!("{}", cli::USAGE);
        return ExitCode::SUCCESS;
    }
    let world = match World::load_bundled() {
        Ok(world) => Arc::new(world),
        Err(error) => {
            eprintln!("alliance-map: the bundled world could not be loaded: {error}");
            return ExitCode::FAILURE;
        }
    };
    match command {
        Command::Help => ExitCode::SUCCESS,
        Command::Check(files) => {
            if cli::check(&world, &files, &mut std::io::stdout()) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Export {
            as_of,
            scenario,
            output,
        } => match cli::export_geojson(
            &world,
            scenario.as_deref(),
            as_of,
            output.as_deref(),
            &mut std::io::stdout(),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                eprintln!("alliance-map: {problem}");
                ExitCode::FAILURE
            }
        },
        Command::Open(files) => open_window(world, files),
    }
}

fn open_window(world: Arc<World>, files: Vec<std::path::PathBuf>) -> ExitCode {
    let scenario = match Scenario::load_bundled(&world) {
        Ok(scenario) => Arc::new(scenario),
        Err(error) => {
            eprintln!("alliance-map: the bundled scenario could not be loaded: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("alliance-map")
            .with_drag_and_drop(true)
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    match eframe::run_native(
        "alliance-map",
        options,
        Box::new(move |creation| {
            let mut app = App::with_storage(world, scenario, creation.storage);
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
