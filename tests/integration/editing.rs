use std::path::Path;

use alliance_map::model::edit::autosave::Autosaver;
use alliance_map::model::edit::draft::{
    DRAFT_FORMAT, DRAFT_VERSION, Draft, DraftError, Origin, draft_bytes, draft_path, read_draft,
};
use alliance_map::model::edit::history::UNDO_LIMIT;
use alliance_map::model::edit::save::{SaveError, save_scenario};
use alliance_map::model::edit::{Concern, Document, Edit, EditError, History, concern_of};
use alliance_map::model::files::WriteError;
use alliance_map::model::scenario::{
    Actor, Excerpt, Modality, NeighboursOf, Party, Proposal, Scenario, Tension, TensionKind, check,
};

use crate::ui::shared;

/// A verbatim quote of the bundled article's second paragraph that no excerpt holds.
pub const PROPOSED_QUOTE: &str =
    "its role in upholding collective security in the post-Soviet region";

pub fn proposal() -> Excerpt {
    Excerpt {
        id: "proposed-collective-security".into(),
        paragraph: 2,
        quote: PROPOSED_QUOTE.into(),
        countries: vec!["RUS".into()],
        groups: vec!["CSTO".into()],
        actors: Vec::new(),
    }
}

fn document() -> Document {
    let (_, scenario) = shared();
    Document {
        data: scenario.data().clone(),
        proposals: vec![proposal()],
    }
}

fn country(code: &str) -> Party {
    Party {
        country: Some(code.into()),
        ..Party::default()
    }
}

fn tension(id: &str, parties: Vec<Party>) -> Tension {
    Tension {
        id: id.into(),
        kind: TensionKind::Influence,
        parties,
        summary: "Russia and Belarus".into(),
        excerpts: vec!["minsk-threatened-by-nato".into()],
        modality: None,
        proposed: None,
    }
}

/// Applies `edit` through a history, checks what changed, undoes it and checks the
/// document is as it was, then redoes it and checks it changed again the same way.
fn applies_and_undoes(edit: Edit, changed: impl Fn(&Document) -> bool) {
    let mut document = document();
    let before = document.clone();
    let mut history = History::default();
    assert!(history.apply(&mut document, edit).is_ok());
    assert!(changed(&document), "the edit changed the document");
    let after = document.clone();
    assert_eq!(history.undo(&mut document), Ok(true));
    assert_eq!(document, before, "undo restores the document");
    assert_eq!(history.redo(&mut document), Ok(true));
    assert_eq!(document, after, "redo makes the edit again");
}

#[test]
fn accepting_a_proposal_moves_it_among_the_excerpts_in_article_order_and_undo_returns_it() {
    applies_and_undoes(Edit::AcceptProposal { proposal: 0 }, |document| {
        let excerpts = &document.data.excerpts;
        let at = excerpts.iter().position(|e| e.quote == PROPOSED_QUOTE);
        document.proposals.is_empty()
            && at.is_some_and(|at| {
                excerpts[..at].iter().all(|e| e.paragraph <= 2)
                    && excerpts[at + 1..].iter().all(|e| e.paragraph > 2)
            })
    });
}

#[test]
fn an_accepted_proposal_whose_id_is_taken_gets_a_free_one() {
    let mut document = document();
    document.proposals[0].id = "putin-lauds-csto".into();
    assert!(
        Edit::AcceptProposal { proposal: 0 }
            .apply(&mut document)
            .is_ok()
    );
    let ids: Vec<&str> = document
        .data
        .excerpts
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert!(ids.contains(&"putin-lauds-csto-2"), "{ids:?}");
}

#[test]
fn dropping_a_proposal_and_undoing_puts_it_back_in_place() {
    applies_and_undoes(Edit::DropProposal { proposal: 0 }, |document| {
        document.proposals.is_empty()
            && !document
                .data
                .excerpts
                .iter()
                .any(|e| e.quote == PROPOSED_QUOTE)
    });
}

