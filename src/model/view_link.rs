//! The view a link carries in its fragment, so that a link opens what its sender saw:
//! `#date=2024-06-01&map=5.00/40.18/44.51&sel=ARM&hide=labels,tensions&step=3`.
//!
//! `map` is zoom/latitude/longitude, as OpenStreetMap's links write it; `sel` is a country's
//! ISO code or `tension:ID`, `excerpt:ID`, `group:ID`; `hide` lists the legend's layer keys;
//! `step` is a step of Present, counted from 1. Every part is optional, and a part that cannot
//! be read is left out with a note saying why, so that a mistyped link still opens the rest.
//!
//! # Examples
//!
//! ```
//! use alliance_map::model::view_link::ViewLink;
//! use alliance_map::model::view_file::ViewSelection;
//!
//! let (link, problems) = ViewLink::parse("#date=2024-06-01&sel=ARM");
//! assert!(problems.is_empty());
//! assert_eq!(link.selection, Some(ViewSelection::Country("ARM".into())));
//! assert_eq!(link.to_fragment(), "date=2024-06-01&sel=ARM");
//! ```

use std::fmt::Write as _;

use super::date::Date;
use super::mercator::MAX_LATITUDE;
use super::view_file::ViewSelection;

/// A fragment longer than this is no link of this app's; nothing of it is read.
pub const MAX_FRAGMENT_CHARS: usize = 4_000;
/// More hidden layers than this are no link of this app's.
const MAX_HIDDEN_LAYERS: usize = 100;
/// The zooms the map accepts.
const ZOOM_RANGE: std::ops::RangeInclusive<f64> = 0.0..=26.0;

/// Where the map looks: its centre in degrees and walkers' zoom level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkedMap {
    pub zoom: f64,
    pub lat: f64,
    pub lon: f64,
}

/// What a link's fragment says; `None` where it says nothing of that part.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewLink {
    pub date: Option<Date>,
    pub map: Option<LinkedMap>,
    pub selection: Option<ViewSelection>,
    /// The legend keys of the layers hidden; `Some(empty)` says every layer is shown.
    pub hidden_layers: Option<Vec<String>>,
    /// The step of Present shown, from 0 (written from 1).
    pub step: Option<usize>,
}

impl ViewLink {
    /// Reads a fragment (with or without its `#`), with a note for each part left out.
    pub fn parse(fragment: &str) -> (ViewLink, Vec<String>) {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut link = ViewLink::default();
        let mut problems = Vec::new();
        if fragment.chars().count() > MAX_FRAGMENT_CHARS {
            problems.push(format!(
                "the link's view is longer than {MAX_FRAGMENT_CHARS} characters and was not read"
            ));
            return (link, problems);
        }
        for part in fragment.split('&').filter(|part| !part.is_empty()) {
            let (key, raw) = part.split_once('=').unwrap_or((part, ""));
            let value = match percent_decode(raw) {
                Ok(value) => value,
                Err(problem) => {
                    problems.push(format!("the link's '{key}' is left out: {problem}"));
                    continue;
                }
            };
            let read = match key {
                "date" => value
                    .parse::<Date>()
                    .map(|date| link.date = Some(date))
                    .map_err(|error| error.to_string()),
                "map" => parse_map(&value).map(|map| link.map = Some(map)),
                "sel" => parse_selection(&value).map(|selection| link.selection = selection),
                // Split before decoding: a key may hold an encoded comma.
                "hide" => parse_hidden(raw).map(|hidden| link.hidden_layers = Some(hidden)),
                "step" => match value.parse::<usize>() {
                    Ok(step) if step >= 1 => {
                        link.step = Some(step - 1);
                        Ok(())
                    }
                    _ => Err(format!("'{value}' is not a step number (1, 2, ...)")),
                },
                // Another page's or a later version's part: not this app's to judge.
                _ => Ok(()),
            };
            if let Err(problem) = read {
                problems.push(format!("the link's '{key}' is left out: {problem}"));
            }
        }
        (link, problems)
    }

    /// The fragment, without its `#`, of the parts this link says, in a fixed order.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(date) = self.date {
            parts.push(format!("date={date}"));
        }
        if let Some(map) = self.map {
            parts.push(format!("map={:.2}/{:.4}/{:.4}", map.zoom, map.lat, map.lon));
        }
        if let Some(selection) = &self.selection {
            let value = match selection {
                ViewSelection::Country(code) => percent_encode(code),
                ViewSelection::Tension(id) => format!("tension:{}", percent_encode(id)),
                ViewSelection::Excerpt(id) => format!("excerpt:{}", percent_encode(id)),
                ViewSelection::Group(id) => format!("group:{}", percent_encode(id)),
            };
            parts.push(format!("sel={value}"));
        }
        if let Some(hidden) = &self.hidden_layers {
            let keys: Vec<String> = hidden.iter().map(|key| percent_encode(key)).collect();
            parts.push(format!("hide={}", keys.join(",")));
        }
        if let Some(step) = self.step {
            parts.push(format!("step={}", step + 1));
        }
        parts.join("&")
    }

    /// A link to this view on a published page: `address` with its own fragment replaced.
    pub fn on_page(&self, address: &str) -> String {
        let page = address.split('#').next().unwrap_or(address);
        format!("{page}#{}", self.to_fragment())
    }
}

