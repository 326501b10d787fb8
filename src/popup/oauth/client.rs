//! Step 1: the Self Client of the chosen data centre. Its ID and secret are
//! pasted, checked by the background and saved; a saved client can be changed
//! or removed.

use crate::browser::{self, dom};
use crate::i18n::key;
use crate::popup::{state, status};
use crate::protocol::{FieldError, FieldName, Reply, StoreRequest};
use crate::ui::unlock;
use crate::ui::{data_centres, fields};
use wasm_bindgen_futures::spawn_local;

/// Shows the saved client of the chosen data centre, or the form for one.
pub fn show() {
    let dc = state::dc();
    let saved = state::with_oauth(|oauth| oauth.client(dc).map(|c| c.client_id.clone()));
    if let Some(text) = dom::by_id("client-saved-text") {
        let id = saved.clone().unwrap_or_default();
        text.set_text_content(Some(&browser::text(
            key("clientSavedFor"),
            &[id, data_centres::label(dc)],
        )));
    }
    if let Some(line) = dom::by_id("client-saved") {
        dom::set_hidden(&line, saved.is_none());
    }
    if let Some(form) = dom::by_id("oauth-client") {
        dom::set_hidden(&form, saved.is_some());
    }
}

/// The form was submitted: the background checks and saves the client.
pub fn save() {
    let dc = state::dc();
    let request = StoreRequest::SaveClient {
        dc,
        client_id: dom::value("client-id"),
        client_secret: dom::value("client-secret"),
    };
    show_errors(&[]);
    spawn_local(async move {
        let reply = browser::ask(&request).await;
        if unlock::locked(&reply, Box::new(save)) {
            return;
        }
        match reply {
            Some(Reply::Done) => {
                for id in ["client-id", "client-secret"] {
                    dom::set_value(id, "");
                }
                super::draft::keep();
                status::info_key(key("clientSaved"), &[data_centres::label(dc)]);
            }
            Some(Reply::Invalid { errors }) => show_errors(&errors),
            other => status::unexpected(other),
        }
    });
}

/// "Change": the form again, to paste another ID and secret.
pub fn change() {
    if let Some(form) = dom::by_id("oauth-client") {
        dom::set_hidden(&form, false);
    }
    dom::focus_by_id("client-id");
}

/// "Remove client": the client goes; tokens made with it stay saved.
pub fn forget() {
    let dc = state::dc();
    spawn_local(async move {
        match browser::ask(&StoreRequest::ForgetClient { dc }).await {
            Some(Reply::Done) => {
                status::info_key(key("clientForgotten"), &[data_centres::label(dc)]);
            }
            other => status::unexpected(other),
        }
    });
}

fn show_errors(errors: &[FieldError]) {
    fields::show_received(
        errors,
        &[
            (FieldName::ClientId, "client-id"),
            (FieldName::ClientSecret, "client-secret"),
        ],
    );
}
