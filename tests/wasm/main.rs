//! The Rust core running as Wasm in a real browser page (Chromium and Firefox),
//! through wasm-bindgen-test. Native `cargo test` covers the logic in depth; these
//! prove that it behaves the same once compiled to Wasm and fed browser values.
#![cfg(target_arch = "wasm32")]

use authtoken_keeper::store::{StoredValue, TokenList, Unreadable};
use authtoken_keeper::zoho::response::{self, Cause, TokenResponse};
use authtoken_keeper::zoho::{DataCentre, TokenRequest};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A value as `chrome.storage` hands it back: a plain JS object.
struct Js(JsValue);

impl StoredValue for Js {
    fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_wasm_bindgen::from_value(self.0.clone()).ok()
    }
}

fn js(json: &str) -> Js {
    Js(js_sys::JSON::parse(json).expect("test JSON parses"))
}

#[wasm_bindgen_test]
fn parses_token_bodies_in_wasm() {
    let body = format!("#\r\n#date\r\nAUTHTOKEN={TOKEN}\r\nRESULT=TRUE\r\n");
    assert!(
        matches!(response::parse(body.as_bytes()), Ok(TokenResponse::Issued(t)) if t.expose() == TOKEN)
    );
    let cap = "CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE";
    assert_eq!(
        response::parse(cap.as_bytes()),
        Ok(TokenResponse::Refused(Cause::TokenCapReached))
    );
}

#[wasm_bindgen_test]
fn builds_urls_in_wasm() {
    let request = TokenRequest::new("checkemail", "ZohoCRM/crmapi").unwrap();
    assert_eq!(
        request.create_url(DataCentre::In),
        "https://accounts.zoho.in/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail"
    );
}

#[wasm_bindgen_test]
fn reads_storage_shaped_js_objects() {
    let good = js(&format!(
        r#"{{"v":1,"id":"a-1","token":"{TOKEN}","displayName":"checkemail","scope":"ZohoCRM/crmapi","dc":"eu","created":1700000000000}}"#
    ));
    let newer = js(r#"{"v":9,"sealed":true}"#);
    let damaged = js(r#"{"v":1,"id":"b-2","token":42}"#);
    let junk = js("[1,2,3]");
    let entries = [
        ("token:a-1", &good),
        ("token:n-1", &newer),
        ("token:b-2", &damaged),
        ("other", &junk),
    ];
    let list = TokenList::from_entries(entries);
    assert_eq!(list.tokens().len(), 1);
    assert_eq!(list.tokens()[0].dc, DataCentre::Eu);
    assert_eq!(list.tokens()[0].created, 1_700_000_000_000);
    assert_eq!(
        list.unreadable(),
        [
            ("token:b-2".to_string(), Unreadable::Damaged),
            ("token:n-1".to_string(), Unreadable::Newer(9))
        ]
    );
}

#[wasm_bindgen_test]
fn records_serialise_to_plain_js_objects() {
    let list = TokenList::from_entries([(
        "token:a-1",
        &js(&format!(
            r#"{{"v":1,"id":"a-1","token":"{TOKEN}","displayName":"x","scope":"A/b","dc":"us","created":5}}"#
        )),
    )]);
    let value = serde::Serialize::serialize(
        &list.tokens()[0],
        &serde_wasm_bindgen::Serializer::json_compatible(),
    )
    .unwrap();
    let object: &js_sys::Object = value.dyn_ref().expect("a plain object");
    let json = String::from(js_sys::JSON::stringify(object).unwrap());
    assert!(json.contains(r#""displayName":"x""#));
    assert!(json.contains(r#""created":5"#));
}
