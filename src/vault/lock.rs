//! The vault: its record in `storage.local` (how its key is derived from the
//! passphrase, a known text sealed with it to tell a wrong passphrase, and
//! when it locks itself) and the open key in `storage.session`, which the
//! browser keeps in memory only. Pure: `browser::vault` derives and uses keys.

use super::base64;
use super::envelope::SALT_LEN;
use super::kept::SealedText;
use crate::i18n::{key, Message, UserMessage};
use crate::plain::{plain_type, Decode, Plain};

/// The vault record's layout this version writes.
pub const VAULT_VERSION: u32 = 1;
/// The key's length in bytes (AES-256).
pub const KEY_LEN: usize = 32;
/// What the vault record seals to tell a wrong passphrase from the right one.
pub const CHECK_TEXT: &str = "authtoken-keeper vault";
/// The additional data the check text is sealed with (a record's is its
/// storage key, and no storage key is this).
pub const CHECK_BOUND: &str = "vault check";
/// The idle times offered, in minutes; 0 locks only when the browser closes.
pub const IDLE_CHOICES: [u32; 5] = [1, 5, 15, 60, 0];
/// The idle time of a new vault.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;

plain_type! {
    /// The vault's record (`storage.local`, key `vault`): present while the
    /// vault is on. Never the key, never the passphrase.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct VaultRecord {
        pub v: u32 as "v",
        /// PBKDF2-HMAC-SHA256 rounds (`envelope`'s range).
        pub iterations: u32 as "iterations",
        /// The salt, 16 bytes in base64; a new one at each change of passphrase.
        pub salt: String as "salt",
        /// [`CHECK_TEXT`] sealed with the key.
        pub check: SealedText as "check",
        /// Minutes without use before it locks itself (0: browser close only).
        pub idle_minutes: u32 as "idleMinutes",
    }
}

impl VaultRecord {
    /// The salt's bytes, when it has its length.
    pub fn salt_bytes(&self) -> Option<Vec<u8>> {
        base64::decode(&self.salt).filter(|s| s.len() == SALT_LEN)
    }

    /// Whether every value is one this version writes.
    pub fn is_valid(&self) -> bool {
        use super::envelope::{MAX_ITERATIONS, MIN_ITERATIONS};
        self.v == VAULT_VERSION
            && (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations)
            && self.salt_bytes().is_some()
            && IDLE_CHOICES.contains(&self.idle_minutes)
    }
}

plain_type! {
    /// The open vault's key (`storage.session`, key `vaultKey`), with the salt
    /// it was derived with (a key from before a change of passphrase is not
    /// the vault's any more) and when a secret was last used.
    #[derive(Clone, PartialEq, Eq)]
    pub struct OpenKey {
        /// The key's 32 bytes, in base64.
        pub key: String as "key",
        pub salt: String as "salt",
        /// Milliseconds since the Unix epoch.
        pub last_use: u64 as "lastUse",
    }
}

impl std::fmt::Debug for OpenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenKey(<redacted>)")
    }
}

impl OpenKey {
    /// The key's bytes, if this is still the vault's key and it has not been
    /// idle longer than the vault allows at `now`.
    pub fn usable(&self, vault: &VaultRecord, now: u64) -> Option<Vec<u8>> {
        let current = self.salt == vault.salt && !is_idle(self.last_use, now, vault.idle_minutes);
        current
            .then(|| base64::decode(&self.key))
            .flatten()
            .filter(|k| k.len() == KEY_LEN)
    }
}

/// Whether a vault last used at `last_use` has been idle too long at `now`.
/// A clock set back (`now` before the last use) is not idle.
pub fn is_idle(last_use: u64, now: u64, idle_minutes: u32) -> bool {
    idle_minutes != 0 && now.saturating_sub(last_use) >= u64::from(idle_minutes) * 60_000
}

plain_type! {
    /// Where the vault stands, as the pages show it (`<body data-vault>`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum VaultState {
        Off as "off",
        Locked as "locked",
        Open as "open",
    }
}

/// Why a secret cannot be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// The vault is locked: its passphrase opens it.
    Locked,
    /// Sealed, and it does not open with the vault's key (changed outside
    /// the extension); it is kept as it is.
    Damaged,
    /// Forgotten on purpose (*Forget all secrets*).
    Forgotten,
}

impl UserMessage for Closed {
    fn message(&self) -> Message {
        Message::new(match self {
            Closed::Locked => key("errVaultLocked"),
            Closed::Damaged => key("errSealedDamaged"),
            Closed::Forgotten => key("errSecretForgotten"),
        })
    }
}

