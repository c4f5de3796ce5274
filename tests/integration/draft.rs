//! Drafting a scenario from an article: excerpts verbatim, groups as of the date, the `draft`
//! command, and the app opening an article as a draft.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

use alliance_map::layers::LayerId;
use alliance_map::model::date::Date;
use alliance_map::model::drafting::{Draft, DraftOptions};
use alliance_map::model::gazetteer::Gazetteer;
use alliance_map::model::scenario::Status;
use alliance_map::session::layer_label;
use egui_kittest::kittest::Queryable;

use crate::files::drop_file;
use crate::fixtures::{run_binary, temp_dir, write};
use crate::gazetteer::{TEST_ARTICLES, marked_countries, test_article};
use crate::ui::{painted, ui_harness};
use crate::world::world;

const BUNDLED_ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");
const BUNDLED_SCENARIO: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");

fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(error) => panic!("{error}"),
    }
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

/// Runs `alliance-map draft ARTICLE [OPTIONS] -o OUTPUT`.
fn run_draft(article: &Path, options: &[&str], output: &Path) -> Output {
    let mut args: Vec<&OsStr> = vec!["draft".as_ref(), article.as_os_str()];
    args.extend(options.iter().map(OsStr::new));
    args.extend(["-o".as_ref(), output.as_os_str()]);
    run_binary(args)
}

