//! A Self Client the user keeps: its ID and secret as pasted from the API
//! console (checked for shape before anything is saved or sent), the data
//! centre it was made on and the user's label for it (an account, a company).
//! A user keeps several, on one data centre or many.

use super::request::is_label;
use super::secret::Secret;
use crate::i18n::{key, Message, UserMessage};
use crate::plain::plain_type;
use crate::store::keys::CLIENT_KEY_PREFIX;
use crate::vault::kept::Kept;
use crate::zoho::DataCentre;

/// The client layout this version writes: one record a client, under
/// `client:<dc>:<client ID>`.
pub const CLIENT_VERSION: u32 = 2;
/// The layout before several clients: one a data centre, under `client:<dc>`,
/// without a label. Still read (and moved to the current one when its secret
/// can be opened: `background::client::migrate`).
pub const ONE_PER_DC_VERSION: u32 = 1;

plain_type! {
    /// A Self Client: made in the API console of one data centre, where its
    /// codes are exchanged and its tokens refreshed.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SelfClient {
        /// Layout version of the record.
        pub v: u32 as "v",
        /// Where the client was made.
        pub dc: DataCentre as "dc",
        /// `1000.` and capital letters and digits.
        pub client_id: String as "clientId",
        /// Lower-case letters and digits.
        pub client_secret: Kept<Secret> as "clientSecret",
        /// The user's name for it, if they gave one (none in version 1).
        pub label: Option<String> as "label",
    }
}

impl SelfClient {
    /// The client's storage key: `client:<dc>:<client ID>`, or for a record
    /// of version 1 where it was written, `client:<dc>`.
    pub fn storage_key(&self) -> String {
        if self.v == ONE_PER_DC_VERSION {
            one_per_dc_key(self.dc)
        } else {
            client_key(self.dc, &self.client_id)
        }
    }

    /// What the user calls it: the label, or else the client ID.
    pub fn name(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.client_id)
    }
}

/// The storage key of the client `id` of `dc`.
pub fn client_key(dc: DataCentre, id: &str) -> String {
    format!("{CLIENT_KEY_PREFIX}{}:{id}", dc.plain_name())
}

/// Where version 1 kept the one client of `dc`.
pub fn one_per_dc_key(dc: DataCentre) -> String {
    format!("{CLIENT_KEY_PREFIX}{}", dc.plain_name())
}

/// Which of the fields a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientField {
    /// The client ID.
    Id,
    /// The client secret.
    Secret,
    /// The user's label.
    Label,
}

/// Why a pasted ID or secret was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// No client ID.
    IdEmpty,
    /// Not the shape of a client ID.
    IdShape,
    /// No client secret.
    SecretEmpty,
    /// Not the shape of a client secret.
    SecretShape,
    /// The ID looks like a secret and the secret like an ID.
    Swapped,
    /// A label too long, or with control characters.
    LabelShape,
}

impl ClientError {
    /// The field to show the problem at.
    pub fn field(self) -> ClientField {
        match self {
            ClientError::IdEmpty | ClientError::IdShape | ClientError::Swapped => ClientField::Id,
            ClientError::SecretEmpty | ClientError::SecretShape => ClientField::Secret,
            ClientError::LabelShape => ClientField::Label,
        }
    }
}

impl UserMessage for ClientError {
    fn message(&self) -> Message {
        Message::new(match self {
            ClientError::IdEmpty => key("errClientIdEmpty"),
            ClientError::IdShape => key("errClientIdShape"),
            ClientError::SecretEmpty => key("errClientSecretEmpty"),
            ClientError::SecretShape => key("errClientSecretShape"),
            ClientError::Swapped => key("errClientSwapped"),
            ClientError::LabelShape => key("errClientLabel"),
        })
    }
}

