//! What the user asks Zoho for: an application name and its scopes, validated,
//! and the token-create address built from them.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::data_centre::DataCentre;
use super::url::encode_component;
use crate::i18n::{key, Message, UserMessage};

/// Longest `DISPLAY_NAME` accepted, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// Longest `SCOPE` value accepted (all scopes with their commas), in bytes.
pub const MAX_SCOPE_LEN: usize = 300;
/// Most scopes in one request.
pub const MAX_SCOPES: usize = 10;
/// Longest single scope, in bytes.
const MAX_ONE_SCOPE_LEN: usize = 60;

/// A validated request for one authtoken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRequest {
    display_name: String,
    scope: String,
}

/// Why a name or scope typed by the user cannot be sent to Zoho.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    NameEmpty,
    NameTooLong,
    /// A character Zoho would not take in a name (shown to the user, escaped).
    NameCharacter(char),
    ScopeEmpty,
    ScopeTooLong,
    TooManyScopes,
    /// One comma-separated item is not of the form `Service/api`.
    ScopeFormat(String),
}

/// Which input field an error belongs to, so the popup can show it beside that field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Scope,
}

impl RequestError {
    /// The form field the problem is about.
    pub fn field(&self) -> Field {
        match self {
            RequestError::NameEmpty
            | RequestError::NameTooLong
            | RequestError::NameCharacter(_) => Field::Name,
            _ => Field::Scope,
        }
    }
}

impl UserMessage for RequestError {
    fn message(&self) -> Message {
        match self {
            RequestError::NameEmpty => Message::new(key("errNameEmpty")),
            RequestError::NameTooLong => {
                Message::with(key("errNameTooLong"), [MAX_NAME_CHARS.to_string()])
            }
            RequestError::NameCharacter(c) => {
                Message::with(key("errNameCharacter"), [describe_char(*c)])
            }
            RequestError::ScopeEmpty => Message::new(key("errScopeEmpty")),
            RequestError::ScopeTooLong => {
                Message::with(key("errScopeTooLong"), [MAX_SCOPE_LEN.to_string()])
            }
            RequestError::TooManyScopes => {
                Message::with(key("errTooManyScopes"), [MAX_SCOPES.to_string()])
            }
            RequestError::ScopeFormat(item) => {
                Message::with(key("errScopeFormat"), [visible(item, 40)])
            }
        }
    }
}

/// A character as the user can see it: printable ones quoted, others by code point
/// (so a right-to-left mark or a control character is named, not rendered).
fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || is_invisible_format(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("\u{201c}{c}\u{201d}")
    }
}

/// Bidi controls and zero-width characters: they change how text looks without being seen.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Text for an error message: invisible characters named, the length bounded.
fn visible(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() || is_invisible_format(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Checks an application name the way Zoho's `DISPLAY_NAME` would take it:
/// letters and digits of any script, spaces, `-`, `_` and `.`; surrounding spaces trimmed.
pub fn validate_display_name(raw: &str) -> Result<String, RequestError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RequestError::NameEmpty);
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        return Err(RequestError::NameCharacter(bad));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(RequestError::NameTooLong);
    }
    Ok(name.to_string())
}

/// Checks a scope or a comma-separated list of scopes (`Service/api`), trims the
/// items, drops repeats, and returns them joined by commas as Zoho expects.
pub fn validate_scope(raw: &str) -> Result<String, RequestError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(RequestError::ScopeEmpty);
    }
    if raw.len() > MAX_SCOPE_LEN {
        return Err(RequestError::ScopeTooLong);
    }
    let mut scopes: Vec<&str> = Vec::new();
    for item in raw.split(',').map(str::trim) {
        if !is_scope(item) {
            return Err(RequestError::ScopeFormat(item.to_string()));
        }
        if !scopes.iter().any(|s| s.eq_ignore_ascii_case(item)) {
            scopes.push(item);
        }
    }
    if scopes.len() > MAX_SCOPES {
        return Err(RequestError::TooManyScopes);
    }
    Ok(scopes.join(","))
}

/// `Service/api`: two non-empty parts of ASCII letters, digits, `_` or `.`.
fn is_scope(item: &str) -> bool {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    };
    item.len() <= MAX_ONE_SCOPE_LEN
        && matches!(item.split_once('/'), Some((service, api)) if part_ok(service) && part_ok(api))
}

impl TokenRequest {
    /// Validates both fields and reports every problem at once, so the popup can
    /// mark each field.
    pub fn new(display_name: &str, scope: &str) -> Result<TokenRequest, Vec<RequestError>> {
        match (validate_display_name(display_name), validate_scope(scope)) {
            (Ok(display_name), Ok(scope)) => Ok(TokenRequest {
                display_name,
                scope,
            }),
            (name, scope) => Err(name.err().into_iter().chain(scope.err()).collect()),
        }
    }

