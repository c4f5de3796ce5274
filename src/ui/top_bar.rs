//! The top bar: menus, the date control with its marks, and search.

use egui::{Key, RichText, Ui, vec2};

use super::PanelContext;
use super::playback::{change_marks_ui, playback_ui};
use crate::model::search::{Suggestion, Target};
use crate::session::EditAction;
use crate::session::settings::{DateChoice, ThemeChoice};
use crate::session::{Action, SaveTarget};

/// What the search box holds between frames; changed only through actions.
#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub suggestions: Vec<Suggestion>,
}

/// The search box's id, so that Ctrl+F can focus it from anywhere.
pub fn search_box_id() -> egui::Id {
    egui::Id::unique("alliance-map/search")
}

pub const SEARCH_LABEL: &str = "Search";
/// How many suggestions the search shows.
pub const SUGGESTIONS: usize = 8;
const SEARCH_BOX_WIDTH: f32 = 180.0;

pub fn top_bar_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    search: &SearchState,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        menus_ui(ui, context, actions);
        present_ui(ui, context, actions);
        ui.separator();
        date_ui(ui, context, actions);
        ui.separator();
        search_ui(ui, context, search, actions);
    });
}

/// "Copy link to this view", and the published page's address it is a link on.
fn published_link_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    if ui.button(COPY_LINK_LABEL).clicked() {
        actions.push(Action::CopyViewLink);
    }
    ui.menu_button("Published page address", |ui| {
        ui.label("The page `scripts/build-web` made, as readers open it:");
        let mut address = context.state.published_address.clone();
        let field = egui::TextEdit::singleline(&mut address).hint_text("https://example.org/csto/");
        if ui.add(field).changed() {
            actions.push(Action::SetPublishedAddress(address));
        }
    });
}

pub const COPY_LINK_LABEL: &str = "Copy link to this view";

fn menus_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    ui.menu_button("File", |ui| file_menu_ui(ui, context, actions));
    edit_menu_ui(ui, context, actions);
    ui.menu_button("View", |ui| view_menu_ui(ui, context, actions));
}

/// Opening, saving, exporting and quitting.
fn file_menu_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    if ui.button("Open…").clicked() {
        actions.push(Action::ShowOpenDialog);
    }
    ui.menu_button("Recent", |ui| {
        if context.state.recent_files.is_empty() {
            ui.label(RichText::new("Nothing opened yet").weak());
        }
        for path in &context.state.recent_files {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::OpenFiles(vec![path.clone()]));
            }
        }
    });
    if ui.button("Open the bundled scenario").clicked() {
        actions.push(Action::OpenBundledScenario);
    }
    ui.separator();
    let editing = context.editor.is_some();
    for (label, action) in [
        ("Save (Ctrl+S)", Action::Editing(EditAction::Save)),
        ("Save as…", Action::AskSavePath(SaveTarget::Scenario)),
    ] {
        let button = ui.add_enabled(editing, egui::Button::new(label));
        if button
            .on_disabled_hover_text("Edit > Edit this scenario first")
            .clicked()
        {
            actions.push(action);
        }
    }
    ui.separator();
    if ui.button("Export figure… (Ctrl+E)").clicked() {
        actions.push(Action::AskSavePath(SaveTarget::Figure));
    }
    if ui.button("Save view…").clicked() {
        actions.push(Action::AskSavePath(SaveTarget::View));
    }
    published_link_ui(ui, context, actions);
    ui.separator();
    if ui.button("Quit (Ctrl+Q)").clicked() {
        actions.push(Action::Quit);
    }
}

