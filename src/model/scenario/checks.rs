//! Every cross-check `alliance-map check` makes of a parsed scenario against its article
//! and the world.

use std::collections::{HashMap, HashSet};

use super::article::Article;
use super::format::{Excerpt, Extent, PartyRef, ScenarioData, Tension, parse_rgb};
use super::{FORMAT, VERSION};
use crate::model::World;
use crate::model::capped::{Capped, thousands};
use crate::model::geo::LonLat;

/// A quote must hold at least this many words with a letter in them: a quote of a space or a
/// comma is found in any article and proves nothing.
pub const MIN_QUOTE_WORDS: usize = 3;
/// A tension is drawn as at most this many arcs (one per party after the first).
pub const MAX_ARCS_PER_TENSION: usize = 50;
/// A group without a seat is drawn at each member's capital while it never has more members
/// than this (an axis of three); a larger one (NATO, drafted without a seat) at one place,
/// since thirty arcs from one party read as noise, not as a tension.
pub const MAX_MEMBERS_DRAWN_APART: usize = 6;
/// A scenario is drawn with at most this many arcs in all; tensions past it get none. More
/// would be unreadable, and they are rebuilt at each change of date.
pub const MAX_ARCS: usize = 2_000;
/// More tensions than this are refused: the map, the legend and the export could not show them.
pub const MAX_TENSIONS: usize = 100_000;
/// More parties than this across all tensions are refused, however many are repeats.
pub const MAX_PARTIES: usize = 1_000_000;
/// Quotes not found in their own paragraph are looked for in the whole article (to say where
/// they are) this many times at most, so that thousands of wrong quotes cannot each scan a
/// long article.
const WHOLE_TEXT_SEARCHES: usize = 50;

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

/// Every cross-check `alliance-map check` makes. Errors refuse the file.
pub fn check(data: &ScenarioData, article: &Article, world: &World) -> Findings {
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
    let known = Known {
        world,
        groups: unique_ids(
            data.groups.iter().map(|g| g.id.as_str()),
            "$.groups",
            &mut findings,
        ),
        actors: unique_ids(
            data.actors.iter().map(|a| a.id.as_str()),
            "$.actors",
            &mut findings,
        ),
        excerpts: unique_ids(
            data.excerpts.iter().map(|e| e.id.as_str()),
            "$.excerpts",
            &mut findings,
        ),
        tensions: unique_ids(
            data.tensions.iter().map(|t| t.id.as_str()),
            "$.tensions",
            &mut findings,
        ),
    };
    check_groups_and_actors(data, &mut findings);
    check_map(data, &known.groups, &mut findings);
    check_memberships(data, &known, &mut findings);
    check_leaders_and_mentions(data, article, &known, &mut findings);
    check_excerpts(data, article, &known, &mut findings);
    check_tensions(data, &known, &mut findings);
    check_story(data, &known, &mut findings);
    findings
}

/// What ids and codes a scenario may refer to.
struct Known<'a> {
    world: &'a World,
    groups: HashMap<&'a str, usize>,
    actors: HashMap<&'a str, usize>,
    excerpts: HashMap<&'a str, usize>,
    tensions: HashMap<&'a str, usize>,
}

impl Known<'_> {
    fn country(&self, findings: &mut Findings, path: String, code: &str) {
        if self.world.by_code(code).is_none() {
            findings.error(&path, format!("unknown country code '{code}'"));
        }
    }
}

fn check_groups_and_actors(data: &ScenarioData, findings: &mut Findings) {
    for (i, group) in data.groups.iter().enumerate() {
        if let Some(color) = &group.color
            && parse_rgb(color).is_none()
        {
            findings.error(
                &format!("$.groups[{i}].color"),
                format!("'{color}' is not a colour written as #rrggbb"),
            );
        }
        if let Some(anchor) = &group.anchor {
            check_position(
                findings,
                format!("$.groups[{i}].anchor"),
                anchor.lon,
                anchor.lat,
            );
        }
    }
    for (i, actor) in data.actors.iter().enumerate() {
        let path = format!("$.actors[{i}]");
        match (actor.lon, actor.lat) {
            (Some(lon), Some(lat)) => check_position(findings, path, lon, lat),
            (None, None) => {}
            _ => findings.error(
                &path,
                "has only one of lon and lat: give both, or neither for an actor with no place"
                    .into(),
            ),
        }
    }
}

