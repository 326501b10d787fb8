//! The background: owns the generate flow and is the only writer of storage.
//! Each message from a page is one request in, one reply out.

mod generate;
mod tabs;

use crate::browser::{self, storage};
use crate::i18n::Message;
use crate::protocol::{Reply, Request, State};
use crate::store::SavedToken;
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
        Request::State => {
            browser::set_badge("").await;
            let notice = tabs::take_notice().await;
            match state().await {
                Ok(mut state) => {
                    state.notice = notice;
                    Reply::State(state)
                }
                Err(reply) => reply,
            }
        }
        Request::Generate(target) => generate::generate(target).await,
        Request::SignIn(target) => tabs::open_sign_in(target).await,
        Request::OpenPage(target) => tabs::open_create_page(target).await,
        Request::ZohoPage { url, html } => tabs::page_seen(tab_id, &url, html).await,
        Request::Forget { id } => match storage::forget_token(&id).await {
            Ok(()) => state().await.map_or_else(|r| r, Reply::State),
            Err(_) => failed("errStorage"),
        },
        Request::Restore { token } => restore(token).await,
        Request::SetDataCentre { dc } => {
            let settings = crate::store::Settings { dc };
            match storage::save_settings(&settings).await {
                Ok(()) => state().await.map_or_else(|r| r, Reply::State),
                Err(_) => failed("errStorage"),
            }
        }
    }
}

/// Current tokens and settings, or the reply that says storage failed.
pub(crate) async fn state() -> Result<State, Reply> {
    match storage::load().await {
        Ok((list, settings)) => Ok(State {
            tokens: list.tokens().to_vec(),
            unreadable: list.unreadable().len() as u32,
            settings,
            notice: None,
        }),
        Err(_) => Err(failed("errStorage")),
    }
}

/// Undo of Forget: the record comes back under its own id, unless the same token
/// is already saved again.
async fn restore(token: SavedToken) -> Reply {
    match storage::load().await {
        Ok((list, _)) if list.holds(&token.token) => {}
        Ok(_) => {
            if storage::save_token(&token).await.is_err() {
                return failed("errStorage");
            }
        }
        Err(_) => return failed("errStorage"),
    }
    state().await.map_or_else(|r| r, Reply::State)
}

pub(crate) fn failed(key: &'static str) -> Reply {
    Reply::Failed {
        message: Message::new(key).into(),
    }
}