/// The panels, the theme, the online map, resetting, and the help.
fn view_menu_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let mut excerpts = context.state.show_excerpts;
    if ui.checkbox(&mut excerpts, "Excerpts panel").changed() {
        actions.push(Action::SetExcerptsOpen(excerpts));
    }
    let mut details = context.state.show_details;
    if ui
        .checkbox(&mut details, "Layers and details panel")
        .changed()
    {
        actions.push(Action::SetDetailsOpen(details));
    }
    if ui.button("Read the article").clicked() {
        actions.push(Action::SetReaderOpen(true));
    }
    ui.menu_button("Theme", |ui| {
        for (choice, label) in [
            (ThemeChoice::System, "Follow the system"),
            (ThemeChoice::Dark, "Dark"),
            (ThemeChoice::Light, "Light"),
        ] {
            if ui.radio(context.state.theme == choice, label).clicked() {
                actions.push(Action::SetTheme(choice));
            }
        }
    });
    ui.separator();
    online_tiles_ui(ui, context, actions);
    ui.separator();
    if ui.button("Reset view").clicked() {
        actions.push(Action::ResetView);
    }
    if ui.button("Reset all").clicked() {
        actions.push(Action::ResetAll);
    }
    ui.separator();
    if ui.button("Help (F1)").clicked() {
        actions.push(Action::SetHelpOpen(true));
    }
}

/// Editing the scenario shown: start and stop, undo and redo.
fn edit_menu_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    ui.menu_button("Edit", |ui| {
        let Some(editor) = &context.editor else {
            if ui
                .button(EDIT_SCENARIO_LABEL)
                .on_hover_text("Accept excerpts, make tensions, rename; the bundled scenario is edited as a copy")
                .clicked()
            {
                actions.push(Action::Editing(EditAction::Start));
            }
            return;
        };
        for (label, enabled, action) in [
            ("Undo (Ctrl+Z)", editor.can_undo, EditAction::Undo),
            ("Redo (Ctrl+Shift+Z)", editor.can_redo, EditAction::Redo),
            ("Discard changes", editor.unsaved, EditAction::Discard),
            ("Stop editing", !editor.unsaved, EditAction::Stop),
        ] {
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                actions.push(Action::Editing(action));
            }
        }
    });
}

pub const EDIT_SCENARIO_LABEL: &str = "Edit this scenario";

/// Present, or leave the presentation under way.
fn present_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    if context.presenting {
        if ui.button("Leave presentation").clicked() {
            actions.push(Action::LeavePresentation);
        }
    } else if ui
        .button("Present")
        .on_hover_text("Walk through the article a step at a time, the map following (F5)")
        .clicked()
    {
        actions.push(Action::StartPresentation);
    }
}

/// The switch for the online basemap, and why it may not work.
fn online_tiles_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let mut on = context.state.online_tiles;
    let response = ui.add_enabled(
        crate::render::online_tiles::AVAILABLE,
        egui::Checkbox::new(&mut on, "Online basemap (OpenStreetMap)"),
    );
    if response.changed() {
        actions.push(Action::SetOnlineTiles(on));
    }
    if !crate::render::online_tiles::AVAILABLE {
        response.on_disabled_hover_text(
            "This build makes no network requests. Build with --features online-tiles to allow tiles.",
        );
    } else if context.tiles_failed {
        ui.label(RichText::new("Tiles could not be loaded; the map works without them.").weak());
    } else {
        response.on_hover_text(
            "Fetches map tiles from OpenStreetMap while on; nothing else uses the network.",
        );
    }
}

