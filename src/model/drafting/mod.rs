//! Drafting a scenario from an article: the countries, capitals, demonyms and organisations it
//! names, the sentences that name them as proposed excerpts, and the organisations as groups
//! with their membership from the gazetteer.

pub mod html;
pub mod relations;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use super::arc::distance_km;
use super::date::Date;
use super::files::normalize_text;
use super::gazetteer::{Gazetteer, Language, Mention, Organisation, Referent};
use super::geo::LonLat;
use super::scenario::{
    Article, ArticleMeta, Excerpt, FORMAT, Group, MapSettings, Membership, Mention as Terms,
    Modality, Proposal, Scenario, ScenarioData, ScenarioError, Tension, VERSION,
};
use super::world::World;
use relations::{Polarity, Relation, Relations};

/// What the article's author is called until the user names them: a line that will never be
/// an article's own, since the byline ends the numbered paragraphs.
pub const AUTHOR_NOT_GIVEN: &str = "(author not given)";

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("{file}: has no paragraphs after its title line, so there is nothing to draft from")]
    NoParagraphs { file: std::path::PathBuf },
}

/// What the user chose for the draft.
#[derive(Clone, Copy, Debug)]
pub struct DraftOptions {
    /// The date the organisations' membership and the map are shown for; without it, a date
    /// written in the title or first paragraph, else `today`.
    pub as_of: Option<Date>,
    pub today: Date,
    /// The language the article is written in; without it, the one its text reads as.
    pub language: Option<Language>,
}

/// A drafted scenario and what the drafting found, kept apart from the scenario itself.
#[derive(Clone, Debug)]
pub struct Draft {
    /// An ordinary scenario: passes the same checks as a hand-written one.
    pub data: ScenarioData,
    /// The text the scenario's article file must hold (HTML stripped, line endings normalised).
    pub article_text: String,
    pub notes: DraftNotes,
}

/// What the drafting found beyond the scenario: the mentions, sure and uncertain, and their
/// counts. (The proposed excerpts are the draft's excerpts; the app's editor keeps them apart
/// until accepted.)
#[derive(Clone, Debug, Default)]
pub struct DraftNotes {
    /// Every mention in [`Draft::article_text`], sure and uncertain, in text order.
    pub mentions: Vec<Mention>,
    /// Sure mentions per country (a capital or demonym counts for its country), most first.
    pub counts: Vec<(String, usize)>,
    /// Sentences naming a place that were not proposed, past the first [`MAX_PROPOSED`].
    pub not_proposed: usize,
    /// The relation each proposed excerpt's sentence states, by excerpt id: tensions,
    /// cooperation, negated and denied ones alike (only tensions become proposals).
    pub relations: Vec<(String, Relation)>,
}

impl DraftNotes {
    /// The mentions the user should confirm.
    pub fn uncertain(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| m.uncertain.is_some())
    }

    /// What drafting finds in `article`: the notes a drafted scenario restored from its
    /// autosave gets back, as they were when it was drafted.
    pub fn of_article(article: &Article, gazetteer: &Gazetteer, world: &World) -> DraftNotes {
        let language = Language::detect(article.text());
        find_in(article, gazetteer, world, language).0
    }

    pub fn count_for(&self, code: &str) -> usize {
        self.counts
            .iter()
            .find(|(c, _)| c == code)
            .map_or(0, |(_, n)| *n)
    }
}

impl Draft {
    /// Drafts a scenario from an article read from `path` (HTML when its extension says so);
    /// `article_file` is the path the scenario gives for its article text.
    pub fn from_article(
        path: &Path,
        raw_text: &str,
        article_file: &str,
        gazetteer: &Gazetteer,
        world: &World,
        options: DraftOptions,
    ) -> Result<Draft, DraftError> {
        let is_html = path
            .extension()
            .is_some_and(|e| matches!(e.to_string_lossy().to_lowercase().as_str(), "html" | "htm"));
        let page = if is_html {
            html::html_to_text(raw_text)
        } else {
            html::HtmlArticle {
                text: normalize_text(raw_text),
                ..Default::default()
            }
        };
        let author = page
            .author
            .clone()
            .or_else(|| text::byline_author(&page.text))
            .unwrap_or_else(|| AUTHOR_NOT_GIVEN.into());
        let article = Article::new(&page.text, &author);
        if article.paragraph_count() == 0 {
            return Err(DraftError::NoParagraphs {
                file: path.to_path_buf(),
            });
        }
        let language = options
            .language
            .unwrap_or_else(|| Language::detect(article.text()));
        let (notes, excerpts) = find_in(&article, gazetteer, world, language);
        let mentions = &notes.mentions;
        let (date, date_basis) = article_date(&article, page.published, options);
        let named_orgs = organisations_named(mentions, gazetteer);
        let data = ScenarioData {
            format: FORMAT.into(),
            version: VERSION,
            id: slug(path),
            article: ArticleMeta {
                title: title(article.text()),
                author,
                author_note: None,
                publication: None,
                publication_note: None,
                date,
                date_basis,
                text: article_file.into(),
                published: None,
                cited_author: None,
            },
            groups: named_orgs.iter().map(|org| group(org)).collect(),
            memberships: named_orgs
                .iter()
                .flat_map(|org| memberships(org, world))
                .collect(),
            actors: Vec::new(),
            leaders: Vec::new(),
            mentions: terms_by_country(&article, mentions, world),
            tensions: proposed_tensions(article.text(), &notes.relations),
            map: MapSettings::default(),
            story: Vec::new(),
            excerpts,
        };
        Ok(Draft {
            article_text: article.text().to_string(),
            data,
            notes,
        })
    }

