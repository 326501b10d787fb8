//! What the extension sends Zoho: form bodies for `/oauth/v2/token` (a code
//! for tokens, a refresh token for an access token) and its revoke, always to
//! the client's own data centre. Secrets go in the body, never in the address,
//! but for the one token being revoked: Zoho documents the revoke with the
//! token in the address, and that token is dead a moment later. And what is
//! typed for them, checked before anything is sent.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::scopes::{self, ScopeError};
use super::secret::Secret;
use crate::i18n::{key, Message, UserMessage};
use crate::zoho::url::encode_component;
use crate::zoho::DataCentre;

/// Longest application name kept for a refresh token.
pub const MAX_LABEL_CHARS: usize = 100;

/// `https://accounts.zoho.<dc>/oauth/v2/token`.
pub fn token_url(dc: DataCentre) -> String {
    format!("{}/oauth/v2/token", dc.origin())
}

/// `https://accounts.zoho.<dc>/oauth/v2/token/revoke?token=<refresh token>`,
/// as Zoho documents it (posted with an empty body).
pub fn revoke_url(dc: DataCentre, refresh_token: &Secret) -> String {
    format!(
        "{}/oauth/v2/token/revoke?{}",
        dc.origin(),
        form(&[("token", refresh_token.expose())])
    )
}

/// An `application/x-www-form-urlencoded` body.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Exchanges a grant code for a refresh token (and a first access token),
/// with the client's secret opened.
pub fn exchange_form(client_id: &str, client_secret: &Secret, code: &str) -> String {
    form(&[
        ("grant_type", "authorization_code"),
        ("client_id", client_id),
        ("client_secret", client_secret.expose()),
        ("code", code.trim()),
    ])
}

/// Mints an access token with a refresh token.
pub fn refresh_form(client_id: &str, client_secret: &Secret, refresh_token: &Secret) -> String {
    form(&[
        ("grant_type", "refresh_token"),
        ("client_id", client_id),
        ("client_secret", client_secret.expose()),
        ("refresh_token", refresh_token.expose()),
    ])
}

/// Which field of the exchange form a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeField {
    /// The application's name.
    Label,
    /// The scopes.
    Scope,
    /// The grant code.
    Code,
    /// A refresh token brought from elsewhere.
    RefreshToken,
}

/// Why a typed exchange is not sent to Zoho.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExchangeError {
    /// No application name, or one over [`MAX_LABEL_CHARS`].
    Label,
    /// The scopes, and why.
    Scopes(ScopeError),
    /// Not the shape of a grant code.
    CodeShape,
    /// Not the shape of a refresh token (RFC 6750's bearer-token alphabet).
    RefreshTokenShape,
}

impl ExchangeError {
    /// The field to show the problem at.
    pub fn field(&self) -> ExchangeField {
        match self {
            ExchangeError::Label => ExchangeField::Label,
            ExchangeError::Scopes(_) => ExchangeField::Scope,
            ExchangeError::CodeShape => ExchangeField::Code,
            ExchangeError::RefreshTokenShape => ExchangeField::RefreshToken,
        }
    }
}

impl UserMessage for ExchangeError {
    fn message(&self) -> Message {
        match self {
            ExchangeError::Label => {
                Message::with(key("errOAuthLabel"), [MAX_LABEL_CHARS.to_string()])
            }
            ExchangeError::Scopes(error) => error.message(),
            ExchangeError::CodeShape => Message::new(key("errOAuthCodeShape")),
            ExchangeError::RefreshTokenShape => Message::new(key("errRefreshTokenShape")),
        }
    }
}

/// A typed exchange, checked: the application's name trimmed, the scopes as
/// the console wants them, the code trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedExchange {
    pub label: String,
    pub scopes: String,
    pub code: String,
}