fn check_memberships(data: &ScenarioData, known: &Known<'_>, findings: &mut Findings) {
    for (i, m) in data.memberships.iter().enumerate() {
        let at = format!("$.memberships[{i}]");
        known.country(findings, format!("{at}.country"), &m.country);
        reference(
            findings,
            format!("{at}.group"),
            &m.group,
            &known.groups,
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
    check_overlaps(data, findings);
}

fn check_leaders_and_mentions(
    data: &ScenarioData,
    article: &Article,
    known: &Known<'_>,
    findings: &mut Findings,
) {
    for (i, leader) in data.leaders.iter().enumerate() {
        let at = format!("$.leaders[{i}]");
        known.country(findings, format!("{at}.country"), &leader.country);
        reference_list(
            findings,
            &format!("{at}.excerpts"),
            &leader.excerpts,
            &known.excerpts,
            "excerpt",
        );
    }
    for (i, mention) in data.mentions.iter().enumerate() {
        let at = format!("$.mentions[{i}]");
        known.country(findings, format!("{at}.country"), &mention.country);
        for (j, term) in mention.terms.iter().enumerate() {
            if !article.text().contains(term.as_str()) {
                findings.warning(
                    &format!("{at}.terms[{j}]"),
                    format!("'{term}' does not occur in the article"),
                );
            }
        }
        for (j, phrase) in mention.not_in.iter().enumerate() {
            if !article.text().contains(phrase.as_str()) {
                findings.warning(
                    &format!("{at}.not_in[{j}]"),
                    format!("'{phrase}' does not occur in the article"),
                );
            }
        }
    }
}

fn check_excerpts(
    data: &ScenarioData,
    article: &Article,
    known: &Known<'_>,
    findings: &mut Findings,
) {
    let mut whole_text_searches = WHOLE_TEXT_SEARCHES;
    for (i, excerpt) in data.excerpts.iter().enumerate() {
        let at = format!("$.excerpts[{i}]");
        check_quote(
            excerpt,
            article,
            &format!("{at}.quote"),
            &mut whole_text_searches,
            findings,
        );
        for (j, code) in excerpt.countries.iter().enumerate() {
            known.country(findings, format!("{at}.countries[{j}]"), code);
        }
        let lists = [
            ("groups", &excerpt.groups, &known.groups, "group"),
            ("actors", &excerpt.actors, &known.actors, "actor"),
        ];
        for (field, ids, ids_known, what) in lists {
            reference_list(findings, &format!("{at}.{field}"), ids, ids_known, what);
        }
    }
}

fn check_tensions(data: &ScenarioData, known: &Known<'_>, findings: &mut Findings) {
    for (i, tension) in data.tensions.iter().enumerate() {
        let at = format!("$.tensions[{i}]");
        if tension.excerpts.is_empty() {
            findings.error(
                &format!("{at}.excerpts"),
                format!("tension '{}' cites no excerpt", tension.id),
            );
        }
        reference_list(
            findings,
            &format!("{at}.excerpts"),
            &tension.excerpts,
            &known.excerpts,
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
                    known.country(findings, format!("{path}.country"), code)
                }
                Some(PartyRef::Group(id)) => reference(
                    findings,
                    format!("{path}.group"),
                    id,
                    &known.groups,
                    "group",
                ),
                Some(PartyRef::Actor(id)) => reference(
                    findings,
                    format!("{path}.actor"),
                    id,
                    &known.actors,
                    "actor",
                ),
                None => findings.error(
                    &path,
                    "a party names exactly one of country, group or actor".into(),
                ),
            }
        }
    }
}

/// The map settings name groups the file has and an area and start date that make sense.
fn check_map(data: &ScenarioData, group_ids: &HashMap<&str, usize>, findings: &mut Findings) {
    let map = &data.map;
    if let Some(neighbours) = &map.neighbours {
        for (field, id) in [
            ("group", &neighbours.group),
            ("bordering", &neighbours.bordering),
        ] {
            reference(
                findings,
                format!("$.map.neighbours.{field}"),
                id,
                group_ids,
                "group",
            );
        }
        if neighbours.group == neighbours.bordering {
            findings.error("$.map.neighbours", "a group cannot neighbour itself".into());
        }
    }
    if let Some(extent) = &map.opening_view {
        check_extent(findings, "$.map.opening_view", extent);
    }
    if let Some(start) = map.timeline_start
        && start > data.article.date
    {
        findings.error(
            "$.map.timeline_start",
            format!("{start} is after the article date {}", data.article.date),
        );
    }
}

