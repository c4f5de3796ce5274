//! The scenario: an article with its excerpts, the groups and dated memberships it speaks of,
//! its actors and the tensions it states. The file format is in `docs/scenario-format.md`.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::files::{self, ReadError};
use super::world::World;

pub const FORMAT: &str = "alliance-map/scenario";
pub const VERSION: u32 = 1;

const BUNDLED_SCENARIO: &str = include_str!("../../assets/scenarios/csto-nato-of-the-east.json");
const BUNDLED_ARTICLE: &str = include_str!("../../assets/articles/csto-nato-of-the-east.txt");
pub const BUNDLED_SCENARIO_PATH: &str = "assets/scenarios/csto-nato-of-the-east.json";

/// The scenario file as written, before any cross-checks.
#[derive(Clone, Debug, Deserialize, Serialize)]
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
}

#[derive(Clone, Debug, Deserialize, Serialize)]
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Alliance,
    EconomicUnion,
    Informal,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Precursor {
    pub name: String,
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
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
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Member => "member",
            Status::Suspended => "suspended",
            Status::Frozen => "frozen",
            Status::Former => "former",
            Status::Observer => "observer",
        }
    }
}

/// One period of one country's status in one group: `from` inclusive, `until` exclusive.
#[derive(Clone, Debug, Deserialize, Serialize)]
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
}

impl Membership {
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

/// A party that is not a country, drawn where `lon`/`lat` say.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    pub placement: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub country: String,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub excerpts: Vec<String>,
}

/// The words the article uses for a country, for highlighting and search.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub country: String,
    pub terms: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
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
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tension {
    pub id: String,
    pub kind: TensionKind,
    pub parties: Vec<Party>,
    pub summary: String,
    pub excerpts: Vec<String>,
}

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

/// How bad a finding is: errors refuse the file, warnings are printed and accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a scenario, located by its JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.path, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{file}: {path}: {message} (line {line}, column {column})")]
    Json {
        file: PathBuf,
        path: String,
        message: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: the article text {article} could not be used: {source}")]
    Article {
        file: PathBuf,
        article: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("{file}: refused:\n{}", list_findings(.findings))]
    Refused {
        file: PathBuf,
        findings: Vec<Finding>,
    },
}

