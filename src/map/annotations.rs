//! What the map draws over its layers for the reader: the hovered and selected countries, the
//! date badge, the hover text and the hint while files are dragged over the window.

use egui::{Mesh, Shape, Stroke, Ui};

use super::MapContext;
use super::navigation::scale_bar;
use super::pick::Hit;
use crate::model::date::Date;
use crate::model::territory::{Territory, TerritoryText};
use crate::model::{CountryId, World};
use crate::render::countries::{
    CountryFill, CountryOutline, Dash, append_strokes, fill_mesh, outline_shapes,
};
use crate::render::style::{
    DATE_BADGE_FONT_SIZE, DATE_BADGE_MARGIN, DATE_BADGE_PADDING, DROP_HINT_FONT_SIZE,
    MAP_CONTROL_MARGIN, MAP_CONTROL_RIM_PX, MAP_CONTROL_SIZE, MapControlLook, Palette,
    SCALE_BAR_FONT_SIZE, SCALE_BAR_MARGIN, SCALE_BAR_MAX_PX, SELECTION_OUTLINE_WIDTH_PX,
    TERRITORY_MARKER_RADIUS_PX,
};
use crate::render::view::MercatorView;
use crate::session::Action;

/// The hovered country's veil and the selected countries' outlines.
pub fn highlight_shapes(
    world: &World,
    view: &MercatorView,
    hovered: Option<CountryId>,
    selected: &[CountryId],
    palette: &Palette,
) -> Vec<Shape> {
    let mut shapes = Vec::new();
    if let Some(country) = hovered {
        let mut mesh = Mesh::default();
        fill_mesh(
            world,
            view,
            [CountryFill {
                country,
                color: palette.hover,
            }],
            &mut mesh,
        );
        shapes.push(Shape::mesh(mesh));
    }
    outline_shapes(
        world,
        view,
        selected.iter().map(|&country| CountryOutline {
            country,
            stroke: Stroke::new(SELECTION_OUTLINE_WIDTH_PX, palette.selection),
            dash: Dash::Solid,
        }),
        &mut shapes,
    );
    shapes
}

/// A selected contested territory's outline in the selection's colour, or a ring around its
/// marker when it has no outline, so the map shows what the details panel speaks of.
pub fn selected_territory_shapes(
    territory: &Territory,
    view: &MercatorView,
    palette: &Palette,
) -> Vec<Shape> {
    let stroke = Stroke::new(SELECTION_OUTLINE_WIDTH_PX, palette.selection);
    if territory.has_outline() {
        let mut mesh = Mesh::default();
        append_strokes(territory.strokes(view.detail()), view, stroke, &mut mesh);
        return if mesh.is_empty() {
            Vec::new()
        } else {
            vec![Shape::mesh(mesh)]
        };
    }
    let [lon, lat] = territory.label_point();
    view.world_copies()
        .map(|copy| copy.lon_lat_to_screen(lon, lat))
        .filter(|at| view.screen_rect().expand(20.0).contains(*at))
        .map(|at| Shape::circle_stroke(at, TERRITORY_MARKER_RADIUS_PX + 3.0, stroke))
        .collect()
}

/// The date the map is drawn for, in the map's top-left corner; under it, when the tensions
/// shown were stated on another day, that day.
pub fn date_badge_ui(
    ui: &Ui,
    view: &MercatorView,
    date: Date,
    tensions_stated_on: Option<Date>,
    palette: &Palette,
) {
    let pos = view.screen_rect().left_top() + DATE_BADGE_MARGIN;
    let painter = ui.painter();
    let galley = painter.layout_no_wrap(
        date.long_form(),
        egui::FontId::proportional(DATE_BADGE_FONT_SIZE),
        palette.label,
    );
    let mut rect = egui::Rect::from_min_size(pos, galley.size());
    let note = tensions_stated_on.map(|stated_on| {
        painter.layout_no_wrap(
            format!("Tensions as stated on {}", stated_on.long_form()),
            egui::FontId::proportional(SCALE_BAR_FONT_SIZE),
            palette.label,
        )
    });
    if let Some(note) = &note {
        rect = rect.union(egui::Rect::from_min_size(
            rect.left_bottom() + egui::vec2(0.0, 2.0),
            note.size(),
        ));
    }
    painter.rect_filled(rect.expand(DATE_BADGE_PADDING), 4.0, palette.label_halo);
    let below = pos + egui::vec2(0.0, galley.size().y + 2.0);
    painter.galley(pos, galley, palette.label);
    if let Some(note) = note {
        painter.galley(below, note, palette.label);
    }
}

/// A scale bar in kilometres in the map's bottom-left corner.
pub fn scale_bar_ui(ui: &Ui, view: &MercatorView, palette: &Palette) {
    let Some((km, length_px)) = scale_bar(view, SCALE_BAR_MAX_PX) else {
        return;
    };
    let left = view.screen_rect().left_bottom() + egui::vec2(SCALE_BAR_MARGIN, -SCALE_BAR_MARGIN);
    let right = left + egui::vec2(length_px, 0.0);
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    let galley = ui.painter().layout_no_wrap(
        label,
        egui::FontId::proportional(SCALE_BAR_FONT_SIZE),
        palette.label,
    );
    let back = egui::Rect::from_min_max(
        left - egui::vec2(6.0, galley.size().y + 10.0),
        right + egui::vec2(6.0, 6.0),
    );
    let painter = ui.painter();
    painter.rect_filled(back, 3.0, palette.label_halo);
    let stroke = Stroke::new(2.0, palette.label);
    painter.line_segment([left, right], stroke);
    for end in [left, right] {
        painter.line_segment([end, end - egui::vec2(0.0, 5.0)], stroke);
    }
    painter.galley(
        left - egui::vec2(0.0, galley.size().y + 6.0),
        galley,
        palette.label,
    );
}

