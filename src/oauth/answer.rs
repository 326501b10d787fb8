//! What `/oauth/v2/token` and `/oauth/v2/token/revoke` answer, read into a
//! grant or a reason. Zoho answers most errors as JSON with HTTP 200, so the
//! body decides, not the status.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::secret::Secret;
use crate::i18n::{key, Message, UserMessage};
use crate::plain::{field, Plain};
use crate::zoho::verdict::{Answer, Body};

/// How long an access token lives when Zoho does not say (one hour).
pub const DEFAULT_LIFETIME_S: u32 = 3600;

/// What Zoho gave for a grant code or a refresh token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The access token: good for `lifetime_s` seconds.
    pub access_token: Secret,
    /// Only for a grant code: the long-lived refresh token.
    pub refresh_token: Option<Secret>,
    /// Where the product APIs are (`https://www.zohoapis.eu`), if Zoho said.
    pub api_domain: Option<String>,
    /// Seconds the access token lives.
    pub lifetime_s: u32,
}

/// Why no token came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OAuthError {
    /// `invalid_code`: the grant code expired or was used, or the refresh
    /// token is no longer accepted.
    InvalidCode,
    /// `invalid_client`: Zoho does not know the client ID here.
    InvalidClient,
    /// `invalid_client_secret`: the secret does not match the ID.
    InvalidSecret,
    /// Past one of Zoho's limits; Zoho's own description, if any.
    TooManyRequests(Option<String>),
    /// An error this version does not know, as Zoho named it.
    Other(String),
    /// A 5xx answer.
    ServerError(u16),
    /// The answer was not JSON (or not an object).
    NotJson,
    /// The answer was larger than any token answer.
    TooLarge,
    /// An answer without the token it should carry.
    MissingToken,
    /// Zoho did not accept the token to revoke (HTTP 400).
    RevokeRefused,
    /// No answer: the connection failed.
    Network,
    /// No answer in time.
    TimedOut,
}

impl UserMessage for OAuthError {
    fn message(&self) -> Message {
        match self {
            OAuthError::InvalidCode => Message::new(key("oauthInvalidCode")),
            OAuthError::InvalidClient => Message::new(key("oauthInvalidClient")),
            OAuthError::InvalidSecret => Message::new(key("oauthInvalidSecret")),
            OAuthError::TooManyRequests(Some(said)) => {
                Message::with(key("oauthTooManySaid"), [said.clone()])
            }
            OAuthError::TooManyRequests(None) => Message::new(key("oauthTooMany")),
            OAuthError::Other(error) => Message::with(key("oauthOtherError"), [error.clone()]),
            OAuthError::ServerError(status) => {
                Message::with(key("oauthServerError"), [status.to_string()])
            }
            OAuthError::NotJson => Message::new(key("oauthNotJson")),
            OAuthError::TooLarge => Message::new(key("oauthTooLarge")),
            OAuthError::MissingToken => Message::new(key("oauthMissingToken")),
            OAuthError::RevokeRefused => Message::new(key("oauthRevokeRefused")),
            OAuthError::Network => Message::new(key("oauthNetwork")),
            OAuthError::TimedOut => Message::new(key("oauthTimedOut")),
        }
    }
}

/// The status and text of an answer, or why there is none to read.
pub fn text_of(answer: &Answer) -> Result<(u16, Option<&str>), OAuthError> {
    match answer {
        Answer::Network | Answer::Redirected => Err(OAuthError::Network),
        Answer::TimedOut => Err(OAuthError::TimedOut),
        Answer::Page { status, body, .. } => match body {
            Body::Text(text) => Ok((*status, Some(text))),
            Body::TooLarge => Err(OAuthError::TooLarge),
            Body::NotText => Ok((*status, None)),
        },
    }
}

/// Longest error text or description kept from an answer.
const MAX_SAID: usize = 300;

/// Zoho's `error` (and `error_description`), as a reason.
fn refusal(error: &str, description: Option<String>) -> OAuthError {
    let said = |text: String| text.chars().take(MAX_SAID).collect::<String>();
    match error {
        "invalid_code" => OAuthError::InvalidCode,
        "invalid_client" => OAuthError::InvalidClient,
        "invalid_client_secret" => OAuthError::InvalidSecret,
        // Zoho's word for "past a rate limit".
        "Access Denied" => OAuthError::TooManyRequests(description.map(said)),
        other => OAuthError::Other(said(other.to_string())),
    }
}

