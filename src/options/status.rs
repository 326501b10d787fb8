//! The options page's live region: what happened, or what went wrong.

use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::protocol::Reply;

/// Shows a message.
pub fn show(key: Key, args: &[String], is_error: bool) {
    show_text(&browser::text(key, args), is_error);
}

/// Shows the reason of a reply that was not the one expected: the background's
/// own message, or that it did not answer.
pub fn unexpected(reply: Option<Reply>) {
    match reply {
        Some(Reply::Failed { message }) => show_text(&browser::received(&message), true),
        _ => show(key("errNoBackground"), &[], true),
    }
}

fn show_text(text: &str, is_error: bool) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    dom::set_attr(&status, "role", if is_error { "alert" } else { "status" });
    status.set_class_name(if is_error { "status error" } else { "status" });
    status.set_text_content(Some(text));
}