/// Checks what was typed before anything is sent; every problem is reported,
/// each at its field.
pub fn check_exchange(
    label: &str,
    typed_scopes: &str,
    code: &str,
) -> Result<CheckedExchange, Vec<ExchangeError>> {
    let label = label.trim();
    let mut errors = Vec::new();
    if !is_label(label) {
        errors.push(ExchangeError::Label);
    }
    let scopes = scopes::check(typed_scopes).map_err(|e| errors.push(ExchangeError::Scopes(e)));
    if !looks_like_code(code) {
        errors.push(ExchangeError::CodeShape);
    }
    match scopes {
        Ok(scopes) if errors.is_empty() => Ok(CheckedExchange {
            label: label.to_string(),
            scopes,
            code: code.trim().to_string(),
        }),
        _ => Err(errors),
    }
}

/// A refresh token brought from elsewhere, checked: the application's name
/// trimmed, the scopes typed (if any: Zoho's answer says which it grants),
/// the token trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedBrought {
    pub label: String,
    pub scopes: Option<String>,
    pub refresh_token: Secret,
}

/// Checks a refresh token pasted with its application's name (and scopes,
/// which may be left empty) before it is sent to Zoho to be proved.
pub fn check_brought(
    label: &str,
    typed_scopes: &str,
    refresh_token: &str,
) -> Result<CheckedBrought, Vec<ExchangeError>> {
    let label = label.trim();
    let mut errors = Vec::new();
    if !is_label(label) {
        errors.push(ExchangeError::Label);
    }
    let scopes = match typed_scopes.trim() {
        "" => None,
        typed => scopes::check(typed)
            .map_err(|e| errors.push(ExchangeError::Scopes(e)))
            .ok(),
    };
    let refresh_token = Secret::new(refresh_token.trim());
    if !refresh_token.is_bearer_token() {
        errors.push(ExchangeError::RefreshTokenShape);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CheckedBrought {
        label: label.to_string(),
        scopes,
        refresh_token,
    })
}

/// Whether `label` is an application's name as the extension keeps it: 1 to
/// [`MAX_LABEL_CHARS`] characters, no control characters, nothing to trim.
pub fn is_label(label: &str) -> bool {
    label.trim() == label
        && (1..=MAX_LABEL_CHARS).contains(&label.chars().count())
        && !label.chars().any(char::is_control)
}

