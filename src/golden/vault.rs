//! `storage.local` with the vault on: `tests/golden/storage-local-vault.json`,
//! written by another implementation (`tests/golden/seal-storage.py`) from
//! `storage-local.json`, read here as the extension reads storage (the Wasm
//! suite opens its secrets).

use crate::store::keys;
use crate::store::oauth::OAuthSaved;
use crate::store::TokenList;
use crate::vault::kept::Kept;
use crate::vault::lock::Standing;
use serde_json::Value;

/// `storage-local.json` with the vault on.
pub(super) fn golden() -> Value {
    parse(include_str!("../../tests/golden/storage-local-vault.json"))
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The entries of a storage area, as its readers take them.
fn entries(area: &Value) -> Vec<(&str, &Value)> {
    let all = area.as_object().unwrap().iter();
    all.map(|(k, v)| (k.as_str(), v)).collect()
}

/// With the vault on, every record reads with its secret sealed and every
/// other field as the plain golden file has it; the vault's record reads,
/// and it stands locked.
#[test]
fn every_sealed_entry_reads_back() {
    let plain = parse(include_str!("../../tests/golden/storage-local.json"));
    let vault = golden();
    let (plain, sealed) = (entries(&plain), entries(&vault));
    let (tokens, open_tokens) = (
        TokenList::from_entries(sealed.iter().copied()),
        TokenList::from_entries(plain.iter().copied()),
    );
    let (saved, open_saved) = (
        OAuthSaved::from_entries(sealed.iter().copied()),
        OAuthSaved::from_entries(plain.iter().copied()),
    );
    assert!(tokens.unreadable().is_empty() && saved.unreadable().is_empty());
    let mut token = tokens.tokens()[0].clone();
    assert!(matches!(token.token, Kept::Sealed(_)));
    token.token = open_tokens.tokens()[0].token.clone();
    assert_eq!(token, open_tokens.tokens()[0]);
    let mut oauth = saved.tokens()[0].clone();
    assert!(matches!(oauth.refresh_token, Kept::Sealed(_)));
    oauth.refresh_token = open_saved.tokens()[0].refresh_token.clone();
    assert_eq!(oauth, open_saved.tokens()[0]);
    let mut client = saved.clients()[0].clone();
    assert!(matches!(client.client_secret, Kept::Sealed(_)));
    client.client_secret = open_saved.clients()[0].client_secret.clone();
    assert_eq!(client, open_saved.clients()[0]);
    let standing = Standing::read(vault.get(keys::VAULT_KEY), None, 0);
    assert!(matches!(standing, Standing::Locked(_)), "{standing:?}");
}
