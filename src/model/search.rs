//! Finding what a reader types: a country by its name, capital, demonym, a leader the article
//! names or a word the article uses for it; then the scenario's groups, tensions (by their
//! words or their actors) and excerpts (by the article's words), ranked after the countries.
//! Matching ignores case and accents.

use super::scenario::Scenario;
use super::world::{CountryId, World};

/// What a suggestion matched, in the order it ranks when matches are equally good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Capital,
    Leader,
    Demonym,
    ArticleTerm,
    OtherName,
    Code,
    Group,
    Tension,
    Actor,
    ArticleText,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Capital => "capital",
            Field::Leader => "leader",
            Field::Demonym => "demonym",
            Field::ArticleTerm => "in the article",
            Field::OtherName => "also called",
            Field::Code => "code",
            Field::Group => "group",
            Field::Tension => "tension",
            Field::Actor => "party to a tension",
            Field::ArticleText => "the article says",
        }
    }
}

/// How well a term matched the query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    Exact,
    Prefix,
    WordPrefix,
    Inside,
}

/// What a suggestion leads to, in the order kinds rank: countries first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Country(CountryId),
    /// A group of the scenario, by its index.
    Group(usize),
    /// A tension of the scenario, by its index.
    Tension(usize),
    /// An excerpt of the scenario, by its index.
    Excerpt(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub target: Target,
    pub field: Field,
    /// The term as written (e.g. "Yerevan"), or the words around the match in a longer text.
    pub matched: String,
}

impl Suggestion {
    /// The country it leads to, if it leads to one.
    pub fn country(&self) -> Option<CountryId> {
        match self.target {
            Target::Country(country) => Some(country),
            _ => None,
        }
    }
}

/// How a match ranks, best first: countries before the scenario's other things, then by
/// closeness, field and the length of the term.
type SearchRank = (bool, Closeness, Field, usize);

/// How many characters of a longer text a suggestion shows around the match.
const SNIPPET_CHARS: usize = 60;

struct Entry {
    target: Target,
    field: Field,
    term: String,
    folded: String,
}

/// Every searchable term of every country, folded once.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Lower case without accents: "Bielaruś" and "bielarus" compare equal.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

impl SearchIndex {
    pub fn build(world: &World, scenario: Option<&Scenario>) -> Self {
        let mut entries = Vec::new();
        let mut push_target = |target: Target, field: Field, term: &str| {
            let folded = fold(term);
            if !folded.trim().is_empty() {
                entries.push(Entry {
                    target,
                    field,
                    term: term.to_string(),
                    folded,
                });
            }
        };
        let mut push = |country: CountryId, field: Field, term: &str| {
            push_target(Target::Country(country), field, term)
        };
        for country in world.countries() {
            let id = country.id();
            push(id, Field::Name, country.name());
            push(id, Field::OtherName, country.formal_name());
            push(id, Field::Code, country.iso_a3());
            if let Some(capital) = country.capital() {
                push(id, Field::Capital, &capital.name);
            }
            if let Some(demonym) = country.demonym() {
                push(id, Field::Demonym, demonym);
            }
            for name in country.alt_names() {
                push(id, Field::OtherName, name);
            }
        }
        if let Some(scenario) = scenario {
            for leader in &scenario.data().leaders {
                if let Some(country) = world.by_code(&leader.country) {
                    push(country.id(), Field::Leader, &leader.name);
                }
            }
            for mention in &scenario.data().mentions {
                if let Some(country) = world.by_code(&mention.country) {
                    for term in &mention.terms {
                        push(country.id(), Field::ArticleTerm, term);
                    }
                }
            }
            push_scenario_entries(scenario, &mut push_target);
        }
        Self { entries }
    }

    /// Up to `limit` countries matching `query`, best first, one suggestion per country.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Suggestion> {
        let query = fold(query.trim());
        if query.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(SearchRank, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let closeness = closeness(&entry.folded, &query)?;
                // Codes only count when typed in full: "rus" should not rank Russia by code.
                if entry.field == Field::Code && closeness != Closeness::Exact {
                    return None;
                }
                let not_a_country = !matches!(entry.target, Target::Country(_));
                Some((
                    (not_a_country, closeness, entry.field, entry.term.len()),
                    entry,
                ))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.term.cmp(&b.1.term)));
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for (_, entry) in scored {
            if suggestions.iter().any(|s| s.target == entry.target) {
                continue;
            }
            suggestions.push(Suggestion {
                target: entry.target,
                field: entry.field,
                matched: snippet(&entry.term, &entry.folded, &query),
            });
            if suggestions.len() == limit {
                break;
            }
        }
        suggestions
    }
}

/// The scenario's own words: its groups' names, its tensions' summaries and actors, and the
/// quotes of its excerpts.
fn push_scenario_entries(scenario: &Scenario, push: &mut impl FnMut(Target, Field, &str)) {
    let data = scenario.data();
    for (index, group) in data.groups.iter().enumerate() {
        for term in [
            Some(&group.id),
            Some(&group.name),
            group.short_name.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            push(Target::Group(index), Field::Group, term);
        }
    }
    for (index, tension) in data.tensions.iter().enumerate() {
        push(Target::Tension(index), Field::Tension, &tension.summary);
        for party in &tension.parties {
            if let Some(actor) = party.actor.as_deref().and_then(|id| scenario.actor(id)) {
                push(Target::Tension(index), Field::Actor, &actor.name);
            }
        }
    }
    for (index, excerpt) in data.excerpts.iter().enumerate() {
        push(Target::Excerpt(index), Field::ArticleText, &excerpt.quote);
    }
}

/// A long text cut to the words around the match, so that a suggestion stays one line; short
/// terms are kept whole.
fn snippet(term: &str, folded: &str, query: &str) -> String {
    if term.chars().count() <= SNIPPET_CHARS {
        return term.to_string();
    }
    // Folding keeps ASCII text's positions, and the article's accented letters are rare, so
    // the match is found by its position in the words of the folded text.
    let at_char = folded
        .find(query)
        .map_or(0, |byte| folded[..byte].chars().count());
    let chars: Vec<char> = term.chars().collect();
    let start = at_char.saturating_sub(SNIPPET_CHARS / 3).min(chars.len());
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    text
}

fn closeness(term: &str, query: &str) -> Option<Closeness> {
    if term == query {
        Some(Closeness::Exact)
    } else if term.starts_with(query) {
        Some(Closeness::Prefix)
    } else if term
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.starts_with(query))
    {
        Some(Closeness::WordPrefix)
    } else if query.len() >= 3 && term.contains(query) {
        Some(Closeness::Inside)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Bielaruś"), "bielarus");
        assert_eq!(fold("ÅLAND"), "aland");
    }

    #[test]
    fn closeness_prefers_whole_then_prefix_then_word_then_inside() {
        assert_eq!(
            closeness("kazakhstan", "kazakhstan"),
            Some(Closeness::Exact)
        );
        assert_eq!(closeness("kazakhstan", "kaz"), Some(Closeness::Prefix));
        assert_eq!(
            closeness("republic of kazakhstan", "kaz"),
            Some(Closeness::WordPrefix)
        );
        assert_eq!(closeness("kazakhstan", "akh"), Some(Closeness::Inside));
        assert_eq!(closeness("kazakhstan", "ak"), None);
    }
}
