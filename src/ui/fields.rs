//! Problems shown at the fields of a form: each under its input (the element
//! `<input id>-error`), the input marked `aria-invalid`.

use crate::browser;
use crate::browser::dom;
use crate::protocol::{FieldError, FieldName};

/// Shows the problems the background found, each at its field (see [`show_errors`]).
pub fn show_received(errors: &[FieldError], fields: &[(FieldName, &str)]) {
    let texts: Vec<_> = errors
        .iter()
        .map(|e| (e.field, browser::received(&e.message)))
        .collect();
    show_errors(&texts, fields);
}

/// Shows each problem at its field and clears the others; `fields` maps each
/// field of the form to its input's id.
pub fn show_errors(errors: &[(FieldName, String)], fields: &[(FieldName, &str)]) {
    for (field, input) in fields {
        let text = errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, t)| t.as_str());
        if let Some(el) = dom::by_id(&format!("{input}-error")) {
            el.set_text_content(text);
        }
        if let Some(el) = dom::by_id(input) {
            let invalid = if text.is_some() { "true" } else { "false" };
            dom::set_attr(&el, "aria-invalid", invalid);
        }
    }
}
