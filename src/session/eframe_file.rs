//! eframe's own saved file (`app.ron`), checked and repaired before eframe reads it.

use std::collections::HashMap;
use std::path::Path;

use super::settings::{STORAGE_KEY, UiState};

/// eframe's saved file is a few kilobytes; one larger than this is not ours to read.
pub const MAX_SAVED_BYTES: u64 = 1_000_000;
/// The egui zoom factors (interface scale) a saved one is brought within.
const ZOOM_FACTOR_RANGE: std::ops::RangeInclusive<f32> = 0.25..=5.0;
/// eframe's keys in its saved file: the window geometry (which this app keeps itself, see
/// [`prepare_saved_file`]) and egui's memory (the zoom factor among it).
const EFRAME_WINDOW_KEY: &str = "window";
const EFRAME_MEMORY_KEY: &str = "egui";

/// What [`prepare_saved_file`] found in eframe's saved file.
#[derive(Debug, Default, PartialEq)]
pub struct SavedFile {
    /// What was wrong and what was done, for the reader.
    pub notices: Vec<String>,
    /// The window size this app saved, checked.
    pub window_size: Option<[f32; 2]>,
}

/// Checks and repairs eframe's saved file (`app.ron`) before eframe reads it, because eframe
/// trusts it: a zoom factor of 0, NaN or 1e30, or a window size that is NaN, negative or 1e30,
/// panicked at start on every launch until the file was deleted.
///
/// - A file that is too large, not UTF-8 or not a RON map is moved aside (`app.ron.corrupt`)
///   so that eframe starts from defaults, and the reader is told.
/// - eframe's own window geometry is dropped: the app keeps the window size itself
///   ([`UiState::window_size`]) and turns eframe's window persistence off.
/// - egui's memory with a number that is not finite is dropped; a zoom factor out of range
///   is brought back to 1.
///
/// The repaired file is written whole through a temporary file, as every file the app
/// writes. eframe writes the file itself when it saves; it truncates and rewrites it in
/// place, and that is the one write this app does not control (a damaged result is repaired
/// here at the next start).
pub fn prepare_saved_file(path: &Path) -> SavedFile {
    let mut found = SavedFile::default();
    let Ok(metadata) = std::fs::metadata(path) else {
        return found;
    };
    let unreadable = |found: &mut SavedFile, why: String| {
        let moved = match crate::model::files::move_aside(path, "corrupt") {
            Ok(aside) => format!("it was kept as {}", aside.display()),
            Err(error) => match std::fs::remove_file(path) {
                Ok(()) => format!("it could not be kept ({error}) and was removed"),
                Err(_) => format!("it could not be moved ({error})"),
            },
        };
        found.notices.push(format!(
            "The saved settings ({}) could not be read ({why}); defaults are used, and {moved}.",
            path.display()
        ));
    };
    if !metadata.is_file() || metadata.len() > MAX_SAVED_BYTES {
        unreadable(
            &mut found,
            format!(
                "{} bytes, more than the {MAX_SAVED_BYTES} a settings file holds",
                metadata.len()
            ),
        );
        return found;
    }
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            unreadable(&mut found, "not UTF-8 text".into());
            return found;
        }
        Err(error) => {
            unreadable(&mut found, error.to_string());
            return found;
        }
    };
    let mut entries: HashMap<String, String> = match ron::from_str(&text) {
        Ok(entries) => entries,
        Err(error) => {
            unreadable(&mut found, format!("not a settings file: {error}"));
            return found;
        }
    };
    let mut changed = entries.remove(EFRAME_WINDOW_KEY).is_some();
    if let Some(memory) = entries.get(EFRAME_MEMORY_KEY) {
        match repaired_memory(memory) {
            Ok(None) => {}
            Ok(Some((memory, notice))) => {
                entries.insert(EFRAME_MEMORY_KEY.into(), memory);
                found.notices.push(notice);
                changed = true;
            }
            Err(notice) => {
                entries.remove(EFRAME_MEMORY_KEY);
                found.notices.push(notice);
                changed = true;
            }
        }
    }
    if let Some(saved) = entries.get(STORAGE_KEY) {
        let (state, _) = UiState::from_saved(Some(saved));
        found.window_size = state.window_size;
    }
    if changed {
        let written = ron::to_string(&entries)
            .map_err(|error| error.to_string())
            .and_then(|text| {
                crate::model::files::write_replacing(path, text.as_bytes(), &[])
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = written {
            found
                .notices
                .push(format!("The repaired settings could not be saved: {error}"));
        }
    }
    found
}

/// egui's saved memory with its zoom factor within range: `Ok(None)` when it is fine as it
/// is, the repaired memory and what was done, or why it has to go.
fn repaired_memory(text: &str) -> Result<Option<(String, String)>, String> {
    let dropped = |why: &str| {
        format!("The saved interface state {why}; it was reset (panels, windows and zoom).")
    };
    // NaN or an infinity anywhere (a window at NaN, a scroll offset of inf) is damage.
    let not_finite = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|token| token == "NaN" || token == "inf");
    if not_finite {
        return Err(dropped("held a number that is not finite"));
    }
    let mut memory: egui::Memory = ron::from_str(text).map_err(|_| dropped("could not be read"))?;
    let zoom = memory.options.zoom_factor;
    if ZOOM_FACTOR_RANGE.contains(&zoom) {
        return Ok(None);
    }
    memory.options.zoom_factor = 1.0;
    let repaired = ron::to_string(&memory).map_err(|_| dropped("could not be repaired"))?;
    Ok(Some((
        repaired,
        format!("The saved interface zoom {zoom} was out of range; it was reset to 100%."),
    )))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::session::settings::MAX_WINDOW_SIZE;

    fn saved_file(contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let path = dir.path().join("app.ron");
        assert!(std::fs::write(&path, contents).is_ok());
        (dir, path)
    }

    fn memory_with_zoom(zoom: f32) -> String {
        let mut memory = egui::Memory::default();
        memory.options.zoom_factor = zoom;
        ron::to_string(&memory).unwrap_or_default()
    }

    fn eframe_file(entries: &[(&str, String)]) -> Vec<u8> {
        let map: HashMap<String, String> = entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        ron::to_string(&map).unwrap_or_default().into_bytes()
    }

    fn read_back(path: &Path) -> HashMap<String, String> {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        ron::from_str(&text).unwrap_or_default()
    }

    #[test]
    fn a_saved_zoom_factor_of_zero_nan_or_1e30_is_reset_before_eframe_reads_it() {
        for zoom in [0.0, f32::NAN, 1e30, -2.0] {
            let (_dir, path) = saved_file(&eframe_file(&[("egui", memory_with_zoom(zoom))]));
            let found = prepare_saved_file(&path);
            assert_eq!(found.notices.len(), 1, "{zoom}: {:?}", found.notices);
            let entries = read_back(&path);
            if let Some(memory) = entries.get("egui") {
                let memory: Option<egui::Memory> = ron::from_str(memory).ok();
                assert_eq!(memory.map(|m| m.options.zoom_factor), Some(1.0));
            }
        }
        let (_dir, path) = saved_file(&eframe_file(&[("egui", memory_with_zoom(1.5))]));
        assert_eq!(prepare_saved_file(&path), SavedFile::default());
    }

    #[test]
    fn eframes_own_window_geometry_is_dropped_and_ours_is_clamped() {
        let ours = r#"{"version": 1, "window_size": [NaN, 800.0]}"#.replace("NaN", "1e30");
        let window = "(inner_size_points: Some((x: NaN, y: -5.0)))".to_string();
        let (_dir, path) = saved_file(&eframe_file(&[("window", window), (STORAGE_KEY, ours)]));
        let found = prepare_saved_file(&path);
        assert_eq!(found.window_size, Some([MAX_WINDOW_SIZE, 800.0]));
        assert!(!read_back(&path).contains_key("window"));
        assert!(read_back(&path).contains_key(STORAGE_KEY));
    }

    #[test]
    fn a_junk_or_huge_saved_file_is_moved_aside_with_a_notice() {
        for junk in [
            b"\x00\xff garbage".to_vec(),
            b"not ron at all {".to_vec(),
            vec![b'x'; 50_000_000],
        ] {
            let (dir, path) = saved_file(&junk);
            let found = prepare_saved_file(&path);
            assert_eq!(found.notices.len(), 1);
            assert!(
                found.notices[0].contains("defaults are used"),
                "{:?}",
                found.notices
            );
            assert!(!path.exists());
            assert!(dir.path().join("app.ron.corrupt").exists());
        }
    }
}
