//! The background: the only writer of storage. Answers the popup's requests.

use crate::browser::storage;
use crate::i18n::Message;
use crate::protocol::{Reply, Request, State};
use wasm_bindgen::prelude::*;

/// Handles one message from an extension page and returns the reply to send back.
pub async fn handle(message: JsValue) -> JsValue {
    let reply = match serde_wasm_bindgen::from_value::<Request>(message) {
        Ok(Request::State) => state().await,
        Err(_) => failed("errBadRequest"),
    };
    reply
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

async fn state() -> Reply {
    match storage::load().await {
        Ok((list, settings)) => Reply::State(State {
            tokens: list.tokens().to_vec(),
            unreadable: list.unreadable().len() as u32,
            settings,
        }),
        Err(_) => failed("errStorage"),
    }
}

fn failed(key: &'static str) -> Reply {
    Reply::Failed {
        message: Message::new(key).into(),
    }
}

use serde::Serialize;
