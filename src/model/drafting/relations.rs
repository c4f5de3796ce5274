//! The relations an article's sentences state between the parties they name: who, what kind
//! (armed clash, threat, dispute, ... or cooperation), in what modality, negated or not, and
//! in which direction, read with the phrases of a relation dictionary kept in data
//! (`assets/relations.json`), as event-data coders read news with the CAMEO codebook.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::model::gazetteer::{Folded, Mention, Referent, fold};
use crate::model::scenario::{Modality, Party, TensionKind};

const BUNDLED_RELATIONS: &str = include_str!("../../../assets/relations.json");

#[derive(Debug, thiserror::Error)]
pub enum RelationsError {
    #[error("the relation dictionary: {path}: {message}")]
    Json { path: String, message: String },
    #[error("the relation dictionary: {0}")]
    Invalid(String),
}

/// Whether a relation is a tension (drawn once accepted) or its opposite (kept apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Conflict,
    Cooperation,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PhraseData {
    Plain(String),
    WithKind {
        phrase: String,
        tension_kind: TensionKind,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindData {
    kind: String,
    polarity: Polarity,
    tension_kind: TensionKind,
    /// The CAMEO codes the kind follows: documentation for whoever extends the file.
    #[serde(rename = "cameo")]
    _cameo: String,
    #[serde(rename = "examples")]
    _examples: Vec<String>,
    phrases: Vec<PhraseData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModalityData {
    modality: Modality,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DictionaryData {
    #[serde(rename = "about")]
    _about: String,
    kinds: Vec<KindData>,
    modalities: Vec<ModalityData>,
    negations: Vec<String>,
    passive_markers: Vec<String>,
    directed_kinds: Vec<String>,
    /// Kinds whose cue frames a later cue of another kind ("accused X of attacking").
    framing_kinds: Vec<String>,
    group_references: Vec<String>,
}

/// What a cue phrase says.
#[derive(Clone, Copy, Debug)]
struct Cue {
    kind: usize,
    tension_kind: TensionKind,
}

/// What a phrase of the second automaton marks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Marker {
    Modality(Modality),
    Negation,
    Passive,
    GroupReference,
}

/// One kind of relation: its name in the dictionary and what it is drawn as.
#[derive(Clone, Debug)]
struct RelationKind {
    name: String,
    polarity: Polarity,
    directed: bool,
    framing: bool,
}

/// The compiled relation dictionary.
#[derive(Debug)]
pub struct Relations {
    kinds: Vec<RelationKind>,
    cue_automaton: AhoCorasick,
    cues: Vec<Cue>,
    marker_automaton: AhoCorasick,
    markers: Vec<Marker>,
    /// Every cue phrase, folded, for the naive baseline.
    cue_phrases: Vec<String>,
}

/// A relation one sentence states.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// The sentence, as a byte range of the text given.
    pub sentence: Range<usize>,
    /// The parties in the order the sentence names them, each once.
    pub parties: Vec<Party>,
    /// Where each party is first named (its words, for a summary made of the quote's words).
    pub party_words: Vec<Range<usize>>,
    /// Who acts and who is acted on, where the verb gives a direction (indexes into
    /// `parties`); both empty when it does not.
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    /// The dictionary's kind ("threat", "cooperation").
    pub kind: String,
    pub polarity: Polarity,
    pub tension_kind: TensionKind,
    pub modality: Modality,
    pub negated: bool,
    /// The words that state the relation.
    pub cue: Range<usize>,
}

/// The most parties one relation keeps: a sentence listing thirty states is a list, not a
/// relation between thirty parties.
const MAX_PARTIES: usize = 8;
/// How many words may stand between a negation and the cue it negates ("did not openly
/// threaten").
const NEGATION_REACH_WORDS: usize = 3;

/// The phrases are folded to lower case; ignoring ASCII case lets an ASCII sentence be
/// searched as it is, with no folded copy made of it.
fn automaton(patterns: &[String]) -> Result<AhoCorasick, RelationsError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        .map_err(|error| RelationsError::Invalid(error.to_string()))
}

impl Relations {
    /// The dictionary shipped inside the application.
    pub fn load_bundled() -> Result<Relations, RelationsError> {
        Relations::from_json(BUNDLED_RELATIONS)
    }

    /// The bundled dictionary, parsed and compiled once for the whole program.
    pub fn bundled() -> Result<&'static Relations, &'static RelationsError> {
        static BUNDLED: std::sync::OnceLock<Result<Relations, RelationsError>> =
            std::sync::OnceLock::new();
        BUNDLED.get_or_init(Relations::load_bundled).as_ref()
    }

    pub fn from_json(text: &str) -> Result<Relations, RelationsError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let data: DictionaryData =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                RelationsError::Json {
                    path: error.path().to_string(),
                    message: error.inner().to_string(),
                }
            })?;
        let mut cue_phrases = Vec::new();
        let mut cues = Vec::new();
        let mut kinds = Vec::new();
        for (index, kind) in data.kinds.iter().enumerate() {
            for phrase in &kind.phrases {
                let (phrase, tension_kind) = match phrase {
                    PhraseData::Plain(phrase) => (phrase, kind.tension_kind),
                    PhraseData::WithKind {
                        phrase,
                        tension_kind,
                    } => (phrase, *tension_kind),
                };
                let folded = fold(phrase.trim());
                if folded.is_empty() {
                    return Err(RelationsError::Invalid(format!(
                        "kind '{}' has an empty phrase",
                        kind.kind
                    )));
                }
                cue_phrases.push(folded);
                cues.push(Cue {
                    kind: index,
                    tension_kind,
                });
            }
            kinds.push(RelationKind {
                name: kind.kind.clone(),
                polarity: kind.polarity,
                directed: data.directed_kinds.contains(&kind.kind),
                framing: data.framing_kinds.contains(&kind.kind),
            });
        }
        for (list, names) in [
            ("directed_kinds", &data.directed_kinds),
            ("framing_kinds", &data.framing_kinds),
        ] {
            if let Some(unknown) = names
                .iter()
                .find(|name| !kinds.iter().any(|k| &k.name == *name))
            {
                return Err(RelationsError::Invalid(format!(
                    "{list} names '{unknown}', which is no kind"
                )));
            }
        }
        let mut marker_phrases = Vec::new();
        let mut markers = Vec::new();
        let mut add = |phrases: &[String], marker: Marker| {
            for phrase in phrases.iter().map(|p| fold(p.trim())) {
                if !phrase.is_empty() {
                    marker_phrases.push(phrase);
                    markers.push(marker);
                }
            }
        };
        for modality in &data.modalities {
            add(&modality.phrases, Marker::Modality(modality.modality));
        }
        add(&data.negations, Marker::Negation);
        add(&data.passive_markers, Marker::Passive);
        add(&data.group_references, Marker::GroupReference);
        Ok(Relations {
            cue_automaton: automaton(&cue_phrases)?,
            marker_automaton: automaton(&marker_phrases)?,
            kinds,
            cues,
            markers,
            cue_phrases,
        })
    }

    /// The relation `sentence` states between the parties `mentions` name in it, if it names
    /// two or more and a cue of the dictionary. `offset` is where the sentence starts in the
    /// text the mentions' ranges point into; the relation's ranges point there too.
    ///
    /// A conflict cue wins over a cooperation cue, and among conflict cues the kind listed
    /// first in the dictionary wins: "threatened ... presence" is a threat; unless a cue of a
    /// framing kind comes before a cue of another conflict kind: "blamed Armenia for the
    /// fighting" is an accusation.
    pub fn in_sentence(
        &self,
        sentence: &str,
        offset: usize,
        mentions: &[Mention],
    ) -> Option<Relation> {
        let (parties, party_words) = parties_of(mentions);
        if parties.len() < 2 {
            return None;
        }
        let searched = Searched::new(sentence);
        let cues = whole_words(&searched, &self.cue_automaton);
        let (cue_index, cue_range) = self.deciding_cue(&cues)?;
        let cue = self.cues[*cue_index];
        let kind = &self.kinds[cue.kind];
        let markers = self.markers_in(&searched, sentence);
        let modality = modality_of(&markers, cue_range);
        let negated = is_negated(sentence, &markers, cue_range);
        let mutual = markers
            .iter()
            .any(|(marker, _)| *marker == Marker::GroupReference);
        let (sources, targets) = if kind.directed && !mutual {
            let cue_in_text = offset + cue_range.start..offset + cue_range.end;
            let passive = is_passive(sentence, &markers, cue_range);
            directions(&party_words, &cue_in_text, passive)
        } else {
            (Vec::new(), Vec::new())
        };
        Some(Relation {
            sentence: offset..offset + sentence.len(),
            parties,
            party_words,
            sources,
            targets,
            kind: kind.name.clone(),
            polarity: kind.polarity,
            tension_kind: cue.tension_kind,
            modality,
            negated,
            cue: offset + cue_range.start..offset + cue_range.end,
        })
    }

    /// The cue that says what the relation is: a conflict cue before a cooperation cue, then
    /// the kind listed first, then the earliest; but a framing conflict cue before a cue of
    /// another conflict kind wins ("blamed Armenia for the fighting").
    fn deciding_cue<'c>(
        &self,
        cues: &'c [(usize, Range<usize>)],
    ) -> Option<&'c (usize, Range<usize>)> {
        let ranked = cues.iter().min_by_key(|(index, range)| {
            let cue = self.cues[*index];
            let kind = &self.kinds[cue.kind];
            (
                kind.polarity == Polarity::Cooperation,
                cue.kind,
                range.start,
            )
        })?;
        let kind_of = |index: usize| &self.kinds[self.cues[index].kind];
        let framed_after = |start: usize| {
            cues.iter().any(|(index, range)| {
                let kind = kind_of(*index);
                !kind.framing && kind.polarity == Polarity::Conflict && range.start > start
            })
        };
        let framing = cues
            .iter()
            .filter(|(index, range)| {
                let kind = kind_of(*index);
                kind.framing && kind.polarity == Polarity::Conflict && framed_after(range.start)
            })
            .min_by_key(|(_, range)| range.start);
        Some(framing.unwrap_or(ranked))
    }

    /// The markers (modality, negation, passive, group reference) in the sentence, with the
    /// month May left out.
    fn markers_in(&self, searched: &Searched<'_>, sentence: &str) -> Vec<(Marker, Range<usize>)> {
        whole_words(searched, &self.marker_automaton)
            .into_iter()
            .filter(|(_, range)| !is_the_month_may(sentence, range))
            .map(|(index, range)| (self.markers[index], range))
            .collect()
    }

    /// The slow way, the benchmark's baseline: every cue phrase searched for in every
    /// sentence on its own; how many whole-word finds there are.
    pub fn naive_cue_count(&self, sentences: &[&str]) -> usize {
        sentences
            .iter()
            .map(|sentence| {
                let lower = fold(sentence);
                self.cue_phrases
                    .iter()
                    .map(|phrase| {
                        lower
                            .match_indices(phrase.as_str())
                            .filter(|(at, _)| is_whole_word(&lower, *at, at + phrase.len()))
                            .count()
                    })
                    .sum::<usize>()
            })
            .sum()
    }
}

