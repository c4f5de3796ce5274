//! Relation drafting: the tensions a text states, read with the relation dictionary, and how
//! many of the bundled scenario's hand-made tensions the bundled article's text alone yields.

use std::collections::BTreeSet;
use std::path::Path;

use alliance_map::model::drafting::Draft;
use alliance_map::model::drafting::relations::{Polarity, Relation};
use alliance_map::model::scenario::{Modality, Party, ScenarioData, TensionKind};

use crate::draft::draft_of;
use crate::world::world;

const BUNDLED_ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");
const BUNDLED_SCENARIO: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");

fn draft(text: &str) -> Draft {
    draft_of("article.txt", text, None)
}

/// The one relation a one-sentence article states.
fn relation(sentence: &str) -> Relation {
    let drafted = draft(&format!("Title\n\n{sentence}\n"));
    match drafted.notes.relations.as_slice() {
        [(_, relation)] => relation.clone(),
        other => panic!("{sentence}: {other:?}"),
    }
}

fn code(party: &Party) -> &str {
    party
        .country
        .as_deref()
        .or(party.group.as_deref())
        .or(party.actor.as_deref())
        .unwrap_or("")
}

fn codes(relation: &Relation, indexes: &[usize]) -> Vec<String> {
    indexes
        .iter()
        .map(|&i| code(&relation.parties[i]).to_string())
        .collect()
}

#[test]
fn a_passive_verb_gives_the_direction_and_feeling_threatened_is_a_fear() {
    let found = relation(
        "Minsk feels itself threatened by NATO presence in neighbouring Poland and Lithuania.",
    );
    assert_eq!(found.kind, "threat");
    assert_eq!(found.polarity, Polarity::Conflict);
    assert_eq!(found.modality, Modality::Feared);
    assert!(!found.negated);
    assert_eq!(codes(&found, &found.sources), ["NATO", "POL", "LTU"]);
    assert_eq!(codes(&found, &found.targets), ["BLR"]);
}

#[test]
fn modal_verbs_negation_and_denial_are_read() {
    let possible = relation("Turkey could block Sweden's accession to NATO.");
    assert_eq!(
        (possible.kind.as_str(), possible.modality),
        ("blocking", Modality::Possible)
    );
    assert_eq!(codes(&possible, &possible.sources), ["TUR"]);
    assert_eq!(codes(&possible, &possible.targets), ["SWE", "NATO"]);
    let future = relation("Russia will station missiles in Belarus next year.");
    assert_eq!(future.modality, Modality::Future);
    assert_eq!(future.tension_kind, TensionKind::MissileDefence);
    let negated = relation("Armenia did not attack Azerbaijan.");
    assert!(negated.negated);
    let denied = relation("Russia denied that it had shelled Ukrainian villages.");
    assert_eq!(denied.modality, Modality::Denied);
    let past = relation("Iran and Iraq had fought a long war.");
    assert_eq!(
        (past.kind.as_str(), past.modality),
        ("armed_clash", Modality::Past)
    );
}

#[test]
fn coordinated_parties_act_together_and_cooperation_is_not_a_tension() {
    let joined = relation("Finland and Sweden applied to join NATO in May 2022.");
    assert_eq!(joined.polarity, Polarity::Cooperation);
    assert_eq!(joined.kind, "cooperation");
    let drafted = draft("Title\n\nFinland and Sweden applied to join NATO in May 2022.\n");
    assert!(drafted.data.tensions.is_empty());
    let accused = relation("Serbia and Hungary accused Croatia of meddling.");
    assert_eq!(codes(&accused, &accused.sources), ["SRB", "HUN"]);
    assert_eq!(codes(&accused, &accused.targets), ["HRV"]);
    // "Both countries" is the two named: a mutual relation, without a direction.
    let mutual = relation("Armenia and Azerbaijan: both countries accuse each other of shelling.");
    assert_eq!(mutual.parties.len(), 2);
    assert!(mutual.sources.is_empty() && mutual.targets.is_empty());
}

