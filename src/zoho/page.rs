//! Tells what kind of page Zoho answered with, when it did not answer a token body:
//! the sign-in page, the later era's confirmation form, or something unknown
//! (including whatever the endpoint shows since authtokens were retired).

use super::data_centre::DataCentre;
use super::html::{self, Piece};
use super::response::{self, NotATokenBody};
use super::url::{host_of, path_of};

/// What kind of page Zoho answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// A token body (issued or refused): read it with [`response::parse_text`].
    TokenBody,
    /// Zoho wants the user to sign in first.
    SignIn,
    /// The confirmation page with a **Generate Authtoken** button.
    ConfirmForm {
        password_field: bool,
    },
    /// A notice that authtokens are no longer issued.
    Retired,
    Unknown,
}

/// Classifies a page by the address it finally came from and its text.
pub fn classify(final_url: &str, body: &str) -> PageKind {
    if is_sign_in_url(final_url) {
        return PageKind::SignIn;
    }
    match response::parse_text(body) {
        Ok(_) | Err(NotATokenBody::BadToken) => return PageKind::TokenBody,
        Err(NotATokenBody::TooLarge) => return PageKind::Unknown,
        Err(_) => {}
    }
    let mut form = FormScan::default();
    for piece in html::pieces(body) {
        form.see(&piece);
    }
    if form.sign_in_fields() {
        PageKind::SignIn
    } else if form.generate_button {
        PageKind::ConfirmForm {
            password_field: form.password,
        }
    } else if mentions_retirement(&html::visible_text(body)) {
        PageKind::Retired
    } else {
        PageKind::Unknown
    }
}

/// Zoho's sign-in addresses: `/signin`, `/login`, and the old `/accounts/signin`.
pub fn is_sign_in_url(url: &str) -> bool {
    let path = path_of(url).to_ascii_lowercase();
    path.ends_with("/signin") || path.ends_with("/login") || path.ends_with("/signin.ac")
}

/// Whether the account page (`DataCentre::account_page_url`), loaded with the
/// browser's cookies, shows a live session on `dc`: it answered 200 from that
/// data centre's own host instead of ending on the sign-in page.
pub fn shows_session(dc: DataCentre, status: u16, final_url: &str) -> bool {
    status == 200
        && !is_sign_in_url(final_url)
        && host_of(final_url).as_deref() == Some(dc.accounts_host())
}

#[derive(Default)]
struct FormScan {
    login_id: bool,
    password: bool,
    login_frame: bool,
    generate_button: bool,
    in_button: bool,
}

impl FormScan {
    fn see(&mut self, piece: &Piece) {
        match piece {
            Piece::Tag(tag) if !tag.closing => match tag.name.as_str() {
                "input" => {
                    let kind = tag.attr("type").unwrap_or("text").to_ascii_lowercase();
                    let name = tag.attr("name").unwrap_or("").to_ascii_lowercase();
                    if kind == "password" {
                        self.password = true;
                    }
                    if name == "lid" || name == "login_id" {
                        self.login_id = true;
                    }
                    if matches!(kind.as_str(), "submit" | "button")
                        && is_generate_label(tag.attr("value").unwrap_or(""))
                    {
                        self.generate_button = true;
                    }
                }
                "button" => self.in_button = true,
                "iframe" if tag.attr("name").or(tag.attr("id")) == Some("zohoiam") => {
                    self.login_frame = true;
                }
                _ => {}
            },
            Piece::Tag(tag) if tag.name == "button" => self.in_button = false,
            Piece::Text(text) if self.in_button && is_generate_label(text) => {
                self.generate_button = true;
            }
            _ => {}
        }
    }

    fn sign_in_fields(&self) -> bool {
        self.login_frame || (self.login_id && self.password)
    }
}

fn is_generate_label(label: &str) -> bool {
    html::find_ignore_case(label, "generate").is_some()
}

