//! The command line: `check` validates files, `export` writes GeoJSON, `render` draws a
//! figure, `draft` drafts a scenario from an article, `completions` prints a shell's
//! completion script; bare paths open the window with those files.
//!
//! A subcommand is a variant of [`Command`] with its own `Args` struct and an arm in [`run`];
//! clap derives the parsing, the help and the completions from those alone.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::figure::{FigureError, FigureFormat, FigureSpec, render_figure, selection_parts};
use crate::layers::MapLayers;
use crate::model::World;
use crate::model::WorldError;
use crate::model::capped::{SHOWN, listing, thousands};
use crate::model::clock::Clock;
use crate::model::date::Date;
use crate::model::drafting::{Draft, DraftError, DraftOptions};
use crate::model::export::export;
use crate::model::files::{
    MAX_ARTICLE_BYTES, ReadError, WriteError, read_text_with_limit, refuse_special_file,
    write_replacing,
};
use crate::model::gazetteer::{Gazetteer, GazetteerError, Language};
use crate::model::open::{OpenError, Opened, open_file};
use crate::model::scenario::{Scenario, ScenarioError, article_path};
use crate::model::territory::{Territories, TerritoryError, check_place, where_is};
use crate::model::view_file::{Theme, ViewFile, ViewFileError, check_bbox};
use crate::session::layer_state_key;

/// The program's name, as the completion scripts must call it.
pub const BIN_NAME: &str = "alliance-map";

/// Read a geopolitical analysis next to an offline map of what it says.
///
/// Without a subcommand the app opens with the bundled CSTO scenario and then each FILE given:
/// a scenario (.json), a GeoJSON overlay (.geojson) or an article (.txt, .md, .html), which
/// is drafted into a scenario.
#[derive(Debug, Parser)]
#[command(
    name = BIN_NAME,
    version,
    // A FILE named like a subcommand still opens: `alliance-map ./check`.
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  alliance-map overlay.geojson\n  alliance-map check my-scenario.json\n  alliance-map export --as-of 2012-05-15 -o csto-2012.geojson\n  alliance-map render --as-of 2012-05-15 -o csto-2012.png --scale 2\n  alliance-map draft article.txt -o scenario.json"
)]
pub struct Cli {
    /// Files to open in the app: scenarios, GeoJSON overlays or articles
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the command line asks for, besides opening the window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenarios, GeoJSON overlays and articles the way the app opens them
    ///
    /// A scenario must quote its article verbatim, know every id and country code, have real
    /// dates, no overlapping membership periods and every tension citing an excerpt. Warnings are
    /// printed; the exit status is 1 when any file is refused.
    Check(CheckArgs),
    /// Write the map as of a date as GeoJSON
    ///
    /// One Feature per country (its memberships on that date) and one per tension, drawn as
    /// great-circle lines; the output opens as is in QGIS and geojson.io.
    Export(ExportArgs),
    /// Print which state a place is recognised as part of on a date, and the contested
    /// territory it lies in then, if any, as one JSON object
    ///
    /// `alliance-map where 34.10 44.95 --as-of 2020-01-01` (Simferopol) gives Ukraine with the
    /// territory Crimea, controlled by Russia since 2014; the sea gives nulls.
    Where(WhereArgs),
    /// Draw a figure of the map as SVG or PNG, with no window
    ///
    /// The figure carries the article's title, the date, a legend of the visible layers with
    /// their counts, a scale bar and the credits. With --view it draws what a view file saved
    /// (scenario, date, area, layers, theme, selection); the other options override it.
    Render(RenderArgs),
    /// Draft a scenario from an article (.txt, .md or .html)
    ///
    /// Finds the countries, capitals, demonyms and organisations the article names, proposes
    /// the sentences that name them as excerpts and adds the organisations named as groups with
    /// their membership; the scenario written passes `check`. An article outside the output's
    /// folder (or an HTML page) is written beside it as text, named like the output with .article.txt.
    Draft(DraftArgs),
    /// Print the completion script for a shell
    ///
    /// For bash: `alliance-map completions bash > ~/.local/share/bash-completion/completions/alliance-map`.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenarios (.json), GeoJSON overlays (.geojson) or articles (.txt, .md, .html)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The date the map is drawn for
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Date,
    /// A scenario file to export instead of the bundled CSTO scenario
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Where to write the GeoJSON (standard output without it)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A scenario file instead of the bundled CSTO scenario (or the view file's)
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// The date the map is drawn for (the article's date without it)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
    /// A view file saved by the app (File > Save view...)
    #[arg(long, value_name = "FILE")]
    pub view: Option<PathBuf>,
    /// The area to show, in degrees: west, south, east, north (the scenario's opening area
    /// without it)
    #[arg(long, value_name = "W,S,E,N", value_parser = bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// The figure's width and height in pixels
    #[arg(long, value_name = "WxH", value_parser = figure_size, default_value = "1600x1000")]
    pub size: [u32; 2],
    /// How many pixels a PNG has for each of the figure's (1, 2 or 4)
    #[arg(long, value_name = "1|2|4", value_parser = png_scale, default_value = "1")]
    pub scale: u32,
    /// Light or dark map (light without it, or the view file's)
    #[arg(long, value_name = "light|dark", value_parser = theme)]
    pub theme: Option<Theme>,
    /// Layers to leave out, by their legend keys: group:ID, neighbours, territories,
    /// tensions, labels
    #[arg(long, value_name = "LAYER", num_args = 1..)]
    pub hide: Vec<String>,
    /// Where to write the figure: a .svg or .png file
    #[arg(short, long, value_name = "OUT.svg|OUT.png")]
    pub output: PathBuf,
}

/// An area typed by a person: four numbers, west, south, east, north, that make a box.
fn bbox(text: &str) -> Result<[f64; 4], String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("'{text}' is not four numbers separated by commas"))?;
    let bbox: [f64; 4] = numbers
        .try_into()
        .map_err(|_| format!("'{text}' is not four numbers (west, south, east, north)"))?;
    check_bbox(bbox)?;
    Ok(bbox)
}

