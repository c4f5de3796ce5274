//! The page around the app, through web-sys: its canvas, address, title and the scenario
//! `scripts/build-web` published in it.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use wasm_bindgen::JsCast;

use crate::app::GivenFile;

/// The element `index.html` shows until the app draws, and where a failure is told.
const LOADING_ID: &str = "loading";
/// The hidden element holding a published scenario's text (HTML-escaped, so any text is safe
/// in it); its `data-path` is the scenario's file name, which errors name.
const SCENARIO_ID: &str = "alliance-map-scenario";
/// The hidden element holding the published scenario's article, HTML-escaped too.
const ARTICLE_ID: &str = "alliance-map-article";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

pub(super) fn canvas(id: &str) -> Option<web_sys::HtmlCanvasElement> {
    document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()
}

/// The address's fragment without its `#`; empty when there is none.
pub(super) fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Puts `fragment` in the address without adding a step to the browser's history (the view
/// changes with every drag, and Back should leave the page, not undo a pan). A replace that
/// changes only the fragment stays on the page.
pub(super) fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Err(error) = window.location().replace(&format!("#{fragment}")) {
        log::warn!("the page's address could not follow the view: {error:?}");
    }
}

/// Asks for a frame when the reader edits the address or goes back, so the app follows at
/// once rather than at the next touch of the page.
pub(super) fn repaint_on_address_change(ctx: egui::Context) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || ctx.request_repaint());
    match window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref()) {
        // The page lives as long as the app: the listener is never taken off.
        Ok(()) => listener.forget(),
        Err(error) => log::warn!("the app will not see the address change: {error:?}"),
    }
}

pub(super) fn set_title(title: &str) {
    if let Some(document) = document()
        && document.title() != title
    {
        document.set_title(title);
    }
}

pub(super) fn hide_loading() {
    if let Some(loading) = document().and_then(|d| d.get_element_by_id(LOADING_ID)) {
        loading.remove();
    }
}

/// Says on the page (and in the console) why the app is not there.
pub(super) fn show_failure(problem: &str) {
    log::error!("alliance-map: {problem}");
    if let Some(loading) = document().and_then(|d| d.get_element_by_id(LOADING_ID)) {
        loading.set_text_content(Some(&format!("alliance-map could not start: {problem}")));
    }
}

/// The scenario the page was published with, as its file name, its text and its article's
/// text; `None` when the page carries none (it shows the bundled one).
pub(super) fn published_scenario() -> Option<(PathBuf, String, String)> {
    let document = document()?;
    let scenario = document.get_element_by_id(SCENARIO_ID)?;
    let article = document.get_element_by_id(ARTICLE_ID)?;
    let path = scenario
        .get_attribute("data-path")
        .unwrap_or_else(|| "published.json".into());
    Some((
        PathBuf::from(path),
        scenario.text_content()?,
        article.text_content()?,
    ))
}

/// The browser's file picker (through rfd, which makes an `<input type="file">`); each file
/// picked is read (asynchronously, so no frame waits) and sent to the app.
pub(super) fn pick_files(sender: Sender<GivenFile>, ctx: egui::Context) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(files) = rfd::AsyncFileDialog::new().pick_files().await else {
            return;
        };
        for file in files {
            let bytes = file.read().await;
            if sender
                .send(GivenFile {
                    name: file.file_name(),
                    bytes,
                })
                .is_err()
            {
                return;
            }
        }
        ctx.request_repaint();
    });
}

/// Reads files dropped on the page (asynchronously) and sends them to the app.
pub(super) fn read_dropped(
    files: Vec<egui::DroppedFileHandle>,
    sender: Sender<GivenFile>,
    ctx: egui::Context,
) {
    wasm_bindgen_futures::spawn_local(async move {
        for file in files {
            let name = file.path().to_string_lossy().into_owned();
            match file.bytes_async().await {
                Ok(bytes) => {
                    if sender.send(GivenFile { name, bytes }).is_err() {
                        return;
                    }
                }
                Err(problem) => log::error!("{name} could not be read: {problem}"),
            }
        }
        ctx.request_repaint();
    });
}

/// Hands the reader a file as a download (a link to its bytes, clicked).
pub(super) fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let said =
        |error: wasm_bindgen::JsValue| format!("the browser refused the download: {error:?}");
    let document = document().ok_or("the page has no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(said)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(said)?;
    let anchor = document
        .create_element("a")
        .map_err(said)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "the page made no link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(said)
}