#[test]
fn a_tensions_kind_modality_parties_and_proposal_are_changed_and_undone() {
    let first = document().data.tensions[0].clone();
    let other_kind = TensionKind::ALL
        .into_iter()
        .find(|kind| *kind != first.kind)
        .unwrap_or(TensionKind::Influence);
    applies_and_undoes(
        Edit::SetKind {
            tension: 0,
            kind: other_kind,
        },
        move |document| document.data.tensions[0].kind == other_kind,
    );
    applies_and_undoes(
        Edit::SetModality {
            tension: 0,
            modality: Some(Modality::Feared),
        },
        |document| document.data.tensions[0].modality == Some(Modality::Feared),
    );
    applies_and_undoes(
        Edit::SetParties {
            tension: 0,
            parties: vec![country("KAZ"), country("KGZ")],
        },
        |document| document.data.tensions[0].parties == [country("KAZ"), country("KGZ")],
    );
    let proposal = Proposal {
        relation: "threat".into(),
        modality: Modality::Possible,
        cue: "threatened".into(),
        sources: Vec::new(),
        targets: Vec::new(),
    };
    applies_and_undoes(
        Edit::SetProposal {
            tension: 0,
            proposal: Some(proposal),
        },
        |document| document.data.tensions[0].proposed.is_some(),
    );
    let mut document = document();
    let count = document.data.tensions.len();
    assert!(
        Edit::SetKind {
            tension: count,
            kind: other_kind
        }
        .apply(&mut document)
        .is_err(),
        "no tension there"
    );
}

#[test]
fn dropping_a_tension_returns_the_excerpt_it_alone_cited_among_the_proposals() {
    let mut document = document();
    let excerpt = proposal().id;
    let at = document.data.tensions.len();
    let accepted_with_a_tension = Edit::Batch(vec![
        Edit::AcceptProposal { proposal: 0 },
        Edit::AddTension {
            at,
            tension: Tension {
                excerpts: vec![excerpt.clone()],
                ..tension("collective-security", vec![country("RUS"), country("KAZ")])
            },
        },
    ]);
    assert!(accepted_with_a_tension.apply(&mut document).is_ok());
    document.proposals = vec![
        Excerpt {
            id: "earlier".into(),
            paragraph: 1,
            ..proposal()
        },
        Excerpt {
            id: "later".into(),
            paragraph: 9,
            ..proposal()
        },
    ];
    let before = document.clone();
    let Some(drop) = document.drop_tension(at) else {
        panic!("a tension at {at}")
    };
    let mut history = History::default();
    assert!(history.apply(&mut document, drop).is_ok());
    assert_eq!(document.data.tensions.len(), at);
    assert!(!document.data.excerpts.iter().any(|e| e.id == excerpt));
    let ids: Vec<&str> = document.proposals.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["earlier", excerpt.as_str(), "later"],
        "in article order"
    );
    assert_eq!(history.undo(&mut document), Ok(true));
    assert_eq!(document, before);
    assert!(document.drop_tension(at + 1).is_none());
}

#[test]
fn dropping_a_tension_keeps_an_excerpt_the_story_or_another_tension_cites() {
    let mut document = document();
    let cited = document.data.tensions[0].excerpts.clone();
    let excerpts = document.data.excerpts.len();
    let Some(drop) = document.drop_tension(0) else {
        panic!("a tension")
    };
    assert!(drop.apply(&mut document).is_ok());
    assert_eq!(
        document.data.excerpts.len(),
        excerpts,
        "{cited:?} are cited elsewhere"
    );
}

#[test]
fn adding_and_removing_a_tension_are_undone() {
    let added = tension("new-tension", vec![country("RUS"), country("BLR")]);
    let count = document().data.tensions.len();
    applies_and_undoes(
        Edit::AddTension {
            at: count,
            tension: added,
        },
        move |document| {
            document.data.tensions.len() == count + 1
                && document.data.tensions[count].id == "new-tension"
        },
    );
    applies_and_undoes(Edit::RemoveTension { at: 0 }, move |document| {
        document.data.tensions.len() == count - 1
    });
}