    /// The draft as a checked scenario, as if read from `scenario_path`.
    pub fn scenario(&self, scenario_path: &Path, world: &World) -> Result<Scenario, ScenarioError> {
        let json =
            serde_json::to_string_pretty(&self.data).map_err(|error| ScenarioError::Json {
                file: scenario_path.to_path_buf(),
                path: "$".into(),
                message: error.to_string(),
                line: 0,
                column: 0,
            })?;
        let text = self.article_text.clone();
        Scenario::from_text(scenario_path, &json, |_| Ok(text), world)
    }

    /// The sure countries the article names, sorted by code.
    pub fn countries(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.notes.counts.iter().map(|(c, _)| c.as_str()).collect();
        codes.sort();
        codes
    }
}

/// The mentions in `article`, their counts, the excerpts proposed from them and the relations
/// their sentences state.
fn find_in(
    article: &Article,
    gazetteer: &Gazetteer,
    world: &World,
    language: Language,
) -> (DraftNotes, Vec<Excerpt>) {
    let mut mentions = gazetteer.mentions_in(article.text(), language);
    confirm_ambiguous_names(article.text(), &mut mentions, gazetteer, world);
    let relations = Relations::bundled().ok();
    let proposed = propose_excerpts(article, &mentions, world, relations);
    let notes = DraftNotes {
        counts: counts(&mentions, world),
        not_proposed: proposed.not_proposed,
        relations: proposed.relations,
        mentions,
    };
    (notes, proposed.excerpts)
}

/// How far from an ambiguous country the countries confirming it may lie.
const REGION_KM: f64 = 2_000.0;
/// How many countries of its region a paragraph must surely name to confirm an ambiguous name.
const CONFIRMING_COUNTRIES: usize = 2;

/// An ambiguous country name ("Chad", "Jordan": also first names) is sure where its paragraph
/// surely names at least [`CONFIRMING_COUNTRIES`] other countries within [`REGION_KM`] of it:
/// "Chad" beside Sudan and Niger is the state. Names uncertain for a cue ("Georgia" beside
/// "Atlanta") or naming two states ("Congo") stay uncertain.
fn confirm_ambiguous_names(
    text: &str,
    mentions: &mut [Mention],
    gazetteer: &Gazetteer,
    world: &World,
) {
    let place = |code: &str| world.by_code(code).map(|c| c.label_point());
    let mut first = 0;
    while first < mentions.len() {
        let line_end = text[mentions[first].range.start..]
            .find('\n')
            .map_or(text.len(), |at| mentions[first].range.start + at);
        let last = first
            + mentions[first..]
                .iter()
                .take_while(|m| m.range.end <= line_end)
                .count()
                .max(1);
        let sure: Vec<LonLat> = mentions[first..last]
            .iter()
            .filter_map(|m| sure_country(m, world))
            .filter_map(place)
            .collect();
        for mention in &mut mentions[first..last] {
            let Referent::Country(code) = &mention.referent else {
                continue;
            };
            let word = &text[mention.range.clone()];
            if mention.uncertain.is_none() || !gazetteer.is_ambiguous_word(word) {
                continue;
            }
            let Some(here) = place(code) else {
                continue;
            };
            let near = sure
                .iter()
                .filter(|there| distance_km(here, **there) <= REGION_KM)
                .count();
            if near >= CONFIRMING_COUNTRIES {
                mention.uncertain = None;
            }
        }
        first = last;
    }
}

/// How many paragraphs from the top a date may stand in: a byline's line and a dateline.
const DATE_PARAGRAPHS: usize = 3;