fn list_findings(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|finding| format!("  {finding}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A checked scenario with its article, ready to query.
#[derive(Clone, Debug)]
pub struct Scenario {
    data: ScenarioData,
    article: Article,
    source: PathBuf,
    warnings: Vec<Finding>,
}

impl Scenario {
    /// The CSTO scenario shipped inside the application.
    pub fn load_bundled(world: &World) -> Result<Scenario, ScenarioError> {
        Scenario::from_text(
            Path::new(BUNDLED_SCENARIO_PATH),
            BUNDLED_SCENARIO,
            |_| Ok(BUNDLED_ARTICLE.to_string()),
            world,
        )
    }

    /// Reads, parses and checks a scenario file and the article it names.
    pub fn load(path: &Path, world: &World) -> Result<Scenario, ScenarioError> {
        let text = files::read_text(path)?;
        let directory = path.parent().unwrap_or(Path::new("")).to_path_buf();
        Scenario::from_text(
            path,
            &text,
            |relative| files::read_text(&directory.join(relative)),
            world,
        )
    }

    /// Parses and checks scenario text; `read_article` fetches the article by the relative
    /// path the scenario gives.
    pub fn from_text(
        path: &Path,
        text: &str,
        read_article: impl FnOnce(&str) -> Result<String, ReadError>,
        world: &World,
    ) -> Result<Scenario, ScenarioError> {
        let data = parse(path, text)?;
        let article_text =
            read_article(&data.article.text).map_err(|source| ScenarioError::Article {
                file: path.to_path_buf(),
                article: PathBuf::from(&data.article.text),
                source,
            })?;
        let article = Article::new(&article_text, &data.article.author);
        let findings = check(&data, &article, world);
        let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|finding| finding.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(ScenarioError::Refused {
                file: path.to_path_buf(),
                findings: errors.into_iter().chain(warnings).collect(),
            });
        }
        Ok(Scenario {
            data,
            article,
            source: path.to_path_buf(),
            warnings,
        })
    }

    pub fn data(&self) -> &ScenarioData {
        &self.data
    }
    pub fn article(&self) -> &Article {
        &self.article
    }
    pub fn meta(&self) -> &ArticleMeta {
        &self.data.article
    }
    pub fn source(&self) -> &Path {
        &self.source
    }
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
    pub fn date(&self) -> Date {
        self.data.article.date
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.data.groups.iter().find(|group| group.id == id)
    }
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.data.actors.iter().find(|actor| actor.id == id)
    }
    pub fn excerpt(&self, id: &str) -> Option<&Excerpt> {
        self.data.excerpts.iter().find(|excerpt| excerpt.id == id)
    }
    pub fn tension(&self, id: &str) -> Option<&Tension> {
        self.data.tensions.iter().find(|tension| tension.id == id)
    }

    /// The status of `country` in `group` on `date`, if it had one.
    pub fn status(&self, country: &str, group: &str, date: Date) -> Option<Status> {
        self.data
            .memberships
            .iter()
            .find(|m| m.country == country && m.group == group && m.covers(date))
            .map(|m| m.status)
    }

    /// Every country with a status in `group` on `date`, with that status, sorted by code.
    pub fn statuses_in(&self, group: &str, date: Date) -> Vec<(&str, Status)> {
        let mut statuses: Vec<(&str, Status)> = self
            .data
            .memberships
            .iter()
            .filter(|m| m.group == group && m.covers(date))
            .map(|m| (m.country.as_str(), m.status))
            .collect();
        statuses.sort_unstable();
        statuses
    }

    /// The countries that are full members of `group` on `date`.
    pub fn members(&self, group: &str, date: Date) -> BTreeSet<&str> {
        self.statuses_in(group, date)
            .into_iter()
            .filter(|(_, status)| *status == Status::Member)
            .map(|(code, _)| code)
            .collect()
    }

    /// Members of `group` with a land border to a member of `bordering` on `date`, computed
    /// from the geometry (e.g. the NATO neighbours of the CSTO).
    pub fn members_bordering(
        &self,
        world: &World,
        group: &str,
        bordering: &str,
        date: Date,
    ) -> BTreeSet<&str> {
        let others = self.members(bordering, date);
        self.members(group, date)
            .into_iter()
            .filter(|code| {
                world
                    .land_neighbour_codes(code)
                    .iter()
                    .any(|neighbour| others.contains(neighbour))
            })
            .collect()
    }

    /// NATO members bordering an active CSTO member on `date`.
    pub fn nato_neighbours_of_csto(&self, world: &World, date: Date) -> BTreeSet<&str> {
        self.members_bordering(world, "NATO", "CSTO", date)
    }

    /// A country's membership periods in every group, oldest first.
    pub fn memberships_of(&self, country: &str) -> Vec<&Membership> {
        let mut periods: Vec<&Membership> = self
            .data
            .memberships
            .iter()
            .filter(|m| m.country == country)
            .collect();
        periods.sort_by(|a, b| (&a.group, a.from).cmp(&(&b.group, b.from)));
        periods
    }

    /// The name a group had on `date`: its precursor's before it was founded.
    pub fn group_name_on(&self, group: &Group, date: Date) -> String {
        match (&group.precursor, group.founded) {
            (Some(precursor), Some(founded)) if date < founded => precursor.name.clone(),
            _ => group.name.clone(),
        }
    }

    /// Where a party is drawn: a country at its capital (or the middle of its extent), an
    /// actor where the scenario places it, a group at its anchor or, when it has none, at each
    /// of its members on `date`.
    pub fn party_positions(&self, world: &World, party: PartyRef<'_>, date: Date) -> Vec<[f64; 2]> {
        match party {
            PartyRef::Country(code) => country_position(world, code).into_iter().collect(),
            PartyRef::Actor(id) => self
                .actor(id)
                .map(|actor| [actor.lon, actor.lat])
                .into_iter()
                .collect(),
            PartyRef::Group(id) => match self.group(id).and_then(|group| group.anchor.as_ref()) {
                Some(anchor) => vec![[anchor.lon, anchor.lat]],
                None => self
                    .members(id, date)
                    .into_iter()
                    .filter_map(|code| country_position(world, code))
                    .collect(),
            },
        }
    }

    /// Every date on which some membership began or ended, with what happened, sorted.
    pub fn membership_changes(&self, world: &World) -> Vec<(Date, String)> {
        let mut changes: Vec<(Date, String)> = Vec::new();
        for m in &self.data.memberships {
            let name = world
                .by_code(&m.country)
                .map(|c| c.name().to_string())
                .unwrap_or_else(|| m.country.clone());
            let verb = match m.status {
                Status::Member => "joins",
                Status::Suspended => "is suspended from",
                Status::Frozen => "freezes its participation in",
                Status::Former => "leaves",
                Status::Observer => "becomes an observer of",
            };
            changes.push((m.from, format!("{name} {verb} {}", m.group)));
        }
        changes.sort();
        changes.dedup();
        changes
    }

    /// The terms that refer to `country` in the article (names, capitals, leaders).
    pub fn mention_terms(&self, country: &str) -> Vec<&str> {
        self.data
            .mentions
            .iter()
            .filter(|mention| mention.country == country)
            .flat_map(|mention| mention.terms.iter().map(String::as_str))
            .collect()
    }

    pub fn leaders_of(&self, country: &str) -> Vec<&Leader> {
        self.data
            .leaders
            .iter()
            .filter(|leader| leader.country == country)
            .collect()
    }

    /// Excerpts that concern `country`, in article order.
    pub fn excerpts_about(&self, country: &str) -> Vec<&Excerpt> {
        self.data
            .excerpts
            .iter()
            .filter(|excerpt| excerpt.countries.iter().any(|c| c == country))
            .collect()
    }

    /// Tensions with `country` as a party.
    pub fn tensions_of(&self, country: &str) -> Vec<&Tension> {
        self.data
            .tensions
            .iter()
            .filter(|tension| {
                tension
                    .parties
                    .iter()
                    .any(|party| party.resolve() == Some(PartyRef::Country(country)))
            })
            .collect()
    }

    /// Quotes cited by a tension, in the order it cites them.
    pub fn quotes_of(&self, tension: &Tension) -> Vec<&str> {
        tension
            .excerpts
            .iter()
            .filter_map(|id| self.excerpt(id))
            .map(|excerpt| excerpt.quote.as_str())
            .collect()
    }

    /// A display name for a party.
    pub fn party_name(&self, world: &World, party: PartyRef<'_>) -> String {
        match party {
            PartyRef::Country(code) => world
                .by_code(code)
                .map(|c| c.name().to_string())
                .unwrap_or_else(|| code.to_string()),
            PartyRef::Group(id) => self
                .group(id)
                .map(|g| g.id.clone())
                .unwrap_or_else(|| id.to_string()),
            PartyRef::Actor(id) => self
                .actor(id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| id.to_string()),
        }
    }
}

