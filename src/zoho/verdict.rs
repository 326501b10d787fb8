//! What an answer from the token-create page means for the user: a token to save,
//! a page where the user must act, or a problem with a message and the actions
//! that help. Pure: the background feeds it what `fetch` (or a tab) saw.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::data_centre::DataCentre;
use super::page::{self, PageKind};
use super::response::{self, Cause, NotATokenBody, TokenResponse};
use super::token::AuthToken;
use super::url::host_of;
use crate::http::{Answer, Body};
use crate::i18n::{key, Message, UserMessage};

/// What the extension does with an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Issued(AuthToken),
    /// The later era's confirmation page: the user must press Generate in a tab.
    Confirm {
        password_field: bool,
    },
    Problem(Problem),
}

/// Something that kept a token from being issued. Nothing was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    SignedOut,
    Refused(Cause),
    ServerError(u16),
    /// The page answered 404 or another client error: likely the endpoint is gone.
    NotFound(u16),
    /// A notice, redirect or cause saying authtokens are no longer issued.
    Retired,
    /// The answer came from a host that is not this data centre's accounts host.
    OtherHost(String),
    UnknownPage,
    TooLarge,
    NotText,
    BadToken,
    Network,
    Redirected,
    TimedOut,
}

crate::plain::plain_type! {
    /// What the user can do about a problem; the popup shows one button or link each.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Remedy {
        /// Sign in at the data centre, then the request resumes.
        SignIn as "signIn",
        /// Open the create page in a tab to see what Zoho shows.
        OpenPage as "openPage",
        /// Zoho's Active Authtokens page, to delete tokens there.
        ActiveTokens as "activeTokens",
        /// The OAuth Self Client, the replacement for authtokens (the popup's OAuth view).
        SelfClient as "selfClient",
        /// Try the same request again.
        Retry as "retry",
        /// Zoho's API console, where Self Clients and their grant codes are made.
        ApiConsole as "apiConsole",
    }
}

/// Reads one answer for a request to `dc`.
pub fn judge(dc: DataCentre, answer: &Answer) -> Verdict {
    let (status, final_url, body) = match answer {
        Answer::Network => return Verdict::Problem(Problem::Network),
        Answer::TimedOut => return Verdict::Problem(Problem::TimedOut),
        Answer::Redirected => return Verdict::Problem(Problem::Redirected),
        Answer::Page {
            status,
            final_url,
            body,
        } => (*status, final_url.as_str(), body),
    };
    let host = host_of(final_url).unwrap_or_default();
    if host != dc.accounts_host() {
        return Verdict::Problem(if host.starts_with("api-console.") {
            Problem::Retired
        } else {
            Problem::OtherHost(host)
        });
    }
    if page::is_sign_in_url(final_url) {
        return Verdict::Problem(Problem::SignedOut);
    }
    if status >= 500 {
        return Verdict::Problem(Problem::ServerError(status));
    }
    let text = match body {
        Body::TooLarge => return Verdict::Problem(Problem::TooLarge),
        Body::NotText => return Verdict::Problem(Problem::NotText),
        Body::Text(text) => text,
    };
    match response::parse_text(text) {
        Ok(TokenResponse::Issued(token)) if status == 200 => return Verdict::Issued(token),
        Ok(TokenResponse::Issued(_)) => return Verdict::Problem(Problem::UnknownPage),
        Ok(TokenResponse::Refused(cause)) if cause.suggests_retirement() => {
            return Verdict::Problem(Problem::Retired)
        }
        Ok(TokenResponse::Refused(cause)) => return Verdict::Problem(Problem::Refused(cause)),
        Err(NotATokenBody::BadToken) => return Verdict::Problem(Problem::BadToken),
        Err(NotATokenBody::TooLarge) => return Verdict::Problem(Problem::TooLarge),
        Err(_) => {}
    }
    if status >= 400 {
        return Verdict::Problem(Problem::NotFound(status));
    }
    match page::classify(final_url, text) {
        PageKind::SignIn => Verdict::Problem(Problem::SignedOut),
        PageKind::ConfirmForm { password_field } => Verdict::Confirm { password_field },
        PageKind::Retired => Verdict::Problem(Problem::Retired),
        PageKind::TokenBody | PageKind::Unknown => Verdict::Problem(Problem::UnknownPage),
    }
}

