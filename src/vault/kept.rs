//! A secret as a record keeps it: in clear text while the vault is off;
//! sealed while it is on (AES-256-GCM under the vault's key, with an IV of
//! its own and the record's storage key as additional data, so a sealed
//! secret copied into another record does not open); or forgotten, after
//! *Forget all secrets*, when the record keeps only its names.

use super::base64;
use super::envelope::{IV_LEN, TAG_LEN};
use crate::plain::{field, Decode, Encode, Plain};

/// What a secret shows while it cannot be read.
pub const SEALED_MASK: &str = "••••••••";
/// The longest sealed text read: a token of 1,000 characters and its tag.
const MAX_SEALED_LEN: usize = 1000 + TAG_LEN;
/// What a sealed secret's stored text begins with: no secret's alphabet has
/// a colon.
const SEALED_PREFIX: &str = "sealed:";

/// A secret kept in clear text: an authtoken, a client secret, a refresh token.
pub trait SecretText: Sized {
    /// The secret itself.
    fn text(&self) -> &str;
    /// The secret of this kind that `text` is, if it has its shape.
    fn from_text(text: &str) -> Option<Self>;
    /// What is shown until the user reveals it.
    fn masked(&self) -> String;
}

/// A secret's sealed form: the IV and the ciphertext with its tag. Stored as
/// one text, `sealed:<IV>:<ciphertext>` (each in base64), where the clear
/// text was: Chromium reads 1,000 records holding a text each ~5 ms sooner
/// than 1,000 holding an object of two (the bench's storage-read mark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedText {
    pub iv: Vec<u8>,
    pub data: Vec<u8>,
}

/// A secret as kept in a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept<T> {
    /// The vault is off: the secret as it is.
    Open(T),
    /// The vault is on: opened with its key.
    Sealed(SealedText),
    /// Forgotten on purpose; the record keeps its names.
    Forgotten,
}

impl<T: SecretText> Kept<T> {
    /// The secret, when it is kept in clear text.
    pub fn open(&self) -> Option<&T> {
        match self {
            Kept::Open(secret) => Some(secret),
            Kept::Sealed(_) | Kept::Forgotten => None,
        }
    }

    /// The secret's text, when it is kept in clear text.
    pub fn text(&self) -> Option<&str> {
        self.open().map(T::text)
    }

    /// What the list shows: the open secret's mask, or a mask alone.
    pub fn masked(&self) -> String {
        self.open()
            .map_or_else(|| SEALED_MASK.to_string(), SecretText::masked)
    }
}

impl<T: Encode> Encode for Kept<T> {
    fn encode<P: Plain>(&self) -> P {
        match self {
            Kept::Open(secret) => secret.encode(),
            Kept::Sealed(sealed) => sealed.encode(),
            Kept::Forgotten => P::new_null(),
        }
    }
}

impl<T: Decode> Decode for Kept<T> {
    /// `sealed:…` is a sealed secret; other text is the secret itself (held
    /// to its kind's shape); `null` a forgotten one.
    fn decode(value: &impl Plain) -> Option<Self> {
        match value.string() {
            Some(text) if text.starts_with(SEALED_PREFIX) => {
                SealedText::parse(&text).map(Kept::Sealed)
            }
            Some(_) => T::decode(value).map(Kept::Open),
            None if value.is_null() => Some(Kept::Forgotten),
            None => SealedText::from_fields(value).map(Kept::Sealed),
        }
    }
}

impl SealedText {
    fn parse(text: &str) -> Option<SealedText> {
        let (iv, data) = text.strip_prefix(SEALED_PREFIX)?.split_once(':')?;
        SealedText::from_base64(iv, data)
    }

    /// The form the first builds of the vault wrote, `{"iv", "sealed"}`: still
    /// read, never written.
    fn from_fields(value: &impl Plain) -> Option<SealedText> {
        let text = |name| field::<String>(value, name);
        SealedText::from_base64(&text("iv")?, &text("sealed")?)
    }

    /// An IV of 12 bytes, and a ciphertext no longer than a token and its tag.
    fn from_base64(iv: &str, data: &str) -> Option<SealedText> {
        let iv = base64::decode(iv).filter(|iv| iv.len() == IV_LEN)?;
        let data =
            base64::decode(data).filter(|d| (TAG_LEN + 1..=MAX_SEALED_LEN).contains(&d.len()))?;
        Some(SealedText { iv, data })
    }
}

