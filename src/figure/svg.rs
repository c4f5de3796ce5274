//! Writes a [`Scene`] as SVG: one `<path>` per area (a country's parts and holes together,
//! even-odd), lines and arcs as paths, text as `<text>`, patterns as `<pattern>`s.

use egui::Color32;

use super::scene::{Anchor, Item, Line, Paint, PaperPoint, Scene, Text};
use crate::model::mercator::MercatorPoint;
use crate::render::countries::Dash;
use crate::render::patterns::{PATTERN_SPACING_PX, Pattern};
use crate::render::style::{FIGURE_HALO_WIDTH_PX, PATTERN_DOT_RADIUS_PX, PATTERN_LINE_WIDTH_PX};
use crate::render::view::MercatorView;

/// The family the texts ask for: the font the app ships, then any sans-serif a viewer has.
pub const FONT_FAMILY: &str = "Ubuntu, sans-serif";

/// Writes text for an XML attribute or element, escaped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters, even escaped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Points of either space, turned to pixels on the paper.
trait ToPaper {
    fn to_paper(&self, view: &MercatorView) -> PaperPoint;
}

impl ToPaper for MercatorPoint {
    fn to_paper(&self, view: &MercatorView) -> PaperPoint {
        let pos = view.to_screen(*self);
        [pos.x, pos.y]
    }
}

impl ToPaper for PaperPoint {
    fn to_paper(&self, _: &MercatorView) -> PaperPoint {
        *self
    }
}

/// The scene as an SVG document.
pub fn write_svg(scene: &Scene) -> String {
    let map = scene.view.screen_rect();
    let mut writer = SvgWriter {
        out: String::with_capacity(1 << 20),
        view: scene.view,
        patterns: Vec::new(),
    };
    writer.rect(
        [map.min.x, map.min.y],
        [map.width(), map.height()],
        scene.sea,
    );
    for item in &scene.map {
        writer.item(item);
    }
    let map_items = std::mem::take(&mut writer.out);
    writer.rect([0.0, 0.0], [scene.width_px, scene.height_px], scene.paper);
    let paper = std::mem::take(&mut writer.out);
    for item in &scene.paper_items {
        writer.item(item);
    }
    let furniture = std::mem::take(&mut writer.out);
    let (width, height) = (scene.width_px, scene.height_px);
    let mut out = String::with_capacity(map_items.len() + furniture.len() + 4096);
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">
<title>{}</title>
<desc>{}</desc>
<defs>
<clipPath id="map"><rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/></clipPath>
"#,
        escape_xml(&scene.title),
        escape_xml(&scene.description),
        map.min.x,
        map.min.y,
        map.width(),
        map.height()
    ));
    for (index, (pattern, color)) in writer.patterns.iter().enumerate() {
        out.push_str(&pattern_definition(index, *pattern, *color));
    }
    out.push_str("</defs>\n");
    // The paper first, then the map clipped to its frame, then the furniture over both.
    out.push_str(&paper);
    out.push_str("<g clip-path=\"url(#map)\">\n");
    out.push_str(&map_items);
    out.push_str("</g>\n");
    out.push_str(&furniture);
    out.push_str("</svg>\n");
    out
}

struct SvgWriter {
    out: String,
    view: MercatorView,
    /// The patterns used so far, each defined once in `<defs>` by its index.
    patterns: Vec<(Pattern, Color32)>,
}

impl SvgWriter {
    fn rect(&mut self, [x, y]: PaperPoint, [width, height]: [f32; 2], color: Color32) {
        self.out.push_str(&format!(
            "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{width:.2}\" height=\"{height:.2}\"{}/>\n",
            color_attributes("fill", color)
        ));
    }

    fn item<P: ToPaper>(&mut self, item: &Item<P>) {
        match item {
            Item::Area {
                rings,
                fill,
                stroke,
            } => {
                let mut d = String::new();
                for ring in rings {
                    self.points(&mut d, ring);
                    d.push('Z');
                }
                let fill = self.paint(*fill);
                self.out.push_str(&format!(
                    r#"<path d="{d}" fill-rule="evenodd"{fill}{}/>
"#,
                    stroke_attributes(stroke.as_ref())
                ));
            }
            Item::Polyline { points, line } => {
                let mut d = String::new();
                self.points(&mut d, points);
                self.out.push_str(&format!(
                    r#"<path d="{d}" fill="none"{}/>
"#,
                    stroke_attributes(Some(line))
                ));
            }
            Item::Circle {
                center,
                radius_px,
                fill,
                stroke,
            } => {
                let [x, y] = center.to_paper(&self.view);
                let fill = self.paint(*fill);
                self.out.push_str(&format!(
                    r#"<circle cx="{x:.2}" cy="{y:.2}" r="{radius_px:.2}"{fill}{}/>
"#,
                    stroke_attributes(stroke.as_ref())
                ));
            }
            Item::Text(text) => self.text(text),
        }
    }

