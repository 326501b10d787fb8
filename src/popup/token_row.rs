//! One saved token in the list.

use crate::browser::{self, dom};
use crate::store::SavedToken;
use crate::zoho::Preset;
use web_sys::Element;

pub fn render(token: &SavedToken) -> Element {
    let row = dom::element("li", "token-row");
    dom::set_attr(&row, "data-token-row", "");
    dom::set_attr(&row, "data-id", &token.id);
    dom::set_attr(&row, "tabindex", "-1");
    let app = app_name(token);
    let head = dom::element("div", "token-head");
    dom::append(&head, &dom::text_element("span", "token-app", app));
    dom::append(
        &head,
        &dom::text_element("span", "token-name", &token.display_name),
    );
    dom::append(&row, &head);
    let details = format!(
        "{} · {} · {}",
        token.scope,
        token.dc.code().to_ascii_uppercase(),
        created_text(token.created)
    );
    dom::append(&row, &dom::text_element("span", "token-details", &details));
    dom::append(
        &row,
        &dom::text_element("code", "token-value", &token.token.masked()),
    );

    let actions = dom::element("div", "token-actions");
    let reveal = dom::button(&browser::text("reveal", &[]), "reveal");
    dom::set_attr(&reveal, "aria-pressed", "false");
    labelled(&reveal, "revealFor", app);
    let copy = dom::button(&browser::text("copy", &[]), "copy");
    labelled(&copy, "copyFor", app);
    let forget = dom::button(&browser::text("forget", &[]), "forget");
    labelled(&forget, "forgetFor", app);
    let manage = dom::link(
        &browser::text("manageAtZoho", &[]),
        &token.dc.active_tokens_url(),
    );
    for el in [&reveal, &copy, &forget, &manage] {
        dom::append(&actions, el);
    }
    dom::append(&row, &actions);
    row
}

/// The name users know the application by: the preset's, or the `DISPLAY_NAME`.
pub fn app_name(token: &SavedToken) -> &str {
    Preset::app_name_for(&token.display_name).unwrap_or(&token.display_name)
}

/// An accessible name that says which token a button acts on.
fn labelled(button: &Element, key: &str, app: &str) {
    dom::set_attr(
        button,
        "aria-label",
        &browser::text(key, &[app.to_string()]),
    );
}

fn created_text(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_string("default", &options))
}
