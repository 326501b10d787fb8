//! Clearing a secret the extension copied from the clipboard, after the time
//! the user chose (off by default). Only the copied text's digest is kept, in
//! `storage.session`; when the alarm rings the clipboard is read, and cleared
//! only if it still holds that text: what the user copied since stays.

use super::save::done_or_failed;
use crate::browser::{clipboard, crypto, session, storage};
use crate::i18n::key;
use crate::oauth::Secret;
use crate::protocol::Reply;
use crate::store::keys::COPIED_KEY;
use crate::store::settings::{Copied, CLEAR_CHOICES};
use crate::vault::base64;

async fn digest(text: &str) -> Option<String> {
    crypto::sha256(text.as_bytes())
        .await
        .ok()
        .map(|hash| base64::encode(&hash))
}

/// The time the user chose (0: never), kept with the other settings.
pub async fn set_time(seconds: u32) -> Reply {
    if !CLEAR_CHOICES.contains(&seconds) {
        return Reply::failed(key("errStorage"));
    }
    match storage::settings().await {
        Ok(mut settings) => {
            settings.clear_clipboard = Some(seconds);
            done_or_failed(storage::save_settings(&settings).await)
        }
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// A page copied `secret`: its clearing is set, if the user chose a time.
pub async fn copied(secret: &Secret) -> Reply {
    let Ok(Some(seconds)) = storage::settings().await.map(|s| s.clear_after()) else {
        return Reply::Done;
    };
    let noted = match digest(secret.expose()).await {
        Some(digest) => session::set(COPIED_KEY, &Copied { digest }).await.is_ok(),
        None => false,
    };
    if noted && clipboard::ring_in(seconds).await.is_ok() {
        Reply::Done
    } else {
        Reply::failed(key("clipboardNotCleared"))
    }
}

/// The alarm rang: the clipboard is emptied if it still holds the copied secret.
pub async fn clear_if_ours() {
    let Some(copied) = session::get::<Copied>(COPIED_KEY).await else {
        return;
    };
    // Unreadable (a permission taken back): left as it is.
    if let Some(now) = clipboard::read().await {
        if digest(&now).await.as_ref() == Some(&copied.digest) {
            clipboard::clear().await;
        }
    }
    clipboard::put_away().await;
    // Last, so that its absence says the clearing is over.
    session::remove(COPIED_KEY);
}
