//! Every colour, width and size the map uses, in one place. Group colours come from the
//! Okabe–Ito palette, which stays distinguishable under the common forms of colour blindness;
//! statuses are told apart by pattern and outline as well as by colour.

use egui::{Color32, Stroke};

use crate::layers::GroupLayer;

/// Okabe & Ito (2008), "Color Universal Design".
mod okabe_ito {
    use egui::Color32;
    pub(super) const ORANGE: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
    pub(super) const SKY_BLUE: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
    pub(super) const BLUISH_GREEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
    pub(super) const YELLOW: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
    pub(super) const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
    pub(super) const VERMILLION: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
    pub(super) const REDDISH_PURPLE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Whether this is the dark theme's palette.
    pub dark: bool,
    pub sea: Color32,
    pub land: Color32,
    pub border: Color32,
    /// The outline of the members of one group that border another.
    pub neighbour: Color32,
    /// The shade of countries a drafted article names, at its darkest.
    pub mentioned: Color32,
    pub tension: Color32,
    pub hover: Color32,
    pub selection: Color32,
    pub label: Color32,
    pub label_halo: Color32,
    pub capital: Color32,
}

impl Palette {
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                dark,
                sea: Color32::from_rgb(0x14, 0x1c, 0x26),
                land: Color32::from_rgb(0x3a, 0x3f, 0x46),
                border: Color32::from_rgb(0x1e, 0x22, 0x28),
                neighbour: okabe_ito::SKY_BLUE,
                mentioned: Color32::from_rgb(0xbc, 0xbd, 0xdc),
                tension: okabe_ito::YELLOW,
                hover: Color32::from_white_alpha(60),
                selection: Color32::WHITE,
                label: Color32::from_gray(235),
                label_halo: Color32::from_black_alpha(200),
                capital: Color32::from_gray(235),
            }
        } else {
            Self {
                dark,
                sea: Color32::from_rgb(0xd4, 0xe4, 0xef),
                land: Color32::from_rgb(0xf2, 0xef, 0xe9),
                border: Color32::from_rgb(0x9a, 0x9a, 0x9a),
                neighbour: okabe_ito::SKY_BLUE,
                mentioned: Color32::from_rgb(0x54, 0x27, 0x8f),
                tension: Color32::from_rgb(0x20, 0x20, 0x20),
                hover: Color32::from_black_alpha(40),
                selection: Color32::BLACK,
                label: Color32::from_gray(25),
                label_halo: Color32::from_white_alpha(210),
                capital: Color32::from_gray(25),
            }
        }
    }

    /// A group's colour: from data (the scenario's, else its organisation's), or else the
    /// next of the app's spare colours that no other group of the scenario has from data.
    pub fn group_color(&self, group: &GroupLayer) -> Color32 {
        match group.rgb {
            Some([r, g, b]) => Color32::from_rgb(r, g, b),
            None => (0..)
                .map(default_group_color)
                .filter(|color| {
                    let [r, g, b, _] = color.to_array();
                    !group.colours_in_data.contains(&[r, g, b])
                })
                .nth(group.spare_rank)
                .unwrap_or(Color32::GRAY),
        }
    }

    /// The colour of the reader's n-th overlay.
    /// The first is the label ink (white on the dark map, black on the light one), which no
    /// group uses.
    pub fn overlay_color(&self, index: usize) -> Color32 {
        let colors = [
            self.label,
            okabe_ito::ORANGE,
            okabe_ito::SKY_BLUE,
            okabe_ito::REDDISH_PURPLE,
        ];
        colors[index % colors.len()]
    }

    /// The palette with the tensions faded, for a date other than the article's: the arcs are
    /// what the article stated then, not facts of the date shown.
    pub fn with_faded_tensions(self) -> Self {
        Self {
            tension: self.tension.gamma_multiply(FADED_TENSION_ALPHA),
            ..self
        }
    }

    /// The ink of a tension drafting proposed and no one has accepted yet.
    pub fn proposed_tension(&self) -> Color32 {
        self.tension.gamma_multiply(PROPOSED_TENSION_ALPHA)
    }

    pub fn border_stroke(&self) -> Stroke {
        Stroke::new(BORDER_WIDTH_PX, self.border)
    }

    /// The shade of a country named `count` times when the most named country has `most`:
    /// a square-root scale, so that a country named once still shows beside one named fifty
    /// times.
    pub fn mentioned_fill(&self, count: usize, most: usize) -> Color32 {
        let share = (count as f32 / most.max(1) as f32).clamp(0.0, 1.0).sqrt();
        let alpha = MENTIONED_ALPHA_MIN + (MENTIONED_ALPHA_MAX - MENTIONED_ALPHA_MIN) * share;
        self.mentioned.gamma_multiply_u8(alpha.round() as u8)
    }
}