/// A size typed by a person: `1600x1000`.
fn figure_size(text: &str) -> Result<[u32; 2], String> {
    let problem = || format!("'{text}' is not a size like 1600x1000");
    let (width, height) = text.split_once(['x', 'X']).ok_or_else(problem)?;
    let width: u32 = width.trim().parse().map_err(|_| problem())?;
    let height: u32 = height.trim().parse().map_err(|_| problem())?;
    Ok([width, height])
}

fn png_scale(text: &str) -> Result<u32, String> {
    match text {
        "1" => Ok(1),
        "2" => Ok(2),
        "4" => Ok(4),
        _ => Err(format!("'{text}' is not 1, 2 or 4")),
    }
}

fn theme(text: &str) -> Result<Theme, String> {
    match text {
        "light" => Ok(Theme::Light),
        "dark" => Ok(Theme::Dark),
        _ => Err(format!("'{text}' is not light or dark")),
    }
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The article: plain text, Markdown or HTML (tags are stripped)
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The date the organisations' membership is drawn for (default: a date in the article's
    /// first paragraph, else today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
    /// The language the article is written in: en, ru, fr or de (default: the one its text
    /// reads as)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<Language>,
    /// Where to write the scenario
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Replace an existing OUTPUT.article.txt that holds other text (without it, draft
    /// refuses and writes nothing)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct WhereArgs {
    /// Longitude in degrees east, -180 to 180
    #[arg(value_name = "LON", allow_negative_numbers = true, value_parser = longitude)]
    pub lon: f64,
    /// Latitude in degrees north, -90 to 90
    #[arg(value_name = "LAT", allow_negative_numbers = true, value_parser = latitude)]
    pub lat: f64,
    /// The date to answer for (today without it)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
}

/// A longitude typed by a person: a number within ±180 (a usage error otherwise).
fn longitude(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    check_place(value, 0.0).map_err(|error| error.to_string())?;
    Ok(value)
}

/// A latitude typed by a person: a number within ±90 (a usage error otherwise).
fn latitude(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    check_place(0.0, value).map_err(|error| error.to_string())?;
    Ok(value)
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Why a subcommand could not do its work (a refused file is an [`Outcome`], not an error).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("the bundled world could not be loaded: {0}")]
    World(#[from] WorldError),
    /// Scenario errors already name their file.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("the export could not be written as JSON: {0}")]
    Serialise(#[source] serde_json::Error),
    /// Names the file, and refuses one that is an input.
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("standard output cannot be written: {0}")]
    Stdout(#[source] io::Error),
    #[error("the bundled contested territories could not be loaded: {0}")]
    Territories(&'static TerritoryError),
    /// View file errors name their file.
    #[error(transparent)]
    ViewFile(#[from] ViewFileError),
    #[error(transparent)]
    Figure(#[from] FigureError),
    #[error("--hide {layer}: no such layer in this scenario (it has: {known})")]
    UnknownLayer { layer: String, known: String },
    #[error("the bundled gazetteer could not be loaded: {0}")]
    Gazetteer(&'static GazetteerError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(
        "{file}: refused: it exists and holds other text, which the article's copy would replace; choose another output name, or add --force to replace it"
    )]
    WouldReplace { file: PathBuf },
}

/// How a subcommand that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// `check` refused at least one file.
    Refused,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Refused => ExitCode::FAILURE,
        }
    }
}

/// Runs a subcommand, writing its report or output to `stdout`; `clock` says what day today
/// is for the commands whose default date is today.
pub fn run(command: &Command, stdout: &mut dyn Write, clock: Clock) -> Result<Outcome, CliError> {
    let today = clock.today();
    match command {
        Command::Check(args) => {
            let world = World::load_bundled()?;
            let accepted = check(&world, &args.files, stdout).map_err(CliError::Stdout)?;
            Ok(if accepted {
                Outcome::Success
            } else {
                Outcome::Refused
            })
        }
        Command::Export(args) => {
            let world = World::load_bundled()?;
            export_geojson(
                &world,
                args.scenario.as_deref(),
                args.as_of,
                args.output.as_deref(),
                stdout,
            )?;
            Ok(Outcome::Success)
        }
        Command::Where(args) => {
            let world = World::load_bundled()?;
            // The enclaves of the Fergana valley exist only at 1:10m.
            world.load_finest_now()?;
            let territories = Territories::bundled().map_err(CliError::Territories)?;
            let date = args.as_of.unwrap_or(today);
            let answer = where_is(&world, territories, args.lon, args.lat, date);
            let json = serde_json::to_string(&answer).map_err(CliError::Serialise)?;
            writeln!(stdout, "{json}").map_err(CliError::Stdout)?;
            Ok(Outcome::Success)
        }
        Command::Render(args) => {
            let world = World::load_bundled()?;
            render(&world, args, today)?;
            Ok(Outcome::Success)
        }
        Command::Draft(args) => {
            let world = World::load_bundled()?;
            draft_scenario(&world, args, stdout, today)?;
            Ok(Outcome::Success)
        }
        Command::Completions(args) => {
            // clap_complete panics when its writer fails, so the script is made in memory and
            // a closed pipe (`| head`) becomes an ordinary error.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), BIN_NAME, &mut script);
            stdout.write_all(&script).map_err(CliError::Stdout)?;
            Ok(Outcome::Success)
        }
    }
}

/// Validates each file (a scenario, a GeoJSON overlay or an article) the way the app opens
/// it, printing its findings; returns whether every file was accepted. A file's findings are
/// listed up to [`SHOWN`], then counted ("… and 999,990 more"), and file names and messages
/// have their control characters escaped, so that neither a flood of problems nor a name
/// holding terminal escape sequences can take over the terminal.
pub fn check(world: &World, files: &[PathBuf], out: &mut dyn Write) -> io::Result<bool> {
    let mut all_accepted = true;
    for file in files {
        let result = open_file(file, world, &AtomicU64::new(0));
        all_accepted &= result.is_ok();
        // A line break in a name could forge a line of the report: escaped too, also where
        // a message quotes the name.
        let raw_name = file.display().to_string();
        let name = escaped(&raw_name).replace('\n', "\\n");
        match result {
            Ok(Opened::Scenario(scenario)) => {
                print_lines(&name, scenario.warnings(), scenario.warning_count(), out)?;
                let data = scenario.data();
                writeln!(
                    out,
                    "{name}: valid scenario ({} excerpts, {} tensions, {} memberships, {} warnings)",
                    data.excerpts.len(),
                    data.tensions.len(),
                    data.memberships.len(),
                    thousands(scenario.warning_count())
                )?;
            }
            Ok(Opened::Overlay(overlay)) => {
                let warnings: Vec<String> = overlay
                    .warnings
                    .iter()
                    .map(|warning| format!("warning: {warning}"))
                    .collect();
                print_lines(&name, &warnings, overlay.warning_count(), out)?;
                writeln!(
                    out,
                    "{name}: valid GeoJSON overlay ({} features, {} warnings)",
                    overlay.features.len(),
                    thousands(overlay.warning_count())
                )?;
            }
            Ok(Opened::View { view, .. }) => {
                writeln!(
                    out,
                    "{name}: valid view file ({} scenario, {})",
                    escaped(&view.scenario),
                    view.date
                )?;
            }
            Ok(Opened::Article { text, .. }) => {
                writeln!(
                    out,
                    "{name}: valid article ({} lines)",
                    text.lines().count()
                )?;
            }
            Err(OpenError::Scenario(ScenarioError::Refused {
                findings,
                errors,
                omitted,
                ..
            })) => {
                print_lines(&name, &findings, findings.len() + omitted, out)?;
                writeln!(out, "{name}: refused ({} errors)", thousands(errors))?;
            }
            Err(error) => {
                let message = error.to_string().replace(&raw_name, &name);
                writeln!(out, "error: {}", escaped(&message))?;
                writeln!(out, "{name}: refused")?;
            }
        }
    }
    Ok(all_accepted)
}

/// The first [`SHOWN`] of `total` items, each after the file's name, then how many more.
fn print_lines<T: std::fmt::Display>(
    name: &str,
    kept: &[T],
    total: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let omitted = total.saturating_sub(kept.len());
    for line in listing(kept, omitted, SHOWN, "") {
        writeln!(out, "{name}: {}", escaped(&line))?;
    }
    Ok(())
}

/// `text` with control characters written as escapes (`\u{1b}`), line breaks kept: a file
/// named with terminal escape sequences must not recolour or rewrite the terminal.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes the GeoJSON export of `scenario` (or the bundled one) as of `as_of`.
pub fn export_geojson(
    world: &World,
    scenario: Option<&Path>,
    as_of: Date,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<(), CliError> {
    let scenario_path = scenario;
    let scenario = match scenario {
        Some(path) => Scenario::load(path, world),
        None => Scenario::load_bundled(world),
    }?;
    let collection = export(world, &scenario, as_of);
    let json = serde_json::to_string(&collection).map_err(CliError::Serialise)?;
    match output {
        // Written whole or not at all, and never over the scenario or the article it was
        // made from.
        Some(path) => {
            let inputs = scenario_inputs(scenario_path, &scenario);
            let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            write_replacing(path, (json + "\n").as_bytes(), &inputs).map_err(CliError::from)
        }
        None => writeln!(stdout, "{json}").map_err(CliError::Stdout),
    }
}

/// Draws the figure `args` ask for and writes it, whole or not at all, never over one of its
/// inputs. A view file's date may be no later than `today`.
pub fn render(world: &World, args: &RenderArgs, today: Date) -> Result<(), CliError> {
    let format = FigureFormat::of(&args.output)?;
    let view = args
        .view
        .as_deref()
        .map(|path| ViewFile::read(path).map(|view| (path, view)))
        .transpose()?;
    let scenario_path = args.scenario.clone().or_else(|| {
        view.as_ref()
            .and_then(|(path, view)| view.scenario_path(path))
    });
    let scenario = match &scenario_path {
        Some(path) => Scenario::load(path, world),
        None => Scenario::load_bundled(world),
    }?;
    let view_date = view.as_ref().map(|(_, view)| view.date);
    let date = args.as_of.or(view_date).unwrap_or_else(|| scenario.date());
    let layers = MapLayers::build(world, &scenario, date);
    let hidden_layers = hidden_layers(world, &scenario, &layers, view.as_ref(), &args.hide, today)?;
    let view = view.map(|(_, view)| view);
    let bbox = args
        .bbox
        .or(view.as_ref().map(|view| view.bbox))
        .unwrap_or_else(|| {
            let extent = scenario.opening_extent(world);
            [extent.west, extent.south, extent.east, extent.north]
        });
    let theme = args.theme.or(view.as_ref().map(|view| view.theme));
    let selection = view.as_ref().and_then(|view| view.selection.as_ref());
    let parts = selection_parts(world, &scenario, selection);
    let spec = FigureSpec {
        world,
        scenario: &scenario,
        layers: &layers,
        territories: Territories::bundled().map_err(CliError::Territories)?,
        date,
        bbox,
        size_px: args.size,
        dark: theme.is_some_and(Theme::is_dark),
        hidden_layers: &hidden_layers,
        selected: &parts.countries,
        selected_tension: parts.tension.as_deref(),
        caption: parts.caption,
    };
    let bytes = render_figure(&spec, format, args.scale)?;
    let mut inputs = scenario_inputs(scenario_path.as_deref(), &scenario);
    inputs.extend(args.view.clone());
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    write_replacing(&args.output, &bytes, &inputs)?;
    Ok(())
}

/// The files a scenario read from `path` was made from: that file and its article.
fn scenario_inputs(path: Option<&Path>, scenario: &Scenario) -> Vec<PathBuf> {
    let Some(path) = path else {
        return Vec::new();
    };
    let article = article_path(path, &scenario.data().article.text).ok();
    std::iter::once(path.to_path_buf()).chain(article).collect()
}

/// The legend keys of the layers a figure leaves out: those a view file does not list, and
/// those `--hide` names. A view file is checked against the scenario here.
fn hidden_layers(
    world: &World,
    scenario: &Scenario,
    layers: &MapLayers,
    view: Option<&(&Path, ViewFile)>,
    hide: &[String],
    today: Date,
) -> Result<BTreeSet<String>, CliError> {
    let known: Vec<String> = layers
        .layer_ids()
        .into_iter()
        .map(|layer| layer_state_key(layers, layer))
        .collect();
    let mut hidden = BTreeSet::new();
    if let Some((path, view)) = view {
        view.check_against(path, world, scenario, &known, today)?;
        hidden.extend(
            known
                .iter()
                .filter(|key| !view.layers.contains(key))
                .cloned(),
        );
    }
    for layer in hide {
        if !known.contains(layer) {
            return Err(CliError::UnknownLayer {
                layer: layer.clone(),
                known: known.join(", "),
            });
        }
        hidden.insert(layer.clone());
    }
    Ok(hidden)
}

/// Drafts a scenario from `args.article` and writes it (and, where needed, the article's text
/// beside it), then says what it found. An article that states no date is drafted as of
/// `today`.
pub fn draft_scenario(
    world: &World,
    args: &DraftArgs,
    stdout: &mut dyn Write,
    today: Date,
) -> Result<(), CliError> {
    let gazetteer = Gazetteer::bundled().map_err(CliError::Gazetteer)?;
    let raw = read_text_with_limit(&args.article, MAX_ARTICLE_BYTES as u64)?;
    let beside = article_beside(&args.article, &args.output);
    let article_file = match &beside {
        Some(relative) => relative.clone(),
        None => copied_article_path(&args.output)
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let options = DraftOptions {
        as_of: args.as_of,
        today,
        language: args.lang,
    };
    let draft = Draft::from_article(
        &args.article,
        &raw,
        &article_file,
        gazetteer,
        world,
        options,
    )?;
    // The scenario is checked as the app will read it before anything is written.
    draft.scenario(&args.output, world)?;
    let inputs = [args.article.as_path()];
    let copy = beside.is_none().then(|| copied_article_path(&args.output));
    // Nothing is written when either file would replace the article, or the copy a file
    // the person did not name.
    for output in std::iter::once(&args.output).chain(copy.as_ref()) {
        refuse_writing_over(&args.article, output)?;
        refuse_special_file(output)?;
    }
    if let Some(copy) = &copy
        && !args.force
        && std::fs::symlink_metadata(copy).is_ok()
        && read_text_with_limit(copy, MAX_ARTICLE_BYTES as u64)
            .ok()
            .as_ref()
            != Some(&draft.article_text)
    {
        return Err(CliError::WouldReplace { file: copy.clone() });
    }
    if let Some(copy) = &copy {
        write_replacing(copy, draft.article_text.as_bytes(), &inputs)?;
    }
    let json = serde_json::to_string_pretty(&draft.data).map_err(CliError::Serialise)?;
    write_replacing(&args.output, (json + "\n").as_bytes(), &inputs)?;
    let uncertain: Vec<String> = draft
        .notes
        .uncertain()
        .map(|m| {
            let word = &draft.article_text[m.range.clone()];
            format!(
                "  \"{}\": {}",
                escaped(word),
                m.uncertain.as_deref().unwrap_or("")
            )
        })
        .collect();
    writeln!(
        stdout,
        "{}: drafted from {}: {} countries named, {} excerpts and {} tensions proposed, {} organisations, as of {}; {} uncertain mentions to confirm{}",
        escaped(&args.output.display().to_string()),
        escaped(&args.article.display().to_string()),
        draft.notes.counts.len(),
        draft.data.excerpts.len(),
        draft.data.tensions.len(),
        draft.data.groups.len(),
        draft.data.article.date,
        uncertain.len(),
        if uncertain.is_empty() { "" } else { ":" }
    )
    .map_err(CliError::Stdout)?;
    for line in uncertain.iter().take(SHOWN) {
        writeln!(stdout, "{line}").map_err(CliError::Stdout)?;
    }
    Ok(())
}

/// The article's path relative to the output's folder, when it is a text file in that folder
/// or below it: the scenario can then name it as it is.
fn article_beside(article: &Path, output: &Path) -> Option<String> {
    let is_text = article.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_lowercase().as_str(),
            "txt" | "md" | "markdown"
        )
    });
    let folder = match output.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let folder = folder.canonicalize().ok()?;
    let article = article.canonicalize().ok()?;
    let relative = article.strip_prefix(&folder).ok()?;
    let text = relative.to_str()?;
    (is_text && !text.is_empty()).then(|| text.replace('\\', "/"))
}