#[test]
fn a_tension_with_an_actor_placed_for_it_is_one_step_undone_at_once() {
    let mut document = document();
    let before = document.clone();
    let actors = document.data.actors.len();
    let actor = Actor {
        id: "pipeline".into(),
        name: "The pipeline".into(),
        lon: Some(40.0),
        lat: Some(43.0),
        placement: "placed by a click".into(),
    };
    let party = Party {
        actor: Some("pipeline".into()),
        ..Party::default()
    };
    let at = document.data.tensions.len();
    let batch = Edit::Batch(vec![
        Edit::AddActor { at: actors, actor },
        Edit::AddTension {
            at,
            tension: tension("pipeline-tension", vec![country("RUS"), party]),
        },
    ]);
    let mut history = History::default();
    assert!(history.apply(&mut document, batch).is_ok());
    assert_eq!(document.data.actors.len(), actors + 1);
    assert_eq!(document.data.tensions.len(), at + 1);
    assert_eq!(history.undo(&mut document), Ok(true));
    assert_eq!(document, before);
    assert_eq!(history.undo(&mut document), Ok(false), "one step only");
}

#[test]
fn a_batch_that_fails_half_way_leaves_the_document_as_it_was() {
    let mut document = document();
    let before = document.clone();
    let batch = Edit::Batch(vec![
        Edit::SetTitle {
            title: "Changed".into(),
        },
        Edit::RemoveTension { at: 10_000 },
    ]);
    assert!(matches!(
        batch.apply(&mut document),
        Err(EditError::NoSuch {
            what: "tension",
            index: 10_000,
            ..
        })
    ));
    assert_eq!(document, before);
}

#[test]
fn summary_title_and_neighbours_edits_are_undone() {
    applies_and_undoes(
        Edit::SetSummary {
            tension: 0,
            summary: "Another summary".into(),
        },
        |document| document.data.tensions[0].summary == "Another summary",
    );
    applies_and_undoes(
        Edit::SetTitle {
            title: "A new title".into(),
        },
        |document| document.data.article.title == "A new title",
    );
    let swapped = NeighboursOf {
        group: "CSTO".into(),
        bordering: "NATO".into(),
    };
    applies_and_undoes(
        Edit::SetNeighbours {
            neighbours: Some(swapped.clone()),
        },
        move |document| document.data.map.neighbours.as_ref() == Some(&swapped),
    );
    applies_and_undoes(Edit::SetNeighbours { neighbours: None }, |document| {
        document.data.map.neighbours.is_none()
    });
}

#[test]
fn edits_out_of_range_are_errors_and_change_nothing() {
    for edit in [
        Edit::AcceptProposal { proposal: 1 },
        Edit::DropProposal { proposal: 5 },
        Edit::ReturnProposal {
            excerpt: 1_000,
            proposal: 0,
        },
        Edit::RemoveTension { at: usize::MAX },
        Edit::SetSummary {
            tension: 99,
            summary: String::new(),
        },
        Edit::RemoveActor { at: 99 },
        Edit::AddTension {
            at: 1_000,
            tension: tension("t", Vec::new()),
        },
    ] {
        let mut document = document();
        let before = document.clone();
        let Err(error) = edit.clone().apply(&mut document) else {
            panic!("{edit:?} must be refused");
        };
        assert!(
            matches!(error, EditError::NoSuch { index, count, .. } if index >= count),
            "{edit:?}: {error}"
        );
        assert_eq!(document, before, "{edit:?}");
    }
}

#[test]
fn an_actor_a_tension_still_names_cannot_be_removed() {
    let mut document = document();
    let Some(at) = document
        .data
        .actors
        .iter()
        .position(|a| a.id == "us-missile-shield")
    else {
        panic!("the bundled scenario has the US missile shield as an actor");
    };
    assert!(matches!(
        Edit::RemoveActor { at }.apply(&mut document),
        Err(EditError::ActorInUse { .. })
    ));
}

