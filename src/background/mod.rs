//! The background: owns the generate flow and is the only writer of storage.
//! Each message from a page is one request in, one reply out.
//!
//! It is two Wasm modules (docs/performance.md, "Size"): this file's [`handle`] answers a
//! [`StoreRequest`] (what needs only storage, the popup's first question among
//! them); [`network`] answers a `ZohoRequest` and a content script's
//! `PageReport` (what reaches Zoho, its tabs and its pages), in a module the
//! background compiles only after its first answer.

mod access;
mod brought;
mod client;
mod clipboard;
mod flight;
mod generate;
pub mod network;
mod notices;
mod oauth;
mod reveal;
mod save;
mod sessions;
mod tabs;
mod vault;

use save::done_or_failed;

use crate::browser::vault::Keys;
use crate::browser::{self, session, storage};
use crate::i18n::key;
use crate::plain::{Decode, Encode};
use crate::protocol::{Reply, StoreRequest};
use crate::store::export::{self, ExportFile, MergePlan};
use crate::store::keys::{PRESETS_KEY, VAULT_KEY, VAULT_OPEN_KEY};
use crate::store::{new_id, SavedToken, Settings};
use crate::vault::kept::Kept;
use crate::vault::lock::{Closed, OpenKey};
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;

/// Handles one message from one of the extension's own pages, or returns
/// `undefined` when it is not a [`StoreRequest`] (the network module's, which
/// answers one it cannot read either).
pub async fn handle(message: JsValue) -> JsValue {
    let Some(request) = StoreRequest::decode(&message) else {
        return JsValue::UNDEFINED;
    };
    // The popup's first question, often to a background just started, is
    // answered apart from the other flows, and those are boxed: a Wasm function
    // is compiled when first called, and one state machine holding every flow
    // was 27 KB compiled before that first answer (docs/performance.md).
    let reply = match request {
        StoreRequest::TakeNotice => take_notice().await,
        request => {
            let flow: Pin<Box<dyn Future<Output = Reply>>> = Box::pin(dispatch(request));
            flow.await
        }
    };
    reply.encode()
}

/// A request storage alone answers.
async fn dispatch(request: StoreRequest) -> Reply {
    match request {
        // Answered by `handle` before it comes here; kept for an exhaustive match.
        StoreRequest::TakeNotice => take_notice().await,
        StoreRequest::Forget { id } => done_or_failed(storage::forget_token(&id).await),
        StoreRequest::Restore { token } => restore(token).await,
        StoreRequest::SetDataCentre { dc } => set_data_centre(dc).await,
        StoreRequest::ClearClipboard { seconds } => clipboard::set_time(seconds).await,
        StoreRequest::Copied { secret } => clipboard::copied(&secret).await,
        StoreRequest::SavePresets { presets } => {
            done_or_failed(storage::save_presets(&presets).await)
        }
        StoreRequest::Import { file } => import(file).await,
        StoreRequest::SaveClient {
            dc,
            client_id,
            client_secret,
            label,
        } => client::save(dc, &client_id, &client_secret, &label).await,
        StoreRequest::ForgetClient { dc, client_id } => client::forget(dc, &client_id).await,
        StoreRequest::ForgetOAuth { id } => oauth::forget(&id).await,
        StoreRequest::RestoreOAuth { token } => oauth::restore(token).await,
        // Only the popup's convenience: a refused write loses nothing saved.
        StoreRequest::KeepDraft(draft) => {
            let _ = crate::browser::session::set(crate::store::keys::DRAFT_KEY, &draft).await;
            Reply::Done
        }
        StoreRequest::Unlock { passphrase } => vault::unlock(&passphrase).await,
        StoreRequest::Lock => vault::lock(),
        StoreRequest::VaultOn { passphrase } => vault::turn_on(&passphrase).await,
        StoreRequest::VaultChange {
            passphrase,
            new_passphrase,
        } => vault::change(&passphrase, &new_passphrase).await,
        StoreRequest::VaultOff { passphrase } => vault::turn_off(&passphrase).await,
        StoreRequest::VaultIdle { minutes } => vault::set_idle(minutes).await,
        StoreRequest::ForgetSecrets => vault::forget_secrets().await,
        StoreRequest::Reveal { key } => reveal::reveal(&key).await,
        StoreRequest::ExportFile => reveal::export_file().await,
        StoreRequest::Script { id } => reveal::script(&id).await,
        StoreRequest::Postman { id } => reveal::postman(&id).await,
    }
}

