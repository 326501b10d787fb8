//! One saved token in the list.

use crate::action::Action;
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
    /// The buttons' accessible names, the application's name to go in.
    reveal_for: Template,
    copy_for: Template,
    forget_for: Template,
    date: js_sys::Function,
}

/// Where the application's name goes in an accessible name: a `char`, so
/// finding it needs no substring searcher in the module.
const SLOT: char = '\u{1}';

/// A message with the application's name to go in, cut where it goes once
/// per page, so each row only joins three pieces.
struct Template {
    before: String,
    /// `None` if the message has no place for the name (then it is whole).
    after: Option<String>,
}

impl Template {
    fn new(key: Key) -> Template {
        let text = browser::text(key, &[SLOT.to_string()]);
        match text.split_once(SLOT) {
            Some((before, after)) => Template {
                before: before.to_string(),
                after: Some(after.to_string()),
            },
            None => Template {
                before: text,
                after: None,
            },
        }
    }

    fn with(&self, app: &str) -> String {
        match &self.after {
            Some(after) => joined(&[&self.before, app, after]),
            None => self.before.clone(),
        }
    }
}

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
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        RowMaker {
            prototype: prototype(),
            reveal_for: Template::new(key("revealFor")),
            copy_for: Template::new(key("copyFor")),
            forget_for: Template::new(key("forgetFor")),
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
        let dc = token.dc.plain_name().to_ascii_uppercase();
        let created = self.created(token.created);
        details.set_text_content(Some(&joined(&[&token.scope, " · ", &dc, " · ", &created])));
        let value = details.next_element_sibling()?;
        value.set_text_content(Some(&token.token.masked()));
        let reveal = value.next_element_sibling()?.first_element_child()?;
        dom::set_attr(&reveal, "aria-label", &self.reveal_for.with(app));
        let copy = reveal.next_element_sibling()?;
        dom::set_attr(&copy, "aria-label", &self.copy_for.with(app));
        let forget = copy.next_element_sibling()?;
        dom::set_attr(&forget, "aria-label", &self.forget_for.with(app));
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

/// The texts one after another (`concat` brings a second copy of the
/// standard library's joining code into the module, ~650 B).
fn joined(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    text
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
    let reveal = dom::button(&browser::text(key("reveal"), &[]), Action::Reveal);
    dom::set_attr(&reveal, "aria-pressed", "false");
    dom::append(&actions, &reveal);
    dom::append(
        &actions,
        &dom::button(&browser::text(key("copy"), &[]), Action::Copy),
    );
    dom::append(
        &actions,
        &dom::button(&browser::text(key("forget"), &[]), Action::Forget),
    );
    dom::append(&row, &actions);
    row
}

/// The name users know the application by: the preset's, or the `DISPLAY_NAME`.
pub fn app_name(token: &SavedToken) -> &str {
    Preset::app_name(&token.display_name)
}