/// The lightest and darkest shade of the "Mentioned" layer, as alpha out of 255: at its
/// darkest the group fills beneath still show.
const MENTIONED_ALPHA_MIN: f32 = 35.0;
const MENTIONED_ALPHA_MAX: f32 = 150.0;

/// Colours given to groups in order when the scenario names none. The first two, often rival
/// alliances, contrast most; the neighbours' sky blue and the tensions' yellow are kept apart.
const GROUP_SEQUENCE: [Color32; 5] = [
    okabe_ito::VERMILLION,
    okabe_ito::BLUE,
    okabe_ito::BLUISH_GREEN,
    okabe_ito::REDDISH_PURPLE,
    okabe_ito::ORANGE,
];

/// The colour of the group at `index` when the scenario gives none. Past the palette's five,
/// hues step round the colour wheel by the golden angle, so no two groups share a colour
/// however many there are.
pub fn default_group_color(index: usize) -> Color32 {
    GROUP_SEQUENCE.get(index).copied().unwrap_or_else(|| {
        let step = (index - GROUP_SEQUENCE.len()) as f32;
        let hue = (0.13 + step * 0.618_034).fract();
        egui::ecolor::Hsva::new(hue, 0.7, 0.85, 1.0).into()
    })
}

pub const BORDER_WIDTH_PX: f32 = 0.6;
/// Parts smaller than this on screen are not outlined: their outline would only smear them.
pub const MIN_OUTLINED_PART_PX: f32 = 3.0;
pub const NEIGHBOUR_OUTLINE_WIDTH_PX: f32 = 2.6;
pub const SELECTION_OUTLINE_WIDTH_PX: f32 = 2.4;
pub const GROUP_OUTLINE_WIDTH_PX: f32 = 1.6;
pub const TENSION_WIDTH_PX: f32 = 2.2;
pub const TENSION_MARKER_RADIUS_PX: f32 = 6.0;
/// How far apart tension markers are kept, centre to centre, where their arcs allow.
pub const MARKER_SPACING_PX: f32 = 2.0 * TENSION_MARKER_RADIUS_PX + 5.0;
/// A tension marker in the legend's swatch.
pub const LEGEND_MARKER_RADIUS_PX: f32 = 4.0;
/// The legend's keys under its layers (statuses, tension kinds): small, never under 11 px.
pub const LEGEND_KEY_FONT_SIZE: f32 = 12.0;
/// The size of a legend swatch.
pub const SWATCH: egui::Vec2 = egui::vec2(22.0, 14.0);
/// How close a click must come to a tension marker to pick it.
pub const TENSION_MARKER_PICK_RADIUS_PX: f32 = 11.0;
pub const LABEL_FONT_SIZE: f32 = 12.0;
pub const CAPITAL_FONT_SIZE: f32 = 10.5;
pub const CAPITAL_DOT_RADIUS_PX: f32 = 2.5;
/// Badges beside a name: a group that is not an alliance, one per membership.
pub const BADGE_RADIUS_PX: f32 = 4.0;
pub const BADGE_GAP_PX: f32 = 3.0;
/// The rim of a badge: its halo on the map, its colour when hollow.
pub const BADGE_RIM_PX: f32 = 1.5;
/// Where a capital's name starts from its dot.
pub const CAPITAL_LABEL_OFFSET: egui::Vec2 = egui::vec2(5.0, 0.0);
/// Translucency of a fill for a status that is not full membership.
pub const PARTIAL_STATUS_ALPHA: u8 = 70;
pub const MEMBER_ALPHA: u8 = 215;
/// Borders between members of a group, drawn over the group's fill: a dark veil of the fill
/// itself, visible on every group colour in both themes.
pub const MEMBER_BORDER_COLOR: Color32 = Color32::from_black_alpha(140);
pub const MEMBER_BORDER_WIDTH_PX: f32 = 0.9;
/// How much of a tension's colour is kept on a date other than the article's.
pub const FADED_TENSION_ALPHA: f32 = 0.45;
/// How much of a tension's colour a proposed one keeps, beside its hollow marker: a
/// proposal reads as not yet the map's until someone accepts it.
pub const PROPOSED_TENSION_ALPHA: f32 = 0.6;
/// A proposed tension's arc is thinner than an accepted one of its kind by this much.
pub const PROPOSED_TENSION_THINNING_PX: f32 = 0.8;
/// The width of a proposed tension's hollow marker outline.
pub const PROPOSED_RING_WIDTH_PX: f32 = 2.0;
/// Tensions beside highlighted ones fade to this opacity.
pub const UNSELECTED_TENSION_ALPHA: f32 = 0.3;
/// How opaque group fills are over online tiles, so the tiles show through.
pub const TILE_FILL_ALPHA: f32 = 0.7;
pub const EXCERPTS_PANEL_WIDTH: f32 = 320.0;
/// The editor replaces the excerpts panel and needs room for its fields and buttons.
pub const EDITOR_PANEL_WIDTH: f32 = 380.0;
/// The most of the window's width one side panel may take: with both open, the map keeps 60%.
pub const MAX_PANEL_SHARE: f32 = 0.2;
pub const DETAILS_PANEL_WIDTH: f32 = 300.0;
pub const HELP_WIDTH: f32 = 420.0;
pub const READER_SIZE: [f32; 2] = [560.0, 620.0];
/// Messages float over the top of the map, this share of its width wide.
pub const TOAST_WIDTH_SHARE: f32 = 0.6;
pub const TOAST_MIN_WIDTH: f32 = 320.0;
/// Below the date badge, so neither hides the other.
pub const TOAST_TOP_MARGIN: f32 = 64.0;
pub const PROGRESS_BAR_WIDTH: f32 = 160.0;
pub const SCALE_BAR_MAX_PX: f32 = 120.0;
pub const SCALE_BAR_MARGIN: f32 = 16.0;
pub const SCALE_BAR_FONT_SIZE: f32 = 12.0;
/// The zoom and fit buttons on the map.
pub const MAP_CONTROL_SIZE: egui::Vec2 = egui::vec2(34.0, 28.0);
pub const MAP_CONTROL_MARGIN: f32 = 10.0;
pub const DATE_BADGE_FONT_SIZE: f32 = 18.0;
/// Where the date badge sits from the map's top-left corner.
pub const DATE_BADGE_MARGIN: egui::Vec2 = egui::vec2(12.0, 10.0);
pub const DATE_BADGE_PADDING: f32 = 6.0;
pub const DROP_HINT_FONT_SIZE: f32 = 20.0;
pub const OVERLAY_POINT_RADIUS_PX: f32 = 5.0;
pub const OVERLAY_LINE_WIDTH_PX: f32 = 2.2;
/// How close a click must come to an overlay's point or line to pick it.
pub const OVERLAY_PICK_DISTANCE_PX: f32 = 7.0;
pub const OVERLAY_AREA_ALPHA: u8 = 90;
/// The marks of membership changes under the date slider, and how far either side of one a
/// click still takes it.
pub const CHANGE_MARK_HEIGHT_PX: f32 = 8.0;
pub const CHANGE_MARK_REACH_PX: f32 = 3.0;
/// Changes shown on the map as the date passes them: how large, and how far above the map's
/// bottom edge (clear of the scale bar). For how long and how many: `session::playing`.
pub const CHANGE_NOTE_FONT_SIZE: f32 = 17.0;
pub const CHANGE_NOTE_MARGIN: f32 = 48.0;
/// The caption of a presentation step: its widest, its distance from the map's bottom edge,
/// and the size of the quote.
pub const CAPTION_MAX_WIDTH: f32 = 760.0;
pub const CAPTION_MARGIN: f32 = 28.0;
pub const CAPTION_FONT_SIZE: f32 = 18.0;
/// How much of the map a caption covers before the first one is drawn and measured.
pub const CAPTION_ESTIMATED_COVER_PX: f32 = 190.0;

