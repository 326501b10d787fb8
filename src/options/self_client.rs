//! The console's `self_client.json` on the options page (a file dialog would
//! close the popup in Firefox): its client is saved for the data centre chosen
//! above, and its code exchanged at once.

use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::{key, UserMessage};
use crate::oauth::file::{self, FileError};
use crate::protocol::{Exchange, FieldError, Reply, StoreRequest, ZohoRequest};
use crate::ui::{data_centres, status};
use std::cell::RefCell;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// An exchange waiting for the user's yes past Zoho's refresh-token cap
    /// (in this page's memory only: the code is never stored).
    static WAITING: RefCell<Option<Exchange>> = const { RefCell::new(None) };
}

/// A file was chosen: read, its client saved, its code exchanged.
pub async fn chosen(chosen: web_sys::File) {
    let result = exchange_from(chosen).await;
    dom::set_value("self-client-file", "");
    if let Err(error) = result {
        let message = error.message();
        status::show_key(message.key, &message.args, true);
    }
}

async fn exchange_from(chosen: web_sys::File) -> Result<(), FileError> {
    // A File's size is a whole number of bytes, well within u64.
    file::check_size(chosen.size() as u64)?;
    let text = JsFuture::from(chosen.text())
        .await
        .ok()
        .and_then(|t| t.as_string());
    let json = text
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .filter(|v| v.is_object());
    let read = file::read(json.as_ref(), browser::now_ms())?;
    let dc = data_centres::chosen().unwrap_or_default();
    // The file names no label: a client saved already keeps its own.
    let save = StoreRequest::SaveClient {
        dc,
        client_id: read.client_id.clone(),
        client_secret: read.client_secret,
        label: String::new(),
    };
    match browser::ask(&save).await {
        Some(Reply::Done) => {}
        Some(Reply::Invalid { errors }) => {
            show_invalid(&errors);
            return Ok(());
        }
        other => {
            status::unexpected(other);
            return Ok(());
        }
    }
    let exchange = Exchange {
        dc,
        client_id: read.client_id,
        code: read.code,
        label: dom::value("sc-label"),
        scopes: read.scopes.unwrap_or_else(|| dom::value("sc-scopes")),
        past_cap: false,
    };
    send(exchange).await;
    Ok(())
}

/// The user agreed to a refresh token past Zoho's cap.
pub async fn past_cap() {
    if let Some(exchange) = WAITING.with(|w| w.borrow_mut().take()) {
        send(Exchange {
            past_cap: true,
            ..exchange
        })
        .await;
    }
}

async fn send(exchange: Exchange) {
    let label = exchange.label.trim().to_string();
    status::show_key(key("exchanging"), &[], false);
    match browser::ask(&ZohoRequest::Exchange(exchange.clone())).await {
        Some(Reply::OAuthSaved { .. }) => {
            dom::set_value("sc-label", "");
            dom::set_value("sc-scopes", "");
            status::show_key(key("oauthSaved"), &[label], false);
        }
        Some(Reply::AtCap { held }) => {
            WAITING.with(|w| *w.borrow_mut() = Some(exchange));
            status::show(&browser::text(key("atCap"), &[held.to_string()]), false);
            status::add_controls([dom::button(
                &browser::text(key("atCapGoOn"), &[]),
                Action::PastCap,
            )]);
        }
        Some(Reply::Invalid { errors }) => show_invalid(&errors),
        Some(Reply::Problem { message, .. }) => status::error(&message),
        other => status::unexpected(other),
    }
}

/// What the background found wrong, in the status (this page has no fields
/// for the file's values).
fn show_invalid(errors: &[FieldError]) {
    let texts: Vec<String> = errors
        .iter()
        .map(|e| browser::received(&e.message))
        .collect();
    status::show(&texts.join(" "), true);
}