#[test]
fn undoing_back_to_the_saved_state_counts_as_unchanged_and_a_new_edit_drops_the_redo() {
    let mut document = document();
    let mut history = History::default();
    let saved = history.state();
    let rename = |title: &str| Edit::SetTitle {
        title: title.into(),
    };
    assert!(history.apply(&mut document, rename("One")).is_ok());
    assert_ne!(history.state(), saved);
    assert_eq!(history.undo(&mut document), Ok(true));
    assert_eq!(history.state(), saved);
    assert!(history.can_redo());
    assert!(history.apply(&mut document, rename("Two")).is_ok());
    assert!(!history.can_redo());
    assert_ne!(history.state(), saved, "another edit is another state");
}

#[test]
fn the_history_forgets_the_oldest_edits_past_its_limit_without_claiming_the_start() {
    let mut document = document();
    let mut history = History::default();
    for n in 0..UNDO_LIMIT + 10 {
        let edit = Edit::SetTitle {
            title: format!("Title {n}"),
        };
        assert!(history.apply(&mut document, edit).is_ok());
    }
    let mut undone = 0;
    while history.undo(&mut document) == Ok(true) {
        undone += 1;
    }
    assert_eq!(undone, UNDO_LIMIT);
    assert_eq!(document.data.article.title, "Title 9");
    assert_ne!(
        history.state(),
        0,
        "not the state the document was opened in"
    );
}

#[test]
fn findings_are_placed_by_their_json_path() {
    assert_eq!(concern_of("$.excerpts[3].quote"), Concern::Excerpt(3));
    assert_eq!(
        concern_of("$.tensions[12].parties[0].country"),
        Concern::Tension(12)
    );
    assert_eq!(concern_of("$.tensions[2]"), Concern::Tension(2));
    assert_eq!(concern_of("$.map.neighbours"), Concern::Scenario);
    assert_eq!(concern_of("$.tensions"), Concern::Scenario);
}

/// A document edited the ways the editor can: a proposal accepted, a tension made from it,
/// a summary, the title and the neighbours changed.
pub fn edited_document() -> Document {
    let mut document = document();
    let mut history = History::default();
    let count = document.data.tensions.len();
    for edit in [
        Edit::AcceptProposal { proposal: 0 },
        Edit::AddTension {
            at: count,
            tension: Tension {
                excerpts: vec!["proposed-collective-security".into()],
                ..tension("collective-security", vec![country("RUS"), country("KAZ")])
            },
        },
        Edit::SetSummary {
            tension: 0,
            summary: "Edited summary".into(),
        },
        Edit::SetTitle {
            title: "Edited title".into(),
        },
        Edit::SetNeighbours {
            neighbours: Some(NeighboursOf {
                group: "CSTO".into(),
                bordering: "NATO".into(),
            }),
        },
    ] {
        assert!(history.apply(&mut document, edit).is_ok());
    }
    document
}

#[test]
fn a_saved_scenario_reopens_the_same_and_passes_the_check_with_its_article_beside_it() {
    let (world, scenario) = shared();
    let document = edited_document();
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let target = dir.path().join("edited.json");
    let saved = save_scenario(&target, &document.data, scenario.article().text(), &[]);
    let Ok(saved) = saved else {
        panic!("saved: {saved:?}")
    };
    assert_eq!(saved.article_field, "csto-nato-of-the-east.txt");
    assert!(saved.article_written.as_ref().is_some_and(|a| a.exists()));
    let reopened = match Scenario::load(&target, &world) {
        Ok(reopened) => reopened,
        Err(error) => panic!("{error}"),
    };
    let mut expected = document.data.clone();
    expected.article.text = saved.article_field.clone();
    assert!(
        reopened.data() == &expected,
        "the reopened scenario differs"
    );
    let findings = check(reopened.data(), reopened.article(), &world);
    assert_eq!(findings.errors.total(), 0);
    // Saving again finds the article in place and writes only the scenario.
    let again = save_scenario(&target, reopened.data(), reopened.article().text(), &[]);
    assert!(again.is_ok_and(|saved| saved.article_written.is_none()));
}

