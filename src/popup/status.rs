//! The live region at the top of the popup: progress, outcomes and problems,
//! with the actions that help.

use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::protocol::{Notice, Reply, Target, UserText};
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;

/// A polite progress or success message.
pub fn info(text: &str) {
    show(text, false, &[], None);
}

/// A polite message by key.
pub fn info_key(key: Key, args: &[String]) {
    info(&browser::text(key, args));
}

/// An error the background sent.
pub fn error(message: &UserText) {
    show(&browser::received(message), true, &[], None);
}

/// The reason of a reply that was not the one expected: the background's own
/// message, or that it did not answer.
pub fn unexpected(reply: Option<Reply>) {
    match reply {
        Some(Reply::Failed { message }) => error(&message),
        _ => error_key(key("errNoBackground")),
    }
}

/// An error by key.
pub fn error_key(key: Key) {
    show(&browser::text(key, &[]), true, &[], None);
}

/// A problem that kept a token from being made, with what the user can do.
pub fn problem(message: &UserText, remedies: &[Remedy], target: &Target) {
    show(&browser::received(message), true, remedies, Some(target));
}

/// News the background kept for the popup.
pub fn show_notice(notice: &Notice) {
    let text = browser::received(&notice.message);
    show(
        &text,
        notice.is_error,
        &notice.remedies,
        notice.target.as_ref(),
    );
}

/// Replaces the status with `text` and, below it, one control per remedy.
/// Errors use `role="alert"` so screen readers announce them at once.
pub fn show(text: &str, is_error: bool, remedies: &[Remedy], target: Option<&Target>) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    dom::set_attr(&status, "role", if is_error { "alert" } else { "status" });
    status.set_class_name(if is_error { "status error" } else { "status" });
    status.set_text_content(None);
    dom::append(&status, &dom::text_element("p", "status-text", text));
    let dc = target.map_or(DataCentre::default(), |t| t.dc);
    let controls = dom::element("div", "status-actions");
    for remedy in remedies {
        dom::append(&controls, &remedy_control(*remedy, dc));
    }
    if !remedies.is_empty() {
        dom::append(&status, &controls);
    }
}

/// Buttons for what the background does (it watches the tab it opens), links
/// for plain Zoho pages.
fn remedy_control(remedy: Remedy, dc: DataCentre) -> web_sys::Element {
    let button = |key: Key, name: &str| {
        let b = dom::button(&browser::text(key, &[]), "remedy");
        dom::set_attr(&b, "data-remedy", name);
        b
    };
    match remedy {
        Remedy::SignIn => button(key("remedySignIn"), "signIn"),
        Remedy::OpenPage => button(key("remedyOpenPage"), "openPage"),
        Remedy::Retry => button(key("remedyRetry"), "retry"),
        Remedy::ActiveTokens => dom::link(
            &browser::text(key("remedyActiveTokens"), &[]),
            &dc.active_tokens_url(),
        ),
        Remedy::SelfClient => dom::link(
            &browser::text(key("remedySelfClient"), &[]),
            &dc.api_console_url(),
        ),
    }
}

/// A message with an action button (Undo after Forget).
pub fn with_button(text: &str, label: &str, action: &str) {
    show(text, false, &[], None);
    if let Some(status) = dom::by_id("status") {
        let controls = dom::element("div", "status-actions");
        dom::append(&controls, &dom::button(label, action));
        dom::append(&status, &controls);
    }
}

/// After "signed out": one button per data centre the browser is signed in to.
pub fn offer_data_centres(elsewhere: &[DataCentre]) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    if elsewhere.is_empty() {
        return;
    }
    let controls = dom::element("div", "status-actions");
    for dc in elsewhere {
        let name = format!(
            "{} · {}",
            dc.plain_name().to_ascii_uppercase(),
            browser::text(dc.name_key(), &[])
        );
        let button = dom::button(&browser::text(key("remedyUseDc"), &[name]), "use-dc");
        dom::set_attr(&button, "data-dc", dc.plain_name());
        dom::append(&controls, &button);
    }
    dom::append(&status, &controls);
}
