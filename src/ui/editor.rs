//! The editor panel: a scenario edited without JSON. It shows the document being edited with
//! the live checks' findings beside what they concern, and emits edits as actions; the App
//! applies them (through the undo history) at the end of the frame. Also the question asked
//! before quitting with unsaved edits.

use egui::{RichText, Ui};

use super::PanelContext;
use crate::model::World;
use crate::model::edit::{Concern, Document, Edit, concern_of};
use crate::model::scenario::{
    Actor, Excerpt, Finding, Modality, NeighboursOf, Party, PartyRef, Scenario, Severity, Tension,
    TensionKind,
};
use crate::session::{Action, EditAction, SaveTarget, TensionDraft};

/// What the editor panel reads, borrowed from the App for one frame.
pub struct EditorView<'a> {
    pub document: &'a Document,
    /// The live checks' findings (the first ones kept) and how many there were in all.
    pub findings: &'a [Finding],
    pub findings_total: usize,
    pub tension: Option<&'a TensionDraft>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub unsaved: bool,
    /// A copy of the bundled scenario: Save asks for a new file.
    pub bundled: bool,
    pub saved_to: Option<&'a std::path::Path>,
    /// The document has errors, so the map shows its last version without any.
    pub map_is_behind: bool,
}

impl EditorView<'_> {
    fn findings_about(&self, concern: Concern) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| concern_of(&f.path) == concern)
    }
}

pub const ACCEPT_LABEL: &str = "Accept";
pub const DROP_LABEL: &str = "Drop";
pub const ACCEPT_TENSION_LABEL: &str = "Accept the tension";
pub const DROP_TENSION_LABEL: &str = "Drop the tension";
/// The modality combo's choice for a tension stated as a fact.
pub const AS_A_FACT_LABEL: &str = "as a fact";
pub const MAKE_TENSION_LABEL: &str = "Make a tension";
pub const ADD_TENSION_LABEL: &str = "Add the tension";
pub const TITLE_LABEL: &str = "Title";
pub const SAVE_FIRST_LABEL: &str = "Save first";
pub const QUIT_WITHOUT_SAVING_LABEL: &str = "Quit without saving";

/// Asks whether to quit with unsaved edits: save first, quit without saving, or stay.
pub fn quit_question_ui(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let modal = egui::Modal::new(egui::Id::unique("alliance-map/quit")).show(ctx, |ui| {
        ui.heading("Quit with unsaved changes?");
        ui.label("The scenario you are editing has changes that are not saved in a file.");
        ui.horizontal(|ui| {
            if ui.button(SAVE_FIRST_LABEL).clicked() {
                actions.push(edit(EditAction::CancelQuit));
                actions.push(edit(EditAction::Save));
            }
            if ui.button(QUIT_WITHOUT_SAVING_LABEL).clicked() {
                actions.push(edit(EditAction::QuitWithoutSaving));
            }
            if ui.button("Cancel").clicked() {
                actions.push(edit(EditAction::CancelQuit));
            }
        });
    });
    if modal.should_close() {
        actions.push(edit(EditAction::CancelQuit));
    }
}

pub fn editor_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    actions: &mut Vec<Action>,
) {
    header_ui(ui, editor, actions);
    ui.separator();
    // The tension being made stays in view above the lists while its parties are clicked.
    if let Some(tension) = editor.tension {
        tension_draft_ui(ui, context, editor, tension, actions);
        ui.separator();
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            scenario_settings_ui(ui, editor, actions);
            ui.separator();
            proposed_tensions_ui(ui, context, editor, actions);
            ui.separator();
            proposals_ui(ui, editor, actions);
            ui.separator();
            tensions_ui(ui, context, editor, actions);
            ui.separator();
            excerpts_ui(ui, editor, actions);
        });
}

fn edit(action: EditAction) -> Action {
    Action::Editing(action)
}

