//! The Self Clients among what is saved for OAuth: several a data centre,
//! found by data centre and ID, offered by name (the one of the newest
//! refresh token first), and what an import holds a client to.

use super::oauth::OAuthSaved;
use super::record::require;
use crate::oauth::client::{self, ClientField, SelfClient, CLIENT_VERSION, ONE_PER_DC_VERSION};
use crate::zoho::DataCentre;

/// `Err(field)` unless a client is one this extension writes (or wrote, in
/// version 1): what the check of a pasted client keeps, exactly.
pub fn check_client(c: &SelfClient) -> Result<(), &'static str> {
    require(
        c.v == CLIENT_VERSION || c.v == ONE_PER_DC_VERSION,
        SelfClient::v,
    )?;
    let secret = c.client_secret.open().ok_or(SelfClient::client_secret)?;
    let label = c.label.as_deref().unwrap_or_default();
    match client::check(c.dc, &c.client_id, secret.expose(), label) {
        Ok(mut checked) => {
            checked.v = c.v;
            // Space around a label or an ID: not what this extension writes.
            require(checked.label == c.label, SelfClient::label)?;
            require(checked == *c, SelfClient::client_id)
        }
        Err(errors) => match errors.first().map(|e| e.field()) {
            Some(ClientField::Secret) => Err(SelfClient::client_secret),
            Some(ClientField::Label) => Err(SelfClient::label),
            _ => Err(SelfClient::client_id),
        },
    }
}

impl OAuthSaved {
    /// The saved client `id` of `dc`.
    pub fn client(&self, dc: DataCentre, id: &str) -> Option<&SelfClient> {
        self.clients
            .iter()
            .find(|c| c.dc == dc && c.client_id == id)
    }

    /// The clients saved for `dc`, by name.
    pub fn clients_on(&self, dc: DataCentre) -> impl Iterator<Item = &SelfClient> {
        self.clients.iter().filter(move |c| c.dc == dc)
    }

    /// The client of `dc` to offer first: the one the newest refresh token
    /// of `dc` was made with, else the first by name.
    pub fn last_used(&self, dc: DataCentre) -> Option<&SelfClient> {
        let newest = self.tokens.iter().filter(|t| t.dc == dc);
        newest
            .filter_map(|t| self.client(dc, &t.client_id))
            .next()
            .or_else(|| self.clients_on(dc).next())
    }

    /// Adds a client read from storage. One moved from version 1 whose old
    /// record was not yet removed is one client: the moved record (the
    /// higher version) is the one used.
    pub(super) fn read_client(&mut self, client: SelfClient) {
        match self.client(client.dc, &client.client_id) {
            Some(known) if known.v >= client.v => {}
            _ => self.put_client(client),
        }
    }

    /// Adds a client, or replaces the one of its data centre and ID; the
    /// clients stay in order of data centre and name. (Placed, not sorted:
    /// a sort of clients was ~1 KB of the popup's Wasm.)
    pub fn put_client(&mut self, client: SelfClient) {
        self.remove_client(client.dc, &client.client_id);
        let at = self.clients.iter().position(|c| place(c) > place(&client));
        let at = at.unwrap_or(self.clients.len());
        self.clients.push(client);
        // Moved down to its place (`insert` brought a failure path of its own).
        for later in (at + 1..self.clients.len()).rev() {
            self.clients.swap(later, later - 1);
        }
    }

    /// Removes the client `id` of `dc`.
    pub fn remove_client(&mut self, dc: DataCentre, id: &str) {
        self.clients.retain(|c| c.dc != dc || c.client_id != id);
    }
}

