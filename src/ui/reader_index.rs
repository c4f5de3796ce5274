//! What the reader marks in each paragraph, found once per scenario, draft and selected
//! country, so that a frame only draws: on a 2 MB draft with a thousand excerpts, looking each
//! paragraph's excerpts and mentions up every frame made the reader quadratic.

use std::ops::Range;
use std::sync::Arc;

use super::marked_text::Mark;
use crate::model::drafting::DraftNotes;
use crate::model::scenario::Scenario;

/// The marks of one paragraph, as byte spans within it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParagraphMarks {
    /// The excerpts quoted from the paragraph, in text order: each excerpt's index in the
    /// scenario and its span.
    pub excerpts: Vec<(usize, Range<usize>)>,
    /// What drafting found in the paragraph: sure mentions and uncertain ones.
    pub drafted: Vec<(Range<usize>, Mark)>,
}

/// Every paragraph's marks, and the scenario and draft they were found in: the key that
/// says when they must be found again.
#[derive(Default)]
pub struct ReaderIndex {
    scenario: Option<Arc<Scenario>>,
    draft: Option<Arc<DraftNotes>>,
    /// Paragraph 1 first.
    paragraphs: Vec<ParagraphMarks>,
    selected: Option<SelectedMentions>,
}

/// Where the selected country is named, per paragraph.
struct SelectedMentions {
    code: String,
    paragraphs: Vec<Vec<Range<usize>>>,
}

impl ReaderIndex {
    /// The marks of `scenario`'s article, with what `draft` found in it.
    pub fn build(scenario: &Arc<Scenario>, draft: Option<&Arc<DraftNotes>>) -> Self {
        let article = scenario.article();
        let ranges: Vec<Range<usize>> = (1..=article.paragraph_count())
            .map(|number| article.paragraph_range(number).unwrap_or_default())
            .collect();
        let mut paragraphs = vec![ParagraphMarks::default(); ranges.len()];
        for (index, excerpt) in scenario.data().excerpts.iter().enumerate() {
            let (Some(range), Some(at)) = (
                ranges.get(excerpt.paragraph.wrapping_sub(1)),
                article.find_quote(&excerpt.quote, excerpt.paragraph),
            ) else {
                continue;
            };
            if range.start <= at.start && at.end <= range.end {
                let marks = &mut paragraphs[excerpt.paragraph - 1];
                marks
                    .excerpts
                    .push((index, at.start - range.start..at.end - range.start));
            }
        }
        for marks in &mut paragraphs {
            marks.excerpts.sort_by_key(|(_, span)| span.start);
        }
        if let Some(draft) = draft {
            mark_drafted(&mut paragraphs, &ranges, draft);
        }
        Self {
            scenario: Some(Arc::clone(scenario)),
            draft: draft.map(Arc::clone),
            paragraphs,
            selected: None,
        }
    }

    /// Whether the marks were found in this scenario with this draft.
    pub fn is_for(&self, scenario: &Arc<Scenario>, draft: Option<&Arc<DraftNotes>>) -> bool {
        self.scenario
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, scenario))
            && match (&self.draft, draft) {
                (Some(ours), Some(theirs)) => Arc::ptr_eq(ours, theirs),
                (None, None) => true,
                _ => false,
            }
    }

    /// Finds where the country `code` is named, unless that is known already (`None`: no
    /// country is selected).
    pub fn select(&mut self, code: Option<&str>) {
        if self.selected.as_ref().map(|s| s.code.as_str()) == code {
            return;
        }
        self.selected = match (code, &self.scenario) {
            (Some(code), Some(scenario)) => {
                let article = scenario.article();
                let paragraphs = (1..=article.paragraph_count())
                    .map(|number| {
                        article
                            .paragraph(number)
                            .map(|text| scenario.mention_ranges(code, text))
                            .unwrap_or_default()
                    })
                    .collect();
                Some(SelectedMentions {
                    code: code.to_string(),
                    paragraphs,
                })
            }
            _ => None,
        };
    }

    /// Paragraph `number`'s marks (1-based).
    pub fn paragraph(&self, number: usize) -> Option<&ParagraphMarks> {
        self.paragraphs.get(number.checked_sub(1)?)
    }

    /// Where the selected country is named in paragraph `number`.
    pub fn selected_mentions(&self, number: usize) -> &[Range<usize>] {
        self.selected
            .as_ref()
            .and_then(|s| s.paragraphs.get(number.checked_sub(1)?))
            .map_or(&[], Vec::as_slice)
    }
}

/// Puts each of the draft's mentions in its paragraph; both are in text order, so one walk
/// does it.
fn mark_drafted(paragraphs: &mut [ParagraphMarks], ranges: &[Range<usize>], draft: &DraftNotes) {
    let mut mentions = draft.mentions.iter().peekable();
    for (marks, range) in paragraphs.iter_mut().zip(ranges) {
        while mentions.next_if(|m| m.range.start < range.start).is_some() {}
        while let Some(mention) = mentions.next_if(|m| m.range.end <= range.end) {
            let mark = match mention.uncertain {
                Some(_) => Mark::Uncertain,
                None => Mark::Mention,
            };
            marks.drafted.push((
                mention.range.start - range.start..mention.range.end - range.start,
                mark,
            ));
        }
    }
}

/// The spans of `sorted` (sorted, apart) that lie inside `range`, found by binary search.
pub fn spans_within<'a>(sorted: &'a [Range<usize>], range: &Range<usize>) -> &'a [Range<usize>] {
    let first = sorted.partition_point(|r| r.start < range.start);
    let count = sorted[first..].partition_point(|r| r.end <= range.end);
    &sorted[first..first + count]
}

/// The marks of paragraph `number` found the slow way, as the reader once did every frame:
/// every excerpt of the scenario looked at and the selected country's names searched for in
/// each paragraph (the draft's mentions by binary search, as before). The
/// benchmark's baseline and the tests' oracle; the selected country's mentions come second.
pub fn naive_paragraph_marks(
    scenario: &Scenario,
    draft: Option<&DraftNotes>,
    selected: Option<&str>,
    number: usize,
) -> (ParagraphMarks, Vec<Range<usize>>) {
    let article = scenario.article();
    let Some(range) = article.paragraph_range(number) else {
        return Default::default();
    };
    let local = |r: &Range<usize>| r.start - range.start..r.end - range.start;
    let inside = |r: &Range<usize>| range.start <= r.start && r.end <= range.end;
    let mut excerpts: Vec<(usize, Range<usize>)> = scenario
        .data()
        .excerpts
        .iter()
        .enumerate()
        .filter(|(_, e)| e.paragraph == number)
        .filter_map(|(index, e)| {
            let at = article.find_quote(&e.quote, e.paragraph)?;
            inside(&at).then(|| (index, local(&at)))
        })
        .collect();
    excerpts.sort_by_key(|(_, span)| span.start);
    let drafted = draft.map_or(Vec::new(), |draft| {
        let first = draft
            .mentions
            .partition_point(|m| m.range.start < range.start);
        draft.mentions[first..]
            .iter()
            .take_while(|m| m.range.end <= range.end)
            .map(|m| {
                let mark = match m.uncertain {
                    Some(_) => Mark::Uncertain,
                    None => Mark::Mention,
                };
                (local(&m.range), mark)
            })
            .collect()
    });
    let text = &article.text()[range.clone()];
    let mentions = selected.map_or(Vec::new(), |code| scenario.mention_ranges(code, text));
    (ParagraphMarks { excerpts, drafted }, mentions)
}
