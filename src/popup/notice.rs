//! News from the background: what happened in a Zoho tab while the popup was
//! closed, asked for when the popup opens and whenever the background keeps some.

use super::{state, status};
use crate::browser::{self, dom};
use crate::protocol::{Reply, StoreRequest};
use crate::ui::unlock;
use crate::vault::lock::VaultState;

/// Marks where the vault stands; with it off and a secret saved, offers it.
fn offer_vault(vault: VaultState) {
    unlock::mark_as(vault);
    let saved = state::with_list(|list| !list.tokens().is_empty())
        || state::with_oauth(|oauth| !oauth.tokens().is_empty() || !oauth.clients().is_empty());
    if let Some(offer) = dom::by_id("vault-offer") {
        dom::set_hidden(&offer, !(vault == VaultState::Off && saved));
    }
}

/// Asks for the news and shows it. The answer also tells that the background
/// is alive (`body[data-background]`).
pub async fn take() {
    match browser::ask(&StoreRequest::TakeNotice).await {
        Some(Reply::Notice { news, vault }) => {
            if let Some(body) = dom::document().body() {
                dom::set_attr(&body, "data-background", "ready");
            }
            offer_vault(vault);
            if let Some(notice) = news {
                if notice.target.is_some() {
                    state::set_problem(notice.target.clone());
                }
                status::show_notice(&notice);
            }
        }
        other => status::unexpected(other),
    }
}
