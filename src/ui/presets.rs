//! The preset and scope controls: a preset's button, and the scope
//! suggestions under every scope field.

use crate::browser::dom;
use crate::zoho::preset::KNOWN_SCOPES;
use web_sys::Element;

/// A button that generates a preset: the application's name over the
/// `DISPLAY_NAME`. `scope` is carried for a user's preset; a built-in one is
/// looked up by name.
pub fn button(app: &str, display_name: &str, scope: Option<&str>) -> Element {
    let button = dom::element(
        "button",
        if scope.is_some() {
            "preset user-preset"
        } else {
            "preset"
        },
    );
    dom::set_attr(&button, "type", "button");
    dom::set_attr(&button, "data-preset", display_name);
    if let Some(scope) = scope {
        dom::set_attr(&button, "data-scope", scope);
    }
    dom::append(&button, &dom::text_element("span", "preset-app", app));
    dom::append(
        &button,
        &dom::text_element("span", "preset-name", display_name),
    );
    button
}

/// Fills `<datalist id="scope-suggestions">` with the scopes Zoho's APIs use.
pub fn fill_scope_suggestions() {
    let Some(list) = dom::by_id("scope-suggestions") else {
        return;
    };
    for scope in KNOWN_SCOPES {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", scope);
        dom::append(&list, &option);
    }
}
