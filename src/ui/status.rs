//! The status region at the top of a page: what happened, or what went wrong.
//! Errors use `role="alert"` so screen readers announce them at once.

use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::protocol::{Reply, UserText};
use web_sys::Element;

/// Replaces the status with `text`; the region, for controls to go below it.
pub fn show(text: &str, is_error: bool) -> Option<Element> {
    let status = dom::by_id("status")?;
    dom::set_attr(&status, "role", if is_error { "alert" } else { "status" });
    status.set_class_name(if is_error { "status error" } else { "status" });
    status.set_text_content(None);
    dom::append(&status, &dom::text_element("p", "status-text", text));
    Some(status)
}

/// A message by key.
pub fn show_key(key: Key, args: &[String], is_error: bool) {
    show(&browser::text(key, args), is_error);
}

/// An error the background sent.
pub fn error(message: &UserText) {
    show(&browser::received(message), true);
}

/// The reason of a reply that was not the one expected: the background's own
/// message, or that it did not answer.
pub fn unexpected(reply: Option<Reply>) {
    match reply {
        Some(Reply::Failed { message }) => error(&message),
        _ => show_key(key("errNoBackground"), &[], true),
    }
}

/// Appends a row of controls below the status text.
pub fn add_controls(controls: impl IntoIterator<Item = Element>) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    let row = dom::element("div", "status-actions");
    let mut any = false;
    for control in controls {
        dom::append(&row, &control);
        any = true;
    }
    if any {
        dom::append(&status, &row);
    }
}
