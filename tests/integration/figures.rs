//! Figures and view files: `render` to SVG and PNG, the colours where places are, the SVG
//! and the PNG agreeing, `render --view`, bad view files, and a view saved and reopened in
//! the app.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Output;

use alliance_map::App;
use alliance_map::figure::{FigureSpec, Scene, build_scene, png};
use alliance_map::layers::{LayerId, MapLayers};
use alliance_map::model::date::Date;
use alliance_map::model::scenario::{Scenario, Status};
use alliance_map::model::territory::Territories;
use alliance_map::render::plugins::status_look;
use alliance_map::render::style::Palette;
use alliance_map::session::Selection;
use alliance_map::session::settings::DateChoice;
use alliance_map::ui::legend::layer_shortcut;
use egui::Color32;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use resvg::tiny_skia::Pixmap;

use crate::fixtures::{run_binary, temp_dir, utf8, write};
use crate::scenario::{bundled, date};
use crate::ui::{click_at, shared, ui_harness, wait_until_loaded};
use crate::world::world;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn render(args: &[&str]) -> Output {
    run_binary(std::iter::once("render").chain(args.iter().copied()))
}

fn article_date() -> Date {
    date("2012-05-15")
}

/// The scene `render --as-of 2012-05-15` draws with every other option left out.
fn default_scene(scenario: &Scenario) -> Scene {
    let layers = MapLayers::build(world(), scenario, article_date());
    let extent = scenario.opening_extent(world());
    let Ok(territories) = Territories::bundled() else {
        panic!("the bundled territories load")
    };
    let spec = FigureSpec {
        world: world(),
        scenario,
        layers: &layers,
        territories,
        date: article_date(),
        bbox: [extent.west, extent.south, extent.east, extent.north],
        size_px: [1600, 1000],
        dark: false,
        hidden_layers: &BTreeSet::new(),
        selected: &[],
        selected_tension: None,
        caption: None,
    };
    match build_scene(&spec) {
        Ok(scene) => scene,
        Err(error) => panic!("{error}"),
    }
}

