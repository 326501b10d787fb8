//! One saved token in the list.

use crate::browser::{self, dom};
use crate::i18n::{key, Key};
use crate::store::SavedToken;
use crate::zoho::Preset;
use wasm_bindgen::{JsCast, JsValue, UnwrapThrowExt};
use web_sys::Element;

/// Makes the rows from what every row shares, which is made once per page (a
/// list can be long).
pub struct RowMaker {
    /// A row with its elements, classes and button labels but no token:
    /// cloning it is one call into the browser, where building a row
    /// element by element took some seventy.
    prototype: Element,
    /// Accessible-name templates with `\u{1}` where the application's name goes.
    reveal_for: String,
    copy_for: String,
    forget_for: String,
    date: js_sys::Function,
}

/// Where the application's name goes in an accessible name: a `char`, so
/// filling it in needs no substring searcher in the module.
const SLOT: char = '\u{1}';

thread_local! {
    /// Made once per page: message look-ups and a date formatter cost time.
    static SHARED: std::rc::Rc<RowMaker> = std::rc::Rc::new(RowMaker::new());
}

impl RowMaker {
    /// The page's one row maker.
    pub fn shared() -> std::rc::Rc<RowMaker> {
        SHARED.with(std::rc::Rc::clone)
    }

    fn new() -> RowMaker {
        let template = |key: Key| browser::text(key, &[SLOT.to_string()]);
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        RowMaker {
            prototype: prototype(),
            reveal_for: template(key("revealFor")),
            copy_for: template(key("copyFor")),
            forget_for: template(key("forgetFor")),
            date: js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format(),
        }
    }

    /// One saved token's row: names, scope, data centre, date, masked token, actions.
    pub fn render(&self, token: &SavedToken) -> Element {
        let row: Element = self
            .prototype
            .clone_node_with_deep(true)
            .expect_throw("cloning an element the page made")
            .unchecked_into();
        dom::set_attr(&row, "data-id", &token.id);
        // The prototype's shape is fixed below, so every part is there.
        let _ = self.fill(&row, token);
        row
    }

    /// The token's texts, in the parts of a row cloned from the prototype.
    fn fill(&self, row: &Element, token: &SavedToken) -> Option<()> {
        let app = app_name(token);
        let head = row.first_element_child()?;
        let app_part = head.first_element_child()?;
        app_part.set_text_content(Some(app));
        let name = app_part.next_element_sibling()?;
        name.set_text_content(Some(&token.display_name));
        let details = head.next_element_sibling()?;
        details.set_text_content(Some(&format!(
            "{} · {} · {}",
            token.scope,
            token.dc.plain_name().to_ascii_uppercase(),
            self.created(token.created)
        )));
        let value = details.next_element_sibling()?;
        value.set_text_content(Some(&token.token.masked()));
        let reveal = value.next_element_sibling()?.first_element_child()?;
        dom::set_attr(&reveal, "aria-label", &self.reveal_for.replace(SLOT, app));
        let copy = reveal.next_element_sibling()?;
        dom::set_attr(&copy, "aria-label", &self.copy_for.replace(SLOT, app));
        let forget = copy.next_element_sibling()?;
        dom::set_attr(&forget, "aria-label", &self.forget_for.replace(SLOT, app));
        Some(())
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

/// A row without a token: the parts [`RowMaker::fill`] walks, in its order.
fn prototype() -> Element {
    let row = dom::element("li", "token-row");
    dom::set_attr(&row, "data-token-row", "");
    dom::set_attr(&row, "tabindex", "-1");
    let head = dom::element("div", "token-head");
    dom::append(&head, &dom::element("span", "token-app"));
    dom::append(&head, &dom::element("span", "token-name"));
    dom::append(&row, &head);
    dom::append(&row, &dom::element("span", "token-details"));
    dom::append(&row, &dom::element("code", "token-value"));
    let actions = dom::element("div", "token-actions");
    let reveal = dom::button(&browser::text(key("reveal"), &[]), "reveal");
    dom::set_attr(&reveal, "aria-pressed", "false");
    dom::append(&actions, &reveal);
    dom::append(
        &actions,
        &dom::button(&browser::text(key("copy"), &[]), "copy"),
    );
    dom::append(
        &actions,
        &dom::button(&browser::text(key("forget"), &[]), "forget"),
    );
    dom::append(&row, &actions);
    row
}

/// The name users know the application by: the preset's, or the `DISPLAY_NAME`.
pub fn app_name(token: &SavedToken) -> &str {
    Preset::app_name(&token.display_name)
}
