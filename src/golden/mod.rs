//! Every format the extension writes, pinned by a golden file in `tests/golden/`:
//! each kind of `storage.local` and `storage.session` entry, and each version
//! of the export file. A change to a format is a visible diff of these files,
//! and what older versions wrote keeps reading (the `export-v1` and `-v2`
//! files, and `storage-local-before-clients`: one client a data centre).
//!
//! A golden file is what the writer wrote once, read through by eye. To
//! rewrite them after a deliberate change: `GOLDEN_WRITE=1 cargo test --lib
//! golden`, then read the diff. The vault's form, written by another
//! implementation, is `vault`'s.

mod older;
mod samples;
mod vault;

use samples::{authtoken, path, presets, refresh_token, self_client, CREATED};

use crate::oauth::access::CachedAccess;
use crate::oauth::Secret;
use crate::plain::{Decode, Encode};
use crate::protocol::{Draft, Notice, Target, UserText};
use crate::store::export::{self, ExportFile};
use crate::store::import;
use crate::store::keys;
use crate::store::oauth::OAuthSaved;
use crate::store::{Settings, TokenList, UserPresets};
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;
use serde_json::{Map, Value};
use std::fmt::Debug;

/// The golden file `name`, or, when rewriting, `written` (which it becomes).
fn golden(name: &str, written: &Value) -> Value {
    if std::env::var_os("GOLDEN_WRITE").is_some() {
        let text = serde_json::to_string_pretty(written).unwrap() + "\n";
        std::fs::write(path(name), text).unwrap();
    }
    let text = std::fs::read_to_string(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `written` is exactly the golden file: a format change shows here first.
fn pinned(name: &str, written: Value) -> Value {
    let golden = golden(name, &written);
    assert!(
        written == golden,
        "{name}: the format changed. If that is meant, give the record a new \
         version, keep reading the old one, and rewrite the golden files \
         (GOLDEN_WRITE=1). Written now:\n{}",
        serde_json::to_string_pretty(&written).unwrap()
    );
    golden
}

/// `value` under `key` in an area's entries, and read back from the golden
/// form as itself.
fn entry<T: Encode + Decode + PartialEq + Debug>(
    entries: &mut Map<String, Value>,
    key: &str,
    value: &T,
) {
    let written: Value = value.encode();
    assert_eq!(T::decode(&written).as_ref(), Some(value), "{key}");
    entries.insert(key.to_string(), written);
}

fn target() -> Target {
    Target {
        display_name: "checkemail".into(),
        scope: "ZohoCRM/crmapi".into(),
        dc: DataCentre::Au,
    }
}

/// `storage.local` as this version leaves it, one entry of each kind, read
/// back by the readers the pages and the background use: nothing unreadable.
#[test]
fn every_local_entry_is_pinned_and_reads_back() {
    let (token, oauth, client) = (authtoken(), refresh_token(), self_client());
    let mut local = Map::new();
    entry(&mut local, &token.storage_key(), &token);
    entry(&mut local, &oauth.storage_key(), &oauth);
    entry(&mut local, &client.storage_key(), &client);
    entry(
        &mut local,
        keys::SETTINGS_KEY,
        &Settings {
            dc: DataCentre::Jp,
            clear_clipboard: Some(60),
        },
    );
    entry(&mut local, keys::PRESETS_KEY, &presets());
    let golden = pinned("storage-local.json", Value::Object(local));

    let entries: Vec<(&str, &Value)> = golden
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let tokens = TokenList::from_entries(entries.iter().copied());
    assert_eq!(
        (tokens.tokens(), tokens.unreadable()),
        (&[token][..], &[][..])
    );
    let saved = OAuthSaved::from_entries(entries.iter().copied());
    assert_eq!(saved.tokens(), [oauth]);
    assert_eq!(saved.clients(), [client]);
    assert!(saved.unreadable().is_empty());
    let settings = Settings::read(golden.get(keys::SETTINGS_KEY));
    assert_eq!(
        (settings.dc, settings.clear_after()),
        (DataCentre::Jp, Some(60))
    );
    assert_eq!(UserPresets::read(golden.get(keys::PRESETS_KEY)), presets());
    // Every kind the key catalogue names is here, or in the vault's file.
    let vault = vault::golden();
    for prefix in keys::LOCAL {
        assert!(
            entries.iter().any(|(k, _)| k.starts_with(prefix))
                || vault
                    .as_object()
                    .unwrap()
                    .keys()
                    .any(|k| k.starts_with(prefix)),
            "{prefix}"
        );
    }
}

/// `storage.session`: a cached access token, the news for the popup, the
/// popup's draft, a watched tab and a generation under way.
#[test]
fn every_session_entry_is_pinned_and_reads_back() {
    let mut session = Map::new();
    let grant = crate::oauth::Grant {
        access_token: Secret::new("1000.access.token"),
        refresh_token: None,
        api_domain: Some(crate::zoho::DataCentre::Us),
        scopes: Some("ZohoCRM.modules.ALL,ZohoCRM.org.READ".into()),
        lifetime_s: 3600,
    };
    let access = CachedAccess::minted(&grant, CREATED, None);
    entry(
        &mut session,
        &format!("{}o-1", keys::ACCESS_KEY_PREFIX),
        &access,
    );
    let notice = Notice {
        message: UserText {
            key: "tokenSaved".into(),
            args: vec!["checkemail".into()],
            said: None,
        },
        is_error: false,
        remedies: vec![Remedy::Retry],
        target: Some(target()),
    };
    entry(&mut session, keys::NOTICE_KEY, &notice);
    let draft = Draft {
        view: "oauth".into(),
        client_id: "1000.X".into(),
        label: "Books sync".into(),
        scopes: "ZohoBooks.fullaccess.all".into(),
        client: Some("1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123".into()),
    };
    entry(&mut session, keys::DRAFT_KEY, &draft);
    entry(
        &mut session,
        &format!("{}42", keys::TAB_KEY_PREFIX),
        &target(),
    );
    entry(
        &mut session,
        &format!("{}1a2b:0000beef", keys::FLIGHT_KEY_PREFIX),
        &target(),
    );
    // The open vault's key: in memory only, never in `storage.local`.
    let open = crate::vault::lock::OpenKey {
        key: crate::vault::base64::encode(&[5; 32]),
        salt: crate::vault::base64::encode(&[6; 16]),
        last_use: CREATED,
    };
    entry(&mut session, keys::VAULT_OPEN_KEY, &open);
    // A change of the vault under way: when it began.
    entry(&mut session, keys::VAULT_CHANGE_KEY, &CREATED);
    let copied = crate::store::settings::Copied {
        digest: crate::vault::base64::encode(&[7; 32]),
    };
    entry(&mut session, keys::COPIED_KEY, &copied);
    let golden = pinned("storage-session.json", Value::Object(session));

    let at = |prefix: &str| {
        let (_, value) = golden
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}"));
        value.clone()
    };
    assert_eq!(
        CachedAccess::decode(&at(keys::ACCESS_KEY_PREFIX)),
        Some(access)
    );
    assert_eq!(Notice::decode(&at(keys::NOTICE_KEY)), Some(notice));
    assert_eq!(Draft::decode(&at(keys::DRAFT_KEY)), Some(draft.clone()));
    // A draft an earlier build wrote kept the client secret typed: it still
    // reads, and the secret is left behind.
    let mut older = at(keys::DRAFT_KEY);
    older["clientSecret"] = Value::from("0123456789abcdef0123456789abcdef0123456789");
    assert_eq!(Draft::decode(&older), Some(draft));
    assert_eq!(Target::decode(&at(keys::TAB_KEY_PREFIX)), Some(target()));
    assert_eq!(Target::decode(&at(keys::FLIGHT_KEY_PREFIX)), Some(target()));
    let key = crate::vault::lock::OpenKey::decode(&at(keys::VAULT_OPEN_KEY));
    assert_eq!(key, Some(open));
    assert_eq!(u64::decode(&at(keys::VAULT_CHANGE_KEY)), Some(CREATED));
    let pending = crate::store::settings::Copied::decode(&at(keys::COPIED_KEY));
    assert_eq!(pending, Some(copied));
    assert_eq!(golden.as_object().unwrap().len(), keys::SESSION.len());
}

fn export_now() -> ExportFile {
    let token = authtoken();
    let tokens =
        TokenList::from_entries([(token.storage_key().as_str(), &token.encode::<Value>())]);
    let (oauth, client) = (refresh_token(), self_client());
    let oauth_entries: [(String, Value); 2] = [
        (oauth.storage_key(), oauth.encode()),
        (client.storage_key(), client.encode()),
    ];
    let saved = OAuthSaved::from_entries(oauth_entries.iter().map(|(k, v)| (k.as_str(), v)));
    export::build(&tokens, &presets(), &saved, CREATED + 3)
}

/// The export this version writes is pinned and imports whole.
#[test]
fn the_current_export_is_pinned_and_imports() {
    let file = export_now();
    assert_eq!(file.v, export::EXPORT_VERSION);
    let golden = pinned(
        &format!("export-v{}.json", export::EXPORT_VERSION),
        file.encode(),
    );
    assert_eq!(import::read(&golden), Ok(file));
}
