//! Editing in the app: the document and its undo history, live checks after every edit, the
//! map following the edited scenario, the autosaved draft, saving and the questions asked
//! before replacing a file or quitting with unsaved changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::App;
use crate::model::drafting::DraftNotes;
use crate::model::edit::autosave::Autosaver;
use crate::model::edit::draft::{
    DRAFT_FORMAT, DRAFT_VERSION, Draft, Origin, draft_bytes, read_draft, set_aside,
};
use crate::model::edit::save::save_scenario;
use crate::model::edit::{Document, Edit, History};
use crate::model::gazetteer::Gazetteer;
use crate::model::scenario::{
    Actor, Article, BUNDLED_SCENARIO_PATH, Excerpt, Finding, Party, Scenario, ScenarioError,
    Severity, Tension,
};
use crate::session::{EditAction, Level, SaveTarget, Selection, TensionDraft, file_name};
use crate::ui::editor::{EditorView, party_names};

/// The bundled scenario where it lies in the source tree: never saved over, whatever the
/// folder the app runs in.
pub(super) const BUNDLED_SCENARIO_IN_SOURCES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/scenarios/csto-nato-of-the-east.json"
);

/// A scenario being edited.
pub(super) struct Editing {
    document: Document,
    history: History,
    article: Article,
    source: PathBuf,
    origin: Origin,
    saved_to: Option<PathBuf>,
    /// The history's state when last saved; `None` when the edits were never saved.
    saved_state: Option<u64>,
    /// What Discard goes back to: the scenario when editing began or was last saved.
    base: Arc<Scenario>,
    findings: Vec<Finding>,
    findings_total: usize,
    map_is_behind: bool,
    tension: Option<TensionDraft>,
}

impl Editing {
    pub(super) fn source(&self) -> &Path {
        &self.source
    }

    pub(super) fn document(&self) -> &Document {
        &self.document
    }

    /// Whether the edits may be saved over `path` (after asking): the file they were saved
    /// to, or the scenario file they came from.
    pub(super) fn may_save_over(&self, path: &Path) -> bool {
        self.saved_to.as_deref() == Some(path)
            || (self.origin == Origin::File && self.source == path)
    }

    fn unsaved(&self) -> bool {
        self.saved_state != Some(self.history.state())
    }

    fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    fn draft(&self) -> Draft {
        Draft {
            format: DRAFT_FORMAT.into(),
            version: DRAFT_VERSION,
            source: self.source.clone(),
            origin: self.origin,
            saved_to: self.saved_to.clone(),
            scenario: self.document.data.clone(),
            proposals: self.document.proposals.clone(),
            article_text: self.article.text().to_string(),
        }
    }

    /// Runs the checks `alliance-map check` runs; the scenario to show when it passes.
    fn recheck(&mut self, world: &crate::model::World) -> Option<Scenario> {
        let path = self.saved_to.as_ref().unwrap_or(&self.source);
        let data = self.document.data.clone();
        match Scenario::from_data(path, data, self.article.clone(), world) {
            Ok(scenario) => {
                self.findings = scenario.warnings().to_vec();
                self.findings_total = scenario.warning_count();
                self.map_is_behind = false;
                Some(scenario)
            }
            Err(ScenarioError::Refused {
                findings, omitted, ..
            }) => {
                self.findings_total = findings.len() + omitted;
                self.findings = findings;
                self.map_is_behind = true;
                None
            }
            Err(error) => {
                self.findings = vec![Finding {
                    severity: Severity::Error,
                    path: "$".into(),
                    message: error.to_string(),
                }];
                self.findings_total = 1;
                self.map_is_behind = true;
                None
            }
        }
    }
}

/// Everything about editing the App keeps: the edit, the autosave writer and the question
/// before quitting.
#[derive(Default)]
pub(super) struct EditSession {
    pub(super) editing: Option<Editing>,
    pub(super) autosaver: Option<Autosaver>,
    /// Quitting was asked for with unsaved changes: the app asks whether to.
    pub(super) asking_to_quit: bool,
    /// Quitting without saving was confirmed: the next close request is let through.
    pub(super) quit_confirmed: bool,
}