impl Encode for SealedText {
    fn encode<P: Plain>(&self) -> P {
        let (iv, data) = (base64::encode(&self.iv), base64::encode(&self.data));
        P::new_string(&format!("{SEALED_PREFIX}{iv}:{data}"))
    }
}

impl Decode for SealedText {
    fn decode(value: &impl Plain) -> Option<Self> {
        match value.string() {
            Some(text) => SealedText::parse(&text),
            None => SealedText::from_fields(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A secret kind of its own, so these tests need no other module.
    #[derive(Clone, Debug, PartialEq, Eq)]
    struct Secret(String);

    impl Secret {
        fn new(text: &str) -> Secret {
            Secret(text.into())
        }
    }

    impl SecretText for Secret {
        fn text(&self) -> &str {
            &self.0
        }
        fn from_text(text: &str) -> Option<Self> {
            Some(Secret::new(text))
        }
        fn masked(&self) -> String {
            format!("{SEALED_MASK}{}", &self.0[self.0.len() - 4..])
        }
    }

    impl Encode for Secret {
        fn encode<P: Plain>(&self) -> P {
            P::new_string(&self.0)
        }
    }

    impl Decode for Secret {
        fn decode(value: &impl Plain) -> Option<Self> {
            value.string().filter(|s| !s.is_empty()).map(Secret)
        }
    }

    fn sealed() -> Kept<Secret> {
        Kept::Sealed(SealedText {
            iv: vec![1; IV_LEN],
            data: vec![2; 40],
        })
    }

    #[test]
    fn each_form_reads_back_as_written() {
        for kept in [
            Kept::Open(Secret::new("1000.ab")),
            sealed(),
            Kept::Forgotten,
        ] {
            let value: Value = kept.encode();
            assert_eq!(Kept::<Secret>::decode(&value), Some(kept));
        }
        let value: Value = sealed().encode();
        let data = base64::encode(&[2; 40]);
        assert_eq!(value, json!(format!("sealed:AQEBAQEBAQEBAQEB:{data}")));
    }

    #[test]
    fn a_sealed_form_out_of_range_is_refused() {
        let iv = base64::encode(&[1; IV_LEN]);
        let sealed = |iv: &str, data: &str| json!(format!("sealed:{iv}:{data}"));
        for bad in [
            sealed(&base64::encode(&[1; 16]), &base64::encode(&[2; 40])),
            sealed(&iv, &base64::encode(&[2; TAG_LEN])),
            // A token of 1,000 characters and its 16-byte tag, and one byte more.
            sealed(&iv, &base64::encode(&[2; 1017])),
            sealed(&iv, "not base64!"),
            json!(format!("sealed:{iv}")),
            json!(format!("sealed:{iv}:{}:", base64::encode(&[2; 40]))),
            json!({"iv": iv, "sealed": "not base64!"}),
            json!({"iv": iv}),
            json!(""),
            json!(7),
        ] {
            assert_eq!(Kept::<Secret>::decode(&bad), None, "{bad}");
        }
        let longest = sealed(&iv, &base64::encode(&[2; 1016]));
        assert!(Kept::<Secret>::decode(&longest).is_some());
    }

    #[test]
    fn the_first_builds_form_is_still_read() {
        let data = base64::encode(&[2; 40]);
        let first = json!({"iv": "AQEBAQEBAQEBAQEB", "sealed": data});
        assert_eq!(Kept::<Secret>::decode(&first), Some(sealed()));
        let Kept::Sealed(text) = sealed() else {
            unreachable!("sealed() is sealed")
        };
        assert_eq!(SealedText::decode(&first), Some(text));
    }

    #[test]
    fn only_an_open_secret_is_shown_or_used() {
        let open = Kept::Open(Secret::new("1000.abcd1234"));
        assert_eq!(open.open(), Some(&Secret::new("1000.abcd1234")));
        assert_eq!(open.text(), Some("1000.abcd1234"));
        assert_eq!(sealed().text(), None);
        assert_eq!(Kept::<Secret>::Forgotten.text(), None);
        assert_eq!(open.masked(), "••••••••1234");
        assert_eq!(sealed().open(), None);
        assert_eq!(sealed().masked(), SEALED_MASK);
        assert_eq!(Kept::<Secret>::Forgotten.masked(), SEALED_MASK);
    }
}