fn header_ui(ui: &mut Ui, editor: &EditorView<'_>, actions: &mut Vec<Action>) {
    ui.heading("Editing");
    let state = match (editor.unsaved, editor.saved_to, editor.bundled) {
        (true, _, _) => "Unsaved changes (autosaved as a draft)".to_string(),
        (false, Some(path), _) => format!("Saved to {}", path.display()),
        (false, None, true) => "A copy of the bundled scenario: save it under a new name".into(),
        (false, None, false) => "No changes".into(),
    };
    ui.label(RichText::new(state).small().weak());
    ui.horizontal_wrapped(|ui| {
        let undo = ui.add_enabled(editor.can_undo, egui::Button::new("Undo"));
        if undo.on_hover_text("Ctrl+Z").clicked() {
            actions.push(edit(EditAction::Undo));
        }
        let redo = ui.add_enabled(editor.can_redo, egui::Button::new("Redo"));
        if redo.on_hover_text("Ctrl+Shift+Z").clicked() {
            actions.push(edit(EditAction::Redo));
        }
        if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
            actions.push(edit(EditAction::Save));
        }
        if ui.button("Save as…").clicked() {
            actions.push(Action::AskSavePath(SaveTarget::Scenario));
        }
        if editor.unsaved {
            if ui.button("Discard changes").clicked() {
                actions.push(edit(EditAction::Discard));
            }
        } else if ui.button("Stop editing").clicked() {
            actions.push(edit(EditAction::Stop));
        }
    });
}

/// The title and the neighbours setting, and the findings about the scenario as a whole.
fn scenario_settings_ui(ui: &mut Ui, editor: &EditorView<'_>, actions: &mut Vec<Action>) {
    let data = &editor.document.data;
    if let Some(title) = committed_text_ui(
        ui,
        TITLE_LABEL,
        egui::Id::unique("alliance-map/edit-title"),
        &data.article.title,
        false,
    ) {
        actions.push(edit(EditAction::Apply(Edit::SetTitle { title })));
    }
    neighbours_ui(ui, editor, actions);
    let errors = editor
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let summary = match (editor.findings_total, errors) {
        (0, _) => "Checks: no problems".to_string(),
        (total, errors) => format!("Checks: {total} problems, {errors} of them errors"),
    };
    ui.label(RichText::new(summary).small());
    if editor.map_is_behind {
        ui.label(
            RichText::new("The map shows the last version without errors until these are fixed.")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    findings_ui(ui, editor.findings_about(Concern::Scenario));
}

/// Which group's members bordering which other group are computed and shown as a layer.
fn neighbours_ui(ui: &mut Ui, editor: &EditorView<'_>, actions: &mut Vec<Action>) {
    let data = &editor.document.data;
    let current = data.map.neighbours.clone();
    let label_of = |id: &str| {
        data.groups
            .iter()
            .find(|g| g.id == id)
            .map_or(id.to_string(), |g| g.label().to_string())
    };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Neighbours: members of");
        let group = current.as_ref().map(|n| n.group.clone());
        let chosen_group = group_choice_ui(ui, label.id, group.as_deref(), editor, &label_of);
        let label = ui.label("bordering");
        let bordering = current.as_ref().map(|n| n.bordering.clone());
        let chosen_bordering =
            group_choice_ui(ui, label.id, bordering.as_deref(), editor, &label_of);
        let chose = chosen_group.is_some() || chosen_bordering.is_some();
        let other_than = |id: &str| {
            data.groups
                .iter()
                .map(|g| g.id.clone())
                .find(|other| other != id)
        };
        let wanted = match (chosen_group.or(group), chosen_bordering.or(bordering)) {
            (Some(group), Some(bordering)) if group != bordering => {
                Some(NeighboursOf { group, bordering })
            }
            (Some(group), _) => {
                other_than(&group).map(|bordering| NeighboursOf { group, bordering })
            }
            (None, Some(bordering)) => {
                other_than(&bordering).map(|group| NeighboursOf { group, bordering })
            }
            (None, None) => None,
        };
        if chose && wanted.is_some() && wanted != current {
            actions.push(edit(EditAction::Apply(Edit::SetNeighbours {
                neighbours: wanted,
            })));
        }
        if current.is_some() && ui.small_button("None").clicked() {
            actions.push(edit(EditAction::Apply(Edit::SetNeighbours {
                neighbours: None,
            })));
        }
    });
}

