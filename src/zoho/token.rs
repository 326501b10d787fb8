//! The authtoken itself: a secret that is never printed.

use crate::plain::{Decode, Encode, Plain};
use crate::vault::kept::SecretText;
use std::fmt;

/// Length of a real Zoho authtoken, in hex characters.
pub const TOKEN_LEN: usize = 32;

/// A Zoho authtoken: exactly 32 hex characters, kept verbatim.
/// `Debug` hides it so a stray log line cannot leak it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AuthToken(String);

impl AuthToken {
    /// Accepts only what a Zoho token looks like; anything else is not stored.
    pub fn parse(text: &str) -> Option<AuthToken> {
        let looks_right = text.len() == TOKEN_LEN && text.bytes().all(|b| b.is_ascii_hexdigit());
        looks_right.then(|| AuthToken(text.to_string()))
    }

    /// The secret, for the clipboard and for the user's explicit reveal.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the popup shows until the user reveals the token: its last four characters.
    pub fn masked(&self) -> String {
        // `get`, not a slice: the popup's module has no slicing failure path.
        let last_four = self.0.get(TOKEN_LEN - 4..).unwrap_or_default();
        format!("••••••••{last_four}")
    }
}

impl SecretText for AuthToken {
    fn text(&self) -> &str {
        &self.0
    }
    fn from_text(text: &str) -> Option<Self> {
        AuthToken::parse(text)
    }
    fn masked(&self) -> String {
        AuthToken::masked(self)
    }
}

impl fmt::Debug for AuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthToken(<redacted>)")
    }
}

impl Encode for AuthToken {
    fn encode<P: Plain>(&self) -> P {
        P::new_string(&self.0)
    }
}

impl Decode for AuthToken {
    fn decode(value: &impl Plain) -> Option<Self> {
        AuthToken::parse(&value.string()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn accepts_32_hex_characters() {
        assert_eq!(AuthToken::parse(REAL).unwrap().expose(), REAL);
        assert!(AuthToken::parse(&REAL.to_uppercase()).is_some());
    }

    #[test]
    fn rejects_anything_else() {
        for bad in [
            "",
            "bad18eba1ff45jk7858b8ae88a77fa30", // the documentation's fake example
            &REAL[..31],
            &format!("{REAL}0"),
            "EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS",
            " 0123456789abcdef0123456789abcde",
        ] {
            assert!(AuthToken::parse(bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let token = AuthToken::parse(REAL).unwrap();
        assert!(!format!("{token:?}").contains("0123"));
    }

    #[test]
    fn debug_says_redacted() {
        let token = AuthToken::parse(REAL).unwrap();
        assert_eq!(format!("{token:?}"), "AuthToken(<redacted>)");
    }

    #[test]
    fn masked_shows_only_the_tail() {
        let token = AuthToken::parse(REAL).unwrap();
        assert_eq!(token.masked(), "••••••••cdef");
    }

    #[test]
    fn deserialising_validates() {
        assert!(AuthToken::decode(&serde_json::json!(REAL)).is_some());
        assert!(AuthToken::decode(&serde_json::json!("nope")).is_none());
    }
}