fn country_position(world: &World, code: &str) -> Option<[f64; 2]> {
    let country = world.by_code(code)?;
    Some(match country.capital() {
        Some(capital) => [capital.lon, capital.lat],
        None => country.bbox().center(),
    })
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
            message: strip_position(&inner.to_string()),
            line: inner.line(),
            column: inner.column(),
        }
    })?;
    if let Err(error) = deserializer.end() {
        return Err(ScenarioError::Json {
            file: path.to_path_buf(),
            path: "$".into(),
            message: strip_position(&error.to_string()),
            line: error.line(),
            column: error.column(),
        });
    }
    Ok(data)
}

/// serde_json appends " at line L column C"; the error reports those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// Every cross-check `alliance-map check` makes. Errors refuse the file.
pub fn check(data: &ScenarioData, article: &Article, world: &World) -> Vec<Finding> {
    let mut findings = Findings::default();
    if data.format != FORMAT {
        findings.error(
            "$.format",
            format!("is '{}', expected '{FORMAT}'", data.format),
        );
    }
    if data.version != VERSION {
        findings.error(
            "$.version",
            format!("is {}, this app reads version {VERSION}", data.version),
        );
    }
    if article.paragraph_count() == 0 {
        findings.error(
            "$.article.text",
            "the article has no paragraphs".to_string(),
        );
    }

    let group_ids = unique_ids(
        data.groups.iter().map(|g| g.id.as_str()),
        "$.groups",
        &mut findings,
    );
    let actor_ids = unique_ids(
        data.actors.iter().map(|a| a.id.as_str()),
        "$.actors",
        &mut findings,
    );
    let excerpt_ids = unique_ids(
        data.excerpts.iter().map(|e| e.id.as_str()),
        "$.excerpts",
        &mut findings,
    );
    unique_ids(
        data.tensions.iter().map(|t| t.id.as_str()),
        "$.tensions",
        &mut findings,
    );

    let country = |findings: &mut Findings, path: String, code: &str| {
        if world.by_code(code).is_none() {
            findings.error(&path, format!("unknown country code '{code}'"));
        }
    };

    for (i, group) in data.groups.iter().enumerate() {
        if let Some(anchor) = &group.anchor {
            check_position(
                &mut findings,
                format!("$.groups[{i}].anchor"),
                anchor.lon,
                anchor.lat,
            );
        }
    }
    for (i, actor) in data.actors.iter().enumerate() {
        check_position(
            &mut findings,
            format!("$.actors[{i}]"),
            actor.lon,
            actor.lat,
        );
    }

    for (i, m) in data.memberships.iter().enumerate() {
        let at = format!("$.memberships[{i}]");
        country(&mut findings, format!("{at}.country"), &m.country);
        reference(
            &mut findings,
            format!("{at}.group"),
            &m.group,
            &group_ids,
            "group",
        );
        if let Some(until) = m.until
            && until <= m.from
        {
            findings.error(
                &format!("{at}.until"),
                format!("{until} is not after the start {}", m.from),
            );
        }
        if m.source.trim().is_empty() {
            findings.error(
                &format!("{at}.source"),
                "a membership needs a source".into(),
            );
        }
    }
    check_overlaps(data, &mut findings);

    for (i, leader) in data.leaders.iter().enumerate() {
        let at = format!("$.leaders[{i}]");
        country(&mut findings, format!("{at}.country"), &leader.country);
        reference_list(
            &mut findings,
            &format!("{at}.excerpts"),
            &leader.excerpts,
            &excerpt_ids,
            "excerpt",
        );
    }
    for (i, mention) in data.mentions.iter().enumerate() {
        let at = format!("$.mentions[{i}]");
        country(&mut findings, format!("{at}.country"), &mention.country);
        for (j, term) in mention.terms.iter().enumerate() {
            if !article.text().contains(term.as_str()) {
                findings.warning(
                    &format!("{at}.terms[{j}]"),
                    format!("'{term}' does not occur in the article"),
                );
            }
        }
    }

    for (i, excerpt) in data.excerpts.iter().enumerate() {
        let at = format!("$.excerpts[{i}]");
        check_quote(excerpt, article, &format!("{at}.quote"), &mut findings);
        for (j, code) in excerpt.countries.iter().enumerate() {
            country(&mut findings, format!("{at}.countries[{j}]"), code);
        }
        reference_list(
            &mut findings,
            &format!("{at}.groups"),
            &excerpt.groups,
            &group_ids,
            "group",
        );
        reference_list(
            &mut findings,
            &format!("{at}.actors"),
            &excerpt.actors,
            &actor_ids,
            "actor",
        );
    }

    for (i, tension) in data.tensions.iter().enumerate() {
        let at = format!("$.tensions[{i}]");
        if tension.excerpts.is_empty() {
            findings.error(
                &format!("{at}.excerpts"),
                format!("tension '{}' cites no excerpt", tension.id),
            );
        }
        reference_list(
            &mut findings,
            &format!("{at}.excerpts"),
            &tension.excerpts,
            &excerpt_ids,
            "excerpt",
        );
        if tension.parties.len() < 2 {
            findings.error(
                &format!("{at}.parties"),
                format!("tension '{}' needs at least two parties", tension.id),
            );
        }
        for (j, party) in tension.parties.iter().enumerate() {
            let path = format!("{at}.parties[{j}]");
            match party.resolve() {
                Some(PartyRef::Country(code)) => {
                    country(&mut findings, format!("{path}.country"), code)
                }
                Some(PartyRef::Group(id)) => reference(
                    &mut findings,
                    format!("{path}.group"),
                    id,
                    &group_ids,
                    "group",
                ),
                Some(PartyRef::Actor(id)) => reference(
                    &mut findings,
                    format!("{path}.actor"),
                    id,
                    &actor_ids,
                    "actor",
                ),
                None => findings.error(
                    &path,
                    "a party names exactly one of country, group or actor".into(),
                ),
            }
        }
    }
    findings.0
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: &str, message: String) {
        self.push(Severity::Error, path, message);
    }
    fn warning(&mut self, path: &str, message: String) {
        self.push(Severity::Warning, path, message);
    }
    fn push(&mut self, severity: Severity, path: &str, message: String) {
        self.0.push(Finding {
            severity,
            path: path.to_string(),
            message,
        });
    }
}

