//! The popup's two views, Authtokens and OAuth, behind a tab control
//! (`data-view`): one shown at a time, arrow keys move between the tabs.

use crate::browser::dom;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The views, in tab order: each tab's `data-view` and its panel's id.
const VIEWS: [(&str, &str); 2] = [("authtokens", "view-authtokens"), ("oauth", "view-oauth")];

/// Shows the view named `name` (`authtokens` or `oauth`); others are hidden.
pub fn show(name: &str) {
    if !VIEWS.iter().any(|(view, _)| *view == name) {
        return;
    }
    for (view, panel) in VIEWS {
        let selected = view == name;
        for tab in dom::all(&format!("[role=tab][data-view={view}]")) {
            dom::set_attr(
                &tab,
                "aria-selected",
                if selected { "true" } else { "false" },
            );
            dom::set_attr(&tab, "tabindex", if selected { "0" } else { "-1" });
        }
        if let Some(panel) = dom::by_id(panel) {
            dom::set_hidden(&panel, !selected);
        }
    }
}

/// Left and right arrows, Home and End on a tab: the tab beside it, shown and focused.
pub fn arrow(tab: &Element, key: &str) -> bool {
    let Some(at) = VIEWS
        .iter()
        .position(|(view, _)| tab.get_attribute("data-view").as_deref() == Some(view))
    else {
        return false;
    };
    let to = match key {
        "ArrowRight" => (at + 1) % VIEWS.len(),
        "ArrowLeft" => (at + VIEWS.len() - 1) % VIEWS.len(),
        "Home" => 0,
        "End" => VIEWS.len() - 1,
        _ => return false,
    };
    let name = VIEWS[to].0;
    show(name);
    if let Some(next) = dom::all(&format!("[role=tab][data-view={name}]")).first() {
        if let Some(next) = next.dyn_ref::<HtmlElement>() {
            let _ = next.focus();
        }
    }
    true
}
