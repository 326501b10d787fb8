//! Saved OAuth refresh tokens and the Self Clients they were made with: each
//! its own storage entry (`oauth:<id>`, `client:<dc>:<client ID>`, and from
//! version 1 `client:<dc>`), versioned, read like token records (a damaged or
//! newer one is kept untouched and reported).
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::keys::{CLIENT_KEY_PREFIX, OAUTH_KEY_PREFIX};
use super::order;
use super::record::{is_valid_id, new_id, read_versioned, require, Unreadable};
use crate::oauth::client::{self, looks_like_id, CLIENT_VERSION, ONE_PER_DC_VERSION};
use crate::oauth::request::is_label;
use crate::oauth::{scopes, Secret, SelfClient};
use crate::plain::{plain_type, Plain};
use crate::vault::kept::Kept;
use crate::zoho::DataCentre;

/// The OAuth record layout this version writes.
pub const OAUTH_VERSION: u32 = 1;
/// The most Self Clients a file brings (one person's many accounts).
pub const MAX_CLIENTS: usize = 200;
/// Refresh tokens Zoho keeps per user and client: making one more deletes the oldest.
pub const REFRESH_TOKENS_PER_CLIENT: usize = 20;

plain_type! {
    /// A refresh token the user made with a Self Client, with what it is for.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct OAuthToken {
        /// Layout version of the record.
        pub v: u32 as "v",
        /// The record's id (as for token records).
        pub id: String as "id",
        /// The application's name the user gave it.
        pub label: String as "label",
        /// The OAuth scopes it was granted, comma joined.
        pub scopes: String as "scopes",
        /// Where it was made, and where it is refreshed.
        pub dc: DataCentre as "dc",
        /// Where the product APIs are for it.
        pub api_domain: String as "apiDomain",
        /// The Self Client it belongs to.
        pub client_id: String as "clientId",
        /// The long-lived secret.
        pub refresh_token: Kept<Secret> as "refreshToken",
        /// When it was made, ms since the Unix epoch.
        pub created: u64 as "created",
        /// When Zoho refused it (revoked or deleted there), if it did.
        pub rejected: Option<u64> as "rejected",
    }
}

impl OAuthToken {
    /// A record for a refresh token just issued, with a fresh id.
    pub fn new(
        label: &str,
        scopes: &str,
        client: &SelfClient,
        refresh_token: Secret,
        api_domain: &str,
        created: u64,
        nonce: u32,
    ) -> OAuthToken {
        OAuthToken {
            v: OAUTH_VERSION,
            id: new_id(created, nonce),
            label: label.to_string(),
            scopes: scopes.to_string(),
            dc: client.dc,
            api_domain: api_domain.to_string(),
            client_id: client.client_id.clone(),
            refresh_token: Kept::Open(refresh_token),
            created,
            rejected: None,
        }
    }

    /// `Err(field)` unless every field is one this extension writes: what an
    /// import holds a record to. (Another of the nine API domains than the
    /// client's is Zoho's to give.)
    pub fn check(&self) -> Result<(), &'static str> {
        require(
            self.refresh_token.open().is_some(),
            OAuthToken::refresh_token,
        )?;
        require(is_label(&self.label), OAuthToken::label)?;
        let scopes = scopes::check(&self.scopes);
        require(scopes.as_ref() == Ok(&self.scopes), OAuthToken::scopes)?;
        self.check_sinks()
    }

    /// The fields that reach Zoho, a script or an address, held to what the
    /// extension writes: what a read from storage checks. (The name and the
    /// scopes are only ever shown, as text; their full check weighed 5 KB
    /// gzipped in the background's first module.)
    pub fn check_sinks(&self) -> Result<(), &'static str> {
        require(self.v == OAUTH_VERSION, OAuthToken::v)?;
        require(is_valid_id(&self.id), OAuthToken::id)?;
        // One of Zoho's nine, spelt as Zoho spells it.
        let api = DataCentre::ALL
            .into_iter()
            .any(|dc| dc.api_domain() == self.api_domain);
        require(api, OAuthToken::api_domain)?;
        require(looks_like_id(&self.client_id), OAuthToken::client_id)?;
        // A sealed one is checked when it is opened.
        require(
            self.refresh_token
                .open()
                .map_or(true, Secret::is_bearer_token),
            OAuthToken::refresh_token,
        )
    }

    /// The record's own storage key, `oauth:<id>`.
    pub fn storage_key(&self) -> String {
        format!("{OAUTH_KEY_PREFIX}{}", self.id)
    }
}

/// Everything saved for OAuth: tokens newest first, clients by data centre, and
/// the entries that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthSaved {
    pub(super) tokens: Vec<OAuthToken>,
    pub(super) clients: Vec<SelfClient>,
    pub(super) unreadable: Vec<(String, Unreadable)>,
}

impl OAuthSaved {
    /// Nothing saved (a `const`, as `TokenList::EMPTY`).
    pub const EMPTY: OAuthSaved = OAuthSaved {
        tokens: Vec::new(),
        clients: Vec::new(),
        unreadable: Vec::new(),
    };