/// Checks that every id in a list names something known, reporting each unknown one at its
/// place in the list.
fn reference_list(
    findings: &mut Findings,
    list_path: &str,
    ids: &[String],
    known: &HashMap<&str, usize>,
    what: &str,
) {
    for (j, id) in ids.iter().enumerate() {
        reference(findings, format!("{list_path}[{j}]"), id, known, what);
    }
}

/// Checks that an id names something known.
fn reference(
    findings: &mut Findings,
    path: String,
    id: &str,
    known: &HashMap<&str, usize>,
    what: &str,
) {
    if !known.contains_key(id) {
        findings.error(&path, format!("no {what} has the id '{id}'"));
    }
}

/// Maps each id to its index, reporting ids given twice.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    array_path: &str,
    findings: &mut Findings,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            findings.error(
                &format!("{array_path}[{i}].id"),
                "an id cannot be empty".into(),
            );
        }
        if let Some(first) = seen.insert(id, i) {
            findings.error(
                &format!("{array_path}[{i}].id"),
                format!("duplicate id '{id}' (first at {array_path}[{first}])"),
            );
            seen.insert(id, first);
        }
    }
    seen
}

fn check_position(findings: &mut Findings, path: String, lon: f64, lat: f64) {
    if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
        findings.error(
            &path,
            format!("[{lon}, {lat}] is not a longitude and latitude"),
        );
    }
}

