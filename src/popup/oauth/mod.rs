//! The OAuth view: the Self Clients of the chosen data centre (`client`), the
//! scopes and the grant code to exchange (`exchange`), and the saved refresh
//! tokens (`rows`, what their Copy buttons copy: `copies`, and what they say
//! of their access tokens: `check`). Drawn from
//! the popup's state; the background does the work.

pub mod check;
pub mod client;
pub mod copies;
pub mod draft;
pub mod exchange;
pub mod rows;

use super::state;
use crate::browser::dom;
use crate::store::keys::{CLIENT_KEY_PREFIX, OAUTH_KEY_PREFIX};
use crate::store::oauth::OAuthSaved;
use crate::zoho::DataCentre;
use wasm_bindgen::JsValue;

/// Draws the whole view from `saved` (kept as the popup's state); its rows
/// only once the view is seen.
pub fn show_all(saved: OAuthSaved) {
    state::change_oauth(|oauth| *oauth = saved);
    // Suggestions depend on nothing that changes while the popup is open.
    exchange::suggest();
    client::show();
    rows::show_when_seen();
    link_console();
}

/// An entry the background wrote (`undefined`: removed), applied to the view.
/// The reply to the request that wrote it may have applied it already: then
/// nothing is drawn again.
pub fn stored(key: &str, value: &JsValue) {
    let read = OAuthSaved::from_entries([(key, value)]);
    let changed = state::change_oauth(|oauth| {
        if let Some(id) = key.strip_prefix(OAUTH_KEY_PREFIX) {
            let token = read.tokens().first();
            if oauth.find(id) == token {
                return false;
            }
            oauth.remove(id);
            if let Some(token) = token {
                oauth.put(token.clone());
            }
        } else if let Some(rest) = key.strip_prefix(CLIENT_KEY_PREFIX) {
            // `<dc>:<client ID>`, or version 1's `<dc>` (its client read
            // from the state, as only its record names the ID).
            let (code, id) = rest.split_once(':').unwrap_or((rest, ""));
            let Some(dc) = DataCentre::from_plain_name(code) else {
                return false;
            };
            let client = read.clients().first();
            let id = client.map_or_else(
                || {
                    let old = oauth.clients_on(dc).find(|c| c.storage_key() == key);
                    old.map_or(id.to_string(), |c| c.client_id.clone())
                },
                |c| c.client_id.clone(),
            );
            if oauth.client(dc, &id) == client {
                return false;
            }
            oauth.remove_client(dc, &id);
            if let Some(client) = client {
                oauth.put_client(client.clone());
            }
        }
        true
    });
    if changed {
        redraw();
    }
}

/// Draws the view again from the popup's state (after a change in storage, or
/// another data centre chosen).
pub fn redraw() {
    client::show();
    rows::show();
    link_console();
}

fn link_console() {
    if let Some(link) = dom::by_id("open-console") {
        dom::set_attr(&link, "href", &state::dc().api_console_url());
    }
}
