//! The background's second module: the requests that reach Zoho (generating,
//! its tabs and the pages they show, the OAuth exchange, access tokens and
//! revoking). Apart so that the popup's first question, answered by the first
//! module, waits for the compiling of less (docs/performance.md, "Size").

use super::{access, brought, generate, oauth, tabs};
use crate::i18n::key;
use crate::plain::{Decode, Encode};
use crate::protocol::{PageReport, Reply, ZohoRequest};
use wasm_bindgen::JsValue;

/// Handles a message from one of the extension's own pages that the first
/// module passed on: a [`ZohoRequest`], or nothing this background understands.
pub async fn handle(message: JsValue) -> JsValue {
    let reply = match ZohoRequest::decode(&message) {
        Some(request) => dispatch(request).await,
        None => Reply::failed(key("errBadRequest")),
    };
    reply.encode()
}

/// Handles what the content script in tab `tab_id` sent: a [`PageReport`] is
/// all it may send.
pub async fn handle_page_report(message: JsValue, tab_id: i32) -> JsValue {
    let reply = match PageReport::decode(&message) {
        Some(PageReport::ZohoPage { url, html }) => tabs::page_seen(tab_id, &url, html).await,
        None => Reply::failed(key("errBadRequest")),
    };
    reply.encode()
}

async fn dispatch(request: ZohoRequest) -> Reply {
    match request {
        ZohoRequest::Generate(target) => generate::generate(target).await,
        ZohoRequest::SignIn(target) => tabs::open_sign_in(target).await,
        ZohoRequest::OpenPage(target) => tabs::open_create_page(target).await,
        ZohoRequest::Exchange(exchange) => oauth::exchange(exchange).await,
        ZohoRequest::AddRefreshToken(brought) => brought::bring(brought).await,
        ZohoRequest::AccessToken { id } => access::access_token(&id).await,
        ZohoRequest::Curl { id } => access::curl(&id).await,
        ZohoRequest::Check { id } => access::check(&id).await,
        ZohoRequest::Revoke { id } => oauth::revoke(&id).await,
    }
}
