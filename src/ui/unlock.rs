//! The vault's passphrase, asked in place on the popup and the options page
//! alike: a use of a locked secret shows the unlock form (`#unlock`), and
//! once the vault opens the use is carried out. `<body data-vault>` says
//! where the vault stands (`off`, `locked`, `open`).

use crate::browser::{self, dom, vault};
use crate::i18n::{key, UserMessage};
use crate::oauth::Secret;
use crate::protocol::{Reply, StoreRequest};
use crate::vault::kept::{Kept, SecretText};
use crate::vault::lock::Closed;
use std::cell::RefCell;

/// The unlock form and its passphrase field (`input[name=vault-unlock]`).
const FORM: &str = "unlock";
const INPUT: &str = "vault-unlock";
const ERROR: &str = "vault-unlock-error";

thread_local! {
    /// What was asked while the vault was locked, carried out once it opens.
    static AGAIN: RefCell<Option<Box<dyn FnOnce()>>> = RefCell::new(None);
}

/// Marks the page with where the vault stands now, and returns it (`off`,
/// `locked`, `open`).
pub async fn mark() -> &'static str {
    let standing = vault::standing().await.name();
    mark_as(standing);
    standing
}

/// Marks the page: `off`, `locked` or `open`.
pub fn mark_as(standing: &str) {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-vault", standing);
    }
}

/// The vault is locked: asks its passphrase in place, then does `again`.
pub fn ask(again: impl FnOnce() + 'static) {
    AGAIN.with(|a| *a.borrow_mut() = Some(Box::new(again)));
    mark_as("locked");
    super::status::show_key(key("vaultLockedAsk"), &[], false);
    let Some(form) = dom::by_id(FORM) else {
        return;
    };
    dom::set_hidden(&form, false);
    if let Some(error) = dom::by_id(ERROR) {
        error.set_text_content(None);
    }
    dom::focus_by_id(INPUT);
}

/// The secret `kept` in the record stored under `bound`: opened with the
/// vault's key, or `None` with the passphrase asked (to do `again`) or the
/// reason shown.
pub async fn reveal<T: SecretText + Clone>(
    bound: &str,
    kept: &Kept<T>,
    again: impl FnOnce() + 'static,
) -> Option<T> {
    let keys = match kept {
        // No key needed: no storage read either.
        Kept::Open(secret) => return Some(secret.clone()),
        _ => vault::keys().await,
    };
    match keys.reveal(bound, kept).await {
        Ok(secret) => Some(secret),
        Err(Closed::Locked) => {
            ask(again);
            None
        }
        Err(other) => {
            super::status::show(&browser::received(&other.message().into()), true);
            None
        }
    }
}

/// A background's answer that the vault is locked: asks, then does `again`.
/// `false` for any other answer, left to the caller.
pub fn locked(reply: &Option<Reply>, again: impl FnOnce() + 'static) -> bool {
    let locked = matches!(reply, Some(Reply::Locked));
    if locked {
        ask(again);
    }
    locked
}

/// *Lock now*: the vault locked, and every secret shown masked again by
/// `mask`.
pub async fn lock_now(mask: impl FnOnce()) {
    match browser::ask(&StoreRequest::Lock).await {
        Some(Reply::Done) => {
            mark_as("locked");
            mask();
            super::status::show_key(key("vaultLocked"), &[], false);
        }
        other => super::status::unexpected(other),
    }
}

/// The unlock form was sent: opens the vault with the passphrase typed,
/// then does what was asked. A wrong passphrase is said at the field, and
/// changes nothing.
pub async fn submit() {
    let passphrase = dom::value(INPUT);
    let say = |text: &str| {
        if let Some(error) = dom::by_id(ERROR) {
            error.set_text_content(Some(text));
        }
    };
    if passphrase.is_empty() {
        return say(&browser::text(key("errVaultPassphraseEmpty"), &[]));
    }
    // Deriving the key takes the background a moment.
    say(&browser::text(key("vaultOpening"), &[]));
    match browser::ask(&StoreRequest::Unlock {
        passphrase: Secret::new(passphrase),
    })
    .await
    {
        Some(Reply::Done) => {
            dom::set_value(INPUT, "");
            say("");
            if let Some(form) = dom::by_id(FORM) {
                dom::set_hidden(&form, true);
            }
            mark_as("open");
            if let Some(again) = AGAIN.with(|a| a.borrow_mut().take()) {
                again();
            }
        }
        Some(Reply::Failed { message }) => {
            say(&browser::received(&message));
            if let Some(input) = dom::by_id(INPUT) {
                dom::focus_element(&input);
            }
        }
        _ => say(&browser::text(key("errNoBackground"), &[])),
    }
}
