use alliance_map::model::scenario::{PartyRef, Scenario, Tension, TensionKind};

use crate::world::world;

const FORMAT_DOC: &str = include_str!("../../docs/scenario-format.md");

fn bundled() -> Scenario {
    match Scenario::load_bundled(world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    }
}

fn tension<'s>(scenario: &'s Scenario, id: &str) -> &'s Tension {
    match scenario.data().tensions.iter().find(|t| t.id == id) {
        Some(tension) => tension,
        None => panic!("tension {id} is in the scenario"),
    }
}

fn parties(tension: &Tension) -> Vec<String> {
    tension
        .parties
        .iter()
        .filter_map(|party| party.resolve())
        .map(|party| match party {
            PartyRef::Country(code) => code.to_owned(),
            PartyRef::Group(id) => format!("group:{id}"),
            PartyRef::Actor(id) => format!("actor:{id}"),
        })
        .collect()
}

#[test]
fn the_afghanistan_withdrawal_is_a_possibility_the_author_raises_not_a_fact() {
    let scenario = bundled();
    let tension = tension(&scenario, "afghanistan-after-us-withdrawal");
    assert!(
        tension.summary.contains("might be dictated by"),
        "{}",
        tension.summary
    );
    assert_ne!(tension.kind, TensionKind::Instability);
    assert!(!parties(tension).contains(&"AFG".to_owned()));
}

#[test]
fn the_tajik_civil_war_is_uzbekistans_concern_attributed_to_the_author_not_a_war_between_states() {
    let scenario = bundled();
    let tension = tension(&scenario, "tajik-civil-war-and-mujahideen");
    assert_ne!(tension.kind, TensionKind::ArmedConflict);
    assert!(
        tension.summary.starts_with("The author says"),
        "{}",
        tension.summary
    );
    assert!(
        tension
            .summary
            .contains("civil war in neighbouring Tajikistan")
    );
}

#[test]
fn summaries_keep_the_articles_modality() {
    let scenario = bundled();
    let shield = tension(&scenario, "csto-against-us-missile-shield");
    assert!(
        shield.summary.contains("could cause damage"),
        "{}",
        shield.summary
    );
    assert!(!shield.summary.contains("harmful"));
    let media = tension(&scenario, "kazakhstan-against-western-influence");
    assert!(
        media.summary.contains("trying to influence"),
        "{}",
        media.summary
    );
    assert!(!media.summary.contains("swaying"));
}

#[test]
fn the_nuclear_umbrella_excerpt_states_a_tension_of_its_own() {
    let scenario = bundled();
    let umbrella = scenario
        .data()
        .tensions
        .iter()
        .find(|t| t.excerpts.iter().any(|e| e == "moscow-nuclear-umbrella"));
    let Some(umbrella) = umbrella else {
        panic!("a tension cites the nuclear umbrella excerpt");
    };
    let parties = parties(umbrella);
    for party in ["RUS", "BLR", "ARM"] {
        assert!(
            parties.contains(&party.to_owned()),
            "{party} in {parties:?}"
        );
    }
    // The quotes name NATO only as the model of a clause ("like NATO's"), never as an adversary.
    assert!(
        !parties.contains(&"group:NATO".to_owned()),
        "NATO is no party to the nuclear umbrella: {parties:?}"
    );
}

#[test]
fn armenias_threat_stays_in_the_authors_words_and_modality() {
    let scenario = bundled();
    let axis = tension(&scenario, "armenia-and-the-axis");
    assert!(
        axis.summary.starts_with("The author writes that"),
        "{}",
        axis.summary
    );
    assert!(
        axis.summary.contains("is constantly facing the threat"),
        "{}",
        axis.summary
    );
    for word in ["feels", "permanently"] {
        assert!(!axis.summary.contains(word), "{}", axis.summary);
    }
}

#[test]
fn the_usa_is_a_party_to_the_missile_shield_tensions_and_nato_to_the_belarus_one() {
    let scenario = bundled();
    for id in ["csto-against-us-missile-shield", "belarus-iskander-answer"] {
        assert!(
            parties(tension(&scenario, id)).contains(&"USA".to_owned()),
            "{id}"
        );
    }
    assert!(
        parties(tension(&scenario, "belarus-and-nato-neighbours"))
            .contains(&"group:NATO".to_owned())
    );
}

#[test]
fn the_western_media_actor_has_no_place_and_its_tension_is_a_marker_on_kazakhstan() {
    let scenario = bundled();
    let Some(media) = scenario.actor("western-media") else {
        panic!("the western-media actor is in the scenario");
    };
    assert!(!media.placement.contains("Radio Free Europe"));
    assert_eq!(
        media.place(),
        None,
        "no point in the ocean stands for the West"
    );
    let Some(tension) = scenario
        .data()
        .tensions
        .iter()
        .find(|t| t.id == "kazakhstan-against-western-influence")
    else {
        panic!("the tension is in the scenario");
    };
    let arcs = scenario.tension_arcs(world(), tension, scenario.date(), 60.0);
    assert_eq!(arcs.len(), 1);
    assert_eq!(arcs[0].len(), 1, "a marker, not a line: {arcs:?}");
    let Some(kazakhstan) = world().country_at(arcs[0][0].lon, arcs[0][0].lat) else {
        panic!("the marker stands on land: {arcs:?}");
    };
    assert_eq!(kazakhstan.iso_a3(), "KAZ");
    let exported = alliance_map::model::export::export(world(), &scenario, scenario.date());
    let Some(feature) = exported.features.iter().find(|f| {
        f.property("id").and_then(|id| id.as_str()) == Some("kazakhstan-against-western-influence")
    }) else {
        panic!("the tension is exported");
    };
    let geometry = feature.geometry.as_ref().map(|g| g.value.type_name());
    assert_eq!(geometry, Some("Point"));
}

