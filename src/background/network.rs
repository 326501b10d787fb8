//! The background's second module: the requests that reach Zoho (generating,
//! its tabs and the pages they show, the OAuth exchange, access tokens and
//! revoking). Apart so that the popup's first question, answered by the first
//! module, waits for the compiling of less (README, "Size").

use super::{generate, oauth, tabs};
use crate::i18n::key;
use crate::plain::{Decode, Encode};
use crate::protocol::{Reply, Request};
use wasm_bindgen::JsValue;

/// Handles one message the first module passed on. `from_tab` is the content
/// script's tab when a Zoho page sent it, `None` when one of the extension's
/// own pages did.
pub async fn handle(message: JsValue, from_tab: Option<i32>) -> JsValue {
    let reply = match Request::decode(&message) {
        Some(request) => match from_tab {
            Some(tab_id) => match request.page_report() {
                Some((url, html)) => tabs::page_seen(tab_id, &url, html).await,
                None => Reply::failed(key("errBadRequest")),
            },
            None => dispatch(request).await,
        },
        None => Reply::failed(key("errBadRequest")),
    };
    reply.encode()
}

/// A request from one of the extension's own pages.
async fn dispatch(request: Request) -> Reply {
    match request {
        Request::Generate(target) => generate::generate(target).await,
        Request::SignIn(target) => tabs::open_sign_in(target).await,
        Request::OpenPage(target) => tabs::open_create_page(target).await,
        Request::Exchange(exchange) => oauth::exchange(exchange).await,
        Request::AccessToken { id } => oauth::access_token(&id).await,
        Request::Revoke { id } => oauth::revoke(&id).await,
        // Only a tab shows Zoho's pages; the rest is the first module's.
        _ => Reply::failed(key("errBadRequest")),
    }
}