/// The alarm of a copied secret rang (`background.js`).
pub async fn clear_clipboard() {
    clipboard::clear_if_ours().await;
}

/// The welcome page, in the extension's folder.
const WELCOME_PAGE: &str = "welcome.html";

/// The extension was installed or updated, or the browser was
/// (`runtime.onInstalled`, `background.js`): only a first install opens the
/// welcome page; an update leaves the user where they are.
pub async fn installed(reason: &str) {
    if reason == "install" {
        let _ = browser::open_tab(WELCOME_PAGE).await;
    }
}

/// Records older versions wrote, moved to this one's (`background.js`).
pub async fn move_old_records() {
    client::migrate().await;
}

/// The data centre chosen, kept with the other settings.
async fn set_data_centre(dc: crate::zoho::DataCentre) -> Reply {
    match storage::settings().await {
        Ok(settings) => done_or_failed(storage::save_settings(&Settings { dc, ..settings }).await),
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// The news for the popup, once, with the toolbar badge cleared.
async fn take_notice() -> Reply {
    // The badge is cleared, and the vault's record read, while the session
    // area (the news and the vault's key) is read: one wait for all three.
    let cleared = browser::set_badge("");
    let record = storage::start_get(VAULT_KEY);
    let session = session::entries().await;
    let news = notices::take(&session);
    let key = session
        .iter()
        .find(|(key, _)| key == VAULT_OPEN_KEY)
        .and_then(|(_, value)| OpenKey::decode(value));
    let vault = browser::vault::standing_of(record.await, key);
    let _ = cleared.await;
    Reply::Notice {
        news,
        vault: vault.state(),
    }
}

/// Undo of Forget: the record comes back under its own id, unless the same token
/// is already saved again.
async fn restore(token: SavedToken) -> Reply {
    match storage::load().await {
        Ok(loaded) if token.token.open().is_some_and(|t| loaded.tokens.holds(t)) => Reply::Done,
        Ok(_) => match storage::save_token(&token).await {
            Ok(()) => Reply::Saved { token },
            Err(_) => Reply::failed(key("errStorage")),
        },
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// The records an import adds, each secret kept as the vault keeps it.
async fn sealed_plan(
    plan: &MergePlan,
    keys: &Keys,
    batch: &mut storage::Batch,
) -> Result<(), Closed> {
    for token in &plan.tokens {
        let mut record = token.clone();
        if let Kept::Open(secret) = &token.token {
            record.token = keys.keep(&token.storage_key(), secret.clone()).await?;
        }
        batch.put(&record.storage_key(), &record);
    }
    for token in &plan.oauth {
        let mut record = token.clone();
        if let Kept::Open(secret) = &token.refresh_token {
            record.refresh_token = keys.keep(&token.storage_key(), secret.clone()).await?;
        }
        batch.put(&record.storage_key(), &record);
    }
    for client in &plan.clients {
        let mut record = client.clone();
        if let Kept::Open(secret) = &client.client_secret {
            record.client_secret = keys.keep(&client.storage_key(), secret.clone()).await?;
        }
        batch.put(&record.storage_key(), &record);
    }
    Ok(())
}

/// Merges an exported file into what is saved: new tokens and presets are added,
/// nothing saved is overwritten, and all of it is written at once, its
/// secrets sealed while the vault is on (saved ones opened to compare).
async fn import(file: ExportFile) -> Reply {
    let keys = browser::vault::keys().await;
    if matches!(keys, Keys::Locked) {
        return Reply::Locked;
    }
    let Ok(mut loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    keys.open_all(&mut loaded).await;
    let plan = export::plan(&loaded.tokens, &loaded.presets, &loaded.oauth, file, || {
        new_id(browser::now_ms(), browser::nonce())
    });
    // One write: all of it is saved, or nothing.
    let mut batch = storage::Batch::default();
    if let Err(closed) = sealed_plan(&plan, &keys, &mut batch).await {
        return closed.into();
    }
    if plan.presets_added > 0 {
        batch.put(PRESETS_KEY, &plan.presets);
    }
    if batch.write().await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    Reply::Imported {
        added: (plan.tokens.len() + plan.oauth.len()) as u32,
        skipped: plan.skipped as u32,
        presets_added: plan.presets_added as u32,
        clients_added: plan.clients.len() as u32,
        conflicts: plan.conflicts,
    }
}
