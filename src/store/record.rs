//! One saved token as it lives in extension storage, and how records are read back.
//!
//! Each token is its own storage entry (`token:<id>`), so saving or forgetting one
//! never rewrites another, and a record this version cannot read is left as it is.

use super::keys::TOKEN_KEY_PREFIX;
use crate::plain::{field, plain_type, Decode, Plain};
use crate::vault::kept::Kept;
use crate::zoho::request::{validate_display_name, validate_scope};
use crate::zoho::{AuthToken, DataCentre};

/// The record layout this version writes.
pub const SCHEMA_VERSION: u32 = 1;

plain_type! {
    /// A token the user generated, with what it was generated for.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SavedToken {
        /// Schema version of the record.
        pub v: u32 as "v",
        pub id: String as "id",
        pub token: Kept<AuthToken> as "token",
        pub display_name: String as "displayName",
        pub scope: String as "scope",
        pub dc: DataCentre as "dc",
        /// Milliseconds since the Unix epoch.
        pub created: u64 as "created",
    }
}

impl SavedToken {
    /// A record for a token just issued, with a fresh id.
    pub fn new(
        token: AuthToken,
        display_name: &str,
        scope: &str,
        dc: DataCentre,
        created: u64,
        nonce: u32,
    ) -> SavedToken {
        SavedToken {
            v: SCHEMA_VERSION,
            id: new_id(created, nonce),
            token: Kept::Open(token),
            display_name: display_name.to_string(),
            scope: scope.to_string(),
            dc,
            created,
        }
    }

    /// `Err(field)` unless every field is one this extension writes: what an
    /// import holds a record to. (The token's shape is `AuthToken`'s reader's,
    /// and holds for every read.)
    pub fn check(&self) -> Result<(), &'static str> {
        require(self.v == SCHEMA_VERSION, SavedToken::v)?;
        require(is_valid_id(&self.id), SavedToken::id)?;
        require(self.token.open().is_some(), SavedToken::token)?;
        // What the form would have sent, exactly.
        let name = validate_display_name(&self.display_name);
        require(
            name.as_ref() == Ok(&self.display_name),
            SavedToken::display_name,
        )?;
        let scope = validate_scope(&self.scope);
        require(scope.as_ref() == Ok(&self.scope), SavedToken::scope)
    }

    /// The record's own storage key, `token:<id>`.
    pub fn storage_key(&self) -> String {
        format!("{TOKEN_KEY_PREFIX}{}", self.id)
    }
}

/// Why a stored record is not shown. Such records are never changed or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Written by a newer version of the extension.
    Newer(u32),
    /// Missing fields, wrong types, a bad token, or an id that does not match its key.
    Damaged,
}

/// Reads one storage entry. `None` when the key is not a token record at all
/// (settings, or another extension's data).
pub fn read_record(key: &str, value: &impl Plain) -> Option<Result<SavedToken, Unreadable>> {
    let id = key.strip_prefix(TOKEN_KEY_PREFIX)?;
    Some(read_versioned(
        value,
        SCHEMA_VERSION,
        |record: &SavedToken| record.id == id && is_valid_id(id),
    ))
}

/// Reads a versioned record: written by a newer version, this one's and
/// `valid`, or damaged. Every stored kind is read this way, and names its
/// version as a token record does (`v`; the store's tests hold them to it).
pub fn read_versioned<T: Decode>(
    value: &impl Plain,
    version: u32,
    valid: impl Fn(&T) -> bool,
) -> Result<T, Unreadable> {
    match field::<Option<u32>>(value, SavedToken::v).flatten() {
        Some(newer) if newer > version => Err(Unreadable::Newer(newer)),
        Some(v) if v == version => T::decode(value).filter(valid).ok_or(Unreadable::Damaged),
        _ => Err(Unreadable::Damaged),
    }
}

/// A record id: when it was made (ms, hex) and a random part, so ids sort by age
/// and two made in the same millisecond differ.
pub fn new_id(created: u64, nonce: u32) -> String {
    format!("{created:x}-{nonce:08x}")
}

/// `Ok` when `ok`, else `Err(field)`: a record check names the field it refuses.
pub(crate) fn require(ok: bool, field: &'static str) -> Result<(), &'static str> {
    if ok {
        Ok(())
    } else {
        Err(field)
    }
}

/// Whether an id has the shape this version makes: 1 to 40 digits, lower-case letters or `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b'-')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plain::Encode;
    use serde_json::{json, Value};

    pub const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    pub fn record(id: &str, created: u64) -> Value {
        json!({"v": 1, "id": id, "token": TOKEN, "displayName": "checkemail",
               "scope": "ZohoCRM/crmapi", "dc": "us", "created": created})
    }

    #[test]
    fn a_new_record_round_trips_through_its_stored_form() {
        let saved = SavedToken::new(
            AuthToken::parse(TOKEN).unwrap(),
            "checkemail",
            "ZohoCRM/crmapi",
            DataCentre::Eu,
            1_700_000_000_000,
            0xabc,
        );
        assert_eq!(saved.id, "18bcfe56800-00000abc");
        assert_eq!(saved.storage_key(), "token:18bcfe56800-00000abc");
        let stored = saved.encode::<serde_json::Value>();
        assert_eq!(stored["displayName"], "checkemail");
        assert_eq!(stored["dc"], "eu");
        assert_eq!(read_record(&saved.storage_key(), &stored), Some(Ok(saved)));
    }

    #[test]
    fn other_keys_are_not_records() {
        assert_eq!(read_record("settings", &json!({"v": 1})), None);
        assert_eq!(read_record("someone-else", &json!("junk")), None);
    }

    #[test]
    fn newer_versions_are_kept_unread() {
        let mut value = record("a-1", 1);
        value["v"] = json!(7);
        value["token"] = json!({"sealed": "…"});
        assert_eq!(
            read_record("token:a-1", &value),
            Some(Err(Unreadable::Newer(7)))
        );
    }

    #[test]
    fn damaged_records_are_reported() {
        let mut bad_token = record("a-1", 1);
        bad_token["token"] = json!("EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS");
        let mut wrong_type = record("a-1", 1);
        wrong_type["created"] = json!("yesterday");
        let mut unknown_dc = record("a-1", 1);
        unknown_dc["dc"] = json!("mars");
        let mut truncated = record("a-1", 1);
        truncated.as_object_mut().unwrap().remove("scope");
        // Whole, but of a layout older than any this version knows.
        let mut older = record("a-1", 1);
        older["v"] = json!(0);
        for value in [
            older,
            bad_token,
            wrong_type,
            unknown_dc,
            truncated,
            json!(null),
            json!("x"),
            json!([1]),
            json!({"v": 0}),
            json!({"v": "1"}),
        ] {
            assert_eq!(
                read_record("token:a-1", &value),
                Some(Err(Unreadable::Damaged)),
                "{value}"
            );
        }
        assert_eq!(
            read_record("token:other", &record("a-1", 1)),
            Some(Err(Unreadable::Damaged))
        );
        assert_eq!(
            read_record("token:A B", &record("A B", 1)),
            Some(Err(Unreadable::Damaged))
        );
    }

    #[test]
    fn unknown_extra_fields_are_tolerated() {
        let mut value = record("a-1", 5);
        value["note"] = json!("added by hand");
        assert!(matches!(read_record("token:a-1", &value), Some(Ok(_))));
    }

    #[test]
    fn debug_of_a_record_hides_the_token() {
        let value = record("a-1", 5);
        let saved = read_record("token:a-1", &value).unwrap().unwrap();
        assert!(!format!("{saved:?}").contains(TOKEN));
    }
}