    /// Reads every storage entry; keys of other kinds are ignored.
    pub fn from_entries<'a, V: Plain + 'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a V)>,
    ) -> OAuthSaved {
        let mut saved = OAuthSaved::default();
        for (key, value) in entries {
            if let Some(id) = key.strip_prefix(OAUTH_KEY_PREFIX) {
                let valid = |t: &OAuthToken| t.id == id && t.check_sinks().is_ok();
                match read_versioned(value, OAUTH_VERSION, valid) {
                    Ok(token) => saved.tokens.push(token),
                    Err(why) => saved.unreadable.push((key.to_string(), why)),
                }
            } else if let Some(rest) = key.strip_prefix(CLIENT_KEY_PREFIX) {
                // `<dc>:<client ID>`, or version 1's `<dc>`.
                let (code, id, version) = match rest.split_once(':') {
                    Some((code, id)) => (code, Some(id), CLIENT_VERSION),
                    None => (rest, None, ONE_PER_DC_VERSION),
                };
                // The shapes a pasted client is held to (its full check, trim
                // and all, is the import's; the label is only ever shown, as text).
                let valid = |c: &SelfClient| {
                    c.dc.plain_name() == code
                        && id.map_or(true, |id| c.client_id == id)
                        && looks_like_id(&c.client_id)
                        && c.client_secret
                            .open()
                            .map_or(true, |s| client::looks_like_secret(s.expose()))
                };
                match read_versioned(value, version, valid) {
                    Ok(client) => saved.read_client(client),
                    Err(why) => saved.unreadable.push((key.to_string(), why)),
                }
            }
        }
        saved.sort();
        saved
    }

    fn sort(&mut self) {
        order::newest_first(&mut self.tokens, |t| (t.created, &t.id));
        order::by_key(&mut self.unreadable);
    }

    /// Newest first.
    pub fn tokens(&self) -> &[OAuthToken] {
        &self.tokens
    }

    /// The readable refresh tokens, to change in place.
    pub fn tokens_mut(&mut self) -> &mut [OAuthToken] {
        &mut self.tokens
    }

    /// The readable clients, to change in place.
    pub fn clients_mut(&mut self) -> &mut [SelfClient] {
        &mut self.clients
    }

    /// The storage keys of entries left untouched, and why.
    pub fn unreadable(&self) -> &[(String, Unreadable)] {
        &self.unreadable
    }

    /// The readable token record with this id.
    pub fn find(&self, id: &str) -> Option<&OAuthToken> {
        self.tokens.iter().find(|t| t.id == id)
    }

    /// Every saved client.
    pub fn clients(&self) -> &[SelfClient] {
        &self.clients
    }

    /// Whether a record with this id is stored, readable or not.
    pub fn id_taken(&self, id: &str) -> bool {
        self.find(id).is_some()
            || self
                .unreadable
                .iter()
                .any(|(key, _)| key.strip_prefix(OAUTH_KEY_PREFIX) == Some(id))
    }

    /// How many saved refresh tokens belong to this client: at
    /// [`REFRESH_TOKENS_PER_CLIENT`], making another deletes Zoho's oldest.
    pub fn count_for_client(&self, client_id: &str) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.client_id == client_id)
            .count()
    }

    /// The oldest saved refresh token of this client: the one Zoho most
    /// likely deletes when a twenty-first is made.
    pub fn oldest_for_client(&self, client_id: &str) -> Option<&OAuthToken> {
        self.tokens.iter().rev().find(|t| t.client_id == client_id)
    }

    /// Adds or replaces a token record (as the store just did); keeps the order.
    pub fn put(&mut self, token: OAuthToken) {
        self.tokens.retain(|t| t.id != token.id);
        self.tokens.push(token);
        self.sort();
    }

    /// Removes a token record by id; returns it if it was there.
    pub fn remove(&mut self, id: &str) -> Option<OAuthToken> {
        let at = self.tokens.iter().position(|t| t.id == id)?;
        Some(self.tokens.remove(at))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::oauth::client::check;
    use crate::plain::Encode;
    use serde_json::{json, Value};

    pub(crate) const ID: &str = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
    pub(crate) const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789";

    pub(crate) const OTHER_ID: &str = "1000.ZYXWVUTSRQPONMLKJIHGFEDCBA9876";

    pub(crate) fn client(dc: DataCentre) -> SelfClient {
        check(dc, ID, SECRET, "").unwrap()
    }

    pub(crate) fn labelled(dc: DataCentre, id: &str, label: &str) -> SelfClient {
        check(dc, id, SECRET, label).unwrap()
    }

    /// A client as version 1 wrote it, under `client:<dc>`.
    pub(crate) fn one_per_dc(dc: &str, id: &str) -> Value {
        json!({"v": 1, "dc": dc, "clientId": id, "clientSecret": SECRET})
    }

    pub(crate) fn token(created: u64, nonce: u32) -> OAuthToken {
        OAuthToken::new(
            "Books sync",
            "ZohoBooks.fullaccess.all",
            &client(DataCentre::Eu),
            Secret::new("1000.r.t"),
            "https://www.zohoapis.eu",
            created,
            nonce,
        )
    }

    pub(crate) fn read(entries: &[(&str, Value)]) -> OAuthSaved {
        OAuthSaved::from_entries(entries.iter().map(|(k, v)| (*k, v)))
    }

    #[test]
    fn records_and_clients_round_trip_through_their_stored_form() {
        let (a, b) = (token(1_700_000_000_000, 1), token(1_700_000_000_500, 2));
        let eu = client(DataCentre::Eu);
        let stored = |t: &OAuthToken| t.encode::<serde_json::Value>();
        let saved = read(&[
            (&a.storage_key(), stored(&a)),
            (&b.storage_key(), stored(&b)),
            (&eu.storage_key(), eu.encode::<serde_json::Value>()),
            ("token:x", json!("not ours")),
            ("settings", json!({"dc": "eu"})),
        ]);
        assert_eq!(saved.tokens(), [b.clone(), a.clone()]);
        assert_eq!(saved.client(DataCentre::Eu, ID), Some(&eu));
        assert_eq!(saved.client(DataCentre::Us, ID), None);
        assert_eq!(saved.client(DataCentre::Eu, OTHER_ID), None);
        assert!(saved.unreadable().is_empty());
        assert_eq!(saved.count_for_client(ID), 2);
        assert_eq!(saved.oldest_for_client(ID), Some(&a));
        assert_eq!(saved.oldest_for_client("1000.OTHER"), None);
        assert_eq!(stored(&a)["refreshToken"], "1000.r.t");
        assert_eq!(stored(&a)["rejected"], Value::Null);
    }

    #[test]
    fn damaged_and_newer_entries_are_reported_and_their_ids_stay_taken() {
        let good = token(1_700_000_000_000, 1);
        let mut wrong_id = good.encode::<serde_json::Value>();
        wrong_id["id"] = json!("someone-else");
        let saved = read(&[
            ("oauth:d-1", wrong_id),
            ("oauth:n-1", json!({"v": 2, "id": "n-1"})),
            ("oauth:x-1", json!({"v": 1})),
            ("client:eu", one_per_dc("us", ID)),
            ("client:us", json!({"v": 3})),
            (&format!("client:in:{OTHER_ID}"), json!({"v": 3})),
            // Under another client's ID, or version 1 where 2 belongs.
            (
                &format!("client:jp:{OTHER_ID}"),
                labelled(DataCentre::Jp, ID, "A").encode(),
            ),
            (&format!("client:au:{ID}"), one_per_dc("au", ID)),
        ]);
        assert!(saved.tokens().is_empty() && saved.clients().is_empty());
        assert_eq!(
            saved.unreadable(),
            [
                (format!("client:au:{ID}"), Unreadable::Damaged),
                ("client:eu".to_string(), Unreadable::Damaged),
                (format!("client:in:{OTHER_ID}"), Unreadable::Newer(3)),
                (format!("client:jp:{OTHER_ID}"), Unreadable::Damaged),
                ("client:us".to_string(), Unreadable::Newer(3)),
                ("oauth:d-1".to_string(), Unreadable::Damaged),
                ("oauth:n-1".to_string(), Unreadable::Newer(2)),
                ("oauth:x-1".to_string(), Unreadable::Damaged),
            ]
        );
        assert!(saved.id_taken("d-1") && saved.id_taken("n-1") && !saved.id_taken("z-1"));
    }

    /// What storage hands back is held to what the extension writes: a
    /// record it would never have written is kept untouched, and not used.
    #[test]
    fn a_stored_record_the_extension_would_not_write_is_unreadable() {
        let good = token(1_700_000_000_000, 1);
        let changed = |field: &str, value: serde_json::Value| {
            let mut record = good.encode::<serde_json::Value>();
            record[field] = value;
            let key = good.storage_key();
            read(&[(key.as_str(), record)]).unreadable().to_vec()
        };
        let damaged = vec![(good.storage_key(), Unreadable::Damaged)];
        for (field, value) in [
            ("apiDomain", json!("https://www.zohoapis.com.evil.example")),
            ("refreshToken", json!("1000.$(touch /tmp/owned)")),
            ("clientId", json!("1000.abc")),
        ] {
            assert_eq!(changed(field, value.clone()), damaged, "{field}: {value}");
        }
        assert!(changed("apiDomain", json!("https://www.zohoapis.in")).is_empty());
        let spaced =
            json!({"v": 1, "dc": "eu", "clientId": format!(" {ID}"), "clientSecret": SECRET});
        let client = read(&[("client:eu", spaced)]);
        assert_eq!(
            client.unreadable(),
            [("client:eu".to_string(), Unreadable::Damaged)]
        );
    }
}