/// A client ID: `1000.` and 10 to 64 capital letters and digits (the
/// console shows 30).
pub fn looks_like_id(text: &str) -> bool {
    text.strip_prefix("1000.").is_some_and(|rest| {
        (10..=64).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// A client secret: 20 to 100 lower-case letters and digits (the console
/// shows about 42 hex digits).
pub fn looks_like_secret(text: &str) -> bool {
    (20..=100).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Checks a pasted ID and secret and the label typed (space around each is
/// dropped; no label is none); every problem is reported, each at its field.
pub fn check(
    dc: DataCentre,
    id: &str,
    secret: &str,
    label: &str,
) -> Result<SelfClient, Vec<ClientError>> {
    let (id, secret, label) = (id.trim(), secret.trim(), label.trim());
    if looks_like_secret(id) && looks_like_id(secret) {
        return Err(vec![ClientError::Swapped]);
    }
    let mut errors = Vec::new();
    if id.is_empty() {
        errors.push(ClientError::IdEmpty);
    } else if !looks_like_id(id) {
        errors.push(ClientError::IdShape);
    }
    if secret.is_empty() {
        errors.push(ClientError::SecretEmpty);
    } else if !looks_like_secret(secret) {
        errors.push(ClientError::SecretShape);
    }
    if !label.is_empty() && !is_label(label) {
        errors.push(ClientError::LabelShape);
    }
    if errors.is_empty() {
        Ok(SelfClient {
            v: CLIENT_VERSION,
            dc,
            client_id: id.to_string(),
            client_secret: Kept::Open(Secret::new(secret)),
            label: (!label.is_empty()).then(|| label.to_string()),
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
    const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789";

    #[test]
    fn a_secret_in_both_fields_is_not_taken_for_a_swap() {
        assert_eq!(
            check(DataCentre::Eu, SECRET, SECRET, "").unwrap_err(),
            [ClientError::IdShape]
        );
    }

    #[test]
    fn a_client_as_the_console_shows_it_is_taken_trimmed() {
        let (id, secret) = (format!(" {ID}\n"), format!("\t{SECRET} "));
        let client = check(DataCentre::Eu, &id, &secret, " Acme Ltd ").unwrap();
        assert_eq!(client.client_id, ID);
        assert_eq!(client.client_secret.open().unwrap().expose(), SECRET);
        assert_eq!(client.label.as_deref(), Some("Acme Ltd"));
        assert_eq!(client.name(), "Acme Ltd");
        assert_eq!(client.storage_key(), format!("client:eu:{ID}"));
        let unnamed = check(DataCentre::Eu, ID, SECRET, "  ").unwrap();
        assert_eq!((unnamed.label.as_deref(), unnamed.name()), (None, ID));
    }

    #[test]
    fn a_record_of_version_1_keeps_its_one_per_data_centre_key() {
        let mut client = check(DataCentre::Au, ID, SECRET, "").unwrap();
        client.v = ONE_PER_DC_VERSION;
        assert_eq!(client.storage_key(), "client:au");
    }

    #[test]
    fn a_label_is_held_to_an_application_names_rules() {
        for bad in ["a\u{7}b", &"x".repeat(101)] {
            assert_eq!(
                check(DataCentre::Us, ID, SECRET, bad),
                Err(vec![ClientError::LabelShape]),
                "{bad:?}"
            );
        }
        assert_eq!(ClientError::LabelShape.field(), ClientField::Label);
    }

    #[test]
    fn each_problem_is_reported_at_its_field() {
        assert_eq!(
            check(DataCentre::Us, "", " ", ""),
            Err(vec![ClientError::IdEmpty, ClientError::SecretEmpty])
        );
        for bad_id in [
            "1000.abcdefghijklmnopqrstuvwxyz0123",
            "1000.ABC",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
            "1000.ABCDEFGHIJ KLMNOPQRSTUVWXYZ",
            "2000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        ] {
            assert_eq!(
                check(DataCentre::Us, bad_id, SECRET, ""),
                Err(vec![ClientError::IdShape]),
                "{bad_id}"
            );
        }
        for bad_secret in [
            "0123456789abcdef",
            "0123456789ABCDEF0123456789abcdef",
            "0123456789abcdef 0123456789abcdef",
        ] {
            assert_eq!(
                check(DataCentre::Us, ID, bad_secret, ""),
                Err(vec![ClientError::SecretShape]),
                "{bad_secret}"
            );
        }
        assert_eq!(ClientError::SecretShape.field(), ClientField::Secret);
        assert_eq!(ClientError::Swapped.field(), ClientField::Id);
    }

    #[test]
    fn an_id_and_secret_pasted_the_wrong_way_round_are_caught() {
        assert_eq!(
            check(DataCentre::Us, SECRET, ID, ""),
            Err(vec![ClientError::Swapped])
        );
    }

    #[test]
    fn shapes_have_their_bounds() {
        assert!(looks_like_id(&format!("1000.{}", "A".repeat(10))));
        assert!(!looks_like_id(&format!("1000.{}", "A".repeat(9))));
        assert!(looks_like_id(&format!("1000.{}", "9".repeat(64))));
        assert!(!looks_like_id(&format!("1000.{}", "9".repeat(65))));
        assert!(looks_like_secret(&"a".repeat(20)));
        assert!(!looks_like_secret(&"a".repeat(19)));
        assert!(looks_like_secret(&"0".repeat(100)));
        assert!(!looks_like_secret(&"0".repeat(101)));
    }
}
