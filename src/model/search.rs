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
    /// A few typing slips away from the term or one of its words ("kazahstan"), by how many;
    /// offered only when nothing matches as typed.
    Near(usize),
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
    /// Nothing matched as typed and this is one of the nearest names: "did you mean".
    pub nearest: bool,
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

    /// Up to `limit` things matching `query`, best first, one suggestion per thing; when
    /// nothing matches as typed, the nearest names a few slips away.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Suggestion> {
        let query = fold(query.trim());
        if query.is_empty() {
            return Vec::new();
        }
        let mut scored = self.scored(|term| closeness(term, &query));
        if scored.is_empty() {
            let allowed = allowed_slips(&query);
            scored = self.scored(|term| nearest_word(term, &query, allowed).map(Closeness::Near));
        }
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for ((_, closeness, _, _), entry) in scored {
            if suggestions.iter().any(|s| s.target == entry.target) {
                continue;
            }
            suggestions.push(Suggestion {
                target: entry.target,
                field: entry.field,
                matched: snippet(&entry.term, &entry.folded, &query),
                nearest: matches!(closeness, Closeness::Near(_)),
            });
            if suggestions.len() == limit {
                break;
            }
        }
        suggestions
    }

    /// The entries `closeness` accepts, ranked and sorted best first.
    fn scored(&self, closeness: impl Fn(&str) -> Option<Closeness>) -> Vec<(SearchRank, &Entry)> {
        let mut scored: Vec<(SearchRank, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let closeness = closeness(&entry.folded)?;
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
        scored
    }
}

/// How many slips (a letter missing, added, changed or two swapped) a query may be from a
/// name: one in four letters, and none under four, so "iran" never suggests "oman".
fn allowed_slips(query: &str) -> usize {
    query.chars().count() / 4
}

/// The fewest slips between `query` and the term or one of its words, if within `allowed`.
fn nearest_word(term: &str, query: &str, allowed: usize) -> Option<usize> {
    if allowed == 0 {
        return None;
    }
    let query: Vec<char> = query.chars().collect();
    std::iter::once(term)
        .chain(term.split(|c: char| !c.is_alphanumeric()))
        .filter_map(|word| {
            let word: Vec<char> = word.chars().collect();
            (word.len().abs_diff(query.len()) <= allowed)
                .then(|| slips(&word, &query))
                .filter(|&slips| slips <= allowed)
        })
        .min()
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring letters, each one slip. Both words are short, so the full table is cheap.
fn slips(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    for (i, row) in table.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in table.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[(i - 1) * width + j] + 1)
                .min(table[i * width + j - 1] + 1)
                .min(table[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[(i - 2) * width + j - 2] + 1);
            }
            table[i * width + j] = best;
        }
    }
    table[a.len() * width + b.len()]
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

/// Where `query` occurs in `text`, ignoring the case of ASCII letters (the article's find box),
/// at most `limit` places, without allocating per position: linear in the text for a short
/// query.
pub fn find_ignoring_case(text: &str, query: &str, limit: usize) -> Vec<std::ops::Range<usize>> {
    let query = query.trim().as_bytes();
    if query.len() < 2 {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while start + query.len() <= bytes.len() && found.len() < limit {
        let end = start + query.len();
        if bytes[start..end].eq_ignore_ascii_case(query)
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            found.push(start..end);
            start = end;
        } else {
            start += 1;
        }
    }
    found
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
    fn finding_in_the_article_ignores_case_and_stops_at_the_limit() {
        let text = "Iskander, ISKANDER and iskander — Ískander";
        assert_eq!(find_ignoring_case(text, "iskander", 10).len(), 3);
        assert_eq!(find_ignoring_case(text, "iskander", 2).len(), 2);
        assert!(find_ignoring_case(text, "i", 10).is_empty());
        assert_eq!(find_ignoring_case(text, "—", 10).len(), 1);
    }

    #[test]
    fn slips_count_missing_added_changed_and_swapped_letters() {
        let count = |a: &str, b: &str| {
            slips(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(count("kazakhstan", "kazahstan"), 1);
        assert_eq!(count("kazakhstan", "kazkahstan"), 1);
        assert_eq!(count("armenia", "armenai"), 1);
        assert_eq!(count("georgia", "gorgea"), 2);
        assert_eq!(count("", "abc"), 3);
        assert_eq!(nearest_word("kazakhstan", "kazahstan", 2), Some(1));
        assert_eq!(
            nearest_word("short-range iskander missiles", "iskandr", 1),
            Some(1)
        );
        assert_eq!(nearest_word("oman", "iran", allowed_slips("iran")), None);
    }

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
