//! Finding the gazetteer's words in a text: one leftmost-longest Aho-Corasick pass over the
//! folded text, so "Nigeria" wins over "Niger" and "South Sudan" over "Sudan", then the checks
//! a word must pass in the original (whole word, capital letter, exact case for acronyms).

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use super::fold::{Folded, fold};
use super::{GazetteerData, GazetteerError, Language};

/// What kind of word a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermKind {
    Name,
    Demonym,
    Capital,
    Organisation,
}

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Referent {
    Country(String),
    /// A word that names more than one country ("Congo", "Dominican", "Korean"): always
    /// uncertain.
    Countries(Vec<String>),
    Organisation(String),
}

/// One place in a text where the gazetteer's word occurs.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte range in the text, without a possessive ("Russia" in "Russia's").
    pub range: Range<usize>,
    pub kind: TermKind,
    pub referent: Referent,
    /// Why the user should confirm this mention; `None` when it is sure.
    pub uncertain: Option<String>,
}

/// One pattern of the automaton.
#[derive(Debug)]
struct Term {
    kind: Option<TermKind>,
    referent: Option<Referent>,
    /// Written in capitals ("US", "NATO"): matches only as written, or title case from four
    /// letters ("Nato").
    acronym: Option<String>,
    /// An adjective in a language that writes adjectives in lowercase ("российский",
    /// "russische", "arménienne"): matches in either case.
    any_case: bool,
    uncertain: Option<String>,
    cues: Vec<String>,
    /// An organisation's acronym that folds to this country word ("GUAM" and Guam): written
    /// exactly so, in capitals, the word names the organisation.
    organisation_acronym: Option<(String, Referent)>,
}

/// The compiled patterns.
#[derive(Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    terms: Vec<Term>,
}

/// Every word with what it names, in the order first seen; a word seen twice for different
/// countries names all of them.
fn collect_terms(data: &GazetteerData) -> Vec<(String, TermKind, Referent)> {
    collect_terms_and_acronyms(data, Language::English).0
}

/// The words of [`collect_terms`], and the organisations' acronyms that fold to a country's
/// word, by that word's index.
#[allow(clippy::type_complexity)]
fn collect_terms_and_acronyms(
    data: &GazetteerData,
    language: Language,
) -> (
    Vec<(String, TermKind, Referent)>,
    HashMap<usize, (String, Referent)>,
) {
    let mut by_folded: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<(String, TermKind, Referent)> = Vec::new();
    let mut acronyms: HashMap<usize, (String, Referent)> = HashMap::new();
    let mut add = |word: &str, kind: TermKind, referent: Referent| {
        let key = fold(word);
        if key.trim().is_empty() {
            return;
        }
        match by_folded.get(&key) {
            None => {
                by_folded.insert(key, terms.len());
                terms.push((word.to_string(), kind, referent));
            }
            Some(&i)
                if kind == TermKind::Organisation
                    && terms[i].1 != TermKind::Organisation
                    && is_acronym(word) =>
            {
                acronyms.insert(i, (word.to_string(), referent));
            }
            Some(&i) => terms[i].2 = merge(&terms[i].2, &referent),
        }
    };
    let translated = data.words_in(language);
    match translated {
        // Another language's text is read with its own country words only: English names
        // there would read common words of that language ("Island" is Iceland in German).
        Some(words) => {
            for country in &words.countries {
                let referent = Referent::Country(country.code.clone());
                for name in &country.names {
                    add(name, TermKind::Name, referent.clone());
                }
                for demonym in &country.demonyms {
                    add(demonym, TermKind::Demonym, referent.clone());
                }
                for capital in &country.capitals {
                    add(capital, TermKind::Capital, referent.clone());
                }
            }
            for org in &words.organisations {
                let referent = Referent::Organisation(org.id.clone());
                for name in &org.names {
                    add(name, TermKind::Organisation, referent.clone());
                }
            }
        }
        None => {
            for country in &data.countries {
                let referent = Referent::Country(country.code.clone());
                for name in &country.names {
                    add(name, TermKind::Name, referent.clone());
                }
                for demonym in &country.demonyms {
                    add(demonym, TermKind::Demonym, referent.clone());
                }
                for capital in &country.capitals {
                    add(capital, TermKind::Capital, referent.clone());
                }
            }
        }
    }
    for org in &data.organisations {
        let referent = Referent::Organisation(org.id.clone());
        for name in std::iter::once(&org.name)
            .chain(std::iter::once(&org.short_name))
            .chain(&org.aliases)
        {
            add(name, TermKind::Organisation, referent.clone());
        }
    }
    (terms, acronyms)
}

