//! Drafting a scenario from a 2 MB article (the largest the app opens): finding every name of
//! the gazetteer in one Aho-Corasick pass, beside the naive baseline of one scan of the text per
//! name, in the same run; then the whole draft, and the draft checked as a scenario.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use alliance_map::World;
use alliance_map::model::date::Date;
use alliance_map::model::drafting::{Draft, DraftOptions};
use alliance_map::model::gazetteer::{Gazetteer, naive_mentions};
use criterion::{Criterion, criterion_group, criterion_main};

const ARTICLES: [&str; 4] = [
    include_str!("../assets/articles/csto-nato-of-the-east.txt"),
    include_str!("../tests/data/articles/sco-summit.txt"),
    include_str!("../tests/data/articles/south-caucasus.txt"),
    include_str!("../tests/data/articles/traps.txt"),
];

/// Just under 2 MB of real articles' paragraphs, repeated, after one title line.
fn two_megabyte_article() -> String {
    let mut text = String::from("A long analysis\n\n");
    'fill: loop {
        for article in ARTICLES {
            for line in article.lines().skip(1).filter(|l| !l.trim().is_empty()) {
                if text.len() + line.len() + 2 > 2_000_000 {
                    break 'fill;
                }
                text.push_str(line);
                text.push_str("\n\n");
            }
        }
    }
    text
}

fn drafting(c: &mut Criterion) {
    let (Ok(world), Ok(gazetteer)) = (World::load_bundled(), Gazetteer::load_bundled()) else {
        panic!("the bundled world and gazetteer")
    };
    let text = two_megabyte_article();
    let ours = gazetteer.mentions(&text).len();
    let naive = naive_mentions(&gazetteer, &text).len();
    println!(
        "2 MB article: {ours} mentions (Aho-Corasick, case rules), {naive} word finds (naive)"
    );
    let mut group = c.benchmark_group("names found in a 2 MB article");
    group.sample_size(10);
    group.bench_function("one leftmost-longest Aho-Corasick pass", |b| {
        b.iter(|| black_box(gazetteer.mentions(black_box(&text))))
    });
    group.bench_function("naive: one scan of the text per name", |b| {
        b.iter(|| black_box(naive_mentions(&gazetteer, black_box(&text))))
    });
    group.finish();

    let options = DraftOptions {
        as_of: None,
        today: Date::constant(2026, 12, 4),
    };
    let draft = |text: &str| {
        Draft::from_article(
            Path::new("long.txt"),
            text,
            "long.txt",
            &gazetteer,
            &world,
            options,
        )
    };
    let mut group = c.benchmark_group("drafting a 2 MB article");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("draft (mentions, excerpts, groups)", |b| {
        b.iter(|| black_box(draft(black_box(&text)).map(|d| d.data.excerpts.len())))
    });
    group.bench_function("draft and check it as a scenario", |b| {
        b.iter(|| {
            let checked = draft(black_box(&text))
                .ok()
                .map(|d| d.scenario(Path::new("long.json"), &world).is_ok());
            black_box(checked)
        })
    });
    group.finish();
}

criterion_group!(benches, drafting);
criterion_main!(benches);
