//! Percent-encoding for query components, kept here so the core needs no URL crate.

/// Encodes everything but RFC 3986 unreserved characters, as
/// `encodeURIComponent` would (minus its `!'()*` exceptions, which Zoho never needs raw).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The host of an absolute `http(s)://` URL, lower-cased, without port or credentials.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = host_port.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The path of an absolute URL (without query or fragment), `/` when empty.
pub fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let after_host = rest.find('/').map_or("", |i| &rest[i..]);
    let path = after_host.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_unreserved_characters_alone() {
        assert_eq!(encode_component("abcXYZ019-_.~"), "abcXYZ019-_.~");
    }

    #[test]
    fn encodes_reserved_space_and_unicode() {
        assert_eq!(encode_component("ZohoCRM/crmapi"), "ZohoCRM%2Fcrmapi");
        assert_eq!(encode_component("a b&c=d,e"), "a%20b%26c%3Dd%2Ce");
        assert_eq!(encode_component("é"), "%C3%A9");
    }

    #[test]
    fn host_of_handles_ports_credentials_and_case() {
        assert_eq!(
            host_of("https://Accounts.Zoho.EU:8443/x?y").as_deref(),
            Some("accounts.zoho.eu")
        );
        assert_eq!(
            host_of("https://u:p@accounts.zoho.com/").as_deref(),
            Some("accounts.zoho.com")
        );
        assert_eq!(
            host_of("https://accounts.zoho.com#x").as_deref(),
            Some("accounts.zoho.com")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn path_of_strips_query_and_fragment() {
        assert_eq!(path_of("https://a.b/signin?x=1"), "/signin");
        assert_eq!(path_of("https://a.b"), "/");
        assert_eq!(path_of("https://a.b/u/h#sessions"), "/u/h");
    }
}