/// The article's date: the user's, else the page's metadata, else one written near the top
/// (title, byline, first paragraphs), else today.
fn article_date(
    article: &Article,
    published: Option<(Date, String)>,
    options: DraftOptions,
) -> (Date, String) {
    if let Some(date) = options.as_of {
        return (date, "set by the user when drafting".into());
    }
    if let Some((date, written)) = published {
        return (
            date,
            format!("the publication date in the page's metadata (\"{written}\")"),
        );
    }
    let top_end = (1..=DATE_PARAGRAPHS)
        .rev()
        .find_map(|number| article.paragraph_range(number))
        .map_or(0, |range| range.end);
    match text::find_date(&article.text()[..top_end]) {
        Some((date, words)) => (
            date,
            format!("the date written at the top of the article (\"{words}\")"),
        ),
        None => (
            options.today,
            "no date at the top of the article: the day it was drafted".into(),
        ),
    }
}

fn title(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.trim().trim_start_matches('#').trim().to_string()
}

/// The file's name as a scenario id: lowercase letters, digits and dashes.
fn slug(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "draft".into()
    } else {
        slug
    }
}

fn sure_country<'a>(mention: &'a Mention, world: &World) -> Option<&'a str> {
    match (&mention.referent, &mention.uncertain) {
        (Referent::Country(code), None) if world.by_code(code).is_some() => Some(code),
        _ => None,
    }
}

fn counts(mentions: &[Mention], world: &World) -> Vec<(String, usize)> {
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for code in mentions.iter().filter_map(|m| sure_country(m, world)) {
        *by_code.entry(code).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = by_code
        .into_iter()
        .map(|(code, n)| (code.to_string(), n))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The organisations the article surely names, in the order first named.
fn organisations_named<'g>(
    mentions: &[Mention],
    gazetteer: &'g Gazetteer,
) -> Vec<&'g Organisation> {
    let mut named: Vec<&Organisation> = Vec::new();
    for mention in mentions {
        if let Referent::Organisation(id) = &mention.referent
            && let Some(org) = gazetteer.organisation(id)
            && !named.iter().any(|o| o.id == org.id)
        {
            named.push(org);
        }
    }
    named
}

fn group(org: &Organisation) -> Group {
    Group {
        id: org.id.clone(),
        name: org.name.clone(),
        short_name: Some(org.short_name.clone()),
        renamed: Vec::new(),
        color: None,
        kind: org.kind,
        founded: Some(org.founded),
        precursor: None,
        anchor: None,
        note: Some(
            "Drafted from alliance-map's gazetteer: every membership period cites its source."
                .into(),
        ),
    }
}

fn memberships(org: &Organisation, world: &World) -> Vec<Membership> {
    org.members
        .iter()
        .filter(|period| world.by_code(&period.country).is_some())
        .map(|period| Membership {
            country: period.country.clone(),
            group: org.id.clone(),
            status: period.status,
            from: period.from,
            until: period.until,
            source: period.source.clone(),
            note: period.note.clone(),
            pending: None,
        })
        .collect()
}

/// The most excerpts a draft proposes: more is no help to a reader, and each is checked
/// against its paragraph.
pub const MAX_PROPOSED: usize = 1_000;

/// What [`propose_excerpts`] found.
struct Proposed {
    excerpts: Vec<Excerpt>,
    not_proposed: usize,
    relations: Vec<(String, Relation)>,
}

/// Each sentence that surely names a country or an organisation, verbatim, as a proposed
/// excerpt of its paragraph (the first [`MAX_PROPOSED`]), how many more there were, and the
/// relation each proposed sentence states, read with the relation dictionary.
fn propose_excerpts(
    article: &Article,
    mentions: &[Mention],
    world: &World,
    relations: Option<&Relations>,
) -> Proposed {
    let mut proposed = Proposed {
        excerpts: Vec::new(),
        not_proposed: 0,
        relations: Vec::new(),
    };
    let mut next = 0;
    for number in 1..=article.paragraph_count() {
        let Some(paragraph) = article.paragraph_range(number) else {
            continue;
        };
        let paragraph_text = &article.text()[paragraph.clone()];
        for (i, sentence) in text::sentences(paragraph_text).into_iter().enumerate() {
            let (start, end) = (
                paragraph.start + sentence.start,
                paragraph.start + sentence.end,
            );
            while mentions.get(next).is_some_and(|m| m.range.start < start) {
                next += 1;
            }
            let mut countries: Vec<String> = Vec::new();
            let mut groups: Vec<String> = Vec::new();
            let mut named: Vec<Mention> = Vec::new();
            for mention in mentions[next..].iter().take_while(|m| m.range.end <= end) {
                if let Some(code) = sure_country(mention, world) {
                    push_new(&mut countries, code);
                } else if let Referent::Organisation(id) = &mention.referent {
                    push_new(&mut groups, id);
                } else {
                    continue;
                }
                named.push(mention.clone());
            }
            let quote = &article.text()[start..end];
            if (countries.is_empty() && groups.is_empty()) || !has_enough_words(quote) {
                continue;
            }
            if proposed.excerpts.len() == MAX_PROPOSED {
                proposed.not_proposed += 1;
                continue;
            }
            let id = format!("p{number}-s{}", i + 1);
            if countries.len() + groups.len() >= 2
                && let Some(relation) = relations.and_then(|r| r.in_sentence(quote, start, &named))
            {
                proposed.relations.push((id.clone(), relation));
            }
            proposed.excerpts.push(Excerpt {
                id,
                paragraph: number,
                quote: quote.to_string(),
                countries,
                groups,
                actors: Vec::new(),
            });
        }
    }
    proposed
}

