//! Every key and key prefix the extension uses in the browser's storage, in
//! one catalogue: `storage.local` holds what the user keeps, `storage.session`
//! what lives only as long as the browser. A kind is found by its key or
//! prefix, so within an area no key may begin another (tested below).

/// `storage.local`: one saved authtoken per key, `token:<id>`.
pub const TOKEN_KEY_PREFIX: &str = "token:";
/// `storage.local`: one saved OAuth refresh token per key, `oauth:<id>`.
pub const OAUTH_KEY_PREFIX: &str = "oauth:";
/// `storage.local`: the Self Client of a data centre, `client:<dc>`.
pub const CLIENT_KEY_PREFIX: &str = "client:";
/// `storage.local`: the user's settings (the data centre chosen).
pub const SETTINGS_KEY: &str = "settings";
/// `storage.local`: the user's own presets.
pub const PRESETS_KEY: &str = "presets";
/// `storage.local`: the vault's record, while the vault is on.
pub const VAULT_KEY: &str = "vault";

/// `storage.session`: the access token cached for a refresh token, `access:<id>`.
pub const ACCESS_KEY_PREFIX: &str = "access:";
/// `storage.session`: news of a generation that ended while the popup was closed.
pub const NOTICE_KEY: &str = "notice";
/// `storage.session`: what was typed in the popup's OAuth view.
pub const DRAFT_KEY: &str = "draft";
/// `storage.session`: a Zoho tab the background opened and watches, `tab:<id>`.
pub const TAB_KEY_PREFIX: &str = "tab:";
/// `storage.session`: a generation under way, `flight:<life>:<nonce>`.
pub const FLIGHT_KEY_PREFIX: &str = "flight:";
/// `storage.session`: the open vault's key.
pub const VAULT_OPEN_KEY: &str = "vaultKey";

/// `storage.session`: when a change of the vault (on, a new passphrase, off)
/// began, while it is under way.
pub const VAULT_CHANGE_KEY: &str = "vaultChange";
/// `storage.session`: the digest of a copied secret to clear from the clipboard.
pub const COPIED_KEY: &str = "copied";

/// The keys and prefixes of `storage.local`.
pub const LOCAL: [&str; 6] = [
    TOKEN_KEY_PREFIX,
    OAUTH_KEY_PREFIX,
    CLIENT_KEY_PREFIX,
    SETTINGS_KEY,
    PRESETS_KEY,
    VAULT_KEY,
];
/// The keys and prefixes of `storage.session`.
pub const SESSION: [&str; 8] = [
    ACCESS_KEY_PREFIX,
    NOTICE_KEY,
    DRAFT_KEY,
    TAB_KEY_PREFIX,
    FLIGHT_KEY_PREFIX,
    VAULT_OPEN_KEY,
    VAULT_CHANGE_KEY,
    COPIED_KEY,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_begins_another_in_its_area() {
        for area in [&LOCAL[..], &SESSION[..]] {
            for (i, a) in area.iter().enumerate() {
                for (j, b) in area.iter().enumerate() {
                    assert!(i == j || !b.starts_with(a), "{a} begins {b}");
                }
            }
        }
    }
}
