//! The desktop's own file dialog, through rfd: native only (a browser has its own picker, see
//! `crate::web`).

use std::path::Path;
use std::time::{Duration, Instant};

use super::dialogs::{DialogMode, FileRequest, NativeAnswer, NativeDialogs};

/// A dialog that comes back with nothing sooner than this was never shown: rfd answers
/// "nothing chosen" both when the reader cancels and when neither the portal nor its zenity
/// fallback could show a dialog (that takes milliseconds: a D-Bus error, a failed spawn).
/// Generous, for a loaded machine: a reader who cancels faster merely sees the in-app browser,
/// while a failure taken for a cancel would leave File > Open doing nothing.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(1500);

/// The desktop's file dialog through the xdg-desktop-portal on Linux and the BSDs (rfd loads
/// libdbus at run time; nothing of GTK is linked), the system's own on macOS and Windows.
pub struct PortalDialogs;

impl NativeDialogs for PortalDialogs {
    fn ask(&self, request: &FileRequest, start_in: Option<&Path>) -> NativeAnswer {
        if let Some(why) = no_session_bus() {
            return NativeAnswer::Unavailable(why.into());
        }
        let mut dialog = rfd::FileDialog::new().set_title(&request.title);
        for kind in &request.kinds {
            let extensions = match kind.extensions() {
                [] => &["*"][..],
                some => some,
            };
            dialog = dialog.add_filter(kind.label(), extensions);
        }
        if let Some(folder) = start_in {
            dialog = dialog.set_directory(folder);
        }
        let started = Instant::now();
        let chosen = match &request.mode {
            DialogMode::Open => dialog.pick_files(),
            DialogMode::Save { suggested_name } => dialog
                .set_file_name(suggested_name)
                .save_file()
                .map(|path| vec![path]),
        };
        match chosen {
            Some(paths) if !paths.is_empty() => NativeAnswer::Chosen(paths),
            _ if started.elapsed() < NO_DIALOG_WITHIN => {
                NativeAnswer::Unavailable("no desktop file dialog answered".into())
            }
            _ => NativeAnswer::Cancelled,
        }
    }
}

/// Why no portal can be reached, where it needs a D-Bus session bus and there is none: libdbus
/// would otherwise try to start one (autolaunch) on a bare X server.
#[cfg(all(unix, not(target_os = "macos")))]
fn no_session_bus() -> Option<&'static str> {
    let address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").filter(|a| !a.is_empty());
    let socket = std::env::var_os("XDG_RUNTIME_DIR")
        .map(|dir| Path::new(&dir).join("bus"))
        .filter(|bus| bus.exists());
    (address.is_none() && socket.is_none()).then_some("no D-Bus session bus")
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn no_session_bus() -> Option<&'static str> {
    None
}