#[test]
fn a_proposed_tension_is_marked_cites_its_sentence_and_its_summary_is_the_quote_s_words() {
    let text = "Title\n\nMinsk feels itself threatened by NATO presence in neighbouring Poland.\n\n\
                Armenia did not attack Azerbaijan.\n";
    let drafted = draft(text);
    let [tension] = drafted.data.tensions.as_slice() else {
        panic!("{:?}", drafted.data.tensions)
    };
    let Some(proposal) = &tension.proposed else {
        panic!("not marked as proposed")
    };
    assert_eq!(proposal.relation, "threat");
    assert_eq!(proposal.cue, "threatened");
    assert_eq!(tension.excerpts, ["p1-s1"]);
    assert_eq!(
        tension.summary,
        "Minsk, NATO, Poland: “threatened” (feared)"
    );
    for words in ["Minsk", "NATO", "Poland", "threatened"] {
        assert!(drafted.data.excerpts[0].quote.contains(words));
    }
    // The draft with its proposal passes the checks, and the proposal survives a round trip.
    let json = match serde_json::to_string(&drafted.data) {
        Ok(json) => json,
        Err(error) => panic!("{error}"),
    };
    assert!(
        json.contains("\"proposed\":{\"relation\":\"threat\""),
        "{json}"
    );
    assert!(drafted.scenario(Path::new("a.json"), world()).is_ok());
}

/// The countries and groups a party list names.
fn party_codes(parties: &[Party]) -> BTreeSet<String> {
    parties
        .iter()
        .filter_map(|p| p.country.clone().or_else(|| p.group.clone()))
        .collect()
}

#[test]
fn the_bundled_article_drafted_from_its_text_alone_recovers_most_hand_made_tensions() {
    let hand: ScenarioData = match serde_json::from_str(BUNDLED_SCENARIO) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    };
    let drafted = draft(BUNDLED_ARTICLE);
    let drafted_quote = |id: &str| {
        drafted
            .data
            .excerpts
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.quote.clone())
    };
    let hand_quote = |id: &str| {
        hand.excerpts
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.quote.clone())
    };
    // A proposal matches a hand-made tension when it cites one of its sentences and names one
    // of its parties (the hand-made excerpts may quote a part of a sentence).
    let matches = |proposal: &alliance_map::model::scenario::Tension,
                   tension: &alliance_map::model::scenario::Tension| {
        let same_sentence = proposal
            .excerpts
            .iter()
            .filter_map(|id| drafted_quote(id))
            .any(|p| {
                tension
                    .excerpts
                    .iter()
                    .filter_map(|id| hand_quote(id))
                    .any(|h| p.contains(&h) || h.contains(&p))
            });
        let overlap = !party_codes(&proposal.parties).is_disjoint(&party_codes(&tension.parties));
        same_sentence && overlap
    };
    let recovered: Vec<&str> = hand
        .tensions
        .iter()
        .filter(|t| drafted.data.tensions.iter().any(|p| matches(p, t)))
        .map(|t| t.id.as_str())
        .collect();
    let correct = drafted
        .data
        .tensions
        .iter()
        .filter(|p| hand.tensions.iter().any(|t| matches(p, t)))
        .count();
    let recall = recovered.len() as f64 / hand.tensions.len() as f64;
    let precision = correct as f64 / drafted.data.tensions.len().max(1) as f64;
    println!(
        "bundled article: {} of {} hand-made tensions recovered (recall {recall:.2}); \
         {correct} of {} proposals match one (precision {precision:.2})",
        recovered.len(),
        hand.tensions.len(),
        drafted.data.tensions.len(),
    );
    for tension in &drafted.data.tensions {
        println!("  proposed {}: {}", tension.id, tension.summary);
    }
    for tension in hand
        .tensions
        .iter()
        .filter(|t| !recovered.contains(&t.id.as_str()))
    {
        println!("  missed {}", tension.id);
    }
    assert!(recovered.len() >= 8, "{recovered:?}");
}

