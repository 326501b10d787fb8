//! Routes the popup's events: one listener per event type on the document;
//! each control says what it is for with `data-action` (or `data-preset`),
//! and is handed to the flow that owns it.

use super::authtokens::{generate, list, saved};
use super::{data_centre, keyboard, oauth, state, views};
use crate::action::Action;
use crate::browser;
use crate::browser::dom::{self, closest};
use wasm_bindgen_futures::spawn_local;
use web_sys::Event;

/// Listens to the popup's clicks, submits, changes, input and keys.
pub fn listen() {
    let document = dom::document();
    dom::listen(&document, "click", on_click);
    dom::listen(&document, "submit", on_submit);
    dom::listen(&document, "change", on_change);
    dom::listen(&document, "input", on_input);
    dom::listen(&document, "keydown", keyboard::on_keydown);
}

fn on_click(event: Event) {
    if let Some(preset) = closest(&event, "[data-preset]") {
        return generate::preset(&preset);
    }
    if let Some(tab) = closest(&event, "[role=tab][data-view]") {
        views::show(&tab.get_attribute("data-view").unwrap_or_default());
        oauth::rows::show_if_waiting();
        return oauth::draft::keep();
    }
    let Some(control) = closest(&event, "[data-action]") else {
        return;
    };
    let attribute = |name: &str| control.get_attribute(name).unwrap_or_default();
    let row_id = |kind: &str| {
        let row = control.closest(kind).ok().flatten()?;
        row.get_attribute("data-id")
    };
    let Some(action) = Action::from_plain_name(&attribute("data-action")) else {
        return;
    };
    if let Some(id) = row_id("[data-oauth-row]") {
        return oauth::rows::act(action, &id);
    }
    let id = row_id("[data-token-row]").unwrap_or_default();
    match action {
        Action::Reveal => saved::reveal(&control, &id),
        Action::Copy => saved::copy(&id),
        Action::Forget => saved::forget(id),
        Action::Undo => saved::undo(),
        Action::Remedy => generate::remedy(&attribute("data-remedy")),
        Action::UseDc => generate::use_data_centre(&attribute("data-dc")),
        Action::Options => spawn_local(browser::open_options()),
        Action::Lock => spawn_local(crate::ui::unlock::lock_now(saved::mask_all)),
        Action::OAuth => oauth::exchange::start_from(state::problem()),
        Action::ChangeClient | Action::AddClient => oauth::client::add(),
        Action::ForgetClient => oauth::client::forget(),
        Action::CopyScopes => oauth::exchange::copy_scopes(),
        Action::PastCap => oauth::exchange::exchange(true),
        Action::UndoOAuth => oauth::rows::undo(),
        Action::UseDcOAuth => {
            if let Some(dc) = crate::zoho::DataCentre::from_plain_name(&attribute("data-dc")) {
                data_centre::switch_to(dc);
            }
        }
        // Submit buttons (`on_submit`), a refresh token's row (above), and
        // the options page's.
        Action::SaveClient
        | Action::AddRefreshToken
        | Action::Exchange
        | Action::CopyAccessToken
        | Action::CopyRefreshToken
        | Action::CopyEnv
        | Action::CopyPostman
        | Action::CopyCurl
        | Action::Check
        | Action::Revoke
        | Action::ConfirmRevoke
        | Action::Rename
        | Action::Up
        | Action::Down
        | Action::Remove
        | Action::ExportPlainAsk
        | Action::ExportPlain
        | Action::OpenBackup
        | Action::Unlock
        | Action::VaultOn
        | Action::VaultChange
        | Action::VaultOff
        | Action::ForgetSecretsAsk
        | Action::ForgetSecrets => {}
    }
}

fn on_submit(event: Event) {
    let Some(form) = closest(&event, "form") else {
        return;
    };
    event.prevent_default();
    match form.id().as_str() {
        "custom" => generate::custom(),
        "oauth-client" => oauth::client::save(),
        "oauth-exchange" => oauth::exchange::exchange(false),
        "oauth-bring" => oauth::exchange::bring(),
        "unlock" => spawn_local(crate::ui::unlock::submit()),
        _ => {}
    }
}

fn on_change(event: Event) {
    if closest(&event, "#dc").is_some() {
        data_centre::picked();
    } else if closest(&event, "#client-choice").is_some() {
        oauth::client::picked();
    }
}

fn on_input(event: Event) {
    if closest(&event, "#filter").is_some() {
        list::apply_filter();
    } else if closest(&event, "#oauth-filter").is_some() {
        oauth::rows::apply_filter();
    } else if closest(&event, "#view-oauth input").is_some() {
        if closest(&event, "#oauth-label").is_some() {
            oauth::exchange::app_changed();
        }
        oauth::draft::keep();
    }
}
