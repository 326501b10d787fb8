//! The popup's data-centre choice: shown in the select, kept in the state,
//! and remembered by the background as the default.

use super::{oauth, state, status};
use crate::browser;
use crate::protocol::{Reply, StoreRequest};
use crate::ui::data_centres;
use crate::zoho::DataCentre;
use wasm_bindgen_futures::spawn_local;

/// Shows `dc` as chosen (at start, or chosen in another window).
pub fn show(dc: DataCentre) {
    state::set_dc(dc);
    data_centres::fill(dc, false);
    oauth::redraw();
}

/// The user picked a data centre in the select.
pub fn picked() {
    if let Some(dc) = data_centres::chosen() {
        state::set_dc(dc);
        oauth::redraw();
        remember(dc);
    }
}

/// Switches to `dc` (from a "Use EU" button): shown, and remembered.
pub fn switch_to(dc: DataCentre) {
    show(dc);
    remember(dc);
}

fn remember(dc: DataCentre) {
    spawn_local(async move {
        if let Some(Reply::Failed { message }) =
            browser::ask(&StoreRequest::SetDataCentre { dc }).await
        {
            status::error(&message);
        }
    });
}