/// A sentence as the automata search it: an ASCII sentence as it is (they ignore ASCII case,
/// and folding would only lower it), any other folded, with the way back to its bytes.
enum Searched<'a> {
    Ascii(&'a str),
    Folded(Folded),
}

impl<'a> Searched<'a> {
    fn new(sentence: &'a str) -> Self {
        if sentence.is_ascii() {
            Searched::Ascii(sentence)
        } else {
            Searched::Folded(Folded::new(sentence))
        }
    }

    fn text(&self) -> &str {
        match self {
            Searched::Ascii(sentence) => sentence,
            Searched::Folded(folded) => &folded.text,
        }
    }

    fn original_range(&self, start: usize, end: usize) -> Range<usize> {
        match self {
            Searched::Ascii(_) => start..end,
            Searched::Folded(folded) => folded.original_range(start, end),
        }
    }
}

/// The phrases of `automaton` found in the sentence as whole words: which phrase, and where
/// in the sentence as given.
fn whole_words(searched: &Searched<'_>, automaton: &AhoCorasick) -> Vec<(usize, Range<usize>)> {
    let text = searched.text();
    automaton
        .find_iter(text)
        .filter(|found| is_whole_word(text, found.start(), found.end()))
        .map(|found| {
            let range = searched.original_range(found.start(), found.end());
            (found.pattern().as_usize(), range)
        })
        .collect()
}

