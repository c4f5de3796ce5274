//! The whole article, credited: its title once, then each paragraph with its ¶ number. The
//! excerpts are underlined and clickable (they select their countries, as in the excerpts
//! panel), the selected country's mentions are highlighted, and a find box marks any words.

use std::ops::Range;

use egui::{RichText, Ui};

use super::PanelContext;
use super::marked_text::{Mark, marked_text};
use super::reader_index::spans_within;
use crate::model::capped::{and_more, thousands};
use crate::model::drafting::DraftNotes;
use crate::model::mentions::find_terms;
use crate::session::{Action, Selection};

/// What the reader's find box holds and where it occurs in the article, found once when the
/// query changes.
#[derive(Clone, Debug, Default)]
pub struct ReaderFind {
    pub query: String,
    pub found: Vec<Range<usize>>,
    /// The reader scrolls to the first match once, in the frame after the query changed.
    pub scroll_pending: bool,
}

/// The find box's id, so that Ctrl+F can focus it while the reader is open.
pub fn reader_find_id() -> egui::Id {
    egui::Id::unique("alliance-map/reader-find")
}

pub fn reader_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    if let Some(opened) = context.opened_article {
        opened_article_ui(ui, context, opened);
        return;
    }
    let scenario = context.scenario;
    let meta = scenario.meta();
    let article = scenario.article();
    ui.label(RichText::new(&meta.title).heading());
    let publication = meta
        .publication
        .as_ref()
        .map(|publication| format!(", {publication}"))
        .unwrap_or_default();
    ui.label(format!("By {}{publication}", meta.author));
    if let Some(note) = &meta.author_note {
        ui.label(RichText::new(note).small().weak());
    }
    if let Some(draft) = context.draft {
        draft_summary_ui(ui, context, draft);
    }
    find_ui(ui, context, actions);
    let found = &context.reader_find.found;
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut scrolled = false;
            for number in 1..=article.paragraph_count() {
                let Some(range) = article.paragraph_range(number) else {
                    continue;
                };
                ui.label(RichText::new(format!("¶{number}")).small().weak());
                let response = paragraph_ui(ui, context, number, range.clone(), found, actions);
                let has_found = !spans_within(found, &range).is_empty();
                if has_found && !scrolled && context.reader_find.scroll_pending {
                    response.scroll_to_me(Some(egui::Align::Center));
                    scrolled = true;
                }
                ui.add_space(6.0);
            }
        });
}

/// What drafting found: the countries most named, and the mentions to confirm with why.
fn draft_summary_ui(ui: &mut Ui, context: &PanelContext<'_>, draft: &DraftNotes) {
    let article = context.scenario.article();
    let most: Vec<String> = draft
        .counts
        .iter()
        .take(DRAFT_COUNTS_SHOWN / 2)
        .map(|(code, count)| {
            let name = context
                .world
                .by_code(code)
                .map_or(code.as_str(), |c| c.name());
            format!("{name} {count}")
        })
        .collect();
    let not_proposed = match draft.not_proposed {
        0 => String::new(),
        n => format!("; {} more sentences naming them not proposed", thousands(n)),
    };
    ui.label(format!(
        "Draft: {} countries named (most: {}){not_proposed}",
        draft.counts.len(),
        most.join(", ")
    ));
    let uncertain: Vec<_> = draft.uncertain().collect();
    if uncertain.is_empty() {
        return;
    }
    ui.label(
        RichText::new(format!(
            "{} uncertain mentions (underlined), not counted until confirmed:",
            uncertain.len()
        ))
        .small(),
    );
    for mention in uncertain.iter().take(DRAFT_COUNTS_SHOWN) {
        let word = &article.text()[mention.range.clone()];
        let paragraph = article
            .paragraph_at(mention.range.start)
            .map_or("title".to_string(), |n| format!("¶{n}"));
        let reason = mention.uncertain.as_deref().unwrap_or_default();
        ui.label(RichText::new(format!("{paragraph} \"{word}\": {reason}")).small());
    }
    if uncertain.len() > DRAFT_COUNTS_SHOWN {
        ui.label(RichText::new(and_more(uncertain.len() - DRAFT_COUNTS_SHOWN)).small());
    }
}

