//! The encrypted export file (version 1): the plain export's JSON, encrypted
//! with AES-256-GCM under a key derived from a passphrase typed for that file
//! by PBKDF2-HMAC-SHA256. The browser's WebCrypto does the cryptography; this
//! is the file's layout and the checks of what a file claims.
//!
//! ```json
//! {"format": "authtoken-keeper-encrypted-export", "v": 1,
//!  "kdf": "PBKDF2-HMAC-SHA256", "iterations": 600000, "salt": "<16 bytes, base64>",
//!  "cipher": "AES-256-GCM", "iv": "<12 bytes, base64>",
//!  "data": "<ciphertext and its 16-byte tag, base64>"}
//! ```

use super::base64;
use crate::i18n::{key, Message, UserMessage};
use crate::plain::{field, plain_type, Decode, Plain};

/// What the file says it is.
pub const ENCRYPTED_FORMAT: &str = "authtoken-keeper-encrypted-export";
/// The layout this version writes.
pub const ENCRYPTED_VERSION: u32 = 1;
pub const KDF: &str = "PBKDF2-HMAC-SHA256";
pub const CIPHER: &str = "AES-256-GCM";
/// PBKDF2 rounds written: OWASP's figure for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;
/// Fewer are refused (a weakened file), more than this too (a file that
/// would keep the page busy for minutes).
pub const MIN_ITERATIONS: u32 = ITERATIONS;
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
/// AES-GCM's tag, at the end of the data.
pub const TAG_LEN: usize = 16;
/// The shortest passphrase taken for a file.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

plain_type! {
    /// The encrypted file as it is written.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Envelope {
        pub format: String as "format",
        pub v: u32 as "v",
        pub kdf: String as "kdf",
        pub iterations: u32 as "iterations",
        pub salt: String as "salt",
        pub cipher: String as "cipher",
        pub iv: String as "iv",
        pub data: String as "data",
    }
}

/// What is needed to open a file, read from it and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The ciphertext followed by the tag.
    pub data: Vec<u8>,
}

impl Sealed {
    /// The file for what was sealed.
    pub fn envelope(&self) -> Envelope {
        Envelope {
            format: ENCRYPTED_FORMAT.into(),
            v: ENCRYPTED_VERSION,
            kdf: KDF.into(),
            iterations: self.iterations,
            salt: base64::encode(&self.salt),
            cipher: CIPHER.into(),
            iv: base64::encode(&self.iv),
            data: base64::encode(&self.data),
        }
    }
}

/// Why an encrypted file cannot be opened; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Written by a newer version of the extension.
    Newer(u32),
    /// Not this layout, or a value out of its range.
    Damaged,
}

/// Whether a parsed file says it is an encrypted export.
pub fn is_encrypted(value: &impl Plain) -> bool {
    field::<Option<String>>(value, Envelope::format)
        .flatten()
        .as_deref()
        == Some(ENCRYPTED_FORMAT)
}

/// Reads an encrypted file: every value within its range, or refused.
pub fn open(value: &impl Plain) -> Result<Sealed, EnvelopeError> {
    match field::<Option<u32>>(value, Envelope::v).flatten() {
        Some(v) if v > ENCRYPTED_VERSION => return Err(EnvelopeError::Newer(v)),
        Some(ENCRYPTED_VERSION) => {}
        _ => return Err(EnvelopeError::Damaged),
    }
    let file = Envelope::decode(value).ok_or(EnvelopeError::Damaged)?;
    let bytes = |text: &str, len: Option<usize>| {
        base64::decode(text).filter(|b| len.map_or(true, |len| b.len() == len))
    };
    let sealed = (|| {
        let known = file.format == ENCRYPTED_FORMAT && file.kdf == KDF && file.cipher == CIPHER;
        let rounds = (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&file.iterations);
        let data = bytes(&file.data, None).filter(|d| d.len() >= TAG_LEN)?;
        (known && rounds).then_some(())?;
        Some(Sealed {
            iterations: file.iterations,
            salt: bytes(&file.salt, Some(SALT_LEN))?,
            iv: bytes(&file.iv, Some(IV_LEN))?,
            data,
        })
    })();
    sealed.ok_or(EnvelopeError::Damaged)
}

/// Why a passphrase typed for a file is not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseError {
    TooShort,
    /// The two fields differ.
    Mismatch,
}

impl UserMessage for PassphraseError {
    fn message(&self) -> Message {
        match self {
            PassphraseError::TooShort => Message::with(
                key("errPassphraseShort"),
                [MIN_PASSPHRASE_CHARS.to_string()],
            ),
            PassphraseError::Mismatch => Message::new(key("errPassphraseMismatch")),
        }
    }
}

/// A new passphrase, typed twice.
pub fn check_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        Err(PassphraseError::TooShort)
    } else if passphrase != again {
        Err(PassphraseError::Mismatch)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::Encode;
    use serde_json::{json, Value};

    fn sealed() -> Sealed {
        Sealed {
            iterations: ITERATIONS,
            salt: vec![7; SALT_LEN],
            iv: vec![9; IV_LEN],
            data: vec![1; 40],
        }
    }

    #[test]
    fn a_sealed_file_reads_back_and_says_what_it_is() {
        let file: Value = sealed().envelope().encode();
        assert!(is_encrypted(&file));
        assert_eq!(file["kdf"], KDF);
        assert_eq!(file["cipher"], CIPHER);
        assert_eq!(file["iterations"], 600_000);
        assert_eq!(open(&file), Ok(sealed()));
        assert!(!is_encrypted(&json!({"format": "authtoken-keeper-export"})));
    }

    #[test]
    fn a_value_out_of_range_refuses_the_file() {
        let changed = |field: &str, value: Value| {
            let mut file: Value = sealed().envelope().encode();
            file[field] = value;
            open(&file)
        };
        assert_eq!(changed("v", json!(2)), Err(EnvelopeError::Newer(2)));
        for (field, value) in [
            ("v", json!(0)),
            ("kdf", json!("PBKDF2-HMAC-SHA1")),
            ("cipher", json!("AES-128-CBC")),
            ("iterations", json!(599_999)),
            ("iterations", json!(10_000_001)),
            ("salt", json!(base64::encode(&[7; 8]))),
            ("iv", json!(base64::encode(&[9; 16]))),
            ("data", json!(base64::encode(&[1; 15]))),
            ("data", json!("not base64!")),
            ("format", json!("authtoken-keeper-export")),
        ] {
            assert_eq!(
                changed(field, value.clone()),
                Err(EnvelopeError::Damaged),
                "{field}: {value}"
            );
        }
    }

    #[test]
    fn a_passphrase_is_long_enough_and_typed_the_same_twice() {
        assert_eq!(
            check_passphrase("short", "short"),
            Err(PassphraseError::TooShort)
        );
        assert_eq!(
            check_passphrase("correct horse", "correct house"),
            Err(PassphraseError::Mismatch)
        );
        assert_eq!(check_passphrase("пароль-длинный", "пароль-длинный"), Ok(()));
        assert_eq!(
            check_passphrase("123456789", "123456789"),
            Err(PassphraseError::TooShort)
        );
        assert_eq!(check_passphrase("1234567890", "1234567890"), Ok(()));
    }
}