/// Whether a negation comes shortly before the cue: "did not threaten".
fn is_negated(sentence: &str, markers: &[(Marker, Range<usize>)], cue: &Range<usize>) -> bool {
    markers.iter().any(|(marker, range)| {
        *marker == Marker::Negation
            && range.end <= cue.start
            && sentence[range.end..cue.start].split_whitespace().count() <= NEGATION_REACH_WORDS
    })
}

/// Whether the cue is passive: a passive marker right after it ("was attacked by").
fn is_passive(sentence: &str, markers: &[(Marker, Range<usize>)], cue: &Range<usize>) -> bool {
    markers.iter().any(|(marker, range)| {
        *marker == Marker::Passive
            && range.start >= cue.end
            && sentence[cue.end..range.start].trim().is_empty()
    })
}

/// Which parties act (named before the cue) and which are acted on (after it), swapped when
/// the cue is passive; neither when one side has nobody. `cue` is in the text's offsets,
/// as the party words are.
fn directions(
    party_words: &[Range<usize>],
    cue: &Range<usize>,
    passive: bool,
) -> (Vec<usize>, Vec<usize>) {
    let (mut sources, mut targets) = (Vec::new(), Vec::new());
    for (i, words) in party_words.iter().enumerate() {
        if words.end <= cue.start {
            sources.push(i);
        } else if words.start >= cue.end {
            targets.push(i);
        }
    }
    if passive {
        std::mem::swap(&mut sources, &mut targets);
    }
    if sources.is_empty() || targets.is_empty() {
        return (Vec::new(), Vec::new());
    }
    (sources, targets)
}