/// A drop-down of the scenario's groups; the id chosen this frame, if any.
fn group_choice_ui(
    ui: &mut Ui,
    label: egui::Id,
    selected: Option<&str>,
    editor: &EditorView<'_>,
    label_of: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut chosen = None;
    egui::ComboBox::from_id_salt(label)
        .selected_text(selected.map_or("(none)".to_string(), label_of))
        .show_ui(ui, |ui| {
            for group in &editor.document.data.groups {
                if ui
                    .selectable_label(selected == Some(group.id.as_str()), group.label())
                    .clicked()
                {
                    chosen = Some(group.id.clone());
                }
            }
        })
        .response
        .labelled_by(label);
    chosen
}

fn tension_draft_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    tension: &TensionDraft,
    actions: &mut Vec<Action>,
) {
    ui.strong(format!("New tension from excerpt {}", tension.excerpt));
    egui::ComboBox::from_label("Kind")
        .selected_text(tension.kind.label())
        .show_ui(ui, |ui| {
            for kind in TensionKind::ALL {
                if ui
                    .selectable_label(kind == tension.kind, kind.label())
                    .clicked()
                {
                    actions.push(edit(EditAction::SetTensionKind(kind)));
                }
            }
        });
    let hint = if tension.placing_actor {
        "Click the map where the actor is"
    } else {
        "Click its parties' countries on the map, or add a group (here or + in the legend) or an actor"
    };
    ui.label(
        RichText::new(hint)
            .small()
            .color(ui.visuals().warn_fg_color),
    );
    for (index, party) in tension.parties.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(party_label(context, tension, party));
            if ui.small_button("Remove").clicked() {
                actions.push(edit(EditAction::RemoveParty(index)));
            }
        });
    }
    party_choices_ui(ui, editor, tension, actions);
    ui.horizontal(|ui| {
        let enough = tension.parties.len() >= 2;
        let add = ui.add_enabled(enough, egui::Button::new(ADD_TENSION_LABEL));
        if add
            .on_disabled_hover_text("A tension needs at least two parties")
            .clicked()
        {
            actions.push(edit(EditAction::FinishTension));
        }
        if ui.button("Cancel").clicked() {
            actions.push(edit(EditAction::CancelTension));
        }
    });
}

/// Groups and actors as parties, and a new actor placed by a click on the map.
fn party_choices_ui(
    ui: &mut Ui,
    editor: &EditorView<'_>,
    tension: &TensionDraft,
    actions: &mut Vec<Action>,
) {
    let data = &editor.document.data;
    ui.horizontal_wrapped(|ui| {
        ui.label("Groups:");
        for group in &data.groups {
            if ui.small_button(group.label()).clicked() {
                actions.push(edit(EditAction::AddParty(Party {
                    group: Some(group.id.clone()),
                    ..Party::default()
                })));
            }
        }
    });
    if !data.actors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Actors:");
            for actor in &data.actors {
                if ui.small_button(&actor.name).clicked() {
                    actions.push(edit(EditAction::AddParty(Party {
                        actor: Some(actor.id.clone()),
                        ..Party::default()
                    })));
                }
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New actor");
        let mut name = tension.actor_name.clone();
        let response = ui
            .add(egui::TextEdit::singleline(&mut name).desired_width(110.0))
            .labelled_by(label.id);
        if response.changed() {
            actions.push(edit(EditAction::SetActorName(name)));
        }
        let can_place = !tension.actor_name.trim().is_empty();
        if ui
            .add_enabled(can_place, egui::Button::new("Place on the map"))
            .clicked()
        {
            actions.push(edit(EditAction::PlaceActor));
        }
    });
}

fn party_label(context: &PanelContext<'_>, tension: &TensionDraft, party: &Party) -> String {
    match party.resolve() {
        Some(PartyRef::Actor(id)) => tension.new_actors.iter().find(|a| a.id == id).map_or_else(
            || {
                context
                    .scenario
                    .party_name(context.world, PartyRef::Actor(id))
            },
            |a| format!("{} (placed by a click)", a.name),
        ),
        Some(party) => context.scenario.party_name(context.world, party),
        None => "?".into(),
    }
}