/// A token as Zoho writes one: no space, no control character, not absurdly long.
fn token(value: &impl Plain, name: &'static str) -> Option<Secret> {
    field::<Option<Secret>>(value, name).flatten().filter(|t| {
        t.expose().len() <= 1000
            && !t
                .expose()
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Reads the answer to a token request. `body` is `None` when it was not JSON;
/// `want_refresh` for a grant code, whose answer must hold a refresh token.
pub fn read_token(
    status: u16,
    body: Option<&impl Plain>,
    want_refresh: bool,
) -> Result<Grant, OAuthError> {
    let Some(body) = body else {
        return Err(if status >= 500 {
            OAuthError::ServerError(status)
        } else {
            OAuthError::NotJson
        });
    };
    if let Some(error) = field::<Option<String>>(body, "error").flatten() {
        let description = field::<Option<String>>(body, "error_description").flatten();
        return Err(refusal(&error, description));
    }
    if status >= 500 {
        return Err(OAuthError::ServerError(status));
    }
    if status == 429 {
        return Err(OAuthError::TooManyRequests(None));
    }
    let access_token = token(body, "access_token").ok_or(OAuthError::MissingToken)?;
    let refresh_token = token(body, "refresh_token");
    if want_refresh && refresh_token.is_none() {
        return Err(OAuthError::MissingToken);
    }
    let api_domain = field::<Option<String>>(body, "api_domain")
        .flatten()
        .filter(|d| d.starts_with("https://") && d.len() <= 100);
    // Seconds; an hour at most (old answers gave milliseconds here).
    let lifetime_s = field::<Option<u32>>(body, "expires_in")
        .flatten()
        .filter(|s| (1..=DEFAULT_LIFETIME_S).contains(s))
        .unwrap_or(DEFAULT_LIFETIME_S);
    Ok(Grant {
        access_token,
        refresh_token: if want_refresh { refresh_token } else { None },
        api_domain,
        lifetime_s,
    })
}

/// Reads the answer to a revoke request: `{"status": "success"}` is the only
/// yes; a 400 means Zoho does not take the token (whatever error it names).
pub fn read_revoke(status: u16, body: Option<&impl Plain>) -> Result<(), OAuthError> {
    let said = |name| body.and_then(|b| field::<Option<String>>(b, name).flatten());
    let refused = said("error").map(|error| refusal(&error, said("error_description")));
    match (status, refused) {
        (_, Some(too_many @ OAuthError::TooManyRequests(_))) => Err(too_many),
        (500.., _) => Err(OAuthError::ServerError(status)),
        (400, _) => Err(OAuthError::RevokeRefused),
        (_, Some(refused)) => Err(refused),
        _ => match said("status") {
            Some(said) if said == "success" => Ok(()),
            Some(_) => Err(OAuthError::RevokeRefused),
            None if body.is_none() => Err(OAuthError::NotJson),
            None => Err(OAuthError::Other("no status".to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const ACCESS: &str = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";
    const REFRESH: &str = "1000.fedcba9876543210fedcba9876543210.fedcba9876543210fedcba9876543210";

    fn read(status: u16, body: Value, want_refresh: bool) -> Result<Grant, OAuthError> {
        read_token(status, Some(&body), want_refresh)
    }

    #[test]
    fn a_code_exchange_gives_both_tokens_and_the_api_domain() {
        let grant = read(
            200,
            json!({"access_token": ACCESS, "refresh_token": REFRESH, "scope": "ZohoCRM.modules.ALL",
                   "api_domain": "https://www.zohoapis.eu", "token_type": "Bearer", "expires_in": 3600}),
            true,
        )
        .unwrap();
        assert_eq!(grant.access_token.expose(), ACCESS);
        assert_eq!(grant.refresh_token.unwrap().expose(), REFRESH);
        assert_eq!(grant.api_domain.as_deref(), Some("https://www.zohoapis.eu"));
        assert_eq!(grant.lifetime_s, 3600);
    }

    #[test]
    fn a_refresh_gives_an_access_token_only() {
        let grant = read(
            200,
            json!({"access_token": ACCESS, "expires_in": 1800}),
            false,
        )
        .unwrap();
        assert_eq!(grant.refresh_token, None);
        assert_eq!(grant.api_domain, None);
        assert_eq!(grant.lifetime_s, 1800);
        // Milliseconds, missing, or nonsense: an hour.
        for odd in [json!(3_600_000), json!(null), json!("3600"), json!(0)] {
            let grant = read(
                200,
                json!({"access_token": ACCESS, "expires_in": odd}),
                false,
            )
            .unwrap();
            assert_eq!(grant.lifetime_s, 3600, "{odd}");
        }
    }

    #[test]
    fn zoho_errors_are_read_whatever_the_status() {
        for status in [200, 400, 401] {
            assert_eq!(
                read(status, json!({"error": "invalid_code"}), true),
                Err(OAuthError::InvalidCode)
            );
            assert_eq!(
                read(status, json!({"error": "invalid_client"}), true),
                Err(OAuthError::InvalidClient)
            );
            assert_eq!(
                read(status, json!({"error": "invalid_client_secret"}), true),
                Err(OAuthError::InvalidSecret)
            );
        }
        assert_eq!(
            read(
                200,
                json!({"error": "Access Denied", "error_description": "Slow down.", "status": "failure"}),
                false
            ),
            Err(OAuthError::TooManyRequests(Some("Slow down.".into())))
        );
        assert_eq!(
            read(200, json!({"error": "invalid_scope"}), true),
            Err(OAuthError::Other("invalid_scope".into()))
        );
        let long = read(200, json!({"error": "x".repeat(5000)}), true);
        assert_eq!(long, Err(OAuthError::Other("x".repeat(MAX_SAID))));
    }

    #[test]
    fn broken_answers_are_named() {
        assert_eq!(
            read_token(200, None::<&Value>, true),
            Err(OAuthError::NotJson)
        );
        assert_eq!(
            read_token(502, None::<&Value>, true),
            Err(OAuthError::ServerError(502))
        );
        assert_eq!(
            read(503, json!({"access_token": ACCESS}), false),
            Err(OAuthError::ServerError(503))
        );
        assert_eq!(
            read(429, json!({}), false),
            Err(OAuthError::TooManyRequests(None))
        );
        assert_eq!(
            read(200, json!({"refresh_token": REFRESH}), true),
            Err(OAuthError::MissingToken)
        );
        assert_eq!(
            read(200, json!({"access_token": ACCESS}), true),
            Err(OAuthError::MissingToken)
        );
        assert_eq!(
            read(200, json!({"access_token": "two words"}), false),
            Err(OAuthError::MissingToken)
        );
        assert_eq!(
            read(200, json!([ACCESS]), false),
            Err(OAuthError::MissingToken)
        );
        let odd_domain = read(
            200,
            json!({"access_token": ACCESS, "api_domain": "javascript:x"}),
            false,
        );
        assert_eq!(odd_domain.unwrap().api_domain, None);
    }

    #[test]
    fn answers_without_a_readable_body_are_named() {
        let page = |status, body| Answer::Page {
            status,
            final_url: "https://accounts.zoho.com/oauth/v2/token".into(),
            body,
        };
        assert_eq!(text_of(&Answer::Network), Err(OAuthError::Network));
        assert_eq!(text_of(&Answer::Redirected), Err(OAuthError::Network));
        assert_eq!(text_of(&Answer::TimedOut), Err(OAuthError::TimedOut));
        assert_eq!(
            text_of(&page(200, Body::TooLarge)),
            Err(OAuthError::TooLarge)
        );
        assert_eq!(text_of(&page(502, Body::NotText)), Ok((502, None)));
        assert_eq!(
            text_of(&page(200, Body::Text("{}".into()))),
            Ok((200, Some("{}")))
        );
    }

    #[test]
    fn only_success_revokes() {
        let revoke = |status, body: Option<Value>| read_revoke(status, body.as_ref());
        assert_eq!(revoke(200, Some(json!({"status": "success"}))), Ok(()));
        assert_eq!(
            revoke(400, Some(json!({"status": "failure"}))),
            Err(OAuthError::RevokeRefused)
        );
        assert_eq!(revoke(400, None), Err(OAuthError::RevokeRefused));
        // Zoho's rate limit is said as such, even on a 400.
        assert_eq!(
            revoke(
                400,
                Some(json!({"error": "Access Denied", "error_description": "Too many"}))
            ),
            Err(OAuthError::TooManyRequests(Some("Too many".into())))
        );
        assert_eq!(revoke(200, None), Err(OAuthError::NotJson));
        assert_eq!(
            revoke(200, Some(json!({}))),
            Err(OAuthError::Other("no status".into()))
        );
        assert_eq!(
            revoke(
                400,
                Some(json!({"status": "failure", "error": "invalid_token"}))
            ),
            Err(OAuthError::RevokeRefused)
        );
        assert_eq!(
            revoke(200, Some(json!({"error": "invalid_client"}))),
            Err(OAuthError::InvalidClient)
        );
        assert_eq!(
            revoke(200, Some(json!({"status": "failure"}))),
            Err(OAuthError::RevokeRefused)
        );
        assert_eq!(revoke(200, None), Err(OAuthError::NotJson));
        assert_eq!(
            revoke(500, Some(json!({}))),
            Err(OAuthError::ServerError(500))
        );
        assert_eq!(
            revoke(200, Some(json!({"error": "Access Denied"}))),
            Err(OAuthError::TooManyRequests(None))
        );
    }
}