#[test]
fn the_article_date_follows_the_format_documents_rule() {
    let scenario = bundled();
    let Some(row) = FORMAT_DOC
        .lines()
        .find(|line| line.starts_with("| `date` |"))
    else {
        panic!("the format document describes `date`");
    };
    // The bundled date is the summit the article reports, not its publication (20 May 2012);
    // the format document must say that the reported events' day comes first.
    assert_eq!(scenario.date().to_string(), "2012-05-15");
    assert!(!row.contains("publication date when known"), "{row}");
    assert!(row.contains("events the article reports"), "{row}");
    assert!(scenario.data().article.date_basis.contains("On May 15"));
}

#[test]
fn the_country_table_uses_current_neutral_names_and_keeps_the_old_ones_searchable() {
    let country = |code: &str| match world().by_code(code) {
        Some(country) => country,
        None => panic!("{code} is in the world"),
    };
    assert_eq!(country("TWN").formal_name(), "Taiwan (Republic of China)");
    assert!(
        country("TWN")
            .alt_names()
            .iter()
            .any(|a| a == "Taiwan, Province of China")
    );
    assert_eq!(country("BIH").formal_name(), "Bosnia and Herzegovina");
    assert_eq!(
        country("MMR").formal_name(),
        "Republic of the Union of Myanmar"
    );
    assert_eq!(country("TJK").demonym(), Some("Tajik"));
    assert!(country("TJK").alt_names().iter().any(|a| a == "Tadzhik"));
    assert_eq!(country("KGZ").demonym(), Some("Kyrgyz"));
    assert!(country("KGZ").alt_names().iter().any(|a| a == "Kirghiz"));
    assert_eq!(country("CIV").name(), "Côte d'Ivoire");
    assert!(
        country("CIV")
            .alt_names()
            .iter()
            .any(|a| a == "Ivory Coast")
    );
}

fn group<'s>(scenario: &'s Scenario, id: &str) -> &'s alliance_map::model::scenario::Group {
    match scenario.group(id) {
        Some(group) => group,
        None => panic!("group {id} is in the scenario"),
    }
}

fn on(text: &str) -> alliance_map::model::date::Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn uzbekistan_shows_its_suspension_notified_from_june_2012_until_the_councils_decision() {
    let scenario = bundled();
    let csto = group(&scenario, "CSTO");
    assert_eq!(
        scenario
            .standing_text("UZB", csto, on("2012-05-15"))
            .as_deref(),
        Some("CSTO: member")
    );
    assert_eq!(
        scenario
            .standing_text("UZB", csto, on("2012-07-01"))
            .as_deref(),
        Some("CSTO: member, suspension notified on 28 June 2012")
    );
    assert_eq!(
        scenario
            .standing_text("UZB", csto, on("2013-01-01"))
            .as_deref(),
        Some("CSTO: suspended")
    );
    let export = alliance_map::model::export::export(world(), &scenario, on("2012-07-01"));
    let uzbekistan = export.features.iter().find(|feature| {
        feature.properties.as_ref().and_then(|p| p.get("iso_a3")) == Some(&serde_json::json!("UZB"))
    });
    let memberships = uzbekistan
        .and_then(|feature| feature.properties.as_ref())
        .and_then(|p| p.get("memberships"))
        .cloned();
    assert_eq!(
        memberships.and_then(|m| m.get("CSTO").cloned()),
        Some(serde_json::json!("member (suspension notified)"))
    );
}

#[test]
fn rows_before_october_2002_read_as_parties_to_the_collective_security_treaty() {
    let scenario = bundled();
    let csto = group(&scenario, "CSTO");
    assert_eq!(
        scenario
            .standing_text("ARM", csto, on("1995-01-01"))
            .as_deref(),
        Some("Collective Security Treaty: party")
    );
    assert_eq!(
        scenario
            .standing_text("GEO", csto, on("2000-01-01"))
            .as_deref(),
        Some("Collective Security Treaty: former party")
    );
    assert_eq!(
        scenario
            .standing_text("ARM", csto, on("2002-10-07"))
            .as_deref(),
        Some("CSTO: member")
    );
}

#[test]
fn moscow_marks_russia_where_it_names_the_state_but_not_where_the_summit_opened() {
    let scenario = bundled();
    let marked = |text: &str| -> Vec<String> {
        scenario
            .mention_ranges("RUS", text)
            .into_iter()
            .map(|range| text[range].to_owned())
            .collect()
    };
    let opening = "On May 15, Russian President Vladimir Putin opened in Moscow the 10th \
                   anniversary meeting of the CSTO";
    assert_eq!(marked(opening), ["Russian", "Putin"]);
    let axis = "What is certain is that the Astana-Moscow axis is rapidly becoming the core";
    assert_eq!(marked(axis), ["Moscow"]);
}

#[test]
fn the_old_spellings_still_find_their_countries() {
    use alliance_map::model::search::SearchIndex;
    let index = SearchIndex::build(world(), None);
    for (query, code) in [
        ("Kirghiz", "KGZ"),
        ("Tadzhik", "TJK"),
        ("Ivory Coast", "CIV"),
    ] {
        let first = index
            .search(query, 5)
            .first()
            .and_then(|s| s.country())
            .map(|country| world().country(country).iso_a3().to_owned());
        assert_eq!(first.as_deref(), Some(code), "{query}");
    }
}
