//! The Rust core running as Wasm in a real browser page (Chromium and Firefox),
//! through wasm-bindgen-test. Native `cargo test` covers the logic in depth; these
//! prove that it behaves the same once compiled to Wasm and fed browser values.
#![cfg(target_arch = "wasm32")]

use authtoken_keeper::i18n::{key, Message};
use authtoken_keeper::oauth::answer::{read_revoke, read_token};
use authtoken_keeper::oauth::{OAuthError, Refusal, Secret, SelfClient};
use authtoken_keeper::plain::{Decode, Encode};
use authtoken_keeper::protocol::{
    Exchange, PageReport, Reply, StoreRequest, Target, UserText, ZohoRequest,
};
use authtoken_keeper::store::oauth::OAuthToken;
use authtoken_keeper::store::{TokenList, Unreadable};
use authtoken_keeper::zoho::response::{self, Cause, TokenResponse};
use authtoken_keeper::zoho::verdict::Remedy;
use authtoken_keeper::zoho::{DataCentre, TokenRequest};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A value as `chrome.storage` and `runtime.sendMessage` hand it back: plain JS.
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

/// Written by the one writer storage and messages use.
fn to_js(value: &impl Encode) -> JsValue {
    value.encode()
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
fn messages_read_back_what_was_written() {
    let target = Target {
        display_name: "checkemail".into(),
        scope: "ZohoCRM/crmapi".into(),
        dc: DataCentre::Jp,
    };
    for request in [
        StoreRequest::TakeNotice,
        StoreRequest::Forget { id: "a-1".into() },
    ] {
        assert_eq!(StoreRequest::decode(&to_js(&request)), Some(request));
    }
    let generate = ZohoRequest::Generate(target.clone());
    assert_eq!(ZohoRequest::decode(&to_js(&generate)), Some(generate));
    let report = PageReport::ZohoPage {
        url: "https://accounts.zoho.com/apiauthtoken/create".into(),
        html: None,
    };
    assert_eq!(PageReport::decode(&to_js(&report)), Some(report));
    let notice = Reply::Notice {
        news: None,
        vault: authtoken_keeper::vault::lock::VaultState::Open,
    };
    for reply in [Reply::Done, notice, Reply::Busy] {
        assert_eq!(Reply::decode(&to_js(&reply)), Some(reply));
    }
    for bad in [
        r#""dropAll""#,
        r#"{"generate":{"displayName":5}}"#,
        "null",
        "[]",
    ] {
        assert_eq!(StoreRequest::decode(&js(bad)), None, "{bad}");
        assert_eq!(ZohoRequest::decode(&js(bad)), None, "{bad}");
    }
}

/// A Self Client and a refresh token record, as the OAuth messages carry them.
fn oauth_record() -> (SelfClient, OAuthToken) {
    let client = authtoken_keeper::oauth::client::check(
        DataCentre::Eu,
        "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "0123456789abcdef0123456789abcdef0123456789",
        "Acme",
    )
    .expect("a well-shaped client");
    let token = OAuthToken::new(
        "Books sync",
        "ZohoBooks.fullaccess.all",
        &client,
        Secret::new("1000.fedcba9876543210.0123456789abcdef"),
        "https://www.zohoapis.eu",
        1_700_000_000_000,
        7,
    );
    (client, token)
}

/// Every OAuth message through the writer and reader the pages and the
/// background use (the small `Encode` writer into a JS value, then `Decode`),
/// and through the message channel's copy of it (`JSON` round trip).
#[wasm_bindgen_test]
fn oauth_messages_cross_the_channel_with_the_pages_writer_and_reader() {
    let (client, token) = oauth_record();
    let store_requests = [
        StoreRequest::SaveClient {
            dc: DataCentre::Eu,
            client_id: client.client_id.clone(),
            client_secret: client.client_secret.open().unwrap().expose().to_string(),
            label: "Acme".into(),
        },
        StoreRequest::ForgetClient {
            dc: DataCentre::Ca,
            client_id: client.client_id.clone(),
        },
        StoreRequest::ForgetOAuth {
            id: token.id.clone(),
        },
        StoreRequest::RestoreOAuth {
            token: token.clone(),
        },
    ];
    let zoho_requests = [
        ZohoRequest::Exchange(Exchange {
            dc: DataCentre::Eu,
            client_id: client.client_id.clone(),
            code: "1000.aa.bb".into(),
            label: "Books sync".into(),
            scopes: "ZohoBooks.fullaccess.all".into(),
            past_cap: true,
        }),
        ZohoRequest::AccessToken {
            id: token.id.clone(),
        },
        ZohoRequest::Revoke {
            id: token.id.clone(),
        },
    ];
    let said = UserText::with_said(
        Message::new(key("oauthInvalidCode")),
        Some("The code has expired"),
    );
    let replies = [
        Reply::OAuthSaved {
            token: token.clone(),
        },
        Reply::AtCap { held: 20 },
        Reply::Access {
            token: Secret::new("1000.access.token"),
            minutes: 59,
        },
        Reply::Problem {
            message: said,
            remedies: vec![Remedy::ApiConsole],
            elsewhere: vec![DataCentre::Us, DataCentre::Uk],
        },
    ];
    for request in store_requests {
        crosses(request);
    }
    for request in zoho_requests {
        crosses(request);
    }
    for reply in replies {
        crosses(reply);
    }
    // Stored records too: what storage hands back reads as what was written.
    crosses(token);
    crosses(client);
}

/// `value` written into a JS value reads back as itself, as written and after
/// the message channel's copy of it (a `JSON` round trip).
fn crosses<T: Encode + Decode + PartialEq + std::fmt::Debug>(value: T) {
    let written: JsValue = value.encode();
    let copied = js(&String::from(js_sys::JSON::stringify(&written).unwrap()));
    assert_eq!(T::decode(&written).as_ref(), Some(&value));
    assert_eq!(T::decode(&copied), Some(value));
}

/// A token answer as the background reads it: `JSON.parse`d by the browser.
#[wasm_bindgen_test]
fn reads_oauth_token_answers_parsed_by_the_browser() {
    let answer = js(
        r#"{"access_token":"1000.a.b","refresh_token":"1000.r.t","scope":"ZohoCRM.modules.ALL ZohoCRM.org.READ",
            "api_domain":"https://www.zohoapis.in","token_type":"Bearer","expires_in":1800}"#,
    );
    let grant = read_token(200, Some(&answer), true).expect("a grant");
    assert_eq!(grant.access_token.expose(), "1000.a.b");
    assert_eq!(
        grant.refresh_token.as_ref().map(Secret::expose),
        Some("1000.r.t")
    );
    assert_eq!(grant.api_domain, Some(DataCentre::In));
    assert_eq!(
        grant.scopes.as_deref(),
        Some("ZohoCRM.modules.ALL,ZohoCRM.org.READ")
    );
    assert_eq!(grant.lifetime_s, 1800);
    let refused = js(r#"{"error":"invalid_grant","error_description":"expired"}"#);
    assert_eq!(
        read_token(400, Some(&refused), true),
        Err(OAuthError::Refused(
            Refusal::InvalidCode,
            Some("expired".into())
        ))
    );
    assert_eq!(
        read_token(200, Some(&js(r#"{"access_token":42}"#)), false),
        Err(OAuthError::MissingToken)
    );
    assert_eq!(read_revoke(200, Some(&js("{}")), false), Ok(()));
    assert_eq!(
        read_revoke(200, Some(&js(r#"{"status":"success"}"#)), false),
        Ok(())
    );
    assert_eq!(
        read_revoke(400, Some(&js(r#"{"status":"failure"}"#)), false),
        Err(OAuthError::RevokeRefused)
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// WebCrypto through the extension's bindings gives the published answers:
/// PBKDF2-HMAC-SHA256 (RFC 7914 §11, the first 32 bytes) and AES-256-GCM
/// (the GCM specification's test case 14).
#[wasm_bindgen_test]
async fn pbkdf2_and_aes_gcm_give_the_known_answers() {
    use authtoken_keeper::browser::crypto::{decrypt, derive_key, encrypt, random_bytes};
    let key = derive_key("passwd", b"salt", 1).await.unwrap();
    assert_eq!(
        hex(&key),
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
    );
    let key = derive_key("Password", b"NaCl", 80_000).await.unwrap();
    assert_eq!(
        hex(&key),
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
    );
    let sealed = encrypt(&[0; 32], &[0; 12], &[0; 16]).await.unwrap();
    assert_eq!(
        hex(&sealed),
        "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"
    );
    assert_eq!(decrypt(&[0; 32], &[0; 12], &sealed).await.unwrap(), [0; 16]);
    // One bit changed, or another key: refused.
    let mut changed = sealed.clone();
    changed[3] ^= 1;
    assert!(decrypt(&[0; 32], &[0; 12], &changed).await.is_err());
    assert!(decrypt(&[1; 32], &[0; 12], &sealed).await.is_err());
    // Fresh randomness each time.
    assert_ne!(random_bytes(16).unwrap(), random_bytes(16).unwrap());
}

/// The encrypted export as documented, written by another implementation
/// (Python's hashlib and cryptography, from tests/golden/export-v2.json),
/// opens with its passphrase into an export that imports.
#[wasm_bindgen_test]
async fn a_documented_encrypted_export_opens_and_imports() {
    use authtoken_keeper::browser::crypto::{decrypt, derive_key};
    use authtoken_keeper::vault::envelope;
    let file = js(include_str!("../golden/encrypted-export-v1.json"));
    assert!(envelope::is_encrypted(&file));
    let sealed = envelope::open(&file).unwrap();
    let key = derive_key("correct horse battery", &sealed.salt, sealed.iterations)
        .await
        .unwrap();
    let plain = decrypt(&key, &sealed.iv, &sealed.data).await.unwrap();
    let inner = js(std::str::from_utf8(&plain).unwrap());
    let export = authtoken_keeper::store::import::read(&inner).unwrap();
    assert_eq!(export.v, 2);
    assert_eq!(export.oauth.unwrap().len(), 1);
    let wrong = derive_key("correct horse battery?", &sealed.salt, sealed.iterations)
        .await
        .unwrap();
    assert!(decrypt(&wrong, &sealed.iv, &sealed.data).await.is_err());
}

/// The vault's format as documented, written by another implementation
/// (`tests/golden/seal-storage.py`): the passphrase opens the vault's check,
/// every sealed secret opens under its own record's key and no other, and a
/// wrong passphrase opens nothing.
#[wasm_bindgen_test]
async fn a_documented_vault_opens_each_secret_only_in_its_own_record() {
    use authtoken_keeper::browser::crypto::AesKey;
    use authtoken_keeper::browser::vault::{derive, Keys, UnlockError};
    use authtoken_keeper::oauth::SelfClient;
    use authtoken_keeper::store::oauth::OAuthSaved;
    use authtoken_keeper::vault::lock::{Closed, Standing};
    let file = js(include_str!("../golden/storage-local-vault.json"));
    let record = js_sys::Reflect::get(&file, &"vault".into()).unwrap();
    let Standing::Locked(vault) = Standing::read(Some(&record), None, 0) else {
        panic!("the vault's record reads");
    };
    let wrong = derive(&vault, "correct horse battery?").await;
    assert_eq!(wrong.err(), Some(UnlockError::Wrong));
    let key = derive(&vault, "correct horse battery").await.unwrap();
    let keys = Keys::Open(AesKey::new(&key).await.unwrap(), vault.salt.clone());
    let entries = authtoken_keeper::browser::entries(&file);
    let pairs = || entries.iter().map(|(k, v)| (k.as_str(), v));
    let tokens = TokenList::from_entries(pairs());
    let oauth = OAuthSaved::from_entries(pairs());
    let token = &tokens.tokens()[0];
    let opened = keys
        .reveal(&token.storage_key(), &token.token)
        .await
        .unwrap();
    assert_eq!(opened.expose(), TOKEN);
    let refresh = &oauth.tokens()[0];
    let opened = keys
        .reveal(&refresh.storage_key(), &refresh.refresh_token)
        .await;
    assert_eq!(
        opened.unwrap().expose(),
        "1000.0123456789abcdef.fedcba9876543210"
    );
    let client: &SelfClient = &oauth.clients()[0];
    let opened = keys
        .reveal(&client.storage_key(), &client.client_secret)
        .await;
    assert_eq!(
        opened.unwrap().expose(),
        "0123456789abcdef0123456789abcdef0123456789"
    );
    // Moved into another record, a sealed secret does not open.
    let moved = keys.reveal("token:another", &token.token).await;
    assert_eq!(moved.err(), Some(Closed::Damaged));
    // Sealed again here, it opens again; locked, it does not.
    let sealed = keys.keep("token:x", opened_token()).await.unwrap();
    assert_eq!(
        keys.reveal("token:x", &sealed).await.unwrap(),
        opened_token()
    );
    assert_eq!(
        Keys::Locked.reveal("token:x", &sealed).await.err(),
        Some(Closed::Locked)
    );
}

fn opened_token() -> authtoken_keeper::zoho::AuthToken {
    authtoken_keeper::zoho::AuthToken::parse(TOKEN).unwrap()
}
