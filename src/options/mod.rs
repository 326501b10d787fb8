//! The options page: the default data centre, the user's own presets (add,
//! rename, remove, reorder), and export/import of tokens and presets. Like the
//! popup it reads storage itself and asks the background to write.

use crate::browser::storage;
use crate::browser::{self, dom};
use crate::i18n::{key, Key, UserMessage};
use crate::protocol::{Reply, Request};
use crate::store::export::{self, ImportError};
use crate::store::{new_id, UserPreset, UserPresets};
use crate::zoho::preset::KNOWN_SCOPES;
use crate::zoho::DataCentre;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Element, Event, HtmlInputElement};

thread_local! {
    static PRESETS: RefCell<UserPresets> = RefCell::new(UserPresets::default());
}

pub async fn start(stored: js_sys::Promise) {
    browser::localise_page();
    let suggestions = dom::by_id("scope-suggestions");
    for scope in KNOWN_SCOPES {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", scope);
        if let Some(list) = &suggestions {
            dom::append(list, &option);
        }
    }
    match storage::load_from(stored).await {
        Ok(loaded) => {
            render_data_centres(loaded.settings.dc);
            PRESETS.with(|p| *p.borrow_mut() = loaded.presets);
            render_presets();
        }
        Err(_) => show(key("errStorage"), &[], true),
    }
    let document = dom::document();
    dom::listen(&document, "click", on_click);
    dom::listen(&document, "submit", on_submit);
    dom::listen(&document, "change", on_change);
    if let Some(body) = document.body() {
        dom::set_attr(&body, "data-ready", "true");
    }
}

/// The page's live region.
fn show(key: Key, args: &[String], is_error: bool) {
    show_text(&browser::text(key, args), is_error);
}

fn show_text(text: &str, is_error: bool) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    dom::set_attr(&status, "role", if is_error { "alert" } else { "status" });
    status.set_class_name(if is_error { "status error" } else { "status" });
    status.set_text_content(Some(text));
}

fn render_data_centres(selected: DataCentre) {
    if let Some(select) = dom::by_id("dc") {
        browser::fill_data_centres(&select, selected, true);
    }
}

fn render_presets() {
    let Some(list) = dom::by_id("user-presets") else {
        return;
    };
    list.set_text_content(None);
    let items = PRESETS.with(|p| p.borrow().items.clone());
    for (i, preset) in items.iter().enumerate() {
        dom::append(&list, &preset_row(preset, i == 0, i + 1 == items.len()));
    }
    if let Some(empty) = dom::by_id("presets-empty") {
        dom::set_hidden(&empty, !items.is_empty());
    }
}

fn preset_row(preset: &UserPreset, first: bool, last: bool) -> Element {
    let row = dom::element("li", "preset-row");
    dom::set_attr(&row, "data-user-preset", "");
    dom::set_attr(&row, "data-id", &preset.id);
    let label = dom::element("input", "preset-label");
    dom::set_attr(&label, "value", &preset.label);
    dom::set_attr(
        &label,
        "aria-label",
        &browser::text(
            key("presetLabelFor"),
            std::slice::from_ref(&preset.display_name),
        ),
    );
    dom::append(&row, &label);
    let what = format!("{} · {}", preset.display_name, preset.scope);
    dom::append(&row, &dom::text_element("span", "preset-what", &what));
    let actions = dom::element("div", "token-actions");
    for (label, label_for, action, disabled) in [
        (key("presetRename"), key("presetRenameFor"), "rename", false),
        (key("presetUp"), key("presetUpFor"), "up", first),
        (key("presetDown"), key("presetDownFor"), "down", last),
        (key("presetRemove"), key("presetRemoveFor"), "remove", false),
    ] {
        let button = dom::button(&browser::text(label, &[]), action);
        dom::set_attr(
            &button,
            "aria-label",
            &browser::text(label_for, std::slice::from_ref(&preset.label)),
        );
        if disabled {
            dom::set_attr(&button, "disabled", "");
        }
        dom::append(&actions, &button);
    }
    dom::append(&row, &actions);
    row
}

fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn on_click(event: Event) {
    let Some(el) = target_element(&event) else {
        return;
    };
    if el.id() == "export" {
        spawn_local(export_file());
        return;
    }
    let Some(control) = el.closest("[data-action]").ok().flatten() else {
        return;
    };
    let Some(row) = control.closest("[data-user-preset]").ok().flatten() else {
        return;
    };
    let id = row.get_attribute("data-id").unwrap_or_default();
    let action = control.get_attribute("data-action").unwrap_or_default();
    let mut presets = PRESETS.with(|p| p.borrow().clone());
    let result = match action.as_str() {
        "rename" => {
            let label = row
                .query_selector(".preset-label")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default();
            presets.rename(&id, &label)
        }
        "up" => {
            presets.shift(&id, -1);
            Ok(())
        }
        "down" => {
            presets.shift(&id, 1);
            Ok(())
        }
        "remove" => {
            presets.remove(&id);
            Ok(())
        }
        _ => return,
    };
    match result {
        Ok(()) => save(presets, key("presetsSaved")),
        Err(e) => {
            let message = e.message();
            show(message.key, &message.args, true);
        }
    }
}

