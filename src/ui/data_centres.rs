//! The data-centre choice: how a data centre is named on screen, and the
//! `<select>` both pages offer.

use crate::browser::{self, dom};
use crate::i18n::key;
use crate::protocol::{Reply, StoreRequest};
use crate::ui::status::show_key as show;
use crate::zoho::DataCentre;

/// "EU · Europe": the code users see on Zoho's hosts, and the region's name.
pub fn label(dc: DataCentre) -> String {
    format!(
        "{} · {}",
        dc.plain_name().to_ascii_uppercase(),
        browser::text(dc.name_key(), &[])
    )
}

/// Fills the `<select id="dc">` with the nine data centres, `selected` chosen;
/// with the accounts host after each name when `with_host`.
pub fn fill(selected: DataCentre, with_host: bool) {
    let Some(select) = dom::by_id("dc") else {
        return;
    };
    select.set_text_content(None);
    for dc in DataCentre::ALL {
        let mut text = label(dc);
        if with_host {
            text.push_str(&format!(" ({})", dc.accounts_host()));
        }
        let option = dom::text_element("option", "", &text);
        dom::set_attr(&option, "value", dc.plain_name());
        if dc == selected {
            dom::set_attr(&option, "selected", "");
        }
        dom::append(&select, &option);
    }
}

/// The data centre the `<select id="dc">` shows.
pub fn chosen() -> Option<DataCentre> {
    DataCentre::from_plain_name(&dom::value("dc"))
}

/// Keeps the data centre the `<select id="dc">` shows as the default (the
/// options and welcome pages), and says so, or that storage refused it.
pub async fn save_chosen() {
    let Some(dc) = chosen() else {
        return;
    };
    match browser::ask(&StoreRequest::SetDataCentre { dc }).await {
        Some(Reply::Done) => show(
            key("dcSaved"),
            &[dc.plain_name().to_ascii_uppercase()],
            false,
        ),
        _ => show(key("errStorage"), &[], true),
    }
}
