//! What the OAuth view had when the popup closed (it closes whenever the user
//! goes to the console tab): the view shown and the fields typed, kept in
//! `storage.session` by the background, put back when the popup opens. The
//! grant code and the client secret are never part of it: no secret is kept
//! that the user has not chosen to save.

use crate::browser::{self, dom, session};
use crate::popup::views;
use crate::protocol::{Draft, StoreRequest};
use crate::store::keys::DRAFT_KEY;

/// The fields kept, by input id.
const FIELDS: [&str; 3] = ["client-id", "oauth-label", "oauth-scopes"];

/// The select that chooses the Self Client (step 2). The client the user
/// chose (or just saved) is its `data-chosen`, kept while its options are
/// drawn again (`client::show`).
pub const CLIENT_CHOICE: &str = "client-choice";

/// Keeps the view shown and the fields as they are now.
pub fn keep() {
    let [client_id, label, scopes] = FIELDS.map(dom::value);
    let view = dom::all("[role=tab][aria-selected=true]")
        .first()
        .and_then(|tab| tab.get_attribute("data-view"))
        .unwrap_or_default();
    let chosen = dom::value(CLIENT_CHOICE);
    let draft = Draft {
        view,
        client_id,
        label,
        scopes,
        client: (!chosen.is_empty()).then_some(chosen),
    };
    // Sent now; the answer matters to nobody.
    drop(browser::ask(&StoreRequest::KeepDraft(draft)));
}

/// Puts the last draft back, if there is one; `true` when it chose a Self
/// Client (the view is then drawn again).
pub async fn restore() -> bool {
    let Some(draft) = session::get::<Draft>(DRAFT_KEY).await else {
        return false;
    };
    let values = [&draft.client_id, &draft.label, &draft.scopes];
    for (id, value) in FIELDS.into_iter().zip(values) {
        if dom::value(id).is_empty() {
            dom::set_value(id, value);
        }
    }
    views::show(&draft.view);
    super::rows::show_if_waiting();
    let choice = (&draft.client, dom::by_id(CLIENT_CHOICE));
    let (Some(id), Some(select)) = choice else {
        return false;
    };
    dom::set_attr(&select, "data-chosen", id);
    true
}
