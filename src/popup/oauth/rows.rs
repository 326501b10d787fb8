//! The saved OAuth tokens: one compact row each (`data-oauth-row`), with Copy
//! access token, Copy refresh token, Copy for a script, Revoke (confirmed
//! first: it cannot be undone) and Forget (with Undo).

use super::{check, copies};
use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::popup::{state, status};
use crate::protocol::{Reply, StoreRequest, ZohoRequest};
use crate::store::oauth::OAuthToken;
use crate::ui::unlock;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

thread_local! {
    /// The rows wait to be drawn until the OAuth view is first shown.
    static WAITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The access tokens kept for the rows are read once, as they are first
    /// drawn; then each change comes from `storage.onChanged`.
    static READ_LIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// As the popup opens: draws the rows if the OAuth view shows, else leaves
/// them for when it does ([`show_if_waiting`]). 300 rows drawn before ready
/// cost the popup 59–80 ms (the bench's `oauth` part).
pub fn show_when_seen() {
    let hidden = dom::by_id("view-oauth").is_some_and(|view| view.has_attribute("hidden"));
    if hidden {
        WAITING.set(true);
    } else {
        show();
    }
}

/// The OAuth view was shown: the rows left for it drawn, once.
pub fn show_if_waiting() {
    if WAITING.replace(false) {
        show();
    }
}

/// Draws every saved OAuth token, newest first.
pub fn show() {
    WAITING.set(false);
    let Some(list) = dom::by_id("oauth-tokens") else {
        return;
    };
    // What each row says of its access token is kept for its new row.
    let places: Vec<(String, Element)> = dom::all("[data-access]")
        .into_iter()
        .filter_map(|place| Some((place.parent_element()?.get_attribute("data-id")?, place)))
        .collect();
    list.set_text_content(None);
    let tokens = state::with_oauth(|oauth| oauth.tokens().to_vec());
    for token in &tokens {
        let kept = places.iter().find(|(id, _)| *id == token.id);
        let place = kept.map_or_else(check::place, |(_, place)| place.clone());
        dom::append(&list, &row(token, &place));
    }
    if !READ_LIVE.replace(true) {
        check::read_live(tokens.iter().map(|t| t.id.clone()));
    }
    if let Some(empty) = dom::by_id("oauth-empty") {
        dom::set_hidden(&empty, !tokens.is_empty());
    }
    if let Some(filter) = dom::by_id("oauth-filter-box") {
        dom::set_hidden(&filter, tokens.is_empty());
    }
    apply_filter();
    // Entries this version cannot read are kept untouched, and said so.
    let unreadable = state::with_oauth(|oauth| oauth.unreadable().len());
    if let Some(note) = dom::by_id("oauth-unreadable") {
        let count = [unreadable.to_string()];
        note.set_text_content(Some(&browser::text(key("unreadableRecords"), &count)));
        dom::set_hidden(&note, unreadable == 0);
    }
}

/// The OAuth list's filter: by application, client, scope or data centre,
/// whatever a row shows.
pub fn apply_filter() {
    let any = state::with_oauth(|oauth| !oauth.tokens().is_empty());
    crate::popup::filter::apply("oauth-filter", "[data-oauth-row]", "oauth-no-match", any);
}

/// Shows a record just saved (or restored) in its place, unless the storage
/// change brought it first.
pub fn put(token: OAuthToken) {
    if state::with_oauth(|oauth| oauth.find(&token.id) == Some(&token)) {
        return;
    }
    state::change_oauth(|oauth| oauth.put(token));
    show();
}

/// Takes a record off the screen, unless the storage change did first.
pub fn hide(id: &str) {
    if state::change_oauth(|oauth| oauth.remove(id)).is_some() {
        show();
    }
}

fn row(token: &OAuthToken, access: &Element) -> Element {
    let row = dom::element("li", "token-row");
    dom::set_attr(&row, "data-oauth-row", "");
    dom::set_attr(&row, "data-id", &token.id);
    dom::set_attr(&row, "tabindex", "-1");
    let head = dom::element("div", "token-head");
    dom::append(&head, &dom::text_element("span", "token-app", &token.label));
    dom::append(
        &head,
        &dom::text_element(
            "span",
            "token-name",
            &token.dc.plain_name().to_ascii_uppercase(),
        ),
    );
    dom::append(&row, &head);
    // The client it belongs to, by its label where it has one.
    let client = state::with_oauth(|oauth| {
        let client = oauth.client(token.dc, &token.client_id);
        client.map_or(token.client_id.clone(), |c| c.name().to_string())
    });
    let owner = dom::text_element("span", "token-client", &client);
    dom::set_attr(&owner, "data-client", &token.client_id);
    dom::append(&row, &owner);
    dom::append(
        &row,
        &dom::text_element("span", "token-details", &token.scopes),
    );
    if token.rejected.is_some() {
        dom::append(
            &row,
            &dom::text_element(
                "p",
                "oauth-rejected",
                &browser::text(key("oauthRejected"), &[]),
            ),
        );
    }
    // The live access token, the mints left, and the last Check (`check`).
    dom::append(&row, access);
    let actions = dom::element("div", "token-actions");
    for (label, action) in [
        (key("check"), Action::Check),
        (key("copyAccessToken"), Action::CopyAccessToken),
        (key("copyRefreshToken"), Action::CopyRefreshToken),
        (key("copyEnv"), Action::CopyEnv),
        (key("copyPostman"), Action::CopyPostman),
        (key("copyCurl"), Action::CopyCurl),
        (key("revoke"), Action::Revoke),
        (key("forget"), Action::Forget),
    ] {
        dom::append(&actions, &button(label, action, &token.label));
    }
    dom::append(&row, &actions);
    row
}

/// A row's button: its text, and an accessible name that says which token.
fn button(label: Key, action: Action, app: &str) -> Element {
    let text = browser::text(label, &[]);
    let button = dom::button(&text, action);
    let name = browser::text(key("actionFor"), &[text, app.to_string()]);
    dom::set_attr(&button, "aria-label", &name);
    button
}

/// What a row's button asks, for the token `id`.
pub fn act(action: Action, id: &str) {
    let Some(token) = state::with_oauth(|oauth| oauth.find(id).cloned()) else {
        return;
    };
    let again = again(action, id);
    match action {
        Action::Check => check::check(token, again),
        Action::CopyAccessToken => copies::access(token, false, again),
        Action::CopyCurl => copies::access(token, true, again),
        Action::CopyRefreshToken => copies::refresh(token, again),
        Action::CopyEnv => copies::script(token, again),
        Action::CopyPostman => copies::postman(token, again),
        Action::Revoke => ask_to_revoke(&token),
        Action::ConfirmRevoke => revoke(token),
        Action::Forget => forget(token),
        // Not a row's.
        _ => {}
    }
}

/// `action` done again for the token `id`, once the vault opens.
fn again(action: Action, id: &str) -> unlock::Again {
    let id = id.to_string();
    Box::new(move || act(action, &id))
}

/// Revoking cannot be undone: the row asks first, with its own button.
fn ask_to_revoke(token: &OAuthToken) {
    let Some(row) = dom::row("[data-oauth-row]", &token.id) else {
        return;
    };
    if row
        .query_selector(&format!(
            "[data-action={}]",
            Action::ConfirmRevoke.plain_name()
        ))
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let ask = dom::element("div", "status-actions");
    dom::append(
        &ask,
        &dom::text_element(
            "span",
            "hint",
            &browser::text(key("confirmRevokeAsk"), std::slice::from_ref(&token.label)),
        ),
    );
    let confirm = button(key("confirmRevoke"), Action::ConfirmRevoke, &token.label);
    dom::append(&ask, &confirm);
    dom::append(&row, &ask);
    dom::focus_element(&confirm);
}

fn revoke(token: OAuthToken) {
    spawn_local(async move {
        let reply = browser::ask(&ZohoRequest::Revoke {
            id: token.id.clone(),
        })
        .await;
        if unlock::locked(&reply, again(Action::ConfirmRevoke, &token.id)) {
            return;
        }
        match reply {
            Some(Reply::Done) => {
                hide(&token.id);
                status::info_key(key("revoked"), &[token.label]);
            }
            Some(Reply::Problem {
                message, remedies, ..
            }) => {
                show();
                status::with_remedies(&message, true, &remedies, token.dc);
            }
            other => status::unexpected(other),
        }
    });
}

fn forget(token: OAuthToken) {
    spawn_local(async move {
        match browser::ask(&StoreRequest::ForgetOAuth {
            id: token.id.clone(),
        })
        .await
        {
            Some(Reply::Done) => {
                hide(&token.id);
                let app = token.label.clone();
                state::keep_forgotten_oauth(token);
                status::with_button(
                    &browser::text(key("oauthForgotten"), &[app]),
                    &browser::text(key("undo"), &[]),
                    Action::UndoOAuth,
                );
            }
            other => status::unexpected(other),
        }
    });
}

/// Puts back the OAuth token forgotten last.
pub fn undo() {
    let Some(token) = state::take_forgotten_oauth() else {
        return;
    };
    let app = token.label.clone();
    spawn_local(async move {
        match browser::ask(&StoreRequest::RestoreOAuth { token }).await {
            Some(Reply::OAuthSaved { token }) => {
                put(token);
                status::info_key(key("restored"), &[app]);
            }
            Some(Reply::Done) => status::info_key(key("restored"), &[app]),
            other => status::unexpected(other),
        }
    });
}
