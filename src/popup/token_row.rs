//! One saved token in the list.

use crate::browser::{self, dom};
use crate::store::SavedToken;
use crate::zoho::Preset;
use web_sys::Element;

pub fn render(token: &SavedToken) -> Element {
    let row = dom::element("li", "token-row");
    dom::set_attr(&row, "data-token-row", "");
    dom::set_attr(&row, "data-id", &token.id);
    let app = Preset::app_name_for(&token.display_name).unwrap_or(&token.display_name);
    let _ = row.append_child(&dom::text_element("span", "token-app", app));
    let _ = row.append_child(&dom::text_element(
        "span",
        "token-name",
        &token.display_name,
    ));
    let details = format!(
        "{} · {} · {}",
        token.scope,
        token.dc.code().to_uppercase(),
        created_text(token.created)
    );
    let _ = row.append_child(&dom::text_element("span", "token-details", &details));
    let _ = row.append_child(&dom::text_element(
        "code",
        "token-value",
        &token.token.masked(),
    ));
    let link = dom::text_element("a", "token-manage", &browser::text("manageAtZoho", &[]));
    dom::set_attr(&link, "href", &token.dc.active_tokens_url());
    dom::set_attr(&link, "target", "_blank");
    dom::set_attr(&link, "rel", "noreferrer");
    let _ = row.append_child(&link);
    row
}

fn created_text(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