/// The command exited 0; otherwise its output is shown.
fn succeeded(run: &Output) {
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// `text` drafted as the file `name`, on the bundled gazetteer, today being 1 January 2026.
pub(crate) fn draft_of(name: &str, text: &str, as_of: Option<Date>) -> Draft {
    let Ok(gazetteer) = Gazetteer::bundled() else {
        panic!("the bundled gazetteer")
    };
    let options = DraftOptions {
        as_of,
        today: date("2026-01-01"),
        language: None,
    };
    match Draft::from_article(Path::new(name), text, name, gazetteer, world(), options) {
        Ok(draft) => draft,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn every_proposed_excerpt_is_verbatim_in_its_own_paragraph_and_the_draft_passes_the_checks() {
    let articles: Vec<(&str, String)> = TEST_ARTICLES
        .iter()
        .map(|name| (*name, test_article(name)))
        .chain([("bundled", BUNDLED_ARTICLE.to_string())])
        .collect();
    for (name, text) in articles {
        let draft = draft_of(&format!("{name}.txt"), &text, None);
        assert!(!draft.data.excerpts.is_empty(), "{name}");
        let scenario = match draft.scenario(Path::new("draft.json"), world()) {
            Ok(scenario) => scenario,
            Err(error) => panic!("{name}: {error}"),
        };
        assert_eq!(
            scenario.warning_count(),
            0,
            "{name}: {:?}",
            scenario.warnings()
        );
        let article = scenario.article();
        for excerpt in &draft.data.excerpts {
            assert!(text.contains(&excerpt.quote), "{name}: {}", excerpt.quote);
            let Some(paragraph) = article.paragraph(excerpt.paragraph) else {
                panic!("{name}: ¶{}", excerpt.paragraph)
            };
            assert!(
                paragraph.contains(&excerpt.quote),
                "{name}: {}",
                excerpt.quote
            );
            assert!(!excerpt.countries.is_empty() || !excerpt.groups.is_empty());
        }
    }
}

#[test]
fn the_sentences_proposed_are_those_that_name_a_place_or_an_organisation() {
    let draft = draft_of("south-caucasus.txt", &test_article("south-caucasus"), None);
    let quotes: Vec<&str> = draft
        .data
        .excerpts
        .iter()
        .map(|e| e.quote.as_str())
        .collect();
    assert!(
        quotes.contains(&"Azerbaijan emerged as the winner."),
        "{quotes:?}"
    );
    assert!(quotes.contains(&"Georgia watches nervously."), "{quotes:?}");
    // Names nothing the gazetteer knows as a country or an organisation.
    assert!(
        !quotes
            .iter()
            .any(|q| q.starts_with("Yet many Armenians") && q.contains("Nagorno")),
        "{quotes:?}"
    );
    assert!(!quotes.contains(&"Six months after the war over Nagorno-Karabakh, the balance of the South Caucasus has shifted."));
    let Some(last) = draft.data.excerpts.last() else {
        panic!("no excerpt")
    };
    assert_eq!(last.paragraph, 6);
    assert_eq!(last.groups, ["EU", "OSCE"]);
    assert_eq!(last.countries, ["FRA", "RUS", "USA"]);
}

#[test]
fn the_article_date_comes_from_the_first_paragraph_or_the_user_or_today() {
    let caucasus = draft_of("c.txt", &test_article("south-caucasus"), None);
    assert_eq!(caucasus.data.article.date, date("2021-03-12"));
    assert!(caucasus.data.article.date_basis.contains("12 March 2021"));
    let chosen = draft_of(
        "c.txt",
        &test_article("south-caucasus"),
        Some(date("2000-01-01")),
    );
    assert_eq!(chosen.data.article.date, date("2000-01-01"));
    // The bundled article says "May 15" without a year.
    let bundled = draft_of("b.txt", BUNDLED_ARTICLE, None);
    assert_eq!(bundled.data.article.date, date("2026-01-01"));
}

#[test]
fn organisations_named_become_groups_with_their_membership_as_of_the_article_date() {
    let draft = draft_of("sco.txt", &test_article("sco-summit"), None);
    let groups: Vec<&str> = draft.data.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["SCO"]);
    let scenario = match draft.scenario(Path::new("sco.json"), world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("{error}"),
    };
    let on_the_day: BTreeSet<String> = scenario
        .statuses_in("SCO", date("2024-07-04"))
        .into_iter()
        .filter(|(_, status)| *status == Status::Member)
        .map(|(code, _)| code.to_string())
        .collect();
    assert_eq!(on_the_day.len(), 10);
    assert!(on_the_day.contains("BLR"));
    assert!(
        !scenario
            .statuses_in("SCO", date("2024-07-03"))
            .iter()
            .any(|(c, _)| *c == "BLR")
    );
}

#[test]
fn html_is_drafted_from_its_text_without_tags() {
    let html = "<html><head><title>Pipelines</title><style>p{}</style></head><body>\
                <p>Azerbaijan &amp; Armenia signed in <b>Washington</b> on 8 August 2025.</p>\
                <p>Russia's role shrank.</p></body></html>";
    let draft = draft_of("page.html", html, None);
    assert!(!draft.article_text.contains('<'));
    assert_eq!(draft.data.article.title, "Pipelines");
    assert_eq!(draft.data.article.date, date("2025-08-08"));
    assert_eq!(draft.countries(), ["ARM", "AZE", "RUS", "USA"]);
    assert_eq!(
        draft.data.excerpts[0].quote,
        "Azerbaijan & Armenia signed in Washington on 8 August 2025."
    );
}

#[test]
fn a_two_megabyte_article_drafts_without_hanging() {
    let paragraph = test_article("traps").replace('\n', " ");
    let mut text = String::from("A long article\n\n");
    while text.len() < 2_000_000 - paragraph.len() {
        text.push_str(&paragraph);
        text.push('\n');
    }
    let draft = draft_of("long.txt", &text, None);
    assert_eq!(
        draft.countries().into_iter().collect::<BTreeSet<_>>(),
        marked_countries("traps")
            .iter()
            .map(String::as_str)
            .collect()
    );
}

#[test]
fn the_draft_command_on_the_bundled_article_finds_every_country_the_bundled_scenario_marks() {
    let directory = temp_dir();
    let output = directory.path().join("csto.json");
    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/csto-nato-of-the-east.txt");
    succeeded(&run_draft(&article, &[], &output));
    // The article lies outside the output's folder: its text is written beside the output.
    assert!(directory.path().join("csto.article.txt").is_file());
    succeeded(&run_binary(["check".as_ref(), output.as_os_str()]));
    let drafted: serde_json::Value = match serde_json::from_str(&read(&output)) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    let bundled: serde_json::Value = match serde_json::from_str(BUNDLED_SCENARIO) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    };
    let codes = |value: &serde_json::Value, list: &str, field: &str| -> BTreeSet<String> {
        value[list]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|item| match &item[field] {
                serde_json::Value::Array(codes) => codes.clone(),
                other => vec![other.clone()],
            })
            .filter_map(|code| code.as_str().map(str::to_string))
            .collect()
    };
    let found = codes(&drafted, "mentions", "country");
    let marked: BTreeSet<String> = codes(&bundled, "mentions", "country")
        .union(&codes(&bundled, "excerpts", "countries"))
        .cloned()
        .collect();
    assert!(
        marked.is_subset(&found),
        "missing: {:?}",
        marked.difference(&found).collect::<Vec<_>>()
    );
}

