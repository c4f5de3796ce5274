use alliance_map::layers::LayerId;
use alliance_map::model::date::Date;
use alliance_map::model::view_file::ViewSelection;
use alliance_map::model::view_link::ViewLink;
use alliance_map::session::Action;
use egui_kittest::Harness;

use crate::ui::ui_harness;

fn follow(harness: &mut Harness<'_, alliance_map::App>, fragment: &str) {
    let (link, problems) = ViewLink::parse(fragment);
    assert!(problems.is_empty(), "{problems:?}");
    let ctx = harness.ctx.clone();
    harness.state_mut().follow_link(&link, &ctx);
    harness.run();
}

#[test]
fn a_link_to_armenia_on_a_date_opens_on_armenia_at_that_date() {
    let mut harness = ui_harness();
    follow(&mut harness, "#date=2024-06-01&sel=ARM");
    let app = harness.state();
    assert_eq!(app.date(), Date::constant(2024, 6, 1));
    let link = app.view_link();
    assert_eq!(link.selection, Some(ViewSelection::Country("ARM".into())));
    let Some(map) = link.map else {
        panic!("the map was drawn, so the link says where it looks")
    };
    // Yerevan is at 40.18° N, 44.51° E; the map fits Armenia around it.
    assert!(
        (map.lat - 40.2).abs() < 1.5 && (map.lon - 45.0).abs() < 1.5,
        "{map:?}"
    );
    assert!(map.zoom > 5.0, "{map:?}");
}

#[test]
fn a_link_written_from_a_view_opens_the_same_view_in_another_window() {
    let mut sender = ui_harness();
    follow(
        &mut sender,
        "date=2021-03-01&map=5.50/41.0000/60.0000&sel=UZB",
    );
    let ctx = sender.ctx.clone();
    sender
        .state_mut()
        .apply(Action::ToggleLayer(LayerId::Labels), &ctx);
    sender.run();
    let fragment = sender.state().view_link().to_fragment();
    assert!(fragment.contains("hide=labels"), "{fragment}");

    let mut reader = ui_harness();
    follow(&mut reader, &fragment);
    let app = reader.state();
    assert_eq!(app.date(), Date::constant(2021, 3, 1));
    assert!(!app.is_layer_visible(LayerId::Labels));
    assert_eq!(app.view_link().to_fragment(), fragment);
}

#[test]
fn copy_link_puts_the_view_on_the_published_address_once_one_is_set() {
    let mut harness = ui_harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(Action::CopyViewLink, &ctx);
    let said = |harness: &Harness<'_, alliance_map::App>| {
        harness
            .state()
            .messages()
            .last()
            .map(|message| message.text.clone())
            .unwrap_or_default()
    };
    assert!(
        said(&harness).contains("Published page address"),
        "{}",
        said(&harness)
    );

    let address = "https://example.org/csto/index.html".to_string();
    harness
        .state_mut()
        .apply(Action::SetPublishedAddress(address), &ctx);
    follow(&mut harness, "date=2024-06-01&sel=ARM");
    harness.state_mut().apply(Action::CopyViewLink, &ctx);
    let copied = said(&harness);
    assert!(
        copied.starts_with("Copied: https://example.org/csto/index.html#date=2024-06-01&map="),
        "{copied}"
    );
    assert!(copied.ends_with("&sel=ARM"), "{copied}");
}
