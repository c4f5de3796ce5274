//! The details of what is selected: a country (statuses, leaders, tensions, excerpts) or a
//! tension (summary and quotes).

use egui::{RichText, Ui};

use super::PanelContext;
use super::marked_text::{Mark, marked_text};
use crate::layers::OverlayId;
use crate::model::CountryId;
use crate::model::scenario::{Excerpt, PartyRef, Scenario, citation};
use crate::model::territory::{TerritoryStatus, TerritoryText};
use crate::session::{Action, Selection};

pub fn details_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    match context.selection {
        Selection::None => {
            ui.label(
                RichText::new("Click a country or a tension marker on the map, or an excerpt.")
                    .weak(),
            );
        }
        Selection::Country(country) => country_ui(ui, context, *country, actions),
        Selection::Excerpt {
            index, countries, ..
        } => {
            if let Some(excerpt) = context.scenario.data().excerpts.get(*index) {
                ui.heading("Excerpt");
                excerpt_with_mentions_ui(ui, excerpt, Vec::new());
                copy_citation_ui(ui, context, &[excerpt.paragraph], actions);
                ui.add_space(6.0);
            }
            ui.strong("Countries in this excerpt");
            for &country in countries {
                let name = context.world.country(country).name();
                if ui.link(name).clicked() {
                    actions.push(Action::SelectCountry(country));
                }
            }
        }
        Selection::Tension(index) => tension_ui(ui, context, *index, actions),
        Selection::Territory(index) => territory_ui(ui, context, *index, actions),
        Selection::Group(index) => group_ui(ui, context, *index, actions),
        Selection::OverlayFeature { overlay, feature } => {
            overlay_feature_ui(ui, context, *overlay, *feature)
        }
    }
}

fn overlay_feature_ui(ui: &mut Ui, context: &PanelContext<'_>, overlay: OverlayId, feature: usize) {
    let Some(entry) = context.overlays.get(overlay.0) else {
        return;
    };
    let Some(feature) = entry.overlay.features.get(feature) else {
        return;
    };
    ui.heading(feature.title());
    ui.label(
        RichText::new(format!(
            "{}, feature {}",
            entry.overlay.name(),
            feature.index
        ))
        .small()
        .weak(),
    );
    if feature.properties.is_empty() {
        ui.label(RichText::new("No properties").weak());
        return;
    }
    for (key, value) in &feature.properties {
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{key}:"));
            ui.add(egui::Label::new(value).wrap());
        });
    }
}

fn country_ui(ui: &mut Ui, context: &PanelContext<'_>, id: CountryId, actions: &mut Vec<Action>) {
    let country = context.world.country(id);
    let code = country.iso_a3();
    ui.heading(country.name());
    if country.formal_name() != country.name() {
        ui.label(RichText::new(country.formal_name()).italics());
    }
    match country.capital_on(context.date) {
        Some(capital) => ui.label(format!("Capital: {}", capital.name)),
        None => ui.label("No capital"),
    };
    if let Some(draft) = context.draft {
        ui.label(match draft.count_for(code) {
            0 => "Not named in the article (uncertain mentions are not counted)".to_string(),
            1 => "Named once in the article".to_string(),
            n => format!("Named {n} times in the article"),
        });
    }
    standing_ui(ui, context, code);
    membership_history_ui(ui, context.scenario, code);
    let scenario = context.scenario;
    let leaders = scenario.leaders_of(code);
    if !leaders.is_empty() {
        ui.add_space(6.0);
        ui.strong("Leaders the article names");
        for leader in leaders {
            ui.label(format!("{}, {}", leader.name, leader.role));
        }
    }

    country_tensions_ui(ui, context, code, actions);
    let excerpts = scenario.excerpts_about(code);
    if !excerpts.is_empty() {
        ui.add_space(6.0);
        ui.strong("What the article says");
        for excerpt in excerpts {
            let mentions = scenario.mention_ranges(code, &excerpt.quote);
            excerpt_with_mentions_ui(ui, excerpt, mentions);
        }
    }
}

