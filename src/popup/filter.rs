//! The lists' filters: of a list's rows, those whose text holds what is typed
//! (any case) stay shown, so a row is found by any word it shows (an
//! authtoken's application and scope; a refresh token's application, client,
//! scopes and data centre).

use crate::browser::dom;

/// Shows the rows `rows` (a selector) whose text holds the text of the
/// input `input`, hides the others, and says so (`no_match`) when none does
/// of a list that has some (`any`).
pub fn apply(input: &str, rows: &str, no_match: &str, any: bool) {
    // JavaScript's lower-casing and search: no Unicode tables and no substring
    // searcher in the Wasm (the searcher's failure paths alone bring ~5 KB).
    let needle = String::from(js_sys::JsString::from(dom::value(input).trim()).to_lower_case());
    let no_match = dom::by_id(no_match);
    if needle.is_empty() {
        // Nothing to match: only rows an earlier filter hid need touching (this
        // runs on every row the background adds, and a list can be long).
        for row in dom::all(&format!("{rows}[hidden]")) {
            dom::set_hidden(&row, false);
        }
        if let Some(none) = no_match {
            dom::set_hidden(&none, true);
        }
        return;
    }
    let mut shown = 0;
    for row in dom::all(rows) {
        let visible = dom::text_js(&row).to_lower_case().includes(&needle, 0);
        dom::set_hidden(&row, !visible);
        shown += usize::from(visible);
    }
    if let Some(none) = no_match {
        dom::set_hidden(&none, !(any && shown == 0));
    }
}
