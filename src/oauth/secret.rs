//! A secret string (client secret, refresh or access token): kept verbatim,
//! never printed by `Debug`, so a stray log line cannot leak it.

use crate::plain::{Decode, Encode, Plain};
use crate::vault::kept::SecretText;
use std::fmt;

/// The longest token kept.
pub const MAX_TOKEN_LEN: usize = 1000;

/// A secret Zoho issued or the user pasted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The secret, for the clipboard, a request to Zoho, or the user's reveal.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether it is a token of the bearer alphabet (RFC 6750's `b64token`:
    /// letters, digits and `-._~+/`, then `=` padding), at most 1,000
    /// characters. Zoho's are `1000.` and hex. What Zoho answers, what a
    /// backup brings and what goes into a script are all held to it: none of
    /// these characters means anything to a shell inside quotes.
    pub fn is_bearer_token(&self) -> bool {
        let body = self.0.trim_end_matches('=');
        !body.is_empty()
            && self.0.len() <= MAX_TOKEN_LEN
            && body
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
    }

    /// What is shown until the user reveals it: its last four characters.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
        format!("••••••••{tail}")
    }
}

impl SecretText for Secret {
    fn text(&self) -> &str {
        &self.0
    }
    fn from_text(text: &str) -> Option<Self> {
        (!text.is_empty()).then(|| Secret::new(text))
    }
    fn masked(&self) -> String {
        Secret::masked(self)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::Encode;

    #[test]
    fn debug_never_shows_the_secret_and_the_mask_shows_four() {
        let secret = Secret::new("1000.abcdef0123");
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(secret.masked(), "••••••••0123");
        assert_eq!(Secret::new("ab").masked(), "••••••••ab");
        assert_eq!(
            secret.encode::<serde_json::Value>(),
            serde_json::json!("1000.abcdef0123")
        );
        assert_eq!(Secret::decode(&serde_json::json!("")), None);
    }

    #[test]
    fn bearer_tokens_have_their_alphabet_and_length() {
        for good in ["1000.0123abcd.ef01", "Ab-._~+/9==", "x", &"a".repeat(1000)] {
            assert!(Secret::new(good).is_bearer_token(), "{good}");
        }
        for bad in [
            "1000.$(curl evil.example)",
            "1000.a'b",
            "1000.a b",
            "1000.`id`",
            "1000.a\nb",
            "1000.a;b",
            "1000.é",
            "",
            "==",
            "a=b",
            &"a".repeat(1001),
        ] {
            assert!(!Secret::new(bad).is_bearer_token(), "{bad:?}");
        }
    }
}
