//! Drafting a scenario from a 2 MB article (the largest the app opens): finding every name of
//! the gazetteer in one Aho-Corasick pass, beside the naive baseline of one scan of the text per
//! name, in the same run; reading relations with the dictionary's automaton beside one search
//! per cue phrase and sentence; the hostile shapes of issue 25 (one 2 MB line of "Georgia ",
//! 117k `<script>` tags, 1.9 MB of `&`) beside the per-mention line rescan they once cost; then
//! the whole draft, and the draft checked as a scenario.

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
use std::time::Duration;

use alliance_map::World;
use alliance_map::model::date::Date;
use alliance_map::model::drafting::relations::Relations;
use alliance_map::model::drafting::text::sentences;
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

    let Ok(relations) = Relations::load_bundled() else {
        panic!("the bundled relation dictionary")
    };
    let all_sentences: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .flat_map(|(start, line)| {
            sentences(line)
                .into_iter()
                .map(move |range| (start + range.start, &line[range]))
        })
        .collect();
    let mentions = gazetteer.mentions(&text);
    let plain: Vec<&str> = all_sentences.iter().map(|(_, s)| *s).collect();
    let mut group = c.benchmark_group("relations read in a 2 MB article");
    group.sample_size(10);
    group.bench_function("dictionary automaton, sentences naming two parties", |b| {
        b.iter(|| {
            let mut next = 0;
            let mut found = 0;
            for &(start, sentence) in &all_sentences {
                while mentions.get(next).is_some_and(|m| m.range.start < start) {
                    next += 1;
                }
                let end = start + sentence.len();
                let count = mentions[next..]
                    .iter()
                    .take_while(|m| m.range.end <= end)
                    .count();
                if count >= 2 {
                    let named = &mentions[next..next + count];
                    found += usize::from(relations.in_sentence(sentence, start, named).is_some());
                }
            }
            black_box(found)
        })
    });
    group.bench_function("naive: one search per cue phrase and sentence", |b| {
        b.iter(|| black_box(relations.naive_cue_count(black_box(&plain))))
    });
    group.finish();

    let options = DraftOptions {
        as_of: None,
        today: Date::constant(2026, 12, 4),
        language: None,
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

/// The slow way the cue search once took, the hostile benchmarks' baseline: for each mention,
/// the paragraph around it found by scanning back and forth, then searched for the cue.
fn naive_cue_rescan(text: &str, mentions: &[std::ops::Range<usize>], cue: &str) -> usize {
    mentions
        .iter()
        .filter(|range| {
            let start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
            let end = text[range.end..]
                .find('\n')
                .map_or(text.len(), |at| range.end + at);
            text[start..end].contains(cue)
        })
        .count()
}

fn hostile(c: &mut Criterion) {
    let (Ok(world), Ok(gazetteer)) = (World::load_bundled(), Gazetteer::load_bundled()) else {
        panic!("the bundled world and gazetteer")
    };
    let options = DraftOptions {
        as_of: None,
        today: Date::constant(2026, 12, 4),
        language: None,
    };
    let draft = |name: &str, text: &str| {
        Draft::from_article(Path::new(name), text, name, &gazetteer, &world, options)
            .map(|d| d.data.excerpts.len())
    };
    let mut georgia = String::from("Georgia\n\n");
    while georgia.len() < 1_990_000 {
        georgia.push_str("Georgia ");
    }
    let mut scripts = String::from("<title>Scripts</title><p>Armenia and Azerbaijan met.</p>");
    for _ in 0..117_000 {
        scripts.push_str("<script>var a = 1;</script>");
    }
    let ampersands = format!("<title>Amps</title><p>Russia {}</p>", "&".repeat(1_900_000));
    let mut group = c.benchmark_group("hostile drafts at 2 MB (issue 25)");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("one 2 MB line of \"Georgia \": draft", |b| {
        b.iter(|| black_box(draft("georgia.txt", black_box(&georgia))))
    });
    // The baseline on a tenth of the line: on all of it, it runs for minutes.
    let tenth = &georgia[..200_000];
    let tenth_mentions: Vec<_> = gazetteer
        .mentions(tenth)
        .into_iter()
        .map(|m| m.range)
        .collect();
    group.bench_function(
        "naive: a 200 kB line rescanned per mention for a cue",
        |b| b.iter(|| black_box(naive_cue_rescan(tenth, &tenth_mentions, "Atlanta"))),
    );
    group.bench_function("117k <script> tags: draft", |b| {
        b.iter(|| black_box(draft("scripts.html", black_box(&scripts))))
    });
    group.bench_function("1.9 MB of '&': draft", |b| {
        b.iter(|| black_box(draft("amps.html", black_box(&ampersands))))
    });
    group.finish();
}

criterion_group!(benches, drafting, hostile);
criterion_main!(benches);
