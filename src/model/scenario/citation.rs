//! A reference to the article, or to paragraphs of it, as a reader pastes it into their own
//! text: "Valvo, G. (2012). CSTO: The ‘NATO Of The East’ – Analysis. Eurasia Review, 20 May
//! 2012, ¶5."

use super::format::ArticleMeta;

/// The reference to the paragraphs `paragraphs` of the article `meta` describes, in the
/// author–date style: author, year, title, publication and day of publication, paragraphs.
/// Paragraphs are listed once each, in order; none leaves the pilcrow out.
///
/// # Examples
/// ```
/// use alliance_map::model::scenario::{ArticleMeta, citation};
///
/// let meta = ArticleMeta {
///     title: "A title".into(),
///     author: "Ada Lovelace".into(),
///     author_note: None,
///     publication: Some("A Review".into()),
///     publication_note: None,
///     date: "1843-09-01".parse()?,
///     date_basis: "example".into(),
///     text: "a.txt".into(),
///     published: None,
///     cited_author: None,
/// };
/// assert_eq!(citation(&meta, &[3, 1]), "Lovelace, A. (1843). A title. A Review, 1 September 1843, ¶1, 3.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn citation(meta: &ArticleMeta, paragraphs: &[usize]) -> String {
    let author = meta
        .cited_author
        .clone()
        .unwrap_or_else(|| cited_author(&meta.author));
    let published = meta.published.unwrap_or(meta.date);
    let mut text = format!(
        "{} ({}). {}",
        with_full_stop(author.trim()),
        published.year(),
        with_full_stop(meta.title.trim())
    );
    let mut place: Vec<String> = Vec::new();
    if let Some(publication) = meta.publication.as_deref().map(str::trim)
        && !publication.is_empty()
    {
        place.push(publication.to_string());
    }
    place.push(published.long_form());
    let mut paragraphs = paragraphs.to_vec();
    paragraphs.sort_unstable();
    paragraphs.dedup();
    if !paragraphs.is_empty() {
        let numbers: Vec<String> = paragraphs.iter().map(usize::to_string).collect();
        place.push(format!("¶{}", numbers.join(", ")));
    }
    text.push(' ');
    text.push_str(&place.join(", "));
    text.push('.');
    text
}

/// "Giovanni Valvo" as a reference list writes it: "Valvo, G."; a name of one word stays as
/// it is.
fn cited_author(author: &str) -> String {
    let words: Vec<&str> = author.split_whitespace().collect();
    let Some((family, given)) = words.split_last() else {
        return String::new();
    };
    if given.is_empty() {
        return (*family).to_string();
    }
    let initials: Vec<String> = given
        .iter()
        .filter_map(|name| name.chars().next())
        .map(|first| format!("{first}."))
        .collect();
    format!("{family}, {}", initials.join(" "))
}

/// The text ending in a full stop, unless it already ends a sentence.
fn with_full_stop(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;

    fn day(year: i32, month: u8, day: u8) -> Date {
        match Date::new(year, month, day) {
            Some(date) => date,
            None => panic!("{year}-{month}-{day} is a day"),
        }
    }

    fn meta() -> ArticleMeta {
        ArticleMeta {
            title: "CSTO: The ‘NATO Of The East’ – Analysis".into(),
            author: "Giovanni Valvo".into(),
            author_note: None,
            publication: Some("Eurasia Review".into()),
            publication_note: None,
            date: day(2012, 5, 15),
            date_basis: "test".into(),
            text: "a.txt".into(),
            published: Some(day(2012, 5, 20)),
            cited_author: None,
        }
    }

    #[test]
    fn a_paragraph_is_cited_with_the_day_of_publication() {
        assert_eq!(
            citation(&meta(), &[5]),
            "Valvo, G. (2012). CSTO: The ‘NATO Of The East’ – Analysis. Eurasia Review, 20 May 2012, ¶5."
        );
    }

    #[test]
    fn several_paragraphs_are_listed_once_each_in_order() {
        assert!(citation(&meta(), &[7, 1, 6, 7]).ends_with("20 May 2012, ¶1, 6, 7."));
    }

    #[test]
    fn without_a_publication_day_or_publication_the_article_date_is_cited() {
        let meta = ArticleMeta {
            published: None,
            publication: None,
            ..meta()
        };
        assert_eq!(
            citation(&meta, &[]),
            "Valvo, G. (2012). CSTO: The ‘NATO Of The East’ – Analysis. 15 May 2012."
        );
    }

    #[test]
    fn the_files_form_of_the_author_wins_over_the_worked_out_one() {
        let meta = ArticleMeta {
            cited_author: Some("Eurasia Review staff".into()),
            title: "Is it over?".into(),
            ..meta()
        };
        assert!(
            citation(&meta, &[2]).starts_with("Eurasia Review staff. (2012). Is it over? Eurasia"),
            "{}",
            citation(&meta, &[2])
        );
    }

    #[test]
    fn authors_names_become_family_name_and_initials() {
        assert_eq!(cited_author("Giovanni Valvo"), "Valvo, G.");
        assert_eq!(cited_author("Mary Ann Evans"), "Evans, M. A.");
        assert_eq!(cited_author("Reuters"), "Reuters");
        assert_eq!(cited_author("  "), "");
    }
}