/// Where the vault stands, from its record and the session's key.
#[derive(Debug, PartialEq, Eq)]
pub enum Standing {
    /// No vault: secrets are kept in clear text.
    Off,
    /// On, and no usable key in memory.
    Locked(VaultRecord),
    /// On, with its key.
    Open(VaultRecord, Vec<u8>),
    /// A vault record this version cannot read: nothing opens, nothing is changed.
    Unreadable,
}

impl Standing {
    /// Reads the vault's record (absent: off) and the session's key at `now`.
    pub fn read(record: Option<&impl Plain>, key: Option<&OpenKey>, now: u64) -> Standing {
        let Some(record) = record else {
            return Standing::Off;
        };
        let Some(vault) = VaultRecord::decode(record).filter(VaultRecord::is_valid) else {
            return Standing::Unreadable;
        };
        match key.and_then(|k| k.usable(&vault, now)) {
            Some(key) => Standing::Open(vault, key),
            None => Standing::Locked(vault),
        }
    }

    /// What the pages show of it.
    pub fn state(&self) -> VaultState {
        match self {
            Standing::Off => VaultState::Off,
            Standing::Locked(_) | Standing::Unreadable => VaultState::Locked,
            Standing::Open(..) => VaultState::Open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::Encode;
    use crate::vault::envelope::IV_LEN;
    use serde_json::{json, Value};

    fn vault(idle_minutes: u32) -> VaultRecord {
        VaultRecord {
            v: VAULT_VERSION,
            iterations: 600_000,
            salt: base64::encode(&[3; SALT_LEN]),
            check: SealedText {
                iv: vec![1; IV_LEN],
                data: vec![2; 40],
            },
            idle_minutes,
        }
    }

    fn key(salt: &str, last_use: u64) -> OpenKey {
        OpenKey {
            key: base64::encode(&[9; KEY_LEN]),
            salt: salt.into(),
            last_use,
        }
    }

    #[test]
    fn an_open_key_never_prints_its_bytes() {
        let key = OpenKey {
            key: "c2VjcmV0IGtleSBieXRlcw==".into(),
            salt: "c2FsdA==".into(),
            last_use: 1,
        };
        assert_eq!(format!("{key:?}"), "OpenKey(<redacted>)");
    }

    #[test]
    fn idle_is_measured_from_the_last_use() {
        assert!(!is_idle(1_000, 1_000 + 15 * 60_000 - 1, 15));
        assert!(is_idle(1_000, 1_000 + 15 * 60_000, 15));
        assert!(is_idle(0, 60_000, 1));
        assert!(!is_idle(0, u64::MAX, 0), "browser close only");
        assert!(!is_idle(5_000, 1_000, 1), "a clock set back");
    }

    #[test]
    fn the_standing_comes_from_the_record_and_a_current_key() {
        let record: Value = vault(15).encode();
        let salt = vault(15).salt;
        let none: Option<&Value> = None;
        assert_eq!(Standing::read(none, None, 0), Standing::Off);
        assert_eq!(
            Standing::read(Some(&record), None, 0),
            Standing::Locked(vault(15))
        );
        assert_eq!(
            Standing::read(Some(&record), Some(&key(&salt, 1_000)), 2_000),
            Standing::Open(vault(15), vec![9; KEY_LEN])
        );
        // Idle too long, or the key of the passphrase before a change.
        let idle = Standing::read(Some(&record), Some(&key(&salt, 0)), 15 * 60_000);
        assert_eq!(idle, Standing::Locked(vault(15)));
        let old = base64::encode(&[4; SALT_LEN]);
        let before = Standing::read(Some(&record), Some(&key(&old, 1_000)), 2_000);
        assert_eq!(before, Standing::Locked(vault(15)));
        assert_eq!(Standing::Locked(vault(1)).state(), VaultState::Locked);
        assert_eq!(Standing::Unreadable.state(), VaultState::Locked);
        assert_eq!(Standing::Off.state(), VaultState::Off);
    }

    #[test]
    fn a_vault_record_out_of_range_is_unreadable() {
        let changed = |name: &str, value: Value| {
            let mut record: Value = vault(15).encode();
            record[name] = value;
            Standing::read(Some(&record), None, 0)
        };
        for (name, value) in [
            ("v", json!(2)),
            ("iterations", json!(1000)),
            ("salt", json!(base64::encode(&[3; 8]))),
            ("idleMinutes", json!(7)),
            ("check", json!("text")),
        ] {
            assert_eq!(
                changed(name, value.clone()),
                Standing::Unreadable,
                "{name}: {value}"
            );
        }
        assert_eq!(changed("idleMinutes", json!(0)), Standing::Locked(vault(0)));
    }
}
