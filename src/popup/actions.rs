//! What the popup's controls do. One listener per event type on the document;
//! each control says what it is for with `data-action` (or `data-preset`).

use super::{current_dc, list, problem, row, status, token_row, VIEW};
use crate::browser::{self, dom};
use crate::i18n::{key, UserMessage};
use crate::protocol::{FieldName, Reply, Request, Target};
use crate::zoho::{DataCentre, Preset, TokenRequest};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, Event};

/// Listens to the popup's clicks, submits, changes, input and keys (one listener each, on the document).
pub fn wire() {
    let document = dom::document();
    dom::listen(&document, "click", on_click);
    dom::listen(&document, "submit", on_submit);
    dom::listen(&document, "change", on_change);
    dom::listen(&document, "input", on_input);
    dom::listen(&document, "keydown", on_keydown);
}

/// The element itself or its nearest ancestor matching `selector`.
fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

fn on_click(event: Event) {
    if let Some(preset) = closest(&event, "[data-preset]") {
        let name = preset.get_attribute("data-preset").unwrap_or_default();
        // A user preset carries its scope; a built-in one is looked up.
        let scope = preset
            .get_attribute("data-scope")
            .or_else(|| Preset::find(&name).map(|p| p.scope.to_string()));
        if let Some(scope) = scope {
            generate(Target {
                display_name: name,
                scope,
                dc: current_dc(),
            });
        }
        return;
    }
    let Some(control) = closest(&event, "[data-action]") else {
        return;
    };
    let action = control.get_attribute("data-action").unwrap_or_default();
    let id = control
        .closest("[data-token-row]")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("data-id"))
        .unwrap_or_default();
    match action.as_str() {
        "reveal" => reveal(&control, &id),
        "copy" => copy(&id),
        "forget" => forget(id),
        "undo" => undo(),
        "remedy" => remedy(&control.get_attribute("data-remedy").unwrap_or_default()),
        "options" => spawn_local(browser::open_options()),
        "use-dc" => use_data_centre(&control.get_attribute("data-dc").unwrap_or_default()),
        _ => {}
    }
}

fn on_submit(event: Event) {
    if closest(&event, "#custom").is_none() {
        return;
    }
    event.prevent_default();
    let (name, scope) = (dom::value("custom-name"), dom::value("custom-scope"));
    show_field_errors(&[]);
    match TokenRequest::new(&name, &scope) {
        Ok(request) => generate(Target {
            display_name: request.display_name().to_string(),
            scope: request.scope().to_string(),
            dc: current_dc(),
        }),
        Err(errors) => {
            let errors: Vec<_> = errors
                .iter()
                .map(|e| {
                    (
                        FieldName::from(e.field()),
                        browser::text(e.message().key, &e.message().args),
                    )
                })
                .collect();
            show_field_errors(&errors);
        }
    }
}

fn on_change(event: Event) {
    if closest(&event, "#dc").is_none() {
        return;
    }
    let Some(dc) = DataCentre::from_plain_name(&dom::value("dc")) else {
        return;
    };
    VIEW.with(|v| v.borrow_mut().dc = dc);
    spawn_local(async move {
        if let Some(Reply::Failed { message }) = browser::ask(&Request::SetDataCentre { dc }).await
        {
            status::error(&message);
        }
    });
}

/// Arrow keys, Home and End move between saved tokens (to the same control in
/// the next row); Escape closes the custom form. (Escape in the filter needs
/// nothing here: a `type=search` field clears itself, and its `input` event
/// shows every row again.)
fn on_keydown(event: Event) {
    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>().map(|e| e.key()) else {
        return;
    };
    if key == "Escape" {
        if let Some(details) = closest(&event, "details.custom") {
            let _ = details.remove_attribute("open");
            if let Some(summary) = details.query_selector("summary").ok().flatten() {
                focus(&summary);
            }
            event.prevent_default();
        }
        return;
    }
    let Some(row) = closest(&event, "[data-token-row]") else {
        return;
    };
    let rows: Vec<Element> = dom::all("[data-token-row]:not([hidden])");
    let Some(at) = rows.iter().position(|r| *r == row) else {
        return;
    };
    let to = match key.as_str() {
        "ArrowDown" => (at + 1).min(rows.len() - 1),
        "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => rows.len() - 1,
        _ => return,
    };
    event.prevent_default();
    let action = closest(&event, "[data-action], a").and_then(|c| {
        c.get_attribute("data-action")
            .or_else(|| Some("manage".into()))
    });
    let target = &rows[to];
    let same = match action.as_deref() {
        Some("manage") => target.query_selector(".token-actions a").ok().flatten(),
        Some(action) => target
            .query_selector(&format!("[data-action={action}]"))
            .ok()
            .flatten(),
        None => None,
    };
    focus(same.as_ref().unwrap_or(target));
}

fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

fn on_input(event: Event) {
    if closest(&event, "#filter").is_some() {
        list::apply_filter();
    }
}

fn show_field_errors(errors: &[(FieldName, String)]) {
    for (field, id, input) in [
        (FieldName::Name, "custom-name-error", "custom-name"),
        (FieldName::Scope, "custom-scope-error", "custom-scope"),
    ] {
        let text = errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t.as_str());
        if let Some(el) = dom::by_id(id) {
            el.set_text_content(text);
        }
        if let Some(el) = dom::by_id(input) {
            dom::set_attr(
                &el,
                "aria-invalid",
                if text.is_some() { "true" } else { "false" },
            );
        }
    }
}

