//! What older versions wrote keeps reading: their exports (versions 1 and 2)
//! and `storage.local` from before several clients (one a data centre, under
//! `client:<dc>`, without a label).

use super::samples::{authtoken, path, presets, refresh_token, self_client};
use crate::oauth::{client, SelfClient};
use crate::store::import;
use crate::store::oauth::OAuthSaved;
use serde_json::Value;

/// `storage.local` as the version before several clients left it (one client
/// a data centre, under `client:<dc>`, without a label): every entry reads.
#[test]
fn storage_from_before_several_clients_reads_whole() {
    let text = std::fs::read_to_string(path("storage-local-before-clients.json")).unwrap();
    let old: Value = serde_json::from_str(&text).unwrap();
    let entries = old
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v));
    let saved = OAuthSaved::from_entries(entries);
    assert!(saved.unreadable().is_empty());
    let SelfClient { v, label, .. } = self_client();
    let client = SelfClient {
        v: client::ONE_PER_DC_VERSION,
        label: None,
        ..self_client()
    };
    assert_eq!(
        (v, label.as_deref()),
        (client::CLIENT_VERSION, Some("Acme"))
    );
    assert_eq!(saved.clients(), std::slice::from_ref(&client));
    assert_eq!(client.storage_key(), "client:eu");
    assert_eq!(saved.tokens(), [refresh_token()]);
}

/// An export of version 2 (one client a data centre, without a label)
/// still imports, its client as it was.
#[test]
fn an_export_from_version_2_still_imports() {
    let text = std::fs::read_to_string(path("export-v2.json")).unwrap();
    let old: Value = serde_json::from_str(&text).unwrap();
    let file = import::read(&old).expect("a version 2 export imports");
    let client = SelfClient {
        v: client::ONE_PER_DC_VERSION,
        label: None,
        ..self_client()
    };
    assert_eq!(file.clients, Some(vec![client]));
    assert_eq!(file.oauth, Some(vec![refresh_token()]));
}

/// A file an older version wrote (version 1: tokens and presets, no OAuth)
/// still imports, with nothing of it lost.
#[test]
fn an_export_from_version_1_still_imports() {
    let text = std::fs::read_to_string(path("export-v1.json")).unwrap();
    let old: Value = serde_json::from_str(&text).unwrap();
    let file = import::read(&old).expect("a version 1 export imports");
    assert_eq!(file.v, 1);
    assert_eq!(file.tokens, [authtoken()]);
    assert_eq!(file.presets, presets().items);
    assert_eq!((file.oauth, file.clients), (None, None));
}
