//! The background: owns the generate flow and is the only writer of storage.
//! Each message from a page is one request in, one reply out.

mod generate;
mod tabs;

use crate::browser::{self, storage};
use crate::i18n::Message;
use crate::protocol::{Reply, Request};
use crate::store::{SavedToken, Settings};
use wasm_bindgen::prelude::*;

/// Handles one message. `tab_id` is the sending tab's (the content script's), or -1.
pub async fn handle(message: JsValue, tab_id: i32) -> JsValue {
    let reply = match serde_wasm_bindgen::from_value::<Request>(message) {
        Ok(request) => dispatch(request, tab_id).await,
        Err(_) => failed("errBadRequest"),
    };
    browser::to_js(&reply)
}

async fn dispatch(request: Request, tab_id: i32) -> Reply {
    match request {
        Request::TakeNotice => {
            browser::set_badge("").await;
            Reply::Notice(tabs::take_notice().await)
        }
        Request::Generate(target) => generate::generate(target).await,
        Request::SignIn(target) => tabs::open_sign_in(target).await,
        Request::OpenPage(target) => tabs::open_create_page(target).await,
        Request::ZohoPage { url, html } => tabs::page_seen(tab_id, &url, html).await,
        Request::Forget { id } => done_or_failed(storage::forget_token(&id).await),
        Request::Restore { token } => restore(token).await,
        Request::SetDataCentre { dc } => {
            done_or_failed(storage::save_settings(&Settings { dc }).await)
        }
    }
}

fn done_or_failed(result: Result<(), storage::StorageError>) -> Reply {
    match result {
        Ok(()) => Reply::Done,
        Err(_) => failed("errStorage"),
    }
}

/// Undo of Forget: the record comes back under its own id, unless the same token
/// is already saved again.
async fn restore(token: SavedToken) -> Reply {
    match storage::load().await {
        Ok((list, _)) if list.holds(&token.token) => Reply::Done,
        Ok(_) => match storage::save_token(&token).await {
            Ok(()) => Reply::Saved { token },
            Err(_) => failed("errStorage"),
        },
        Err(_) => failed("errStorage"),
    }
}

pub(crate) fn failed(key: &'static str) -> Reply {
    Reply::Failed {
        message: Message::new(key).into(),
    }
}
