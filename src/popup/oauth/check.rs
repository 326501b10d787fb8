//! What a saved refresh token's row says of its access token, in the row's
//! `[data-access]` place: the live line (minutes left of the cached access
//! token, mints left of Zoho's ten in ten minutes) and the last Check (what
//! the background found, in Zoho's words when it refuses). A row drawn again
//! keeps its place (`rows::show`), so neither is lost to a storage change.

use crate::browser::{self, dom, session};
use crate::i18n::key;
use crate::oauth::access::{self, access_key, CachedAccess, MINTS_PER_WINDOW};
use crate::plain::field;
use crate::popup::status;
use crate::protocol::{Reply, UserText, ZohoRequest};
use crate::store::keys::ACCESS_KEY_PREFIX;
use crate::store::oauth::OAuthToken;
use crate::ui::unlock::{self, Again};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// A row's place for what it says of its access token.
pub fn place() -> Element {
    let place = dom::element("div", "token-access");
    dom::set_attr(&place, "data-access", "");
    dom::set_attr(&place, "aria-live", "polite");
    dom::append(&place, &dom::element("p", "token-live"));
    place
}

/// The place of the row of record `id`, if it is shown.
fn place_of(id: &str) -> Option<Element> {
    dom::row("[data-oauth-row]", id)?
        .query_selector("[data-access]")
        .ok()
        .flatten()
}

/// Check: asks the background, shows what it found in the row.
pub fn check(token: OAuthToken, again: Again) {
    let Some(place) = place_of(&token.id) else {
        return;
    };
    let asking = UserText::from(crate::i18n::Message::new(key("checking")));
    show(&place, "", &[asking]);
    spawn_local(async move {
        let reply = browser::ask(&ZohoRequest::Check { id: token.id }).await;
        if unlock::locked(&reply, again) {
            return show(&place, "", &[]);
        }
        match reply {
            Some(Reply::Checked { said }) => show(&place, "works", &said),
            // Refused (in Zoho's words), or Zoho out of reach.
            Some(Reply::Problem { message, .. } | Reply::Failed { message }) => {
                show(&place, "fails", &[message])
            }
            other => {
                show(&place, "", &[]);
                status::unexpected(other)
            }
        }
    });
}

/// The Check's outcome in `place`: `word` ("works", "fails"; empty while
/// Zoho is asked) and its lines; none takes it away.
fn show(place: &Element, word: &str, lines: &[UserText]) {
    if let Some(old) = place.query_selector(".check-result").ok().flatten() {
        old.remove();
    }
    if lines.is_empty() {
        return;
    }
    let result = dom::element("div", "check-result");
    if !word.is_empty() {
        dom::set_attr(&result, "data-check", word);
    }
    for line in lines {
        dom::append(
            &result,
            &dom::text_element("p", "", &browser::received(line)),
        );
    }
    dom::append(place, &result);
}

/// Reads the access tokens kept for `ids` (once, as the rows are first
/// drawn), and shows each row's live line.
pub fn read_live(ids: impl Iterator<Item = String>) {
    let keys = ids.map(|id| JsValue::from_str(&access_key(&id))).collect();
    spawn_local(async move {
        for (key, value) in session::some(keys).await {
            live_changed(&key, &value);
        }
    });
}

/// An access token the background kept (`undefined`: removed), said in its
/// row. Only its expiry and mints are read; the token stays where it is.
pub fn live_changed(entry: &str, value: &JsValue) {
    let Some(line) = entry
        .strip_prefix(ACCESS_KEY_PREFIX)
        .and_then(place_of)
        .and_then(|place| place.first_element_child())
    else {
        return;
    };
    let now = browser::now_ms();
    let expires = field::<u64>(value, CachedAccess::expires).unwrap_or(0);
    // Read in place: a list of times needs no list of its own here.
    let mints = js_sys::Reflect::get(value, &CachedAccess::mints.into())
        .ok()
        .filter(js_sys::Array::is_array)
        .map(wasm_bindgen::JsCast::unchecked_into::<js_sys::Array>)
        .unwrap_or_default();
    let left = access::mints_left(
        mints.iter().filter_map(|m| m.as_f64()).map(|m| m as u64),
        now,
    );
    let mut args = vec![left.to_string(), MINTS_PER_WINDOW.to_string()];
    let text = if expires > now {
        args.push(access::minutes_left(expires, now).to_string());
        browser::text(key("accessLive"), &args)
    } else if left < MINTS_PER_WINDOW {
        browser::text(key("mintsLeft"), &args)
    } else {
        String::new()
    };
    line.set_text_content(Some(&text));
}