#[test]
fn the_draft_command_names_an_article_beside_its_output_and_honours_as_of() {
    let directory = temp_dir();
    let article = directory.path().join("caucasus.txt");
    write(&article, test_article("south-caucasus"));
    let output = directory.path().join("caucasus.json");
    succeeded(&run_draft(&article, &["--as-of", "2019-06-01"], &output));
    let text = read(&output);
    assert!(text.contains("\"text\": \"caucasus.txt\""), "{text}");
    assert!(text.contains("\"date\": \"2019-06-01\""), "{text}");
    assert!(!directory.path().join("caucasus.article.txt").exists());
    succeeded(&run_binary(["check".as_ref(), output.as_os_str()]));
}

#[test]
fn the_draft_command_refuses_an_article_without_paragraphs_naming_it() {
    let directory = temp_dir();
    let article = directory.path().join("title-only.txt");
    write(&article, "Only a title\n");
    let output = directory.path().join("out.json");
    let run = run_draft(&article, &[], &output);
    assert_eq!(run.status.code(), Some(1));
    let message = String::from_utf8_lossy(&run.stderr);
    assert!(
        message.contains("title-only.txt") && message.contains("no paragraphs"),
        "{message}"
    );
    assert!(!output.exists());
}

#[test]
fn opening_an_article_in_the_app_shows_its_draft_with_the_mentioned_layer_and_proposed_excerpts() {
    let mut harness = ui_harness();
    let directory = temp_dir();
    let article = directory.path().join("traps.txt");
    write(&article, test_article("traps"));
    drop_file(&mut harness, &article);
    let app = harness.state();
    let Some(draft) = app.draft() else {
        panic!("no draft: {:?}", app.messages().last().map(|m| &m.text))
    };
    assert_eq!(draft.counts.len(), marked_countries("traps").len());
    assert!(app.layers().layer_ids().contains(&LayerId::Mentioned));
    let label = layer_label(app.layers(), LayerId::Mentioned);
    assert_eq!(label, "Mentioned (14 countries)");
    assert!(painted(&harness, LayerId::Mentioned) > 0);
    // The reader is open on the draft and lists the mentions to confirm.
    harness.get_by_label_contains("uncertain mentions (underlined)");
    harness.get_by_label_contains("\"Congo\": names COD or COG");
    // The proposed excerpts wait in the editor, to be accepted or dropped; the three a
    // proposed tension cites come with it, listed among the proposed tensions.
    harness.get_by_label_contains("Proposed excerpts (8)");
    harness.get_by_label_contains("Proposed tensions (3)");
    let excerpt = "Chadian troops patrolled the frontier with Sudan";
    assert!(harness.query_all_by_label_contains(excerpt).count() >= 1);
    // The layer is switched off and on from the legend.
    harness.get_by_label(&label).click();
    harness.run();
    assert_eq!(painted(&harness, LayerId::Mentioned), 0);
    harness.get_by_label(&label).click();
    harness.run();
    assert!(painted(&harness, LayerId::Mentioned) > 0);
}

