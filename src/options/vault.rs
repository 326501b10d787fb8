//! The vault's section: turn it on with a passphrase typed twice; while on,
//! its idle time, *Lock now*, a new passphrase, turning it off, and
//! *Forget all secrets* (a forgotten passphrase's way out). The background
//! makes every change; this page asks and says what happened.

use crate::action::Action;
use crate::browser::{self, dom, vault};
use crate::i18n::{key, Key, UserMessage};
use crate::oauth::Secret;
use crate::protocol::{Reply, StoreRequest};
use crate::ui::status::{self, show_key as show};
use crate::ui::unlock;
use crate::vault::envelope::check_passphrase;
use crate::vault::lock::{Standing, VaultState, IDLE_CHOICES};

/// Marks the page and shows the idle time chosen.
pub async fn start() {
    let standing = vault::standing().await;
    unlock::mark_as(standing.state());
    let chosen = match &standing {
        Standing::Locked(record) | Standing::Open(record, _) => record.idle_minutes,
        Standing::Off | Standing::Unreadable => crate::vault::lock::DEFAULT_IDLE_MINUTES,
    };
    let Some(select) = dom::by_id("vault-idle") else {
        return;
    };
    for minutes in IDLE_CHOICES {
        let label = match minutes {
            0 => browser::text(key("vaultIdleClose"), &[]),
            60 => browser::text(key("vaultIdleHour"), &[]),
            m => browser::text(key("vaultIdleMinutes"), &[m.to_string()]),
        };
        let option = dom::text_element("option", "", &label);
        dom::set_attr(&option, "value", &minutes.to_string());
        if minutes == chosen {
            dom::set_attr(&option, "selected", "");
        }
        dom::append(&select, &option);
    }
}

/// Says `text` at the form's error place (cleared with `None`).
fn say_at(error_id: &str, text: Option<&str>) {
    if let Some(place) = dom::by_id(error_id) {
        place.set_text_content(text);
    }
}

/// A new passphrase typed twice, or its problem said at `error_id`.
fn new_passphrase(field: &str, again: &str, error_id: &str) -> Option<Secret> {
    let passphrase = dom::value(field);
    match check_passphrase(&passphrase, &dom::value(again)) {
        Ok(()) => {
            say_at(error_id, None);
            Some(Secret::new(passphrase))
        }
        Err(error) => {
            let message = error.message();
            say_at(error_id, Some(&browser::text(message.key, &message.args)));
            dom::focus_by_id(field);
            None
        }
    }
}

/// Sends a change of the vault; on success clears `fields`, marks the page
/// `then` and says `done`; a refusal is said at `error_id`.
async fn change(
    request: StoreRequest,
    fields: &[&str],
    error_id: &str,
    then: VaultState,
    done: Key,
) {
    say_at(error_id, Some(&browser::text(key("vaultWorking"), &[])));
    match browser::ask(&request).await {
        Some(Reply::Done) => {
            say_at(error_id, None);
            for field in fields {
                dom::set_value(field, "");
            }
            unlock::mark_as(then);
            show(done, &[], false);
        }
        Some(Reply::Failed { message }) => {
            say_at(error_id, Some(&browser::received(&message)));
            if let Some(first) = fields.first() {
                dom::focus_by_id(first);
            }
        }
        _ => say_at(error_id, Some(&browser::text(key("errNoBackground"), &[]))),
    }
}

/// The form to turn the vault on was sent.
pub async fn turn_on() {
    let fields = ["vault-passphrase", "vault-passphrase-again"];
    let Some(passphrase) = new_passphrase(fields[0], fields[1], "vault-on-error") else {
        return;
    };
    let request = StoreRequest::VaultOn { passphrase };
    change(
        request,
        &fields,
        "vault-on-error",
        VaultState::Open,
        key("vaultOnDone"),
    )
    .await;
}

/// The form to change the passphrase was sent.
pub async fn change_passphrase() {
    let fields = ["vault-current", "vault-new", "vault-new-again"];
    let Some(new_passphrase) = new_passphrase(fields[1], fields[2], "vault-change-error") else {
        return;
    };
    let passphrase = Secret::new(dom::value(fields[0]));
    let request = StoreRequest::VaultChange {
        passphrase,
        new_passphrase,
    };
    change(
        request,
        &fields,
        "vault-change-error",
        VaultState::Open,
        key("vaultChanged"),
    )
    .await;
}

/// The form to turn the vault off was sent.
pub async fn turn_off() {
    let fields = ["vault-off-passphrase"];
    let passphrase = Secret::new(dom::value(fields[0]));
    let request = StoreRequest::VaultOff { passphrase };
    change(
        request,
        &fields,
        "vault-off-error",
        VaultState::Off,
        key("vaultOffDone"),
    )
    .await;
}

/// A new idle time was chosen.
pub async fn idle_chosen() {
    let Ok(minutes) = dom::value("vault-idle").parse::<u32>() else {
        return;
    };
    match browser::ask(&StoreRequest::VaultIdle { minutes }).await {
        Some(Reply::Done) => show(key("vaultIdleSaved"), &[], false),
        other => status::unexpected(other),
    }
}

/// *Forget all secrets*: first what it does, with the button that does it.
pub fn ask_to_forget() {
    status::show(&browser::text(key("forgetSecretsAsk"), &[]), true);
    let go = dom::button(
        &browser::text(key("forgetSecretsGo"), &[]),
        Action::ForgetSecrets,
    );
    status::add_controls([go]);
}

/// Every secret forgotten, once confirmed.
pub async fn forget_secrets() {
    match browser::ask(&StoreRequest::ForgetSecrets).await {
        Some(Reply::Done) => {
            unlock::mark_as(VaultState::Off);
            show(key("secretsForgotten"), &[], false);
        }
        other => status::unexpected(other),
    }
}
