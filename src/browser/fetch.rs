//! Loading Zoho's pages with the user's session cookies (the token-create page,
//! or only the status of one), and posting to its OAuth token endpoint without them.

use crate::http::{Answer, Body, MAX_BODY_BYTES};
use gloo_net::http::{Request, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, ReadableStreamDefaultReader, RequestCache, RequestCredentials, RequestRedirect,
    ResponseType,
};

/// How long Zoho gets to answer before the user is told it timed out.
pub const TIME_LIMIT_MS: u32 = 15_000;

/// GETs `url` with the browser's cookies for it, following redirects, and reads
/// at most [`MAX_BODY_BYTES`] of the body.
pub async fn get(url: &str) -> Answer {
    let signal = AbortSignal::timeout_with_u32(TIME_LIMIT_MS);
    let response = match with_session(url, &signal).send().await {
        Ok(response) => response,
        Err(_) if signal.aborted() => return Answer::TimedOut,
        Err(_) => return redirect_or_network(url).await,
    };
    let body = match read_limited(&response).await {
        Ok(body) => body,
        Err(()) if signal.aborted() => return Answer::TimedOut,
        Err(()) => return Answer::Network,
    };
    Answer::Page {
        status: response.status(),
        final_url: response.url(),
        body,
    }
}

/// POSTs a form to Zoho's OAuth token endpoint: without cookies (the client's
/// secret is the credential), never cached, and never following a redirect (a
/// form of secrets is not resent elsewhere; a redirect is answered as such);
/// the body read as for [`get`].
pub async fn post_form(url: &str, form: &str) -> Answer {
    let signal = AbortSignal::timeout_with_u32(TIME_LIMIT_MS);
    let request = Request::post(url)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .redirect(RequestRedirect::Manual)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .abort_signal(Some(&signal))
        .body(form);
    let response = match request {
        Ok(request) => request.send().await,
        Err(_) => return Answer::Network,
    };
    let response = match response {
        Ok(response) => response,
        Err(_) if signal.aborted() => return Answer::TimedOut,
        Err(_) => return Answer::Network,
    };
    if response.type_() == ResponseType::Opaqueredirect {
        return Answer::Redirected;
    }
    match read_limited(&response).await {
        Ok(body) => Answer::Page {
            status: response.status(),
            final_url: response.url(),
            body,
        },
        Err(()) if signal.aborted() => Answer::TimedOut,
        Err(()) => Answer::Network,
    }
}

/// A GET of a Zoho page as the user's browser would load it: with the session
/// cookies for that host, never from the cache, given up when `signal` fires.
fn with_session(url: &str, signal: &AbortSignal) -> RequestBuilder {
    Request::get(url)
        .credentials(RequestCredentials::Include)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(signal))
}

/// Reads the body chunk by chunk and stops the download as soon as it passes
/// [`MAX_BODY_BYTES`]: a chunked or compressed answer declares no (true) length,
/// so the count is kept here, never trusted to a header.
async fn read_limited(response: &Response) -> Result<Body, ()> {
    let Some(stream) = response.body() else {
        return Ok(Body::from_bytes(&[]));
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let read = JsFuture::from(reader.read()).await.map_err(drop)?;
        if Reflect::get(&read, &JsValue::from_str("done"))
            .map_err(drop)?
            .is_truthy()
        {
            return Ok(Body::from_bytes(&bytes));
        }
        let chunk: Uint8Array = Reflect::get(&read, &JsValue::from_str("value"))
            .map_err(drop)?
            .dyn_into()
            .map_err(drop)?;
        let start = bytes.len();
        if start + chunk.length() as usize > MAX_BODY_BYTES {
            // Stops the transfer; what was read is dropped unread.
            let _ = reader.cancel();
            return Ok(Body::TooLarge);
        }
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
}

/// A followed fetch fails both for a dead connection and for a redirect the
/// extension may not follow (another site, or a loop). Asking again without
/// following tells the two apart.
async fn redirect_or_network(url: &str) -> Answer {
    let signal = AbortSignal::timeout_with_u32(TIME_LIMIT_MS);
    let probe = with_session(url, &signal)
        .redirect(RequestRedirect::Manual)
        .send()
        .await;
    match probe {
        Ok(response) if response.type_() == ResponseType::Opaqueredirect => Answer::Redirected,
        _ => Answer::Network,
    }
}

/// How long a data-centre session check may take.
const PROBE_LIMIT_MS: u32 = 5_000;

/// GETs `url` with the browser's cookies, following redirects, without reading
/// the body: its status and the address it finally came from, if it answered
/// in time.
pub async fn probe(url: &str) -> Option<(u16, String)> {
    let signal = AbortSignal::timeout_with_u32(PROBE_LIMIT_MS);
    let response = with_session(url, &signal).send().await.ok()?;
    Some((response.status(), response.url()))
}