#[test]
fn pasting_text_on_the_map_drafts_a_scenario_from_it() {
    let mut harness = ui_harness();
    harness.event(egui::Event::Paste(test_article("sco-summit")));
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.scenario().meta().title,
        "The Shanghai Cooperation Organisation at Twenty-Three"
    );
    let Some(draft) = app.draft() else {
        panic!("no draft")
    };
    assert_eq!(draft.counts.len(), marked_countries("sco-summit").len());
    assert!(app.messages().iter().any(|m| {
        m.text
            .starts_with("Drafted a scenario from pasted-article.txt")
    }));
}

#[test]
fn a_two_megabyte_single_paragraph_proposes_a_bounded_number_of_excerpts() {
    let sentence = "Georgia voted in Atlanta while Georgia's neighbour Armenia watched. ";
    let mut text = String::from("One line\n");
    while text.len() < 2_000_000 - sentence.len() {
        text.push_str(sentence);
    }
    let draft = draft_of("line.txt", &text, None);
    let checked = draft.scenario(Path::new("line.json"), world());
    assert!(
        checked.is_ok(),
        "{:?}",
        checked.err().map(|e| e.to_string())
    );
    assert_eq!(
        draft.data.excerpts.len(),
        alliance_map::model::drafting::MAX_PROPOSED
    );
    assert!(draft.notes.not_proposed > 20_000);
    assert_eq!(draft.countries(), ["ARM"]);
}

#[test]
fn the_draft_command_writes_nothing_when_its_output_is_the_article() {
    let directory = temp_dir();
    let article = directory.path().join("page.html");
    let page = "<title>Baku</title><p>Azerbaijan and Armenia met in Washington.</p>";
    write(&article, page);
    let run = run_draft(&article, &[], &article);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("one of the files read"));
    assert_eq!(read(&article), page);
    assert!(!directory.path().join("page.article.txt").exists());
}

#[test]
fn two_megabytes_of_one_country_on_one_line_draft_to_one_mention_count() {
    let mut text = String::from("Georgia\n\n");
    while text.len() < 1_990_000 {
        text.push_str("Georgia ");
    }
    let draft = draft_of("georgia.txt", &text, None);
    assert_eq!(draft.countries(), ["GEO"]);
    // One Georgia beside a cue on a 1 MB line: every mention on that line is uncertain.
    let mut text = String::from("Atlanta\n\n");
    while text.len() < 1_000_000 {
        text.push_str("Georgia Atlanta ");
    }
    let draft = draft_of("atlanta.txt", &text, None);
    assert!(draft.countries().is_empty());
    assert!(draft.notes.uncertain().count() > 60_000);
}

#[test]
fn hostile_html_drafts_keeping_only_what_a_reader_sees() {
    let mut scripts = String::from("<title>Scripts</title><p>Armenia and Azerbaijan met.</p>");
    for _ in 0..117_000 {
        scripts.push_str("<script>var a = 1;</script>");
    }
    let draft = draft_of("scripts.html", &scripts, None);
    assert!(!draft.article_text.contains("var a"));
    assert_eq!(draft.countries(), ["ARM", "AZE"]);

    let ampersands = format!("<title>Amps</title><p>Russia {}</p>", "&".repeat(1_900_000));
    let draft = draft_of("amps.html", &ampersands, None);
    assert!(draft.article_text.contains("Russia &&&"));

    let companies = format!(
        "<title>AT&amp;T</title><p>{}Kazakhstan.</p>",
        "AT&T ".repeat(380_000)
    );
    let draft = draft_of("att.html", &companies, None);
    assert_eq!(draft.data.article.title, "AT&T");
    assert_eq!(draft.countries(), ["KAZ"]);

    // Unclosed elements nested deep are read without recursion.
    let deep = format!(
        "<title>Deep</title>{}<p>Belarus votes.</p>",
        "<div>".repeat(100_000)
    );
    let draft = draft_of("deep.html", &deep, None);
    assert_eq!(draft.countries(), ["BLR"]);
}

