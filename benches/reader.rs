//! One frame of the reader's lookups on a 2 MB drafted article with a thousand excerpts: each
//! paragraph's marks read from the index built once per change, beside the naive baseline of
//! the old per-frame scan (every excerpt, the selected country's names, the find box's
//! matches, for every paragraph), in the same run; then building the index itself.

// The lints in Cargo.toml are the production code's policy; a test or a benchmark may
// panic on what it did not expect, and a scenario written out in full is one function.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    unreachable_pub
)]

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use alliance_map::World;
use alliance_map::model::date::Date;
use alliance_map::model::drafting::{Draft, DraftOptions};
use alliance_map::model::gazetteer::Gazetteer;
use alliance_map::model::mentions::find_terms;
use alliance_map::ui::reader_index::{ReaderIndex, naive_paragraph_marks, spans_within};
use criterion::{Criterion, criterion_group, criterion_main};

const BUNDLED_ARTICLE: &str = include_str!("../assets/articles/csto-nato-of-the-east.txt");

/// The bundled article's paragraphs repeated to just under 2 MB, after one title line.
fn two_megabyte_article() -> String {
    let mut text = String::from("A long analysis\n\n");
    let paragraphs: Vec<&str> = BUNDLED_ARTICLE
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    for paragraph in paragraphs.iter().cycle() {
        if text.len() + paragraph.len() + 2 > 2_000_000 {
            break;
        }
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text
}

fn reader(c: &mut Criterion) {
    let (Ok(world), Ok(gazetteer)) = (World::load_bundled(), Gazetteer::load_bundled()) else {
        panic!("the bundled world and gazetteer")
    };
    let text = two_megabyte_article();
    let options = DraftOptions {
        as_of: None,
        today: Date::constant(2026, 12, 4),
        language: None,
    };
    let path = Path::new("long.txt");
    let draft = match Draft::from_article(path, &text, "long.txt", &gazetteer, &world, options) {
        Ok(draft) => draft,
        Err(error) => panic!("{error}"),
    };
    // The proposed excerpts stay in the scenario, as if all were accepted.
    let scenario = match draft.scenario(&path.with_extension("json"), &world) {
        Ok(scenario) => Arc::new(scenario),
        Err(error) => panic!("{error}"),
    };
    let notes = Arc::new(draft.notes.clone());
    let selected = draft.notes.counts.first().map(|(code, _)| code.clone());
    let selected = selected.as_deref();
    let article = scenario.article();
    let found: Vec<_> = find_terms(article.text(), &["alliance"])
        .into_iter()
        .take(10_000)
        .collect();
    let paragraphs = article.paragraph_count();
    println!(
        "{} bytes, {paragraphs} paragraphs, {} excerpts, {} mentions, {} found, selected {selected:?}",
        article.text().len(),
        scenario.data().excerpts.len(),
        notes.mentions.len(),
        found.len()
    );
    let mut index = ReaderIndex::build(&scenario, Some(&notes));
    index.select(selected);

    let mut group = c.benchmark_group("reader lookups for one frame of a 2 MB draft");
    group.sample_size(10);
    group.bench_function("per-paragraph index built once", |b| {
        b.iter(|| {
            let mut marks = 0;
            for number in 1..=paragraphs {
                let Some(range) = article.paragraph_range(number) else {
                    continue;
                };
                let paragraph = index.paragraph(number).map_or(0, |p| {
                    p.excerpts.len() + p.drafted.len() + index.selected_mentions(number).len()
                });
                marks += paragraph + spans_within(&found, &range).len();
            }
            black_box(marks)
        })
    });
    group.bench_function("naive: every excerpt and name scanned per paragraph", |b| {
        b.iter(|| {
            let mut marks = 0;
            for number in 1..=paragraphs {
                let Some(range) = article.paragraph_range(number) else {
                    continue;
                };
                let (paragraph, mentions) =
                    naive_paragraph_marks(&scenario, Some(&notes), selected, number);
                let in_paragraph = found
                    .iter()
                    .filter(|f| range.start <= f.start && f.end <= range.end)
                    .count();
                marks += paragraph.excerpts.len()
                    + paragraph.drafted.len()
                    + mentions.len()
                    + in_paragraph;
            }
            black_box(marks)
        })
    });
    group.bench_function("building the index (once per change)", |b| {
        b.iter(|| {
            let mut index = ReaderIndex::build(black_box(&scenario), Some(&notes));
            index.select(selected);
            black_box(index.paragraph(1).map(|p| p.excerpts.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, reader);
criterion_main!(benches);
