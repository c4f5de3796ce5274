//! Asking the reader for a file: a request (open or save, a title, the kinds of file, a
//! suggested name) goes to the desktop's own dialog through the xdg-desktop-portal, answered
//! on a thread of its own so that the window never waits; where no portal answers (a bare X
//! server, CI) the in-app browser ([`super::file_dialog`]) takes the request instead. Also the
//! one question every save asks before replacing an existing file the dialog did not ask about.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::job::Job;
use crate::session::{Action, FilePurpose, SaveTarget, file_name};

/// What kinds of file a dialog offers, each a filter the reader can pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Every kind alliance-map opens.
    Openable,
    Scenarios,
    Overlays,
    Articles,
    /// Figures: PNG or SVG.
    Figures,
    /// View files (`docs/view-file.md`).
    Views,
    All,
}

impl FileKind {
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Openable => "Scenarios, overlays and articles",
            FileKind::Scenarios => "Scenarios (.json)",
            FileKind::Overlays => "GeoJSON overlays (.geojson, .json)",
            FileKind::Articles => "Articles (.txt, .md, .html)",
            FileKind::Figures => "Figures (.png, .svg)",
            FileKind::Views => "View files (.json)",
            FileKind::All => "All files",
        }
    }

    /// The extensions the kind takes, lower case; none for every file.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Openable => &["json", "geojson", "txt", "md", "markdown", "html", "htm"],
            FileKind::Scenarios => &["json"],
            FileKind::Overlays => &["geojson", "json"],
            FileKind::Articles => &["txt", "md", "markdown", "html", "htm"],
            FileKind::Figures => &["png", "svg"],
            FileKind::Views => &["json"],
            FileKind::All => &[],
        }
    }

    pub fn matches(self, path: &Path) -> bool {
        let extensions = self.extensions();
        extensions.is_empty()
            || path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .is_some_and(|e| extensions.contains(&e.as_str()))
    }
}

/// Whether the reader picks files to read or names one to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogMode {
    Open,
    Save { suggested_name: String },
}

/// A question for the reader: which file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    pub purpose: FilePurpose,
    pub mode: DialogMode,
    pub title: String,
    /// The filters offered, the first chosen at the start.
    pub kinds: Vec<FileKind>,
    /// The folder to start in, where it still is one; else the folder last used.
    pub start_in: Option<PathBuf>,
}

impl FileRequest {
    /// File > Open.
    pub fn open_files() -> Self {
        FileRequest {
            purpose: FilePurpose::Open,
            mode: DialogMode::Open,
            title: "Open a scenario, overlay or article".into(),
            kinds: vec![
                FileKind::Openable,
                FileKind::Scenarios,
                FileKind::Overlays,
                FileKind::Articles,
                FileKind::All,
            ],
            start_in: None,
        }
    }

    /// File > Export figure, File > Save view and File > Save as.
    pub fn save(target: SaveTarget) -> Self {
        let (title, name, kind) = match target {
            SaveTarget::Figure => (
                "Export the view as a figure (.png or .svg)",
                "figure.png",
                FileKind::Figures,
            ),
            SaveTarget::View => ("Save the view", "view.json", FileKind::Views),
            SaveTarget::Scenario => ("Save the scenario as", "scenario.json", FileKind::Scenarios),
        };
        FileRequest {
            purpose: FilePurpose::Save(target),
            mode: DialogMode::Save {
                suggested_name: name.into(),
            },
            title: title.into(),
            kinds: vec![kind, FileKind::All],
            start_in: None,
        }
    }

    /// The same save request proposing `path`: its name, in its folder when it names one.
    pub fn suggesting(mut self, path: &Path) -> Self {
        if let (DialogMode::Save { suggested_name }, Some(name)) =
            (&mut self.mode, path.file_name())
        {
            *suggested_name = name.to_string_lossy().into_owned();
        }
        self.start_in = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
            .map(Path::to_path_buf);
        self
    }

    /// What the App does with the files chosen; `replace_asked` when the dialog itself asked
    /// before replacing an existing file.
    pub fn answer(&self, paths: Vec<PathBuf>, replace_asked: bool) -> Action {
        Action::FilesChosen {
            purpose: self.purpose,
            paths,
            replace_asked,
        }
    }
}

pub const REPLACE_LABEL: &str = "Replace";

