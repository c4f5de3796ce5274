//! Files in a browser, which has no paths: its own picker in place of a file dialog, files it
//! hands over whole (picked or dropped), and downloads in place of saving. The page's side is
//! `crate::web`; the app only knows these hooks, so it builds and is tested the same everywhere.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use super::App;
use crate::model::open::OpenJob;
use crate::session::Level;
use crate::session::SaveTarget;

/// A file the browser handed over whole.
pub struct GivenFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the page does for the app.
#[derive(Clone, Copy)]
pub struct BrowserFiles {
    /// Shows the browser's file picker; what the reader picks comes back through the sender,
    /// and the context is asked for a frame then.
    pub pick: fn(Sender<GivenFile>, egui::Context),
    /// Hands the reader a file to keep, under a suggested name, as a download.
    pub download: fn(&str, &[u8]) -> Result<(), String>,
}

/// The hooks, and the way files come back from the page.
pub(super) struct Browser {
    files: BrowserFiles,
    given: Receiver<GivenFile>,
    sender: Sender<GivenFile>,
}

impl App {
    /// Uses the browser's picker and downloads from now on (a web page has no file dialog
    /// and no folders to write in). Returns where the page sends files it is given otherwise
    /// (dropped on it).
    pub fn use_browser_files(&mut self, files: BrowserFiles) -> Sender<GivenFile> {
        let (sender, given) = mpsc::channel();
        self.io.browser = Some(Browser {
            files,
            given,
            sender: sender.clone(),
        });
        sender
    }

    /// Whether files come from the browser rather than from paths.
    pub(super) fn in_browser(&self) -> bool {
        self.io.browser.is_some()
    }

    /// Shows the browser's picker, if the app is in a browser.
    pub(super) fn pick_in_browser(&self, ctx: &egui::Context) {
        if let Some(browser) = &self.io.browser {
            (browser.files.pick)(browser.sender.clone(), ctx.clone());
        }
    }

    /// Opens what the browser handed over since the last frame.
    pub(super) fn receive_given_files(&mut self) {
        let Some(browser) = &self.io.browser else {
            return;
        };
        let given: Vec<GivenFile> = browser.given.try_iter().collect();
        for file in given {
            let job = OpenJob::from_bytes(
                PathBuf::from(file.name),
                file.bytes,
                &self.world,
                self.today(),
            );
            self.io.jobs.push(job);
        }
    }

    /// Downloads `target` in place of saving it, if the app is in a browser; returns whether
    /// it was (or said why not).
    pub(super) fn download_in_browser(&mut self, target: SaveTarget, ctx: &egui::Context) -> bool {
        let Some(download) = self.io.browser.as_ref().map(|b| b.files.download) else {
            return false;
        };
        let dark = ctx.theme() == egui::Theme::Dark;
        let made = match target {
            SaveTarget::Figure => {
                let name = format!("alliance-map-{}.png", self.session.date);
                self.figure_bytes(Path::new(&name), dark)
                    .map(|bytes| (name, bytes))
            }
            SaveTarget::View => match self.current_view_file(None, dark) {
                Some(view) => Ok((
                    format!("alliance-map-{}.view.json", self.session.date),
                    view.to_json().into_bytes(),
                )),
                None => Err("the map has not been drawn yet".into()),
            },
            SaveTarget::Scenario => Err(
                "saving an edited scenario is for the desktop app; the page only shows it".into(),
            ),
        };
        let result = made.and_then(|(name, bytes)| {
            download(&name, &bytes).map(|()| format!("Downloaded {name}"))
        });
        match result {
            Ok(done) => self.io.tell(Level::Info, done),
            Err(problem) => self
                .io
                .tell(Level::Error, format!("Not downloaded: {problem}")),
        }
        true
    }
}
