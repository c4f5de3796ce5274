//! Text with highlighted spans, for mentions in excerpts and the article.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

/// How a span of text is marked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    /// A word that names the selected country.
    Mention,
    /// The span of an excerpt inside the article.
    Excerpt,
    /// A word that may name a country, for the user to confirm ("Georgia" beside "Atlanta").
    Uncertain,
}

/// Lays out `text` with the given marked byte ranges (which may nest: mentions inside
/// excerpts). Ranges must lie on character boundaries.
pub fn marked_text(
    ui: &egui::Ui,
    text: &str,
    marks: &[(Range<usize>, Mark)],
    wrap_width: f32,
) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let color = ui.visuals().text_color();
    let dark = ui.visuals().dark_mode;
    let mention_bg = if dark {
        Color32::from_rgb(0x7a, 0x5c, 0x00)
    } else {
        Color32::from_rgb(0xff, 0xe0, 0x70)
    };
    let uncertain_line = if dark {
        Color32::from_rgb(0xe6, 0x9f, 0x00)
    } else {
        Color32::from_rgb(0xd5, 0x5e, 0x00)
    };
    let mut boundaries: Vec<usize> = vec![0, text.len()];
    for (range, _) in marks {
        boundaries.push(range.start.min(text.len()));
        boundaries.push(range.end.min(text.len()));
    }
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    for pair in boundaries.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let inside = |mark: Mark| {
            marks
                .iter()
                .any(|(range, m)| *m == mark && range.start <= start && end <= range.end)
        };
        let mut format = TextFormat::simple(font.clone(), color);
        if inside(Mark::Excerpt) {
            format.underline = Stroke::new(1.5, ui.visuals().selection.stroke.color);
            format.background = ui.visuals().faint_bg_color;
        }
        if inside(Mark::Uncertain) {
            format.underline = Stroke::new(2.0, uncertain_line);
            format.italics = true;
        }
        if inside(Mark::Mention) {
            format.background = mention_bg;
            format.color = if dark { Color32::WHITE } else { Color32::BLACK };
        }
        job.append(&text[start..end], 0.0, format);
    }
    job
}
