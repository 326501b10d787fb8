//! How a request to Zoho ended, and its body as read: what `browser::fetch`
//! hands to the readers of answers (`zoho::verdict` for the token-create page,
//! `oauth::answer` for the token endpoint). Pure.

/// Larger bodies are not read at all: a token body is under 200 bytes, a
/// token endpoint's answer under 1 KB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How a request to Zoho ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// An HTTP answer: status, the URL it finally came from (after redirects), the body.
    Page {
        status: u16,
        final_url: String,
        body: Body,
    },
    /// No answer: the connection failed or was dropped.
    Network,
    /// Redirected somewhere the extension may not read (another site, or a loop).
    Redirected,
    /// No answer within the time limit.
    TimedOut,
}

/// A body as read, or why it was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Text(String),
    TooLarge,
    NotText,
}

impl Body {
    /// Reads raw bytes, refusing more than [`MAX_BODY_BYTES`].
    pub fn from_bytes(bytes: &[u8]) -> Body {
        if bytes.len() > MAX_BODY_BYTES {
            Body::TooLarge
        } else {
            match std::str::from_utf8(bytes) {
                Ok(text) => Body::Text(text.to_string()),
                Err(_) => Body::NotText,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_of_exactly_64_kib_is_read() {
        assert!(matches!(Body::from_bytes(&[b'a'; 65_536]), Body::Text(t) if t.len() == 65_536));
        assert_eq!(Body::from_bytes(&[b'a'; 65_537]), Body::TooLarge);
        assert_eq!(Body::from_bytes(b"\xff\xfe"), Body::NotText);
        assert_eq!(Body::from_bytes(b""), Body::Text(String::new()));
    }
}
