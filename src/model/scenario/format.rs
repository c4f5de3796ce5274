//! The scenario file as written: the serde types of the format documented in
//! `docs/scenario-format.md`, and parsing that locates what does not fit.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ScenarioError;
use crate::model::date::Date;
use crate::model::geo::LonLat;
use crate::model::json::message_without_position;

/// The scenario file as written, before any cross-checks.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioData {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub article: ArticleMeta,
    pub groups: Vec<Group>,
    pub memberships: Vec<Membership>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub leaders: Vec<Leader>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    pub excerpts: Vec<Excerpt>,
    pub tensions: Vec<Tension>,
    /// How the app presents this scenario; what a file leaves out has a default.
    #[serde(default, skip_serializing_if = "MapSettings::is_default")]
    pub map: MapSettings,
    /// The steps of a presentation through the article; without them, Present steps through
    /// the excerpts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story: Vec<StoryStep>,
}

/// One step of a presentation: an excerpt shown as a caption, with the countries the map
/// flies to and the tensions it highlights.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StoryStep {
    /// The excerpt the step shows, by id.
    pub excerpt: String,
    /// A heading over the caption, in the scenario author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Countries to fly to and outline; without them, the excerpt's countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
    /// Tensions whose arcs are highlighted, by id; without them, those citing the excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tensions: Option<Vec<String>>,
    /// The area to show; without it, the area of the step's countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<Extent>,
}

/// What the scenario says about its map: where it opens, where its timeline starts, which
/// group's neighbours it computes, and what its search examples are.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapSettings {
    /// The area the map opens on; without it, the countries the scenario speaks of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_view: Option<Extent>,
    /// The first day of the date slider; without it, the earliest membership in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline_start: Option<Date>,
    /// Members of one group that border members of another, shown as a layer of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbours: Option<NeighboursOf>,
    /// Words the help suggests typing in the search box (a capital, a demonym, a leader).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search_examples: Vec<String>,
}

impl MapSettings {
    fn is_default(&self) -> bool {
        *self == MapSettings::default()
    }
}

/// West, south, east and north edges in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Extent {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Extent {
    pub const WORLD: Extent = Extent {
        west: -180.0,
        south: -60.0,
        east: 180.0,
        north: 80.0,
    };
}

/// A group's name from a date on.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: Date,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Group {
    /// What the legend and tooltips call the group.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.id)
    }

    /// What the legend calls the group on `date`: its latest renaming's short name by then.
    pub fn label_on(&self, date: Date) -> &str {
        match self.rename_on(date) {
            Some(rename) => rename.short_name.as_deref().unwrap_or(&rename.name),
            None => self.label(),
        }
    }

    /// The latest renaming in force on `date`.
    pub fn rename_on(&self, date: Date) -> Option<&Rename> {
        self.renamed
            .iter()
            .filter(|rename| rename.from <= date)
            .max_by_key(|rename| rename.from)
    }

    /// The colour the file gives, as red, green and blue; `None` when it gives none or one
    /// that is not `#rrggbb` (the check reports that).
    pub fn rgb(&self) -> Option<[u8; 3]> {
        parse_rgb(self.color.as_deref()?)
    }
}

/// `#rrggbb` as three bytes.
pub fn parse_rgb(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The members of `group` that border a member of `bordering` by land on the date shown
/// (in the CSTO scenario, NATO members bordering the CSTO).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NeighboursOf {
    pub group: String,
    pub bordering: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub title: String,
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
    pub publication: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_note: Option<String>,
    pub date: Date,
    pub date_basis: String,
    /// Path of the article text, relative to the scenario file.
    pub text: String,
    /// The day the article was published, for citations, when it differs from `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The author as a reference list writes them ("Valvo, G."); without it, worked out from
    /// `author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cited_author: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// A mutual-defence treaty organisation (NATO, the CSTO).
    Alliance,
    /// A customs or economic union (the EAEU, the EU).
    EconomicUnion,
    /// A standing intergovernmental organisation founded by a treaty, charter or founding act,
    /// with a seat, that is neither an alliance nor an economic union (the CIS, the SCO, GUAM,
    /// ASEAN, the African Union, the OSCE).
    Organisation,
    /// An alignment the article names that has no treaty or seat.
    Informal,
}

impl GroupKind {
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::Alliance => "Alliance",
            GroupKind::EconomicUnion => "Economic union",
            GroupKind::Organisation => "Organisation",
            GroupKind::Informal => "Informal group",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// What the legend and tooltips call the group; its id when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Later names, each from a date: the Customs Union is the Eurasian Economic Union's from
    /// 2015.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<Rename>,
    /// Its colour on the map as `#rrggbb`; without one, the next colour of the app's palette.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    pub kind: GroupKind,
    pub founded: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precursor: Option<Precursor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a group was before it was founded (the CSTO's Collective Security Treaty).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Precursor {
    pub name: String,
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub lon: f64,
    pub lat: f64,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Member,
    Suspended,
    Frozen,
    Former,
    Observer,
    /// A partial membership the group's own rules provide for (Turkmenistan in the CIS).
    Associate,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Member => "member",
            Status::Suspended => "suspended",
            Status::Frozen => "frozen",
            Status::Former => "former",
            Status::Observer => "observer",
            Status::Associate => "associate member",
        }
    }
}

