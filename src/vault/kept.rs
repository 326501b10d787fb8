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

/// A secret kept in clear text: an authtoken, a client secret, a refresh token.
pub trait SecretText: Sized {
    /// The secret itself.
    fn text(&self) -> &str;
    /// The secret of this kind that `text` is, if it has its shape.
    fn from_text(text: &str) -> Option<Self>;
    /// What is shown until the user reveals it.
    fn masked(&self) -> String;
}

/// A secret's sealed form: the IV and the ciphertext with its tag.
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
    /// Text is the secret itself (held to its kind's shape); an object is a
    /// sealed secret; `null` a forgotten one.
    fn decode(value: &impl Plain) -> Option<Self> {
        if value.string().is_some() {
            return T::decode(value).map(Kept::Open);
        }
        if value.is_null() {
            return Some(Kept::Forgotten);
        }
        SealedText::decode(value).map(Kept::Sealed)
    }
}

impl Encode for SealedText {
    fn encode<P: Plain>(&self) -> P {
        let mut object = P::new_object();
        object.insert("iv", P::new_string(&base64::encode(&self.iv)));
        object.insert("sealed", P::new_string(&base64::encode(&self.data)));
        object
    }
}

impl Decode for SealedText {
    /// An IV of 12 bytes, and a ciphertext no longer than a token and its tag.
    fn decode(value: &impl Plain) -> Option<Self> {
        let bytes = |name| base64::decode(&field::<String>(value, name)?);
        let iv = bytes("iv").filter(|iv| iv.len() == IV_LEN)?;
        let data = bytes("sealed").filter(|d| (TAG_LEN + 1..=MAX_SEALED_LEN).contains(&d.len()))?;
        Some(SealedText { iv, data })
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
        assert_eq!(
            value,
            json!({"iv": "AQEBAQEBAQEBAQEB", "sealed": base64::encode(&[2; 40])})
        );
    }

    #[test]
    fn a_sealed_form_out_of_range_is_refused() {
        let iv = base64::encode(&[1; IV_LEN]);
        for bad in [
            json!({"iv": base64::encode(&[1; 16]), "sealed": base64::encode(&[2; 40])}),
            json!({"iv": iv, "sealed": base64::encode(&[2; TAG_LEN])}),
            // A token of 1,000 characters and its 16-byte tag, and one byte more.
            json!({"iv": iv, "sealed": base64::encode(&[2; 1017])}),
            json!({"iv": iv, "sealed": "not base64!"}),
            json!({"iv": iv}),
            json!(""),
            json!(7),
        ] {
            assert_eq!(Kept::<Secret>::decode(&bad), None, "{bad}");
        }
        let longest = json!({"iv": iv, "sealed": base64::encode(&[2; 1016])});
        assert!(Kept::<Secret>::decode(&longest).is_some());
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
