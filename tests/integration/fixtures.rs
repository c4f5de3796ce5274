//! Where tests find their files and make temporary ones, failing with the error's own text.
//!
//! Everything here stays inside the repository or a `tempfile` folder, so `cargo test` passes on
//! a fresh clone with nothing beside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use alliance_map::model::clock::{Clock, TODAY_VARIABLE};
use alliance_map::model::date::Date;
use tempfile::TempDir;

/// The day every test takes for today, whatever the calendar says: a test that passes today
/// and fails next month is a defect. The window's snapshot was drawn with this day as today.
pub const TEST_CLOCK: Clock = Clock::Fixed(Date::constant(2026, 11, 28));

/// The bad-input corpus kept in the repository (`tests/data/bad-inputs/`, see its README).
pub fn bad_inputs_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad-inputs")
}

/// One file of the corpus, by its path inside it (`"text/crlf.txt"`).
pub fn bad_input(relative: &str) -> PathBuf {
    bad_inputs_root().join(relative)
}

/// Every file of the corpus, sorted, without its README and licence.
pub fn every_bad_input() -> Vec<PathBuf> {
    let root = bad_inputs_root();
    assert!(
        root.is_dir(),
        "the bad-input corpus is at {}",
        root.display()
    );
    let mut files = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => panic!("{} cannot be listed: {error}", folder.display()),
        };
        for entry in entries {
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(error) => panic!("an entry of {} cannot be read: {error}", folder.display()),
            };
            if path.is_dir() {
                folders.push(path);
            } else if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("README.md" | "LICENSE")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A fresh temporary folder, removed when the value is dropped.
pub fn temp_dir() -> TempDir {
    match tempfile::tempdir() {
        Ok(directory) => directory,
        Err(error) => panic!("a temporary folder cannot be made: {error}"),
    }
}

/// Writes `contents` to `path`, creating the folders above it.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent()
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        panic!("{} cannot be made: {error}", parent.display());
    }
    if let Err(error) = std::fs::write(path, contents) {
        panic!("{} cannot be written: {error}", path.display());
    }
}

/// Makes a sparse file of `bytes` bytes: its size is real but nothing is written, so a test of
/// the size limit is quick and leaves the disk empty.
pub fn sparse_file(path: &Path, bytes: u64) {
    let file = match std::fs::File::create(path) {
        Ok(file) => file,
        Err(error) => panic!("{} cannot be created: {error}", path.display()),
    };
    if let Err(error) = file.set_len(bytes) {
        panic!(
            "{} cannot be grown to {bytes} bytes: {error}",
            path.display()
        );
    }
}

/// The path as a `&str`, for command lines; temporary paths are UTF-8 on every CI machine.
pub fn utf8(path: &Path) -> &str {
    match path.to_str() {
        Some(text) => text,
        None => panic!("{} is not UTF-8", path.display()),
    }
}

/// Runs the built `alliance-map` binary in the repository root, on the tests' day.
pub fn run_binary<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let program = env!("CARGO_BIN_EXE_alliance-map");
    match Command::new(program)
        .args(args)
        .env(TODAY_VARIABLE, TEST_CLOCK.today().to_string())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    {
        Ok(output) => output,
        Err(error) => panic!("{program} cannot be run: {error}"),
    }
}