fn refuse_writing_over(article: &Path, output: &Path) -> Result<(), WriteError> {
    let same = match (article.canonicalize(), output.canonicalize()) {
        (Ok(article), Ok(output)) => article == output,
        _ => false,
    };
    if same {
        return Err(WriteError::WouldOverwriteInput {
            file: output.to_path_buf(),
            input: article.to_path_buf(),
        });
    }
    Ok(())
}

/// Where the article's text goes when it is not beside the output: the output's name, .article.txt.
fn copied_article_path(output: &Path) -> PathBuf {
    output.with_extension("article.txt")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once(BIN_NAME).chain(line.split_whitespace()))
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn export_needs_a_real_date() {
        let Err(error) = parse("export --as-of 2012-02-30") else {
            panic!("30 February is refused");
        };
        assert_eq!(error.kind(), clap::error::ErrorKind::ValueValidation);
        assert!(error.to_string().contains("not a real date"), "{error}");
        let Err(error) = parse("export") else {
            panic!("a date is needed");
        };
        assert_eq!(
            error.kind(),
            clap::error::ErrorKind::MissingRequiredArgument
        );
        match parse("export --as-of 2012-05-15 -o out.geojson") {
            Ok(Cli {
                command: Some(Command::Export(args)),
                ..
            }) => {
                assert_eq!(args.as_of.to_string(), "2012-05-15");
                assert_eq!(args.output, Some(PathBuf::from("out.geojson")));
                assert_eq!(args.scenario, None);
            }
            other => panic!("expected an export, got {other:?}"),
        }
    }

    #[test]
    fn bare_paths_open_the_app() {
        match parse("a.geojson b.json") {
            Ok(cli) => {
                assert!(cli.command.is_none());
                assert_eq!(
                    cli.files,
                    [PathBuf::from("a.geojson"), PathBuf::from("b.json")]
                );
            }
            Err(error) => panic!("{error}"),
        }
        match parse("") {
            Ok(cli) => assert!(cli.command.is_none() && cli.files.is_empty()),
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn check_needs_at_least_one_file() {
        assert!(matches!(parse("check"), Err(e) if e.kind() == ErrorKind::MissingRequiredArgument));
    }

    #[test]
    fn an_unknown_flag_is_a_usage_error_and_never_a_file() {
        let Err(error) = parse("--bogus") else {
            panic!("--bogus was accepted")
        };
        assert_eq!(error.kind(), ErrorKind::UnknownArgument);
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn a_path_after_a_double_dash_opens_even_when_it_looks_like_a_flag() {
        match parse("-- --bogus") {
            Ok(cli) => assert_eq!(cli.files, [PathBuf::from("--bogus")]),
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn completions_name_every_subcommand() {
        let Ok(Cli {
            command: Some(command),
            ..
        }) = parse("completions fish")
        else {
            panic!("completions fish should parse")
        };
        let mut script = Vec::new();
        match run(&command, &mut script, Clock::System) {
            Ok(outcome) => assert_eq!(outcome, Outcome::Success),
            Err(error) => panic!("{error}"),
        }
        let script = String::from_utf8_lossy(&script);
        for name in ["check", "export", "completions", "as-of"] {
            assert!(script.contains(name), "{name} missing from:\n{script}");
        }
    }
}
