//! The popup: presets, the custom form, and the saved tokens. Everything shown
//! from data is set as text. It reads storage itself (fast to open) and asks the
//! background for everything that changes anything.
//!
//! Two views behind a tab control (`views`), siblings: `authtokens` (legacy
//! authtokens: generate, the list, a saved one's actions) and `oauth` (the
//! Self Client flow and the refresh tokens). Shared by both: `events` routes
//! the page's events to the flows, `changes` routes storage changes,
//! `data_centre` keeps the chosen data centre, `keyboard` moves focus,
//! `status` and `notice` tell what happened, `state` holds what the popup
//! shows and does. This file starts the popup.

mod authtokens;
mod changes;
mod data_centre;
mod events;
mod filter;
mod keyboard;
mod notice;
mod oauth;
mod state;
mod status;
mod views;

use crate::browser::{self, dom, storage};
use crate::i18n::key;
use crate::store::UserPresets;
use crate::ui::{self, presets};
use crate::zoho::{DataCentre, PRESETS};
use wasm_bindgen_futures::spawn_local;

/// Builds the popup from storage, then listens for what the background saves.
pub async fn start(stored: js_sys::Promise) {
    ui::localise();
    show_built_in_presets();
    presets::fill_scope_suggestions();
    events::listen();
    match storage::load_from(stored).await {
        Ok(loaded) => {
            show_user_presets(&loaded.presets);
            data_centre::show(loaded.settings.dc);
            authtokens::list::render_all(loaded.tokens);
            oauth::show_all(loaded.oauth);
        }
        Err(_) => {
            data_centre::show(DataCentre::default());
            status::error_key(key("errStorage"));
        }
    }
    browser::on_storage_change(changes::storage_changed);
    ui::mark_ready("popup-ready");
    spawn_local(async {
        if oauth::draft::restore().await {
            oauth::redraw();
        }
    });
    spawn_local(notice::take());
    authtokens::list::render_rest().await;
}

/// The built-in presets, at once (before storage is read).
fn show_built_in_presets() {
    if let Some(list) = dom::by_id("presets") {
        for preset in PRESETS {
            let button = presets::button(preset.app_name, preset.display_name, None);
            dom::append(&list, &button);
        }
    }
}

/// The user's own presets from the options page, after the built-in ones.
fn show_user_presets(user: &UserPresets) {
    let labelled = user
        .items
        .iter()
        .map(|p| (p.label.clone(), p.scope.clone()));
    state::set_user_presets(labelled.collect());
    if let Some(list) = dom::by_id("presets") {
        for preset in &user.items {
            let button = presets::button(&preset.label, &preset.display_name, Some(&preset.scope));
            dom::append(&list, &button);
        }
    }
}
