//! Loading Zoho's token-create page with the user's session cookies.

use crate::zoho::response::MAX_BODY_BYTES;
use crate::zoho::verdict::{Answer, Body};
use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCache, RequestCredentials, RequestRedirect, ResponseType};

/// How long Zoho gets to answer before the user is told it timed out.
pub const TIME_LIMIT_MS: u32 = 15_000;

/// GETs `url` with the browser's cookies for it, following redirects, and reads
/// at most [`MAX_BODY_BYTES`] of the body.
pub async fn get(url: &str) -> Answer {
    let signal = AbortSignal::timeout_with_u32(TIME_LIMIT_MS);
    let sent = Request::get(url)
        .credentials(RequestCredentials::Include)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal))
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(_) if signal.aborted() => return Answer::TimedOut,
        Err(_) => return redirect_or_network(url).await,
    };
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    let body = if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        Body::TooLarge
    } else {
        match response.binary().await {
            Ok(bytes) => Body::from_bytes(&bytes),
            Err(_) if signal.aborted() => return Answer::TimedOut,
            Err(_) => return Answer::Network,
        }
    };
    Answer::Page {
        status: response.status(),
        final_url: response.url(),
        body,
    }
}

/// A followed fetch fails both for a dead connection and for a redirect the
/// extension may not follow (another site, or a loop). Asking again without
/// following tells the two apart.
async fn redirect_or_network(url: &str) -> Answer {
    let signal = AbortSignal::timeout_with_u32(TIME_LIMIT_MS);
    let probe = Request::get(url)
        .credentials(RequestCredentials::Include)
        .cache(RequestCache::NoStore)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&signal))
        .send()
        .await;
    match probe {
        Ok(response) if response.type_() == ResponseType::Opaqueredirect => Answer::Redirected,
        _ => Answer::Network,
    }
}
