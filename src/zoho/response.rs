//! Reads the answer of `/apiauthtoken/create`: Java `Properties` text, possibly
//! wrapped in HTML. Keys are matched exactly: `CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS`
//! contains the word `AUTHTOKEN` and must never be taken for a token.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::html;
use super::token::AuthToken;
use crate::http::MAX_BODY_BYTES;
use crate::i18n::{key, Message, UserMessage};

/// What a token-create answer said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenResponse {
    Issued(AuthToken),
    Refused(Cause),
}

/// Why a body is not a token answer at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotATokenBody {
    TooLarge,
    NotText,
    /// No `RESULT=` line: some other page.
    NoResult,
    /// `RESULT=TRUE` without a well-formed `AUTHTOKEN=` (missing, repeated or not 32 hex).
    BadToken,
    /// A `RESULT` other than `TRUE`/`FALSE`, or the same key twice with different values.
    Ambiguous,
}

/// Zoho's reason for refusing a token (`CAUSE=` with `RESULT=FALSE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    TokenCapReached,
    InvalidPassword,
    InvalidCredentials,
    NoSuchUser,
    /// The literal `null`: Zoho's way of saying the email or password was wrong.
    WrongEmailOrPassword,
    WebLoginRequired,
    AccountNotConfirmed,
    UserNotActive,
    IpNotAllowed,
    RemoteServerError,
    ApiRequestBlocked,
    /// `RESULT=FALSE` with no `CAUSE` line.
    Unspecified,
    /// A cause this version does not know, kept as it came (bounded, printable).
    Other(String),
}

impl Cause {
    /// The cause Zoho names with this `CAUSE=` code.
    pub fn from_code(code: &str) -> Cause {
        match code {
            "EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS" => Cause::TokenCapReached,
            "INVALID_PASSWORD" => Cause::InvalidPassword,
            "INVALID_CREDENTIALS" => Cause::InvalidCredentials,
            "NO_SUCH_USER" => Cause::NoSuchUser,
            "null" => Cause::WrongEmailOrPassword,
            "WEB_LOGIN_REQUIRED" => Cause::WebLoginRequired,
            "ACCOUNT_REGISTRATION_NOT_CONFIRMED" => Cause::AccountNotConfirmed,
            "USER_NOT_ACTIVE" => Cause::UserNotActive,
            "IP_NOT_ALLOWED" => Cause::IpNotAllowed,
            "REMOTE_SERVER_ERROR" => Cause::RemoteServerError,
            "API_REQUEST_BLOCKED" => Cause::ApiRequestBlocked,
            "" => Cause::Unspecified,
            other => Cause::Other(other.chars().filter(|c| !c.is_control()).take(80).collect()),
        }
    }
}

impl UserMessage for Cause {
    fn message(&self) -> Message {
        let key = match self {
            Cause::TokenCapReached => key("causeTokenCap"),
            Cause::InvalidPassword => key("causeInvalidPassword"),
            Cause::InvalidCredentials | Cause::WrongEmailOrPassword => {
                key("causeInvalidCredentials")
            }
            Cause::NoSuchUser => key("causeNoSuchUser"),
            Cause::WebLoginRequired => key("causeWebLoginRequired"),
            Cause::AccountNotConfirmed => key("causeAccountNotConfirmed"),
            Cause::UserNotActive => key("causeUserNotActive"),
            Cause::IpNotAllowed => key("causeIpNotAllowed"),
            Cause::RemoteServerError => key("causeRemoteServerError"),
            Cause::ApiRequestBlocked => key("causeApiRequestBlocked"),
            Cause::Unspecified => key("causeUnspecified"),
            Cause::Other(code) => return Message::with(key("causeOther"), [code.clone()]),
        };
        Message::new(key)
    }
}