impl Cause {
    /// An unknown cause whose wording says authtokens have ended.
    pub fn suggests_retirement(&self) -> bool {
        let Cause::Other(code) = self else {
            return false;
        };
        let code = code.to_ascii_uppercase();
        [
            "DISCONTINU",
            "DEPRECAT",
            "NOT_SUPPORTED",
            "SUNSET",
            "RETIRED",
            "NO_LONGER",
        ]
        .iter()
        .any(|word| code.contains(word))
    }
}

impl Problem {
    /// The actions offered with this problem, most useful first.
    pub fn remedies(&self) -> &'static [Remedy] {
        match self {
            Problem::SignedOut => &[Remedy::SignIn],
            Problem::Refused(Cause::TokenCapReached) => &[Remedy::ActiveTokens],
            Problem::Refused(Cause::InvalidPassword) => &[Remedy::OpenPage],
            Problem::Refused(Cause::InvalidCredentials | Cause::WrongEmailOrPassword) => {
                &[Remedy::SignIn]
            }
            Problem::Refused(Cause::RemoteServerError | Cause::ApiRequestBlocked) => {
                &[Remedy::Retry]
            }
            // A cause this version does not know: since 2020, most likely the sunset
            // in words of Zoho's own.
            Problem::Refused(Cause::Other(_)) => &[Remedy::OpenPage, Remedy::SelfClient],
            Problem::Refused(_) => &[Remedy::OpenPage],
            Problem::ServerError(_) | Problem::Network | Problem::TimedOut => {
                &[Remedy::Retry, Remedy::OpenPage]
            }
            Problem::Retired | Problem::NotFound(_) | Problem::Redirected => {
                &[Remedy::SelfClient, Remedy::OpenPage]
            }
            Problem::OtherHost(_)
            | Problem::UnknownPage
            | Problem::TooLarge
            | Problem::NotText
            | Problem::BadToken => &[Remedy::OpenPage, Remedy::SelfClient],
        }
    }
}