/// Contested territories: the ink of the occupation hatching and of the dashed outline, and
/// the halo of the opposite tone under outline and names, so that both read over any fill in
/// either theme. Territories use no group colour: the holder is named in words, not painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TerritoryLook {
    pub hatch: Color32,
    pub outline: Color32,
    pub halo: Color32,
}

impl TerritoryLook {
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                hatch: Color32::from_white_alpha(150),
                outline: Color32::from_gray(240),
                halo: Color32::from_black_alpha(170),
            }
        } else {
            Self {
                hatch: Color32::from_black_alpha(140),
                outline: Color32::from_gray(20),
                halo: Color32::from_white_alpha(200),
            }
        }
    }
}

/// The map's zoom and fit buttons: an opaque face and a rim that stand out from the sea and
/// the land in either theme (egui's own button face is lighter than the light theme's sea).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapControlLook {
    pub fill: Color32,
    pub rim: Color32,
    pub text: Color32,
}

impl MapControlLook {
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                fill: figure_paper(true),
                rim: Color32::from_gray(200),
                text: Color32::from_gray(235),
            }
        } else {
            Self {
                fill: Color32::WHITE,
                rim: Color32::from_gray(60),
                text: Color32::from_gray(25),
            }
        }
    }
}

pub const MAP_CONTROL_RIM_PX: f32 = 1.0;

