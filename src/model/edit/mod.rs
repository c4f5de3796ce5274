//! Editing a scenario without touching JSON: the document being edited, and the edits made
//! to it as pure commands, each of which returns the edit that undoes it.

pub mod autosave;
pub mod draft;
pub mod history;
pub mod save;

pub use history::History;

use super::scenario::{
    Actor, Excerpt, Modality, NeighboursOf, Party, Proposal, ScenarioData, Tension, TensionKind,
};

/// What the editor edits: the scenario as it will be saved, and the excerpts drafting
/// proposed that are neither accepted nor dropped yet (these are never saved in the scenario
/// file, only in the autosaved draft).
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub data: ScenarioData,
    pub proposals: Vec<Excerpt>,
}

/// One change to a [`Document`]. Applying it returns its inverse, so undo and redo are
/// applying edits too.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Moves a proposed excerpt into the scenario, in article order.
    AcceptProposal {
        proposal: usize,
    },
    /// Moves an accepted excerpt back among the proposals (the inverse of accepting).
    ReturnProposal {
        excerpt: usize,
        proposal: usize,
    },
    DropProposal {
        proposal: usize,
    },
    RestoreProposal {
        at: usize,
        excerpt: Excerpt,
    },
    AddTension {
        at: usize,
        tension: Tension,
    },
    RemoveTension {
        at: usize,
    },
    AddActor {
        at: usize,
        actor: Actor,
    },
    RemoveActor {
        at: usize,
    },
    SetSummary {
        tension: usize,
        summary: String,
    },
    SetKind {
        tension: usize,
        kind: TensionKind,
    },
    /// `None`: the tension is stated as a fact.
    SetModality {
        tension: usize,
        modality: Option<Modality>,
    },
    SetParties {
        tension: usize,
        parties: Vec<Party>,
    },
    /// `None` accepts a proposed tension: it becomes an ordinary one, drawn and saved as such.
    SetProposal {
        tension: usize,
        proposal: Option<Proposal>,
    },
    SetTitle {
        title: String,
    },
    SetNeighbours {
        neighbours: Option<NeighboursOf>,
    },
    /// Several edits made as one (a tension with the actors placed for it): undone at once.
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {what} number {index} (there are {count})")]
    NoSuch {
        what: &'static str,
        index: usize,
        count: usize,
    },
    #[error("an actor still named by a tension or excerpt cannot be removed: {id}")]
    ActorInUse { id: String },
}

/// Checks that `index` is within a list of `count` items (`count` itself when inserting).
fn within(what: &'static str, index: usize, count: usize) -> Result<usize, EditError> {
    if index < count {
        Ok(index)
    } else {
        Err(EditError::NoSuch { what, index, count })
    }
}

impl Edit {
    /// Applies the edit to `document` and returns the edit that undoes it. A failed edit
    /// leaves the document as it was.
    pub fn apply(self, document: &mut Document) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::AcceptProposal { proposal } => accept_proposal(document, proposal)?,
            Edit::ReturnProposal { excerpt, proposal } => {
                let (data, proposals) = (&mut document.data, &mut document.proposals);
                within("excerpt", excerpt, data.excerpts.len())?;
                within("place among the proposals", proposal, proposals.len() + 1)?;
                proposals.insert(proposal, data.excerpts.remove(excerpt));
                Edit::AcceptProposal { proposal }
            }
            Edit::DropProposal { proposal } => {
                within("proposed excerpt", proposal, document.proposals.len())?;
                let excerpt = document.proposals.remove(proposal);
                Edit::RestoreProposal {
                    at: proposal,
                    excerpt,
                }
            }
            Edit::RestoreProposal { at, excerpt } => {
                let proposals = &mut document.proposals;
                within("place among the proposals", at, proposals.len() + 1)?;
                proposals.insert(at, excerpt);
                Edit::DropProposal { proposal: at }
            }
            Edit::AddTension { at, tension } => {
                let tensions = &mut document.data.tensions;
                within("place among the tensions", at, tensions.len() + 1)?;
                tensions.insert(at, tension);
                Edit::RemoveTension { at }
            }
            Edit::RemoveTension { at } => {
                within("tension", at, document.data.tensions.len())?;
                let tension = document.data.tensions.remove(at);
                Edit::AddTension { at, tension }
            }
            Edit::AddActor { at, actor } => {
                within("place among the actors", at, document.data.actors.len() + 1)?;
                document.data.actors.insert(at, actor);
                Edit::RemoveActor { at }
            }
            Edit::RemoveActor { at } => remove_actor(&mut document.data, at)?,
            Edit::SetSummary { tension, summary } => Edit::SetSummary {
                tension,
                summary: replace_in_tension(document, tension, |t| &mut t.summary, summary)?,
            },
            Edit::SetKind { tension, kind } => Edit::SetKind {
                tension,
                kind: replace_in_tension(document, tension, |t| &mut t.kind, kind)?,
            },
            Edit::SetModality { tension, modality } => Edit::SetModality {
                tension,
                modality: replace_in_tension(document, tension, |t| &mut t.modality, modality)?,
            },
            Edit::SetParties { tension, parties } => Edit::SetParties {
                tension,
                parties: replace_in_tension(document, tension, |t| &mut t.parties, parties)?,
            },
            Edit::SetProposal { tension, proposal } => Edit::SetProposal {
                tension,
                proposal: replace_in_tension(document, tension, |t| &mut t.proposed, proposal)?,
            },
            Edit::SetTitle { title } => Edit::SetTitle {
                title: std::mem::replace(&mut document.data.article.title, title),
            },
            Edit::SetNeighbours { neighbours } => Edit::SetNeighbours {
                neighbours: std::mem::replace(&mut document.data.map.neighbours, neighbours),
            },
            Edit::Batch(edits) => apply_batch(edits, document)?,
        })
    }
}

