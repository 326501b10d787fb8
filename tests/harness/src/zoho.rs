//! What the local accounts.zoho.com knows and answers: accounts on every data
//! centre, sessions, issued tokens, and the switches tests flip (era, format,
//! refusals, sunset, faults). Pure request → answer logic; `server` does the I/O.

use crate::http::{html_escape, percent_encode, Request, Response, Transfer};
use crate::oauth::{OAuth, OAuthFault};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The accounts hosts of Zoho's nine data centres, as `(code, host)`.
pub const HOSTS: [(&str, &str); 9] = [
    ("us", "accounts.zoho.com"),
    ("eu", "accounts.zoho.eu"),
    ("in", "accounts.zoho.in"),
    ("au", "accounts.zoho.com.au"),
    ("jp", "accounts.zoho.jp"),
    ("ca", "accounts.zohocloud.ca"),
    ("sa", "accounts.zoho.sa"),
    ("uk", "accounts.zoho.uk"),
    ("cn", "accounts.zoho.com.cn"),
];

/// The API console host of each accounts host: `accounts.` becomes `api-console.`.
pub fn console_host(accounts_host: &str) -> String {
    accounts_host.replacen("accounts.", "api-console.", 1)
}

/// Every host the local Zoho answers: the accounts hosts and their API consoles.
pub fn served_hosts() -> Vec<String> {
    HOSTS
        .iter()
        .flat_map(|(_, host)| [host.to_string(), console_host(host)])
        .collect()
}

/// Every account on every data centre starts with this user.
pub const USER: &str = "user@example.com";
pub const PASSWORD: &str = "correct horse battery staple";

/// Name of the session cookie (one of those Zoho used) and of the CSRF cookie.
pub const SESSION_COOKIE: &str = "_iamadt";
pub const CSRF_COOKIE: &str = "iamcsr";

/// How the token-create page behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// The GET answers the token body directly.
    Classic,
    /// The GET answers a confirmation page; its form POST answers the body.
    Confirm { password: bool },
}

/// How a token body (issued or refused) is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// As documented: comment, date, `AUTHTOKEN`, `RESULT`; `\n` line ends.
    Plain,
    Crlf,
    /// With a `WARNING=` line that says something, `<` and `&` included.
    Warning,
    /// `RESULT` first, then the other field.
    Reordered,
    /// Inside `<pre>` of a bare page, `\n` line ends.
    HtmlPre,
    /// A whole page (doctype, head, title) with the body in `<pre>`, `\r\n` line ends.
    HtmlPage,
    /// Lines separated by `<br>` in the page's body.
    HtmlBreaks,
}

impl BodyFormat {
    pub const ALL: [BodyFormat; 7] = [
        BodyFormat::Plain,
        BodyFormat::Crlf,
        BodyFormat::Warning,
        BodyFormat::Reordered,
        BodyFormat::HtmlPre,
        BodyFormat::HtmlPage,
        BodyFormat::HtmlBreaks,
    ];
}

/// What a `WARNING=` line says in [`BodyFormat::Warning`]: the local Zoho's own
/// words, with a `<` that opens no tag.
pub const WARNING_TEXT: &str =
    "Authtokens are being phased out; plan your move <before the year ends & keep this one safe";

/// What the create endpoint answers since Zoho stopped issuing authtokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sunset {
    /// Still issuing.
    Live,
    /// `RESULT=FALSE` with a cause in the local Zoho's own words.
    ErrorBody,
    /// An HTML notice pointing to OAuth, in the local Zoho's own words.
    HtmlNotice,
    /// A redirect to the API console.
    Redirect,
    NotFound,
}

/// A failure of the create endpoint, for the fault tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    ServerError,
    /// The answer comes after this long.
    Slow(Duration),
    /// The connection is closed without an answer.
    Drop,
    /// A 10 MB body.
    Huge,
    /// A body sent in chunks with no length, gzip-compressed or not, that never
    /// ends: the server writes until the client stops reading (or 128 MB).
    Endless {
        gzip: bool,
    },
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// A redirect to itself, forever.
    RedirectLoop,
    /// accounts.zoho.com redirects to the same page on accounts.zoho.eu (which
    /// answers a token page there, if signed in).
    OtherDataCentre,
    /// A token is issued, but the answer carries this status instead of 200.
    IssuedWithStatus(u16),
}