fn proposals_ui(ui: &mut Ui, editor: &EditorView<'_>, actions: &mut Vec<Action>) {
    let proposals = &editor.document.proposals;
    ui.strong(format!("Proposed excerpts ({})", proposals.len()));
    if proposals.is_empty() {
        ui.label(RichText::new("None: a drafted article proposes its sentences here.").weak());
    }
    for (index, excerpt) in proposals.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // A proposal is not in the scenario yet: there is nothing on the map to select.
            quote_ui(ui, excerpt);
            ui.horizontal(|ui| {
                if ui.button(ACCEPT_LABEL).clicked() {
                    actions.push(edit(EditAction::Apply(Edit::AcceptProposal {
                        proposal: index,
                    })));
                }
                if ui.button(DROP_LABEL).clicked() {
                    actions.push(edit(EditAction::Apply(Edit::DropProposal {
                        proposal: index,
                    })));
                }
            });
        });
    }
}

fn excerpts_ui(ui: &mut Ui, editor: &EditorView<'_>, actions: &mut Vec<Action>) {
    let excerpts = &editor.document.data.excerpts;
    ui.strong(format!("Excerpts ({})", excerpts.len()));
    for (index, excerpt) in excerpts.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // While the map is behind, its excerpts are not these.
            if quote_ui(ui, excerpt) && !editor.map_is_behind {
                actions.push(Action::SelectExcerpt(index));
            }
            findings_ui(ui, editor.findings_about(Concern::Excerpt(index)));
            let making = editor.tension.is_some();
            let button = ui.add_enabled(!making, egui::Button::new(MAKE_TENSION_LABEL));
            if button
                .on_hover_text("Choose its kind, then click its parties on the map")
                .clicked()
            {
                actions.push(edit(EditAction::StartTension { excerpt: index }));
            }
        });
    }
}

fn tensions_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    actions: &mut Vec<Action>,
) {
    let tensions = &editor.document.data.tensions;
    let accepted = tensions.iter().filter(|t| t.proposed.is_none()).count();
    ui.strong(format!("Tensions ({accepted})"));
    for (index, tension) in tensions.iter().enumerate() {
        if tension.proposed.is_some() {
            continue;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let heading = RichText::new(tension_heading(context, editor, tension)).strong();
            let clicked = ui
                .add(egui::Label::new(heading).sense(egui::Sense::click()))
                .clicked();
            if clicked && !editor.map_is_behind {
                actions.push(Action::SelectTension(index));
            }
            let id = egui::Id::unique(("alliance-map/edit-summary", index));
            let label = format!("Summary of {}", tension.id);
            if let Some(summary) = committed_text_ui(ui, &label, id, &tension.summary, true) {
                actions.push(edit(EditAction::Apply(Edit::SetSummary {
                    tension: index,
                    summary,
                })));
            }
            tension_fields_ui(ui, context, editor, index, tension, actions);
            findings_ui(ui, editor.findings_about(Concern::Tension(index)));
            if ui.small_button("Remove the tension").clicked() {
                actions.push(edit(EditAction::Apply(Edit::RemoveTension { at: index })));
            }
        });
    }
}

/// The tensions drafting proposed, each with its quote, what drafting read in it, its kind,
/// modality and parties to change, and Accept or Drop.
fn proposed_tensions_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    actions: &mut Vec<Action>,
) {
    let data = &editor.document.data;
    let proposed: Vec<(usize, &Tension)> = data
        .tensions
        .iter()
        .enumerate()
        .filter(|(_, t)| t.proposed.is_some())
        .collect();
    ui.strong(format!("Proposed tensions ({})", proposed.len()));
    if proposed.is_empty() {
        ui.label(
            RichText::new(
                "None: a drafted article proposes the tensions its sentences state here.",
            )
            .weak(),
        );
    }
    for (index, tension) in proposed {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let heading = RichText::new(tension_heading(context, editor, tension)).strong();
            if ui
                .add(egui::Label::new(heading).sense(egui::Sense::click()))
                .clicked()
                && !editor.map_is_behind
            {
                actions.push(Action::SelectTension(index));
            }
            if let Some(proposal) = &tension.proposed {
                ui.label(
                    RichText::new(format!(
                        "Drafting read “{}” ({})",
                        proposal.cue,
                        proposal.modality.label()
                    ))
                    .small()
                    .weak(),
                );
            }
            for excerpt in tension
                .excerpts
                .iter()
                .filter_map(|id| data.excerpts.iter().find(|e| &e.id == id))
            {
                quote_ui(ui, excerpt);
            }
            tension_fields_ui(ui, context, editor, index, tension, actions);
            findings_ui(ui, editor.findings_about(Concern::Tension(index)));
            ui.horizontal(|ui| {
                if ui
                    .button(ACCEPT_TENSION_LABEL)
                    .on_hover_text("It becomes one of the scenario's tensions, with its quote as it is")
                    .clicked()
                {
                    actions.push(edit(EditAction::Apply(Edit::SetProposal {
                        tension: index,
                        proposal: None,
                    })));
                }
                if ui
                    .button(DROP_TENSION_LABEL)
                    .on_hover_text("Its excerpt goes back among the proposed excerpts unless something else cites it")
                    .clicked()
                    && let Some(drop) = editor.document.drop_tension(index)
                {
                    actions.push(edit(EditAction::Apply(drop)));
                }
            });
        });
    }
}

