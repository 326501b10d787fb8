//! What `/oauth/v2/token` and `/oauth/v2/token/revoke` answer, read into a
//! grant or a reason. Zoho answers most errors as JSON with HTTP 200, so the
//! body decides, not the status; a standard OAuth server (RFC 6749 §5.2,
//! RFC 7009) names the same failures in its own words, read here too.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::scopes;
use super::secret::Secret;
use crate::http::{Answer, Body};
use crate::i18n::{key, Message, UserMessage};
use crate::plain::{field, Plain};
use crate::zoho::DataCentre;

/// How long an access token lives when Zoho does not say (one hour).
pub const DEFAULT_LIFETIME_S: u32 = 3600;

/// What Zoho gave for a grant code or a refresh token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The access token: good for `lifetime_s` seconds.
    pub access_token: Secret,
    /// Only for a grant code: the long-lived refresh token.
    pub refresh_token: Option<Secret>,
    /// The data centre whose product APIs Zoho named (`api_domain`), when it
    /// named one of the nine; any other address is not trusted.
    pub api_domain: Option<DataCentre>,
    /// The scopes Zoho granted, comma joined, when its answer named them
    /// (the code may have been made for other scopes than the form held).
    pub scopes: Option<String>,
    /// Seconds the access token lives.
    pub lifetime_s: u32,
}

/// Why Zoho (or a standard OAuth server) refused, by the `error` it named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `invalid_code` (Zoho) or `invalid_grant` (RFC 6749): the grant code
    /// expired or was used, or the refresh token is no longer accepted.
    InvalidCode,
    /// Zoho's `invalid_client`: it does not know the client ID here.
    InvalidClient,
    /// `invalid_client` with HTTP 401, as RFC 6749 answers it: the client is
    /// unknown *or* its secret is wrong.
    ClientRejected,
    /// `invalid_client_secret`: the secret does not match the ID.
    InvalidSecret,
    /// `unauthorized_client`: this client may not use this kind of grant.
    UnauthorizedClient,
    /// `unsupported_grant_type`: the server does not take this kind of request.
    UnsupportedGrantType,
    /// `invalid_scope`: the scopes asked for are unknown or not allowed.
    InvalidScope,
    /// Past one of Zoho's limits (`Access Denied`, or HTTP 429).
    TooManyRequests,
    /// An error this version does not know, as the server named it.
    Other(String),
}

/// Why no token came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OAuthError {
    /// Refused, and the server's own description (`error_description`), if any.
    Refused(Refusal, Option<String>),
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
    /// A redirect, which a token request never follows.
    Redirected,
    /// No answer: the connection failed.
    Network,
    /// No answer in time.
    TimedOut,
}

impl OAuthError {
    /// A refusal of this kind, without a description.
    pub fn refused(refusal: Refusal) -> OAuthError {
        OAuthError::Refused(refusal, None)
    }

    /// What the server said in its own words, if it said anything.
    pub fn said(&self) -> Option<&str> {
        match self {
            OAuthError::Refused(_, said) => said.as_deref(),
            _ => None,
        }
    }
}

impl UserMessage for Refusal {
    fn message(&self) -> Message {
        Message::new(match self {
            Refusal::InvalidCode => key("oauthInvalidCode"),
            Refusal::InvalidClient => key("oauthInvalidClient"),
            Refusal::ClientRejected => key("oauthClientRejected"),
            Refusal::InvalidSecret => key("oauthInvalidSecret"),
            Refusal::UnauthorizedClient => key("oauthUnauthorizedClient"),
            Refusal::UnsupportedGrantType => key("oauthUnsupportedGrantType"),
            Refusal::InvalidScope => key("oauthInvalidScope"),
            Refusal::TooManyRequests => key("oauthTooMany"),
            Refusal::Other(error) => return Message::with(key("oauthOtherError"), [error.clone()]),
        })
    }
}

impl UserMessage for OAuthError {
    fn message(&self) -> Message {
        Message::new(match self {
            OAuthError::Refused(refusal, _) => return refusal.message(),
            OAuthError::ServerError(status) => {
                return Message::with(key("oauthServerError"), [status.to_string()])
            }
            OAuthError::NotJson => key("oauthNotJson"),
            OAuthError::TooLarge => key("oauthTooLarge"),
            OAuthError::MissingToken => key("oauthMissingToken"),
            OAuthError::RevokeRefused => key("oauthRevokeRefused"),
            OAuthError::Redirected => key("oauthRedirected"),
            OAuthError::Network => key("oauthNetwork"),
            OAuthError::TimedOut => key("oauthTimedOut"),
        })
    }
}

