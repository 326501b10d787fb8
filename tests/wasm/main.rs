//! The Rust core running as Wasm in a real browser page (Chromium and Firefox),
//! through wasm-bindgen-test. Native `cargo test` covers the logic in depth; these
//! prove that it behaves the same once compiled to Wasm and fed browser values.
#![cfg(target_arch = "wasm32")]

use authtoken_keeper::plain::Decode;
use authtoken_keeper::protocol::{Reply, Request, Target};
use authtoken_keeper::store::{TokenList, Unreadable};
use authtoken_keeper::zoho::response::{self, Cause, TokenResponse};
use authtoken_keeper::zoho::{DataCentre, TokenRequest};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A value as `chrome.storage` and `runtime.sendMessage` hand it back: plain JS.
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

fn to_js(value: &impl serde::Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
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
    let value = to_js(&list.tokens()[0]);
    let object: &js_sys::Object = value.dyn_ref().expect("a plain object");
    let json = String::from(js_sys::JSON::stringify(object).unwrap());
    assert!(json.contains(r#""displayName":"x""#));
    assert!(json.contains(r#""created":5"#));
}

#[wasm_bindgen_test]
fn messages_read_back_what_serde_wrote() {
    let target = Target {
        display_name: "checkemail".into(),
        scope: "ZohoCRM/crmapi".into(),
        dc: DataCentre::Jp,
    };
    for request in [
        Request::TakeNotice,
        Request::Generate(target.clone()),
        Request::Forget { id: "a-1".into() },
        Request::ZohoPage {
            url: "https://accounts.zoho.com/apiauthtoken/create".into(),
            html: None,
        },
    ] {
        assert_eq!(Request::decode(&to_js(&request)), Some(request));
    }
    for reply in [Reply::Done, Reply::Notice(None), Reply::Busy] {
        assert_eq!(Reply::decode(&to_js(&reply)), Some(reply));
    }
    for bad in [
        r#""dropAll""#,
        r#"{"generate":{"displayName":5}}"#,
        "null",
        "[]",
    ] {
        assert_eq!(Request::decode(&js(bad)), None, "{bad}");
    }
}