impl App {
    /// Keeps autosaved drafts in `folder` (the app's data folder), and brings back a draft
    /// left there with unsaved changes (after a crash or a kill).
    pub fn keep_drafts_in(&mut self, folder: PathBuf) {
        match read_draft(&folder) {
            Ok(Some(draft)) => self.restore_draft(draft),
            Ok(None) => {}
            Err(error) => {
                let aside = set_aside(&folder)
                    .map(|aside| format!(" It was moved to {}.", aside.display()))
                    .unwrap_or_default();
                self.io.tell(
                    Level::Warning,
                    format!("The autosaved draft could not be restored: {error}.{aside}"),
                );
            }
        }
        self.document.edit.autosaver = Some(Autosaver::new(folder));
    }

    fn restore_draft(&mut self, draft: Draft) {
        let article = Article::new(&draft.article_text, &draft.scenario.article.author);
        let title = draft.scenario.article.title.clone();
        let mut editing = Editing {
            document: draft.document(),
            history: History::default(),
            article,
            source: draft.source,
            origin: draft.origin,
            saved_to: draft.saved_to,
            saved_state: None,
            base: Arc::clone(&self.document.scenario),
            findings: Vec::new(),
            findings_total: 0,
            map_is_behind: false,
            tension: None,
        };
        if let Some(scenario) = editing.recheck(&self.world) {
            self.set_scenario(Arc::new(scenario));
            if editing.origin == Origin::Drafted {
                self.find_draft_notes(&editing.article);
            }
        }
        self.document.edit.editing = Some(editing);
        self.io.tell(
            Level::Info,
            format!("Restored your unsaved edits to \"{title}\" from the autosaved draft. Save them with File > Save, or give them up with Edit > Discard changes."),
        );
    }

    /// A restored drafted scenario's mentions and counts, found again in its article the way
    /// drafting found them: the draft keeps the article, not what was found in it.
    fn find_draft_notes(&mut self, article: &Article) {
        match Gazetteer::bundled() {
            Ok(gazetteer) => {
                let notes = DraftNotes::of_article(article, gazetteer, &self.world);
                self.document.draft = Some(Arc::new(notes));
                self.session.layers = self.build_layers(self.session.date);
            }
            Err(error) => self.io.tell(
                Level::Warning,
                format!("The restored draft's mentions could not be found again: the bundled gazetteer could not be loaded: {error}"),
            ),
        }
    }

    /// Edits the scenario shown (a copy, for the bundled one) with `proposals`, the excerpts
    /// drafting proposed, to accept or drop.
    pub fn start_editing(&mut self, proposals: Vec<Excerpt>) {
        let source = self.document.scenario.source();
        let is_json = source
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        // Only a scenario file is saved over; anything else (a drafted scenario's article)
        // asks for a file of its own.
        let origin = if source == Path::new(BUNDLED_SCENARIO_PATH) {
            Origin::Bundled
        } else if is_json {
            Origin::File
        } else {
            Origin::Drafted
        };
        self.begin_editing(origin, proposals, Some(0));
    }

    /// Shows a scenario drafted from an article and edits it; it has no file until saved.
    /// Refused (false, with a message) while other edits are unsaved.
    pub fn edit_drafted(&mut self, scenario: Scenario, proposals: Vec<Excerpt>) -> bool {
        if !self.may_replace_scenario() {
            return false;
        }
        self.set_scenario(Arc::new(scenario));
        self.begin_editing(Origin::Drafted, proposals, None);
        self.autosave();
        true
    }

    fn begin_editing(&mut self, origin: Origin, proposals: Vec<Excerpt>, saved: Option<u64>) {
        let scenario = &self.document.scenario;
        let mut editing = Editing {
            document: Document {
                data: scenario.data().clone(),
                proposals,
            },
            history: History::default(),
            article: scenario.article().clone(),
            source: scenario.source().to_path_buf(),
            origin,
            saved_to: None,
            saved_state: saved,
            base: Arc::clone(scenario),
            findings: Vec::new(),
            findings_total: 0,
            map_is_behind: false,
            tension: None,
        };
        editing.recheck(&self.world);
        self.document.edit.editing = Some(editing);
        self.session.state.show_details = true;
    }