/// The tensions drafting proposes: one per sentence stating a conflict, neither negated nor
/// denied, marked as proposed. Its summary is made of the quote's own words: the parties as
/// the sentence names them and the words that state the relation, with the modality read.
fn proposed_tensions(text: &str, relations: &[(String, Relation)]) -> Vec<Tension> {
    relations
        .iter()
        .filter(|(_, r)| {
            r.polarity == Polarity::Conflict && !r.negated && r.modality != Modality::Denied
        })
        .map(|(excerpt, relation)| {
            let names: Vec<&str> = relation
                .party_words
                .iter()
                .map(|words| &text[words.clone()])
                .collect();
            let cue = &text[relation.cue.clone()];
            Tension {
                id: format!("proposed-{excerpt}"),
                kind: relation.tension_kind,
                parties: relation.parties.clone(),
                summary: format!(
                    "{}: “{cue}” ({})",
                    names.join(", "),
                    relation.modality.label()
                ),
                excerpts: vec![excerpt.clone()],
                modality: Some(relation.modality),
                proposed: Some(Proposal {
                    relation: relation.kind.clone(),
                    modality: relation.modality,
                    cue: cue.to_string(),
                    sources: relation.sources.clone(),
                    targets: relation.targets.clone(),
                }),
            }
        })
        .collect()
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

fn has_enough_words(quote: &str) -> bool {
    quote
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count()
        >= super::scenario::MIN_QUOTE_WORDS
}

/// The words the article uses for each country, for the reader's highlighting; a sentence
/// where the same word is uncertain is kept out ("Georgia" beside "Atlanta").
fn terms_by_country(article: &Article, mentions: &[Mention], world: &World) -> Vec<Terms> {
    let text = article.text();
    let mut by_code: BTreeMap<String, Terms> = BTreeMap::new();
    let mut owner_of_word: HashMap<&str, String> = HashMap::new();
    for mention in mentions {
        if let Some(code) = sure_country(mention, world) {
            let word = &text[mention.range.clone()];
            owner_of_word.insert(word, code.to_string());
            let entry = by_code.entry(code.to_string()).or_insert_with(|| Terms {
                country: code.to_string(),
                terms: Vec::new(),
                not_in: Vec::new(),
            });
            push_new(&mut entry.terms, word);
        }
    }
    // Each line is found and split into sentences once, however many uncertain mentions it
    // holds: a search back to the line's start per mention is quadratic on one long line.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let mut sentences_of_line: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for mention in mentions.iter().filter(|m| m.uncertain.is_some()) {
        let word = &text[mention.range.clone()];
        let Some(entry) = owner_of_word
            .get(word)
            .and_then(|code| by_code.get_mut(code))
        else {
            continue;
        };
        if entry.not_in.len() >= MAX_NOT_IN {
            continue;
        }
        let line = line_starts.partition_point(|&start| start <= mention.range.start);
        let line_start = line
            .checked_sub(1)
            .and_then(|i| line_starts.get(i))
            .map_or(0, |&start| start);
        let sentences = sentences_of_line.entry(line_start).or_insert_with(|| {
            let line_end = line_starts
                .get(line)
                .map_or(text.len(), |&next| next.saturating_sub(1));
            text::sentences(&text[line_start..line_end])
                .into_iter()
                .map(|r| line_start + r.start..line_start + r.end)
                .collect()
        });
        let index = sentences.partition_point(|r| r.end < mention.range.end);
        if let Some(sentence) = sentences
            .get(index)
            .filter(|r| r.start <= mention.range.start)
        {
            push_new(&mut entry.not_in, &text[sentence.clone()]);
        }
    }
    by_code.into_values().collect()
}

/// The most sentences a country's highlighting leaves out for uncertain mentions: each is
/// searched for in the whole article when the country is highlighted.
const MAX_NOT_IN: usize = 50;
