use alliance_map::App;
use alliance_map::layers::LayerId;
use alliance_map::session::layer_label;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walkers::lon_lat;

use crate::ui::{painted, set_date_by_slider, ui_harness};

fn builds(harness: &Harness<'_, App>) -> usize {
    harness.state().map().shape_builds()
}

/// A few frames in which nothing the map shows changes, as when the reader reads a tooltip.
fn still_frames(harness: &mut Harness<'_, App>) {
    for _ in 0..3 {
        harness.step();
    }
}

#[test]
fn a_still_frame_paints_the_kept_shapes_without_building_them() {
    let mut harness = ui_harness();
    let built = builds(&harness);
    assert!(built > 0, "the first frames build the land and the groups");
    let csto = LayerId::Group(0);
    let painted_before = painted(&harness, csto);
    assert!(painted_before > 0);
    still_frames(&mut harness);
    assert_eq!(builds(&harness), built, "nothing changed, nothing built");
    assert_eq!(
        painted(&harness, csto),
        painted_before,
        "the kept shapes painted"
    );
}

#[test]
fn a_new_date_view_or_theme_builds_the_shapes_again_and_a_hidden_group_paints_nothing() {
    let mut harness = ui_harness();
    still_frames(&mut harness);

    let built = builds(&harness);
    set_date_by_slider(&mut harness, "2013-06-01");
    assert!(
        builds(&harness) > built,
        "the CSTO's members changed with the date"
    );
    let built = builds(&harness);
    still_frames(&mut harness);
    assert_eq!(builds(&harness), built, "the new date, still");

    let csto = LayerId::Group(0);
    let label = layer_label(harness.state().layers(), csto);
    harness.get_by_label(&label).click();
    harness.run();
    assert_eq!(
        painted(&harness, csto),
        0,
        "a hidden group paints no kept shapes"
    );
    harness.get_by_label(&label).click();
    harness.run();
    assert!(painted(&harness, csto) > 0, "shown again");

    let built = builds(&harness);
    let memory = harness.state_mut().map_mut().memory_mut();
    memory.center_at(lon_lat(44.5, 41.5));
    harness.run();
    assert!(builds(&harness) > built, "the view moved");

    let built = builds(&harness);
    let other = if harness.ctx.theme() == egui::Theme::Dark {
        "Light"
    } else {
        "Dark"
    };
    for menu in ["View", "Theme"] {
        harness.get_by_label(menu).click();
        harness.run();
    }
    harness.get_by_label(other).click();
    harness.run();
    assert!(
        builds(&harness) > built,
        "the other theme colours the land otherwise"
    );
    let built = builds(&harness);
    still_frames(&mut harness);
    assert_eq!(builds(&harness), built, "the other theme, still");
}
