//! Export of the saved tokens (authtokens and OAuth), the Self Clients and the
//! user's presets to a JSON file, and the merge of such a file back (read and
//! checked by `import`): it adds what is new and never overwrites what is there.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::list::TokenList;
use super::oauth::{OAuthSaved, OAuthToken};
use super::presets::{UserPreset, UserPresets, MAX_PRESETS, PRESETS_VERSION};
use super::record::SavedToken;
use crate::oauth::client::{SelfClient, CLIENT_VERSION};
use crate::plain::plain_type;

/// What the file says it is, so another JSON file is not taken for one.
pub const EXPORT_FORMAT: &str = "authtoken-keeper-export";
/// The export layout this version writes (1 had no OAuth, 2 one client a
/// data centre, without labels; both still read).
pub const EXPORT_VERSION: u32 = 3;

plain_type! {
    /// An export: the saved tokens and the user's presets.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ExportFile {
        pub format: String as "format",
        pub v: u32 as "v",
        /// Milliseconds since the Unix epoch.
        pub exported: u64 as "exported",
        pub tokens: Vec<SavedToken> as "tokens",
        pub presets: Vec<UserPreset> as "presets",
        /// The Self Clients (since version 2).
        pub clients: Option<Vec<SelfClient>> as "clients",
        /// The OAuth refresh tokens (since version 2).
        pub oauth: Option<Vec<OAuthToken>> as "oauth",
    }
}

/// The export of what is saved, at `now` (ms).
pub fn build(
    tokens: &TokenList,
    presets: &UserPresets,
    oauth: &OAuthSaved,
    now: u64,
) -> ExportFile {
    ExportFile {
        format: EXPORT_FORMAT.to_string(),
        v: EXPORT_VERSION,
        exported: now,
        // Secrets in clear text only (the page opens sealed ones first): a
        // forgotten one has nothing to carry, one that does not open cannot.
        tokens: open(tokens.tokens(), |t| t.token.open().is_some()),
        presets: presets.items.clone(),
        clients: Some(open(oauth.clients(), |c| c.client_secret.open().is_some())),
        oauth: Some(open(oauth.tokens(), |t| t.refresh_token.open().is_some())),
    }
}

fn open<T: Clone>(records: &[T], is_open: impl Fn(&T) -> bool) -> Vec<T> {
    records.iter().filter(|r| is_open(r)).cloned().collect()
}

/// What an import will change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// Records to add (ids made unique).
    pub tokens: Vec<SavedToken>,
    /// Tokens in the file that are already saved.
    pub skipped: usize,
    /// The presets after the merge, and how many of them are new.
    pub presets: UserPresets,
    pub presets_added: usize,
    /// OAuth records to add (ids made unique).
    pub oauth: Vec<OAuthToken>,
    /// Clients to add: those not saved yet (by data centre and ID).
    pub clients: Vec<SelfClient>,
    /// Clients saved with another secret than the file's: the saved one is
    /// kept, and named to the user (name and data centre).
    pub conflicts: Vec<String>,
}