/// Where a client goes in the list: by data centre, then name.
fn place(c: &SelfClient) -> (&str, &str, &str) {
    (c.dc.plain_name(), c.name(), &c.client_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::Secret;
    use crate::plain::Encode;
    use crate::store::oauth::tests::{client, labelled, one_per_dc, read, token, ID, OTHER_ID};
    use crate::vault::kept::Kept;

    #[test]
    fn put_replaces_by_id_and_clients_by_data_centre_and_id() {
        let mut saved = OAuthSaved::default();
        let mut a = token(1, 1);
        saved.put(a.clone());
        a.rejected = Some(5);
        saved.put(a.clone());
        assert_eq!(saved.tokens(), [a.clone()]);
        assert_eq!(saved.remove(&a.id), Some(a));
        assert_eq!(saved.remove("nothing"), None);
        saved.put_client(client(DataCentre::Eu));
        saved.put_client(labelled(DataCentre::Eu, ID, "Renamed"));
        saved.put_client(client(DataCentre::Us));
        saved.put_client(labelled(DataCentre::Eu, OTHER_ID, "Acme"));
        assert_eq!(saved.clients().len(), 3);
        let eu: Vec<_> = saved.clients_on(DataCentre::Eu).map(|c| c.name()).collect();
        assert_eq!(eu, ["Acme", "Renamed"], "by name");
        saved.remove_client(DataCentre::Eu, ID);
        saved.remove_client(DataCentre::Us, OTHER_ID);
        let left: Vec<_> = saved.clients().iter().map(|c| c.name()).collect();
        assert_eq!(left, ["Acme", ID]);
    }

    #[test]
    fn several_clients_of_a_data_centre_and_one_of_version_1_read_together() {
        let acme = labelled(DataCentre::Us, OTHER_ID, "Acme");
        let saved = read(&[
            ("client:us", one_per_dc("us", ID)),
            (&acme.storage_key(), acme.encode()),
        ]);
        assert!(saved.unreadable().is_empty());
        let old = saved.client(DataCentre::Us, ID).unwrap();
        assert_eq!((old.v, old.label.as_deref()), (1, None));
        assert_eq!(
            old.storage_key(),
            "client:us",
            "opened under the key it was sealed with"
        );
        assert_eq!(saved.client(DataCentre::Us, OTHER_ID), Some(&acme));
        assert_eq!(saved.clients_on(DataCentre::Us).count(), 2);
    }

    #[test]
    fn a_client_moved_from_version_1_before_its_old_record_went_is_one_client() {
        let moved = labelled(DataCentre::Us, ID, "Moved");
        for entries in [
            [
                ("client:us", one_per_dc("us", ID)),
                (&*moved.storage_key(), moved.encode()),
            ],
            [
                (&*moved.storage_key(), moved.encode()),
                ("client:us", one_per_dc("us", ID)),
            ],
        ] {
            let saved = OAuthSaved::from_entries(entries.iter().map(|(k, v)| (*k, v)));
            assert_eq!(saved.clients(), std::slice::from_ref(&moved));
        }
    }

    #[test]
    fn the_client_offered_first_made_the_newest_refresh_token() {
        let mut saved = OAuthSaved::default();
        assert_eq!(saved.last_used(DataCentre::Eu), None);
        saved.put_client(labelled(DataCentre::Eu, ID, "Zeta"));
        saved.put_client(labelled(DataCentre::Eu, OTHER_ID, "Alpha"));
        assert_eq!(
            saved.last_used(DataCentre::Eu).map(|c| c.name()),
            Some("Alpha")
        );
        // The newest token is Zeta's (`token` makes them with ID).
        saved.put(token(5, 1));
        assert_eq!(
            saved.last_used(DataCentre::Eu).map(|c| c.name()),
            Some("Zeta")
        );
        assert_eq!(saved.last_used(DataCentre::Us), None);
    }

    #[test]
    fn an_imported_client_is_held_to_what_this_extension_writes() {
        let acme = labelled(DataCentre::Eu, ID, "Acme");
        assert_eq!(check_client(&acme), Ok(()));
        let mut old = client(DataCentre::Eu);
        old.v = ONE_PER_DC_VERSION;
        assert_eq!(check_client(&old), Ok(()));
        let with = |change: fn(&mut SelfClient)| {
            let mut c = acme.clone();
            change(&mut c);
            check_client(&c)
        };
        assert_eq!(with(|c| c.v = 3), Err(SelfClient::v));
        assert_eq!(
            with(|c| c.label = Some(" Acme".into())),
            Err(SelfClient::label)
        );
        assert_eq!(
            with(|c| c.label = Some(String::new())),
            Err(SelfClient::label)
        );
        assert_eq!(
            with(|c| c.label = Some("a\u{1b}[2J".into())),
            Err(SelfClient::label)
        );
        assert_eq!(
            with(|c| c.client_id = "1000.abc".into()),
            Err(SelfClient::client_id)
        );
        assert_eq!(
            with(|c| c.client_secret = Kept::Open(Secret::new("NOT A SECRET"))),
            Err(SelfClient::client_secret)
        );
    }
}