/// Test switches; `Default` is a live, classic-era Zoho.
#[derive(Clone, Debug)]
pub struct Config {
    pub era: Era,
    pub format: BodyFormat,
    /// How the create endpoint's answers travel.
    pub transfer: Transfer,
    pub sunset: Sunset,
    pub fault: Fault,
    /// Refuse every token with this `CAUSE` (e.g. `"IP_NOT_ALLOWED"`, `"null"`).
    pub refuse_with: Option<String>,
    /// Live tokens per user before `EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS`.
    pub cap: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            era: Era::Classic,
            format: BodyFormat::Plain,
            transfer: Transfer::Length,
            sunset: Sunset::Live,
            fault: Fault::None,
            refuse_with: None,
            cap: 15,
        }
    }
}

/// A token Zoho holds for a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
    pub token: String,
    pub display_name: String,
    pub scope: String,
    pub created: u64,
}

#[derive(Clone, Debug, Default)]
struct Account {
    password: String,
    tokens: Vec<Issued>,
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Logged {
    pub method: String,
    pub host: String,
    pub target: String,
    pub cookies: String,
}

/// What the connection handler must do besides writing an answer.
pub enum Outcome {
    Answer(Response),
    /// Wait, then answer.
    Delayed(Duration, Response),
    /// Close the connection without answering.
    Drop,
    /// Send the endless body of [`Fault::Endless`].
    Endless {
        gzip: bool,
    },
}

/// The whole simulated Zoho: accounts per host, sessions, the log.
pub struct World {
    pub config: Config,
    /// `(host, email)` → account.
    accounts: HashMap<(String, String), Account>,
    /// session id → `(host, email)`.
    sessions: HashMap<String, (String, String)>,
    /// session id → CSRF value.
    csrf: HashMap<String, String>,
    log: Vec<Logged>,
    seed: u64,
    /// Body bytes (before compression) of the last endless answer that the
    /// server wrote before the client stopped reading.
    pub endless_bytes_sent: usize,
    /// Self Clients, codes and OAuth tokens on every data centre.
    pub oauth: OAuth,
}

impl Default for World {
    fn default() -> World {
        let mut world = World {
            config: Config::default(),
            accounts: HashMap::new(),
            sessions: HashMap::new(),
            csrf: HashMap::new(),
            log: Vec::new(),
            seed: now_ms() ^ 0x9E37_79B9_7F4A_7C15,
            endless_bytes_sent: 0,
            oauth: OAuth::default(),
        };
        for (_, host) in HOSTS {
            world.add_user(host, USER, PASSWORD);
        }
        world
    }
}

impl World {
    pub fn add_user(&mut self, host: &str, email: &str, password: &str) {
        self.accounts.insert(
            (host.to_string(), email.to_string()),
            Account {
                password: password.to_string(),
                tokens: Vec::new(),
            },
        );
    }

    /// The live tokens Zoho holds for a user on a host.
    pub fn tokens(&self, host: &str, email: &str) -> Vec<Issued> {
        self.accounts
            .get(&(host.to_string(), email.to_string()))
            .map(|a| a.tokens.clone())
            .unwrap_or_default()
    }

    /// Every live token on every host, as `(host, token)`.
    pub fn all_tokens(&self) -> Vec<(String, Issued)> {
        let mut all: Vec<_> = self
            .accounts
            .iter()
            .flat_map(|((host, _), a)| a.tokens.iter().map(move |t| (host.clone(), t.clone())))
            .collect();
        all.sort_by_key(|(_, t)| t.created);
        all
    }

    /// Gives a user live tokens up to the cap (for the cap tests).
    pub fn fill_to_cap(&mut self, host: &str, email: &str) {
        let cap = self.config.cap;
        while self.tokens(host, email).len() < cap {
            self.issue(host, email, "filler", "ZohoCRM/crmapi");
        }
    }

