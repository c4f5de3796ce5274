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

fn where_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["where"];
    all.extend_from_slice(args);
    let output = run_binary(all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    match serde_json::from_str(stdout(&output).trim()) {
        Ok(value) => value,
        Err(error) => panic!("where printed no JSON ({error}): {}", stdout(&output)),
    }
}

#[test]
fn where_says_simferopol_is_ukraine_and_in_2020_inside_crimea_held_by_russia() {
    assert_eq!(
        where_json(&["34.10", "44.95", "--as-of", "2012-05-15"]),
        serde_json::json!({"country": "UKR", "territory": null})
    );
    let later = where_json(&["34.10", "44.95", "--as-of", "2020-01-01"]);
    assert_eq!(later["country"], "UKR");
    assert_eq!(later["territory"]["id"], "crimea");
    assert_eq!(later["territory"]["recognised_as"], "UKR");
    assert_eq!(later["territory"]["controlled_by"], "RUS");
    assert_eq!(
        where_json(&["35.0", "43.0", "--as-of", "2020-01-01"]),
        serde_json::json!({"country": null, "territory": null})
    );
}

#[test]
fn where_refuses_bad_numbers_and_dates_with_exit_2() {
    for args in [
        vec!["where", "200", "10"],
        vec!["where", "10", "north"],
        vec!["where", "34.1", "44.9", "--as-of", "2012-13-01"],
    ] {
        let output = run_binary(args.clone());
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stdout(&output)
        );
        assert!(
            stderr(&output).contains("invalid value"),
            "{}",
            stderr(&output)
        );
    }
}

/// Makes a named pipe at `path`, as `mkfifo` does.
#[cfg(unix)]
fn make_pipe(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|status| status.success()),
        "mkfifo {}",
        path.display()
    );
}

#[cfg(unix)]
#[test]
fn render_export_and_draft_refuse_to_replace_a_named_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let directory = temp_dir();
    // A page's text is copied beside the scenario: that copy must not be written either.
    let article = directory.path().join("page.html");
    write(
        &article,
        "<h1>A treaty</h1><p>Russia and Kazakhstan signed the treaty in Moscow on 15 May 2012.</p>",
    );
    let figure = directory.path().join("x.svg");
    let export = directory.path().join("x.geojson");
    let scenario = directory.path().join("x.json");
    let runs: [(&std::path::Path, Vec<&str>); 3] = [
        (&figure, vec!["render", "-o", utf8(&figure)]),
        (
            &export,
            vec!["export", "--as-of", "2012-05-15", "-o", utf8(&export)],
        ),
        (
            &scenario,
            vec!["draft", utf8(&article), "-o", utf8(&scenario)],
        ),
    ];
    for (pipe, args) in runs {
        make_pipe(pipe);
        let output = run_binary(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stdout(&output)
        );
        assert!(
            stderr(&output).contains("not a regular file"),
            "{args:?}: {}",
            stderr(&output)
        );
        let kept = std::fs::symlink_metadata(pipe).map(|m| m.file_type().is_fifo());
        assert!(
            matches!(kept, Ok(true)),
            "{} is still a pipe",
            pipe.display()
        );
    }
    assert!(!directory.path().join("x.article.txt").exists());
}

#[test]
fn errors_of_every_command_escape_terminal_control_characters() {
    let directory = temp_dir();
    let hostile = directory.path().join("\u{1b}]0;owned\u{7}\u{1b}[2J.json");
    let view = directory.path().join("view.json");
    write(
        &view,
        "{\"format\": \"alliance-map/view\", \"version\": 1, \"scenario\": \"\\u001b[2Jx.json\", \
         \"date\": \"2012-05-15\", \"bbox\": [0, 25, 140, 72], \"layers\": [], \"theme\": \"dark\"}",
    );
    let figure = directory.path().join("x.svg");
    let runs = [
        vec![
            "export",
            "--as-of",
            "2012-05-15",
            "--scenario",
            utf8(&hostile),
        ],
        vec!["render", "--scenario", utf8(&hostile), "-o", utf8(&figure)],
        vec!["render", "--view", utf8(&view), "-o", utf8(&figure)],
        vec!["draft", utf8(&hostile), "-o", utf8(&figure)],
    ];
    for args in runs {
        let output = run_binary(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let text = stderr(&output);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("\\u{1b}"), "{args:?}: {text}");
    }
}

#[test]
fn draft_never_replaces_an_unrelated_article_copy_unless_forced() {
    let directory = temp_dir();
    let article = directory.path().join("page.html");
    write(
        &article,
        "<html><body><h1>A treaty</h1><p>Russia and Kazakhstan signed the treaty in Moscow on 15 May 2012.</p></body></html>",
    );
    let scenario = directory.path().join("s.json");
    let copy = directory.path().join("s.article.txt");
    write(&copy, "my own notes\n");
    let draft = |force: bool| {
        let mut args = vec!["draft", utf8(&article), "-o", utf8(&scenario)];
        if force {
            args.push("--force");
        }
        run_binary(&args)
    };
    let output = draft(false);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&copy).ok().as_deref(),
        Some("my own notes\n")
    );
    assert!(!scenario.exists(), "nothing is written");
    let output = draft(true);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&copy).is_ok_and(|text| text.contains("Kazakhstan")),
        "the copy was replaced when forced"
    );
    // Drafting again writes the same copy: nothing is lost, so nothing is asked.
    let output = draft(false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn render_and_export_never_write_over_the_scenarios_article() {
    let directory = temp_dir();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let text = std::fs::read_to_string(corpus.join("antipodal-parties.json")).unwrap_or_default();
    let scenario = directory.path().join("s.json");
    write(
        &scenario,
        text.replace("\"text\": \"article.txt\"", "\"text\": \"article.svg\""),
    );
    let article = directory.path().join("article.svg");
    let original = std::fs::read(corpus.join("article.txt")).unwrap_or_default();
    write(&article, &original);
    let geojson = directory.path().join("article.geojson");
    for args in [
        vec![
            "render",
            "--scenario",
            utf8(&scenario),
            "-o",
            utf8(&article),
        ],
        vec![
            "export",
            "--as-of",
            "2012-05-15",
            "--scenario",
            utf8(&scenario),
            "-o",
            utf8(&article),
        ],
    ] {
        let output = run_binary(&args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("one of the files read to make it"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(std::fs::read(&article).ok(), Some(original.clone()));
    }
    let output = run_binary([
        "export",
        "--as-of",
        "2012-05-15",
        "--scenario",
        utf8(&scenario),
        "-o",
        utf8(&geojson),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
