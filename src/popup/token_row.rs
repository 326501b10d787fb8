//! One saved token in the list.

use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::store::SavedToken;
use crate::zoho::Preset;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The words every row repeats, looked up once per rendering (a list can be long).
pub struct RowTexts {
    reveal: String,
    copy: String,
    forget: String,
    /// Accessible-name templates with `\u{1}` where the application's name goes.
    reveal_for: String,
    copy_for: String,
    forget_for: String,
    date: js_sys::Function,
}

const SLOT: &str = "\u{1}";

thread_local! {
    /// Made once per page: message look-ups and a date formatter cost time.
    static SHARED: std::rc::Rc<RowTexts> = std::rc::Rc::new(RowTexts::new());
}

impl RowTexts {
    /// The texts every row uses, looked up once per list.
    pub fn shared() -> std::rc::Rc<RowTexts> {
        SHARED.with(std::rc::Rc::clone)
    }

    fn new() -> RowTexts {
        let template = |key: Key| browser::text(key, &[SLOT.to_string()]);
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        RowTexts {
            reveal: browser::text(key("reveal"), &[]),
            copy: browser::text(key("copy"), &[]),
            forget: browser::text(key("forget"), &[]),
            reveal_for: template(key("revealFor")),
            copy_for: template(key("copyFor")),
            forget_for: template(key("forgetFor")),
            date: js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format(),
        }
    }

    /// One saved token's row: names, scope, data centre, date, masked token, actions.
    pub fn render(&self, token: &SavedToken) -> Element {
        let row = dom::element("li", "token-row");
        dom::set_attr(&row, "data-token-row", "");
        dom::set_attr(&row, "data-id", &token.id);
        dom::set_attr(&row, "tabindex", "-1");
        let app = app_name(token);
        let head = dom::element("div", "token-head");
        dom::append(&head, &dom::text_element("span", "token-app", app));
        dom::append(
            &head,
            &dom::text_element("span", "token-name", &token.display_name),
        );
        dom::append(&row, &head);
        let details = format!(
            "{} · {} · {}",
            token.scope,
            token.dc.plain_name().to_ascii_uppercase(),
            self.created(token.created)
        );
        dom::append(&row, &dom::text_element("span", "token-details", &details));
        dom::append(
            &row,
            &dom::text_element("code", "token-value", &token.token.masked()),
        );

        let actions = dom::element("div", "token-actions");
        let reveal = dom::button(&self.reveal, "reveal");
        dom::set_attr(&reveal, "aria-pressed", "false");
        dom::set_attr(&reveal, "aria-label", &self.reveal_for.replace(SLOT, app));
        let copy = dom::button(&self.copy, "copy");
        dom::set_attr(&copy, "aria-label", &self.copy_for.replace(SLOT, app));
        let forget = dom::button(&self.forget, "forget");
        dom::set_attr(&forget, "aria-label", &self.forget_for.replace(SLOT, app));
        for el in [&reveal, &copy, &forget] {
            dom::append(&actions, el);
        }
        dom::append(&row, &actions);
        row
    }

    fn created(&self, ms: u64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
        self.date
            .call1(&JsValue::UNDEFINED, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// The name users know the application by: the preset's, or the `DISPLAY_NAME`.
pub fn app_name(token: &SavedToken) -> &str {
    Preset::app_name(&token.display_name)
}
