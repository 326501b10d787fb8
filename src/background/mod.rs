//! The background: owns the generate flow and is the only writer of storage.
//! Each message from a page is one request in, one reply out.
//!
//! It is two Wasm modules (README, "Size"): this file's [`handle`] answers what
//! needs only storage, the popup's first question among them; [`network`]
//! answers what reaches Zoho (its requests, its tabs and its pages), in a module
//! the background compiles only after its first answer.

mod flight;
mod generate;
pub mod network;
mod notices;
mod oauth;
mod save;
mod sessions;
mod tabs;

use save::done_or_failed;

use crate::browser::{self, storage};
use crate::i18n::key;
use crate::plain::{Decode, Encode};
use crate::protocol::{Reply, Request};
use crate::store::export::{self, ExportFile};
use crate::store::{new_id, SavedToken, Settings};
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;

/// Handles one message, or returns `undefined` when it is the network module's
/// (`from_tab`, a Zoho page's report, always is).
pub async fn handle(message: JsValue, from_tab: Option<i32>) -> JsValue {
    if from_tab.is_some() {
        return JsValue::UNDEFINED;
    }
    // The popup's first question, often to a background just started, is
    // answered apart from the other flows, and those are boxed: a Wasm function
    // is compiled when first called, and one state machine holding every flow
    // was 27 KB compiled before that first answer (README, "Performance").
    let reply = match Request::decode(&message) {
        Some(Request::TakeNotice) => take_notice().await,
        Some(request) => {
            let flow: Pin<Box<dyn Future<Output = Option<Reply>>>> = Box::pin(dispatch(request));
            match flow.await {
                Some(reply) => reply,
                None => return JsValue::UNDEFINED,
            }
        }
        None => Reply::failed(key("errBadRequest")),
    };
    reply.encode()
}

/// A request from one of the extension's own pages; `None` when answering it
/// reaches Zoho.
async fn dispatch(request: Request) -> Option<Reply> {
    Some(match request {
        // Answered by `handle` before it comes here; kept for an exhaustive match.
        Request::TakeNotice => take_notice().await,
        Request::Generate(_)
        | Request::SignIn(_)
        | Request::OpenPage(_)
        | Request::ZohoPage { .. }
        | Request::Exchange(_)
        | Request::AccessToken { .. }
        | Request::Revoke { .. } => return None,
        Request::Forget { id } => done_or_failed(storage::forget_token(&id).await),
        Request::Restore { token } => restore(token).await,
        Request::SetDataCentre { dc } => {
            done_or_failed(storage::save_settings(&Settings { dc }).await)
        }
        Request::SavePresets { presets } => done_or_failed(storage::save_presets(&presets).await),
        Request::Import { file } => import(file).await,
        Request::SaveClient {
            dc,
            client_id,
            client_secret,
        } => oauth::save_client(dc, &client_id, &client_secret).await,
        Request::ForgetClient { dc } => oauth::forget_client(dc).await,
        Request::ForgetOAuth { id } => oauth::forget(&id).await,
        Request::RestoreOAuth { token } => oauth::restore(token).await,
        // Only the popup's convenience: a refused write loses nothing saved.
        Request::KeepDraft(draft) => {
            let _ = crate::browser::session::set(crate::store::keys::DRAFT_KEY, &draft).await;
            Reply::Done
        }
    })
}

/// The news for the popup, once, with the toolbar badge cleared.
async fn take_notice() -> Reply {
    // The badge is cleared while the news is read.
    let cleared = browser::set_badge("");
    let notice = notices::take().await;
    let _ = cleared.await;
    Reply::Notice(notice)
}

/// Undo of Forget: the record comes back under its own id, unless the same token
/// is already saved again.
async fn restore(token: SavedToken) -> Reply {
    match storage::load().await {
        Ok(loaded) if loaded.tokens.holds(&token.token) => Reply::Done,
        Ok(_) => match storage::save_token(&token).await {
            Ok(()) => Reply::Saved { token },
            Err(_) => Reply::failed(key("errStorage")),
        },
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// Merges an exported file into what is saved: new tokens and presets are added,
/// nothing saved is overwritten.
async fn import(file: ExportFile) -> Reply {
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let plan = export::plan(&loaded.tokens, &loaded.presets, &loaded.oauth, file, || {
        new_id(browser::now_ms(), browser::nonce())
    });
    if !plan.tokens.is_empty() && storage::save_tokens(&plan.tokens).await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    if plan.presets_added > 0 && storage::save_presets(&plan.presets).await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    for token in &plan.oauth {
        if storage::save_oauth(token).await.is_err() {
            return Reply::failed(key("errStorage"));
        }
    }
    for client in &plan.clients {
        if storage::save_client(client).await.is_err() {
            return Reply::failed(key("errStorage"));
        }
    }
    Reply::Imported {
        added: (plan.tokens.len() + plan.oauth.len()) as u32,
        skipped: plan.skipped as u32,
        presets_added: plan.presets_added as u32,
    }
}
