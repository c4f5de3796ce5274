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
    use crate::model::gazetteer::{Gazetteer, Referent};

    /// The countries and organisations `text` surely names, read as `language`, in text order.
    fn named(text: &str, language: Language) -> Vec<String> {
        let Ok(gazetteer) = Gazetteer::bundled() else {
            panic!("the bundled gazetteer")
        };
        gazetteer
            .mentions_in(text, language)
            .into_iter()
            .filter(|mention| mention.uncertain.is_none())
            .filter_map(|mention| match mention.referent {
                Referent::Country(code) | Referent::Organisation(code) => Some(code),
                Referent::Countries(_) => None,
            })
            .collect()
    }

    #[test]
    fn russian_names_are_found_in_every_case_and_adjectives_in_lowercase() {
        let text = "Россия, России, Россию, Россией; Армения и Армении; российский, армянская, \
                    казахстанские; Российской Федерации, Соединённых Штатов, Республикой Казахстан.";
        assert_eq!(
            named(text, Language::Russian),
            [
                "RUS", "RUS", "RUS", "RUS", "ARM", "ARM", "RUS", "ARM", "KAZ", "RUS", "USA", "KAZ"
            ]
        );
    }

    #[test]
    fn a_russian_compound_adjective_names_both_countries() {
        assert_eq!(
            named(
                "армяно-азербайджанских и российско-китайских",
                Language::Russian
            ),
            ["ARM", "AZE", "RUS", "CHN"]
        );
    }

    #[test]
    fn a_russian_people_is_found_in_its_cases() {
        assert_eq!(
            named(
                "армянам, азербайджанцев, таджиками и россиянах",
                Language::Russian
            ),
            ["ARM", "AZE", "TJK", "RUS"]
        );
    }

    #[test]
    fn russian_organisations_are_found_by_abbreviation_and_inflected_name() {
        let text = "ОДКБ, НАТО, СНГ, ЕАЭС, ШОС, ЕС и ОБСЕ; Организации Договора о коллективной \
                    безопасности и Евразийского экономического союза.";
        assert_eq!(
            named(text, Language::Russian),
            [
                "CSTO", "NATO", "CIS", "EAEU", "SCO", "EU", "OSCE", "CSTO", "EAEU"
            ]
        );
    }

    #[test]
    fn french_names_are_found_after_an_elision_and_abbreviations_as_written() {
        let text = "l'Arménie, d'Ukraine, l’Azerbaïdjan; la diplomatie russe; OTAN, Otan, UE, OCS, \
                    OTSC, CEI et l'Union européenne.";
        assert_eq!(
            named(text, Language::French),
            [
                "ARM", "UKR", "AZE", "RUS", "NATO", "NATO", "EU", "SCO", "CSTO", "CIS", "EU"
            ]
        );
    }

    #[test]
    fn german_genitives_adjectives_and_abbreviations_are_found() {
        let text = "Russlands Politik, Moskaus Einfluss, die russische Armee, der Russischen \
                    Föderation; NATO, Nato, EU, SOZ, GUS, OVKS und OSZE.";
        assert_eq!(
            named(text, Language::German),
            [
                "RUS", "RUS", "RUS", "RUS", "NATO", "NATO", "EU", "SCO", "CIS", "CSTO", "OSCE"
            ]
        );
    }

    #[test]
    fn a_sea_or_a_continent_holding_a_name_is_no_country() {
        assert!(
            named(
                "dans l'océan Indien, le commerce latino-américain",
                Language::French
            )
            .is_empty()
        );
        assert!(named("im Indischen Ozean und in Südamerika", Language::German).is_empty());
        assert!(named("в Индийском океане и Латинской Америке", Language::Russian).is_empty());
        assert_eq!(named("Израиля и Токио", Language::Russian), ["ISR", "JPN"]);
    }

    #[test]
    fn island_is_iceland_in_german_only() {
        assert_eq!(
            named("Island und Norwegen", Language::German),
            ["ISL", "NOR"]
        );
        assert_eq!(named("Island and Norway", Language::English), ["NOR"]);
    }

    #[test]
    fn a_name_never_matches_inside_another_word_or_as_a_common_word() {
        // "Россиянка" holds "Россия"'s stem, "Армениевед" "Армения"'s; "russe" is no Russia
        // inside "prussien", and the lowercase "chine" is a common word, not China.
        assert!(named("Россиянка-армениевед", Language::Russian).is_empty());
        assert!(named("un prussien à l'échine raide", Language::French).is_empty());
        assert!(named("Chinarestaurant", Language::German).is_empty());
    }

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