/// Where the date badge, the scale bar and the map's controls stand: no name may cover them.
/// `date_lines` are the badge's text lines (the date, and the note when there is one).
pub fn reserved_rects(
    view: &MercatorView,
    date_lines: &[(String, f32)],
    measure: &dyn crate::placement::TextMeasure,
) -> Vec<egui::Rect> {
    let screen = view.screen_rect();
    let mut badge =
        egui::Rect::from_min_size(screen.left_top() + DATE_BADGE_MARGIN, egui::Vec2::ZERO);
    for (text, size) in date_lines {
        let line = measure.text_size(text, *size);
        badge = badge.union(egui::Rect::from_min_size(badge.left_bottom(), line));
    }
    let scale_text_px = measure.text_size("10000 km", SCALE_BAR_FONT_SIZE).y;
    let scale_left = screen.left_bottom() + egui::vec2(SCALE_BAR_MARGIN, -SCALE_BAR_MARGIN);
    let scale = egui::Rect::from_min_max(
        scale_left - egui::vec2(6.0, scale_text_px + 10.0),
        scale_left
            + egui::vec2(
                SCALE_BAR_MAX_PX.max(measure.text_size("10000 km", SCALE_BAR_FONT_SIZE).x) + 6.0,
                6.0,
            ),
    );
    let controls_right = screen.right_top() + egui::vec2(-MAP_CONTROL_MARGIN, MAP_CONTROL_MARGIN);
    let controls = egui::Rect::from_min_max(
        controls_right - egui::vec2(MAP_CONTROL_SIZE.x, 0.0),
        controls_right + egui::vec2(0.0, 3.0 * MAP_CONTROL_SIZE.y + 8.0),
    );
    vec![
        badge.expand(DATE_BADGE_PADDING + 2.0),
        scale.expand(2.0),
        controls.expand(4.0),
    ]
}

/// Zoom in, zoom out and fit buttons in the map's top-right corner.
pub fn map_controls_ui(ui: &mut Ui, view: &MercatorView, actions: &mut Vec<Action>) {
    let top_right =
        view.screen_rect().right_top() + egui::vec2(-MAP_CONTROL_MARGIN, MAP_CONTROL_MARGIN);
    let buttons = [
        (
            "+",
            "Zoom in (+, wheel, double-click)",
            Action::ZoomMap(1.0),
        ),
        (
            "−",
            "Zoom out (-, wheel, Shift+double-click)",
            Action::ZoomMap(-1.0),
        ),
        (
            "Fit",
            "Fit the article's countries (Home)",
            Action::ResetView,
        ),
    ];
    let look = MapControlLook::for_theme(ui.visuals().dark_mode);
    for (row, (text, hover, action)) in buttons.into_iter().enumerate() {
        let min =
            top_right + egui::vec2(-MAP_CONTROL_SIZE.x, row as f32 * (MAP_CONTROL_SIZE.y + 4.0));
        let rect = egui::Rect::from_min_size(min, MAP_CONTROL_SIZE);
        let button = egui::Button::new(egui::RichText::new(text).strong().color(look.text))
            .fill(look.fill)
            .stroke(egui::Stroke::new(MAP_CONTROL_RIM_PX, look.rim));
        let response = ui.put(rect, button).on_hover_text(hover);
        if response.clicked() {
            actions.push(action);
        }
    }
}

/// Darkens the map and says what dropping does, while files are dragged over the window.
pub fn drop_hint_ui(ui: &Ui, view: &MercatorView) {
    ui.painter().rect_filled(
        view.screen_rect(),
        0.0,
        egui::Color32::from_black_alpha(120),
    );
    ui.painter().text(
        view.screen_rect().center(),
        egui::Align2::CENTER_CENTER,
        "Drop to open: a scenario, a GeoJSON overlay or an article",
        egui::FontId::proportional(DROP_HINT_FONT_SIZE),
        egui::Color32::WHITE,
    );
}

/// The text shown beside the pointer for what it is over.
pub fn hover_text(context: &MapContext<'_>, hit: Hit) -> Option<String> {
    match hit {
        Hit::Nothing => None,
        Hit::Tension(index) => context
            .scenario
            .data()
            .tensions
            .get(index)
            .map(|tension| format!("{}\n(click for the quotes)", tension.summary)),
        Hit::OverlayFeature { overlay, feature } => context
            .overlays
            .get(overlay.0)
            .and_then(|entry| entry.overlay.features.get(feature))
            .map(|f| format!("{}\n(click for its properties)", f.title())),
        Hit::Country(country) => Some(country_hover_text(context, country)),
        Hit::Territory(index) => context.territories.all().get(index).and_then(|territory| {
            let period = territory.period_at(context.date)?;
            let text = TerritoryText::new(context.world, territory, period);
            Some(format!(
                "{}\n(click for its history and sources)",
                text.summary
            ))
        }),
    }
}

/// A country's name and its status in each group on the date.
fn country_hover_text(context: &MapContext<'_>, country: CountryId) -> String {
    let country = context.world.country(country);
    let mut lines = vec![country.name().to_string()];
    for group in &context.scenario.data().groups {
        if let Some(standing) =
            context
                .scenario
                .standing_text(country.iso_a3(), group, context.date)
        {
            lines.push(standing);
        }
    }
    lines.join("\n")
}