/// A labelled drop-down of `choices` showing `current`: the one chosen, if it differs.
fn choice_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: String,
    salt: (&str, usize),
    current: T,
    choices: impl IntoIterator<Item = T>,
    label_of: impl Fn(T) -> &'static str,
) -> Option<T> {
    let label = ui.label(label);
    let mut chosen = None;
    egui::ComboBox::from_id_salt(salt)
        .selected_text(label_of(current))
        .show_ui(ui, |ui| {
            for choice in choices {
                if ui
                    .selectable_label(choice == current, label_of(choice))
                    .clicked()
                    && choice != current
                {
                    chosen = Some(choice);
                }
            }
        })
        .response
        .labelled_by(label.id);
    chosen
}

/// A tension's kind, modality and parties, each change one edit.
fn tension_fields_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    index: usize,
    tension: &Tension,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let kind = choice_ui(
            ui,
            format!("Kind of {}", tension.id),
            ("alliance-map/tension-kind", index),
            tension.kind,
            TensionKind::ALL,
            TensionKind::label,
        );
        if let Some(kind) = kind {
            actions.push(edit(EditAction::Apply(Edit::SetKind {
                tension: index,
                kind,
            })));
        }
        let modality = choice_ui(
            ui,
            format!("Modality of {}", tension.id),
            ("alliance-map/tension-modality", index),
            tension.modality,
            std::iter::once(None).chain(Modality::ALL.map(Some)),
            |modality: Option<Modality>| modality.map_or(AS_A_FACT_LABEL, Modality::label),
        );
        if let Some(modality) = modality {
            actions.push(edit(EditAction::Apply(Edit::SetModality {
                tension: index,
                modality,
            })));
        }
    });
    let actors: [&[Actor]; 1] = [&editor.document.data.actors];
    let names = party_names(context.scenario, context.world, &tension.parties, &actors);
    for (position, name) in names.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(name);
            // The check wants two parties: one is replaced by adding the other first.
            let can_remove = tension.parties.len() > 2;
            let remove = ui.add_enabled(can_remove, egui::Button::new("Remove").small());
            if remove
                .on_hover_text(format!("Remove {name} from {}", tension.id))
                .on_disabled_hover_text("A tension needs at least two parties: add one first")
                .clicked()
            {
                let mut parties = tension.parties.clone();
                parties.remove(position);
                actions.push(edit(EditAction::Apply(Edit::SetParties {
                    tension: index,
                    parties,
                })));
            }
        });
    }
    let candidates = party_candidates(context, editor, tension);
    if candidates.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label(format!("Add a party to {}", tension.id));
        egui::ComboBox::from_id_salt(("alliance-map/tension-add-party", index))
            .selected_text("…")
            .show_ui(ui, |ui| {
                for (party, name) in candidates {
                    if ui.selectable_label(false, name).clicked() {
                        let mut parties = tension.parties.clone();
                        parties.push(party);
                        actions.push(edit(EditAction::Apply(Edit::SetParties {
                            tension: index,
                            parties,
                        })));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Who may be added as a party: the countries its quotes name, then the scenario's groups
/// and actors, those already parties left out.
fn party_candidates(
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    tension: &Tension,
) -> Vec<(Party, String)> {
    let data = &editor.document.data;
    let countries = tension
        .excerpts
        .iter()
        .filter_map(|id| data.excerpts.iter().find(|e| &e.id == id))
        .flat_map(|excerpt| &excerpt.countries)
        .map(|code| Party {
            country: Some(code.clone()),
            ..Party::default()
        });
    let groups = data.groups.iter().map(|group| Party {
        group: Some(group.id.clone()),
        ..Party::default()
    });
    let actors = data.actors.iter().map(|actor| Party {
        actor: Some(actor.id.clone()),
        ..Party::default()
    });
    let mut candidates: Vec<Party> = Vec::new();
    for party in countries.chain(groups).chain(actors) {
        if !tension.parties.contains(&party) && !candidates.contains(&party) {
            candidates.push(party);
        }
    }
    let actor_lists: [&[Actor]; 1] = [&data.actors];
    let names = party_names(context.scenario, context.world, &candidates, &actor_lists);
    candidates.into_iter().zip(names).collect()
}

/// "influence: Russia, Georgia (from e12)".
fn tension_heading(
    context: &PanelContext<'_>,
    editor: &EditorView<'_>,
    tension: &Tension,
) -> String {
    let actors: [&[Actor]; 1] = [&editor.document.data.actors];
    let names = party_names(context.scenario, context.world, &tension.parties, &actors);
    format!(
        "{}: {} (from {})",
        tension.kind.label(),
        names.join(", "),
        tension.excerpts.join(", ")
    )
}

/// What the parties are called: actors by their names in `actors` (searched in order: actors
/// not yet in the scenario are in none of its lists), the others as the scenario names them.
pub fn party_names(
    scenario: &Scenario,
    world: &World,
    parties: &[Party],
    actors: &[&[Actor]],
) -> Vec<String> {
    parties
        .iter()
        .map(|party| match party.resolve() {
            Some(PartyRef::Actor(id)) => actors
                .iter()
                .flat_map(|list| list.iter())
                .find(|a| a.id == id)
                .map_or_else(|| id.to_string(), |a| a.name.clone()),
            Some(party) => scenario.party_name(world, party),
            None => "?".into(),
        })
        .collect()
}

/// The quote with its paragraph and id; whether it was clicked.
fn quote_ui(ui: &mut Ui, excerpt: &Excerpt) -> bool {
    ui.label(
        RichText::new(format!("¶{} · {}", excerpt.paragraph, excerpt.id))
            .small()
            .weak(),
    );
    ui.add(
        egui::Label::new(&excerpt.quote)
            .wrap()
            .sense(egui::Sense::click()),
    )
    .clicked()
}

fn findings_ui<'a>(ui: &mut Ui, findings: impl Iterator<Item = &'a Finding>) {
    for finding in findings {
        let (word, color) = match finding.severity {
            Severity::Error => ("Error", ui.visuals().error_fg_color),
            Severity::Warning => ("Warning", ui.visuals().warn_fg_color),
        };
        ui.label(RichText::new(format!("{word}: {}", finding.message)).color(color))
            .on_hover_text(&finding.path);
    }
}

/// A text field whose text becomes an edit when the person is done with it (Enter, or the
/// field losing the keyboard), not at every key: one undo step per change. The text typed
/// lives in egui's memory meanwhile; when the field is idle it follows the document (undo).
fn committed_text_ui(
    ui: &mut Ui,
    label: &str,
    id: egui::Id,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let mut text = ui
        .data_mut(|data| data.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_string());
    // A summary is long: its label goes above it, a title's beside it.
    let field = |ui: &mut Ui, text: &mut String| {
        let label = ui.label(label);
        let field = if multiline {
            egui::TextEdit::multiline(text).desired_rows(2)
        } else {
            egui::TextEdit::singleline(text)
        };
        ui.add(field.id(id.with("field")).desired_width(f32::INFINITY))
            .labelled_by(label.id)
    };
    let response = if multiline {
        ui.vertical(|ui| field(ui, &mut text)).inner
    } else {
        ui.horizontal(|ui| field(ui, &mut text)).inner
    };
    let done = response.lost_focus();
    if response.has_focus() || response.changed() {
        ui.data_mut(|data| data.insert_temp(id, text.clone()));
        return None;
    }
    ui.data_mut(|data| data.remove::<String>(id));
    (done && text != current && !text.trim().is_empty()).then_some(text)
}