    pub fn log(&self) -> &[Logged] {
        &self.log
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*: enough for unique tokens and session ids in a test.
        self.seed ^= self.seed >> 12;
        self.seed ^= self.seed << 25;
        self.seed ^= self.seed >> 27;
        self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn random_hex(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_random(), self.next_random())
    }

    fn issue(&mut self, host: &str, email: &str, display_name: &str, scope: &str) -> String {
        let token = self.random_hex();
        let issued = Issued {
            token: token.clone(),
            display_name: display_name.to_string(),
            scope: scope.to_string(),
            created: now_ms(),
        };
        if let Some(account) = self
            .accounts
            .get_mut(&(host.to_string(), email.to_string()))
        {
            account.tokens.push(issued);
        }
        token
    }

    fn user_of(&self, request: &Request) -> Option<(String, String)> {
        let session = request.cookie(SESSION_COOKIE)?;
        self.sessions
            .get(&session)
            .filter(|(host, _)| *host == request.host())
            .cloned()
    }

    /// Answers one request.
    pub fn handle(&mut self, request: &Request) -> Outcome {
        self.log.push(Logged {
            method: request.method.clone(),
            host: request.host(),
            target: request.target.clone(),
            cookies: request.header("cookie").unwrap_or("").to_string(),
        });
        let host = request.host();
        if let Some((_, accounts)) = HOSTS.iter().find(|(_, h)| console_host(h) == host) {
            return Outcome::Answer(crate::console::answer(&mut self.oauth, accounts, request));
        }
        if !HOSTS.iter().any(|(_, h)| *h == host) {
            return Outcome::Answer(Response::new(404, "text/plain", "unknown host"));
        }
        let answer = match (request.method.as_str(), request.path()) {
            ("GET", "/signin") => self.sign_in_page(request, None),
            ("POST", "/signin") => self.sign_in(request),
            ("GET", "/signout") => self.sign_out(request),
            (_, "/apiauthtoken/create") => return self.create(request),
            (_, "/oauth/v2/token" | "/oauth/v2/token/revoke") => return self.oauth(request),
            ("GET" | "POST", "/apiauthtoken/delete") => self.delete(request),
            ("GET", "/u/h") | ("GET", "/home") => self.active_tokens_page(request),
            ("GET", "/") => Response::redirect("/u/h"),
            _ => Response::new(404, "text/html", "<h1>404 Not Found</h1>"),
        };
        Outcome::Answer(answer)
    }

    /// The token endpoint and its revoke, through the test's fault if any.
    fn oauth(&mut self, request: &Request) -> Outcome {
        let answer = |oauth: &mut OAuth| {
            if request.path().ends_with("/revoke") {
                oauth.revoke(request)
            } else {
                oauth.token(request)
            }
        };
        match self.oauth.fault.clone() {
            OAuthFault::None => Outcome::Answer(answer(&mut self.oauth)),
            OAuthFault::Answer(status, body) => {
                Outcome::Answer(Response::new(status, "application/json", body))
            }
            OAuthFault::Maintenance => Outcome::Answer(Response::new(
                503,
                "text/html;charset=UTF-8",
                "<!doctype html><html><head><title>Down for maintenance</title></head>\
                 <body><h1>We'll be back soon</h1><p>The accounts service is being \
                 upgraded. Please try again in a few minutes.</p></body></html>",
            )),
            OAuthFault::Redirect(location) => Outcome::Answer(Response::redirect(&location)),
            OAuthFault::Drop => Outcome::Drop,
            OAuthFault::Slow(delay) => Outcome::Delayed(delay, answer(&mut self.oauth)),
        }
    }

