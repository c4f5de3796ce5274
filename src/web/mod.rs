//! The app in a browser: eframe's web runner on the page's canvas, the scenario the page was
//! published with, and the view kept in the page's address so that a link opens what its
//! sender saw. The only code that talks to the page; everything else is the desktop's.

mod page;

use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::app::{BrowserFiles, GivenFile};
use crate::model::clock::Clock;
use crate::model::scenario::Scenario;
use crate::model::view_link::ViewLink;
use crate::render::gpu_map::GpuTarget;
use crate::{App, World};

/// The canvas `index.html` gives the app (see `web/index.html`).
const CANVAS_ID: &str = "alliance-map";

/// Starts the app on the page; what cannot start is written on the page and in the console.
pub fn start() {
    let started = web_time::Instant::now();
    if eframe::WebLogger::init(log::LevelFilter::Info).is_err() {
        // A logger is already installed (the page started us twice): it logs as well.
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Some(canvas) = page::canvas(CANVAS_ID) else {
            page::show_failure(&format!("the page has no canvas with the id '{CANVAS_ID}'"));
            return;
        };
        let runner = eframe::WebRunner::new();
        let started_app = runner
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(move |creation| {
                    let app = open_app(creation, started)
                        .inspect_err(|problem| page::show_failure(problem))?;
                    Ok(Box::new(app))
                }),
            )
            .await;
        match started_app {
            Ok(()) => page::hide_loading(),
            Err(error) => page::show_failure(&format!("the map could not start: {error:?}")),
        }
    });
}

/// The app on the published scenario (the bundled one unless the page carries another),
/// following the view in the page's address.
fn open_app(
    creation: &eframe::CreationContext<'_>,
    started: web_time::Instant,
) -> Result<WebApp, String> {
    let world = World::load_bundled()
        .map(Arc::new)
        .map_err(|error| format!("the bundled world could not be loaded: {error}"))?;
    let scenario = match page::published_scenario() {
        Some((path, text, article)) => {
            Scenario::from_text(&path, &text, |_| Ok(article), &world)
                .map_err(|error| format!("the published scenario could not be read: {error}"))?
        }
        None => Scenario::load_bundled(&world)
            .map_err(|error| format!("the bundled scenario could not be loaded: {error}"))?,
    };
    let mut app = App::with_storage(world, Arc::new(scenario), creation.storage, Clock::System);
    app.time_first_frame_from(started);
    match &creation.wgpu_render_state {
        Some(render_state) => app.map_mut().draw_on_gpu(GpuTarget::of(render_state)),
        None => log::info!("the map is drawn as egui meshes"),
    }
    let dropped = app.use_browser_files(BrowserFiles {
        pick: page::pick_files,
        download: page::download,
    });
    let fragment = page::fragment();
    let (link, problems) = ViewLink::parse(&fragment);
    if !problems.is_empty() {
        app.warn([format!(
            "Part of the link was not followed: {}.",
            problems.join("; ")
        )]);
    }
    app.follow_link(&link, &creation.egui_ctx);
    page::repaint_on_address_change(creation.egui_ctx.clone());
    Ok(WebApp {
        app,
        followed_fragment: fragment,
        dropped,
        fragment_written_at: f64::NEG_INFINITY,
    })
}

/// The app, and the page's address kept in step with its view both ways.
struct WebApp {
    app: App,
    /// The fragment last written to the address or followed from it.
    followed_fragment: String,
    /// Where files dropped on the page go once read.
    dropped: Sender<GivenFile>,
    /// When the address was last written, in egui's seconds.
    fragment_written_at: f64,
}

/// The least time between two writes of the address: a pan changes the view every frame, and
/// browsers refuse more than 100 history changes in 10 s.
const FRAGMENT_INTERVAL_SECS: f64 = 0.25;

impl eframe::App for WebApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // The reader edited the address (or went back): follow it.
        let fragment = page::fragment();
        if fragment != self.followed_fragment {
            let (link, _) = ViewLink::parse(&fragment);
            self.app.follow_link(&link, ui.ctx());
            self.followed_fragment = fragment;
        }
        let dropped = ui.ctx().input(|input| input.raw.dropped_files.clone());
        if !dropped.is_empty() {
            page::read_dropped(dropped, self.dropped.clone(), ui.ctx().clone());
        }
        eframe::App::ui(&mut self.app, ui, frame);
        let shown = self.app.view_link().to_fragment();
        if shown != self.followed_fragment {
            let now = ui.ctx().input(|input| input.time);
            let since = now - self.fragment_written_at;
            if since >= FRAGMENT_INTERVAL_SECS {
                page::replace_fragment(&shown);
                self.followed_fragment = page::fragment();
                self.fragment_written_at = now;
            } else {
                // The view at rest is written once the interval is over.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        FRAGMENT_INTERVAL_SECS - since,
                    ));
            }
        }
        page::set_title(&self.app.title());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }
}
