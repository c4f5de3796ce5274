//! Reading an article's text for a draft: lines tidied, sentences found, and the date the
//! article gives near its top.

use std::ops::Range;

use crate::model::date::Date;

/// Lines trimmed, runs of spaces squeezed, at most one blank line between paragraphs, and a
/// line that repeats the one before left out (a page's `<title>` and its `<h1>`).
pub(super) fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    let mut last = String::new();
    for line in text.lines() {
        let squeezed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if squeezed.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if squeezed == last {
            continue;
        }
        if blank_pending {
            out.push('\n');
            blank_pending = false;
        }
        out.push_str(&squeezed);
        out.push('\n');
        last = squeezed;
    }
    out
}

/// Words after which a full stop does not end a sentence: English, then Russian ("г." for
/// год, "т. е."), French and German.
const ABBREVIATIONS: [&str; 39] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Col", "Lt", "Capt", "Sgt", "Gov", "Sen", "Rep",
    "No", "vs", "etc", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "г", "гг", "т", "др",
    "им", "пр", "Mme", "Mgr", "av", "env", "bzw", "ca", "Nr", "vgl", "usw",
];

/// The sentences of `paragraph` as byte ranges, trimmed, in order.
pub fn sentences(paragraph: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (i, &(at, ch)) in chars.iter().enumerate() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut end_index = i + 1;
        while chars
            .get(end_index)
            .is_some_and(|&(_, c)| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
        {
            end_index += 1;
        }
        let end = chars.get(end_index).map_or(paragraph.len(), |&(at, _)| at);
        let next_is_space = chars.get(end_index).is_none_or(|&(_, c)| c.is_whitespace());
        let next_word_starts = chars[end_index..]
            .iter()
            .find(|(_, c)| !c.is_whitespace())
            .is_none_or(|&(_, c)| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
        if !next_is_space || !next_word_starts || (ch == '.' && is_abbreviation(&paragraph[..at])) {
            continue;
        }
        push_trimmed(&mut out, paragraph, start..end);
        start = end;
    }
    push_trimmed(&mut out, paragraph, start..paragraph.len());
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or("");
    // "U.S." and initials ("J. Smith"): a single capital before the stop. A day or month
    // written as a German ordinal ("15. Mai 2012") is one or two digits before it.
    (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
        || (!last.is_empty() && last.len() <= 2 && last.chars().all(|c| c.is_ascii_digit()))
        || ABBREVIATIONS.contains(&last)
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The months in Russian (the genitive a date is written in: "15 мая 2012 г."), French
/// ("15 mai 2012") and German ("15. Mai 2012") where they differ from English, with their
/// number; a French or German month written without its accent is read too.
const OTHER_MONTHS: [(&str, u8); 36] = [
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
];

/// The first date written in `text` as "15 May 2012", "May 15, 2012" or "2012-05-15", with the
/// words it was written in.
pub fn find_date(text: &str) -> Option<(Date, String)> {
    let words: Vec<(usize, &str)> = word_spans(text);
    for (i, &(_, word)) in words.iter().enumerate() {
        if let Ok(date) = word.parse::<Date>() {
            return Some((date, word.to_string()));
        }
        let Some(month) = month_number(word) else {
            continue;
        };
        let number = |j: Option<usize>| {
            let (_, w) = words.get(j?)?;
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            digits.parse::<u32>().ok().map(|n| (n, j))
        };
        let day_before = number(i.checked_sub(1)).filter(|(n, _)| (1..=31).contains(n));
        let year_after = number(Some(i + 1)).filter(|(n, _)| (1000..=9999).contains(n));
        let day_after = number(Some(i + 1)).filter(|(n, _)| (1..=31).contains(n));
        let year_after_day = number(Some(i + 2)).filter(|(n, _)| (1000..=9999).contains(n));
        let (day, year, first, last) = match (day_before, year_after, day_after, year_after_day) {
            (Some((d, Some(first))), Some((y, Some(last))), _, _) => (d, y, first, last),
            (_, _, Some((d, _)), Some((y, Some(last)))) => (d, y, i, last),
            _ => continue,
        };
        let Some(date) = Date::new(year as i32, month, day as u8) else {
            continue;
        };
        let (start, end) = (words[first].0, words[last].0 + words[last].1.len());
        return Some((date, text[start..end].to_string()));
    }
    None
}

fn month_number(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    if let Some(&(_, month)) = OTHER_MONTHS.iter().find(|(name, _)| *name == lower) {
        return Some(month);
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() == 3 && m.starts_with(&lower))
                || (lower == "sept" && *m == "september")
        })
        .map(|i| i as u8 + 1)
}

/// How many lines from the top a byline may stand on.
const BYLINE_LINES: usize = 6;

/// The author a byline near the top names: "By Staff Analyst", "By Jane Doe | 6 April 2023",
/// "by JOHN SMITH, Reuters". Only a short line that starts with "By" and goes on with
/// capitalised words counts, so a sentence ("By 2020 Russia had…", "By the end…") does not.
pub fn byline_author(text: &str) -> Option<String> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(BYLINE_LINES)
        .find_map(|line| {
            let rest = line
                .trim()
                .strip_prefix("By ")
                .or_else(|| line.trim().strip_prefix("by "))?;
            if rest.split_whitespace().count() > 12 {
                return None;
            }
            let name: Vec<&str> = rest
                .split_whitespace()
                .take_while(|word| {
                    let word = word.trim_end_matches([',', ';', ':']);
                    word.chars().next().is_some_and(char::is_uppercase)
                        && month_number(word.trim_end_matches('.')).is_none()
                        && !matches!(word, "The" | "A" | "An")
                })
                .take(5)
                .collect();
            let last = name.len().checked_sub(1)?;
            let ends_early = name[..last]
                .iter()
                .position(|w| w.ends_with([',', ';', ':']));
            let name = &name[..=ends_early.unwrap_or(last)];
            Some(name.join(" ").trim_end_matches([',', ';', ':']).to_string())
        })
}