/// Adds what is new; a token already saved is skipped, an id already taken (by
/// any stored record, readable or not) gets a fresh one from `new_id`, a preset already listed is not repeated.
/// OAuth tokens and clients alike: a refresh token already saved is skipped,
/// and a client is added unless one of its data centre and ID is saved (with
/// another secret: a conflict, reported, the saved one kept).
pub fn plan(
    existing: &TokenList,
    presets: &UserPresets,
    oauth: &OAuthSaved,
    file: ExportFile,
    mut new_id: impl FnMut() -> String,
) -> MergePlan {
    let mut merged = TokenList::default();
    let mut plan = MergePlan {
        presets: presets.clone(),
        ..MergePlan::default()
    };
    for mut token in file.tokens {
        // (A file's secrets are in clear text: `import` refuses others.)
        let held = (token.token.open()).map_or(true, |t| existing.holds(t) || merged.holds(t));
        if held {
            plan.skipped += 1;
            continue;
        }
        while existing.id_taken(&token.id) || merged.id_taken(&token.id) {
            token.id = new_id();
        }
        merged.add(token.clone());
        plan.tokens.push(token);
    }
    for mut preset in file.presets {
        if plan.presets.holds(&preset) || plan.presets.items.len() >= MAX_PRESETS {
            continue;
        }
        while plan.presets.items.iter().any(|p| p.id == preset.id) {
            preset.id = new_id();
        }
        plan.presets.v = PRESETS_VERSION;
        plan.presets.items.push(preset);
        plan.presets_added += 1;
    }
    let mut merged = oauth.clone();
    for mut token in file.oauth.into_iter().flatten() {
        let held = merged
            .tokens()
            .iter()
            .any(|t| t.refresh_token == token.refresh_token);
        if held {
            plan.skipped += 1;
            continue;
        }
        while merged.id_taken(&token.id) {
            token.id = new_id();
        }
        merged.put(token.clone());
        plan.oauth.push(token);
    }
    for mut client in file.clients.into_iter().flatten() {
        match merged.client(client.dc, &client.client_id) {
            Some(saved) if saved.client_secret == client.client_secret => {}
            Some(saved) => plan.conflicts.push(format!(
                "{} ({})",
                saved.name(),
                saved.dc.plain_name().to_ascii_uppercase()
            )),
            None => {
                // Kept as this version keeps a client, whatever the file's version.
                client.v = CLIENT_VERSION;
                merged.put_client(client.clone());
                plan.clients.push(client);
            }
        }
    }
    plan
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plain::Encode;
    use crate::store::import::read;
    use crate::store::record::tests::{record, TOKEN};
    use crate::vault::kept::Kept;
    use serde_json::{json, Value};

    const OTHER: &str = "fedcba9876543210fedcba9876543210";

    fn saved() -> TokenList {
        let entries = [("token:a-1".to_string(), record("a-1", 10))];
        TokenList::from_entries(entries.iter().map(|(k, v)| (k.as_str(), v)))
    }

    fn presets() -> UserPresets {
        let mut p = UserPresets::default();
        p.add("p1".into(), "Books", "bookssync", "ZohoBooks/booksapi")
            .unwrap();
        p
    }

    pub(crate) fn file_value() -> Value {
        build(&saved(), &presets(), &oauth_saved(), 99).encode::<serde_json::Value>()
    }

    const CLIENT_ID: &str = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";

    fn oauth_token(id: &str, refresh: &str) -> Value {
        json!({"v": 1, "id": id, "label": "Books", "scopes": "ZohoBooks.fullaccess.all", "dc": "eu",
               "apiDomain": "https://www.zohoapis.eu", "clientId": CLIENT_ID, "refreshToken": refresh,
               "created": 5, "rejected": null})
    }

    fn client_value(dc: &str, secret: &str) -> Value {
        json!({"v": 2, "dc": dc, "clientId": CLIENT_ID, "clientSecret": secret, "label": "Acme"})
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789";

    fn oauth_saved() -> OAuthSaved {
        let entries = [
            ("oauth:o-1".to_string(), oauth_token("o-1", "1000.r.1")),
            (format!("client:eu:{CLIENT_ID}"), client_value("eu", SECRET)),
        ];
        OAuthSaved::from_entries(entries.iter().map(|(k, v)| (k.as_str(), v)))
    }

    #[test]
    fn export_round_trips() {
        let value = file_value();
        assert_eq!(value["format"], EXPORT_FORMAT);
        assert_eq!(value["tokens"][0]["token"], TOKEN);
        let file = read(&value).unwrap();
        assert_eq!(file.tokens, saved().tokens());
        assert_eq!(file.presets, presets().items);
        assert_eq!(file.oauth.as_deref(), Some(oauth_saved().tokens()));
        assert_eq!(file.clients.as_deref(), Some(oauth_saved().clients()));
    }

    #[test]
    fn a_version_1_file_still_imports() {
        let mut old = file_value();
        old["v"] = json!(1);
        let object = old.as_object_mut().unwrap();
        object.remove("oauth");
        object.remove("clients");
        let file = read(&old).unwrap();
        assert_eq!((file.oauth, file.clients), (None, None));
    }

    #[test]
    fn oauth_records_and_clients_merge_without_overwriting() {
        let mut value = file_value();
        value["oauth"] = json!([
            oauth_token("o-1", "1000.r.2"),
            oauth_token("o-3", "1000.r.1"),
            oauth_token("o-4", "1000.r.4"),
        ]);
        let other_secret = "ffffffffffffffffffffffffffffffffffffffff";
        let mut another = client_value("eu", SECRET);
        another["clientId"] = json!("1000.ZYXWVUTSRQPONMLKJIHGFEDCBA9876");
        // Version 2's client: one a data centre, without a label.
        let unlabelled = json!({"v": 1, "dc": "us", "clientId": CLIENT_ID, "clientSecret": SECRET});
        value["clients"] = json!([client_value("eu", other_secret), unlabelled, another]);
        let file = read(&value).unwrap();
        let mut n = 0;
        let plan = plan(&saved(), &presets(), &oauth_saved(), file, || {
            n += 1;
            format!("new-{n}")
        });
        let added: Vec<(&str, &str)> = plan
            .oauth
            .iter()
            .map(|t| (t.id.as_str(), t.refresh_token.open().unwrap().expose()))
            .collect();
        // o-1's id is taken (new id); 1000.r.1 is already saved (skipped).
        assert_eq!(added, [("new-1", "1000.r.2"), ("o-4", "1000.r.4")]);
        let clients: Vec<_> = plan
            .clients
            .iter()
            .map(|c| (c.storage_key(), c.name()))
            .collect();
        assert_eq!(
            clients,
            [
                (format!("client:us:{CLIENT_ID}"), CLIENT_ID),
                (
                    "client:eu:1000.ZYXWVUTSRQPONMLKJIHGFEDCBA9876".into(),
                    "Acme"
                ),
            ],
            "a second client of eu, and the first of us (moved to this version's key)"
        );
        // The saved client of eu, with another secret in the file, is kept and named.
        assert_eq!(plan.conflicts, ["Acme (EU)"]);
        // One saved authtoken, one saved refresh token.
        assert_eq!(plan.skipped, 1 + 1);
        // The very client already saved is neither added nor counted as skipped.
        let mut value = file_value();
        value["tokens"] = json!([]);
        value["oauth"] = json!([]);
        value["clients"] = json!([client_value("eu", SECRET)]);
        let same = super::plan(
            &saved(),
            &presets(),
            &oauth_saved(),
            read(&value).unwrap(),
            String::new,
        );
        assert!(same.clients.is_empty() && same.conflicts.is_empty());
        assert_eq!(same.skipped, 0);
    }

    #[test]
    fn merging_adds_only_what_is_new_and_never_overwrites() {
        let mut file = read(&file_value()).unwrap();
        // The same id for a different token, a new token, and the same token again.
        let mut clash = file.tokens[0].clone();
        clash.token = Kept::Open(crate::zoho::AuthToken::parse(OTHER).unwrap());
        file.tokens.push(clash);
        file.tokens.push(file.tokens[0].clone());
        let mut extra = presets().items[0].clone();
        extra.display_name = "recruit".into();
        extra.scope = "ZohoRecruit/recruitapi".into();
        file.presets.push(extra);
        let mut n = 0;
        let plan = plan(&saved(), &presets(), &OAuthSaved::default(), file, || {
            n += 1;
            format!("new-{n}")
        });
        assert_eq!(plan.skipped, 2);
        assert_eq!(plan.tokens.len(), 1);
        assert_eq!(plan.tokens[0].token.open().unwrap().expose(), OTHER);
        assert_eq!(plan.tokens[0].id, "new-1");
        assert_eq!(plan.presets_added, 1);
        assert_eq!(plan.presets.items.len(), 2);
        assert_eq!(plan.presets.items[1].id, "new-2");
    }

    #[test]
    fn an_id_held_by_an_unreadable_record_is_taken_too() {
        let damaged = json!({"v": 1, "id": "d-1", "token": "not a token"});
        let newer = json!({"v": 7, "id": "n-1"});
        let entries = [("token:d-1", &damaged), ("token:n-1", &newer)];
        let existing = TokenList::from_entries(entries);
        assert_eq!(existing.unreadable().len(), 2);
        let mut file = read(&file_value()).unwrap();
        file.tokens[0].id = "d-1".into();
        let mut second = file.tokens[0].clone();
        second.token = Kept::Open(crate::zoho::AuthToken::parse(OTHER).unwrap());
        second.id = "n-1".into();
        file.tokens.push(second);
        let mut n = 0;
        let plan = plan(
            &existing,
            &UserPresets::default(),
            &OAuthSaved::default(),
            file,
            || {
                n += 1;
                format!("new-{n}")
            },
        );
        let ids: Vec<&str> = plan.tokens.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["new-1", "new-2"]);
    }
}