/// The tensions labelled by hand beside a test article: (excerpt id, parties).
fn labelled_tensions(name: &str) -> Vec<(String, BTreeSet<String>)> {
    let path = format!(
        "{}/tests/data/articles/{name}.tensions",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(text) = std::fs::read_to_string(&path) else {
        panic!("{path}")
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let id = words.next()?.to_string();
            Some((id, words.map(str::to_string).collect()))
        })
        .collect()
}

#[test]
fn tensions_proposed_in_the_test_articles_against_those_labelled_by_hand() {
    let (mut labelled, mut proposed, mut correct, mut recovered) = (0, 0, 0, 0);
    for name in crate::gazetteer::TEST_ARTICLES {
        let labels = labelled_tensions(name);
        let drafted = draft(&crate::gazetteer::test_article(name));
        let tensions = &drafted.data.tensions;
        let matches = |tension: &alliance_map::model::scenario::Tension,
                       (id, parties): &(String, BTreeSet<String>)| {
            tension.excerpts.contains(id) && !party_codes(&tension.parties).is_disjoint(parties)
        };
        let right = tensions
            .iter()
            .filter(|t| labels.iter().any(|l| matches(t, l)))
            .count();
        let found = labels
            .iter()
            .filter(|l| tensions.iter().any(|t| matches(t, l)))
            .count();
        println!(
            "{name}: {} labelled, {} proposed, {right} right, {found} recovered",
            labels.len(),
            tensions.len()
        );
        for tension in tensions {
            println!("  proposed {}: {}", tension.id, tension.summary);
        }
        labelled += labels.len();
        proposed += tensions.len();
        correct += right;
        recovered += found;
    }
    let precision = correct as f64 / proposed.max(1) as f64;
    let recall = recovered as f64 / labelled.max(1) as f64;
    println!("test articles: precision {precision:.2}, recall {recall:.2}");
    assert!(recall >= 0.7, "recall {recall:.2}");
    assert!(precision >= 0.6, "precision {precision:.2}");
}

#[test]
fn may_the_month_is_no_modal_and_a_blame_frames_the_fighting_it_names() {
    let month = relation("Azerbaijani soldiers attacked Armenia on 12 May 2021.");
    assert_eq!(month.modality, Modality::Stated);
    let month = relation("Azerbaijan attacked Armenia in May.");
    assert_eq!(month.modality, Modality::Stated);
    let modal = relation("Russia may attack Ukraine.");
    assert_eq!(modal.modality, Modality::Possible);
    let blame = relation("Tajikistan blamed Kyrgyzstan for the fighting.");
    assert_eq!(blame.kind, "accusation");
    assert_eq!(codes(&blame, &blame.sources), ["TJK"]);
    assert_eq!(codes(&blame, &blame.targets), ["KGZ"]);
    let clash = relation("Armenia and Azerbaijan clashed, and each blamed the other.");
    assert_eq!(
        clash.kind, "armed_clash",
        "a blame after the clash does not frame it"
    );
}

#[test]
fn a_sentence_with_accents_and_curly_quotes_is_read_as_its_plain_twin() {
    let plain = relation("Turkey could block Sweden's accession to NATO.");
    let accented = relation("Türkiye could block Sweden’s accession to NATO.");
    assert_eq!(
        (accented.kind.as_str(), accented.modality),
        (plain.kind.as_str(), plain.modality)
    );
    assert_eq!(accented.parties, plain.parties);
    let text = "Title\n\nTürkiye could block Sweden’s accession to NATO.\n";
    let drafted = draft(text);
    let Some((_, found)) = drafted.notes.relations.first() else {
        panic!("a relation")
    };
    assert_eq!(
        &text[found.cue.clone()],
        "block",
        "the cue's range points at its words"
    );
}
