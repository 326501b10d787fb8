//! The options page: the default data centre, the user's own presets
//! (`presets`), the console's `self_client.json` (`self_client`), the vault
//! (`vault`), clearing the clipboard (`clipboard`), and
//! export/import of everything saved, encrypted by default (`backup`). Like the
//! popup it reads storage itself and asks the background to write. This file
//! starts the page and routes its events.

mod backup;
mod clipboard;
mod presets;
mod self_client;
mod vault;

use crate::action::Action;
use crate::browser::{dom, storage};
use crate::i18n::key;
use crate::ui::{self, data_centres, status::show_key as show};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, Event, HtmlInputElement};

/// Builds the options page; `stored` is the pending `storage.local.get(null)`.
pub async fn start(stored: js_sys::Promise) {
    ui::localise();
    ui::presets::fill_scope_suggestions();
    match storage::load_from(stored).await {
        Ok(loaded) => {
            data_centres::fill(loaded.settings.dc, true);
            clipboard::start(&loaded.settings);
            presets::show_list(loaded.presets);
        }
        Err(_) => show(key("errStorage"), &[], true),
    }
    let document = dom::document();
    dom::listen(&document, "click", on_click);
    dom::listen(&document, "submit", on_submit);
    dom::listen(&document, "change", on_change);
    ui::mark_ready("options-ready");
    vault::start().await;
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The file chosen in a file input.
fn chosen_file(input: &Element) -> Option<web_sys::File> {
    input.dyn_ref::<HtmlInputElement>()?.files()?.get(0)
}

fn on_click(event: Event) {
    let Some(el) = target_element(&event) else {
        return;
    };
    if let Some(control) = el.closest("[data-action]").ok().flatten() {
        let action = control.get_attribute("data-action").unwrap_or_default();
        match Action::from_plain_name(&action) {
            Some(Action::PastCap) => spawn_local(self_client::past_cap()),
            Some(Action::ExportPlainAsk) => spawn_local(backup::ask_plain_export()),
            Some(Action::ExportPlain) => spawn_local(backup::export_plain()),
            Some(Action::Lock) => spawn_local(ui::unlock::lock_now(|| {})),
            Some(Action::ForgetSecretsAsk) => vault::ask_to_forget(),
            Some(Action::ForgetSecrets) => spawn_local(vault::forget_secrets()),
            // The forms' buttons: `on_submit`.
            Some(
                Action::OpenBackup
                | Action::Unlock
                | Action::VaultOn
                | Action::VaultChange
                | Action::VaultOff,
            ) => {}
            Some(action) => presets::on_action(&control, action),
            None => {}
        }
    }
}

fn on_submit(event: Event) {
    let Some(form) = target_element(&event) else {
        return;
    };
    match form.id().as_str() {
        "add-preset" => presets::add_from_form(),
        "export-form" => spawn_local(backup::export_encrypted()),
        "import-unlock" => spawn_local(backup::open_backup()),
        "unlock" => spawn_local(ui::unlock::submit()),
        "vault-on-form" => spawn_local(vault::turn_on()),
        "vault-change-form" => spawn_local(vault::change_passphrase()),
        "vault-off-form" => spawn_local(vault::turn_off()),
        _ => return,
    }
    event.prevent_default();
}

fn on_change(event: Event) {
    let Some(el) = target_element(&event) else {
        return;
    };
    match el.id().as_str() {
        "dc" => spawn_local(data_centres::save_chosen()),
        "self-client-file" => {
            if let Some(file) = chosen_file(&el) {
                spawn_local(self_client::chosen(file));
            }
        }
        "vault-idle" => spawn_local(vault::idle_chosen()),
        "clipboard-clear" => clipboard::switched(),
        "clipboard-time" => spawn_local(clipboard::time_chosen()),
        "import" => {
            if let Some(file) = chosen_file(&el) {
                spawn_local(backup::import_file(file));
            }
        }
        _ => {}
    }
}
