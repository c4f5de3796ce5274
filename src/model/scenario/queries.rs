//! What the app and the command line ask of a checked scenario: statuses on a date,
//! members, neighbours, where parties are drawn, what concerns a country.

use std::collections::{BTreeSet, HashSet};

use super::Scenario;
use super::format::{
    Excerpt, Extent, Group, Leader, Membership, NeighboursOf, Party, PartyRef, ScenarioData,
    Status, Tension,
};
use crate::model::arc::great_circle;
use crate::model::date::Date;
use crate::model::geo::LonLat;
use crate::model::{BoundingBox, World};

impl Scenario {
    /// The status of `country` in `group` on `date`, if it had one.
    pub fn status(&self, country: &str, group: &str, date: Date) -> Option<Status> {
        self.membership_on(country, group, date).map(|m| m.status)
    }

    /// The membership row of `country` in `group` that covers `date`, found through the index
    /// by country and group (scanning every row per country and group took 129 s at 96k rows).
    pub fn membership_on(&self, country: &str, group: &str, date: Date) -> Option<&Membership> {
        self.memberships_at(
            self.memberships
                .by_country_and_group
                .get(&(country.to_string(), group.to_string())),
        )
        .find(|m| m.covers(date))
    }

    /// The memberships at these indices.
    fn memberships_at<'a>(
        &'a self,
        indices: Option<&'a Vec<usize>>,
    ) -> impl Iterator<Item = &'a Membership> + 'a {
        indices
            .into_iter()
            .flatten()
            .map(|&i| &self.data.memberships[i])
    }

    /// Every country with a status in `group` on `date`, with that status, sorted by code.
    pub fn statuses_in(&self, group: &str, date: Date) -> Vec<(&str, Status)> {
        let mut statuses: Vec<(&str, Status)> = self
            .memberships_at(self.memberships.by_group.get(group))
            .filter(|m| m.covers(date))
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

    /// The scenario's neighbours layer, when it asks for one and names two groups it has.
    pub fn neighbours_of(&self) -> Option<&NeighboursOf> {
        self.data
            .map
            .neighbours
            .as_ref()
            .filter(|n| self.group(&n.group).is_some() && self.group(&n.bordering).is_some())
    }

    /// The members of the scenario's neighbours group that border a member of the other group
    /// on `date` (in the CSTO scenario, NATO members bordering the CSTO); empty when it has no
    /// neighbours layer.
    pub fn neighbours(&self, world: &World, date: Date) -> BTreeSet<&str> {
        match self.neighbours_of() {
            Some(n) => self.members_bordering(world, &n.group, &n.bordering, date),
            None => BTreeSet::new(),
        }
    }

    /// The first and last dates the map can be drawn for: from the scenario's timeline start
    /// (never after its article date) to `today` (never before that start, whatever the clock
    /// says).
    pub fn date_range(&self, today: Date) -> (Date, Date) {
        let start = self.timeline_start().min(self.date());
        (start, today.max(start))
    }

    /// A date brought within [`Scenario::date_range`].
    pub fn clamp_date(&self, date: Date, today: Date) -> Date {
        let (earliest, latest) = self.date_range(today);
        date.clamp(earliest, latest)
    }

    /// The first day of the date slider: the scenario's own, or the first of the month of its
    /// earliest membership, or its article date.
    pub fn timeline_start(&self) -> Date {
        self.data.map.timeline_start.unwrap_or_else(|| {
            self.data
                .memberships
                .iter()
                .map(|m| m.from)
                .min()
                .map_or(self.date(), |first| first.first_of_month_plus(0))
        })
    }

    /// The area the map opens on: the scenario's own, or the extent of the countries its
    /// excerpts and tensions name (each country by its label point, so that Russia does not
    /// stretch the view to Alaska), or the whole world.
    pub fn opening_extent(&self, world: &World) -> Extent {
        if let Some(extent) = self.data.map.opening_view {
            return extent;
        }
        let mut codes: BTreeSet<&str> = self
            .data
            .excerpts
            .iter()
            .flat_map(|e| e.countries.iter().map(String::as_str))
            .collect();
        for tension in &self.data.tensions {
            for party in &tension.parties {
                if let Some(PartyRef::Country(code)) = party.resolve() {
                    codes.insert(code);
                }
            }
        }
        let mut bbox = BoundingBox::EMPTY;
        for country in codes.into_iter().filter_map(|code| world.by_code(code)) {
            bbox.include(country.label_point().to_array());
        }
        if bbox.is_empty() {
            return Extent::WORLD;
        }
        // A margin of a few degrees so that single countries keep their surroundings.
        Extent {
            west: (bbox.min[0] - 4.0).max(-180.0),
            south: (bbox.min[1] - 4.0).max(-85.0),
            east: (bbox.max[0] + 4.0).min(180.0),
            north: (bbox.max[1] + 4.0).min(85.0),
        }
    }

    /// The countries the article speaks of: those it mentions, those its excerpts concern and
    /// every country party to a tension, in that order, each once.
    pub fn article_countries(&self) -> Vec<&str> {
        let data = &self.data;
        let mentioned = data.mentions.iter().map(|m| m.country.as_str());
        let quoted = data
            .excerpts
            .iter()
            .flat_map(|e| e.countries.iter().map(String::as_str));
        let parties = data
            .tensions
            .iter()
            .flat_map(|t| t.parties.iter())
            .filter_map(|party| match party.resolve() {
                Some(PartyRef::Country(code)) => Some(code),
                _ => None,
            });
        let mut seen = BTreeSet::new();
        mentioned
            .chain(quoted)
            .chain(parties)
            .filter(|code| seen.insert(*code))
            .collect()
    }

    /// Search words the help suggests: the scenario's own, or the first terms it marks.
    pub fn search_examples(&self) -> Vec<&str> {
        if !self.data.map.search_examples.is_empty() {
            return self
                .data
                .map
                .search_examples
                .iter()
                .map(String::as_str)
                .collect();
        }
        self.data
            .mentions
            .iter()
            .filter_map(|m| m.terms.first().map(String::as_str))
            .take(3)
            .collect()
    }

    /// A country's membership periods in every group, oldest first.
    pub fn memberships_of(&self, country: &str) -> Vec<&Membership> {
        let mut periods: Vec<&Membership> = self
            .memberships_at(self.memberships.by_country.get(country))
            .collect();
        periods.sort_by(|a, b| (&a.group, a.from).cmp(&(&b.group, b.from)));
        periods
    }

    /// The name a group had on `date`: its precursor's before it was founded.
    pub fn group_name_on(&self, group: &Group, date: Date) -> String {
        match (&group.precursor, group.founded) {
            (Some(precursor), Some(founded)) if date < founded => precursor.name.clone(),
            _ => group
                .rename_on(date)
                .map_or_else(|| group.name.clone(), |rename| rename.name.clone()),
        }
    }

    /// Where a party is drawn: a country at its capital (or the middle of its extent), an
    /// actor where the scenario places it, a group at its anchor or, when it has none, at the
    /// member (on `date`) nearest the middle of its members: a real capital rather than a point
    /// that may lie at sea, found from their mean on the sphere so that members on both sides
    /// of the 180° line do not average to the other side of the world. A tension's arcs end at
    /// each member of a group without a seat instead ([`Scenario::tension_arcs`]).
    pub fn party_position(&self, world: &World, party: PartyRef<'_>, date: Date) -> Option<LonLat> {
        match party {
            PartyRef::Country(code) => country_position(world, code),
            PartyRef::Actor(id) => self.actor(id).and_then(|actor| actor.place()),
            PartyRef::Group(id) => match self.group(id).and_then(|group| group.anchor.as_ref()) {
                Some(anchor) => Some(LonLat::new(anchor.lon, anchor.lat)),
                None => {
                    let members: Vec<LonLat> = self
                        .members(id, date)
                        .into_iter()
                        .filter_map(|code| country_position(world, code))
                        .collect();
                    let first = members.first().copied();
                    spherical_mean(&members)
                        .and_then(|middle| nearest(&members, middle))
                        .or(first)
                }
            },
        }
    }

    /// Where a party's arcs end: a small group without a seat at each of its members' capitals
    /// on `date` (so that every member of "the Turkish-Georgian-Azeri axis" is drawn; see
    /// [`super::MAX_MEMBERS_DRAWN_APART`]), any other party at its [`Scenario::party_position`].
    fn party_places(&self, world: &World, party: PartyRef<'_>, date: Date) -> Vec<LonLat> {
        let drawn_apart = |id: &str| {
            self.group(id).is_some_and(|g| g.anchor.is_none())
                && super::checks::ever_members(&self.data, id) <= super::MAX_MEMBERS_DRAWN_APART
        };
        match party {
            PartyRef::Group(id) if drawn_apart(id) => self
                .members(id, date)
                .into_iter()
                .filter_map(|code| country_position(world, code))
                .collect(),
            other => self
                .party_position(world, other, date)
                .into_iter()
                .collect(),
        }
    }

    /// The great-circle arcs that draw a tension on `date`: from the first party's place (each,
    /// for a group without a seat) to each place of the other parties (each member of a group
    /// without a seat), densified to points at most `max_step_km` apart. A
    /// party named twice is drawn once, and no tension draws more arcs than the scenario's
    /// check allowed it ([`super::MAX_ARCS_PER_TENSION`], [`super::MAX_ARCS`] in all). The
    /// map and the GeoJSON export draw the same arcs from here. A tension whose other parties
    /// have no place is one point per placed party: its marker, and no line.
    pub fn tension_arcs(
        &self,
        world: &World,
        tension: &Tension,
        date: Date,
        max_step_km: f64,
    ) -> Vec<Vec<LonLat>> {
        let budget = self.arc_budget.get(&tension.id).copied().unwrap_or(0);
        if budget == 0 {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let mut parties = tension
            .parties
            .iter()
            .filter_map(Party::resolve)
            .filter(|party| seen.insert(*party))
            .map(|party| self.party_places(world, party, date))
            .filter(|places| !places.is_empty());
        let Some(from) = parties.next() else {
            return Vec::new();
        };
        let to: Vec<LonLat> = parties.flatten().collect();
        if to.is_empty() {
            // The other parties have no place ("the West"): the tension is a marker on the
            // parties that have one, each a one-point arc, with no line into the ocean.
            return from
                .into_iter()
                .take(budget)
                .map(|place| vec![place])
                .collect();
        }
        from.iter()
            .flat_map(|from| to.iter().map(move |to| (*from, *to)))
            .take(budget)
            .map(|(from, to)| great_circle(from, to, max_step_km))
            .collect()
    }

    /// Every date on which some membership began or ended, with what happened, sorted.
    /// Worked out once when the scenario is loaded (on the thread that opens it: 96,000 rows
    /// take a noticeable moment), against the world it was checked with.
    pub fn membership_changes(&self, _world: &World) -> Vec<(Date, String)> {
        self.changes.clone()
    }

    /// Phrases in which `country`'s terms name a place, not the state (see
    /// [`crate::model::mentions::find_terms_except`]).
    pub fn mention_exceptions(&self, country: &str) -> Vec<&str> {
        self.data
            .mentions
            .iter()
            .filter(|mention| mention.country == country)
            .flat_map(|mention| mention.not_in.iter().map(String::as_str))
            .collect()
    }

    /// Where `country` is named in `text`: its terms as whole words, except inside the
    /// phrases where they name a place. What the reader, excerpts and details should mark.
    pub fn mention_ranges(&self, country: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        crate::model::mentions::find_terms_except(
            text,
            &self.mention_terms(country),
            &self.mention_exceptions(country),
        )
    }

    /// How `country`'s standing in `group` on `date` reads in tooltips and details, with the
    /// group's name of that date: "CSTO: member", "Collective Security Treaty: party" before the
    /// group was founded on its precursor treaty, and an announced change beside the status
    /// ("CSTO: member, suspension notified on 28 June 2012").
    pub fn standing_text(&self, country: &str, group: &Group, date: Date) -> Option<String> {
        let membership = self.membership_on(country, &group.id, date)?;
        let before_founding =
            group.precursor.is_some() && group.founded.is_some_and(|founded| date < founded);
        let (name, status) = if before_founding {
            let name = self.group_name_on(group, date);
            let status = match membership.status {
                // A treaty has parties, not members.
                Status::Member => "party".to_owned(),
                Status::Former => "former party".to_owned(),
                other => other.label().to_owned(),
            };
            (name, status)
        } else {
            (
                group.label_on(date).to_owned(),
                membership.status.label().to_owned(),
            )
        };
        let pending = membership
            .pending
            .as_ref()
            .map(|pending| format!(", {pending} on {}", membership.from.long_form()))
            .unwrap_or_default();
        Some(format!("{name}: {status}{pending}"))
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

    /// Tensions `country` takes part in on `date`: as a party itself, or as a member of a group
    /// that is a party (then with that group), in the scenario's order.
    pub fn tensions_involving(&self, country: &str, date: Date) -> Vec<(&Tension, Option<&Group>)> {
        self.data
            .tensions
            .iter()
            .filter_map(|tension| {
                let mut via_group = None;
                for party in tension.parties.iter().filter_map(Party::resolve) {
                    match party {
                        PartyRef::Country(code) if code == country => return Some((tension, None)),
                        PartyRef::Group(id)
                            if via_group.is_none()
                                && self.status(country, id, date) == Some(Status::Member) =>
                        {
                            via_group = self.group(id);
                        }
                        _ => {}
                    }
                }
                via_group.map(|group| (tension, Some(group)))
            })
            .collect()
    }

    /// Why a party's end of an arc is where it is: a group's anchor, an actor's placement, a
    /// country's capital.
    pub fn party_placement(&self, world: &World, party: PartyRef<'_>) -> Option<String> {
        match party {
            PartyRef::Country(code) => {
                let country = world.by_code(code)?;
                Some(match country.capital() {
                    Some(capital) => format!("drawn from its capital, {}", capital.name),
                    None => "drawn from the middle of its territory".to_string(),
                })
            }
            PartyRef::Group(id) => {
                let group = self.group(id)?;
                Some(match &group.anchor {
                    Some(anchor) => format!("drawn from {}", anchor.label),
                    None => "drawn from each of its members' capitals".to_string(),
                })
            }
            PartyRef::Actor(id) => self.actor(id).map(|actor| actor.placement.clone()),
        }
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
                .map(|g| g.label().to_string())
                .unwrap_or_else(|| id.to_string()),
            PartyRef::Actor(id) => self
                .actor(id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| id.to_string()),
        }
    }
}

/// The mean of places on the sphere, projected back to its surface; `None` for no places or
/// places that cancel out (two antipodes).
fn spherical_mean(places: &[LonLat]) -> Option<LonLat> {
    let mut sum = [0.0f64; 3];
    for place in places {
        let (lon, lat) = (place.lon.to_radians(), place.lat.to_radians());
        sum[0] += lat.cos() * lon.cos();
        sum[1] += lat.cos() * lon.sin();
        sum[2] += lat.sin();
    }
    let length = (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]).sqrt();
    if places.is_empty() || length < 1e-9 * places.len() as f64 {
        return None;
    }
    let lat = (sum[2] / length).asin().to_degrees();
    let lon = sum[1].atan2(sum[0]).to_degrees();
    Some(LonLat::new(lon, lat))
}

