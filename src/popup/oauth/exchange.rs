//! Step 2: which application and scopes, and the grant code to exchange. The
//! scopes are suggested from the application's authtoken scope; Copy scopes
//! puts them on the clipboard for the console's Generate Code dialog.

use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::{key, UserMessage};
use crate::oauth::scopes;
use crate::oauth::Secret;
use crate::popup::{state, status, views};
use crate::protocol::{Brought, Exchange, FieldError, FieldName, Reply, Target, ZohoRequest};
use crate::ui::fields;
use crate::ui::unlock;
use crate::zoho::{Preset, PRESETS};
use wasm_bindgen_futures::spawn_local;

/// The fields of the exchange form (and the refresh token brought with its
/// application and scopes), by the background's names for them.
const FIELDS: [(FieldName, &str); 4] = [
    (FieldName::Label, "oauth-label"),
    (FieldName::Scope, "oauth-scopes"),
    (FieldName::Code, "oauth-code"),
    (FieldName::RefreshToken, "refresh-token"),
];

/// Offers the presets' application names (built-in and the user's) for the
/// application field, and the known OAuth scopes for the scope field.
pub fn suggest() {
    let user = state::user_presets();
    let names = PRESETS
        .iter()
        .map(|p| p.app_name.to_string())
        .chain(user.into_iter().map(|(label, _)| label));
    fill_list("oauth-apps", names);
    fill_list(
        "oauth-scope-suggestions",
        scopes::known().into_iter().map(String::from),
    );
}

fn fill_list(id: &str, values: impl Iterator<Item = String>) {
    let Some(list) = dom::by_id(id) else {
        return;
    };
    list.set_text_content(None);
    for value in values {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", &value);
        dom::append(&list, &option);
    }
}

/// The authtoken scope of the application named `app`, if it is a preset.
fn authtoken_scope(app: &str) -> Option<String> {
    PRESETS
        .iter()
        .find(|p| p.app_name == app || p.display_name == app)
        .map(|p| p.scope.to_string())
        .or_else(|| {
            state::user_presets()
                .into_iter()
                .find(|(label, _)| label == app)
                .map(|(_, scope)| scope)
        })
}

/// The application field changed: its successors' scopes are suggested,
/// unless the user typed scopes of their own.
pub fn app_changed() {
    if let Some(old) = authtoken_scope(dom::value("oauth-label").trim()) {
        suggest_scopes(&old);
    }
}

fn suggest_scopes(authtoken_scope: &str) {
    let Some(input) = dom::by_id("oauth-scopes") else {
        return;
    };
    let current = dom::value("oauth-scopes");
    let suggested = input.get_attribute("data-suggested").unwrap_or_default();
    let new = scopes::successors(authtoken_scope);
    if !new.is_empty() && (current.trim().is_empty() || current == suggested) {
        dom::set_value("oauth-scopes", &new);
        dom::set_attr(&input, "data-suggested", &new);
    }
}

/// From a problem with an authtoken: the OAuth view, with the application and
/// its scopes filled in.
pub fn start_from(target: Option<Target>) {
    views::show("oauth");
    super::rows::show_if_waiting();
    if let Some(target) = target {
        dom::set_value("oauth-label", Preset::app_name(&target.display_name));
        suggest_scopes(&target.scope);
    }
    super::draft::keep();
    let has_client = state::with_oauth(|oauth| oauth.clients_on(state::dc()).next().is_some());
    dom::focus_by_id(if has_client {
        "oauth-code"
    } else {
        "client-id"
    });
}

/// "Copy scopes": the checked, comma-joined list on the clipboard.
pub fn copy_scopes() {
    match scopes::check(&dom::value("oauth-scopes")) {
        Ok(list) => {
            show_errors(&[]);
            dom::set_value("oauth-scopes", &list);
            spawn_local(async move {
                let _ = status::copy_and_say(&list, key("scopesCopied"), &[]).await;
            });
        }
        Err(error) => {
            let message = error.message();
            let text = browser::text(message.key, &message.args);
            fields::show_errors(&[(FieldName::Scope, text)], &FIELDS);
        }
    }
}

/// The form was submitted (or the user agreed to pass Zoho's refresh-token cap).
pub fn exchange(past_cap: bool) {
    let exchange = Exchange {
        dc: state::dc(),
        client_id: super::client::chosen(),
        code: dom::value("oauth-code"),
        label: dom::value("oauth-label"),
        scopes: dom::value("oauth-scopes"),
        past_cap,
    };
    let (label, dc) = (exchange.label.trim().to_string(), exchange.dc);
    show_errors(&[]);
    status::info_key(key("exchanging"), &[]);
    spawn_local(async move {
        let reply = browser::ask(&ZohoRequest::Exchange(exchange)).await;
        if unlock::locked(&reply, Box::new(move || self::exchange(past_cap))) {
            return;
        }
        match reply {
            Some(Reply::OAuthSaved { token }) => {
                dom::set_value("oauth-code", "");
                super::rows::put(token);
                status::info_key(key("oauthSaved"), &[label]);
            }
            Some(Reply::Invalid { errors }) => {
                show_errors(&errors);
                status::error_key(key("errCheckFields"));
            }
            Some(Reply::AtCap { held }) => {
                status::with_button(
                    &browser::text(key("atCap"), &[held.to_string()]),
                    &browser::text(key("atCapGoOn"), &[]),
                    Action::PastCap,
                );
            }
            Some(Reply::Problem {
                message,
                remedies,
                elsewhere,
            }) => {
                status::with_remedies(&message, true, &remedies, dc);
                status::offer_data_centres(
                    &elsewhere,
                    key("remedyUseClientDc"),
                    Action::UseDcOAuth,
                );
            }
            other => status::unexpected(other),
        }
    });
}

/// "Keep this refresh token": one made elsewhere, for the client chosen and
/// the application typed, proved by the background with Zoho and kept.
pub fn bring() {
    let brought = Brought {
        dc: state::dc(),
        client_id: super::client::chosen(),
        refresh_token: Secret::new(dom::value("refresh-token")),
        label: dom::value("oauth-label"),
        scopes: dom::value("oauth-scopes"),
    };
    let (label, dc) = (brought.label.trim().to_string(), brought.dc);
    show_errors(&[]);
    status::info_key(key("bringing"), &[]);
    spawn_local(async move {
        let reply = browser::ask(&ZohoRequest::AddRefreshToken(brought)).await;
        if unlock::locked(&reply, Box::new(bring)) {
            return;
        }
        match reply {
            Some(Reply::OAuthSaved { token }) => {
                dom::set_value("refresh-token", "");
                super::rows::put(token);
                status::info_key(key("oauthSaved"), &[label]);
            }
            Some(Reply::Invalid { errors }) => {
                show_errors(&errors);
                status::error_key(key("errCheckFields"));
            }
            Some(Reply::Problem {
                message, remedies, ..
            }) => status::with_remedies(&message, true, &remedies, dc),
            other => status::unexpected(other),
        }
    });
}

fn show_errors(errors: &[FieldError]) {
    fields::show_received(errors, &FIELDS);
}