/// Asks whether a save may replace the existing file at `path`; every save that would replace
/// a file the dialog did not ask about (a figure, a view, a scenario) asks here.
pub fn replace_question_ui(ctx: &egui::Context, path: &Path, actions: &mut Vec<Action>) {
    let modal = egui::Modal::new(egui::Id::unique("alliance-map/replace")).show(ctx, |ui| {
        ui.heading(format!("Replace {}?", file_name(path)));
        ui.label(format!("{} exists. Saving replaces it.", path.display()));
        ui.horizontal(|ui| {
            if ui.button(REPLACE_LABEL).clicked() {
                actions.push(Action::ConfirmReplace);
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CancelReplace);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CancelReplace);
    }
}

/// What a desktop's dialog said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NativeAnswer {
    Chosen(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown, and why: the in-app browser is used instead.
    Unavailable(String),
}

/// A desktop's own file dialog. It blocks until the reader answers, so it is only ever called
/// on a thread of its own.
pub trait NativeDialogs: Send + Sync {
    fn ask(&self, request: &FileRequest, start_in: Option<&Path>) -> NativeAnswer;
}

/// A request sent to the desktop's dialog, waiting for its answer.
struct Pending {
    request: FileRequest,
    answer: Job<NativeAnswer>,
}

/// What the reader's answer leads to, once it has come.
#[derive(Debug, PartialEq)]
pub enum DialogOutcome {
    Chosen(Action),
    /// The desktop could not ask: the in-app browser should.
    Fallback(FileRequest, String),
}

/// The desktop's dialogs, if the app uses them, and the request they are answering.
#[derive(Default)]
pub struct NativeRequests {
    dialogs: Option<Arc<dyn NativeDialogs>>,
    pending: Option<Pending>,
}

impl NativeRequests {
    pub fn new(dialogs: Option<Arc<dyn NativeDialogs>>) -> Self {
        Self {
            dialogs,
            pending: None,
        }
    }

    /// Sends the request to the desktop's dialog; gives it back when there is none, or when
    /// one is already open (asking again then gets the in-app browser, so a dialog lost
    /// behind another window never leaves the reader stuck).
    pub fn send(
        &mut self,
        request: FileRequest,
        start_in: Option<PathBuf>,
        ctx: &egui::Context,
    ) -> Option<FileRequest> {
        let Some(dialogs) = self.dialogs.clone().filter(|_| self.pending.is_none()) else {
            return Some(request);
        };
        let asked = request.clone();
        let ctx = ctx.clone();
        let answering = Job::spawn_notifying(
            "file-dialog",
            move |_| dialogs.ask(&asked, start_in.as_deref()),
            move || ctx.request_repaint(),
        );
        match answering {
            Ok(answer) => {
                self.pending = Some(Pending { request, answer });
                None
            }
            Err(error) => {
                log::warn!("{error}; the in-app file dialog is used");
                Some(request)
            }
        }
    }

    /// The answer, once it has come; the thread wakes the window when it does.
    pub fn poll(&mut self) -> Option<DialogOutcome> {
        let pending = self.pending.as_ref()?;
        let answer = match pending.answer.poll()? {
            Ok(answer) => answer,
            Err(error) => NativeAnswer::Unavailable(error.to_string()),
        };
        let request = self.pending.take()?.request;
        match answer {
            // Desktop dialogs (the portal's, GTK's, zenity's, macOS's, Windows') ask before
            // replacing a file themselves.
            NativeAnswer::Chosen(paths) if !paths.is_empty() => {
                Some(DialogOutcome::Chosen(request.answer(paths, true)))
            }
            NativeAnswer::Chosen(_) | NativeAnswer::Cancelled => None,
            NativeAnswer::Unavailable(why) => Some(DialogOutcome::Fallback(request, why)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// A desktop dialog that answers at once.
    struct Answering(NativeAnswer);

    impl NativeDialogs for Answering {
        fn ask(&self, _: &FileRequest, _: Option<&Path>) -> NativeAnswer {
            self.0.clone()
        }
    }

    fn answer_of(answer: NativeAnswer) -> Option<DialogOutcome> {
        let mut requests = NativeRequests::new(Some(Arc::new(Answering(answer))));
        let ctx = egui::Context::default();
        assert_eq!(requests.send(FileRequest::open_files(), None, &ctx), None);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            // A cancelled dialog leaves nothing pending and nothing to do.
            requests.pending.as_ref()?;
            if let Some(outcome) = requests.poll() {
                return Some(outcome);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the dialog's thread answered within 10 s");
    }

    #[test]
    fn a_chosen_file_becomes_the_requests_action() {
        let path = PathBuf::from("/tmp/a.json");
        assert_eq!(
            answer_of(NativeAnswer::Chosen(vec![path.clone()])),
            Some(DialogOutcome::Chosen(Action::FilesChosen {
                purpose: FilePurpose::Open,
                paths: vec![path],
                replace_asked: true,
            }))
        );
    }

    #[test]
    fn no_desktop_dialog_hands_the_request_to_the_in_app_browser() {
        let outcome = answer_of(NativeAnswer::Unavailable("no portal".into()));
        assert_eq!(
            outcome,
            Some(DialogOutcome::Fallback(
                FileRequest::open_files(),
                "no portal".into()
            ))
        );
    }

    #[test]
    fn without_desktop_dialogs_or_with_one_open_the_request_comes_back() {
        let ctx = egui::Context::default();
        let mut none = NativeRequests::new(None);
        assert!(none.send(FileRequest::open_files(), None, &ctx).is_some());
        let mut one = NativeRequests::new(Some(Arc::new(Answering(NativeAnswer::Cancelled))));
        assert!(one.send(FileRequest::open_files(), None, &ctx).is_none());
        assert!(one.send(FileRequest::open_files(), None, &ctx).is_some());
    }

    #[test]
    fn a_suggested_path_gives_the_name_and_the_folder_to_start_in() {
        let request = FileRequest::save(SaveTarget::Scenario).suggesting(Path::new("/a/b/c.json"));
        assert_eq!(
            request.mode,
            DialogMode::Save {
                suggested_name: "c.json".into()
            }
        );
        assert_eq!(request.start_in.as_deref(), Some(Path::new("/a/b")));
        assert_eq!(request.kinds.first(), Some(&FileKind::Scenarios));
        let bare = FileRequest::save(SaveTarget::Scenario).suggesting(Path::new("c.json"));
        assert_eq!(bare.start_in, None, "no folder: the last used one");
    }

    #[test]
    fn kinds_filter_by_extension_whatever_its_case() {
        assert!(FileKind::Scenarios.matches(Path::new("a/b.JSON")));
        assert!(!FileKind::Scenarios.matches(Path::new("b.geojson")));
        assert!(FileKind::Overlays.matches(Path::new("b.geojson")));
        assert!(FileKind::Articles.matches(Path::new("notes.md")));
        assert!(FileKind::All.matches(Path::new("Makefile")));
        assert!(!FileKind::Openable.matches(Path::new("Makefile")));
    }
}