#[test]
fn saving_never_writes_over_an_input_and_keeps_it_whole() {
    let (_, scenario) = shared();
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let input = dir.path().join("input.json");
    assert!(std::fs::write(&input, "the original").is_ok());
    let result = save_scenario(
        &input,
        scenario.data(),
        scenario.article().text(),
        &[&input],
    );
    assert!(matches!(
        result,
        Err(SaveError::Write(WriteError::WouldOverwriteInput { .. }))
    ));
    assert_eq!(
        std::fs::read_to_string(&input).ok().as_deref(),
        Some("the original")
    );
}

#[test]
fn an_article_of_another_text_beside_the_target_is_never_replaced() {
    let (_, scenario) = shared();
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let target = dir.path().join("mine.json");
    for name in ["csto-nato-of-the-east.txt", "mine.txt"] {
        assert!(std::fs::write(dir.path().join(name), "Another\n\nText entirely.\n").is_ok());
    }
    let result = save_scenario(&target, scenario.data(), scenario.article().text(), &[]);
    assert!(
        matches!(result, Err(SaveError::ArticleTaken { .. })),
        "{result:?}"
    );
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.txt"))
            .ok()
            .as_deref(),
        Some("Another\n\nText entirely.\n")
    );
}

fn draft_of(document: &Document) -> Draft {
    let (_, scenario) = shared();
    Draft {
        format: DRAFT_FORMAT.into(),
        version: DRAFT_VERSION,
        source: scenario.source().to_path_buf(),
        origin: Origin::Bundled,
        saved_to: None,
        scenario: document.data.clone(),
        proposals: document.proposals.clone(),
        article_text: scenario.article().text().to_string(),
    }
}

#[test]
fn the_autosaver_writes_the_latest_draft_before_it_is_dropped_and_reads_back_the_same() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let folder = dir.path().join("data");
    let first = draft_of(&document());
    let last = draft_of(&edited_document());
    {
        let autosaver = Autosaver::new(folder.clone());
        autosaver.write(draft_bytes(&first));
        autosaver.write(draft_bytes(&last));
    }
    let read = read_draft(&folder);
    assert!(
        matches!(&read, Ok(Some(draft)) if *draft == last),
        "{read:?}"
    );
    let autosaver = Autosaver::new(folder.clone());
    autosaver.remove();
    drop(autosaver);
    assert!(matches!(read_draft(&folder), Ok(None)));
}

#[test]
fn a_damaged_or_foreign_draft_is_an_error_naming_the_file() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let path = draft_path(dir.path());
    for contents in [
        "{\"format\": \"alliance-map/draft\"",
        "[1, 2]",
        "\u{0}\u{1}",
    ] {
        assert!(std::fs::write(&path, contents).is_ok());
        let result = read_draft(dir.path());
        let Err(error) = result else {
            panic!("{contents:?} is refused")
        };
        assert!(error.to_string().contains("draft.json"), "{error}");
    }
    let mut foreign = draft_of(&document());
    foreign.version = 99;
    assert!(std::fs::write(&path, draft_bytes(&foreign)).is_ok());
    assert!(matches!(
        read_draft(dir.path()),
        Err(DraftError::Unreadable { .. })
    ));
    assert!(Path::new(&path).exists());
}

#[test]
fn a_scenario_saved_under_its_articles_name_never_replaces_the_article() {
    let (_, scenario) = shared();
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder")
    };
    let first = dir.path().join("first.json");
    let saved = save_scenario(&first, scenario.data(), scenario.article().text(), &[]);
    let Ok(saved) = saved else {
        panic!("saved: {saved:?}")
    };
    let mut data = scenario.data().clone();
    data.article.text = saved.article_field.clone();
    let article = dir.path().join(&saved.article_field);
    let result = save_scenario(&article, &data, scenario.article().text(), &[]);
    assert!(
        matches!(
            result,
            Err(SaveError::Write(WriteError::WouldOverwriteInput { .. }))
        ),
        "{result:?}"
    );
    let text = std::fs::read_to_string(&article).unwrap_or_default();
    assert_eq!(text, scenario.article().text());
}
