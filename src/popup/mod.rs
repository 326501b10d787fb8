//! The popup: presets, the custom form, and the saved tokens. Everything shown
//! from data is set as text. It reads storage itself (fast to open) and asks the
//! background for everything that changes anything.

mod actions;
mod list;
mod problem;
mod status;
mod token_row;

use crate::browser::{self, dom, storage};
use crate::i18n::key;
use crate::protocol::{Reply, Request};
use crate::store::{SavedToken, TokenList, UserPresets};
use crate::zoho::preset::KNOWN_SCOPES;
use crate::zoho::{DataCentre, PRESETS};
use std::cell::RefCell;
use wasm_bindgen_futures::spawn_local;

/// What the popup currently shows.
#[derive(Default)]
struct View {
    list: TokenList,
    dc: DataCentre,
    /// The last token forgotten, for Undo.
    forgotten: Option<SavedToken>,
}

thread_local! {
    static VIEW: RefCell<View> = RefCell::new(View::default());
}

/// Builds the popup from storage, then listens for what the background saves.
pub async fn start(stored: js_sys::Promise) {
    browser::localise_page();
    render_presets();
    render_scope_suggestions();
    actions::wire();
    match storage::load_from(stored).await {
        Ok(loaded) => {
            render_user_presets(&loaded.presets);
            render_data_centres(loaded.settings.dc);
            list::render_all(loaded.tokens);
        }
        Err(_) => {
            render_data_centres(DataCentre::default());
            status::error_key(key("errStorage"));
        }
    }
    browser::on_storage_change(list::storage_changed);
    mark_ready();
    spawn_local(take_notice());
    list::render_rest().await;
}

/// Shows what happened in a Zoho tab while the popup was closed. The answer also
/// tells that the background is alive (`body[data-background]`).
async fn take_notice() {
    match browser::ask(&Request::TakeNotice).await {
        Some(Reply::Notice(notice)) => {
            if let Some(body) = dom::document().body() {
                dom::set_attr(&body, "data-background", "ready");
            }
            if let Some(notice) = notice {
                if notice.target.is_some() {
                    problem::about(notice.target.clone());
                }
                status::show_notice(&notice);
            }
        }
        other => status::unexpected(other),
    }
}

fn current_dc() -> DataCentre {
    VIEW.with(|v| v.borrow().dc)
}

fn render_presets() {
    let Some(list) = dom::by_id("presets") else {
        return;
    };
    for preset in PRESETS {
        let button = dom::element("button", "preset");
        dom::set_attr(&button, "type", "button");
        dom::set_attr(&button, "data-preset", preset.display_name);
        dom::append(
            &button,
            &dom::text_element("span", "preset-app", preset.app_name),
        );
        dom::append(
            &button,
            &dom::text_element("span", "preset-name", preset.display_name),
        );
        dom::append(&list, &button);
    }
}

/// The user's own presets (from the options page), after the built-in six.
fn render_user_presets(presets: &UserPresets) {
    let Some(list) = dom::by_id("presets") else {
        return;
    };
    for preset in &presets.items {
        let button = dom::element("button", "preset user-preset");
        dom::set_attr(&button, "type", "button");
        dom::set_attr(&button, "data-preset", &preset.display_name);
        dom::set_attr(&button, "data-scope", &preset.scope);
        dom::append(
            &button,
            &dom::text_element("span", "preset-app", &preset.label),
        );
        dom::append(
            &button,
            &dom::text_element("span", "preset-name", &preset.display_name),
        );
        dom::append(&list, &button);
    }
}

fn render_scope_suggestions() {
    let Some(list) = dom::by_id("scope-suggestions") else {
        return;
    };
    for scope in KNOWN_SCOPES {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", scope);
        dom::append(&list, &option);
    }
}

fn render_data_centres(selected: DataCentre) {
    VIEW.with(|v| v.borrow_mut().dc = selected);
    if let Some(select) = dom::by_id("dc") {
        browser::fill_data_centres(&select, selected, false);
    }
}

/// Lets tests and benchmarks see the moment the popup is usable.
fn mark_ready() {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-ready", "true");
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("popup-ready");
    }
}

/// The row element of a saved token, if it is shown.
fn row(id: &str) -> Option<web_sys::Element> {
    dom::all("[data-token-row]")
        .into_iter()
        .find(|row| row.get_attribute("data-id").as_deref() == Some(id))
}
