//! The popup's status messages: progress, outcomes and problems, with the
//! controls that help (on the shared status region, `ui::status`).

use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::protocol::{Notice, Reply, StoreRequest, UserText};
use crate::ui::{data_centres, status};
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;

pub use status::{error, unexpected};

/// A polite progress or success message by key.
pub fn info_key(key: Key, args: &[String]) {
    status::show_key(key, args, false);
}

/// A polite message the background sent.
pub fn info(message: &UserText) {
    status::show(&browser::received(message), false);
}

/// An error by key.
pub fn error_key(key: Key) {
    status::show_key(key, &[], true);
}

/// A message about a problem (or news of one), with one control per remedy:
/// buttons for what the background does (it watches the tab it opens), links
/// for plain Zoho pages on `dc`.
pub fn with_remedies(message: &UserText, is_error: bool, remedies: &[Remedy], dc: DataCentre) {
    status::show(&browser::received(message), is_error);
    status::add_controls(remedies.iter().map(|remedy| remedy_control(*remedy, dc)));
}

/// News the background kept for the popup.
pub fn show_notice(notice: &Notice) {
    let dc = notice
        .target
        .as_ref()
        .map_or(DataCentre::default(), |t| t.dc);
    with_remedies(&notice.message, notice.is_error, &notice.remedies, dc);
}

fn remedy_control(remedy: Remedy, dc: DataCentre) -> web_sys::Element {
    let button = |label: Key| {
        let b = dom::button(&browser::text(label, &[]), Action::Remedy);
        dom::set_attr(&b, "data-remedy", remedy.plain_name());
        b
    };
    match remedy {
        Remedy::SignIn => button(key("remedySignIn")),
        Remedy::OpenPage => button(key("remedyOpenPage")),
        Remedy::Retry => button(key("remedyRetry")),
        Remedy::ActiveTokens => dom::link(
            &browser::text(key("remedyActiveTokens"), &[]),
            &dc.active_tokens_url(),
        ),
        // The OAuth view, with the problem's application filled in.
        Remedy::SelfClient => {
            dom::button(&browser::text(key("remedySelfClient"), &[]), Action::OAuth)
        }
        Remedy::ApiConsole => dom::link(
            &browser::text(key("remedyApiConsole"), &[]),
            &dc.api_console_url(),
        ),
    }
}

/// Puts `secret` on the clipboard, then says so with `done` (and `args`):
/// one task for every copy of a secret. The background then clears it from
/// the clipboard after the time the user chose, if any (it keeps only a
/// digest); when it no longer may, it says so.
pub fn copy(secret: crate::oauth::Secret, done: Key, args: Vec<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        if copy_and_say(secret.expose(), done, &args).await {
            let copied = StoreRequest::Copied { secret };
            if let Some(Reply::Failed { message }) = browser::ask(&copied).await {
                status::show(&browser::received(&message), true);
            }
        }
    });
}

/// Puts `text` on the clipboard, then says so with `done` (and `args`), or
/// that the browser refused; whether it took it.
pub async fn copy_and_say(text: &str, done: Key, args: &[String]) -> bool {
    let copied = browser::copy_text(text).await;
    if copied {
        info_key(done, args);
    } else {
        error_key(key("copyFailed"));
    }
    copied
}

/// A message with one action button (Undo after Forget).
pub fn with_button(text: &str, label: &str, action: Action) {
    status::show(text, false);
    status::add_controls([dom::button(label, action)]);
}

/// One button per data centre worth trying instead (signed in there, or a
/// client saved there), labelled by `label`, each doing `action` with its `data-dc`.
pub fn offer_data_centres(elsewhere: &[DataCentre], label: Key, action: Action) {
    status::add_controls(elsewhere.iter().map(|dc| {
        let text = browser::text(label, &[data_centres::label(*dc)]);
        let button = dom::button(&text, action);
        dom::set_attr(&button, "data-dc", dc.plain_name());
        button
    }));
}