/// One period of one country's status in one group: `from` inclusive, `until` exclusive.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub country: String,
    pub group: String,
    pub status: Status,
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A change announced during this period but not yet in force ("suspension notified"):
    /// the status stays what it formally was, and the text shows both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
}

impl Membership {
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

/// A party that is not a country, drawn where `lon`/`lat` say; an actor with neither ("the
/// West") has no place: its tensions show as a marker on their placed parties, with no line
/// running to a point chosen to stand for it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    pub placement: String,
}

impl Actor {
    /// Where the actor is drawn, if it has a place.
    pub fn place(&self) -> Option<LonLat> {
        Some(LonLat::new(self.lon?, self.lat?))
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub country: String,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub excerpts: Vec<String>,
}

/// The words the article uses for a country, for highlighting and search.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub country: String,
    pub terms: Vec<String>,
    /// Phrases of the article in which a term names a place, not the state ("opened in
    /// Moscow"): a term inside one of them does not mark the country.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_in: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub id: String,
    pub paragraph: usize,
    pub quote: String,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub actors: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TensionKind {
    MissileDefence,
    MilitaryPresence,
    RegionalRivalry,
    Influence,
    ArmsRace,
    ArmedConflict,
    Instability,
}

impl TensionKind {
    pub const ALL: [TensionKind; 7] = [
        TensionKind::MissileDefence,
        TensionKind::MilitaryPresence,
        TensionKind::RegionalRivalry,
        TensionKind::Influence,
        TensionKind::ArmsRace,
        TensionKind::ArmedConflict,
        TensionKind::Instability,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TensionKind::MissileDefence => "missile defence",
            TensionKind::MilitaryPresence => "military presence",
            TensionKind::RegionalRivalry => "regional rivalry",
            TensionKind::Influence => "influence",
            TensionKind::ArmsRace => "arms race",
            TensionKind::ArmedConflict => "armed conflict",
            TensionKind::Instability => "instability",
        }
    }
}

/// Exactly one of the three is set; the check reports any other shape.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

/// A party once its reference has been checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyRef<'a> {
    Country(&'a str),
    Group(&'a str),
    Actor(&'a str),
}

impl Party {
    pub fn resolve(&self) -> Option<PartyRef<'_>> {
        match (&self.country, &self.group, &self.actor) {
            (Some(code), None, None) => Some(PartyRef::Country(code)),
            (None, Some(id), None) => Some(PartyRef::Group(id)),
            (None, None, Some(id)) => Some(PartyRef::Actor(id)),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tension {
    pub id: String,
    pub kind: TensionKind,
    pub parties: Vec<Party>,
    pub summary: String,
    pub excerpts: Vec<String>,
    /// How the quotes state the tension ("could": possible); left out, as a fact. Kept when a
    /// proposal is accepted, so the tension says no more than its quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    /// Set on a tension drafting proposed and no one has accepted yet: drawn in the
    /// "proposed" style and listed in the editor to accept, edit or drop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed: Option<Proposal>,
}

/// How the article states a relation: as a fact, a fear, a possibility, a denial, a plan or
/// something past ("could", "fear", "denied", "will", "had").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Stated,
    Feared,
    Possible,
    Denied,
    Future,
    Past,
}

impl Modality {
    pub const ALL: [Modality; 6] = [
        Modality::Stated,
        Modality::Feared,
        Modality::Possible,
        Modality::Denied,
        Modality::Future,
        Modality::Past,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Modality::Stated => "stated",
            Modality::Feared => "feared",
            Modality::Possible => "possible",
            Modality::Denied => "denied",
            Modality::Future => "future",
            Modality::Past => "past",
        }
    }
}

/// What drafting read in the quote when it proposed a tension.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// The relation dictionary's kind ("threat", "armed_clash"; `assets/relations.json`).
    pub relation: String,
    pub modality: Modality,
    /// The words of the quote that state the relation ("threatened").
    pub cue: String,
    /// Indexes into the tension's parties of who acts and who is acted on, where the verb
    /// gives a direction ("Minsk feels itself threatened by NATO": NATO acts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<usize>,
}

/// Parses the JSON into [`ScenarioData`], reporting the JSON path, line and column of the
/// first thing that does not fit the format.
pub fn parse(path: &Path, text: &str) -> Result<ScenarioData, ScenarioError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result: Result<ScenarioData, _> = serde_path_to_error::deserialize(&mut deserializer);
    let data = result.map_err(|error| {
        let json_path = format!("$.{}", error.path()).replace("$..", "$.");
        let inner = error.into_inner();
        ScenarioError::Json {
            file: path.to_path_buf(),
            path: json_path.trim_end_matches('.').to_string(),
            message: message_without_position(&inner),
            line: inner.line(),
            column: inner.column(),
        }
    })?;
    if let Err(error) = deserializer.end() {
        return Err(ScenarioError::Json {
            file: path.to_path_buf(),
            path: "$".into(),
            message: message_without_position(&error),
            line: error.line(),
            column: error.column(),
        });
    }
    Ok(data)
}