/// Words a notice about the end of authtokens would use, next to the word itself.
fn mentions_retirement(text: &str) -> bool {
    html::find_ignore_case(text, "authtoken").is_some()
        && [
            "deprecated",
            "discontinued",
            "no longer",
            "end of life",
            "sunset",
            "oauth",
            "retired",
        ]
        .iter()
        .any(|word| html::find_ignore_case(text, word).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_page_shows_a_session_only_on_its_own_host() {
        let eu = DataCentre::Eu;
        assert!(shows_session(eu, 200, "https://accounts.zoho.eu/u/h"));
        assert!(!shows_session(
            eu,
            200,
            "https://accounts.zoho.eu/signin?serviceurl=x"
        ));
        assert!(!shows_session(eu, 200, "https://accounts.zoho.com/u/h"));
        assert!(!shows_session(eu, 500, "https://accounts.zoho.eu/u/h"));
        assert!(!shows_session(eu, 302, "https://accounts.zoho.eu/u/h"));
        assert!(!shows_session(eu, 200, "not a url"));
        assert_eq!(eu.account_page_url(), "https://accounts.zoho.eu/u/h");
    }

    #[test]
    fn only_a_generate_button_makes_a_confirmation_page() {
        let kind = |body: &str| classify(CREATE, body);
        let confirm = PageKind::ConfirmForm {
            password_field: false,
        };
        assert_eq!(
            kind("<form><button><b>Now:</b> Generate Authtoken</button></form>"),
            confirm
        );
        assert_eq!(
            kind("<form><input type=submit value='Generate Authtoken'></form>"),
            confirm
        );
        for other in [
            "<form><button>Cancel</button><p>Generate a token later</p></form>",
            "<form><button>Cancel</button></form>",
            "<form><input type=submit value='Save'></form>",
            "<form><input type=text value='Generate'></form>",
        ] {
            assert_eq!(kind(other), PageKind::Unknown, "{other}");
        }
    }

    #[test]
    fn sign_in_needs_zohos_fields_or_frame() {
        assert_eq!(
            classify(CREATE, "<iframe id=zohoiam></iframe>"),
            PageKind::SignIn
        );
        assert_eq!(
            classify(CREATE, "<iframe name=ads></iframe>"),
            PageKind::Unknown
        );
    }

    #[test]
    fn retirement_is_said_about_authtokens() {
        assert_eq!(
            classify(CREATE, "<p>Sign in with OAuth</p>"),
            PageKind::Unknown
        );
        assert_eq!(
            classify(CREATE, "<p>Authtokens: use OAuth now</p>"),
            PageKind::Retired
        );
    }

    const CREATE: &str =
        "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=x";

    #[test]
    fn a_redirect_to_signin_is_the_sign_in_page() {
        let url = "https://accounts.zoho.com/signin?servicename=AaaServer&serviceurl=https%3A%2F%2Faccounts.zoho.com%2Fapiauthtoken%2Fcreate";
        assert_eq!(classify(url, "<html>anything</html>"), PageKind::SignIn);
        assert_eq!(
            classify("https://accounts.zoho.eu/login", ""),
            PageKind::SignIn
        );
    }

    #[test]
    fn an_old_login_form_is_the_sign_in_page() {
        let form = r#"<form><input name="lid" type="text"><input name="pwd" type="password"><input type=submit value="Sign In"></form>"#;
        assert_eq!(classify(CREATE, form), PageKind::SignIn);
        let frame = r#"<html><body><iframe name="zohoiam" src="/login"></iframe></body></html>"#;
        assert_eq!(classify(CREATE, frame), PageKind::SignIn);
    }

    #[test]
    fn token_bodies_plain_or_wrapped() {
        let body = "#\nAUTHTOKEN=0123456789abcdef0123456789abcdef\nRESULT=TRUE\n";
        assert_eq!(classify(CREATE, body), PageKind::TokenBody);
        assert_eq!(
            classify(CREATE, &format!("<pre>{body}</pre>")),
            PageKind::TokenBody
        );
        assert_eq!(
            classify(CREATE, "CAUSE=null\nRESULT=FALSE"),
            PageKind::TokenBody
        );
    }

    #[test]
    fn the_confirmation_form_with_and_without_password() {
        let without = r#"<html><body><p>Scope: ZohoCRM/crmapi</p><form method="post"><input type="hidden" name="iamcsrcoo" value="abc"><button type="submit">Generate Authtoken</button></form></body></html>"#;
        assert_eq!(
            classify(CREATE, without),
            PageKind::ConfirmForm {
                password_field: false
            }
        );
        let with = r#"<form method=post><input type=password name=password><input type=submit value="Generate Authtoken"></form>"#;
        assert_eq!(
            classify(CREATE, with),
            PageKind::ConfirmForm {
                password_field: true
            }
        );
    }

    #[test]
    fn retirement_notices() {
        let notice = "<html><body><h1>Authtoken generation is no longer supported</h1><p>Please use OAuth 2.0 Self Client.</p></body></html>";
        assert_eq!(classify(CREATE, notice), PageKind::Retired);
        assert_eq!(
            classify(CREATE, "Authtokens are deprecated."),
            PageKind::Retired
        );
    }

    #[test]
    fn everything_else_is_unknown() {
        for page in [
            "",
            "Not Found",
            "<html><body>Welcome</body></html>",
            "{\"error\":\"invalid_code\"}",
            "<script>var x='Generate authtoken no longer';</script>",
        ] {
            assert_eq!(classify(CREATE, page), PageKind::Unknown, "{page:?}");
        }
    }
}