/// The place nearest `target` along the sphere (the first of equals).
fn nearest(places: &[LonLat], target: LonLat) -> Option<LonLat> {
    let closeness = |p: &LonLat| {
        let (lon, lat) = (p.lon.to_radians(), p.lat.to_radians());
        let (t_lon, t_lat) = (target.lon.to_radians(), target.lat.to_radians());
        lat.sin() * t_lat.sin() + lat.cos() * t_lat.cos() * (lon - t_lon).cos()
    };
    places.iter().copied().reduce(|best, p| {
        if closeness(&p) > closeness(&best) {
            p
        } else {
            best
        }
    })
}

fn country_position(world: &World, code: &str) -> Option<LonLat> {
    let country = world.by_code(code)?;
    Some(match country.capital() {
        Some(capital) => LonLat::new(capital.lon, capital.lat),
        None => country.bbox().center().into(),
    })
}

/// Every date on which some membership began or ended, with what happened, sorted.
pub(super) fn membership_changes(data: &ScenarioData, world: &World) -> Vec<(Date, String)> {
    let labels: std::collections::HashMap<&str, &str> = data
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.label()))
        .collect();
    let mut changes: Vec<(Date, String)> = Vec::new();
    for m in &data.memberships {
        let name = world
            .by_code(&m.country)
            .map(|c| c.name().to_string())
            .unwrap_or_else(|| m.country.clone());
        let group = labels.get(m.group.as_str()).copied().unwrap_or(&m.group);
        let verb = match (m.status, &m.pending) {
            // The change announced, not the status kept ("notifies suspension of").
            (_, Some(pending)) => {
                changes.push((m.from, format!("{name}: {group} {pending}")));
                continue;
            }
            (Status::Member, None) => "joins",
            (Status::Suspended, None) => "is suspended from",
            (Status::Frozen, None) => "freezes its participation in",
            (Status::Former, None) => "leaves",
            (Status::Observer, None) => "becomes an observer of",
            (Status::Associate, None) => "becomes an associate member of",
        };
        changes.push((m.from, format!("{name} {verb} {group}")));
    }
    changes.sort();
    changes.dedup();
    changes
}
