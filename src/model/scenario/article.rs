//! The article text split into numbered paragraphs, and finding quotes in it.

use std::ops::Range;

use crate::model::files;

/// The article text split into numbered paragraphs.
#[derive(Clone, Debug)]
pub struct Article {
    text: String,
    /// Byte ranges of paragraphs 1, 2, ...: the non-empty lines after the title, up to the
    /// author's byline.
    paragraphs: Vec<Range<usize>>,
}

impl Article {
    pub fn new(text: &str, author: &str) -> Self {
        let text = files::normalize_text(text);
        let mut paragraphs = Vec::new();
        let mut offset = 0;
        let mut seen_title = false;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let content = line.trim_end_matches('\n');
            if content.trim().is_empty() {
                continue;
            }
            if !seen_title {
                seen_title = true;
                continue;
            }
            if content.trim() == author.trim() {
                break;
            }
            paragraphs.push(start..start + content.len());
        }
        Self { text, paragraphs }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Paragraph `number` (1-based).
    pub fn paragraph(&self, number: usize) -> Option<&str> {
        let range = self.paragraphs.get(number.checked_sub(1)?)?;
        Some(&self.text[range.clone()])
    }

    /// Byte range of paragraph `number` within [`Article::text`].
    pub fn paragraph_range(&self, number: usize) -> Option<Range<usize>> {
        self.paragraphs.get(number.checked_sub(1)?).cloned()
    }

    /// The paragraph that holds this byte offset. Paragraphs are sorted and apart, so a
    /// binary search finds it: 20,000 excerpts of an 8 MB article once took 36 s by scanning.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let index = self.paragraphs.partition_point(|range| range.end <= offset);
        self.paragraphs
            .get(index)
            .filter(|range| range.contains(&offset))
            .map(|_| index + 1)
    }

    /// Where a quote sits in the text, searched for in its paragraph first.
    pub fn find_quote(&self, quote: &str, paragraph: usize) -> Option<Range<usize>> {
        if let Some(range) = self.find_quote_in_paragraph(quote, paragraph) {
            return Some(range);
        }
        let quote = files::normalize_text(quote);
        if quote.is_empty() {
            return None;
        }
        self.text.find(&quote).map(|at| at..at + quote.len())
    }

    /// Where a quote sits in its own paragraph, if it is there.
    pub fn find_quote_in_paragraph(&self, quote: &str, paragraph: usize) -> Option<Range<usize>> {
        let quote = files::normalize_text(quote);
        if quote.is_empty() {
            return None;
        }
        let range = self.paragraph_range(paragraph)?;
        let at = self.text[range.clone()].find(&quote)?;
        Some(range.start + at..range.start + at + quote.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offset_finds_its_paragraph_by_binary_search() {
        let article = Article::new("Title\n\nOne.\n\nTwo two.\nThree.\nBy A\nAfter.\n", "By A");
        assert_eq!(article.paragraph_count(), 3);
        let text = article.text().to_string();
        for (offset, _) in text.char_indices() {
            let scanned = (1..=article.paragraph_count()).find(|&n| {
                article
                    .paragraph_range(n)
                    .is_some_and(|range| range.contains(&offset))
            });
            assert_eq!(article.paragraph_at(offset), scanned, "at {offset}");
        }
    }

    #[test]
    fn twenty_thousand_lookups_in_a_long_article_find_their_paragraphs() {
        let text: String = std::iter::once("Title\n".to_string())
            .chain((0..200_000).map(|i| format!("Paragraph {i} has some words.\n")))
            .collect();
        let article = Article::new(&text, "nobody");
        let count = article.paragraph_count();
        let starts: Vec<usize> = (count - 20_000..count)
            .filter_map(|n| article.paragraph_range(n).map(|range| range.start + 3))
            .collect();
        for (i, &offset) in starts.iter().enumerate() {
            assert_eq!(article.paragraph_at(offset), Some(count - 20_000 + i));
        }
    }
}
