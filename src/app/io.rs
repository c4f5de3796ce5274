//! The App's traffic with the outside: messages for the reader, files being read in the
//! background, the file dialogs and the question before replacing a file, and the page's
//! picker in a browser.

use super::browser::Browser;
use super::saving::PendingReplace;
use crate::model::open::OpenJob;
use crate::session::{Level, Message};
use crate::ui::dialogs::NativeRequests;
use crate::ui::file_dialog::FileDialog;

/// How the note of a copy to the clipboard begins.
const COPIED: &str = "Copied: ";

#[derive(Default)]
pub(super) struct IoState {
    pub(super) messages: Vec<Message>,
    pub(super) jobs: Vec<OpenJob>,
    pub(super) file_dialog: FileDialog,
    /// The desktop's own file dialogs, when the app uses them (not in tests).
    pub(super) native_dialogs: NativeRequests,
    /// A save waiting for the reader's yes to replace an existing file.
    pub(super) replace_question: Option<PendingReplace>,
    /// The page's picker and downloads, when the app runs in a browser.
    pub(super) browser: Option<Browser>,
}

impl IoState {
    /// Tells the reader something, until dismissed.
    pub(super) fn tell(&mut self, level: Level, text: impl Into<String>) {
        self.messages.push(Message::new(level, text));
    }

    /// Notes what was put on the clipboard: one note however often something is copied.
    pub(super) fn note_copied(&mut self, text: &str) {
        self.messages
            .retain(|message| !message.text.starts_with(COPIED));
        self.tell(Level::Info, format!("{COPIED}{text}"));
    }

    /// Removes the message at `index`, where there is one.
    pub(super) fn dismiss(&mut self, index: usize) {
        if index < self.messages.len() {
            self.messages.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copying_twice_leaves_one_note_of_the_last_copy() {
        let mut io = IoState::default();
        io.tell(Level::Warning, "A file was refused");
        io.note_copied("first");
        io.note_copied("second");
        let texts: Vec<&str> = io.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["A file was refused", "Copied: second"]);
    }

    #[test]
    fn dismissing_a_message_that_is_gone_changes_nothing() {
        let mut io = IoState::default();
        io.tell(Level::Info, "one");
        io.dismiss(3);
        assert_eq!(io.messages.len(), 1);
        io.dismiss(0);
        assert!(io.messages.is_empty());
    }
}