/// WCAG 2's contrast ratio between two opaque colours, from 1 (the same) to 21 (black on
/// white); AA asks 4.5 for text and 3 for a control's edge.
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let luminance = |color: Color32| {
        let linear = |channel: u8| {
            let c = f32::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub const TERRITORY_OUTLINE_WIDTH_PX: f32 = 1.4;
pub const TERRITORY_HALO_WIDTH_PX: f32 = 3.4;
/// Dash and gap of a territory's outline, in pixels.
pub const TERRITORY_DASH_PX: (f32, f32) = (6.0, 3.0);
pub const TERRITORY_MARKER_RADIUS_PX: f32 = 5.0;
/// How close a click must come to the marker of a territory without an outline.
pub const TERRITORY_PICK_RADIUS_PX: f32 = 10.0;
pub const TERRITORY_FONT_SIZE: f32 = 11.0;
/// A territory's name is written inside it once it is at least this wide on screen.
pub const TERRITORY_LABEL_MIN_WIDTH_PX: f32 = 45.0;

/// Figures (File > Export figure, `alliance-map render`): the paper round the map, in the
/// theme's tone, and the sizes of the figure's texts.
pub fn figure_paper(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1b, 0x1f, 0x24)
    } else {
        Color32::WHITE
    }
}

pub const FIGURE_MARGIN_PX: f32 = 16.0;
pub const FIGURE_TITLE_FONT_SIZE: f32 = 22.0;
pub const FIGURE_DATE_FONT_SIZE: f32 = 15.0;
pub const FIGURE_LEGEND_FONT_SIZE: f32 = 13.0;
pub const FIGURE_CAPTION_FONT_SIZE: f32 = 13.0;
pub const FIGURE_CREDIT_FONT_SIZE: f32 = 11.0;
/// Line height as a share of the font size.
pub const FIGURE_LINE_SPACING: f32 = 1.35;
/// The ring of halo round names and labels on the map.
pub const FIGURE_HALO_WIDTH_PX: f32 = 3.0;
/// The pattern's line width and dot radius: those of the map's pattern textures.
pub const PATTERN_LINE_WIDTH_PX: f32 = 1.3;
pub const PATTERN_DOT_RADIUS_PX: f32 = 1.7;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_buttons_stand_out_from_the_sea_and_the_land_in_both_themes() {
        for dark in [false, true] {
            let palette = Palette::for_theme(dark);
            let look = MapControlLook::for_theme(dark);
            for ground in [palette.sea, palette.land] {
                let ratio = contrast_ratio(look.rim, ground);
                assert!(ratio >= 3.0, "dark {dark}: rim {ratio:.2}:1 on {ground:?}");
            }
            let text = contrast_ratio(look.text, look.fill);
            assert!(text >= 4.5, "dark {dark}: text {text:.2}:1");
        }
    }

    #[test]
    fn contrast_ratio_spans_one_to_twenty_one() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::GRAY, Color32::GRAY) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn groups_past_the_palette_never_repeat_a_colour() {
        let colors: Vec<Color32> = (0..12).map(default_group_color).collect();
        for (i, a) in colors.iter().enumerate() {
            for b in &colors[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