#[test]
fn an_html_page_is_read_as_its_reader_sees_it_entities_decoded_menus_and_scripts_left_out() {
    let page = r#"<!doctype html><html><head><title>Caspian pipelines</title>
        <meta property="article:published_time" content="2023-04-06T07:30:00+00:00">
        <meta name="author" content="Staff Analyst">
        <script>document.write("<p>China</p>")</script><style>p { color: red }</style></head>
        <body><header><nav><a href="/">Home</a> <a href="/fr">France</a> <a href="/de">Germany</a></nav></header>
        <div class="cookie-banner">We use cookies; Italy users click here.</div>
        <main><article><h1>Caspian pipelines</h1>
        <p>Azerbaijan and Turkmenistan agreed to study a pipeline under the Caspian&hellip; Iran
        objected, as it has for decades, and Russia kept its counsel.</p>
        <p>Kazakhstan&rsquo;s oil, meanwhile, still flows through Russia &mdash; for now.</p>
        </article></main>
        <aside class="related"><p>Read also: Spain, Portugal and Greece at the polls, again.</p></aside>
        <footer>&copy; 2023 Poland Media</footer></body></html>"#;
    let draft = draft_of("pipelines.html", page, None);
    assert_eq!(
        draft.article_text,
        "Caspian pipelines\n\nAzerbaijan and Turkmenistan agreed to study a pipeline under the \
         Caspian… Iran objected, as it has for decades, and Russia kept its counsel.\n\n\
         Kazakhstan’s oil, meanwhile, still flows through Russia — for now.\n"
    );
    assert_eq!(draft.countries(), ["AZE", "IRN", "KAZ", "RUS", "TKM"]);
    assert_eq!(draft.data.article.date, date("2023-04-06"));
    assert_eq!(draft.data.article.author, "Staff Analyst");
    for excerpt in &draft.data.excerpts {
        assert!(
            draft.article_text.contains(&excerpt.quote),
            "{}",
            excerpt.quote
        );
    }
    let timed = "<title>T</title><p>By Jane Doe, <time datetime=\"2020-09-25T10:00\">Sept. 25</time></p>\
                 <p>Armenia and Azerbaijan met in Moscow.</p>";
    assert_eq!(
        draft_of("t.html", timed, None).data.article.date,
        date("2020-09-25")
    );
}

#[test]
fn the_article_date_and_byline_are_read_in_the_ways_articles_write_them() {
    let cases = [
        (
            "Summit\n\nBy Staff Analyst\n\nApril 6, 2023\n\nArmenia and Azerbaijan met.\n",
            "2023-04-06",
        ),
        (
            "Summit\n\nBy Staff Analyst | Sept. 25, 2020\n\nArmenia and Azerbaijan met.\n",
            "2020-09-25",
        ),
        (
            "Summit\n\nTBILISI, 6 April 2023 — Armenia and Azerbaijan met.\n",
            "2023-04-06",
        ),
        (
            "Summit\n\nPublished 2021-03-12\n\nBy Staff Analyst\n\nArmenia met Azerbaijan.\n",
            "2021-03-12",
        ),
    ];
    for (text, expected) in cases {
        let draft = draft_of("a.txt", text, None);
        assert_eq!(draft.data.article.date, date(expected), "{text}");
    }
    let draft = draft_of("a.txt", cases[0].0, None);
    assert_eq!(draft.data.article.author, "Staff Analyst");
    assert!(draft.data.article.date_basis.contains("April 6, 2023"));
    // The byline stays a paragraph of the article: only a line that is the author's name alone
    // ends the numbered paragraphs.
    assert!(draft.scenario(Path::new("a.json"), world()).is_ok());
}

#[test]
fn guam_the_organisation_island_at_a_sentence_start_and_the_bishkek_protocol_are_not_places() {
    let Ok(gazetteer) = Gazetteer::bundled() else {
        panic!("the bundled gazetteer")
    };
    let text =
        "GUAM met in Kyiv. Island nations worried. The Bishkek Protocol held. Guam hosts a base.";
    let named: Vec<(&str, String)> = gazetteer
        .mentions(text)
        .into_iter()
        .map(|m| {
            let what = match m.referent {
                alliance_map::model::gazetteer::Referent::Country(code) => code,
                alliance_map::model::gazetteer::Referent::Organisation(id) => format!("org {id}"),
                alliance_map::model::gazetteer::Referent::Countries(codes) => codes.join("|"),
            };
            (&text[m.range], what)
        })
        .collect();
    assert_eq!(
        named,
        [
            ("GUAM", "org GUAM".to_string()),
            ("Kyiv", "UKR".into()),
            ("Guam", "GUM".into())
        ]
    );
}

