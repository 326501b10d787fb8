//! News for the popup from work it did not see finish (a Zoho tab, a stopped
//! background): kept in `storage.session` and shown when the popup next opens,
//! with the toolbar badge meanwhile.

use super::flight;
use crate::browser::{self, session};
use crate::i18n::{key, Message};
use crate::plain::Decode;
use crate::protocol::Notice;
use crate::store::keys::NOTICE_KEY;
use crate::zoho::verdict::Remedy;

/// Leaves news for the popup: it shows it when next opened (or at once, since
/// an open popup re-reads state when storage changes).
pub async fn notify(notice: Notice) {
    let _ = browser::set_badge(if notice.is_error { "!" } else { "1" }).await;
    // Unwritten, the news is lost, but nothing else is: a saved token is in the
    // list, and the badge still tells the user to look.
    let _ = session::set(NOTICE_KEY, &notice).await;
}

/// The news since the popup last looked, once, from the session area's
/// `session` entries (one read for both kinds of news, and the vault's key:
/// this answers the popup's first message, often on a background that has
/// just started).
pub fn take(session: &[(String, wasm_bindgen::JsValue)]) -> Option<Notice> {
    let notice = session
        .iter()
        .find(|(key, _)| key == NOTICE_KEY)
        .and_then(|(_, value)| Notice::decode(value));
    if let Some(notice) = notice {
        session::remove(NOTICE_KEY);
        return Some(notice);
    }
    let target = flight::take_interrupted(session)?;
    // Said with the way to check at Zoho.
    Some(Notice {
        message: Message::with(key("interrupted"), [target.display_name.clone()]).into(),
        is_error: true,
        remedies: vec![Remedy::ActiveTokens, Remedy::Retry],
        target: Some(target),
    })
}