fn check_quote(excerpt: &Excerpt, article: &Article, path: &str, findings: &mut Findings) {
    let Some(range) = article.find_quote(&excerpt.quote, excerpt.paragraph) else {
        findings.error(
            path,
            format!(
                "excerpt '{}' is not a verbatim quote of the article",
                excerpt.id
            ),
        );
        return;
    };
    if article.paragraph_at(range.start) != Some(excerpt.paragraph) {
        let found = article
            .paragraph_at(range.start)
            .map(|p| format!("paragraph {p}"))
            .unwrap_or_else(|| "outside the numbered paragraphs".into());
        findings.error(
            path,
            format!(
                "excerpt '{}' is quoted from {found}, not paragraph {}",
                excerpt.id, excerpt.paragraph
            ),
        );
    } else if article
        .paragraph_range(excerpt.paragraph)
        .is_some_and(|paragraph| range.end > paragraph.end)
    {
        findings.error(
            path,
            format!(
                "excerpt '{}' runs past the end of paragraph {}",
                excerpt.id, excerpt.paragraph
            ),
        );
    }
}

/// One country's periods in one group must not overlap.
fn check_overlaps(data: &ScenarioData, findings: &mut Findings) {
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, m) in data.memberships.iter().enumerate() {
        by_key.entry((&m.country, &m.group)).or_default().push(i);
    }
    let mut keys: Vec<_> = by_key.into_iter().collect();
    keys.sort();
    for ((country, group), mut indices) in keys {
        indices.sort_by_key(|&i| data.memberships[i].from);
        for pair in indices.windows(2) {
            let (earlier, later) = (&data.memberships[pair[0]], &data.memberships[pair[1]]);
            if earlier.until.is_none_or(|until| until > later.from) {
                findings.error(
                    &format!("$.memberships[{}]", pair[1]),
                    format!(
                        "{country} in {group} from {} overlaps $.memberships[{}] ({}{})",
                        later.from,
                        pair[0],
                        earlier.from,
                        earlier
                            .until
                            .map(|until| format!(" until {until}"))
                            .unwrap_or_else(|| ", open-ended".into())
                    ),
                );
            }
        }
    }
}
