//! The details of what is selected: a country (statuses, leaders, tensions, excerpts) or a
//! tension (summary and quotes).

use egui::{RichText, Ui};

use super::PanelContext;
use super::actions::{Action, Selection};
use super::text::{Mark, marked_text};
use crate::layers::OverlayId;
use crate::model::CountryId;
use crate::model::mentions::find_terms;
use crate::model::scenario::{Excerpt, PartyRef};

pub fn details_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    match context.selection {
        Selection::None => {
            ui.label(
                RichText::new("Click a country or a tension marker on the map, or an excerpt.")
                    .weak(),
            );
        }
        Selection::Country(country) => country_ui(ui, context, *country, actions),
        Selection::Excerpt { countries, .. } => {
            ui.heading("Countries in this excerpt");
            for &country in countries {
                let name = context.world.country(country).name();
                if ui.link(name).clicked() {
                    actions.push(Action::SelectCountry(country));
                }
            }
        }
        Selection::Tension(index) => tension_ui(ui, context, *index, actions),
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
    let scenario = context.scenario;
    let code = country.iso_a3();
    ui.heading(country.name());
    if country.formal_name() != country.name() {
        ui.label(RichText::new(country.formal_name()).italics());
    }
    match country.capital() {
        Some(capital) => ui.label(format!("Capital: {}", capital.name)),
        None => ui.label("No capital"),
    };

    ui.add_space(6.0);
    ui.strong(format!("On {}", context.date.long_form()));
    let mut any_status = false;
    for group in &scenario.data().groups {
        if let Some(status) = scenario.status(code, &group.id, context.date) {
            any_status = true;
            ui.label(format!(
                "{}: {}",
                scenario.group_name_on(group, context.date),
                status.label()
            ));
        }
    }
    if !any_status {
        ui.label(RichText::new("Not in any of the article's groups").weak());
    }
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

    let leaders = scenario.leaders_of(code);
    if !leaders.is_empty() {
        ui.add_space(6.0);
        ui.strong("Leaders the article names");
        for leader in leaders {
            ui.label(format!("{}, {}", leader.name, leader.role));
        }
    }

    let tensions = scenario.tensions_of(code);
    if !tensions.is_empty() {
        ui.add_space(6.0);
        ui.strong("Tensions");
        for tension in tensions {
            if let Some(index) = scenario
                .data()
                .tensions
                .iter()
                .position(|t| t.id == tension.id)
                && ui.link(&tension.summary).clicked()
            {
                actions.push(Action::SelectTension(index));
            }
        }
    }

    let excerpts = scenario.excerpts_about(code);
    if !excerpts.is_empty() {
        ui.add_space(6.0);
        ui.strong("What the article says");
        let terms = scenario.mention_terms(code);
        for excerpt in excerpts {
            excerpt_with_mentions_ui(ui, excerpt, &terms);
        }
    }
}

/// An excerpt as a quote, with the words that name the country highlighted.
pub fn excerpt_with_mentions_ui(ui: &mut Ui, excerpt: &Excerpt, terms: &[&str]) {
    let marks: Vec<_> = find_terms(&excerpt.quote, terms)
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

fn tension_ui(ui: &mut Ui, context: &PanelContext<'_>, index: usize, actions: &mut Vec<Action>) {
    let Some(tension) = context.scenario.data().tensions.get(index) else {
        return;
    };
    ui.heading("Tension");
    ui.label(RichText::new(tension.kind.label()).small().weak());
    ui.label(&tension.summary);
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
    }
    ui.add_space(4.0);
    ui.strong("The article says");
    for id in &tension.excerpts {
        if let Some(excerpt) = context.scenario.excerpt(id) {
            excerpt_with_mentions_ui(ui, excerpt, &[]);
        }
    }
}
