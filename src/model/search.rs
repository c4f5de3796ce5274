//! Finding a country by what a reader types: its name, capital, demonym, a leader the article
//! names or a word the article uses for it, matched case- and accent-insensitively.

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

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub country: CountryId,
    pub field: Field,
    /// The term as written (e.g. "Yerevan").
    pub matched: String,
}

struct Entry {
    country: CountryId,
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
        let mut push = |country: CountryId, field: Field, term: &str| {
            let folded = fold(term);
            if !folded.trim().is_empty() {
                entries.push(Entry {
                    country,
                    field,
                    term: term.to_string(),
                    folded,
                });
            }
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
        }
        Self { entries }
    }

    /// Up to `limit` countries matching `query`, best first, one suggestion per country.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Suggestion> {
        let query = fold(query.trim());
        if query.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<((Closeness, Field, usize), &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let closeness = closeness(&entry.folded, &query)?;
                // Codes only count when typed in full: "rus" should not rank Russia by code.
                if entry.field == Field::Code && closeness != Closeness::Exact {
                    return None;
                }
                Some(((closeness, entry.field, entry.term.len()), entry))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.term.cmp(&b.1.term)));
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for (_, entry) in scored {
            if suggestions.iter().any(|s| s.country == entry.country) {
                continue;
            }
            suggestions.push(Suggestion {
                country: entry.country,
                field: entry.field,
                matched: entry.term.clone(),
            });
            if suggestions.len() == limit {
                break;
            }
        }
        suggestions
    }
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
