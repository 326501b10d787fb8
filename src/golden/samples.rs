//! The records the golden files hold, one of each kind, and where the files are.

use crate::oauth::{client, Secret, SelfClient};
use crate::store::oauth::OAuthToken;
use crate::store::{SavedToken, UserPresets};
use crate::zoho::{AuthToken, DataCentre};
use std::path::PathBuf;

/// When the sample records were made (ms since the Unix epoch).
pub(super) const CREATED: u64 = 1_733_300_000_000;

pub(super) fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

pub(super) fn self_client() -> SelfClient {
    client::check(
        DataCentre::Eu,
        "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "0123456789abcdef0123456789abcdef0123456789",
        "Acme",
    )
    .unwrap()
}

pub(super) fn authtoken() -> SavedToken {
    let token = AuthToken::parse("0123456789abcdef0123456789abcdef").unwrap();
    SavedToken::new(
        token,
        "checkemail",
        "ZohoCRM/crmapi",
        DataCentre::In,
        CREATED,
        7,
    )
}

pub(super) fn refresh_token() -> OAuthToken {
    let mut token = OAuthToken::new(
        "Books sync",
        "ZohoBooks.fullaccess.all,ZohoCRM.modules.READ",
        &self_client(),
        Secret::new("1000.0123456789abcdef.fedcba9876543210"),
        "https://www.zohoapis.eu",
        CREATED + 1,
        8,
    );
    token.rejected = Some(CREATED + 2);
    token
}

pub(super) fn presets() -> UserPresets {
    let mut presets = UserPresets::default();
    presets
        .add("p-1".into(), "Books", "bookssync", "ZohoBooks/booksapi")
        .unwrap();
    presets
}
