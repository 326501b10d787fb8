//! The saved tokens as the popup shows them: newest first, with a count of the
//! records that could not be read (kept in storage, never deleted).

use super::keys::TOKEN_KEY_PREFIX;
use super::order;
use super::record::{read_record, SavedToken, Unreadable};
use crate::plain::Plain;
use crate::zoho::AuthToken;

/// The saved tokens, newest first, and the records that could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenList {
    tokens: Vec<SavedToken>,
    /// Storage keys of records left untouched because they could not be read.
    unreadable: Vec<(String, Unreadable)>,
}

impl TokenList {
    /// No tokens (a `const`, so a page's state needs no lazy start).
    pub const EMPTY: TokenList = TokenList {
        tokens: Vec::new(),
        unreadable: Vec::new(),
    };

    /// Builds the list from every storage entry; keys that are not token records are ignored.
    pub fn from_entries<'a, V: Plain + 'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a V)>,
    ) -> TokenList {
        let mut list = TokenList::default();
        for (key, value) in entries {
            match read_record(key, value) {
                Some(Ok(token)) => list.tokens.push(token),
                Some(Err(why)) => list.unreadable.push((key.to_string(), why)),
                None => {}
            }
        }
        list.sort();
        list
    }

    fn sort(&mut self) {
        order::newest_first(&mut self.tokens, |t| (t.created, &t.id));
        order::by_key(&mut self.unreadable);
    }

    /// Newest first.
    pub fn tokens(&self) -> &[SavedToken] {
        &self.tokens
    }

    /// The storage keys of records left untouched, and why.
    pub fn unreadable(&self) -> &[(String, Unreadable)] {
        &self.unreadable
    }

    /// The readable record with this id.
    pub fn find(&self, id: &str) -> Option<&SavedToken> {
        self.tokens.iter().find(|t| t.id == id)
    }

    /// Whether a record with this id is stored, readable or not: writing another
    /// record under that id would overwrite it.
    pub fn id_taken(&self, id: &str) -> bool {
        self.find(id).is_some()
            || self
                .unreadable
                .iter()
                .any(|(key, _)| key.strip_prefix(TOKEN_KEY_PREFIX) == Some(id))
    }

    /// Whether this token is already saved (the same token is never saved twice).
    /// (A sealed token is not compared: the background opens them first.)
    pub fn holds(&self, token: &AuthToken) -> bool {
        self.tokens.iter().any(|t| t.token.open() == Some(token))
    }

    /// Adds a record (as the store just did); keeps the order.
    pub fn add(&mut self, token: SavedToken) {
        if token.token.open().map_or(true, |t| !self.holds(t)) {
            self.tokens.push(token);
            self.sort();
        }
    }

    /// The readable records, to change in place (their secrets opened or sealed).
    pub fn tokens_mut(&mut self) -> &mut [SavedToken] {
        &mut self.tokens
    }

    /// Removes a record by id; returns it if it was there.
    pub fn remove(&mut self, id: &str) -> Option<SavedToken> {
        let index = self.tokens.iter().position(|t| t.id == id)?;
        Some(self.tokens.remove(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::record::tests::{record, TOKEN};
    use crate::zoho::DataCentre;
    use serde_json::{json, Value};

    fn list(entries: &[(&str, Value)]) -> TokenList {
        TokenList::from_entries(entries.iter().map(|(k, v)| (*k, v)))
    }

    #[test]
    fn newest_first() {
        let mut second = record("b-2", 20);
        second["token"] = json!("fedcba9876543210fedcba9876543210");
        let entries = [
            ("token:a-1", record("a-1", 10)),
            ("token:b-2", second),
            ("token:c-3", record("c-3", 30)),
        ];
        let ids: Vec<_> = list(&entries)
            .tokens()
            .iter()
            .map(|t| t.id.clone())
            .collect();
        assert_eq!(ids, ["c-3", "b-2", "a-1"]);
    }

    #[test]
    fn damaged_entries_never_hide_intact_ones() {
        let entries = [
            ("token:a-1", record("a-1", 10)),
            ("token:bad", json!({"v": 1, "id": "bad"})),
            ("token:new", json!({"v": 2, "whatever": true})),
            ("settings", json!({"v": 1, "dc": "eu"})),
            ("other-extension-junk", json!([1, 2, 3])),
            ("token:c-3", record("c-3", 30)),
        ];
        let list = list(&entries);
        assert_eq!(list.tokens().len(), 2);
        assert_eq!(
            list.unreadable(),
            [
                ("token:bad".to_string(), Unreadable::Damaged),
                ("token:new".to_string(), Unreadable::Newer(2))
            ]
        );
    }

    #[test]
    fn add_find_remove() {
        let mut list = list(&[("token:a-1", record("a-1", 10))]);
        let token = AuthToken::parse("fedcba9876543210fedcba9876543210").unwrap();
        let saved = SavedToken::new(token.clone(), "x", "A/b", DataCentre::Jp, 99, 1);
        list.add(saved.clone());
        assert_eq!(list.tokens()[0], saved);
        assert!(list.holds(&token));
        assert_eq!(list.find(&saved.id), Some(&saved));
        // The same token again is not a second record.
        list.add(SavedToken::new(token, "x", "A/b", DataCentre::Jp, 100, 2));
        assert_eq!(list.tokens().len(), 2);
        assert_eq!(list.remove(&saved.id), Some(saved));
        assert_eq!(list.remove("nope"), None);
        assert!(list.holds(&AuthToken::parse(TOKEN).unwrap()));
    }
}