fn on_submit(event: Event) {
    let Some(form) = target_element(&event) else {
        return;
    };
    if form.id() != "add-preset" {
        return;
    }
    event.prevent_default();
    let mut presets = PRESETS.with(|p| p.borrow().clone());
    let id = new_id(browser::now_ms(), browser::nonce());
    let added = presets.add(
        id,
        &dom::value("preset-label"),
        &dom::value("preset-name"),
        &dom::value("preset-scope"),
    );
    let error = dom::by_id("preset-error");
    match added {
        Ok(()) => {
            if let Some(error) = &error {
                error.set_text_content(None);
            }
            for id in ["preset-label", "preset-name", "preset-scope"] {
                if let Some(input) =
                    dom::by_id(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                {
                    input.set_value("");
                }
            }
            save(presets, key("presetAdded"));
        }
        Err(e) => {
            let message = e.message();
            if let Some(error) = &error {
                error.set_text_content(Some(&browser::text(message.key, &message.args)));
            }
        }
    }
}

fn on_change(event: Event) {
    let Some(el) = target_element(&event) else {
        return;
    };
    match el.id().as_str() {
        "dc" => {
            let Some(dc) = DataCentre::from_code(&dom::value("dc")) else {
                return;
            };
            spawn_local(async move {
                match browser::ask(&Request::SetDataCentre { dc }).await {
                    Some(Reply::Done) => {
                        show(key("dcSaved"), &[dc.code().to_ascii_uppercase()], false)
                    }
                    _ => show(key("errStorage"), &[], true),
                }
            });
        }
        "import" => {
            let Some(file) = el
                .dyn_ref::<HtmlInputElement>()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            spawn_local(import_file(file));
        }
        _ => {}
    }
}

/// Asks the background to store the presets; shows them once stored.
fn save(presets: UserPresets, done_key: Key) {
    spawn_local(async move {
        match browser::ask(&Request::SavePresets {
            presets: presets.clone(),
        })
        .await
        {
            Some(Reply::Done) => {
                PRESETS.with(|p| *p.borrow_mut() = presets);
                render_presets();
                show(done_key, &[], false);
            }
            Some(Reply::Failed { message }) => show_text(&browser::received(&message), true),
            _ => show(key("errNoBackground"), &[], true),
        }
    });
}

/// Writes the saved tokens and presets to a JSON file the browser downloads.
async fn export_file() {
    let Ok(loaded) = storage::load().await else {
        return show(key("errStorage"), &[], true);
    };
    let file = export::build(&loaded.tokens, &loaded.presets, browser::now_ms());
    let Ok(json) = js_sys::JSON::stringify_with_replacer_and_space(
        &browser::to_js(&file),
        &JsValue::NULL,
        &JsValue::from(2),
    ) else {
        return show(key("errStorage"), &[], true);
    };
    let parts = js_sys::Array::of1(&json);
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind) else {
        return show(key("errStorage"), &[], true);
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return show(key("errStorage"), &[], true);
    };
    let Some(link) = dom::by_id("export-link") else {
        return;
    };
    let date = String::from(js_sys::Date::new_0().to_iso_string());
    dom::set_attr(&link, "href", &url);
    dom::set_attr(
        &link,
        "download",
        &format!("authtoken-keeper-{}.json", &date[..10]),
    );
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    show(
        key("exported"),
        &[
            file.tokens.len().to_string(),
            file.presets.len().to_string(),
        ],
        false,
    );
}

/// Reads a chosen file; a file that is not a whole, intact export changes nothing.
async fn import_file(file: web_sys::File) {
    // A File's size is a whole number of bytes, well within u64.
    if let Err(too_large) = export::check_size(file.size() as u64) {
        return import_failed(too_large);
    }
    let Ok(text) = JsFuture::from(file.text()).await else {
        return import_failed(ImportError::NotAnExport);
    };
    let Ok(value) = js_sys::JSON::parse(&text.as_string().unwrap_or_default()) else {
        return import_failed(ImportError::NotAnExport);
    };
    let file = match export::read(&value) {
        Ok(file) => file,
        Err(e) => return import_failed(e),
    };
    match browser::ask(&Request::Import { file }).await {
        Some(Reply::Imported {
            added,
            skipped,
            presets_added,
        }) => {
            if let Ok(loaded) = storage::load().await {
                PRESETS.with(|p| *p.borrow_mut() = loaded.presets);
                render_presets();
            }
            show(
                key("imported"),
                &[
                    added.to_string(),
                    skipped.to_string(),
                    presets_added.to_string(),
                ],
                false,
            );
        }
        Some(Reply::Failed { message }) => show_text(&browser::received(&message), true),
        _ => show(key("errNoBackground"), &[], true),
    }
    reset_file_input();
}

fn import_failed(error: ImportError) {
    let message = error.message();
    show(message.key, &message.args, true);
    reset_file_input();
}

fn reset_file_input() {
    if let Some(input) = dom::by_id("import").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value("");
    }
}
