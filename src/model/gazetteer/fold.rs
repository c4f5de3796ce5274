//! Case and accent folding that remembers where each folded byte came from, so that a match in
//! the folded text is a range of the original.

/// Text lowercased with Latin accents removed ("Türkiye" → "turkiye", "Russia’s" →
/// "russia's"), and for each folded byte the offset of the original character it came from.
pub struct Folded {
    pub text: String,
    origin: Vec<u32>,
    original_len: usize,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, ch) in original.char_indices() {
            let before = text.len();
            fold_char(ch, &mut text);
            origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
        }
        Folded {
            text,
            origin,
            original_len: original.len(),
        }
    }

    /// The original byte range that the folded range `start..end` came from.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let begin = self
            .origin
            .get(start)
            .map_or(self.original_len, |&o| o as usize);
        let finish = self
            .origin
            .get(end)
            .map_or(self.original_len, |&o| o as usize);
        begin..finish.max(begin)
    }
}

/// Folds a pattern the way [`Folded::new`] folds the text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        fold_char(ch, &mut out);
    }
    out
}

fn fold_char(ch: char, out: &mut String) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => out.push('\''),
        // Russian writes "ё" or plain "е" in the same word ("Соединённые", "Соединенные").
        'ё' | 'Ё' => out.push('е'),
        // Latin letters with diacritics, and combining marks (dropped): decomposed or not,
        // "Türkiye" folds the same.
        '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' | '\u{0300}'..='\u{036f}' => {
            match deunicode::deunicode_char(ch) {
                Some(ascii) => out.extend(ascii.chars().map(|c| c.to_ascii_lowercase())),
                None => out.push(ch),
            }
        }
        _ => out.extend(ch.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_ranges_point_back_at_the_original_characters() {
        let original = "In Türkiye’s capital";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "in turkiye's capital");
        let at = folded.text.find("turkiye").unwrap_or(0);
        let range = folded.original_range(at, at + "turkiye".len());
        assert_eq!(&original[range], "Türkiye");
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(fold("Tu\u{0308}rkiye"), fold("Türkiye"));
        assert_eq!(fold("Chișinău"), "chisinau");
    }
}
