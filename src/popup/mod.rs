//! The popup: presets, the custom form, and the saved tokens. Everything shown
//! from data is set as text. The background does the work; the popup asks it.

mod actions;
mod status;
mod token_row;

use crate::browser::{self, dom};
use crate::protocol::{Reply, Request, State};
use crate::store::SavedToken;
use crate::zoho::preset::KNOWN_SCOPES;
use crate::zoho::{DataCentre, PRESETS};
use std::cell::RefCell;
use web_sys::Element;

/// Show the filter box from this many saved tokens on.
const FILTER_FROM: usize = 6;

/// What the popup currently shows.
#[derive(Default)]
struct View {
    tokens: Vec<SavedToken>,
    dc: DataCentre,
    /// The last token forgotten, for Undo.
    forgotten: Option<SavedToken>,
}

thread_local! {
    static VIEW: RefCell<View> = RefCell::new(View::default());
}

/// Builds the popup and asks the background for the saved tokens.
pub async fn start() {
    localise_static_text();
    render_presets();
    render_scope_suggestions();
    render_data_centres(DataCentre::default());
    actions::wire();
    match ask(Request::State).await {
        Some(Reply::State(state)) => {
            render_state(&state);
            if let Some(notice) = &state.notice {
                status::show_notice(notice);
            }
        }
        Some(Reply::Failed { message }) => status::error(&message),
        _ => status::error_key("errNoBackground"),
    }
    // A token saved from a Zoho tab while the popup is open shows up at once.
    browser::on_storage_change(|| {
        wasm_bindgen_futures::spawn_local(async {
            if let Some(Reply::State(state)) = ask(Request::State).await {
                render_state(&state);
                if let Some(notice) = &state.notice {
                    status::show_notice(notice);
                }
            }
        })
    });
    mark_ready();
}

/// Sends a request to the background; `None` if it did not answer sensibly.
async fn ask(request: Request) -> Option<Reply> {
    let answer = browser::send_message(browser::to_js(&request)).await.ok()?;
    serde_wasm_bindgen::from_value(answer).ok()
}

fn current_dc() -> DataCentre {
    VIEW.with(|v| v.borrow().dc)
}

/// Every element with `data-i18n="key"` gets that message as its text;
/// `data-i18n-placeholder` and `data-i18n-label` fill those attributes.
fn localise_static_text() {
    for (selector, attribute) in [
        ("[data-i18n]", None),
        ("[data-i18n-placeholder]", Some("placeholder")),
        ("[data-i18n-label]", Some("aria-label")),
    ] {
        for el in dom::all(selector) {
            let source = match attribute {
                None => "data-i18n",
                Some("placeholder") => "data-i18n-placeholder",
                Some(_) => "data-i18n-label",
            };
            let Some(key) = el.get_attribute(source) else {
                continue;
            };
            let text = browser::text(&key, &[]);
            match attribute {
                None => el.set_text_content(Some(&text)),
                Some(name) => dom::set_attr(&el, name, &text),
            }
        }
    }
    if let Some(root) = dom::document().document_element() {
        dom::set_attr(
            &root,
            "lang",
            &browser::text("@@ui_locale", &[]).replace('_', "-"),
        );
    }
}

fn render_presets() {
    let Some(list) = dom::by_id("presets") else {
        return;
    };
    for preset in PRESETS {
        let button = dom::element("button", "preset");
        dom::set_attr(&button, "type", "button");
        dom::set_attr(&button, "data-preset", preset.display_name);
        dom::append(
            &button,
            &dom::text_element("span", "preset-app", preset.app_name),
        );
        dom::append(
            &button,
            &dom::text_element("span", "preset-name", preset.display_name),
        );
        dom::append(&list, &button);
    }
}

fn render_scope_suggestions() {
    let Some(list) = dom::by_id("scope-suggestions") else {
        return;
    };
    for scope in KNOWN_SCOPES {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", scope);
        dom::append(&list, &option);
    }
}

fn render_data_centres(selected: DataCentre) {
    VIEW.with(|v| v.borrow_mut().dc = selected);
    let Some(select) = dom::by_id("dc") else {
        return;
    };
    select.set_text_content(None);
    for dc in DataCentre::ALL {
        let label = format!(
            "{} · {}",
            dc.code().to_ascii_uppercase(),
            browser::text(&format!("dc_{}", dc.code()), &[])
        );
        let option = dom::text_element("option", "", &label);
        dom::set_attr(&option, "value", dc.code());
        if dc == selected {
            dom::set_attr(&option, "selected", "");
        }
        dom::append(&select, &option);
    }
}

fn render_state(state: &State) {
    if state.settings.dc != current_dc() {
        render_data_centres(state.settings.dc);
    }
    VIEW.with(|v| v.borrow_mut().tokens = state.tokens.clone());
    let Some(list) = dom::by_id("tokens") else {
        return;
    };
    list.set_text_content(None);
    for token in &state.tokens {
        dom::append(&list, &token_row::render(token));
    }
    if let Some(empty) = dom::by_id("empty") {
        dom::set_hidden(&empty, !state.tokens.is_empty());
    }
    if let Some(filter) = dom::by_id("filter-box") {
        dom::set_hidden(&filter, state.tokens.len() < FILTER_FROM);
    }
    actions::apply_filter();
    if state.unreadable > 0 {
        if let Some(note) = dom::by_id("unreadable") {
            note.set_text_content(Some(&browser::text(
                "unreadableRecords",
                &[state.unreadable.to_string()],
            )));
            dom::set_hidden(&note, false);
        }
    }
}

/// Lets tests and benchmarks see the moment the popup is usable.
fn mark_ready() {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-ready", "true");
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("popup-ready");
    }
}

/// The row element of a saved token, if it is shown.
fn row(id: &str) -> Option<Element> {
    dom::all("[data-token-row]")
        .into_iter()
        .find(|row| row.get_attribute("data-id").as_deref() == Some(id))
}
