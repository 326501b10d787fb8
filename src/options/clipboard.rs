//! The clipboard option: a secret the extension copied is cleared after the
//! time the user picks, if it is still there. Turning it on asks the browser
//! for what clearing needs (optional permissions, so installing warns of
//! none); turning it off gives them back.

use crate::browser::{self, clipboard, dom};
use crate::i18n::key;
use crate::protocol::{Reply, StoreRequest};
use crate::store::settings::{Settings, CLEAR_CHOICES};
use crate::ui::status::{self, show_key as show};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;

const SWITCH: &str = "clipboard-clear";
const TIME: &str = "clipboard-time";

fn switch() -> Option<HtmlInputElement> {
    dom::by_id(SWITCH)?.dyn_into().ok()
}

/// Shows whether clearing is on, and offers the times, the saved one chosen.
pub fn start(settings: &Settings) {
    let (Some(on), Some(select)) = (switch(), dom::by_id(TIME)) else {
        return;
    };
    let saved = settings.clear_after();
    on.set_checked(saved.is_some());
    for seconds in CLEAR_CHOICES.into_iter().filter(|s| *s > 0) {
        let label = match seconds {
            60 => browser::text(key("clipboardMinute"), &[]),
            s if s < 60 => browser::text(key("clipboardSeconds"), &[s.to_string()]),
            s => browser::text(key("clipboardMinutes"), &[(s / 60).to_string()]),
        };
        let option = dom::text_element("option", "", &label);
        dom::set_attr(&option, "value", &seconds.to_string());
        if seconds == saved.unwrap_or(CLEAR_CHOICES[1]) {
            dom::set_attr(&option, "selected", "");
        }
        dom::append(&select, &option);
    }
}

/// The time chosen in the list.
fn time() -> u32 {
    dom::value(TIME).parse().unwrap_or(CLEAR_CHOICES[1])
}

/// Clearing turned on or off. The browser grants a permission only during
/// the user's gesture, so it is asked for here, before anything is awaited.
pub fn switched() {
    let Some(on) = switch() else {
        return;
    };
    let granted = on.checked().then(clipboard::ask_permission);
    spawn_local(async move {
        let seconds = match granted {
            Some(granted) => granted.await.then(time),
            None => {
                clipboard::give_back_permission().await;
                Some(0)
            }
        };
        match seconds {
            Some(seconds) => save(seconds).await,
            None => {
                on.set_checked(false);
                show(key("clipboardRefused"), &[], true);
            }
        }
    });
}

/// Another time chosen: kept while clearing is on.
pub async fn time_chosen() {
    if switch().is_some_and(|on| on.checked()) {
        save(time()).await;
    }
}

async fn save(seconds: u32) {
    match browser::ask(&StoreRequest::ClearClipboard { seconds }).await {
        Some(Reply::Done) => {
            let done = if seconds > 0 {
                "clipboardOn"
            } else {
                "clipboardOff"
            };
            show(key(done), &[], false);
        }
        other => status::unexpected(other),
    }
}