impl UserMessage for Problem {
    fn message(&self) -> Message {
        match self {
            Problem::SignedOut => Message::new(key("problemSignedOut")),
            Problem::Refused(cause) => cause.message(),
            Problem::ServerError(status) => {
                Message::with(key("problemServerError"), [status.to_string()])
            }
            Problem::NotFound(status) => {
                Message::with(key("problemNotFound"), [status.to_string()])
            }
            Problem::Retired => Message::new(key("problemRetired")),
            Problem::OtherHost(host) => Message::with(key("problemOtherHost"), [host.clone()]),
            Problem::UnknownPage => NotATokenBody::NoResult.message(),
            Problem::TooLarge => NotATokenBody::TooLarge.message(),
            Problem::NotText => NotATokenBody::NotText.message(),
            Problem::BadToken => NotATokenBody::BadToken.message(),
            Problem::Network => Message::new(key("problemNetwork")),
            Problem::Redirected => Message::new(key("problemRedirected")),
            Problem::TimedOut => Message::new(key("problemTimedOut")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";
    const CREATE: &str =
        "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=x";

    fn page(status: u16, url: &str, body: &str) -> Answer {
        Answer::Page {
            status,
            final_url: url.to_string(),
            body: Body::Text(body.to_string()),
        }
    }

    fn problem(answer: Answer) -> Problem {
        match judge(DataCentre::Us, &answer) {
            Verdict::Problem(p) => p,
            other => panic!("expected a problem, got {other:?}"),
        }
    }

    #[test]
    fn a_token_body_is_issued() {
        let verdict = judge(
            DataCentre::Us,
            &page(200, CREATE, &format!("AUTHTOKEN={TOKEN}\nRESULT=TRUE")),
        );
        assert_eq!(verdict, Verdict::Issued(AuthToken::parse(TOKEN).unwrap()));
    }

    #[test]
    fn a_token_from_another_data_centre_is_not_taken() {
        let eu = CREATE.replace("zoho.com", "zoho.eu");
        assert_eq!(
            problem(page(200, &eu, &format!("AUTHTOKEN={TOKEN}\nRESULT=TRUE"))),
            Problem::OtherHost("accounts.zoho.eu".into())
        );
    }

    #[test]
    fn a_token_body_with_an_error_status_is_not_trusted() {
        assert_eq!(
            problem(page(
                403,
                CREATE,
                &format!("AUTHTOKEN={TOKEN}\nRESULT=TRUE")
            )),
            Problem::UnknownPage
        );
    }

    #[test]
    fn sign_in_by_redirect_or_by_page() {
        let url = "https://accounts.zoho.com/signin?servicename=AaaServer&serviceurl=x";
        assert_eq!(problem(page(200, url, "<html></html>")), Problem::SignedOut);
        let form = "<form><input name=lid><input type=password name=pwd></form>";
        assert_eq!(problem(page(200, CREATE, form)), Problem::SignedOut);
        assert_eq!(Problem::SignedOut.remedies(), [Remedy::SignIn]);
    }

    #[test]
    fn refusals_and_their_remedies() {
        let cap = problem(page(
            200,
            CREATE,
            "CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE",
        ));
        assert_eq!(cap, Problem::Refused(Cause::TokenCapReached));
        assert_eq!(cap.remedies(), [Remedy::ActiveTokens]);
        assert_eq!(cap.message().key, "causeTokenCap");
        // A cause in words of the end of authtokens is the sunset, said as such.
        for code in [
            "AUTHTOKEN_GENERATION_DISCONTINUED",
            "api_deprecated",
            "NO_LONGER_ISSUED",
        ] {
            let body = format!("CAUSE={code}\nRESULT=FALSE");
            assert_eq!(
                problem(page(200, CREATE, &body)),
                Problem::Retired,
                "{code}"
            );
        }
        let other = problem(page(200, CREATE, "CAUSE=NEW_THING\nRESULT=FALSE"));
        assert_eq!(
            other.message(),
            Message::with(key("causeOther"), ["NEW_THING".to_string()])
        );
        assert_eq!(other.remedies(), [Remedy::OpenPage, Remedy::SelfClient]);
    }

    #[test]
    fn the_confirmation_page_needs_the_user() {
        let form = "<form method=post><input type=password name=PASSWORD><button>Generate Authtoken</button></form>";
        assert_eq!(
            judge(DataCentre::Us, &page(200, CREATE, form)),
            Verdict::Confirm {
                password_field: true
            }
        );
    }

    #[test]
    fn every_sunset_variant_points_to_the_self_client() {
        let notice = "<h1>Authtokens are no longer supported</h1><p>Use OAuth.</p>";
        for answer in [
            page(
                200,
                CREATE,
                "#\nCAUSE=AUTHTOKEN_GENERATION_DISCONTINUED\nRESULT=FALSE",
            ),
            page(200, CREATE, notice),
            page(200, "https://api-console.zoho.com/", "<html>console</html>"),
            page(404, CREATE, "<h1>404 Not Found</h1>"),
        ] {
            let p = problem(answer.clone());
            assert!(
                p.remedies().contains(&Remedy::SelfClient),
                "{answer:?} → {p:?}"
            );
        }
    }

    #[test]
    fn faults() {
        assert_eq!(
            problem(page(500, CREATE, "oops")),
            Problem::ServerError(500)
        );
        assert_eq!(problem(Answer::Network), Problem::Network);
        assert_eq!(problem(Answer::Redirected), Problem::Redirected);
        assert!(Problem::Redirected.remedies().contains(&Remedy::SelfClient));
        assert_eq!(problem(Answer::TimedOut), Problem::TimedOut);
        let huge = Answer::Page {
            status: 200,
            final_url: CREATE.into(),
            body: Body::from_bytes(&vec![b'a'; 10 << 20]),
        };
        assert_eq!(problem(huge), Problem::TooLarge);
        let binary = Answer::Page {
            status: 200,
            final_url: CREATE.into(),
            body: Body::from_bytes(b"\xff\xfe"),
        };
        assert_eq!(problem(binary), Problem::NotText);
        assert_eq!(problem(page(200, CREATE, "Welcome")), Problem::UnknownPage);
        assert_eq!(
            problem(page(200, CREATE, "AUTHTOKEN=nope\nRESULT=TRUE")),
            Problem::BadToken
        );
        assert!(Problem::TimedOut.remedies().contains(&Remedy::Retry));
    }
}
