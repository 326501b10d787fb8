//! Making a token: from a preset, from the custom form, and again from a
//! problem's remedies (sign in, open the page, try again, use another data
//! centre). The background does the work; this shows progress and outcome.

use super::list;
use crate::action::Action;
use crate::browser::{self, dom};
use crate::i18n::key;
use crate::popup::{data_centre, state, status};
use crate::protocol::{FieldName, Reply, Target, ZohoRequest};
use crate::ui::fields;
use crate::ui::unlock;
use crate::zoho::verdict::Remedy;
use crate::zoho::{DataCentre, Preset};
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// A preset button was pressed.
pub fn preset(button: &Element) {
    let name = button.get_attribute("data-preset").unwrap_or_default();
    // A user preset carries its scope; a built-in one is looked up.
    let scope = button
        .get_attribute("data-scope")
        .or_else(|| Preset::find(&name).map(|p| p.scope.to_string()));
    if let Some(scope) = scope {
        generate(Target {
            display_name: name,
            scope,
            dc: state::dc(),
        });
    }
}

/// The custom form was submitted. The background checks it before anything
/// reaches Zoho, and a problem comes back to its field (`Reply::Invalid`):
/// the same check here too cost the popup ~0.7 KB of Wasm.
pub fn custom() {
    show_field_errors(&[]);
    generate(Target {
        display_name: dom::value("custom-name"),
        scope: dom::value("custom-scope"),
        dc: state::dc(),
    });
}

/// A remedy button of the problem shown (`data-remedy`).
pub fn remedy(name: &str) {
    let (Some(remedy), Some(target)) = (Remedy::from_plain_name(name), state::problem()) else {
        return;
    };
    let request = match remedy {
        Remedy::SignIn => ZohoRequest::SignIn(target),
        Remedy::OpenPage => ZohoRequest::OpenPage(target),
        Remedy::Retry => return generate(target),
        // Links, or buttons of their own (`data-action="oauth"`).
        Remedy::ActiveTokens | Remedy::ApiConsole | Remedy::SelfClient => return,
    };
    spawn_local(async move {
        match browser::ask(&request).await {
            Some(Reply::TabOpened { message }) => status::info(&message),
            other => status::unexpected(other),
        }
    });
}

/// Switches to a data centre the user is signed in to, and tries again there.
pub fn use_data_centre(code: &str) {
    let (Some(dc), Some(target)) = (DataCentre::from_plain_name(code), state::problem()) else {
        return;
    };
    data_centre::switch_to(dc);
    generate(Target { dc, ..target });
}

fn generate(target: Target) {
    spawn_local(async move {
        // Users know presets by the application's name.
        let label = [Preset::app_name(&target.display_name).to_string()];
        let reply = browser::ask(&ZohoRequest::Generate(target.clone()));
        started(&target);
        status::info_key(key("generating"), &label);
        let reply = reply.await;
        ended(&target);
        let again = target.clone();
        if unlock::locked(&reply, Box::new(move || generate(again))) {
            return;
        }
        match reply {
            Some(Reply::Saved { token }) => {
                list::show(&token);
                status::info_key(key("tokenSaved"), &label);
                if let Some(row) = list::row(&token.id) {
                    let _ = row.class_list().add_1("fresh");
                }
            }
            Some(Reply::Invalid { errors }) => {
                let errors: Vec<_> = errors
                    .iter()
                    .map(|e| (e.field, browser::received(&e.message)))
                    .collect();
                show_field_errors(&errors);
                status::error_key(key("errCheckFields"));
            }
            Some(Reply::Problem {
                message,
                remedies,
                elsewhere,
            }) => {
                status::with_remedies(&message, true, &remedies, target.dc);
                status::offer_data_centres(&elsewhere, key("remedyUseDc"), Action::UseDc);
                state::set_problem(Some(target));
            }
            Some(Reply::Busy) => status::info_key(key("alreadyGenerating"), &label),
            Some(Reply::TabOpened { message }) => status::info(&message),
            Some(Reply::Failed { message }) => status::error(&message),
            // The background stopped before answering: the next popup tells what happened.
            _ => status::error_key(key("errInterrupted")),
        }
    });
}

/// Shows each field's problem under it (and clears the others).
fn show_field_errors(errors: &[(FieldName, String)]) {
    fields::show_errors(
        errors,
        &[
            (FieldName::Name, "custom-name"),
            (FieldName::Scope, "custom-scope"),
        ],
    );
}

/// A request for `target` was sent: its controls say they are busy.
fn started(target: &Target) {
    state::start_generating(&target.display_name);
    show_busy(&target.display_name);
}

/// A request for `target` was answered.
fn ended(target: &Target) {
    state::end_generating(&target.display_name);
    show_busy(&target.display_name);
}

/// Marks the presets for `name` busy while a request for it is under way, and
/// the custom form's button while any is.
fn show_busy(name: &str) {
    let (this, any) = state::generating(name);
    let state = |busy: bool| if busy { "true" } else { "false" };
    for preset in dom::all("[data-preset]") {
        if preset.get_attribute("data-preset").as_deref() == Some(name) {
            dom::set_attr(&preset, "aria-busy", state(this));
        }
    }
    for button in dom::all("#custom button[type=submit]") {
        dom::set_attr(&button, "aria-busy", state(any));
    }
}