    pub fn is_editing(&self) -> bool {
        self.document.edit.editing.is_some()
    }
    /// The document being edited.
    pub fn edited_document(&self) -> Option<&Document> {
        self.document.edit.editing.as_ref().map(|e| &e.document)
    }
    /// The live checks' findings on the document being edited.
    pub fn edit_findings(&self) -> &[Finding] {
        self.document
            .edit
            .editing
            .as_ref()
            .map_or(&[], |e| &e.findings)
    }
    pub fn has_unsaved_edits(&self) -> bool {
        self.document
            .edit
            .editing
            .as_ref()
            .is_some_and(Editing::unsaved)
    }
    /// The tension being made, if one is.
    pub fn tension_draft(&self) -> Option<&TensionDraft> {
        self.document
            .edit
            .editing
            .as_ref()
            .and_then(|e| e.tension.as_ref())
    }
    /// Whether the app is asking if it may quit with unsaved changes.
    pub fn is_asking_to_quit(&self) -> bool {
        self.document.edit.asking_to_quit
    }

    /// What the editor panel reads this frame.
    pub(super) fn editor_view(&self) -> Option<EditorView<'_>> {
        let editing = self.document.edit.editing.as_ref()?;
        Some(EditorView {
            document: &editing.document,
            findings: &editing.findings,
            findings_total: editing.findings_total,
            tension: editing.tension.as_ref(),
            can_undo: editing.history.can_undo(),
            can_redo: editing.history.can_redo(),
            unsaved: editing.unsaved(),
            bundled: editing.origin == Origin::Bundled,
            saved_to: editing.saved_to.as_deref(),
            map_is_behind: editing.map_is_behind,
        })
    }

    /// While a tension is being made, the countries picked as its parties so far.
    pub(super) fn picked_countries(&self) -> Option<Vec<crate::model::CountryId>> {
        let tension = self.tension_draft()?;
        Some(
            tension
                .parties
                .iter()
                .filter_map(|party| party.country.as_deref())
                .filter_map(|code| self.world.by_code(code).map(|c| c.id()))
                .collect(),
        )
    }

    /// Asks before the window closes with unsaved changes.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        let asked_to_close = ctx.input(|i| i.viewport().close_requested());
        if asked_to_close && self.has_unsaved_edits() && !self.document.edit.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.document.edit.asking_to_quit = true;
        }
    }

    /// Refuses to put another scenario in place of unsaved edits; leaves a saved edit.
    pub(super) fn may_replace_scenario(&mut self) -> bool {
        if self.has_unsaved_edits() {
            self.io.tell(
                Level::Warning,
                "Save or discard your edits (Edit menu) before opening another scenario.",
            );
            return false;
        }
        self.document.edit.editing = None;
        true
    }

    pub(super) fn apply_editing(&mut self, action: EditAction, ctx: &egui::Context) {
        if action == EditAction::Start {
            if !self.is_editing() {
                self.start_editing(Vec::new());
            }
            return;
        }
        if self.document.edit.editing.is_none() {
            return;
        }
        match action {
            EditAction::Start => {}
            EditAction::Stop => self.stop_editing(),
            EditAction::Discard => self.discard_edits(),
            EditAction::Apply(edit) => self.apply_edit(edit),
            EditAction::Undo => self.undo_or_redo(true),
            EditAction::Redo => self.undo_or_redo(false),
            EditAction::QuitWithoutSaving => {
                self.document.edit.asking_to_quit = false;
                self.document.edit.quit_confirmed = true;
                self.forget_draft();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            EditAction::CancelQuit => self.document.edit.asking_to_quit = false,
            EditAction::Save => self.save(ctx),
            tension => self.apply_tension_action(tension),
        }
    }

    fn stop_editing(&mut self) {
        if !self.has_unsaved_edits() {
            self.document.edit.editing = None;
            self.forget_draft();
        }
    }

    fn discard_edits(&mut self) {
        if let Some(editing) = self.document.edit.editing.take() {
            self.show_edited(editing.base);
        }
        self.forget_draft();
        self.io
            .tell(Level::Info, "The unsaved edits were discarded.");
    }

    fn forget_draft(&self) {
        if let Some(autosaver) = &self.document.edit.autosaver {
            autosaver.remove();
        }
    }

    fn apply_edit(&mut self, edit: Edit) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        match editing.history.apply(&mut editing.document, edit) {
            Ok(()) => self.after_edit(),
            Err(error) => self.io.tell(
                Level::Error,
                format!("That edit could not be made: {error}"),
            ),
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        let history = &mut editing.history;
        let result = if undo {
            history.undo(&mut editing.document)
        } else {
            history.redo(&mut editing.document)
        };
        match result {
            Ok(true) => self.after_edit(),
            Ok(false) => {}
            Err(error) => self.io.tell(
                Level::Error,
                format!("That could not be undone or redone: {error}"),
            ),
        }
    }

    /// After every edit: the checks run again, the map shows the result if it has no
    /// errors, and the draft is autosaved.
    fn after_edit(&mut self) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        if let Some(tension) = &editing.tension
            && !editing
                .document
                .data
                .excerpts
                .iter()
                .any(|e| e.id == tension.excerpt)
        {
            editing.tension = None;
        }
        if let Some(scenario) = editing.recheck(&self.world) {
            self.show_edited(Arc::new(scenario));
        }
        self.autosave();
    }

    /// Writes the draft (off this thread), or removes it when nothing is unsaved.
    fn autosave(&mut self) {
        let (Some(editing), Some(autosaver)) =
            (&self.document.edit.editing, &self.document.edit.autosaver)
        else {
            return;
        };
        if editing.unsaved() {
            autosaver.write(draft_bytes(&editing.draft()));
        } else {
            autosaver.remove();
        }
        for problem in autosaver.problems() {
            self.io.tell(Level::Error, problem);
        }
    }

    /// Shows an edited scenario on the same date and view, keeping what is still selectable.
    fn show_edited(&mut self, scenario: Arc<Scenario>) {
        let draft = self.document.draft.take();
        self.document.replace_scenario(&self.world, scenario, draft);
        self.session.date = super::session_state::resolve_date(
            self.session.state.date,
            &self.document.scenario,
            self.today(),
        );
        // A draft's mention counts stay while it is edited.
        self.session.layers = self.build_layers(self.session.date);
        self.window.title_sent = false;
        let data = self.document.scenario.data();
        let gone = match &self.session.selection {
            Selection::Tension(index) => *index >= data.tensions.len(),
            Selection::Excerpt { index, .. } => *index >= data.excerpts.len(),
            Selection::Group(index) => *index >= data.groups.len(),
            _ => false,
        };
        if gone {
            self.session.selection = Selection::None;
        }
    }

    fn apply_tension_action(&mut self, action: EditAction) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        if let EditAction::StartTension { excerpt } = action {
            if let Some(excerpt) = editing.document.data.excerpts.get(excerpt) {
                editing.tension = Some(TensionDraft::new(excerpt.id.clone()));
            }
            return;
        }
        let Some(tension) = editing.tension.as_mut() else {
            return;
        };
        match action {
            EditAction::SetTensionKind(kind) => tension.kind = kind,
            EditAction::AddParty(party) => add_party(tension, party),
            EditAction::RemoveParty(index) => remove_party(tension, index),
            EditAction::SetActorName(name) => tension.actor_name = name,
            EditAction::PlaceActor => tension.placing_actor = !tension.actor_name.trim().is_empty(),
            EditAction::PickAt { lon, lat } => self.pick_party(lon, lat),
            EditAction::CancelTension => editing.tension = None,
            EditAction::FinishTension => self.finish_tension(),
            _ => {}
        }
    }

    /// A click on the map while making a tension: the actor being placed, or the country
    /// clicked.
    fn pick_party(&mut self, lon: f64, lat: f64) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        let Some(tension) = editing.tension.as_mut() else {
            return;
        };
        if tension.placing_actor {
            let name = tension.actor_name.trim().to_string();
            let taken: Vec<&str> = tension.new_actors.iter().map(|a| a.id.as_str()).collect();
            let id = editing.document.new_actor_id(&name, &taken);
            tension.new_actors.push(Actor {
                id: id.clone(),
                name,
                lon: Some(lon),
                lat: Some(lat),
                placement: format!("placed by a click in the editor at {lat:.2}, {lon:.2}"),
            });
            add_party(
                tension,
                Party {
                    actor: Some(id),
                    ..Party::default()
                },
            );
            tension.placing_actor = false;
            tension.actor_name.clear();
            return;
        }
        match self.world.country_at(lon, lat) {
            Some(country) => add_party(
                tension,
                Party {
                    country: Some(country.iso_a3().to_string()),
                    ..Party::default()
                },
            ),
            None => self.io.tell(
                Level::Info,
                "No country there: click a country, or add a group or an actor.",
            ),
        }
    }

    /// The tension made becomes one edit, with the actors placed for it.
    fn finish_tension(&mut self) {
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        let Some(draft) = editing.tension.take() else {
            return;
        };
        let data = &editing.document.data;
        let actors: [&[Actor]; 2] = [&draft.new_actors, &data.actors];
        let names = party_names(
            &self.document.scenario,
            &self.world,
            &draft.parties,
            &actors,
        );
        let tension = Tension {
            id: editing.document.new_tension_id(draft.kind),
            kind: draft.kind,
            summary: format!(
                "{} between {}",
                capitalised(draft.kind.label()),
                names.join(" and ")
            ),
            parties: draft.parties,
            excerpts: vec![draft.excerpt],
            modality: None,
            proposed: None,
        };
        let at = data.tensions.len();
        let mut edits: Vec<Edit> = draft
            .new_actors
            .into_iter()
            .enumerate()
            .map(|(i, actor)| Edit::AddActor {
                at: data.actors.len() + i,
                actor,
            })
            .collect();
        edits.push(Edit::AddTension { at, tension });
        self.apply_edit(Edit::Batch(edits));
        if self.document.scenario.data().tensions.len() > at {
            self.session.selection = Selection::Tension(at);
        }
    }

    /// File > Save: over the file last saved to (no question), else over the file the
    /// scenario came from (asked once); a copy of the bundled scenario or a drafted one asks
    /// for a file (Save as).
    fn save(&mut self, ctx: &egui::Context) {
        let Some(editing) = self.document.edit.editing.as_ref() else {
            return;
        };
        match (&editing.saved_to, editing.origin) {
            (Some(saved), _) => self.save_chosen(SaveTarget::Scenario, saved.clone(), true, ctx),
            (None, Origin::File) => {
                let source = editing.source.clone();
                self.save_chosen(SaveTarget::Scenario, source, false, ctx);
            }
            (None, Origin::Bundled | Origin::Drafted) => {
                self.ask_save_path(SaveTarget::Scenario, ctx)
            }
        }
    }

    /// Where Save as proposes to save: the file last saved to, else the scenario's id beside
    /// the file it came from (the article, for a drafted one).
    pub(super) fn suggested_scenario_path(&self) -> Option<PathBuf> {
        let editing = self.document.edit.editing.as_ref()?;
        Some(editing.saved_to.clone().unwrap_or_else(|| {
            let name = format!("{}.json", editing.document.data.id);
            match editing.origin {
                Origin::File | Origin::Drafted => editing.source.with_file_name(name),
                Origin::Bundled => PathBuf::from(name),
            }
        }))
    }

    pub(super) fn save_to(&mut self, path: PathBuf) {
        let inputs = self.save_inputs(SaveTarget::Scenario);
        let Some(editing) = self.document.edit.editing.as_mut() else {
            return;
        };
        let errors = editing.errors();
        if errors > 0 {
            self.io.tell(
                Level::Error,
                format!("Not saved: the scenario has {errors} errors (shown in the editor), and a file with errors would be refused when opened. Your edits stay in the autosaved draft."),
            );
            return;
        }
        let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        let text = editing.article.text().to_string();
        match save_scenario(&path, &editing.document.data, &text, &refs) {
            Ok(saved) => {
                editing.document.data.article.text = saved.article_field;
                editing.saved_to = Some(path.clone());
                editing.saved_state = Some(editing.history.state());
                let article = saved
                    .article_written
                    .map(|a| format!(", with its article {}", file_name(&a)))
                    .unwrap_or_default();
                self.io
                    .tell(Level::Info, format!("Saved {}{article}", path.display()));
                self.session.state.remember_file(path);
                self.forget_draft();
                // The scenario shown now comes from the file saved, and Discard goes back to it.
                self.after_edit();
                if let Some(editing) = self.document.edit.editing.as_mut() {
                    editing.base = Arc::clone(&self.document.scenario);
                }
            }
            Err(error) => self.io.tell(Level::Error, format!("Not saved: {error}")),
        }
    }
}

fn add_party(tension: &mut TensionDraft, party: Party) {
    if !tension.parties.contains(&party) {
        tension.parties.push(party);
    }
}

/// Removes a party, and the actor placed for it if it was new.
fn remove_party(tension: &mut TensionDraft, index: usize) {
    if index >= tension.parties.len() {
        return;
    }
    let party = tension.parties.remove(index);
    if let Some(id) = party.actor {
        tension.new_actors.retain(|a| a.id != id);
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