/// The parties the sure mentions name, each once, with the words that first name it.
fn parties_of(mentions: &[Mention]) -> (Vec<Party>, Vec<Range<usize>>) {
    let mut parties: Vec<Party> = Vec::new();
    let mut words = Vec::new();
    for mention in mentions.iter().filter(|m| m.uncertain.is_none()) {
        let party = match &mention.referent {
            Referent::Country(code) => Party {
                country: Some(code.clone()),
                ..Party::default()
            },
            Referent::Organisation(id) => Party {
                group: Some(id.clone()),
                ..Party::default()
            },
            Referent::Countries(_) => continue,
        };
        if !parties.contains(&party) && parties.len() < MAX_PARTIES {
            parties.push(party);
            words.push(mention.range.clone());
        }
    }
    (parties, words)
}

/// The modality of the cue at `cue`: "denied" anywhere in the sentence; else the modality
/// phrase nearest before the cue (or one that holds it: "feels itself threatened"); else one
/// right after it; else stated.
fn modality_of(markers: &[(Marker, Range<usize>)], cue: &Range<usize>) -> Modality {
    let modalities = || {
        markers.iter().filter_map(|(marker, range)| match marker {
            Marker::Modality(modality) => Some((*modality, range)),
            _ => None,
        })
    };
    if modalities().any(|(modality, _)| modality == Modality::Denied) {
        return Modality::Denied;
    }
    let before = modalities()
        .filter(|(_, range)| range.start <= cue.start)
        .max_by_key(|(_, range)| range.start);
    let after = || modalities().find(|(_, range)| range.start >= cue.end);
    before
        .or_else(after)
        .map_or(Modality::Stated, |(modality, _)| modality)
}

/// Whether the word at `range` is the month, not the modal verb: "May" with a capital beside
/// a number ("on 12 May 2021", "May 2021") or after a word that introduces a date ("in May");
/// a headline's "Russia May Block Sweden" stays a modal.
fn is_the_month_may(sentence: &str, range: &Range<usize>) -> bool {
    const BEFORE_A_MONTH: [&str; 10] = [
        "in", "since", "until", "from", "early", "late", "by", "of", "last", "next",
    ];
    if sentence.get(range.clone()) != Some("May") {
        return false;
    }
    let next_is_number = sentence[range.end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    let previous = sentence[..range.start]
        .split_whitespace()
        .next_back()
        .unwrap_or_default();
    let previous_is_number = !previous.is_empty() && previous.chars().all(|c| c.is_ascii_digit());
    next_is_number
        || previous_is_number
        || BEFORE_A_MONTH.contains(&previous.to_lowercase().as_str())
}

/// A phrase found at `start..end` of folded `text` stands as whole words; a phrase starting
/// with an apostrophe ("n't") may follow a letter.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins_left = first.is_some_and(char::is_alphanumeric);
    let glued_left = joins_left && before.is_some_and(char::is_alphanumeric);
    !glued_left && !after.is_some_and(char::is_alphanumeric)
}
