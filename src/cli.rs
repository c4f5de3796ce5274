//! The command line: `check` validates files, `export` writes GeoJSON; anything else opens the
//! window.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use crate::model::World;
use crate::model::date::Date;
use crate::model::export::export;
use crate::model::open::{OpenError, Opened, open_file};
use crate::model::scenario::{Finding, Scenario, ScenarioError, Severity};

pub const USAGE: &str = "\
Usage:
  alliance-map [FILE...]            open the app (with the bundled CSTO scenario)
  alliance-map check FILE...        validate scenarios, GeoJSON overlays and articles;
                                    exit 1 if any is refused
  alliance-map export --as-of YYYY-MM-DD [--scenario FILE] [-o FILE]
                                    write the map as of a date as GeoJSON (stdout without -o)
  alliance-map --help";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Open(Vec<PathBuf>),
    Check(Vec<PathBuf>),
    Export {
        as_of: Date,
        scenario: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Help,
}

/// Reads the arguments after the program name.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    match args.first().map(String::as_str) {
        None => Ok(Command::Open(Vec::new())),
        Some("--help" | "-h" | "help") => Ok(Command::Help),
        Some("check") => {
            let files: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
            if files.is_empty() {
                return Err("check needs at least one FILE".into());
            }
            Ok(Command::Check(files))
        }
        Some("export") => parse_export(&args[1..]),
        Some(_) => Ok(Command::Open(args.iter().map(PathBuf::from).collect())),
    }
}

fn parse_export(args: &[String]) -> Result<Command, String> {
    let mut as_of = None;
    let mut scenario = None;
    let mut output = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--as-of" => {
                let text = value()?;
                as_of = Some(text.parse::<Date>().map_err(|e| format!("--as-of: {e}"))?);
            }
            "--scenario" => scenario = Some(PathBuf::from(value()?)),
            "-o" | "--output" => output = Some(PathBuf::from(value()?)),
            other => return Err(format!("export does not take '{other}'")),
        }
    }
    let as_of = as_of.ok_or("export needs --as-of YYYY-MM-DD")?;
    Ok(Command::Export {
        as_of,
        scenario,
        output,
    })
}

/// Validates each file (a scenario, a GeoJSON overlay or an article) the way the app opens
/// it, printing its findings; returns whether every file was accepted.
pub fn check(world: &World, files: &[PathBuf], out: &mut dyn Write) -> bool {
    let mut all_accepted = true;
    for file in files {
        let result = open_file(file, world, &AtomicU64::new(0));
        let accepted = result.is_ok();
        match result {
            Ok(Opened::Scenario(scenario)) => {
                print_findings(file, scenario.warnings(), out);
                let data = scenario.data();
                let _ = writeln!(
                    out,
                    "{}: valid scenario ({} excerpts, {} tensions, {} memberships, {} warnings)",
                    file.display(),
                    data.excerpts.len(),
                    data.tensions.len(),
                    data.memberships.len(),
                    scenario.warnings().len()
                );
            }
            Ok(Opened::Overlay(overlay)) => {
                for warning in &overlay.warnings {
                    let _ = writeln!(out, "{}: warning: {warning}", file.display());
                }
                let _ = writeln!(
                    out,
                    "{}: valid GeoJSON overlay ({} features, {} warnings)",
                    file.display(),
                    overlay.features.len(),
                    overlay.warnings.len()
                );
            }
            Ok(Opened::Article { text, .. }) => {
                let _ = writeln!(
                    out,
                    "{}: valid article ({} lines)",
                    file.display(),
                    text.lines().count()
                );
            }
            Err(OpenError::Scenario(ScenarioError::Refused { findings, .. })) => {
                print_findings(file, &findings, out);
                let errors = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                let _ = writeln!(out, "{}: refused ({errors} errors)", file.display());
            }
            Err(error) => {
                let _ = writeln!(out, "error: {error}");
                let _ = writeln!(out, "{}: refused", file.display());
            }
        }
        all_accepted &= accepted;
    }
    all_accepted
}

fn print_findings(file: &Path, findings: &[Finding], out: &mut dyn Write) {
    for finding in findings {
        let _ = writeln!(out, "{}: {finding}", file.display());
    }
}

/// Writes the GeoJSON export of `scenario` (or the bundled one) as of `as_of`.
pub fn export_geojson(
    world: &World,
    scenario: Option<&Path>,
    as_of: Date,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<(), String> {
    let scenario = match scenario {
        Some(path) => Scenario::load(path, world),
        None => Scenario::load_bundled(world),
    }
    .map_err(|error| error.to_string())?;
    let collection = export(world, &scenario, as_of);
    let json = serde_json::to_string(&collection).map_err(|error| error.to_string())?;
    match output {
        Some(path) => std::fs::write(path, json + "\n")
            .map_err(|error| format!("{}: cannot be written: {error}", path.display())),
        None => writeln!(stdout, "{json}").map_err(|error| error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn export_needs_a_real_date() {
        assert!(parse_args(&args("export --as-of 2012-02-30")).is_err());
        assert!(parse_args(&args("export")).is_err());
        assert!(matches!(
            parse_args(&args("export --as-of 2012-05-15 -o out.geojson")),
            Ok(Command::Export {
                output: Some(_),
                scenario: None,
                ..
            })
        ));
    }

    #[test]
    fn bare_paths_open_the_app() {
        assert_eq!(
            parse_args(&args("a.geojson b.json")),
            Ok(Command::Open(vec!["a.geojson".into(), "b.json".into()]))
        );
        assert_eq!(
            parse_args(&args("check")),
            Err("check needs at least one FILE".into())
        );
    }
}