    fn sign_in_page(&self, request: &Request, error: Option<&str>) -> Response {
        let service_url = request
            .query("serviceurl")
            .or_else(|| request.form("serviceurl"))
            .unwrap_or_default();
        let error = error
            .map(|e| {
                format!(
                    "<p class=\"error\" id=\"signin-error\">{}</p>",
                    html_escape(e)
                )
            })
            .unwrap_or_default();
        Response::html(format!(
            "<!doctype html><html><head><title>Zoho Accounts</title></head><body>\
             <h1>Sign in to Zoho</h1>{error}\
             <form method=\"post\" action=\"/signin\">\
             <input type=\"hidden\" name=\"serviceurl\" value=\"{}\">\
             <label>Email <input id=\"lid\" name=\"lid\" type=\"email\"></label>\
             <label>Password <input id=\"pwd\" name=\"pwd\" type=\"password\"></label>\
             <button id=\"signin\" type=\"submit\">Sign In</button></form></body></html>",
            html_escape(&service_url)
        ))
    }

    fn sign_in(&mut self, request: &Request) -> Response {
        let host = request.host();
        let email = request.form("lid").unwrap_or_default();
        let password = request.form("pwd").unwrap_or_default();
        let valid = self
            .accounts
            .get(&(host.clone(), email.clone()))
            .is_some_and(|a| a.password == password);
        if !valid {
            return self.sign_in_page(request, Some("Invalid email or password."));
        }
        let session = self.random_hex();
        let csrf = self.random_hex();
        self.sessions.insert(session.clone(), (host.clone(), email));
        self.csrf.insert(session.clone(), csrf.clone());
        let back = request
            .form("serviceurl")
            .filter(|url| url.starts_with(&format!("https://{host}/")))
            .unwrap_or_else(|| "/u/h".to_string());
        Response::redirect(&back)
            .with(
                "Set-Cookie",
                &format!("{SESSION_COOKIE}={session}; Path=/; Secure; HttpOnly; SameSite=Lax"),
            )
            .with(
                "Set-Cookie",
                &format!("{CSRF_COOKIE}={csrf}; Path=/; Secure; SameSite=Lax"),
            )
    }

    fn sign_out(&mut self, request: &Request) -> Response {
        if let Some(session) = request.cookie(SESSION_COOKIE) {
            self.sessions.remove(&session);
            self.csrf.remove(&session);
        }
        Response::html("<p id=\"signed-out\">Signed out.</p>").with(
            "Set-Cookie",
            &format!("{SESSION_COOKIE}=; Path=/; Secure; Max-Age=0"),
        )
    }

    fn redirect_to_sign_in(&self, request: &Request) -> Response {
        let original = format!("https://{}{}", request.host(), request.target);
        Response::redirect(&format!(
            "/signin?servicename=AaaServer&serviceurl={}",
            percent_encode(&original)
        ))
    }