#[test]
fn chad_and_jordan_among_their_neighbours_are_the_states_and_alone_stay_uncertain() {
    let text = "Sahel\n\nChad, Niger, Nigeria, Cameroon and Sudan pledged troops. \
                Chad leads the force.\n\nJordan, Syria and Iraq share the aquifer.\n\n\
                Chad Smith scored twice.\n";
    let draft = draft_of("sahel.txt", text, None);
    assert_eq!(
        draft.countries(),
        ["CMR", "IRQ", "JOR", "NER", "NGA", "SDN", "SYR", "TCD"]
    );
    assert_eq!(draft.notes.count_for("TCD"), 2);
    assert_eq!(draft.notes.uncertain().count(), 1);
}

#[test]
fn nato_is_the_same_blue_in_a_drafted_scenario_as_in_the_bundled_one() {
    use alliance_map::layers::MapLayers;
    use alliance_map::render::style::Palette;
    let palette = Palette::for_theme(false);
    let color_of = |layers: &MapLayers, id: &str| {
        let Some(group) = layers.groups.iter().find(|group| group.id == id) else {
            panic!("{id} is drawn")
        };
        (group.group_index, palette.group_color(group))
    };
    let Ok(bundled) = alliance_map::model::scenario::Scenario::load_bundled(world()) else {
        panic!("the bundled scenario loads")
    };
    let bundled_layers = MapLayers::build(world(), &bundled, bundled.date());
    let text = "NATO first\n\nNATO and the European Union met in Brussels on 12 March 2021. \
                Russia's CSTO answered from Moscow; the Shanghai Cooperation Organisation said \
                nothing.\n";
    let draft = draft_of("nato-first.txt", text, None);
    let drafted = match draft.scenario(Path::new("nato-first.json"), world()) {
        Ok(scenario) => scenario,
        Err(error) => panic!("the draft is a scenario: {error}"),
    };
    let drafted_layers = MapLayers::build(world(), &drafted, drafted.date());
    let (bundled_index, bundled_blue) = color_of(&bundled_layers, "NATO");
    let (drafted_index, drafted_blue) = color_of(&drafted_layers, "NATO");
    assert_ne!(
        bundled_index, drafted_index,
        "NATO stands elsewhere in the two"
    );
    assert_eq!(bundled_blue, drafted_blue);
    assert_eq!(
        color_of(&bundled_layers, "CSTO").1,
        color_of(&drafted_layers, "CSTO").1
    );
    let drafted_colors: BTreeSet<[u8; 4]> = drafted_layers
        .groups
        .iter()
        .map(|group| palette.group_color(group).to_array())
        .collect();
    assert_eq!(drafted_colors.len(), drafted_layers.groups.len());
}

#[test]
fn a_group_without_a_colour_in_data_never_takes_one_another_group_has() {
    use alliance_map::layers::MapLayers;
    use alliance_map::render::style::Palette;
    let Ok(bundled) = alliance_map::model::scenario::Scenario::load_bundled(world()) else {
        panic!("the bundled scenario loads")
    };
    let layers = MapLayers::build(world(), &bundled, bundled.date());
    let palette = Palette::for_theme(true);
    let spare: Vec<_> = layers.groups.iter().filter(|g| g.rgb.is_none()).collect();
    assert!(
        !spare.is_empty(),
        "the bundled scenario has groups of its own (CU, TGA)"
    );
    let colors: Vec<[u8; 4]> = layers
        .groups
        .iter()
        .map(|group| palette.group_color(group).to_array())
        .collect();
    let distinct: BTreeSet<[u8; 4]> = colors.iter().copied().collect();
    assert_eq!(distinct.len(), colors.len(), "{colors:?}");
}