/// An area is west < east and south < north, in degrees.
fn check_extent(findings: &mut Findings, path: &str, extent: &Extent) {
    let corners_valid = LonLat::new(extent.west, extent.south).is_valid()
        && LonLat::new(extent.east, extent.north).is_valid();
    if !corners_valid || extent.west >= extent.east || extent.south >= extent.north {
        findings.error(
            path,
            format!(
                "west {}, south {}, east {}, north {} is not an area (west < east, south < north, in degrees)",
                extent.west, extent.south, extent.east, extent.north
            ),
        );
    }
}

/// Each step of the story shows an excerpt of the file, with countries, tensions and an area
/// that exist. A tension shown with an excerpt that does not state it is a warning: the step
/// would say more than its quote.
fn check_story(data: &ScenarioData, known: &Known<'_>, findings: &mut Findings) {
    for (i, step) in data.story.iter().enumerate() {
        let at = format!("$.story[{i}]");
        reference(
            findings,
            format!("{at}.excerpt"),
            &step.excerpt,
            &known.excerpts,
            "excerpt",
        );
        for (j, code) in step.countries.iter().flatten().enumerate() {
            known.country(findings, format!("{at}.countries[{j}]"), code);
        }
        for (j, id) in step.tensions.iter().flatten().enumerate() {
            let path = format!("{at}.tensions[{j}]");
            match known.tensions.get(id.as_str()) {
                None => findings.error(&path, format!("no tension has the id '{id}'")),
                Some(&index) if !data.tensions[index].excerpts.contains(&step.excerpt) => findings
                    .warning(
                        &path,
                        format!(
                            "tension '{id}' does not cite the step's excerpt '{}'",
                            step.excerpt
                        ),
                    ),
                Some(_) => {}
            }
        }
        if let Some(view) = &step.view {
            check_extent(findings, &format!("{at}.view"), view);
        }
    }
}

/// What the checks found. Errors and warnings are capped apart, so that a flood of warnings
/// can never push out the one error that refuses the file.
#[derive(Debug, Default)]
pub struct Findings {
    pub errors: Capped<Finding>,
    pub warnings: Capped<Finding>,
}

impl Findings {
    fn error(&mut self, path: &str, message: String) {
        self.errors.push(Finding {
            severity: Severity::Error,
            path: path.to_string(),
            message,
        });
    }
    fn warning(&mut self, path: &str, message: String) {
        self.warnings.push(Finding {
            severity: Severity::Warning,
            path: path.to_string(),
            message,
        });
    }
}

/// How many arcs each tension may draw, by tension id, with a warning for each cap that
/// bites and an error for what is too big to draw at all. Parties are counted once however
/// often a tension names them, and a group is one place (its anchor, or the middle of its
/// members), so a tension draws one arc per other distinct party.
pub(super) fn plan_arcs(data: &ScenarioData, findings: &mut Findings) -> HashMap<String, usize> {
    let mut budgets = HashMap::new();
    if !within_reading_limits(data, findings) {
        return budgets;
    }
    let mut arcs_left = MAX_ARCS;
    let mut tensions_cut = 0;
    for (i, tension) in data.tensions.iter().enumerate() {
        let wanted = arcs_wanted(data, tension, &format!("$.tensions[{i}].parties"), findings);
        let budget = wanted.min(MAX_ARCS_PER_TENSION).min(arcs_left);
        if budget < wanted.min(MAX_ARCS_PER_TENSION) {
            tensions_cut += 1;
        }
        arcs_left -= budget;
        budgets.insert(tension.id.clone(), budget);
    }
    if tensions_cut > 0 {
        findings.warning(
            "$.tensions",
            format!(
                "the tensions need more than {} arcs; {} tensions are drawn with fewer arcs or none",
                thousands(MAX_ARCS),
                thousands(tensions_cut)
            ),
        );
    }
    budgets
}