/// "Article date", "Today" and a month slider from the scenario's timeline start, with the
/// dates memberships changed marked under it.
fn date_ui(ui: &mut Ui, context: &PanelContext<'_>, actions: &mut Vec<Action>) {
    let article_date = context.scenario.date();
    let is_article = context.state.date == DateChoice::Article;
    if ui
        .selectable_label(
            is_article,
            format!("Article date ({})", article_date.long_form()),
        )
        .clicked()
    {
        actions.push(Action::SetDate(DateChoice::Article));
    }
    if ui
        .selectable_label(context.state.date == DateChoice::Today, "Today")
        .clicked()
    {
        actions.push(Action::SetDate(DateChoice::Today));
    }
    let (start, latest) = context.scenario.date_range(context.today);
    let last_month = start.months_until(&latest).max(0);
    let mut month = start.months_until(&context.date).clamp(0, last_month);
    ui.vertical(|ui| {
        // The slider gives up width first in a narrow window, so the search box stays.
        ui.spacing_mut().slider_width = (ui.ctx().content_rect().width() * 0.2).clamp(120.0, 260.0);
        let slider = egui::Slider::new(&mut month, 0..=last_month)
            .show_value(false)
            .step_by(1.0)
            .text(context.date.to_string());
        let response = ui.add(slider).on_hover_text(
            "The date the map is drawn for. Arrow keys step a month when the slider has focus; , and . step a month, Page Up and Page Down a year.",
        );
        if response.changed() {
            actions.push(Action::SetDate(DateChoice::Fixed(start.first_of_month_plus(month))));
        }
        change_marks_ui(ui, context, response.rect, start, last_month, actions);
    });
    playback_ui(ui, context, actions);
}

fn search_ui(
    ui: &mut Ui,
    context: &PanelContext<'_>,
    search: &SearchState,
    actions: &mut Vec<Action>,
) {
    let label = ui.label(SEARCH_LABEL);
    let mut query = search.query.clone();
    let edit = egui::TextEdit::singleline(&mut query)
        .id(search_box_id())
        .hint_text(search_hint(context))
        .desired_width(SEARCH_BOX_WIDTH);
    let response = ui.add(edit).labelled_by(label.id);
    if response.changed() {
        actions.push(Action::SetSearchQuery(query));
    }
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if entered && let Some(first) = search.suggestions.first() {
        actions.push(Action::ChooseSuggestion(first.target));
        return;
    }
    if search.query.trim().is_empty() || (!response.has_focus() && search.suggestions.is_empty()) {
        return;
    }
    let popup_id = ui.make_persistent_id("search_suggestions");
    egui::Area::new(popup_id)
        .fixed_pos(response.rect.left_bottom() + vec2(0.0, 4.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(response.rect.width());
                if search.suggestions.is_empty() {
                    ui.label(RichText::new("Nothing in the map or the article matches").weak());
                }
                if search.suggestions.first().is_some_and(|s| s.nearest) {
                    ui.label(RichText::new("Nothing matches as typed; the nearest names:").weak());
                }
                for suggestion in &search.suggestions {
                    let text = suggestion_text(context, suggestion);
                    if ui.selectable_label(false, text).clicked() {
                        actions.push(Action::ChooseSuggestion(suggestion.target));
                    }
                }
            });
        });
}

/// A suggestion as the list shows it: what it leads to, and what matched when that differs.
fn suggestion_text(context: &PanelContext<'_>, suggestion: &Suggestion) -> String {
    let data = context.scenario.data();
    let name = match suggestion.target {
        Target::Country(country) => context.world.country(country).name().to_string(),
        Target::Group(index) => data
            .groups
            .get(index)
            .map_or_else(String::new, |g| g.label().to_string()),
        Target::Tension(index) => data
            .tensions
            .get(index)
            .map_or_else(String::new, |t| format!("Tension: {}", t.kind.label())),
        Target::Excerpt(index) => data
            .excerpts
            .get(index)
            .map_or_else(String::new, |e| format!("Excerpt, ¶{}", e.paragraph)),
    };
    if suggestion.matched == name {
        name
    } else {
        format!(
            "{name} — {}: {}",
            suggestion.field.label(),
            suggestion.matched
        )
    }
}

/// The search box's hint, with words from the scenario as examples.
fn search_hint(context: &PanelContext<'_>) -> String {
    let examples = context.scenario.search_examples();
    if examples.is_empty() {
        "country, capital, leader… (Ctrl+F)".into()
    } else {
        format!("e.g. {}… (Ctrl+F)", examples.join(", "))
    }
}
