//! News from the background: what happened in a Zoho tab while the popup was
//! closed, asked for when the popup opens and whenever the background keeps some.

use super::{state, status};
use crate::browser::{self, dom};
use crate::protocol::{Reply, StoreRequest};

/// Asks for the news and shows it. The answer also tells that the background
/// is alive (`body[data-background]`).
pub async fn take() {
    match browser::ask(&StoreRequest::TakeNotice).await {
        Some(Reply::Notice(notice)) => {
            if let Some(body) = dom::document().body() {
                dom::set_attr(&body, "data-background", "ready");
            }
            if let Some(notice) = notice {
                if notice.target.is_some() {
                    state::set_problem(notice.target.clone());
                }
                status::show_notice(&notice);
            }
        }
        other => status::unexpected(other),
    }
}