fn parse_map(value: &str) -> Result<LinkedMap, String> {
    let numbers: Vec<Option<f64>> = value
        .split('/')
        .map(|n| n.parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect();
    let [Some(zoom), Some(lat), Some(lon)] = numbers[..] else {
        return Err(format!("'{value}' is not zoom/latitude/longitude"));
    };
    if !ZOOM_RANGE.contains(&zoom) {
        return Err(format!("zoom {zoom} is not between 0 and 26"));
    }
    if lat.abs() > MAX_LATITUDE {
        return Err(format!(
            "latitude {lat} is beyond the map's edge ({MAX_LATITUDE}°)"
        ));
    }
    if lon.abs() > 180.0 {
        return Err(format!("longitude {lon} is not between -180 and 180"));
    }
    Ok(LinkedMap { zoom, lat, lon })
}

/// A selection by kind and id; an empty value selects nothing.
fn parse_selection(value: &str) -> Result<Option<ViewSelection>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let selection = match value.split_once(':') {
        Some(("tension", id)) => ViewSelection::Tension(id.into()),
        Some(("excerpt", id)) => ViewSelection::Excerpt(id.into()),
        Some(("group", id)) => ViewSelection::Group(id.into()),
        Some((kind, _)) => {
            return Err(format!(
                "'{kind}' is not something to select (tension, excerpt, group or a country's code)"
            ));
        }
        None if value.len() == 3 && value.chars().all(|c| c.is_ascii_alphabetic()) => {
            ViewSelection::Country(value.to_ascii_uppercase())
        }
        None => return Err(format!("'{value}' is not a country's three-letter code")),
    };
    Ok(Some(selection))
}

/// The keys of a `hide` value as written (still encoded), comma-separated.
fn parse_hidden(value: &str) -> Result<Vec<String>, String> {
    let keys: Vec<String> = value
        .split(',')
        .filter(|key| !key.is_empty())
        .map(percent_decode)
        .collect::<Result<_, _>>()?;
    if keys.len() > MAX_HIDDEN_LAYERS {
        return Err(format!("more than {MAX_HIDDEN_LAYERS} layers"));
    }
    Ok(keys)
}

/// Keeps what a fragment may hold as it is (and the `:` of layer keys, readable); the rest,
/// `&`, `,`, `%` and `#` among it, as `%XX` of its UTF-8 bytes.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

fn percent_decode(text: &str) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        if byte == b'%' {
            let hex = after
                .get(..2)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| format!("'{text}' has a '%' not followed by two hex digits"))?;
            bytes.push(hex);
            rest = &after[2..];
        } else {
            bytes.push(byte);
            rest = after;
        }
    }
    String::from_utf8(bytes).map_err(|_| format!("'{text}' is not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_comes_back_from_the_fragment_it_writes() {
        let link = ViewLink {
            date: Some(Date::constant(2024, 6, 1)),
            map: Some(LinkedMap {
                zoom: 5.25,
                lat: 40.1812,
                lon: 44.5136,
            }),
            selection: Some(ViewSelection::Tension("azerbaijan, armenia & 100%".into())),
            hidden_layers: Some(vec!["labels".into(), "group:CSTO".into(), "a,b".into()]),
            step: Some(2),
        };
        let fragment = link.to_fragment();
        assert_eq!(
            fragment,
            "date=2024-06-01&map=5.25/40.1812/44.5136\
             &sel=tension:azerbaijan%2C%20armenia%20%26%20100%25\
             &hide=labels,group:CSTO,a%2Cb&step=3"
        );
        assert_eq!(ViewLink::parse(&fragment), (link, Vec::new()));
    }

    #[test]
    fn a_country_is_selected_by_its_code_whatever_its_case() {
        let (link, problems) = ViewLink::parse("#sel=arm&date=2021-01-31");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(link.selection, Some(ViewSelection::Country("ARM".into())));
        assert_eq!(link.date, Some(Date::constant(2021, 1, 31)));
        assert_eq!(link.map, None);
    }

    #[test]
    fn a_part_that_cannot_be_read_is_left_out_and_the_rest_kept() {
        let (link, problems) =
            ViewLink::parse("date=2024-02-30&map=5/91/10&sel=ARM&step=0&hide=%zz&zoom=3");
        assert_eq!(link.selection, Some(ViewSelection::Country("ARM".into())));
        assert_eq!(link.date, None);
        assert_eq!(link.map, None);
        assert_eq!(link.step, None);
        assert_eq!(link.hidden_layers, None);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("'date'"), "{problems:?}");
        assert!(problems[1].contains("latitude 91"), "{problems:?}");
    }

    #[test]
    fn a_selection_of_an_unknown_kind_is_refused_with_the_kinds_there_are() {
        let (link, problems) = ViewLink::parse("sel=river:volga");
        assert_eq!(link.selection, None);
        assert!(problems[0].contains("'river'"), "{problems:?}");
        assert!(problems[0].contains("tension"), "{problems:?}");
    }

    #[test]
    fn an_overlong_fragment_is_not_read_at_all() {
        let fragment = format!("date=2024-06-01&x={}", "y".repeat(MAX_FRAGMENT_CHARS));
        let (link, problems) = ViewLink::parse(&fragment);
        assert_eq!(link, ViewLink::default());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_link_on_a_page_replaces_the_pages_own_fragment() {
        let link = ViewLink {
            date: Some(Date::constant(2024, 6, 1)),
            ..ViewLink::default()
        };
        assert_eq!(
            link.on_page("https://example.org/csto/#date=2020-01-01"),
            "https://example.org/csto/#date=2024-06-01"
        );
        assert_eq!(
            link.on_page("https://example.org/csto/"),
            "https://example.org/csto/#date=2024-06-01"
        );
    }
}
