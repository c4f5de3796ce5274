//! Reading an article's text for a draft: HTML stripped to paragraphs, sentences found, and
//! the date the article gives near its top.

use std::ops::Range;

use crate::model::date::Date;

/// The text of an HTML page: tags dropped (with scripts and styles), block ends turned into
/// blank lines, the common entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[close + 1..];
        if matches!(name.as_str(), "script" | "style") && !after.starts_with('/') {
            let end_tag = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&end_tag) {
                Some(at) => &rest[at..],
                None => "",
            };
            continue;
        }
        if is_block(&name) {
            out.push_str("\n\n");
        } else if name == "br" {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    tidy_lines(&out)
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "title"
            | "tr"
            | "table"
            | "figcaption"
    )
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| entity(&after[1..end]));
        match (end, decoded) {
            (Some(end), Some(ch)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let named = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "ndash" => '–',
        "mdash" => '—',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code).filter(|c| *c != '\0');
        }
    };
    Some(named)
}

/// Lines trimmed, runs of spaces squeezed, at most one blank line between paragraphs, and a
/// line that repeats the one before left out (a page's `<title>` and its `<h1>`).
fn tidy_lines(text: &str) -> String {
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

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Col", "Lt", "Capt", "Sgt", "Gov", "Sen", "Rep",
    "No", "vs", "etc", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
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
    // "U.S." and initials ("J. Smith"): a single capital before the stop.
    (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
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
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|i| i as u8 + 1)
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
    fn html_becomes_paragraphs_without_tags_scripts_or_entities() {
        let html = "<html><head><title>T</title><script>var x = '<p>';</script></head>\
                    <body><h1>Headline</h1><p>One &amp; two&nbsp;&#8217;s.</p><p>Three</p></body>";
        assert_eq!(
            html_to_text(html),
            "T\n\nHeadline\n\nOne & two ’s.\n\nThree\n"
        );
    }

    #[test]
    fn a_page_title_repeated_as_its_headline_is_kept_once() {
        let html = "<title>Baku and Yerevan</title><h1>Baku and Yerevan</h1><p>Text.</p>";
        assert_eq!(html_to_text(html), "Baku and Yerevan\n\nText.\n");
    }

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
        assert_eq!(date("In May the leaders met in 2012"), None);
        assert_eq!(date("On 31 February 2012"), None);
    }
}
