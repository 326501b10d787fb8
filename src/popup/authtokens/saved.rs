//! What the user does with a saved token: reveal, copy, forget, and undo.

use super::{list, row};
use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::key;
use crate::popup::{state, status};
use crate::protocol::{Reply, StoreRequest};
use crate::ui::unlock;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// Shows the token in full (once the vault opens it), or masks it again
/// (`button` is the toggle).
pub fn reveal(button: &Element, id: &str) {
    let (Some(token), Some(drawn)) = (state::token(id), list::row(id)) else {
        return;
    };
    let revealed = button.get_attribute("aria-pressed").as_deref() == Some("true");
    if revealed {
        return show(button, &drawn, &token.token.masked(), false);
    }
    let (button, id) = (button.clone(), id.to_string());
    let again: unlock::Again = {
        let button = button.clone();
        Box::new(move || reveal(&button, &id))
    };
    let then: unlock::Then = Box::new(move |open| show(&button, &drawn, open.expose(), true));
    unlock::with_secret(token.storage_key(), token.token.text(), again, then);
}

/// Every token shown in full masked again (the vault was locked).
pub fn mask_all() {
    let pressed = format!(
        "[data-action={}][aria-pressed=true]",
        Action::Reveal.plain_name()
    );
    for button in dom::all(&pressed) {
        let row = button.closest("[data-token-row]").ok().flatten();
        if let Some(id) = row.and_then(|r| r.get_attribute("data-id")) {
            reveal(&button, &id);
        }
    }
}

/// The row's token as `shown` (in full when `revealed`), and its toggle
/// saying what it does next.
fn show(button: &Element, drawn: &Element, shown: &str, revealed: bool) {
    if let Ok(Some(value)) = drawn.query_selector(".token-value") {
        value.set_text_content(Some(shown));
    }
    dom::set_attr(
        button,
        "aria-pressed",
        if revealed { "true" } else { "false" },
    );
    button.set_text_content(Some(&browser::text(
        if revealed { key("hide") } else { key("reveal") },
        &[],
    )));
}

/// Puts the token on the clipboard.
pub fn copy(id: &str) {
    let Some(token) = state::token(id) else {
        return;
    };
    let app = row::app_name(&token).to_string();
    let id = id.to_string();
    let again: unlock::Again = Box::new(move || copy(&id));
    let then: unlock::Then = Box::new(|open| status::copy(open, key("copied"), vec![app]));
    unlock::with_secret(token.storage_key(), token.token.text(), again, then);
}

/// Removes the token from the extension, and offers Undo.
pub fn forget(id: String) {
    let Some(token) = state::token(&id) else {
        return;
    };
    spawn_local(async move {
        match browser::ask(&StoreRequest::Forget { id: id.clone() }).await {
            Some(Reply::Done) => {
                list::hide(&id);
                let app = row::app_name(&token).to_string();
                state::keep_forgotten(token);
                status::with_button(
                    &browser::text(key("forgotten"), &[app]),
                    &browser::text(key("undo"), &[]),
                    Action::Undo,
                );
            }
            other => status::unexpected(other),
        }
    });
}

/// Puts back the token forgotten last.
pub fn undo() {
    let Some(token) = state::take_forgotten() else {
        return;
    };
    let app = row::app_name(&token).to_string();
    spawn_local(async move {
        match browser::ask(&StoreRequest::Restore { token }).await {
            Some(Reply::Saved { token }) => {
                list::show(&token);
                status::info_key(key("restored"), &[app]);
            }
            Some(Reply::Done) => status::info_key(key("restored"), &[app]),
            other => status::unexpected(other),
        }
    });
}