/// Whether a pasted grant code has the shape the console shows
/// (`1000.<hex>.<hex>`): checked before the three minutes run out on a typo.
pub fn looks_like_code(code: &str) -> bool {
    let mut parts = code.trim().split('.');
    parts.next() == Some("1000")
        && parts.clone().count() == 2
        && parts.all(|p| (16..=64).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brought_refresh_token_is_checked_before_zoho_sees_it() {
        let brought = check_brought(" Books ", "", " 1000.abc.def\n").unwrap();
        assert_eq!(
            brought,
            CheckedBrought {
                label: "Books".into(),
                scopes: None,
                refresh_token: Secret::new("1000.abc.def"),
            }
        );
        let typed = check_brought("Books", "ZohoBooks.fullaccess.all", "1000.a.b").unwrap();
        assert_eq!(typed.scopes.as_deref(), Some("ZohoBooks.fullaccess.all"));
        assert_eq!(
            check_brought("", "ZohoCRM/crmapi", "1000.$(rm -rf ~)")
                .map_err(|e| e.iter().map(ExchangeError::field).collect::<Vec<_>>()),
            Err(vec![
                ExchangeField::Label,
                ExchangeField::Scope,
                ExchangeField::RefreshToken
            ])
        );
        assert!(check_brought("Books", "", " ").is_err());
    }
    use crate::oauth::client::check;

    #[test]
    fn forms_carry_every_parameter_encoded_and_go_to_the_clients_data_centre() {
        let client = check(
            DataCentre::Eu,
            "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
            "0123456789abcdef0123456789abcdef0123456789",
            "",
        )
        .unwrap();
        assert_eq!(
            token_url(client.dc),
            "https://accounts.zoho.eu/oauth/v2/token"
        );
        assert_eq!(
            exchange_form(
                &client.client_id,
                client.client_secret.open().unwrap(),
                " 1000.aa.bb "
            ),
            "grant_type=authorization_code&client_id=1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123\
             &client_secret=0123456789abcdef0123456789abcdef0123456789&code=1000.aa.bb"
        );
        assert_eq!(
            refresh_form("id", &Secret::new("s&t"), &Secret::new("r=1")),
            "grant_type=refresh_token&client_id=id&client_secret=s%26t&refresh_token=r%3D1"
        );
        assert_eq!(
            revoke_url(DataCentre::Ca, &Secret::new("1000.x y&z")),
            "https://accounts.zohocloud.ca/oauth/v2/token/revoke?token=1000.x%20y%26z"
        );
    }

    #[test]
    fn a_typed_exchange_is_checked_field_by_field() {
        let hex = "0123456789abcdef0123456789abcdef";
        let code = format!("1000.{hex}.{hex}");
        assert_eq!(
            check_exchange(
                "  Books sync ",
                "ZohoBooks.fullaccess.all ZohoCRM.org.READ",
                &format!(" {code}\n")
            ),
            Ok(CheckedExchange {
                label: "Books sync".into(),
                scopes: "ZohoBooks.fullaccess.all,ZohoCRM.org.READ".into(),
                code: code.clone(),
            })
        );
        assert!(check_exchange(&"x".repeat(MAX_LABEL_CHARS), "A.b", &code).is_ok());
        // What is saved is what reads back: no control characters, no more
        // than the limit.
        for label in [
            "Books\tsync",
            "Books\u{7}",
            &"x".repeat(MAX_LABEL_CHARS + 1),
        ] {
            let refused = check_exchange(label, "A.b", &code);
            assert_eq!(refused, Err(vec![ExchangeError::Label]), "{label:?}");
        }
        assert!(is_label("Книги 2") && !is_label(" Books") && !is_label(""));
        // Every problem at once, each at its field.
        let errors = check_exchange(" ", "", "1000.nope").unwrap_err();
        assert_eq!(
            errors,
            [
                ExchangeError::Label,
                ExchangeError::Scopes(ScopeError::Empty),
                ExchangeError::CodeShape
            ]
        );
        let fields: Vec<ExchangeField> = errors.iter().map(ExchangeError::field).collect();
        assert_eq!(
            fields,
            [
                ExchangeField::Label,
                ExchangeField::Scope,
                ExchangeField::Code
            ]
        );
        assert_eq!(
            check_exchange(&"é".repeat(MAX_LABEL_CHARS + 1), "A.b", &code),
            Err(vec![ExchangeError::Label])
        );
        assert_eq!(
            check_exchange("App", "Zoho/crm", &code),
            Err(vec![ExchangeError::Scopes(ScopeError::Malformed(
                "Zoho/crm".into()
            ))])
        );
        assert_eq!(
            check_exchange("App", "A.b", "2000.x.y"),
            Err(vec![ExchangeError::CodeShape])
        );
        assert_eq!(ExchangeError::Label.message().args, ["100"]);
        assert_eq!(ExchangeError::CodeShape.message().key, "errOAuthCodeShape");
        assert_eq!(
            ExchangeError::Scopes(ScopeError::Empty).message(),
            ScopeError::Empty.message()
        );
    }

    #[test]
    fn codes_look_like_the_consoles() {
        let hex = "0123456789abcdef0123456789abcdef";
        assert!(looks_like_code(&format!("1000.{hex}.{hex}")));
        assert!(looks_like_code(&format!(" 1000.{hex}.{hex}\n")));
        for bad in [
            format!("1000.{hex}"),
            format!("1000.{hex}.{hex}.{hex}"),
            format!("2000.{hex}.{hex}"),
            format!("1000.{hex}.xyz{hex}"),
            format!("1000.{hex}.abc"),
            String::new(),
        ] {
            assert!(!looks_like_code(&bad), "{bad}");
        }
    }
}