    fn create(&mut self, request: &Request) -> Outcome {
        match self.config.fault {
            Fault::None => {}
            Fault::ServerError => {
                return Outcome::Answer(Response::new(
                    500,
                    "text/html",
                    "<h1>500 Internal Server Error</h1>",
                ))
            }
            Fault::Slow(delay) => {
                let answer = self.create_live(request);
                return Outcome::Delayed(delay, answer);
            }
            Fault::Drop => return Outcome::Drop,
            Fault::Endless { gzip } => return Outcome::Endless { gzip },
            Fault::Huge => {
                let mut body = b"#\nRESULT=TRUE\nAUTHTOKEN=".to_vec();
                body.resize(10 * 1024 * 1024, b'a');
                return Outcome::Answer(Response::text(body));
            }
            Fault::NotUtf8 => {
                let mut body = b"#\n".to_vec();
                body.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28, 0x80]);
                body.extend_from_slice(b"\nRESULT=TRUE\n");
                return Outcome::Answer(Response::new(200, "text/plain", body));
            }
            Fault::RedirectLoop => {
                return Outcome::Answer(Response::redirect(&request.target));
            }
            // accounts.zoho.com sends the request on to the EU host, which
            // answers normally (a token page, if the user is signed in there).
            Fault::OtherDataCentre if request.host() == "accounts.zoho.com" => {
                let target = format!("https://accounts.zoho.eu{}", request.target);
                return Outcome::Answer(Response::redirect(&target));
            }
            Fault::OtherDataCentre => {}
            Fault::IssuedWithStatus(status) => {
                let mut answer = self.create_live(request);
                answer.status = status;
                return Outcome::Answer(answer.sent_as(self.config.transfer));
            }
        }
        Outcome::Answer(self.create_live(request).sent_as(self.config.transfer))
    }

    fn create_live(&mut self, request: &Request) -> Response {
        match self.config.sunset {
            Sunset::Live => {}
            Sunset::ErrorBody => return self.refusal(SUNSET_CAUSE),
            Sunset::HtmlNotice => {
                return Response::html(
                    "<!doctype html><html><head><title>API Authtoken</title></head><body>\
                     <h1>API authtokens</h1><p>Making new authtokens has stopped for every \
                     account. Move your integrations to OAuth 2.0: create a Self Client \
                     in the API console.</p></body></html>",
                )
            }
            Sunset::Redirect => return Response::redirect("https://api-console.zoho.com/"),
            Sunset::NotFound => return Response::new(404, "text/html", "<h1>404 Not Found</h1>"),
        }
        let Some((host, email)) = self.user_of(request) else {
            return self.redirect_to_sign_in(request);
        };
        let scope = request
            .query("SCOPE")
            .or_else(|| request.form("SCOPE"))
            .unwrap_or_default();
        let name = request
            .query("DISPLAY_NAME")
            .or_else(|| request.form("DISPLAY_NAME"))
            .unwrap_or_default();
        match (self.config.era, request.method.as_str()) {
            (Era::Classic, "GET") => self.token_body(&host, &email, &name, &scope),
            (Era::Confirm { password }, "GET") => {
                self.confirm_page(request, &name, &scope, password)
            }
            (Era::Confirm { password }, "POST") => {
                let session = request.cookie(SESSION_COOKIE).unwrap_or_default();
                let expected = self.csrf.get(&session).cloned();
                if expected.is_none() || request.form("iamcsrcoo") != expected {
                    return Response::new(400, "text/html", "<h1>Invalid CSRF token</h1>");
                }
                let right = self
                    .accounts
                    .get(&(host.clone(), email.clone()))
                    .map(|a| a.password.clone());
                if password && request.form("PASSWORD") != right {
                    return Response::html(format!(
                        "<!doctype html><html><head><title>Generate Authtoken</title></head><body>\
                         <h1>Invalid password</h1><p>Check your password and try again.</p>\
                         <pre>#\n#{}\nCAUSE=INVALID_PASSWORD\nRESULT=FALSE\n</pre></body></html>",
                        date_comment()
                    ));
                }
                self.token_body(&host, &email, &name, &scope)
            }
            _ => Response::new(405, "text/plain", "method not allowed"),
        }
    }

    fn confirm_page(&self, request: &Request, name: &str, scope: &str, password: bool) -> Response {
        let session = request.cookie(SESSION_COOKIE).unwrap_or_default();
        let csrf = self.csrf.get(&session).cloned().unwrap_or_default();
        let password_field = if password {
            "<label>Password <input id=\"PASSWORD\" name=\"PASSWORD\" type=\"password\"></label>"
        } else {
            ""
        };
        Response::html(format!(
            "<!doctype html><html><head><title>Generate Authtoken</title></head><body>\
             <h1>Generate Authtoken</h1>\
             <p>Application: <span id=\"display-name\">{name}</span></p>\
             <p>Scope: <span id=\"scope\">{scope}</span></p>\
             <form method=\"post\" action=\"/apiauthtoken/create\">\
             <input type=\"hidden\" name=\"SCOPE\" value=\"{scope}\">\
             <input type=\"hidden\" name=\"DISPLAY_NAME\" value=\"{name}\">\
             <input type=\"hidden\" name=\"iamcsrcoo\" value=\"{csrf}\">\
             {password_field}\
             <button id=\"generate\" type=\"submit\">Generate Authtoken</button></form></body></html>",
            name = html_escape(name),
            scope = html_escape(scope),
        ))
    }

    fn token_body(&mut self, host: &str, email: &str, name: &str, scope: &str) -> Response {
        if let Some(cause) = self.config.refuse_with.clone() {
            return self.refusal(&cause);
        }
        if self.tokens(host, email).len() >= self.config.cap {
            return self.refusal("EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS");
        }
        let token = self.issue(host, email, name, scope);
        self.properties(&[("AUTHTOKEN", &token), ("RESULT", "TRUE")])
    }

    fn refusal(&self, cause: &str) -> Response {
        self.properties(&[("CAUSE", cause), ("RESULT", "FALSE")])
    }

    /// A token answer's fields laid out in the configured [`BodyFormat`].
    fn properties(&self, fields: &[(&str, &str)]) -> Response {
        let mut fields = fields.to_vec();
        match self.config.format {
            BodyFormat::Reordered => fields.reverse(),
            BodyFormat::Warning => fields.insert(1, ("WARNING", WARNING_TEXT)),
            _ => {}
        }
        let mut lines = vec!["#".to_string(), format!("#{}", date_comment())];
        lines.extend(fields.iter().map(|(key, value)| format!("{key}={value}")));
        let escaped = |end: &str| html_escape(&lines.join(end));
        match self.config.format {
            BodyFormat::Plain | BodyFormat::Warning | BodyFormat::Reordered => {
                Response::text(lines.join("\n") + "\n")
            }
            BodyFormat::Crlf => Response::text(lines.join("\r\n") + "\r\n"),
            BodyFormat::HtmlPre => Response::html(format!(
                "<html><body><pre>{}\n</pre></body></html>",
                escaped("\n")
            )),
            BodyFormat::HtmlPage => Response::html(format!(
                "<!DOCTYPE html>\r\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <title>Zoho Accounts</title></head>\r\n<body><pre>{}</pre></body></html>\r\n",
                escaped("\r\n")
            )),
            BodyFormat::HtmlBreaks => {
                let lines: Vec<String> = lines.iter().map(|line| html_escape(line)).collect();
                Response::html(format!(
                    "<html><head><title>API Authtoken</title></head><body>{}<br></body></html>",
                    lines.join("<br>\n")
                ))
            }
        }
    }

    fn delete(&mut self, request: &Request) -> Response {
        let Some((host, email)) = self.user_of(request) else {
            return self.redirect_to_sign_in(request);
        };
        let target = request
            .query("AUTHTOKEN")
            .or_else(|| request.form("AUTHTOKEN"))
            .unwrap_or_default();
        let date = date_comment();
        let Some(account) = self.accounts.get_mut(&(host, email)) else {
            return Response::text(format!("#\n#{date}\nCAUSE=NO_SUCH_USER\nRESULT=FALSE\n"));
        };
        let before = account.tokens.len();
        account.tokens.retain(|t| t.token != target);
        if account.tokens.len() < before {
            Response::text(format!("#\n#{date}\nRESULT=TRUE\n"))
        } else {
            Response::text(format!(
                "#\n#{date}\nCAUSE=INVALID_AUTHTOKEN\nRESULT=FALSE\n"
            ))
        }
    }

    fn active_tokens_page(&self, request: &Request) -> Response {
        let Some((host, email)) = self.user_of(request) else {
            return self.redirect_to_sign_in(request);
        };
        let rows: String = self
            .tokens(&host, &email)
            .iter()
            .map(|t| {
                format!(
                    "<tr class=\"authtoken\"><td>{}</td><td>{}</td><td>{}</td>\
                     <td><a href=\"/apiauthtoken/delete?AUTHTOKEN={}\">Remove</a></td></tr>",
                    html_escape(&t.display_name),
                    html_escape(&t.scope),
                    t.created,
                    t.token
                )
            })
            .collect();
        Response::html(format!(
            "<!doctype html><html><head><title>Active Authtokens</title></head><body>\
             <h1>Active Authtokens</h1><p id=\"user\">{}</p>\
             <table id=\"authtokens\"><tr><th>Application</th><th>Scope</th><th>Created</th><th></th></tr>{rows}</table>\
             </body></html>",
            html_escape(&email)
        ))
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The Java `Properties` date comment (a fixed format is enough here).
/// The cause the sunset error body gives: the local Zoho's own words.
pub const SUNSET_CAUSE: &str = "AUTHTOKEN_CREATION_STOPPED";

fn date_comment() -> String {
    "Wed Feb 29 03:07:33 PST 2012".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(world: &mut World, host: &str, target: &str, cookie: &str) -> Response {
        let request = Request {
            method: "GET".into(),
            target: target.into(),
            headers: vec![
                ("Host".into(), host.into()),
                ("Cookie".into(), cookie.into()),
            ],
            body: vec![],
        };
        match world.handle(&request) {
            Outcome::Answer(r) | Outcome::Delayed(_, r) => r,
            Outcome::Drop | Outcome::Endless { .. } => panic!("no whole answer"),
        }
    }

    fn sign_in(world: &mut World, host: &str) -> String {
        let request = Request {
            method: "POST".into(),
            target: "/signin".into(),
            headers: vec![("Host".into(), host.into())],
            body: format!(
                "lid={}&pwd={}",
                percent_encode(USER),
                percent_encode(PASSWORD)
            )
            .into_bytes(),
        };
        let Outcome::Answer(response) = world.handle(&request) else {
            panic!()
        };
        assert_eq!(response.status, 302);
        response
            .headers
            .iter()
            .filter(|(n, _)| n == "Set-Cookie")
            .map(|(_, v)| v.split(';').next().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }

    const CREATE: &str = "/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail";

    #[test]
    fn signed_out_create_redirects_to_sign_in() {
        let mut world = World::default();
        let response = get(&mut world, "accounts.zoho.com", CREATE, "");
        assert_eq!(response.status, 302);
        let location = &response
            .headers
            .iter()
            .find(|(n, _)| n == "Location")
            .unwrap()
            .1;
        assert!(location.starts_with("/signin?servicename=AaaServer&serviceurl=https%3A%2F%2Faccounts.zoho.com%2Fapiauthtoken%2Fcreate"));
    }

    #[test]
    fn classic_create_issues_a_token_per_host() {
        let mut world = World::default();
        let cookie = sign_in(&mut world, "accounts.zoho.eu");
        let body =
            String::from_utf8(get(&mut world, "accounts.zoho.eu", CREATE, &cookie).body).unwrap();
        let token = world.tokens("accounts.zoho.eu", USER)[0].token.clone();
        assert!(body.contains(&format!("AUTHTOKEN={token}\nRESULT=TRUE")));
        assert_eq!(token.len(), 32);
        assert!(world.tokens("accounts.zoho.com", USER).is_empty());
        // The EU session is not a US session.
        assert_eq!(
            get(&mut world, "accounts.zoho.com", CREATE, &cookie).status,
            302
        );
    }

    #[test]
    fn the_cap_refuses() {
        let mut world = World::default();
        world.config.cap = 1;
        let cookie = sign_in(&mut world, "accounts.zoho.com");
        get(&mut world, "accounts.zoho.com", CREATE, &cookie);
        let body =
            String::from_utf8(get(&mut world, "accounts.zoho.com", CREATE, &cookie).body).unwrap();
        assert!(body.contains("CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE"));
        assert_eq!(world.tokens("accounts.zoho.com", USER).len(), 1);
    }

    #[test]
    fn delete_removes_a_token() {
        let mut world = World::default();
        let cookie = sign_in(&mut world, "accounts.zoho.com");
        get(&mut world, "accounts.zoho.com", CREATE, &cookie);
        let token = world.tokens("accounts.zoho.com", USER)[0].token.clone();
        let page =
            String::from_utf8(get(&mut world, "accounts.zoho.com", "/u/h", &cookie).body).unwrap();
        assert!(page.contains("checkemail"));
        let answer = get(
            &mut world,
            "accounts.zoho.com",
            &format!("/apiauthtoken/delete?AUTHTOKEN={token}"),
            &cookie,
        );
        assert!(String::from_utf8(answer.body)
            .unwrap()
            .contains("RESULT=TRUE"));
        assert!(world.tokens("accounts.zoho.com", USER).is_empty());
    }
}