    /// The validated `DISPLAY_NAME` (trimmed).
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The validated scopes, comma-joined.
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// `https://accounts.zoho.<dc>/apiauthtoken/create?SCOPE=…&DISPLAY_NAME=…`
    pub fn create_url(&self, dc: DataCentre) -> String {
        format!(
            "{}/apiauthtoken/create?SCOPE={}&DISPLAY_NAME={}",
            dc.origin(),
            encode_component(&self.scope),
            encode_component(&self.display_name)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_limits_hold_at_their_edges() {
        // Five scopes of 59 or 60 characters: 300 with the commas, the most allowed.
        let item = |i: usize, len: usize| format!("S{i}/{}", "a".repeat(len - 3));
        let at_limit: Vec<String> = (0..5)
            .map(|i| item(i, if i == 0 { 60 } else { 59 }))
            .collect();
        let at_limit = at_limit.join(",");
        assert_eq!(at_limit.len(), MAX_SCOPE_LEN);
        assert_eq!(validate_scope(&at_limit).as_deref(), Ok(at_limit.as_str()));
        assert_eq!(
            validate_scope(&format!("{at_limit}x")),
            Err(RequestError::ScopeTooLong)
        );
        let ten: Vec<String> = (0..MAX_SCOPES).map(|i| format!("S{i}/api")).collect();
        assert!(validate_scope(&ten.join(",")).is_ok());
        for good in ["Zoho_CRM/crm.api", "A/b", "ZohoCRM/crmapi.READ"] {
            assert!(validate_scope(good).is_ok(), "{good}");
        }
        for bad in ["Zoho-CRM/api", "Zoho CRM/api", "/api", "Zoho/", "a/b/c"] {
            assert!(validate_scope(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn invisible_characters_are_named_not_shown() {
        for (c, shown) in [
            ('\u{7}', "U+0007"),
            (' ', "U+0020"),
            ('\u{200B}', "U+200B"),
            ('a', "\u{201c}a\u{201d}"),
        ] {
            assert_eq!(describe_char(c), shown);
        }
        assert_eq!(visible("a\u{7}b\u{202E}c d", 20), "aU+0007bU+202Ec d");
        assert_eq!(visible("abc", 2), "ab…");
    }

    #[test]
    fn builds_the_documented_create_url() {
        let request = TokenRequest::new("checkemail", "ZohoCRM/crmapi").unwrap();
        assert_eq!(
            request.create_url(DataCentre::Us),
            "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail"
        );
    }

    #[test]
    fn create_url_on_every_data_centre() {
        let request = TokenRequest::new("acr4zoho", "ZohoCRM/crmapi").unwrap();
        for dc in DataCentre::ALL {
            let url = request.create_url(dc);
            assert!(url.starts_with(&format!(
                "https://{}/apiauthtoken/create?",
                dc.accounts_host()
            )));
        }
    }

    #[test]
    fn names_with_spaces_and_unicode_are_encoded() {
        let request = TokenRequest::new("  My App é ", "ZohoCRM/crmapi").unwrap();
        assert_eq!(request.display_name(), "My App é");
        assert!(request
            .create_url(DataCentre::Eu)
            .ends_with("DISPLAY_NAME=My%20App%20%C3%A9"));
    }

    #[test]
    fn several_scopes_are_trimmed_deduplicated_and_comma_joined() {
        let request =
            TokenRequest::new("x", " ZohoCRM/crmapi , ZohoBooks/booksapi,zohocrm/CRMAPI").unwrap();
        assert_eq!(request.scope(), "ZohoCRM/crmapi,ZohoBooks/booksapi");
        assert!(request
            .create_url(DataCentre::Us)
            .contains("SCOPE=ZohoCRM%2Fcrmapi%2CZohoBooks%2Fbooksapi&"));
    }

    #[test]
    fn empty_fields_are_both_reported() {
        assert_eq!(
            TokenRequest::new("  ", ""),
            Err(vec![RequestError::NameEmpty, RequestError::ScopeEmpty])
        );
    }

    #[test]
    fn markup_and_invisible_characters_are_refused_in_names() {
        assert_eq!(
            validate_display_name("<img src=x onerror=alert(1)>"),
            Err(RequestError::NameCharacter('<'))
        );
        assert_eq!(
            validate_display_name("ab\u{202E}cd"),
            Err(RequestError::NameCharacter('\u{202E}'))
        );
        assert_eq!(
            validate_display_name("a\nb"),
            Err(RequestError::NameCharacter('\n'))
        );
        assert_eq!(
            validate_display_name("a&b"),
            Err(RequestError::NameCharacter('&'))
        );
    }

    #[test]
    fn names_have_a_length_limit_in_characters() {
        assert!(validate_display_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
        assert_eq!(
            validate_display_name(&"a".repeat(MAX_NAME_CHARS + 1)),
            Err(RequestError::NameTooLong)
        );
    }

    #[test]
    fn malformed_scopes_are_refused_with_the_offending_item() {
        for bad in [
            "ZohoCRM",
            "/crmapi",
            "ZohoCRM/",
            "Zoho CRM/crmapi",
            "a/b/c",
            "a/b,",
            "a/b?x=1",
            "a/<b>",
        ] {
            assert!(
                matches!(validate_scope(bad), Err(RequestError::ScopeFormat(_))),
                "{bad:?} was accepted"
            );
        }
        assert_eq!(
            validate_scope("ZohoCRM/crmapi,,x/y"),
            Err(RequestError::ScopeFormat(String::new()))
        );
    }

    #[test]
    fn scope_limits() {
        let many: Vec<String> = (0..=MAX_SCOPES).map(|i| format!("S{i}/api")).collect();
        assert_eq!(
            validate_scope(&many.join(",")),
            Err(RequestError::TooManyScopes)
        );
        assert_eq!(
            validate_scope(&format!("a/{}", "b".repeat(MAX_SCOPE_LEN))),
            Err(RequestError::ScopeTooLong)
        );
    }

    #[test]
    fn errors_name_their_field_and_invisible_characters() {
        assert_eq!(RequestError::NameEmpty.field(), Field::Name);
        assert_eq!(RequestError::ScopeEmpty.field(), Field::Scope);
        assert_eq!(
            RequestError::NameCharacter('\u{200F}').message().args,
            vec!["U+200F".to_string()]
        );
        assert_eq!(
            RequestError::NameCharacter('<').message().args,
            vec!["\u{201c}<\u{201d}".to_string()]
        );
        let long = RequestError::ScopeFormat("x".repeat(100)).message();
        assert_eq!(long.args[0].chars().count(), 41);
    }
}
