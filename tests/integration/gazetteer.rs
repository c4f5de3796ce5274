//! The gazetteer: names, variants, traps and ambiguity, and the organisations' membership.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use alliance_map::model::date::Date;
use alliance_map::model::gazetteer::{Gazetteer, Mention, Referent};
use alliance_map::model::scenario::Status;

use crate::world::world;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| match Gazetteer::load_bundled() {
        Ok(gazetteer) => gazetteer,
        Err(error) => panic!("{error}"),
    })
}

fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    }
}

/// Each mention as (the words, what they name, uncertain or not).
fn found(text: &str) -> Vec<(String, String, bool)> {
    gazetteer()
        .mentions(text)
        .into_iter()
        .map(
            |Mention {
                 range,
                 referent,
                 uncertain,
                 ..
             }| {
                let named = match referent {
                    Referent::Country(code) | Referent::Organisation(code) => code,
                    Referent::Countries(codes) => codes.join("|"),
                };
                (text[range].to_string(), named, uncertain.is_some())
            },
        )
        .collect()
}

fn sure(text: &str) -> Vec<String> {
    found(text)
        .into_iter()
        .filter(|(_, _, uncertain)| !uncertain)
        .map(|(_, code, _)| code)
        .collect()
}

/// The hand-marked list beside a test article.
pub fn marked_countries(name: &str) -> BTreeSet<String> {
    let path = format!(
        "{}/tests/data/articles/{name}.countries",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(text) = std::fs::read_to_string(&path) else {
        panic!("{path}")
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

pub fn test_article(name: &str) -> String {
    let path = format!(
        "{}/tests/data/articles/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!("{path}: {error}"),
    }
}

pub const TEST_ARTICLES: [&str; 3] = ["sco-summit", "south-caucasus", "traps"];

#[test]
fn the_countries_found_in_each_test_article_are_exactly_the_ones_marked_by_hand() {
    for name in TEST_ARTICLES {
        let named: BTreeSet<String> = gazetteer()
            .countries_named(&test_article(name))
            .into_iter()
            .collect();
        assert_eq!(named, marked_countries(name), "{name}");
    }
}

#[test]
fn the_longest_name_wins_so_no_country_hides_inside_another() {
    assert_eq!(sure("Nigeria and Niger"), ["NGA", "NER"]);
    assert_eq!(sure("Nigerian and Nigerien traders"), ["NGA", "NER"]);
    assert_eq!(sure("Papua New Guinea, not Guinea"), ["PNG", "GIN"]);
    assert_eq!(sure("Guinea-Bissau and Equatorial Guinea"), ["GNB", "GNQ"]);
    assert_eq!(sure("South Sudan left Sudan"), ["SSD", "SDN"]);
    assert_eq!(sure("South Sudanese and Sudanese"), ["SSD", "SDN"]);
    assert_eq!(sure("the Dominican Republic and Dominica"), ["DOM", "DMA"]);
    assert!(sure("the island of New Guinea").is_empty());
}

#[test]
fn possessives_capitals_demonyms_accents_and_headlines_are_found() {
    assert_eq!(sure("Russia's army; Russia’s navy"), ["RUS", "RUS"]);
    assert_eq!(sure("RUSSIA AND BELARUS SIGN"), ["RUS", "BLR"]);
    assert_eq!(sure("Türkiye, Turkiye and Turkey"), ["TUR", "TUR", "TUR"]);
    assert_eq!(sure("the Turkish and Chadian envoys"), ["TUR", "TCD"]);
    assert_eq!(sure("in Chișinău, in Chisinau"), ["MDA", "MDA"]);
    assert_eq!(sure("Georgians met in Tbilisi"), ["GEO", "GEO"]);
    assert_eq!(found("Russia's")[0].0, "Russia");
}

#[test]
fn former_names_and_variant_demonyms_name_today_s_country() {
    for (text, code) in [
        ("Burma", "MMR"),
        ("Kirghizia", "KGZ"),
        ("Byelorussia", "BLR"),
        ("Moldavia", "MDA"),
        ("Czechia", "CZE"),
        ("the Czech Republic", "CZE"),
        ("Swaziland", "SWZ"),
        ("Azeri", "AZE"),
        ("Azerbaijani", "AZE"),
        ("Kyrgyz", "KGZ"),
        ("Kirghiz", "KGZ"),
        ("Belarusian", "BLR"),
        ("Belarussian", "BLR"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
    ] {
        assert_eq!(sure(text), [code], "{text}");
    }
}

#[test]
fn words_that_are_not_names_in_lowercase_or_other_case_are_not_countries() {
    assert!(sure("a turkey for dinner, a chad of paper, let us go").is_empty());
    assert_eq!(sure("the US and the U.S."), ["USA", "USA"]);
    assert!(sure("Latin America and the Gulf of Guinea").is_empty());
}

#[test]
fn ambiguous_names_are_marked_uncertain_with_a_reason_not_guessed() {
    let congo = found("Congo and the Dominican envoy");
    assert_eq!(congo[0].1, "COD|COG");
    assert_eq!(congo[1].1, "DMA|DOM");
    assert!(
        congo.iter().all(|(_, _, uncertain)| *uncertain),
        "{congo:?}"
    );
    let us_state = found("Georgia voted; in Atlanta the governor spoke.");
    assert_eq!(us_state, [("Georgia".to_string(), "GEO".to_string(), true)]);
    let country = found("Georgia and Armenia border Turkey.");
    assert!(
        country.iter().all(|(_, _, uncertain)| !uncertain),
        "{country:?}"
    );
    let reasons: Vec<String> = gazetteer()
        .mentions("In Atlanta, Georgia")
        .into_iter()
        .filter_map(|m| m.uncertain)
        .collect();
    assert!(reasons[0].contains("Atlanta"), "{reasons:?}");
}

#[test]
fn organisations_are_found_by_name_acronym_and_former_name() {
    let orgs: Vec<String> = found(
        "NATO, the Nato summit, the CSCE, the Shanghai Cooperation Organization and the EAEU",
    )
    .into_iter()
    .map(|(_, id, _)| id)
    .collect();
    assert_eq!(orgs, ["NATO", "NATO", "OSCE", "SCO", "EAEU"]);
}

#[test]
fn every_country_of_the_gazetteer_is_one_of_the_map_and_every_map_country_has_names() {
    let codes: BTreeSet<&str> = gazetteer()
        .countries()
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    let world_codes: BTreeSet<&str> = world().countries().iter().map(|c| c.iso_a3()).collect();
    assert_eq!(codes, world_codes);
    assert!(gazetteer().countries().iter().all(|c| !c.names.is_empty()));
}

#[test]
fn every_membership_period_has_a_source_a_known_country_and_no_overlap() {
    let orgs = gazetteer().organisations();
    let ids: Vec<&str> = orgs.iter().map(|o| o.id.as_str()).collect();
    for required in [
        "NATO", "CSTO", "CIS", "EAEU", "SCO", "EU", "GUAM", "OSCE", "ASEAN", "AU",
    ] {
        assert!(ids.contains(&required), "{required} missing from {ids:?}");
    }
    for org in orgs {
        let mut periods: Vec<_> = org.members.iter().collect();
        periods.sort_by_key(|p| (p.country.clone(), p.from));
        for pair in periods.windows(2) {
            if pair[0].country == pair[1].country {
                assert!(
                    pair[0].until.is_some_and(|until| until <= pair[1].from),
                    "{}: {} overlaps",
                    org.id,
                    pair[0].country
                );
            }
        }
        for period in &org.members {
            assert!(!period.source.trim().is_empty(), "{}", org.id);
            assert!(
                world().by_code(&period.country).is_some(),
                "{}",
                period.country
            );
        }
    }
}

fn members(org: &str, on: &str) -> BTreeSet<String> {
    let Some(org) = gazetteer().organisation(org) else {
        panic!("{org}")
    };
    org.statuses_on(date(on))
        .into_iter()
        .filter(|(_, status)| *status == Status::Member)
        .map(|(code, _)| code.to_string())
        .collect()
}

#[test]
fn membership_follows_the_date_for_each_organisation() {
    assert_eq!(members("NATO", "2012-05-15").len(), 28);
    assert_eq!(members("NATO", "2024-06-01").len(), 32);
    assert!(!members("NATO", "2023-04-03").contains("FIN"));
    assert!(members("NATO", "2023-04-04").contains("FIN"));
    assert!(members("CSTO", "2012-05-15").contains("UZB"));
    assert!(!members("CSTO", "2013-01-01").contains("UZB"));
    assert!(!members("CSTO", "2024-06-01").contains("ARM"));
    assert!(members("SCO", "2024-07-04").contains("BLR"));
    assert_eq!(members("SCO", "2017-06-08").len(), 6);
    assert!(members("EU", "2020-01-31").contains("GBR"));
    assert!(!members("EU", "2020-02-01").contains("GBR"));
    assert_eq!(members("EU", "2024-01-01").len(), 27);
    assert!(members("CIS", "2009-08-17").contains("GEO"));
    assert!(!members("CIS", "2009-08-18").contains("GEO"));
    assert!(members("GUAM", "2000-01-01").contains("UZB"));
    assert_eq!(members("GUAM", "2010-01-01").len(), 4);
    assert_eq!(members("OSCE", "2024-01-01").len(), 57);
    assert_eq!(members("ASEAN", "2024-01-01").len(), 10);
    assert_eq!(members("ASEAN", "2026-01-01").len(), 11);
    assert_eq!(members("AU", "2016-12-31").len(), 54);
    assert_eq!(members("AU", "2017-02-01").len(), 55);
    assert_eq!(members("EAEU", "2016-01-01").len(), 5);
}

fn status_of(org: &str, country: &str, on: &str) -> Option<Status> {
    let Some(org) = gazetteer().organisation(org) else {
        panic!("{org}")
    };
    org.statuses_on(date(on))
        .into_iter()
        .find(|(code, _)| *code == country)
        .map(|(_, status)| status)
}

#[test]
fn the_african_union_suspends_members_on_the_day_of_the_decision_and_lifts_it() {
    for (country, suspended_on, day_before) in [
        ("MLI", "2021-06-01", "2021-05-31"),
        ("GIN", "2021-09-10", "2021-09-09"),
        ("SDN", "2021-10-27", "2021-10-26"),
        ("BFA", "2022-01-31", "2022-01-30"),
        ("NER", "2023-08-22", "2023-08-21"),
        ("GAB", "2023-08-31", "2023-08-30"),
        ("MDG", "2025-10-15", "2025-10-14"),
        ("GNB", "2025-11-28", "2025-11-27"),
        ("EGY", "2013-07-05", "2013-07-04"),
        ("CAF", "2013-03-25", "2013-03-24"),
        ("MDG", "2009-03-20", "2009-03-19"),
    ] {
        assert_eq!(
            status_of("AU", country, day_before),
            Some(Status::Member),
            "{country} on {day_before}"
        );
        assert_eq!(
            status_of("AU", country, suspended_on),
            Some(Status::Suspended),
            "{country} on {suspended_on}"
        );
    }
    for (country, lifted_on) in [
        ("GAB", "2025-04-30"),
        ("EGY", "2014-06-17"),
        ("CAF", "2016-04-06"),
        ("MDG", "2014-01-27"),
    ] {
        assert_eq!(
            status_of("AU", country, lifted_on),
            Some(Status::Member),
            "{country} on {lifted_on}"
        );
    }
    assert!(!members("AU", "2024-01-01").contains("MLI"));
}

#[test]
fn turkmenistan_is_an_associate_member_of_the_cis_from_2005_not_an_observer() {
    assert_eq!(status_of("CIS", "TKM", "2005-08-25"), Some(Status::Member));
    assert_eq!(
        status_of("CIS", "TKM", "2005-08-26"),
        Some(Status::Associate)
    );
    assert_eq!(
        status_of("CIS", "TKM", "2012-05-15"),
        Some(Status::Associate)
    );
}

#[test]
fn the_eurasian_economic_union_is_founded_in_2015_after_the_customs_union_of_2010() {
    let Some(eaeu) = gazetteer().organisation("EAEU") else {
        panic!("the EAEU is in the gazetteer")
    };
    assert_eq!(eaeu.founded, date("2015-01-01"));
    // Its rows still run from the Customs Union of 2010, its precursor.
    assert!(members("EAEU", "2012-05-15").contains("KAZ"));
}

#[test]
fn each_organisation_has_the_kind_of_its_founding_act() {
    use alliance_map::model::scenario::GroupKind;
    for (id, kind) in [
        ("NATO", GroupKind::Alliance),
        ("CSTO", GroupKind::Alliance),
        ("EAEU", GroupKind::EconomicUnion),
        ("EU", GroupKind::EconomicUnion),
        ("CIS", GroupKind::Organisation),
        ("SCO", GroupKind::Organisation),
        ("GUAM", GroupKind::Organisation),
        ("AU", GroupKind::Organisation),
        ("ASEAN", GroupKind::Organisation),
        ("OSCE", GroupKind::Organisation),
    ] {
        let Some(org) = gazetteer().organisation(id) else {
            panic!("{id} is in the gazetteer")
        };
        assert_eq!(org.kind, kind, "{id}");
    }
}