/// The country's standing in each of the article's groups on the date shown.
fn standing_ui(ui: &mut Ui, context: &PanelContext<'_>, code: &str) {
    let scenario = context.scenario;
    ui.add_space(6.0);
    ui.strong(format!("On {}", context.date.long_form()));
    let mut any_status = false;
    for group in &scenario.data().groups {
        if let Some(standing) = scenario.standing_text(code, group, context.date) {
            any_status = true;
            ui.label(standing);
        }
    }
    if !any_status {
        ui.label(RichText::new("Not in any of the article's groups").weak());
    }
}

/// Every period of the country's memberships, each with its source on hover.
fn membership_history_ui(ui: &mut Ui, scenario: &Scenario, code: &str) {
    let history = scenario.memberships_of(code);
    if !history.is_empty() {
        egui::CollapsingHeader::new("Membership history")
            .default_open(true)
            .show(ui, |ui| {
                for period in history {
                    let until = period
                        .until
                        .map(|until| format!(" until {until}"))
                        .unwrap_or_default();
                    let group = scenario
                        .group(&period.group)
                        .map_or(period.group.as_str(), |g| g.label());
                    ui.label(format!(
                        "{} {}: from {}{until}",
                        group,
                        period.status.label(),
                        period.from
                    ))
                    .on_hover_text(format!(
                        "Source: {}{}",
                        period.source,
                        period
                            .note
                            .as_ref()
                            .map(|note| format!("\n{note}"))
                            .unwrap_or_default()
                    ));
                }
            });
    }
}

/// The tensions the country is party to, as the article states them; each selects its own.
fn country_tensions_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    code: &str,
    actions: &mut Vec<Action>,
) {
    let scenario = context.scenario;
    let tensions = scenario.tensions_involving(code, context.date);
    if !tensions.is_empty() {
        ui.add_space(6.0);
        ui.strong(format!(
            "Tensions (as stated on {})",
            scenario.date().long_form()
        ));
        for (tension, via_group) in tensions {
            let text = match via_group {
                Some(group) => format!("{} (as a member of {})", tension.summary, group.label()),
                None => tension.summary.clone(),
            };
            let text = if tension.proposed.is_some() {
                format!("Proposed: {text}")
            } else {
                text
            };
            if let Some(index) = scenario
                .data()
                .tensions
                .iter()
                .position(|t| t.id == tension.id)
                && ui.link(text).clicked()
            {
                actions.push(Action::SelectTension(index));
            }
        }
    }
}

/// An excerpt as a quote, with the words that name the country highlighted.
pub fn excerpt_with_mentions_ui(
    ui: &mut Ui,
    excerpt: &Excerpt,
    mentions: Vec<std::ops::Range<usize>>,
) {
    let marks: Vec<_> = mentions
        .into_iter()
        .map(|range| (range, Mark::Mention))
        .collect();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!("¶{}", excerpt.paragraph))
                .small()
                .weak(),
        );
        let job = marked_text(ui, &excerpt.quote, &marks, ui.available_width());
        ui.label(job);
    });
}

/// A group on the date: its name then, kind, founding, members and note.
fn group_ui(ui: &mut Ui, context: &PanelContext<'_>, index: usize, actions: &mut Vec<Action>) {
    let scenario = context.scenario;
    let Some(group) = scenario.data().groups.get(index) else {
        return;
    };
    ui.heading(scenario.group_name_on(group, context.date));
    let founded = group
        .founded
        .map(|date| format!(", founded {}", date.long_form()))
        .unwrap_or_default();
    ui.label(
        RichText::new(format!("{}{founded}", group.kind.label()))
            .small()
            .weak(),
    );
    let members = scenario.statuses_in(&group.id, context.date);
    ui.add_space(4.0);
    ui.strong(format!(
        "On {}: {} with a status",
        context.date.long_form(),
        members.len()
    ));
    for (code, status) in members {
        if let Some(country) = context.world.by_code(code)
            && ui
                .link(format!("{} ({})", country.name(), status.label()))
                .clicked()
        {
            actions.push(Action::SelectCountry(country.id()));
        }
    }
    if let Some(note) = &group.note {
        ui.add_space(4.0);
        ui.label(RichText::new(note).small());
    }
}