/// Words and ISO dates with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, ch) in text.char_indices() {
        let in_word = ch.is_alphanumeric() || (ch == '-' && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, text[s..at].trim_end_matches('-')));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches('-')));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_but_not_after_abbreviations_or_initials() {
        let text = "The U.S. and Mr. Putin met. Then Russia's leader left! Why? \"Quoted.\" End";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "The U.S. and Mr. Putin met.",
                "Then Russia's leader left!",
                "Why?",
                "\"Quoted.\"",
                "End"
            ]
        );
    }

    #[test]
    fn a_byline_names_the_author_and_a_sentence_starting_with_by_does_not() {
        assert_eq!(
            byline_author("Title\n\nBy Staff Analyst\n\nText.").as_deref(),
            Some("Staff Analyst")
        );
        assert_eq!(
            byline_author("Title\nBy Jane Doe, Reuters | April 6, 2023\n").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            byline_author("Title\nBy Jane Doe | April 6, 2023\n").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline_author("Title\nBy 2020 Russia had moved.\n"), None);
        assert_eq!(
            byline_author("Title\nBy the end of May, Armenia left.\n"),
            None
        );
    }

    #[test]
    fn dates_are_found_in_three_writings() {
        let date = |s: &str| find_date(s).map(|(d, words)| (d.to_string(), words));
        assert_eq!(
            date("Moscow, 15 May 2012 — the summit"),
            Some(("2012-05-15".into(), "15 May 2012".into()))
        );
        assert_eq!(
            date("On May 15, 2012 the leaders met"),
            Some(("2012-05-15".into(), "May 15, 2012".into()))
        );
        assert_eq!(
            date("Posted 2024-07-04 by"),
            Some(("2024-07-04".into(), "2024-07-04".into()))
        );
        assert_eq!(
            date("Published Sept. 25, 2020, 10:00"),
            Some(("2020-09-25".into(), "Sept. 25, 2020".into()))
        );
        assert_eq!(
            date("By Staff Analyst | 6 April 2023"),
            Some(("2023-04-06".into(), "6 April 2023".into()))
        );
        assert_eq!(date("In May the leaders met in 2012"), None);
        assert_eq!(date("Март 2012"), None);
        assert_eq!(date("On 31 February 2012"), None);
    }

    #[test]
    fn dates_are_found_as_russian_french_and_german_write_them() {
        let date = |s: &str| find_date(s).map(|(d, words)| (d.to_string(), words));
        assert_eq!(
            date("Москва, 15 мая 2012 г. Саммит ОДКБ"),
            Some(("2012-05-15".into(), "15 мая 2012".into()))
        );
        assert_eq!(
            date("Publié le 1er août 2021 à Paris"),
            Some(("2021-08-01".into(), "1er août 2021".into()))
        );
        assert_eq!(
            date("Berlin, 15. März 2012: Gipfel"),
            Some(("2012-03-15".into(), "15. März 2012".into()))
        );
    }

    #[test]
    fn a_german_ordinal_date_and_a_russian_year_do_not_end_a_sentence() {
        let text = "Am 15. Mai 2012 trafen sie sich. Danach nicht.";
        assert_eq!(sentences(text).len(), 2);
        let text = "В 2012 г. Армения вступила. Потом нет.";
        assert_eq!(sentences(text).len(), 2);
    }
}