fn merge(old: &Referent, new: &Referent) -> Referent {
    let codes = |r: &Referent| match r {
        Referent::Country(code) => vec![code.clone()],
        Referent::Countries(codes) => codes.clone(),
        Referent::Organisation(_) => Vec::new(),
    };
    let mut all = codes(old);
    for code in codes(new) {
        if !all.contains(&code) {
            all.push(code);
        }
    }
    match all.len() {
        0 | 1 => old.clone(),
        _ => Referent::Countries(all),
    }
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

impl Matcher {
    pub(super) fn build(
        data: &GazetteerData,
        language: Language,
    ) -> Result<Matcher, GazetteerError> {
        let translated = data.words_in(language);
        let uncertain: HashMap<String, &str> = translated
            .map_or(&data.uncertain_terms, |words| &words.uncertain_terms)
            .iter()
            .map(|t| (fold(&t.term), t.reason.as_str()))
            .collect();
        // The cues are English place names ("Atlanta" beside "Georgia").
        let cues: HashMap<String, &Vec<String>> = data
            .context_cues
            .iter()
            .filter(|_| translated.is_none())
            .map(|c| (fold(&c.term), &c.cues))
            .collect();
        let not_places = translated.map_or(&data.not_places, |words| &words.not_places);
        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        let (words, mut acronyms) = collect_terms_and_acronyms(data, language);
        for (index, (word, kind, referent)) in words.into_iter().enumerate() {
            let key = fold(&word);
            let reason = match &referent {
                Referent::Countries(codes) => Some(format!("names {}", codes.join(" or "))),
                _ => uncertain.get(&key).map(|reason| reason.to_string()),
            };
            terms.push(Term {
                kind: Some(kind),
                any_case: kind == TermKind::Demonym && translated.is_some(),
                acronym: is_acronym(&word).then(|| word.clone()),
                referent: Some(referent),
                uncertain: reason,
                cues: cues.get(&key).map(|c| c.to_vec()).unwrap_or_default(),
                organisation_acronym: acronyms.remove(&index),
            });
            patterns.push(key);
        }
        for phrase in not_places {
            patterns.push(fold(phrase));
            terms.push(Term {
                kind: None,
                referent: None,
                acronym: None,
                any_case: false,
                uncertain: None,
                cues: Vec::new(),
                organisation_acronym: None,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|error| GazetteerError::Patterns(error.to_string()))?;
        Ok(Matcher { automaton, terms })
    }

    pub(super) fn mentions(&self, text: &str) -> Vec<Mention> {
        let folded = Folded::new(text);
        let haystack = folded.text.as_str();
        let mut mentions = Vec::new();
        let mut cues = CuesOfLine::default();
        let mut at = 0;
        while at < haystack.len() {
            let Some(found) = self
                .automaton
                .find(Input::new(haystack).span(at..haystack.len()))
            else {
                break;
            };
            let range = folded.original_range(found.start(), found.end());
            let term = &self.terms[found.pattern().as_usize()];
            if let Some((acronym, organisation)) = &term.organisation_acronym
                && text[range.clone()] == *acronym
                && is_whole_word(text, &range)
            {
                at = found.end();
                mentions.push(Mention {
                    range,
                    kind: TermKind::Organisation,
                    referent: organisation.clone(),
                    uncertain: None,
                });
                continue;
            }
            if !is_whole_word(text, &range) || !case_fits(term, &text[range.clone()]) {
                // Try again one character on: a shorter word may start inside this one.
                at = next_char(haystack, found.start());
                continue;
            }
            at = found.end();
            let (Some(kind), Some(referent)) = (term.kind, &term.referent) else {
                continue;
            };
            let uncertain = term
                .uncertain
                .clone()
                .or_else(|| cues.nearby(text, &range, found.pattern().as_usize(), &term.cues));
            mentions.push(Mention {
                range,
                kind,
                referent: referent.clone(),
                uncertain,
            });
        }
        mentions
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |ch| at + ch.len_utf8())
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A name starts with a capital letter (title case or an all-caps headline); an acronym is
/// written as in the gazetteer, or in title case from four letters ("Nato", "Asean").
fn case_fits(term: &Term, found: &str) -> bool {
    match &term.acronym {
        Some(acronym) => {
            let title_case = found.chars().next().is_some_and(char::is_uppercase)
                && found.chars().skip(1).all(|c| !c.is_uppercase());
            found == acronym || (acronym.len() >= 4 && title_case)
        }
        None => {
            term.kind.is_none()
                || term.any_case
                || found.chars().next().is_some_and(char::is_uppercase)
        }
    }
}

/// The line (paragraph) the last mention was in, and what each term's cues found there: the
/// line is bounded and searched once per term, however many mentions it holds, so a 2 MB
/// paragraph costs one pass per term with cues, not one per mention.
#[derive(Default)]
struct CuesOfLine {
    line: std::ops::Range<usize>,
    found: HashMap<usize, Option<String>>,
}

impl CuesOfLine {
    /// The first of `cues` written in the same line as the mention, as a reason.
    fn nearby(
        &mut self,
        text: &str,
        range: &Range<usize>,
        term: usize,
        cues: &[String],
    ) -> Option<String> {
        if cues.is_empty() {
            return None;
        }
        if !(self.line.start <= range.start && range.end <= self.line.end) || self.line.is_empty() {
            // Mentions come in text order: the new line starts after the last one ended.
            let from = if self.line.end <= range.start {
                self.line.end
            } else {
                0
            };
            let start = text[from..range.start]
                .rfind('\n')
                .map_or(from, |at| from + at + 1);
            let end = text[range.end..]
                .find('\n')
                .map_or(text.len(), |at| range.end + at);
            self.line = start..end;
            self.found.clear();
        }
        let paragraph = &text[self.line.clone()];
        self.found
            .entry(term)
            .or_insert_with(|| {
                cues.iter()
                    .find(|cue| paragraph.contains(cue.as_str()))
                    .map(|cue| format!("may be another place: \"{cue}\" is in the same paragraph"))
            })
            .clone()
    }
}

/// The slow way, the benchmark's baseline: every word searched for on its own, one pass over
/// the lowercased text per word, the longest of overlapping finds kept. Only for text whose
/// lowercase has the same byte length (ASCII): elsewhere it finds nothing.
pub fn naive_mentions(gazetteer: &super::Gazetteer, text: &str) -> Vec<Range<usize>> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    for (word, _, _) in collect_terms(&gazetteer.data) {
        let needle = word.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle) {
            let range = from + at..from + at + needle.len();
            if is_whole_word(text, &range) {
                found.push(range);
            }
            from += at + needle.len().max(1);
        }
    }
    found.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<Range<usize>> = Vec::new();
    for range in found {
        if kept.last().is_none_or(|last| range.start >= last.end) {
            kept.push(range);
        }
    }
    kept
}