/// The status and text of an answer, or why there is none to read.
pub fn text_of(answer: &Answer) -> Result<(u16, Option<&str>), OAuthError> {
    match answer {
        Answer::Network => Err(OAuthError::Network),
        Answer::Redirected => Err(OAuthError::Redirected),
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

/// The server's `error` (and `error_description`), as a reason; `status` tells
/// Zoho's `invalid_client` (HTTP 200: an unknown ID) from the standard one
/// (HTTP 401: an unknown ID or a wrong secret).
fn refusal(status: u16, error: &str, description: Option<String>) -> OAuthError {
    let said = |text: String| text.chars().take(MAX_SAID).collect::<String>();
    let refusal = match error {
        "invalid_code" | "invalid_grant" => Refusal::InvalidCode,
        "invalid_client" if status == 401 => Refusal::ClientRejected,
        "invalid_client" => Refusal::InvalidClient,
        "invalid_client_secret" => Refusal::InvalidSecret,
        "unauthorized_client" => Refusal::UnauthorizedClient,
        "unsupported_grant_type" => Refusal::UnsupportedGrantType,
        "invalid_scope" => Refusal::InvalidScope,
        // Zoho's word for "past a rate limit".
        "Access Denied" => Refusal::TooManyRequests,
        other => Refusal::Other(said(other.to_string())),
    };
    let description = description.map(said).filter(|d| !d.trim().is_empty());
    OAuthError::Refused(refusal, description)
}

/// The server's refusal in an answer's body, if it names one.
fn refused_in(status: u16, body: &impl Plain) -> Option<OAuthError> {
    let said = |name| field::<Option<String>>(body, name).flatten();
    said("error").map(|error| refusal(status, &error, said("error_description")))
}

/// A token as Zoho writes one: no space, no control character, not absurdly long.
fn token(value: &impl Plain, name: &'static str) -> Option<Secret> {
    field::<Option<Secret>>(value, name)
        .flatten()
        .filter(Secret::is_bearer_token)
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
    if let Some(refused) = refused_in(status, body) {
        return Err(refused);
    }
    if status >= 500 {
        return Err(OAuthError::ServerError(status));
    }
    if status == 429 {
        return Err(OAuthError::refused(Refusal::TooManyRequests));
    }
    let access_token = token(body, "access_token").ok_or(OAuthError::MissingToken)?;
    let refresh_token = token(body, "refresh_token");
    if want_refresh && refresh_token.is_none() {
        return Err(OAuthError::MissingToken);
    }
    let api_domain = field::<Option<String>>(body, "api_domain")
        .flatten()
        .and_then(|said| DataCentre::from_api_domain(&said));
    // Zoho joins scopes with commas, RFC 6749 with spaces: either is read.
    let scopes = field::<Option<String>>(body, "scope")
        .flatten()
        .and_then(|said| scopes::check(&said).ok());
    // Seconds; an hour at most (old answers gave milliseconds here).
    let lifetime_s = field::<Option<u32>>(body, "expires_in")
        .flatten()
        .filter(|s| (1..=DEFAULT_LIFETIME_S).contains(s))
        .unwrap_or(DEFAULT_LIFETIME_S);
    Ok(Grant {
        access_token,
        refresh_token: if want_refresh { refresh_token } else { None },
        api_domain,
        scopes,
        lifetime_s,
    })
}

/// Reads the answer to a revoke request. Yes is Zoho's `{"status": "success"}`,
/// or HTTP 200 with an empty body or a JSON object naming neither an error nor
/// a status (RFC 7009 §2.2: the code says it all); `empty` is whether the body
/// had no text at all. A 400 means Zoho does not take the token (whatever
/// error it names).
pub fn read_revoke(status: u16, body: Option<&impl Plain>, empty: bool) -> Result<(), OAuthError> {
    let refused = body.and_then(|b| refused_in(status, b));
    match (status, refused) {
        (_, Some(e @ OAuthError::Refused(Refusal::TooManyRequests, _))) => Err(e),
        (500.., _) => Err(OAuthError::ServerError(status)),
        (400, _) => Err(OAuthError::RevokeRefused),
        (_, Some(refused)) => Err(refused),
        (200, None) if empty => Ok(()),
        _ => match body.map(|b| field::<Option<String>>(b, "status").flatten()) {
            Some(Some(said)) if said == "success" => Ok(()),
            Some(Some(_)) => Err(OAuthError::RevokeRefused),
            Some(None) if status == 200 => Ok(()),
            Some(None) => Err(OAuthError::RevokeRefused),
            None => Err(OAuthError::NotJson),
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

    fn refused(refusal: Refusal) -> Result<Grant, OAuthError> {
        Err(OAuthError::refused(refusal))
    }

    #[test]
    fn a_code_exchange_gives_both_tokens_the_api_domain_and_the_granted_scopes() {
        let grant = read(
            200,
            json!({"access_token": ACCESS, "refresh_token": REFRESH, "scope": "ZohoCRM.modules.ALL,ZohoCRM.org.READ",
                   "api_domain": "https://www.zohoapis.eu", "token_type": "Bearer", "expires_in": 3600}),
            true,
        )
        .unwrap();
        assert_eq!(grant.access_token.expose(), ACCESS);
        assert_eq!(grant.refresh_token.unwrap().expose(), REFRESH);
        assert_eq!(grant.api_domain, Some(DataCentre::Eu));
        assert_eq!(
            grant.scopes.as_deref(),
            Some("ZohoCRM.modules.ALL,ZohoCRM.org.READ")
        );
        assert_eq!(grant.lifetime_s, 3600);
    }

    #[test]
    fn granted_scopes_are_read_comma_or_space_separated_and_odd_ones_ignored() {
        let scopes = |said: Value| {
            read(200, json!({"access_token": ACCESS, "scope": said}), false)
                .unwrap()
                .scopes
        };
        assert_eq!(
            scopes(json!("ZohoBooks.fullaccess.all ZohoCRM.org.READ")).as_deref(),
            Some("ZohoBooks.fullaccess.all,ZohoCRM.org.READ")
        );
        for odd in [json!(""), json!("<b>x</b>"), json!(["A.b"]), json!(null)] {
            assert_eq!(scopes(odd.clone()), None, "{odd}");
        }
    }

    #[test]
    fn only_the_nine_api_domains_are_trusted() {
        let domain = |said: &str| {
            read(
                200,
                json!({"access_token": ACCESS, "api_domain": said}),
                false,
            )
            .unwrap()
            .api_domain
        };
        for dc in DataCentre::ALL {
            assert_eq!(domain(dc.api_domain()), Some(dc));
        }
        for odd in [
            "javascript:x",
            "https://www.zohoapis.com.evil.example",
            "https://evil.example/www.zohoapis.com",
            "http://www.zohoapis.com",
            "https://www.zohoapis.com/",
            "https://zohoapis.com",
            "",
        ] {
            assert_eq!(domain(odd), None, "{odd}");
        }
    }

    #[test]
    fn a_refresh_gives_an_access_token_only() {
        let grant = read(
            200,
            json!({"access_token": ACCESS, "refresh_token": REFRESH, "expires_in": 1800}),
            false,
        )
        .unwrap();
        assert_eq!(grant.refresh_token, None);
        assert_eq!(grant.api_domain, None);
        assert_eq!(grant.scopes, None);
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
        for status in [200, 400] {
            assert_eq!(
                read(status, json!({"error": "invalid_code"}), true),
                refused(Refusal::InvalidCode)
            );
            assert_eq!(
                read(status, json!({"error": "invalid_client"}), true),
                refused(Refusal::InvalidClient)
            );
            assert_eq!(
                read(status, json!({"error": "invalid_client_secret"}), true),
                refused(Refusal::InvalidSecret)
            );
        }
        assert_eq!(
            read(
                200,
                json!({"error": "Access Denied", "error_description": "Slow down.", "status": "failure"}),
                false
            ),
            Err(OAuthError::Refused(
                Refusal::TooManyRequests,
                Some("Slow down.".into())
            ))
        );
        assert_eq!(
            read(200, json!({"error": "unheard_of"}), true),
            refused(Refusal::Other("unheard_of".into()))
        );
        let long = read(200, json!({"error": "x".repeat(5000)}), true);
        assert_eq!(long, refused(Refusal::Other("x".repeat(MAX_SAID))));
    }

    #[test]
    fn standard_oauth_errors_are_read_with_their_descriptions() {
        let said = Some("The code has expired".to_string());
        assert_eq!(
            read(
                400,
                json!({"error": "invalid_grant", "error_description": "The code has expired"}),
                true
            ),
            Err(OAuthError::Refused(Refusal::InvalidCode, said))
        );
        // RFC 6749: an unknown client or a wrong secret, at HTTP 401.
        assert_eq!(
            read(401, json!({"error": "invalid_client"}), true),
            refused(Refusal::ClientRejected)
        );
        for (error, refusal) in [
            ("unauthorized_client", Refusal::UnauthorizedClient),
            ("unsupported_grant_type", Refusal::UnsupportedGrantType),
            ("invalid_scope", Refusal::InvalidScope),
            ("invalid_request", Refusal::Other("invalid_request".into())),
        ] {
            assert_eq!(
                read(400, json!({"error": error}), true),
                refused(refusal),
                "{error}"
            );
        }
        // A blank description is no description; a long one is cut.
        assert_eq!(
            read(
                400,
                json!({"error": "invalid_scope", "error_description": "  "}),
                true
            ),
            refused(Refusal::InvalidScope)
        );
        let long = read(
            400,
            json!({"error": "invalid_scope", "error_description": "y".repeat(900)}),
            true,
        );
        assert_eq!(
            long.unwrap_err().said(),
            Some("y".repeat(MAX_SAID).as_str())
        );
        assert_eq!(OAuthError::NotJson.said(), None);
    }

    #[test]
    fn every_reason_has_its_own_message() {
        let reasons = [
            OAuthError::refused(Refusal::InvalidCode),
            OAuthError::refused(Refusal::InvalidClient),
            OAuthError::refused(Refusal::ClientRejected),
            OAuthError::refused(Refusal::InvalidSecret),
            OAuthError::refused(Refusal::UnauthorizedClient),
            OAuthError::refused(Refusal::UnsupportedGrantType),
            OAuthError::refused(Refusal::InvalidScope),
            OAuthError::refused(Refusal::TooManyRequests),
            OAuthError::refused(Refusal::Other("x".into())),
            OAuthError::ServerError(500),
            OAuthError::NotJson,
            OAuthError::TooLarge,
            OAuthError::MissingToken,
            OAuthError::RevokeRefused,
            OAuthError::Redirected,
            OAuthError::Network,
            OAuthError::TimedOut,
        ];
        let mut keys: Vec<&str> = reasons.iter().map(|r| r.message().key.name()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), reasons.len(), "{keys:?}");
        assert_eq!(
            OAuthError::refused(Refusal::Other("odd".into()))
                .message()
                .args,
            ["odd"]
        );
        assert_eq!(OAuthError::ServerError(503).message().args, ["503"]);
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
            refused(Refusal::TooManyRequests)
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
            read(200, json!({"access_token": "x".repeat(1001)}), false),
            Err(OAuthError::MissingToken)
        );
        assert!(read(200, json!({"access_token": "x".repeat(1000)}), false).is_ok());
        assert_eq!(
            read(200, json!([ACCESS]), false),
            Err(OAuthError::MissingToken)
        );
    }

    #[test]
    fn answers_without_a_readable_body_are_named() {
        let page = |status, body| Answer::Page {
            status,
            final_url: "https://accounts.zoho.com/oauth/v2/token".into(),
            body,
        };
        assert_eq!(text_of(&Answer::Network), Err(OAuthError::Network));
        assert_eq!(text_of(&Answer::Redirected), Err(OAuthError::Redirected));
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
    fn a_revoke_succeeds_as_zoho_or_rfc_7009_says_it() {
        let revoke = |status, body: Option<Value>| {
            let empty = body.is_none();
            read_revoke(status, body.as_ref(), empty)
        };
        assert_eq!(revoke(200, Some(json!({"status": "success"}))), Ok(()));
        // RFC 7009 §2.2: HTTP 200 is the answer; an empty body or `{}`.
        assert_eq!(revoke(200, None), Ok(()));
        assert_eq!(revoke(200, Some(json!({}))), Ok(()));
        // Not JSON, but not empty either (a portal's page): not a yes.
        assert_eq!(
            read_revoke(200, None::<&Value>, false),
            Err(OAuthError::NotJson)
        );
        assert_eq!(revoke(204, None), Err(OAuthError::NotJson));
        assert_eq!(
            revoke(400, Some(json!({"status": "failure"}))),
            Err(OAuthError::RevokeRefused)
        );
        assert_eq!(revoke(400, None), Err(OAuthError::RevokeRefused));
        assert_eq!(revoke(403, Some(json!({}))), Err(OAuthError::RevokeRefused));
        // Zoho's rate limit is said as such, even on a 400.
        assert_eq!(
            revoke(
                400,
                Some(json!({"error": "Access Denied", "error_description": "Too many"}))
            ),
            Err(OAuthError::Refused(
                Refusal::TooManyRequests,
                Some("Too many".into())
            ))
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
            Err(OAuthError::refused(Refusal::InvalidClient))
        );
        assert_eq!(
            revoke(401, Some(json!({"error": "invalid_client"}))),
            Err(OAuthError::refused(Refusal::ClientRejected))
        );
        assert_eq!(
            revoke(200, Some(json!({"status": "failure"}))),
            Err(OAuthError::RevokeRefused)
        );
        assert_eq!(
            revoke(500, Some(json!({}))),
            Err(OAuthError::ServerError(500))
        );
        assert_eq!(
            revoke(200, Some(json!({"error": "Access Denied"}))),
            Err(OAuthError::refused(Refusal::TooManyRequests))
        );
    }
}
