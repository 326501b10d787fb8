//! Step 1: the Self Clients of the chosen data centre (a user keeps several:
//! one for each Zoho account). One is pasted, checked by the background and
//! saved; the one chosen (`select[name=client]`, in step 2) can be changed or
//! removed, and Add a client opens the fields empty for another.

use super::draft::CLIENT_CHOICE as CHOICE;
use crate::browser::{self, dom};
use crate::i18n::key;
use crate::popup::{state, status};
use crate::protocol::{FieldError, FieldName, Reply, StoreRequest};
use crate::ui::unlock;
use crate::ui::{data_centres, fields};
use wasm_bindgen_futures::spawn_local;

/// The client fields, by the background's names for them.
const FIELDS: [(FieldName, &str); 3] = [
    (FieldName::ClientId, "client-id"),
    (FieldName::ClientSecret, "client-secret"),
    (FieldName::ClientLabel, "client-label"),
];

/// Shows the saved clients of the chosen data centre (the form when there
/// are none), and offers them in the client choice, the chosen one kept.
pub fn show() {
    let dc = state::dc();
    let wanted = dom::by_id(CHOICE).and_then(|select| select.get_attribute("data-chosen"));
    // (ID, label or else ID) of each, and the one to choose.
    let (clients, chosen) = state::with_oauth(|oauth| {
        let clients: Vec<(String, String)> = oauth
            .clients_on(dc)
            .map(|c| (c.client_id.clone(), c.name().to_string()))
            .collect();
        let chosen = match wanted {
            Some(id) if oauth.client(dc, &id).is_some() => Some(id),
            _ => oauth.last_used(dc).map(|c| c.client_id.clone()),
        };
        (clients, chosen)
    });
    let mut names = Vec::new();
    if let Some(select) = dom::by_id(CHOICE) {
        select.set_text_content(None);
        for (id, name) in &clients {
            let option = dom::text_element("option", "", name);
            dom::set_attr(&option, "value", id);
            dom::append(&select, &option);
            names.push(name.as_str());
        }
        dom::set_value(CHOICE, chosen.as_deref().unwrap_or_default());
    }
    if let Some(text) = dom::by_id("client-saved-text") {
        text.set_text_content(Some(&browser::text(
            key("clientSavedFor"),
            &[names.join(", "), data_centres::label(dc)],
        )));
    }
    let none = clients.is_empty();
    for (id, hidden) in [
        ("client-saved", none),
        ("client-choice-field", none),
        ("oauth-client", !none),
    ] {
        if let Some(element) = dom::by_id(id) {
            dom::set_hidden(&element, hidden);
        }
    }
}

/// The client chosen in step 2 (its ID), if any.
pub fn chosen() -> String {
    dom::value(CHOICE)
}

/// Makes `id` the client chosen, when it is offered.
pub fn choose(id: &str) {
    if let Some(select) = dom::by_id(CHOICE) {
        dom::set_attr(&select, "data-chosen", id);
    }
    show();
}

/// The user chose another client.
pub fn picked() {
    choose(&chosen());
    super::draft::keep();
}

/// The form was submitted: the background checks and saves the client.
pub fn save() {
    let dc = state::dc();
    let [client_id, client_secret, label] = FIELDS.map(|(_, id)| dom::value(id));
    // What the status names it by: its label, or else its ID.
    let name = if label.trim().is_empty() {
        &client_id
    } else {
        &label
    };
    let (id, name) = (client_id.trim().to_string(), name.trim().to_string());
    let request = StoreRequest::SaveClient {
        dc,
        client_id,
        client_secret,
        label,
    };
    show_errors(&[]);
    spawn_local(async move {
        let reply = browser::ask(&request).await;
        if unlock::locked(&reply, Box::new(save)) {
            return;
        }
        match reply {
            Some(Reply::Done) => {
                for (_, field) in FIELDS {
                    dom::set_value(field, "");
                }
                // The client just saved is the one to use next.
                choose(&id);
                super::draft::keep();
                status::info_key(key("clientSaved"), &[data_centres::label(dc), name]);
            }
            Some(Reply::Invalid { errors }) => show_errors(&errors),
            other => status::unexpected(other),
        }
    });
}

/// "Add a client" and "Change": the fields, empty. A client ID already
/// saved for the data centre changes that client (its secret pasted again,
/// a label typed renames it); another adds one.
pub fn add() {
    for (_, field) in FIELDS {
        dom::set_value(field, "");
    }
    show_errors(&[]);
    if let Some(form) = dom::by_id("oauth-client") {
        dom::set_hidden(&form, false);
    }
    dom::focus_by_id("client-id");
}

/// "Remove client": the chosen client goes; tokens made with it stay saved.
pub fn forget() {
    let dc = state::dc();
    let client_id = chosen();
    let name =
        state::with_oauth(|oauth| oauth.client(dc, &client_id).map(|c| c.name().to_string()))
            .unwrap_or_else(|| client_id.clone());
    spawn_local(async move {
        match browser::ask(&StoreRequest::ForgetClient { dc, client_id }).await {
            Some(Reply::Done) => {
                status::info_key(key("clientForgotten"), &[data_centres::label(dc), name]);
            }
            other => status::unexpected(other),
        }
    });
}

fn show_errors(errors: &[FieldError]) {
    fields::show_received(errors, &FIELDS);
}
