//! `storage.onChanged`: what the background (or another window) wrote, each
//! entry handed to the part of the popup that shows it. The one router of
//! storage changes; the key catalogue (`store::keys`) says which entry is
//! which.

use super::{authtokens, data_centre, notice, oauth, state};
use crate::store::keys::{
    ACCESS_KEY_PREFIX, CLIENT_KEY_PREFIX, NOTICE_KEY, OAUTH_KEY_PREFIX, SETTINGS_KEY,
    TOKEN_KEY_PREFIX,
};
use crate::store::Settings;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;

/// Applies each changed entry of `area` to the screen.
pub fn storage_changed(changes: JsValue, area: String) {
    let entries = js_sys::Object::entries(changes.unchecked_ref());
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let (Some(key), change) = (entry.get(0).as_string(), entry.get(1)) else {
            continue;
        };
        let new_value =
            js_sys::Reflect::get(&change, &"newValue".into()).unwrap_or(JsValue::UNDEFINED);
        match area.as_str() {
            "session" if key == NOTICE_KEY && !new_value.is_undefined() => {
                spawn_local(notice::take())
            }
            "session" if key.starts_with(ACCESS_KEY_PREFIX) => {
                oauth::check::live_changed(&key, &new_value)
            }
            "local" if key == SETTINGS_KEY => {
                let settings = Settings::read(Some(&new_value));
                if settings.dc != state::dc() {
                    data_centre::show(settings.dc);
                }
            }
            "local" if key.starts_with(OAUTH_KEY_PREFIX) || key.starts_with(CLIENT_KEY_PREFIX) => {
                oauth::stored(&key, &new_value)
            }
            "local" if key.starts_with(TOKEN_KEY_PREFIX) => {
                authtokens::list::stored(&key, &new_value)
            }
            _ => {}
        }
    }
}