impl UserMessage for NotATokenBody {
    fn message(&self) -> Message {
        Message::new(match self {
            NotATokenBody::TooLarge => key("bodyTooLarge"),
            NotATokenBody::NotText => key("bodyNotText"),
            NotATokenBody::NoResult | NotATokenBody::Ambiguous => key("bodyUnknownPage"),
            NotATokenBody::BadToken => key("bodyBadToken"),
        })
    }
}

/// Reads a token-create answer from its raw bytes.
pub fn parse(body: &[u8]) -> Result<TokenResponse, NotATokenBody> {
    if body.len() > MAX_BODY_BYTES {
        return Err(NotATokenBody::TooLarge);
    }
    let text = std::str::from_utf8(body).map_err(|_| NotATokenBody::NotText)?;
    parse_text(text)
}

/// Reads a token-create answer already decoded as text (a plain body or an HTML page).
pub fn parse_text(text: &str) -> Result<TokenResponse, NotATokenBody> {
    if text.len() > MAX_BODY_BYTES {
        return Err(NotATokenBody::TooLarge);
    }
    let text = text.trim_start_matches('\u{FEFF}');
    let plain;
    let text = if html::looks_like_html(text) {
        plain = html::visible_text(text);
        plain.as_str()
    } else {
        text
    };
    let fields = Fields::read(text)?;
    match fields.get("RESULT") {
        Some("TRUE") => fields
            .get("AUTHTOKEN")
            .and_then(AuthToken::parse)
            .map(TokenResponse::Issued)
            .ok_or(NotATokenBody::BadToken),
        Some("FALSE") => Ok(TokenResponse::Refused(Cause::from_code(
            fields.get("CAUSE").unwrap_or(""),
        ))),
        Some(_) => Err(NotATokenBody::Ambiguous),
        None => Err(NotATokenBody::NoResult),
    }
}

