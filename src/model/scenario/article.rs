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

    /// The paragraph that holds this byte offset.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|range| range.contains(&offset))
            .map(|index| index + 1)
    }

    /// Where a quote sits in the text, searched for in its paragraph first.
    pub fn find_quote(&self, quote: &str, paragraph: usize) -> Option<Range<usize>> {
        let quote = files::normalize_text(quote);
        if quote.is_empty() {
            return None;
        }
        if let Some(range) = self.paragraph_range(paragraph)
            && let Some(at) = self.text[range.clone()].find(&quote)
        {
            return Some(range.start + at..range.start + at + quote.len());
        }
        self.text.find(&quote).map(|at| at..at + quote.len())
    }
}
