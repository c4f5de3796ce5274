//! Finding the words that refer to a country inside article text.

use std::ops::Range;

/// Byte ranges where any of `terms` occurs as a whole word (case-sensitive, so "US" does not
/// match inside "must"), sorted and merged.
pub fn find_terms(text: &str, terms: &[&str]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().filter(|term| !term.is_empty()) {
        let mut start = 0;
        while let Some(at) = text[start..].find(term) {
            let begin = start + at;
            let end = begin + term.len();
            let before = text[..begin].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                ranges.push(begin..end);
            }
            start = begin + term.len().max(1);
        }
    }
    ranges.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Like [`find_terms`], leaving out the terms that fall inside any of the `not_in` phrases
/// (where a capital names a place, not the state: "opened in Moscow").
pub fn find_terms_except(text: &str, terms: &[&str], not_in: &[&str]) -> Vec<Range<usize>> {
    let excluded = find_terms(text, not_in);
    let mut kept = Vec::new();
    for term in terms {
        kept.extend(find_terms(text, &[term]).into_iter().filter(|range| {
            !excluded
                .iter()
                .any(|phrase| phrase.start <= range.start && range.end <= phrase.end)
        }));
    }
    kept.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in kept {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_whole_words_only() {
        let text = "the US must act; Belarus’ Minsk";
        assert_eq!(find_terms(text, &["US"]), vec![4..6]);
        assert_eq!(find_terms(text, &["Belarus", "Minsk"]).len(), 2);
    }

    #[test]
    fn a_term_inside_an_excepted_phrase_is_not_marked() {
        let text = "opened in Moscow; the Astana-Moscow axis";
        let ranges = find_terms_except(text, &["Moscow"], &["opened in Moscow"]);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "Moscow");
        assert!(ranges[0].start > 20);
    }

    #[test]
    fn overlapping_terms_merge() {
        assert_eq!(
            find_terms("Kazakh leader", &["Kazakh", "Kazakh leader"]),
            vec![0..13]
        );
    }
}