/// A contested territory on the date: who recognises and who holds it, its history and the
/// source of every period, shown as text.
fn territory_ui(ui: &mut Ui, context: &PanelContext<'_>, index: usize, actions: &mut Vec<Action>) {
    let Some(territory) = context.territories.all().get(index) else {
        return;
    };
    ui.heading(territory.name());
    match territory.period_at(context.date) {
        Some(period) => {
            let text = TerritoryText::new(context.world, territory, period);
            ui.label(RichText::new(&text.summary).strong());
            ui.label(&text.note);
            ui.add_space(4.0);
            ui.strong("History");
            for (line, source) in text.history.iter().zip(&text.sources) {
                ui.label(line);
                ui.label(RichText::new(format!("Source: {source}")).small().weak());
            }
            ui.add_space(4.0);
            ui.label(RichText::new(&text.outline).small().weak());
        }
        None => {
            ui.label(format!("Not contested on {}.", context.date.long_form()));
        }
    }
    let disputed = territory
        .periods()
        .iter()
        .all(|period| period.status == TerritoryStatus::Disputed);
    let drawn_as = if disputed {
        "Drawn as part of"
    } else {
        "Recognised as part of"
    };
    if let Some(country) = context.world.by_code(territory.recognised_as())
        && ui.link(format!("{drawn_as} {}", country.name())).clicked()
    {
        actions.push(Action::SelectCountry(country.id()));
    }
}

fn tension_ui(ui: &mut Ui, context: &PanelContext<'_>, index: usize, actions: &mut Vec<Action>) {
    let Some(tension) = context.scenario.data().tensions.get(index) else {
        return;
    };
    match &tension.proposed {
        Some(proposal) => {
            ui.heading("Proposed tension");
            ui.label(
                RichText::new(format!(
                    "Drafting read “{}” in the quote; no one has accepted it yet (accept, edit or drop it in the editor).",
                    proposal.cue
                ))
                .small()
                .italics(),
            );
        }
        None => {
            ui.heading("Tension");
        }
    }
    let kind = match tension.modality {
        Some(modality) => format!("{}, {}", tension.kind.label(), modality.label()),
        None => tension.kind.label().to_string(),
    };
    ui.label(RichText::new(kind).small().weak());
    ui.label(&tension.summary);
    let stated_on = context.scenario.date();
    if context.date != stated_on {
        ui.label(
            RichText::new(format!(
                "As stated on {}; the map shows {}.",
                stated_on.long_form(),
                context.date.long_form()
            ))
            .small()
            .italics(),
        );
    }
    ui.add_space(4.0);
    ui.strong("Between");
    for party in tension.parties.iter().filter_map(|party| party.resolve()) {
        let name = context.scenario.party_name(context.world, party);
        match party {
            PartyRef::Country(code) => {
                if let Some(country) = context.world.by_code(code)
                    && ui.link(name).clicked()
                {
                    actions.push(Action::SelectCountry(country.id()));
                }
            }
            PartyRef::Group(_) | PartyRef::Actor(_) => {
                ui.label(name);
            }
        }
        if let Some(placement) = context.scenario.party_placement(context.world, party) {
            ui.label(
                RichText::new(format!("Arc end: {placement}"))
                    .small()
                    .weak(),
            );
        }
    }
    ui.add_space(4.0);
    ui.strong("The article says");
    let mut paragraphs = Vec::new();
    for id in &tension.excerpts {
        if let Some(excerpt) = context.scenario.excerpt(id) {
            excerpt_with_mentions_ui(ui, excerpt, Vec::new());
            paragraphs.push(excerpt.paragraph);
        }
    }
    copy_citation_ui(ui, context, &paragraphs, actions);
}

/// "Copy citation": the article's reference, with these paragraphs, to the clipboard.
fn copy_citation_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    paragraphs: &[usize],
    actions: &mut Vec<Action>,
) {
    let text = citation(context.scenario.meta(), paragraphs);
    if ui.button("Copy citation").on_hover_text(&text).clicked() {
        actions.push(Action::CopyToClipboard(text));
    }
}
