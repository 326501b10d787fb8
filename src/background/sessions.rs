//! Which data centres the browser is signed in to: each one's account page
//! loaded with the browser's cookies (all at once), judged by `zoho::page`.

use crate::browser::fetch;
use crate::zoho::{page, DataCentre};
use wasm_bindgen::{JsCast, JsValue};

/// Whether the browser has a live Zoho session on this data centre.
async fn signed_in(dc: DataCentre) -> bool {
    fetch::probe(&dc.account_page_url())
        .await
        .is_some_and(|(status, url)| page::shows_session(dc, status, &url))
}

/// The other data centres the browser is signed in to, checked all at once.
pub async fn signed_in_elsewhere(except: DataCentre) -> Vec<DataCentre> {
    let others: Vec<DataCentre> = DataCentre::ALL
        .into_iter()
        .filter(|dc| *dc != except)
        .collect();
    let checks: js_sys::Array = others
        .iter()
        .map(|dc| {
            let dc = *dc;
            wasm_bindgen_futures::future_to_promise(async move {
                Ok(JsValue::from_bool(signed_in(dc).await))
            })
        })
        .collect();
    let Ok(results) = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&checks)).await
    else {
        return Vec::new();
    };
    let results: js_sys::Array = results.unchecked_into();
    others
        .into_iter()
        .zip(results.iter())
        .filter(|(_, signed_in)| signed_in.as_bool() == Some(true))
        .map(|(dc, _)| dc)
        .collect()
}