/// How many uncertain mentions the draft's summary lists; it names half as many countries.
const DRAFT_COUNTS_SHOWN: usize = 8;

/// The find box and how many matches it has; the matches are marked in the text.
fn find_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let find = context.reader_find;
    ui.horizontal(|ui| {
        let mut query = find.query.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut query)
                .id(reader_find_id())
                .hint_text("Find in the article (Ctrl+F)")
                .desired_width(220.0),
        );
        if response.changed() {
            actions.push(Action::SetReaderQuery(query));
        }
        if !find.query.trim().is_empty() {
            let count = find.found.len();
            ui.label(
                RichText::new(match count {
                    0 => "not found".to_string(),
                    1 => "1 match".to_string(),
                    n => format!("{n} matches"),
                })
                .weak(),
            );
        }
    });
}

/// One paragraph: its excerpts clickable, the rest plain text, every mark in place.
fn paragraph_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    number: usize,
    range: Range<usize>,
    found: &[Range<usize>],
    actions: &mut Vec<Action>,
) -> egui::Response {
    let text = &context.scenario.article().text()[range.clone()];
    let index = context.reader_index;
    let (excerpts, drafted) = index
        .paragraph(number)
        .map_or((&[][..], &[][..]), |p| (&p.excerpts[..], &p.drafted[..]));
    let marks: Vec<(Range<usize>, Mark)> = spans_within(found, &range)
        .iter()
        .map(|r| (r.start - range.start..r.end - range.start, Mark::Mention))
        .chain(drafted.iter().cloned())
        .chain(
            index
                .selected_mentions(number)
                .iter()
                .map(|r| (r.clone(), Mark::Mention)),
        )
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let mut cursor = 0;
        let segment_marks = |segment: &Range<usize>, extra: Option<Mark>| {
            let mut in_segment: Vec<(Range<usize>, Mark)> = marks
                .iter()
                .filter(|(r, _)| segment.start <= r.start && r.end <= segment.end)
                .map(|(r, m)| (r.start - segment.start..r.end - segment.start, *m))
                .collect();
            if let Some(mark) = extra {
                in_segment.push((0..segment.len(), mark));
            }
            in_segment
        };
        let plain_ui = |ui: &mut Ui, plain: Range<usize>| {
            let job = marked_text(
                ui,
                &text[plain.clone()],
                &segment_marks(&plain, None),
                ui.available_width(),
            );
            ui.label(job);
        };
        for (index, excerpt) in excerpts {
            if excerpt.start < cursor {
                continue;
            }
            if excerpt.start > cursor {
                plain_ui(ui, cursor..excerpt.start);
            }
            let job = marked_text(
                ui,
                &text[excerpt.clone()],
                &segment_marks(excerpt, Some(Mark::Excerpt)),
                ui.available_width(),
            );
            let selected =
                matches!(context.selection, Selection::Excerpt { index: i, .. } if i == index);
            let response = ui
                .add(egui::Label::new(job).sense(egui::Sense::click()))
                .on_hover_text("An excerpt: click to select the countries it concerns");
            let response = if selected {
                response.highlight()
            } else {
                response
            };
            if response.clicked() {
                actions.push(Action::SelectExcerpt(*index));
            }
            cursor = excerpt.end;
        }
        if cursor < text.len() {
            plain_ui(ui, cursor..text.len());
        }
    })
    .response
}

/// An article opened from a file: its text, with the selected country's names highlighted.
fn opened_article_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    opened: &crate::session::OpenedArticle,
) {
    ui.label(
        RichText::new(opened.path.display().to_string())
            .small()
            .weak(),
    );
    ui.separator();
    let mut marks = Vec::new();
    if let Some(id) = context.selection.country() {
        let country = context.world.country(id);
        let mut terms: Vec<&str> = vec![country.name()];
        terms.extend(country.demonym());
        terms.extend(country.capital().map(|capital| capital.name.as_str()));
        terms.extend(context.scenario.mention_terms(country.iso_a3()));
        marks.extend(
            find_terms(&opened.text, &terms)
                .into_iter()
                .map(|range| (range, Mark::Mention)),
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let job = marked_text(ui, &opened.text, &marks, ui.available_width());
            ui.label(job);
        });
}
