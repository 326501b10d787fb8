//! The saved-token list on screen, kept in step with storage: drawn once when
//! the popup opens, then changed row by row as the background saves or forgets.

use super::row::RowMaker;
use crate::browser::{self, dom};
use crate::i18n::key;
use crate::popup::state;
use crate::store::keys::TOKEN_KEY_PREFIX;
use crate::store::record::read_record;
use crate::store::{SavedToken, TokenList};
use crate::zoho::DataCentre;
use wasm_bindgen::JsValue;

/// Show the filter box from this many saved tokens on.
const FILTER_FROM: usize = 6;
/// Rows drawn before the popup counts as ready: more than a screenful.
const FIRST_ROWS: usize = 30;
/// Rows drawn per turn of the event loop after that.
const CHUNK_ROWS: usize = 200;

/// Draws the first screenful of rows; [`render_rest`] draws the others.
pub fn render_all(tokens: TokenList) {
    let Some(list) = dom::by_id("tokens") else {
        return;
    };
    list.set_text_content(None);
    let first = tokens.tokens().len().min(FIRST_ROWS);
    append_rows(&list, &tokens.tokens()[..first]);
    let unreadable = tokens.unreadable().len();
    state::change_list(|list| *list = tokens);
    if unreadable > 0 {
        if let Some(note) = dom::by_id("unreadable") {
            note.set_text_content(Some(&browser::text(
                key("unreadableRecords"),
                &[unreadable.to_string()],
            )));
            dom::set_hidden(&note, false);
        }
    }
    after_change();
}

/// Draws the rows below the first screen a chunk at a time, letting the
/// browser paint and handle input in between.
pub async fn render_rest() {
    let Some(list) = dom::by_id("tokens") else {
        return;
    };
    loop {
        let drawn = list.children().length() as usize;
        let chunk: Vec<SavedToken> = state::with_list(|list| {
            let tokens = list.tokens();
            tokens[drawn.min(tokens.len())..tokens.len().min(drawn + CHUNK_ROWS)].to_vec()
        });
        if chunk.is_empty() {
            break;
        }
        browser::next_turn().await;
        append_rows(&list, &chunk);
    }
    apply_filter();
}

fn append_rows(list: &web_sys::Element, tokens: &[SavedToken]) {
    let rows = RowMaker::shared();
    let fragment = dom::document().create_document_fragment();
    for token in tokens {
        let _ = fragment.append_child(&rows.render(token));
    }
    let _ = list.append_child(&fragment);
}

/// Shows a saved record (new, or restored) in its place, newest first. The
/// reply and the storage change both bring it: whichever comes first draws
/// the row, and the other finds it drawn.
pub fn show(token: &SavedToken) {
    let Some(list) = dom::by_id("tokens") else {
        return;
    };
    let drawn = state::with_list(|list| list.find(&token.id) == Some(token));
    if drawn && row(&token.id).is_some() {
        return;
    }
    let index = state::change_list(|list| {
        list.remove(&token.id);
        list.add(token.clone());
        list.tokens().iter().position(|t| t.id == token.id)
    });
    let Some(index) = index else { return };
    if let Some(old) = row(&token.id) {
        old.remove();
    }
    let row = RowMaker::shared().render(token);
    let next = list.children().item(index as u32);
    let _ = list.insert_before(&row, next.as_ref().map(|n| n.as_ref()));
    after_change();
}

/// An entry under `token:` the background wrote (`undefined`: removed),
/// applied to the list.
pub fn stored(key: &str, value: &JsValue) {
    if value.is_undefined() {
        hide(key.strip_prefix(TOKEN_KEY_PREFIX).unwrap_or_default());
    } else if let Some(Ok(token)) = read_record(key, value) {
        show(&token);
    }
}

/// Takes a record off the screen (forgotten, here or in another window).
pub fn hide(id: &str) {
    state::change_list(|list| list.remove(id));
    if let Some(row) = row(id) {
        row.remove();
    }
    after_change();
}

fn after_change() {
    show_manage_links();
    let count = state::with_list(|list| list.tokens().len());
    if let Some(empty) = dom::by_id("empty") {
        dom::set_hidden(&empty, count > 0);
    }
    if let Some(filter) = dom::by_id("filter-box") {
        dom::set_hidden(&filter, count < FILTER_FROM);
    }
    apply_filter();
}

/// Zoho's Active Authtokens page, once per list (per data centre when the
/// saved tokens come from several): where tokens are deleted at Zoho.
fn show_manage_links() {
    let Some(place) = dom::by_id("manage-at-zoho") else {
        return;
    };
    place.set_text_content(None);
    let dcs = state::with_list(|list| {
        let mut dcs: Vec<DataCentre> = Vec::new();
        for token in list.tokens() {
            if !dcs.contains(&token.dc) {
                dcs.push(token.dc);
            }
        }
        dcs
    });
    let text = browser::text(key("manageAtZoho"), &[]);
    for dc in &dcs {
        let label = if dcs.len() > 1 {
            format!("{text} ({})", dc.plain_name().to_ascii_uppercase())
        } else {
            text.clone()
        };
        dom::append(&place, &dom::link(&label, &dc.active_tokens_url()));
    }
    dom::set_hidden(&place, dcs.is_empty());
}

/// Hides the rows that do not contain the filter text (case-insensitive).
pub fn apply_filter() {
    let any = state::with_list(|list| !list.tokens().is_empty());
    crate::popup::filter::apply("filter", "[data-token-row]", "no-match", any);
}

/// The row element of a saved token, if it is shown.
pub fn row(id: &str) -> Option<web_sys::Element> {
    dom::all("[data-token-row]")
        .into_iter()
        .find(|row| row.get_attribute("data-id").as_deref() == Some(id))
}
