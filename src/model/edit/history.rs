//! Undo and redo: the inverses of the edits made, bounded, and which state was last saved.

use std::collections::VecDeque;

use super::{Document, Edit, EditError};

/// How many edits can be undone; older ones are forgotten.
pub const UNDO_LIMIT: usize = 500;

/// An edit's inverse with the number of the state it leads away from.
#[derive(Clone, Debug)]
struct Step {
    inverse: Edit,
    /// The state the document is in after the edit (undoing leads to the state before it).
    state: u64,
}

/// The edits that can be undone and redone. Each state of the document has a number, so
/// that undoing back to the saved state counts as unchanged.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: VecDeque<Step>,
    /// The last state number given out.
    last_state: u64,
    /// The state the document is in now.
    state: u64,
    /// The state undoing every remembered edit leads to: 0, the state it was opened in,
    /// until old edits are forgotten.
    oldest_state: u64,
}

impl History {
    /// Applies `edit` and remembers how to undo it; what could be redone is forgotten.
    pub fn apply(&mut self, document: &mut Document, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(document)?;
        self.last_state += 1;
        self.state = self.last_state;
        self.undo.push_back(Step {
            inverse,
            state: self.state,
        });
        if self.undo.len() > UNDO_LIMIT
            && let Some(forgotten) = self.undo.pop_front()
        {
            self.oldest_state = forgotten.state;
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `Ok(false)` when there is none.
    pub fn undo(&mut self, document: &mut Document) -> Result<bool, EditError> {
        if replay(&mut self.undo, &mut self.redo, document)?.is_none() {
            return Ok(false);
        }
        self.state = self.undo.back().map_or(self.oldest_state, |s| s.state);
        Ok(true)
    }

    /// Redoes the last undone edit; `Ok(false)` when there is none.
    pub fn redo(&mut self, document: &mut Document) -> Result<bool, EditError> {
        let Some(state) = replay(&mut self.redo, &mut self.undo, document)? else {
            return Ok(false);
        };
        self.state = state;
        Ok(true)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A number for the document's current state: equal numbers, equal documents.
    pub fn state(&self) -> u64 {
        self.state
    }
}

/// Applies the last step of `from` and keeps its inverse at the end of `to`; the state the
/// step is numbered with, `None` when `from` is empty. A step that fails stays where it was.
fn replay(
    from: &mut VecDeque<Step>,
    to: &mut VecDeque<Step>,
    document: &mut Document,
) -> Result<Option<u64>, EditError> {
    let Some(step) = from.pop_back() else {
        return Ok(None);
    };
    match step.inverse.clone().apply(document) {
        Ok(inverse) => {
            to.push_back(Step {
                inverse,
                state: step.state,
            });
            Ok(Some(step.state))
        }
        Err(error) => {
            from.push_back(step);
            Err(error)
        }
    }
}