fn read_png(path: &Path) -> Pixmap {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => panic!("{}: {error}", path.display()),
    };
    match Pixmap::decode_png(&bytes) {
        Ok(pixmap) => pixmap,
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

/// The commonest colour in a square round a pixel: the fill, past the arcs, dots and
/// borders that cross it.
fn commonest_color(pixmap: &Pixmap, x: u32, y: u32, half: u32) -> [u8; 3] {
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for py in y - half..=y + half {
        for px in x - half..=x + half {
            if let Some(p) = pixmap.pixel(px, py) {
                *counts.entry([p.red(), p.green(), p.blue()]).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, count)| *count)
        .map(|(color, _)| color)
        .unwrap_or_default()
}

/// An opaque colour drawn over another with egui's premultiplied alpha.
fn over(top: Color32, bottom: Color32) -> [u8; 3] {
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * (1.0 - a)).round() as u8;
    [
        mix(top.r(), bottom.r()),
        mix(top.g(), bottom.g()),
        mix(top.b(), bottom.b()),
    ]
}

/// The colour a member of `group` is filled with on the light map.
fn member_fill(scenario: &Scenario, group: &str) -> [u8; 3] {
    let palette = Palette::for_theme(false);
    let layers = MapLayers::build(world(), scenario, article_date());
    let Some(layer) = layers.groups.iter().find(|g| g.id == group) else {
        panic!("no group {group}")
    };
    let look = status_look(layer.kind, Status::Member, palette.group_color(layer));
    let Some(fill) = look.fill else {
        panic!("{group}'s members are filled")
    };
    over(fill, palette.land)
}

fn assert_close(found: [u8; 3], expected: [u8; 3], place: &str) {
    let close = found.iter().zip(expected).all(|(a, b)| a.abs_diff(b) <= 3);
    assert!(close, "{place}: {found:?}, expected {expected:?}");
}

#[test]
fn render_writes_an_svg_with_the_date_and_credits_as_text_and_a_path_per_country() {
    let directory = temp_dir();
    let path = directory.path().join("a.svg");
    let output = render(&["--as-of", "2012-05-15", "-o", utf8(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = match std::fs::read_to_string(&path) {
        Ok(svg) => svg,
        Err(error) => panic!("{error}"),
    };
    let texts: Vec<&str> = svg
        .lines()
        .filter(|line| line.starts_with("<text"))
        .collect();
    assert!(texts.iter().any(|t| t.contains(">Map as of 15 May 2012<")));
    assert!(texts.iter().any(|t| t.contains("Natural Earth")));
    // One area per country drawn, and at most two more for a group member's fill and
    // pattern: hundreds of paths, not the thousands of triangles of a mesh.
    let scene = default_scene(&bundled());
    assert_eq!(scene.date_line, "Map as of 15 May 2012");
    assert!(
        scene
            .credits
            .iter()
            .any(|c| c.starts_with("Boundaries: Natural Earth"))
    );
    let areas = scene
        .map
        .iter()
        .filter(|item| matches!(item, alliance_map::figure::scene::Item::Area { .. }))
        .count();
    let paths = svg.matches("<path").count();
    assert!(paths >= areas, "{paths} paths for {areas} areas");
    assert!(
        (100..1000).contains(&paths),
        "{paths} paths for about 250 countries"
    );
    assert!(png::parse(&svg).is_ok(), "the SVG parses");
}

#[test]
fn render_to_png_at_scale_2_fills_moscow_in_the_csto_colour_and_paris_in_the_nato_colour() {
    let directory = temp_dir();
    let path = directory.path().join("a.png");
    let output = render(&["--as-of", "2012-05-15", "--scale", "2", "-o", utf8(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pixmap = read_png(&path);
    assert_eq!((pixmap.width(), pixmap.height()), (3200, 2000));
    let scenario = bundled();
    let scene = default_scene(&scenario);
    for (place, lon, lat, group) in [
        ("Moscow", 37.62, 55.75, "CSTO"),
        ("Paris", 2.35, 48.86, "NATO"),
    ] {
        let at = scene.view.lon_lat_to_screen(lon, lat);
        let color = commonest_color(&pixmap, (at.x * 2.0) as u32, (at.y * 2.0) as u32, 10);
        assert_close(color, member_fill(&scenario, group), place);
    }
}

#[test]
fn the_svg_rasterised_by_resvg_and_the_png_differ_in_under_one_percent_of_pixels() {
    let directory = temp_dir();
    let (svg_path, png_path) = (
        directory.path().join("a.svg"),
        directory.path().join("a.png"),
    );
    for path in [&svg_path, &png_path] {
        let output = render(&["--as-of", "2012-05-15", "--scale", "2", "-o", utf8(path)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let svg = std::fs::read_to_string(&svg_path).unwrap_or_default();
    let from_svg = match png::rasterise(&svg, 2) {
        Ok(pixmap) => pixmap,
        Err(error) => panic!("{error}"),
    };
    let from_png = read_png(&png_path);
    assert_eq!(from_svg.width(), from_png.width());
    let differing = from_svg
        .pixels()
        .iter()
        .zip(from_png.pixels())
        .filter(|(a, b)| {
            a.red().abs_diff(b.red()) > 8
                || a.green().abs_diff(b.green()) > 8
                || a.blue().abs_diff(b.blue()) > 8
        })
        .count();
    assert!(
        (differing as f64) < 0.01 * from_png.pixels().len() as f64,
        "{differing} pixels differ"
    );
}

const VIEW: &str = r#"{
  "format": "alliance-map/view",
  "version": 1,
  "scenario": "bundled",
  "date": "2020-01-01",
  "bbox": [20.0, 35.0, 60.0, 60.0],
  "layers": ["group:CSTO", "group:NATO", "territories", "labels"],
  "theme": "dark",
  "selection": {"excerpt": "EXCERPT"}
}"#;

#[test]
fn render_with_a_view_file_draws_its_date_layers_and_caption() {
    let scenario = bundled();
    let Some(excerpt) = scenario.data().excerpts.get(2) else {
        panic!("the bundled scenario has excerpts")
    };
    let directory = temp_dir();
    let view = directory.path().join("view.json");
    write(&view, VIEW.replace("EXCERPT", &excerpt.id));
    let out = directory.path().join("view.svg");
    let output = render(&["--view", utf8(&view), "-o", utf8(&out)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        svg.contains(">Map as of 1 January 2020<"),
        "the view's date"
    );
    assert!(
        svg.contains(&format!("¶{}", excerpt.paragraph)),
        "the caption"
    );
    assert!(svg.contains(">CSTO ("), "a visible layer in the legend");
    assert!(!svg.contains(">Tensions ("), "a hidden layer stays out");
    let dark_sea = Palette::for_theme(true).sea;
    let sea = format!(
        "#{:02x}{:02x}{:02x}",
        dark_sea.r(),
        dark_sea.g(),
        dark_sea.b()
    );
    assert!(svg.contains(&sea), "the dark theme's sea");
    // The options override the view file.
    let output = render(&[
        "--view",
        utf8(&view),
        "--as-of",
        "2012-05-15",
        "--hide",
        "labels",
        "-o",
        utf8(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(svg.contains(">Map as of 15 May 2012<"));
}

#[test]
fn bad_view_files_are_refused_naming_the_file_and_the_problem() {
    let directory = temp_dir();
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "layer.json",
            VIEW.replace("\"labels\"", "\"borders\"").into_bytes(),
            "no layer 'borders'",
        ),
        (
            "country.json",
            VIEW.replace(r#"{"excerpt": "EXCERPT"}"#, r#"{"country": "XXX"}"#)
                .into_bytes(),
            "no country 'XXX'",
        ),
        (
            "syntax.json",
            VIEW.replace("\"theme\": \"dark\"", "\"theme\": 3")
                .into_bytes(),
            "$.theme",
        ),
        (
            "version.json",
            VIEW.replace("\"version\": 1", "\"version\": 9")
                .into_bytes(),
            "version 9",
        ),
        ("utf8.json", b"{\"format\": \"\xff\"}".to_vec(), "not UTF-8"),
        ("empty.json", Vec::new(), "is empty"),
    ];
    let out = directory.path().join("out.svg");
    for (name, contents, problem) in cases {
        let path = directory.path().join(name);
        write(&path, &contents);
        let output = render(&["--view", utf8(&path), "-o", utf8(&out)]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        assert!(message.contains(utf8(&path)), "{name}: {message}");
        assert!(message.contains(problem), "{name}: {message}");
        assert!(!out.exists(), "{name}: nothing is written");
    }
}

#[test]
fn render_refuses_to_write_over_its_view_file_or_an_unknown_format() {
    let directory = temp_dir();
    // Named like a figure, so that only its being an input stops the write.
    let view = directory.path().join("view.svg");
    let text = VIEW.replace(r#"{"excerpt": "EXCERPT"}"#, "null");
    write(&view, &text);
    let output = render(&["--view", utf8(&view), "-o", utf8(&view)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("one of the files read"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&view).ok(), Some(text));
    let output = render(&["-o", utf8(&directory.path().join("a.gif"))]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(".svg or .png"),
        "{}",
        stderr(&output)
    );
    let output = render(&["--scale", "3", "-o", "a.png"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
}

/// Chooses a File menu entry, writes `path` in the in-app file browser it opens (the tests
/// have no desktop dialog) and presses its button.
fn through_file_dialog(harness: &mut Harness<'_, App>, entry: &str, button: &str, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "File")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    harness.run();
}

#[test]
fn a_saved_view_reopens_with_the_same_date_layers_and_selection() {
    let mut harness = ui_harness();
    let directory = temp_dir();
    let path = directory.path().join("saved-view.json");
    // A month later, the tensions off, Belarus selected: as a person would.
    harness.key_press(egui::Key::Period);
    let layers = harness.state().layers().layer_ids();
    let Some(tensions) = layers.iter().position(|&l| l == LayerId::Tensions) else {
        panic!("a tensions layer")
    };
    let Some(key) = layer_shortcut(tensions) else {
        panic!("a shortcut for the tensions")
    };
    harness.key_press(key);
    harness.run();
    let Some(minsk) = harness.state().screen_position_of(27.567, 53.9) else {
        panic!("the map is drawn")
    };
    click_at(&mut harness, minsk);
    let date = harness.state().date();
    let selection = harness.state().selection().clone();
    assert!(matches!(selection, Selection::Country(_)), "{selection:?}");
    assert!(!harness.state().is_layer_visible(LayerId::Tensions));

    through_file_dialog(&mut harness, "Save view…", "Save", &path);
    assert!(path.exists(), "{:?}", harness.state().messages());

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Reset all").click();
    harness.run();
    assert_eq!(harness.state().state().date, DateChoice::Article);
    assert!(harness.state().is_layer_visible(LayerId::Tensions));

    through_file_dialog(&mut harness, "Open…", "Open", &path);
    wait_until_loaded(&mut harness);
    assert_eq!(
        harness.state().date(),
        date,
        "{:?}",
        harness.state().messages()
    );
    assert!(!harness.state().is_layer_visible(LayerId::Tensions));
    assert_eq!(*harness.state().selection(), selection);
    let (world, _) = shared();
    assert!(world.by_code("BLR").is_some());
}

#[test]
fn a_bad_view_file_opened_in_the_app_changes_nothing_and_says_why() {
    let mut harness = ui_harness();
    let directory = temp_dir();
    let path = directory.path().join("bad-view.json");
    write(&path, VIEW.replace("\"labels\"", "\"borders\""));
    let date = harness.state().date();
    harness.state_mut().open_paths([path.clone()]);
    wait_until_loaded(&mut harness);
    assert_eq!(harness.state().date(), date);
    assert!(harness.state().is_layer_visible(LayerId::Tensions));
    let last = harness.state().messages().last().map(|m| m.text.clone());
    let text = last.unwrap_or_default();
    assert!(
        text.contains("bad-view.json") && text.contains("borders"),
        "{text}"
    );
}

/// The scene of the bundled scenario on its date for a box, at 1200x900.
fn scene_of(bbox: [f64; 4]) -> Scene {
    scene_on(bbox, article_date(), false)
}

/// The scene of the bundled scenario on a date for a box, at 1200x900, in a theme.
fn scene_on(bbox: [f64; 4], day: Date, dark: bool) -> Scene {
    let scenario = bundled();
    let layers = MapLayers::build(world(), &scenario, day);
    let Ok(territories) = Territories::bundled() else {
        panic!("the bundled territories load")
    };
    let spec = FigureSpec {
        world: world(),
        scenario: &scenario,
        layers: &layers,
        territories,
        date: day,
        bbox,
        size_px: [1200, 900],
        dark,
        hidden_layers: &BTreeSet::new(),
        selected: &[],
        selected_tension: None,
        caption: None,
    };
    match build_scene(&spec) {
        Ok(scene) => scene,
        Err(error) => panic!("{error}"),
    }
}

/// Each name on the figure's map: its text, size, kind, id and anchor.
fn tagged_names(scene: &Scene) -> Vec<(String, f32, &'static str, String, [f64; 2])> {
    scene
        .map
        .iter()
        .filter_map(|item| match item {
            alliance_map::figure::scene::Item::Text(text) => text.tag.as_ref().map(|tag| {
                (
                    text.text.clone(),
                    text.size_px,
                    tag.kind,
                    tag.id.clone(),
                    [tag.anchor.lon, tag.anchor.lat],
                )
            }),
            _ => None,
        })
        .collect()
}

#[test]
fn a_figure_of_the_caucasus_names_states_capitals_and_territories_each_on_its_own_ground() {
    let scene = scene_of([38.0, 37.0, 52.0, 45.0]);
    let names = tagged_names(&scene);
    let ids: BTreeSet<&str> = names.iter().map(|(_, _, _, id, _)| id.as_str()).collect();
    for id in ["ARM", "GEO", "AZE", "RUS", "TUR", "IRN", "abkhazia"] {
        assert!(ids.contains(id), "{id} is not named: {names:?}");
    }
    assert!(
        names.iter().any(|(_, _, kind, _, _)| *kind == "capital"),
        "a capital is named: {names:?}"
    );
    for (text, size, kind, id, [lon, lat]) in &names {
        if *kind != "country" {
            continue;
        }
        assert!(*size >= 11.0, "{text} is {size} px");
        let under = world().country_at(*lon, *lat).map(|c| c.iso_a3());
        assert_eq!(under, Some(id.as_str()), "{text} stands for {lon},{lat}");
    }
    let svg = alliance_map::figure::svg::write_svg(&scene);
    assert!(svg.contains(r#"<text class="label" data-kind="country" data-id="ARM" data-anchor=""#));
    assert!(svg.contains("<desc>A map for"), "the SVG describes itself");
}

#[test]
fn a_figure_across_the_180_degree_line_draws_and_names_fiji() {
    let scene = scene_of([165.0, -25.0, -165.0, 5.0]);
    let names = tagged_names(&scene);
    assert!(
        names.iter().any(|(_, _, _, id, _)| id == "FJI"),
        "Fiji is named: {names:?}"
    );
    let output = render(&[
        "--bbox",
        "165,-25,-165,5",
        "--size",
        "800x600",
        "-o",
        utf8(&temp_dir().path().join("pacific.svg")),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// The legend's lines, headings and keys, in order.
fn legend_labels(scene: &Scene) -> Vec<String> {
    scene
        .legend
        .iter()
        .map(|entry| entry.label.clone())
        .collect()
}

const CAUCASUS: [f64; 4] = [38.0, 37.0, 52.0, 45.0];

#[test]
fn a_figure_keys_the_statuses_and_hatchings_it_shows_and_no_others() {
    let in_2024 = legend_labels(&scene_on(CAUCASUS, date("2024-06-01"), false));
    assert!(
        in_2024.iter().any(|l| l == "Status in a group"),
        "{in_2024:?}"
    );
    assert!(in_2024.iter().any(|l| l == "CSTO: frozen"), "{in_2024:?}");
    assert!(
        in_2024.iter().any(|l| l == "occupied or annexed"),
        "{in_2024:?}"
    );
    assert!(
        !in_2024.iter().any(|l| l == "breakaway or disputed"),
        "Nagorno-Karabakh is no more in 2024: {in_2024:?}"
    );
    let in_2012 = legend_labels(&scene_of(CAUCASUS));
    assert!(
        in_2012.iter().any(|l| l == "breakaway or disputed"),
        "Nagorno-Karabakh: {in_2012:?}"
    );
    assert!(!in_2012.iter().any(|l| l.contains("frozen")), "{in_2012:?}");
    let pacific = legend_labels(&scene_of([165.0, -25.0, -165.0, 5.0]));
    assert!(
        !pacific
            .iter()
            .any(|l| l.starts_with("CSTO") || l == "Tension kinds"),
        "no CSTO member and no tension lies in the Pacific: {pacific:?}"
    );
}

#[test]
fn a_figure_keys_the_kinds_of_the_tensions_it_shows_by_dashes_and_marker() {
    let scene = scene_of(CAUCASUS);
    let labels = legend_labels(&scene);
    let Some(heading) = labels.iter().position(|l| l == "Tension kinds") else {
        panic!("tensions cross the Caucasus: {labels:?}")
    };
    let kinds: Vec<&str> = alliance_map::model::scenario::TensionKind::ALL
        .iter()
        .map(|kind| kind.label())
        .collect();
    let keyed: Vec<&String> = labels[heading + 1..]
        .iter()
        .take_while(|l| kinds.contains(&l.as_str()))
        .collect();
    assert!(!keyed.is_empty(), "{labels:?}");
    for entry in scene
        .legend
        .iter()
        .filter(|e| kinds.contains(&e.label.as_str()))
    {
        let marker = entry
            .swatch
            .iter()
            .any(|item| !matches!(item, alliance_map::figure::scene::Item::Polyline { .. }));
        assert!(marker, "{}: its key shows the marker", entry.label);
    }
}

#[test]
fn no_two_tension_kinds_look_alike_without_colour() {
    use alliance_map::model::scenario::TensionKind;
    use alliance_map::render::plugins::{tension_dash, tension_marker_shape};
    let kinds = TensionKind::ALL;
    for (i, a) in kinds.iter().enumerate() {
        for b in &kinds[i + 1..] {
            assert_ne!(
                tension_marker_shape(*a),
                tension_marker_shape(*b),
                "{a:?} and {b:?} share a marker"
            );
        }
    }
    let solid: Vec<_> = kinds
        .iter()
        .filter(|kind| tension_dash(**kind).0 == alliance_map::render::countries::Dash::Solid)
        .collect();
    assert!(solid.len() <= 2, "{solid:?}");
}

#[test]
fn every_word_round_the_map_is_at_least_11_px_at_aa_contrast_in_both_themes() {
    use alliance_map::figure::scene::Item;
    use alliance_map::render::style::contrast_ratio;
    for dark in [false, true] {
        let scene = scene_on(CAUCASUS, date("2024-06-01"), dark);
        let texts: Vec<_> = scene
            .paper_items
            .iter()
            .filter_map(|item| match item {
                Item::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        assert!(
            texts.iter().any(|t| t.text.starts_with("Boundaries:")),
            "the source note"
        );
        assert!(
            texts.iter().any(|t| t.text == "Tension kinds"),
            "a sub-key heading"
        );
        for text in texts {
            assert!(
                text.size_px >= 11.0,
                "{:?} is {} px",
                text.text,
                text.size_px
            );
            assert_eq!(text.color.a(), 255, "{:?} is opaque", text.text);
            let ratio = contrast_ratio(text.color, scene.paper);
            assert!(
                ratio >= 4.5,
                "dark {dark}: {:?} at {ratio:.2}:1 on the paper",
                text.text
            );
        }
    }
}
