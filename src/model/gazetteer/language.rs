//! The languages drafting reads, and which of them a text is written in.

use std::fmt;
use std::str::FromStr;

/// A language the gazetteer has words for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    English,
    Russian,
    French,
    German,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::Russian,
        Language::French,
        Language::German,
    ];

    /// The ISO 639-1 code the gazetteer and `--lang` use.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
            Language::French => "fr",
            Language::German => "de",
        }
    }

    /// The language most of `text` is written in: Russian where Cyrillic letters outnumber
    /// Latin ones, else the Latin-script language whose commonest short words occur most
    /// (English when none stands out). Reads at most the first [`SAMPLE_BYTES`] bytes, so the
    /// cost is bounded whatever the text's size.
    ///
    /// # Examples
    /// ```
    /// use alliance_map::model::gazetteer::Language;
    ///
    /// assert_eq!(Language::detect("Армения и Россия подписали договор."), Language::Russian);
    /// assert_eq!(Language::detect("La Russie et l'Arménie sont des alliés."), Language::French);
    /// assert_eq!(Language::detect("Russland und Armenien sind Verbündete."), Language::German);
    /// assert_eq!(Language::detect("Russia and Armenia are allies."), Language::English);
    /// ```
    pub fn detect(text: &str) -> Language {
        let end = (0..=SAMPLE_BYTES.min(text.len()))
            .rev()
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(0);
        let sample = &text[..end];
        let (mut cyrillic, mut latin) = (0usize, 0usize);
        for ch in sample.chars() {
            if ('\u{0400}'..='\u{04ff}').contains(&ch) {
                cyrillic += 1;
            } else if ch.is_ascii_alphabetic() || ('\u{00c0}'..='\u{024f}').contains(&ch) {
                latin += 1;
            }
        }
        if cyrillic > latin {
            return Language::Russian;
        }
        let mut scores = [0usize; 3];
        for word in sample.split(|c: char| !c.is_alphabetic()) {
            let word = word.to_lowercase();
            for (score, words) in scores.iter_mut().zip(COMMON_WORDS) {
                if words.contains(&word.as_str()) {
                    *score += 1;
                }
            }
        }
        let [english, french, german] = scores;
        if french > english && french >= german {
            Language::French
        } else if german > english && german > french {
            Language::German
        } else {
            Language::English
        }
    }
}

/// How much of a text [`Language::detect`] reads.
const SAMPLE_BYTES: usize = 20_000;

/// Short words frequent in English, French and German and rare in the other two.
const COMMON_WORDS: [&[&str]; 3] = [
    &[
        "the", "and", "of", "to", "is", "in", "that", "with", "for", "was", "its", "by",
    ],
    &[
        "le", "la", "les", "des", "et", "est", "une", "du", "dans", "pour", "qui", "sur", "au",
        "aux", "avec",
    ],
    &[
        "der", "die", "das", "und", "ist", "mit", "den", "dem", "nicht", "ein", "eine", "auf",
        "sich", "von", "zu",
    ],
];

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(text: &str) -> Result<Language, String> {
        Language::ALL
            .into_iter()
            .find(|language| language.code() == text)
            .ok_or_else(|| format!("'{text}' is not one of en, ru, fr, de"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_russian_text_with_latin_acronyms_is_russian() {
        let text = "Страны ОДКБ и NATO провели переговоры в Москве 15 мая 2012 г.";
        assert_eq!(Language::detect(text), Language::Russian);
    }

    #[test]
    fn codes_read_back_as_their_language() {
        for language in Language::ALL {
            assert_eq!(language.code().parse::<Language>(), Ok(language));
        }
        assert!("xx".parse::<Language>().is_err());
    }

    #[test]
    fn a_text_cut_inside_a_letter_is_still_read() {
        let text = "é".repeat(SAMPLE_BYTES);
        assert_eq!(Language::detect(&format!("x{text}")), Language::English);
    }
}