/// Whether there are few enough tensions and parties to read at all; an error when not.
fn within_reading_limits(data: &ScenarioData, findings: &mut Findings) -> bool {
    if data.tensions.len() > MAX_TENSIONS {
        findings.error(
            "$.tensions",
            format!(
                "{} tensions; this app draws at most {}",
                thousands(data.tensions.len()),
                thousands(MAX_TENSIONS)
            ),
        );
        return false;
    }
    let parties: usize = data.tensions.iter().map(|t| t.parties.len()).sum();
    if parties > MAX_PARTIES {
        findings.error(
            "$.tensions",
            format!(
                "{} parties in all; this app reads at most {}",
                thousands(parties),
                thousands(MAX_PARTIES)
            ),
        );
        return false;
    }
    true
}

/// How many arcs `tension` would draw, uncapped, with a warning (at `at`) for parties named
/// twice and for more arcs than one tension may draw.
fn arcs_wanted(data: &ScenarioData, tension: &Tension, at: &str, findings: &mut Findings) -> usize {
    let named = tension.parties.iter().filter_map(|p| p.resolve()).count();
    let distinct = tension
        .parties
        .iter()
        .filter_map(|p| p.resolve())
        .collect::<HashSet<_>>()
        .len();
    if distinct < named {
        findings.warning(
            at,
            format!(
                "tension '{}' repeats parties {} times; each party is drawn once",
                tension.id,
                thousands(named - distinct)
            ),
        );
    }
    // A group without a seat is drawn at each of its members: as many places as it ever
    // has members. Arcs join each place of the first party to each place of the others.
    let mut seen = HashSet::new();
    let places: Vec<usize> = tension
        .parties
        .iter()
        .filter_map(|p| p.resolve())
        .filter(|party| seen.insert(*party))
        .map(|party| match party {
            PartyRef::Group(id) => seatless_members(data, id).unwrap_or(1).max(1),
            _ => 1,
        })
        .collect();
    let wanted = places.split_first().map_or(0, |(first, others)| {
        first.saturating_mul(others.iter().sum::<usize>())
    });
    if wanted > MAX_ARCS_PER_TENSION {
        findings.warning(
            at,
            format!(
                "tension '{}' has {} parties and would draw {} arcs; only arcs to the first {MAX_ARCS_PER_TENSION} others are drawn",
                tension.id,
                thousands(distinct),
                thousands(wanted)
            ),
        );
    }
    wanted
}

/// How many countries a group without a seat ever counts, or `None` for a group with one.
fn seatless_members(data: &ScenarioData, group: &str) -> Option<usize> {
    let seatless = data
        .groups
        .iter()
        .any(|g| g.id == group && g.anchor.is_none());
    seatless
        .then(|| ever_members(data, group))
        .filter(|&members| members <= MAX_MEMBERS_DRAWN_APART)
}

/// How many countries a group has ever had as members.
pub(super) fn ever_members(data: &ScenarioData, group: &str) -> usize {
    data.memberships
        .iter()
        .filter(|m| m.group == group)
        .map(|m| m.country.as_str())
        .collect::<HashSet<_>>()
        .len()
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
    if !LonLat::new(lon, lat).is_valid() {
        findings.error(
            &path,
            format!("[{lon}, {lat}] is not a longitude and latitude"),
        );
    }
}

fn check_quote(
    excerpt: &Excerpt,
    article: &Article,
    path: &str,
    whole_text_searches: &mut usize,
    findings: &mut Findings,
) {
    let words = excerpt
        .quote
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count();
    if words < MIN_QUOTE_WORDS {
        findings.error(
            path,
            format!(
                "excerpt '{}' quotes {words} words; a quote needs at least {MIN_QUOTE_WORDS}",
                excerpt.id
            ),
        );
        return;
    }
    let found = match article.find_quote_in_paragraph(&excerpt.quote, excerpt.paragraph) {
        Some(range) => Some(range),
        None if *whole_text_searches > 0 => {
            *whole_text_searches -= 1;
            article.find_quote(&excerpt.quote, excerpt.paragraph)
        }
        None => None,
    };
    let Some(range) = found else {
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