/// The `KEY=VALUE` lines of a properties body; other lines skipped. (A comment,
/// `#…` or `!…`, needs no rule of its own: what stands before its `=` is never a key.)
struct Fields<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Fields<'a> {
    fn read(text: &'a str) -> Result<Fields<'a>, NotATokenBody> {
        let mut fields: Vec<(&str, &str)> = Vec::new();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            if !is_key(key) {
                continue;
            }
            match fields.iter().find(|(k, _)| *k == key) {
                Some((_, seen)) if *seen != value => return Err(NotATokenBody::Ambiguous),
                Some(_) => {}
                None => fields.push((key, value)),
            }
        }
        Ok(Fields(fields))
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// Zoho's keys are upper-case words joined by `_`.
fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn issued(body: &str) -> String {
        match parse(body.as_bytes()) {
            Ok(TokenResponse::Issued(token)) => token.expose().to_string(),
            other => panic!("expected a token from {body:?}, got {other:?}"),
        }
    }

    fn refused(body: &str) -> Cause {
        match parse(body.as_bytes()) {
            Ok(TokenResponse::Refused(cause)) => cause,
            other => panic!("expected a refusal from {body:?}, got {other:?}"),
        }
    }

    #[test]
    fn bodies_of_up_to_64_kib_are_read() {
        let core = format!("\nAUTHTOKEN={TOKEN}\nRESULT=TRUE");
        let body = |len: usize| format!("#{}{core}", "x".repeat(len - 1 - core.len()));
        assert_eq!(issued(&body(65_536)), TOKEN);
        assert_eq!(parse(body(65_537).as_bytes()), Err(NotATokenBody::TooLarge));
    }

    #[test]
    fn a_stray_angle_bracket_in_a_plain_body_is_text() {
        let body = format!("#\nAUTHTOKEN={TOKEN}\nWARNING=a <b\nRESULT=TRUE\n");
        assert_eq!(issued(&body), TOKEN);
        let html =
            format!("<html><body><pre>AUTHTOKEN={TOKEN}\nWARNING=a &lt;b\nRESULT=TRUE</pre>");
        assert_eq!(issued(&html), TOKEN);
    }

    #[test]
    fn the_documented_success_body() {
        let body = format!("#\n#Wed Feb 29 03:07:33 PST 2012\nAUTHTOKEN={TOKEN}\nRESULT=TRUE\n");
        assert_eq!(issued(&body), TOKEN);
    }

    #[test]
    fn the_documentations_fake_token_is_not_a_token() {
        let body = "#\n#Wed Feb 29 03:07:33 PST 2012\nAUTHTOKEN=bad18eba1ff45jk7858b8ae88a77fa30\nRESULT=TRUE\n";
        assert_eq!(parse(body.as_bytes()), Err(NotATokenBody::BadToken));
    }

    #[test]
    fn the_captured_failure_body() {
        let body = "#\n#Wed Jan 22 11:31:26 CST 2014\nCAUSE=ACCOUNT_REGISTRATION_NOT_CONFIRMED\nRESULT=FALSE\n";
        assert_eq!(refused(body), Cause::AccountNotConfirmed);
    }

    #[test]
    fn the_token_cap_cause_is_never_taken_for_a_token() {
        let body = "#\n#date\nCAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE\n";
        assert_eq!(refused(body), Cause::TokenCapReached);
        // Even with RESULT=TRUE, a cause is not a token.
        let odd = "CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=TRUE\n";
        assert_eq!(parse(odd.as_bytes()), Err(NotATokenBody::BadToken));
    }

    #[test]
    fn every_known_cause() {
        let cases = [
            (
                "EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS",
                Cause::TokenCapReached,
            ),
            ("INVALID_PASSWORD", Cause::InvalidPassword),
            ("INVALID_CREDENTIALS", Cause::InvalidCredentials),
            ("NO_SUCH_USER", Cause::NoSuchUser),
            ("WEB_LOGIN_REQUIRED", Cause::WebLoginRequired),
            (
                "ACCOUNT_REGISTRATION_NOT_CONFIRMED",
                Cause::AccountNotConfirmed,
            ),
            ("USER_NOT_ACTIVE", Cause::UserNotActive),
            ("IP_NOT_ALLOWED", Cause::IpNotAllowed),
            ("REMOTE_SERVER_ERROR", Cause::RemoteServerError),
            ("API_REQUEST_BLOCKED", Cause::ApiRequestBlocked),
            ("null", Cause::WrongEmailOrPassword),
        ];
        for (code, cause) in cases {
            assert_eq!(refused(&format!("#\nCAUSE={code}\nRESULT=FALSE\n")), cause);
            assert_ne!(cause.message().key, "causeOther");
        }
    }

    #[test]
    fn unknown_and_missing_causes() {
        assert_eq!(
            refused("CAUSE=SOMETHING_NEW\nRESULT=FALSE"),
            Cause::Other("SOMETHING_NEW".into())
        );
        assert_eq!(
            Cause::Other("SOMETHING_NEW".into()).message(),
            Message::with(key("causeOther"), ["SOMETHING_NEW".to_string()])
        );
        assert_eq!(refused("RESULT=FALSE"), Cause::Unspecified);
        assert_eq!(refused("CAUSE=\nRESULT=FALSE"), Cause::Unspecified);
    }

    #[test]
    fn crlf_bom_whitespace_extra_keys_and_any_order() {
        let body = format!("\u{FEFF}#\r\n#date\r\n  RESULT = TRUE \r\nWARNING=\r\nEXTRA=1\r\nAUTHTOKEN= {TOKEN}\r\n");
        assert_eq!(issued(&body), TOKEN);
        assert_eq!(issued(&format!("RESULT=TRUE\nAUTHTOKEN={TOKEN}")), TOKEN);
        assert_eq!(
            issued(&format!(
                "WARNING=some text\nAUTHTOKEN={TOKEN}\nRESULT=TRUE"
            )),
            TOKEN
        );
    }

    #[test]
    fn body_wrapped_in_html() {
        let pre = format!(
            "<html><body><pre>#\n#date\nAUTHTOKEN={TOKEN}\nRESULT=TRUE\n</pre></body></html>"
        );
        assert_eq!(issued(&pre), TOKEN);
        let tags = format!("<html><head><title>x</title></head><body>#<br>AUTHTOKEN={TOKEN}<br/>RESULT=TRUE<br></body></html>");
        assert_eq!(issued(&tags), TOKEN);
        let divs = format!("<body><div>AUTHTOKEN=<b>{TOKEN}</b></div><div>RESULT=TRUE</div>");
        assert_eq!(issued(&divs), TOKEN);
        // Markup is read as a page only when the body starts as one.
        let fragment = format!("<div>AUTHTOKEN=<b>{TOKEN}</b></div><div>RESULT=TRUE</div>");
        assert_eq!(parse(fragment.as_bytes()), Err(NotATokenBody::NoResult));
    }

    #[test]
    fn keys_are_exact() {
        // Lower-case or prefixed keys are other keys.
        assert_eq!(
            parse(format!("authtoken={TOKEN}\nRESULT=TRUE").as_bytes()),
            Err(NotATokenBody::BadToken)
        );
        assert_eq!(
            parse(format!("MY_AUTHTOKEN={TOKEN}\nRESULT=TRUE").as_bytes()),
            Err(NotATokenBody::BadToken)
        );
        assert_eq!(parse(b"result=true"), Err(NotATokenBody::NoResult));
    }

    #[test]
    fn tokens_of_the_wrong_shape_are_rejected() {
        for bad in [
            "",
            "abc",
            &TOKEN[..31],
            &format!("{TOKEN}ab"),
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        ] {
            assert_eq!(
                parse(format!("AUTHTOKEN={bad}\nRESULT=TRUE").as_bytes()),
                Err(NotATokenBody::BadToken),
                "{bad:?}"
            );
        }
        assert_eq!(parse(b"RESULT=TRUE\n"), Err(NotATokenBody::BadToken));
    }

    #[test]
    fn conflicting_repeats_are_ambiguous() {
        let other = "fedcba9876543210fedcba9876543210";
        assert_eq!(
            parse(format!("AUTHTOKEN={TOKEN}\nAUTHTOKEN={other}\nRESULT=TRUE").as_bytes()),
            Err(NotATokenBody::Ambiguous)
        );
        assert_eq!(
            parse(b"RESULT=TRUE\nRESULT=FALSE"),
            Err(NotATokenBody::Ambiguous)
        );
        assert_eq!(parse(b"RESULT=MAYBE"), Err(NotATokenBody::Ambiguous));
        assert_eq!(
            issued(&format!(
                "AUTHTOKEN={TOKEN}\nAUTHTOKEN={TOKEN}\nRESULT=TRUE"
            )),
            TOKEN
        );
    }

    #[test]
    fn other_pages_are_not_token_bodies() {
        for page in [
            "",
            "Not Found",
            "<html><body><h1>Sign in to Zoho</h1><form><input name=lid><input type=password name=pwd></form></body></html>",
            "{\"error\":\"invalid_code\"}",
            "<html><body><p>Authtokens are deprecated. Use OAuth 2.0.</p></body></html>",
        ] {
            assert_eq!(parse(page.as_bytes()), Err(NotATokenBody::NoResult), "{page:?}");
        }
    }

    #[test]
    fn oversized_and_binary_bodies() {
        let mut huge = format!("AUTHTOKEN={TOKEN}\nRESULT=TRUE\n").into_bytes();
        huge.resize(MAX_BODY_BYTES + 1, b' ');
        assert_eq!(parse(&huge), Err(NotATokenBody::TooLarge));
        assert_eq!(parse(b"RESULT=TRUE\n\xff\xfe"), Err(NotATokenBody::NotText));
    }

    #[test]
    fn unknown_causes_are_bounded_and_printable() {
        let cause = Cause::from_code(&format!("A\u{7}B{}", "C".repeat(500)));
        let Cause::Other(text) = cause else { panic!() };
        assert!(text.starts_with("AB"));
        assert_eq!(text.chars().count(), 80);
    }
}