    fn points<P: ToPaper>(&self, d: &mut String, points: &[P]) {
        for (i, point) in points.iter().enumerate() {
            let [x, y] = point.to_paper(&self.view);
            d.push_str(&format!("{}{x:.2} {y:.2}", if i == 0 { "M" } else { "L" }));
        }
    }

    fn paint(&mut self, paint: Paint) -> String {
        match paint {
            Paint::None => r#" fill="none""#.into(),
            Paint::Solid(color) => color_attributes("fill", color),
            Paint::Pattern(pattern, color) => {
                let index = match self.patterns.iter().position(|p| *p == (pattern, color)) {
                    Some(index) => index,
                    None => {
                        self.patterns.push((pattern, color));
                        self.patterns.len() - 1
                    }
                };
                format!(r#" fill="url(#pattern{index})""#)
            }
        }
    }

    fn text<P: ToPaper>(&mut self, text: &Text<P>) {
        let [x, y] = text.at.to_paper(&self.view);
        let anchor = match text.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
        };
        let halo = text.halo.map_or(String::new(), |halo| {
            format!(
                r#"{} stroke-width="{FIGURE_HALO_WIDTH_PX}" stroke-linejoin="round" paint-order="stroke""#,
                color_attributes("stroke", halo)
            )
        });
        let tag = text.tag.as_ref().map_or(String::new(), |tag| {
            format!(
                r#" class="label" data-kind="{}" data-id="{}" data-anchor="{:.4},{:.4}""#,
                tag.kind,
                escape_xml(&tag.id),
                tag.anchor.lon,
                tag.anchor.lat
            )
        });
        self.out.push_str(&format!(
            r#"<text{tag} x="{x:.2}" y="{y:.2}" font-size="{}" text-anchor="{anchor}"{}{halo}>{}</text>
"#,
            text.size_px,
            color_attributes("fill", text.color),
            escape_xml(&text.text)
        ));
    }
}

/// `fill="#rrggbb"` (or stroke), with its opacity when it is not opaque. egui's colours are
/// premultiplied; SVG's are not.
fn color_attributes(property: &str, color: Color32) -> String {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    if a == 255 {
        format!(r##" {property}="#{r:02x}{g:02x}{b:02x}""##)
    } else {
        format!(
            r##" {property}="#{r:02x}{g:02x}{b:02x}" {property}-opacity="{:.3}""##,
            a as f32 / 255.0
        )
    }
}

fn stroke_attributes(line: Option<&Line>) -> String {
    let Some(line) = line else {
        return String::new();
    };
    let mut attributes = format!(
        r#"{} stroke-width="{:.2}" stroke-linejoin="round""#,
        color_attributes("stroke", line.color),
        line.width_px
    );
    if let Dash::Dashed(dash, gap) = line.dash {
        attributes.push_str(&format!(r#" stroke-dasharray="{dash} {gap}""#));
    }
    attributes
}

/// One repeat of a pattern, the same as the map's pattern textures: dots, or strokes rising
/// (hatch) or falling (back-hatch) to the right, seamless at the tile's edges.
fn pattern_definition(index: usize, pattern: Pattern, color: Color32) -> String {
    let s = PATTERN_SPACING_PX;
    let mark = match pattern {
        Pattern::Dots => format!(
            r#"<circle cx="{h}" cy="{h}" r="{PATTERN_DOT_RADIUS_PX}"{}/>"#,
            color_attributes("fill", color),
            h = s / 2.0
        ),
        Pattern::Hatch => format!(
            r#"<path d="M-1 1L1 -1M0 {s}L{s} 0M{a} {b}L{b} {a}" fill="none" stroke-width="{PATTERN_LINE_WIDTH_PX}"{}/>"#,
            color_attributes("stroke", color),
            a = s - 1.0,
            b = s + 1.0
        ),
        Pattern::BackHatch => format!(
            r#"<path d="M-1 {a}L1 {b}M0 0L{s} {s}M{a} -1L{b} 1" fill="none" stroke-width="{PATTERN_LINE_WIDTH_PX}"{}/>"#,
            color_attributes("stroke", color),
            a = s - 1.0,
            b = s + 1.0
        ),
    };
    format!(
        r#"<pattern id="pattern{index}" patternUnits="userSpaceOnUse" width="{s}" height="{s}">{mark}</pattern>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape_xml(r#"NATO & CSTO <"a"> 'b'"#),
            "NATO &amp; CSTO &lt;&quot;a&quot;&gt; &apos;b&apos;"
        );
        assert_eq!(escape_xml("bell\u{7}"), "bell\u{fffd}");
    }

    #[test]
    fn translucent_colours_are_written_unmultiplied_with_an_opacity() {
        let black = Color32::from_black_alpha(140);
        assert_eq!(
            color_attributes("fill", black),
            r##" fill="#000000" fill-opacity="0.549""##
        );
        let orange = Color32::from_rgb(0xE6, 0x9F, 0x00);
        assert_eq!(color_attributes("stroke", orange), r##" stroke="#e69f00""##);
    }
}
