//! The user's own presets on the options page: the list with rename, reorder and
//! remove, and the form that adds one. Every change is stored by the background
//! before the list shows it.

use crate::action::Action;
use crate::browser::{self, dom, storage};
use crate::i18n::{key, Key, UserMessage};
use crate::protocol::{Reply, StoreRequest};
use crate::store::{new_id, UserPreset, UserPresets};
use crate::ui::status::{self, show_key as show};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlInputElement};

thread_local! {
    static PRESETS: RefCell<UserPresets> = RefCell::new(UserPresets::default());
}

/// Shows `presets` as the stored list.
pub fn show_list(presets: UserPresets) {
    PRESETS.with(|p| *p.borrow_mut() = presets);
    render_presets();
}

/// Reads the stored list again (after an import added to it).
pub async fn reload() {
    if let Ok(loaded) = storage::load().await {
        show_list(loaded.presets);
    }
}

/// A click on one of a preset row's buttons (`control`, doing `action`).
pub fn on_action(control: &Element, action: Action) {
    let Some(row) = control.closest("[data-user-preset]").ok().flatten() else {
        return;
    };
    let id = row.get_attribute("data-id").unwrap_or_default();
    let mut presets = PRESETS.with(|p| p.borrow().clone());
    let result = match action {
        Action::Rename => {
            let label = row
                .query_selector(".preset-label")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default();
            presets.rename(&id, &label)
        }
        Action::Up => {
            presets.shift(&id, -1);
            Ok(())
        }
        Action::Down => {
            presets.shift(&id, 1);
            Ok(())
        }
        Action::Remove => {
            presets.remove(&id);
            Ok(())
        }
        // Not a preset row's.
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

/// The add form was submitted.
pub fn add_from_form() {
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
        (
            key("presetRename"),
            key("presetRenameFor"),
            Action::Rename,
            false,
        ),
        (key("presetUp"), key("presetUpFor"), Action::Up, first),
        (key("presetDown"), key("presetDownFor"), Action::Down, last),
        (
            key("presetRemove"),
            key("presetRemoveFor"),
            Action::Remove,
            false,
        ),
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

/// Asks the background to store the presets; shows them once stored.
fn save(presets: UserPresets, done_key: Key) {
    spawn_local(async move {
        match browser::ask(&StoreRequest::SavePresets {
            presets: presets.clone(),
        })
        .await
        {
            Some(Reply::Done) => {
                show_list(presets);
                show(done_key, &[], false);
            }
            other => status::unexpected(other),
        }
    });
}
