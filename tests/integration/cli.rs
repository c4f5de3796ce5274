//! The built binary's command line: help, version, usage errors, completions, check and export.

use std::process::Output;

use crate::fixtures::{bad_input, run_binary, temp_dir, utf8, write};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn version_prints_the_crate_version_and_exits_0() {
    let output = run_binary(["--version"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        format!("alliance-map {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_exits_2_with_the_usage_and_opens_no_window() {
    let output = run_binary(["--bogus"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let text = stderr(&output);
    assert!(text.contains("--bogus"), "{text}");
    assert!(text.contains("Usage: alliance-map"), "{text}");
    // The old parser took anything unknown for a file to open.
    assert!(!text.contains("cannot be read"), "{text}");
}

#[test]
fn help_lists_every_subcommand_and_each_has_its_own_help() {
    let output = run_binary(["--help"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    for subcommand in ["check", "export", "completions"] {
        assert!(
            text.contains(subcommand),
            "{subcommand} missing from:\n{text}"
        );
        let output = run_binary([subcommand, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stdout(&output).contains(&format!("Usage: alliance-map {subcommand}")),
            "{}",
            stdout(&output)
        );
    }
}

#[test]
fn completions_for_bash_print_a_script_that_completes_the_subcommands() {
    let output = run_binary(["completions", "bash"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let script = stdout(&output);
    assert!(script.contains("complete -F"), "{script}");
    assert!(script.contains("alliance-map"), "{script}");
    assert!(script.contains("export"), "{script}");
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let output = run_binary(["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("bash"), "{}", stderr(&output));
}

#[test]
fn check_without_files_is_a_usage_error() {
    let output = run_binary(["check"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("<FILE>"), "{}", stderr(&output));
}

#[test]
fn check_exits_0_for_good_files_and_1_when_one_is_refused() {
    let output = run_binary(["check", "docs/example-scenario.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("docs/example-scenario.json: valid scenario"),
        "{}",
        stdout(&output)
    );

    let truncated = bad_input("geometry/truncated.geojson");
    let output = run_binary(["check", "docs/example-scenario.json", utf8(&truncated)]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains(&format!("{}: refused", truncated.display())),
        "{}",
        stdout(&output)
    );
}

#[test]
fn export_writes_geojson_to_stdout_or_to_the_output_file() {
    let output = run_binary(["export", "--as-of", "2012-05-15"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(r#"{"type":"FeatureCollection""#),
        "{}",
        &text[..text.len().min(200)]
    );

    let directory = temp_dir();
    let path = directory.path().join("csto-2012.geojson");
    let output = run_binary(["export", "--as-of", "2012-05-15", "-o", utf8(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    match std::fs::read_to_string(&path) {
        Ok(written) => assert_eq!(written, text),
        Err(error) => panic!("{} was not written: {error}", path.display()),
    }
}

#[test]
fn export_with_an_unreal_date_is_a_usage_error() {
    let output = run_binary(["export", "--as-of", "2012-02-30"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("2012-02-30 is not a real date"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_of_a_broken_scenario_exits_1_naming_the_file() {
    let directory = temp_dir();
    let path = directory.path().join("broken.json");
    write(&path, "{ not json");
    let output = run_binary(["export", "--as-of", "2012-05-15", "--scenario", utf8(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stderr(&output).contains(&path.display().to_string()),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_to_an_unwritable_place_exits_1_naming_it() {
    let directory = temp_dir();
    let path = directory.path().join("no-such-folder/out.geojson");
    let output = run_binary(["export", "--as-of", "2012-05-15", "-o", utf8(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stderr(&output).contains(&format!("{}: cannot be written", path.display())),
        "{}",
        stderr(&output)
    );
}