/// Moves a proposed excerpt into the scenario, under an id of its own, in article order.
fn accept_proposal(document: &mut Document, proposal: usize) -> Result<Edit, EditError> {
    let (data, proposals) = (&mut document.data, &mut document.proposals);
    within("proposed excerpt", proposal, proposals.len())?;
    let mut excerpt = proposals.remove(proposal);
    excerpt.id = unique_id(data.excerpts.iter().map(|e| e.id.as_str()), &excerpt.id);
    let at = data
        .excerpts
        .iter()
        .position(|e| e.paragraph > excerpt.paragraph)
        .unwrap_or(data.excerpts.len());
    data.excerpts.insert(at, excerpt);
    Ok(Edit::ReturnProposal {
        excerpt: at,
        proposal,
    })
}

/// Removes an actor that no tension or excerpt names.
fn remove_actor(data: &mut ScenarioData, at: usize) -> Result<Edit, EditError> {
    within("actor", at, data.actors.len())?;
    let id = &data.actors[at].id;
    if actor_in_use(data, id) {
        return Err(EditError::ActorInUse { id: id.clone() });
    }
    let actor = data.actors.remove(at);
    Ok(Edit::AddActor { at, actor })
}

/// Puts `value` in one field of tension number `tension` and returns what was there.
fn replace_in_tension<T>(
    document: &mut Document,
    tension: usize,
    field: impl FnOnce(&mut Tension) -> &mut T,
    value: T,
) -> Result<T, EditError> {
    let tensions = &mut document.data.tensions;
    within("tension", tension, tensions.len())?;
    Ok(std::mem::replace(field(&mut tensions[tension]), value))
}

/// Applies edits in order; if one fails, those applied are undone and the error returned.
fn apply_batch(edits: Vec<Edit>, document: &mut Document) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(document) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    if let Err(undo_error) = inverse.apply(document) {
                        log::error!("an edit of a failed batch could not be undone: {undo_error}");
                    }
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn actor_in_use(data: &ScenarioData, id: &str) -> bool {
    data.tensions
        .iter()
        .flat_map(|t| &t.parties)
        .any(|p| p.actor.as_deref() == Some(id))
        || data
            .excerpts
            .iter()
            .any(|e| e.actors.iter().any(|a| a == id))
}

/// `base`, or `base-2`, `base-3`… whichever none of `existing` is. Linear in `existing`.
pub fn unique_id<'a>(existing: impl Iterator<Item = &'a str>, base: &str) -> String {
    let taken: std::collections::HashSet<&str> = existing.collect();
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| base.to_string())
}

/// Lower-case words joined by hyphens, for ids made from names ("South Stream" ->
/// "south-stream"); "actor" when nothing is left.
pub fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "actor".to_string()
    } else {
        words.join("-")
    }
}

impl Document {
    /// Drops a proposed tension as one edit: the tension goes, and each excerpt it alone
    /// cited goes back among the proposed excerpts (in article order), as it was before
    /// drafting accepted it for the tension. `None` when there is no tension `at`.
    pub fn drop_tension(&self, at: usize) -> Option<Edit> {
        let tension = self.data.tensions.get(at)?;
        let cited_elsewhere = |id: &str| {
            self.data
                .tensions
                .iter()
                .enumerate()
                .any(|(i, t)| i != at && t.excerpts.iter().any(|e| e == id))
                || self.data.story.iter().any(|step| step.excerpt == id)
        };
        let mut remaining: Vec<&Excerpt> = self.data.excerpts.iter().collect();
        let mut proposals: Vec<&Excerpt> = self.proposals.iter().collect();
        let mut edits = vec![Edit::RemoveTension { at }];
        for id in tension.excerpts.iter().filter(|id| !cited_elsewhere(id)) {
            let Some(index) = remaining.iter().position(|e| &e.id == id) else {
                continue;
            };
            let excerpt = remaining.remove(index);
            let proposal = proposals
                .iter()
                .position(|p| p.paragraph > excerpt.paragraph)
                .unwrap_or(proposals.len());
            proposals.insert(proposal, excerpt);
            edits.push(Edit::ReturnProposal {
                excerpt: index,
                proposal,
            });
        }
        Some(Edit::Batch(edits))
    }

    /// An id for a new tension of `kind`, unused in the document.
    pub fn new_tension_id(&self, kind: TensionKind) -> String {
        let base = kind.label().replace(' ', "-");
        unique_id(self.data.tensions.iter().map(|t| t.id.as_str()), &base)
    }

    /// An id for a new actor named `name`, unused in the document and by `also_taken`.
    pub fn new_actor_id(&self, name: &str, also_taken: &[&str]) -> String {
        let ids = self.data.actors.iter().map(|a| a.id.as_str());
        unique_id(ids.chain(also_taken.iter().copied()), &slug(name))
    }
}

/// Which part of a scenario a check's finding concerns, read from its JSON path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concern {
    Excerpt(usize),
    Tension(usize),
    /// The title, the map settings, the memberships: shown above the lists.
    Scenario,
}

/// What a finding at `path` (such as `$.tensions[3].parties[0].country`) concerns.
pub fn concern_of(path: &str) -> Concern {
    let index_after = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        let end = rest.find(']')?;
        rest[..end].parse().ok()
    };
    if let Some(index) = index_after("$.excerpts[") {
        Concern::Excerpt(index)
    } else if let Some(index) = index_after("$.tensions[") {
        Concern::Tension(index)
    } else {
        Concern::Scenario
    }
}