/// Marks the controls that started a request as busy while it runs.
fn set_busy(target: &Target, busy: bool) {
    let selector = format!(
        "[data-preset=\"{}\"]",
        target.display_name.replace(['"', '\\'], "")
    );
    let mut controls = dom::all(&selector);
    controls.extend(dom::all("#custom button[type=submit]"));
    for control in controls {
        dom::set_attr(&control, "aria-busy", if busy { "true" } else { "false" });
    }
}

fn generate(target: Target) {
    spawn_local(async move {
        // Users know presets by the application's name.
        let label = Preset::app_name(&target.display_name).to_string();
        let reply = browser::ask(&Request::Generate(target.clone()));
        set_busy(&target, true);
        status::info_key(key("generating"), std::slice::from_ref(&label));
        let reply = reply.await;
        set_busy(&target, false);
        match reply {
            Some(Reply::Saved { token }) => {
                list::show(&token);
                status::info_key(key("tokenSaved"), std::slice::from_ref(&label));
                if let Some(row) = row(&token.id) {
                    let _ = row.class_list().add_1("fresh");
                }
            }
            Some(Reply::Invalid { errors }) => {
                let errors: Vec<_> = errors
                    .iter()
                    .map(|e| (e.field, browser::received(&e.message)))
                    .collect();
                show_field_errors(&errors);
                status::error_key(key("errCheckFields"));
            }
            Some(Reply::Problem {
                message,
                remedies,
                elsewhere,
            }) => {
                problem::about(Some(target.clone()));
                status::problem(&message, &remedies, &target);
                status::offer_data_centres(&elsewhere);
            }
            Some(Reply::Busy) => {
                status::info_key(key("alreadyGenerating"), std::slice::from_ref(&label))
            }
            Some(Reply::TabOpened { message }) => status::info(&browser::received(&message)),
            Some(Reply::Failed { message }) => status::error(&message),
            // The background stopped before answering: the next popup tells what happened.
            _ => status::error_key(key("errInterrupted")),
        }
    });
}

fn reveal(button: &Element, id: &str) {
    let Some(token) = VIEW.with(|v| v.borrow().list.find(id).cloned()) else {
        return;
    };
    let Some(row) = row(id) else { return };
    let revealed = button.get_attribute("aria-pressed").as_deref() == Some("true");
    let shown = if revealed {
        token.token.masked()
    } else {
        token.token.expose().to_string()
    };
    if let Ok(Some(value)) = row.query_selector(".token-value") {
        value.set_text_content(Some(&shown));
    }
    dom::set_attr(
        button,
        "aria-pressed",
        if revealed { "false" } else { "true" },
    );
    button.set_text_content(Some(&browser::text(
        if revealed { key("reveal") } else { key("hide") },
        &[],
    )));
}

fn copy(id: &str) {
    let Some(token) = VIEW.with(|v| v.borrow().list.find(id).cloned()) else {
        return;
    };
    let app = token_row::app_name(&token).to_string();
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return status::error_key(key("copyFailed"));
    };
    let promise = clipboard.write_text(token.token.expose());
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status::info_key(key("copied"), &[app]),
            Err(_) => status::error_key(key("copyFailed")),
        }
    });
}

fn forget(id: String) {
    let Some(token) = VIEW.with(|v| v.borrow().list.find(&id).cloned()) else {
        return;
    };
    spawn_local(async move {
        match browser::ask(&Request::Forget { id: id.clone() }).await {
            Some(Reply::Done) => {
                list::hide(&id);
                let app = token_row::app_name(&token).to_string();
                VIEW.with(|v| v.borrow_mut().forgotten = Some(token));
                status::with_button(
                    &browser::text(key("forgotten"), &[app]),
                    &browser::text(key("undo"), &[]),
                    "undo",
                );
            }
            other => status::unexpected(other),
        }
    });
}

fn undo() {
    let Some(token) = VIEW.with(|v| v.borrow_mut().forgotten.take()) else {
        return;
    };
    let app = token_row::app_name(&token).to_string();
    spawn_local(async move {
        match browser::ask(&Request::Restore { token }).await {
            Some(Reply::Saved { token }) => {
                list::show(&token);
                status::info_key(key("restored"), &[app]);
            }
            Some(Reply::Done) => status::info_key(key("restored"), &[app]),
            other => status::unexpected(other),
        }
    });
}

/// Switches to a data centre the user is signed in to, and tries again there.
fn use_data_centre(code: &str) {
    let (Some(dc), Some(target)) = (DataCentre::from_plain_name(code), problem::target()) else {
        return;
    };
    super::render_data_centres(dc);
    spawn_local(async move {
        let _ = browser::ask(&Request::SetDataCentre { dc }).await;
    });
    generate(Target { dc, ..target });
}

fn remedy(which: &str) {
    let Some(target) = problem::target() else {
        return;
    };
    let request = match which {
        "signIn" => Request::SignIn(target),
        "openPage" => Request::OpenPage(target),
        "retry" => return generate(target),
        _ => return,
    };
    spawn_local(async move {
        match browser::ask(&request).await {
            Some(Reply::TabOpened { message }) => status::info(&browser::received(&message)),
            other => status::unexpected(other),
        }
    });
}
