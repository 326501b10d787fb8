//! The vault's passphrase, asked in place on the popup and the options page
//! alike: a use of a locked secret shows the unlock form (`#unlock`), and
//! once the vault opens the use is carried out. `<body data-vault>` says
//! where the vault stands (`off`, `locked`, `open`).

use crate::browser::{self, dom};
use crate::i18n::key;
use crate::oauth::Secret;
use crate::protocol::{Reply, StoreRequest};
use crate::vault::lock::VaultState;
use std::cell::Cell;

/// The unlock form and its passphrase field (`input[name=vault-unlock]`).
const FORM: &str = "unlock";
const INPUT: &str = "vault-unlock";
const ERROR: &str = "vault-unlock-error";

/// What was asked while the vault was locked, carried out once it opens.
/// (Boxed: one copy of this module's code serves every flow.)
pub type Again = Box<dyn FnOnce()>;

thread_local! {
    static AGAIN: Cell<Option<Again>> = const { Cell::new(None) };
}

/// Marks the page with where the vault stands.
pub fn mark_as(state: VaultState) {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-vault", state.plain_name());
    }
}

/// The vault is locked: asks its passphrase in place, then does `again`.
pub fn ask(again: Again) {
    AGAIN.with(|a| a.set(Some(again)));
    mark_as(VaultState::Locked);
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

/// What is done with a secret once it is open.
pub type Then = Box<dyn FnOnce(Secret)>;

/// Hands the secret of the record stored under `stored` to `then`: `open`
/// (its text when kept in clear text, `Kept::text`), else opened by the
/// background (a page never holds the vault's key).
pub fn with_secret(stored: String, open: Option<&str>, again: Again, then: Then) {
    match open {
        Some(text) => then(Secret::new(text)),
        None => with_opened(StoreRequest::Reveal { key: stored }, again, then),
    }
}

/// Hands what the background opens for `request` (a secret, or a text that
/// holds secrets) to `then`; asks for the passphrase (to do `again`) or shows
/// why not. One task, whichever flow asks (each flow its own `async` block
/// measured 0.5–1 KB of the popup's Wasm).
pub fn with_opened(request: StoreRequest, again: Again, then: Then) {
    wasm_bindgen_futures::spawn_local(async move {
        let reply = browser::ask(&request).await;
        if locked(&reply, again) {
            return;
        }
        match reply {
            Some(Reply::Revealed { secret }) => then(secret),
            other => super::status::unexpected(other),
        }
    });
}

/// A background's answer that the vault is locked: asks, then does `again`.
/// `false` for any other answer, left to the caller.
pub fn locked(reply: &Option<Reply>, again: Again) -> bool {
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
            mark_as(VaultState::Locked);
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
            mark_as(VaultState::Open);
            if let Some(again) = AGAIN.with(Cell::take) {
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
