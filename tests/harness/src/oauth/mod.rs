//! The local Zoho's OAuth side, per data centre: Self Clients, grant codes that
//! expire and work once (ten per client per ten minutes), refresh tokens (twenty
//! per client; a twenty-first deletes the oldest), access tokens (ten per
//! refresh token per ten minutes, at most [`LIVE_ACCESS_CAP`] live), and
//! `/oauth/v2/token` and its revoke as strict as Zoho documents them: POST
//! only, form bodies only, the revoke's token in its address, each token on
//! its own data centre's host. Errors come in Zoho's manner (JSON with HTTP
//! 200) or, in [`Dialect::Standard`], as RFC 6749 §5.2 and RFC 7009 write
//! them. Pure request → answer logic, held by [`crate::zoho::World`].

use crate::http::{Request, Response};
use std::time::{Duration, Instant};

/// Refresh tokens kept per client; making one more deletes the oldest.
pub const REFRESH_CAP: usize = 20;
/// Access tokens per refresh token per [`LIMIT_WINDOW`].
pub const ACCESS_LIMIT: usize = 10;
/// Grant codes per client per [`LIMIT_WINDOW`].
pub const CODE_LIMIT: usize = 10;
/// The window of [`ACCESS_LIMIT`] and [`CODE_LIMIT`].
pub const LIMIT_WINDOW: Duration = Duration::from_secs(600);
/// Live access tokens per refresh token (the fact sheet: 15 to 30); minting one
/// more ends the oldest.
pub const LIVE_ACCESS_CAP: usize = 15;
/// How long an access token lives.
pub const ACCESS_LIFETIME: Duration = Duration::from_secs(3600);
/// The local Zoho's words when a limit is reached.
pub const TOO_MANY: &str =
    "Too many requests in a row from this client. Wait a while, then try again.";
/// The form every token request's body must have.
const FORM: &str = "application/x-www-form-urlencoded";

/// A Self Client as the console made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub host: String,
    pub id: String,
    pub secret: String,
}

#[derive(Clone, Debug)]
struct Code {
    client_id: String,
    code: String,
    scope: String,
    made: Instant,
    expires: Instant,
    used: bool,
}

/// A refresh token Zoho holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refresh {
    pub client_id: String,
    pub token: String,
    pub scope: String,
}

/// An access token minted with a refresh token.
#[derive(Clone, Debug)]
struct Access {
    refresh_token: String,
    token: String,
    minted: Instant,
    /// Ended early: past [`LIVE_ACCESS_CAP`], or with its refresh token.
    ended: bool,
}

/// How the token endpoint misbehaves, for tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OAuthFault {
    #[default]
    None,
    /// Answer this status and JSON body to every token or revoke request.
    Answer(u16, String),
    /// Zoho's servers under maintenance: an HTML page with HTTP 503.
    Maintenance,
    /// A redirect to this address (a proxy's sign-in page, say).
    Redirect(String),
    /// Close the connection without answering.
    Drop,
    /// Answer after this long.
    Slow(Duration),
}

/// Whose words the token endpoint answers in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Zoho's: errors as JSON with HTTP 200 (`invalid_code`, `invalid_client`,
    /// `invalid_client_secret`), scopes comma joined, a revoke's yes
    /// `{"status":"success"}` and its no HTTP 400.
    #[default]
    Zoho,
    /// A standard OAuth 2.0 server's (RFC 6749 §5.2, RFC 7009): errors with
    /// HTTP 400 and an `error_description` (`invalid_grant`,
    /// `unsupported_grant_type`, `invalid_request`), `invalid_client` with
    /// HTTP 401 for an unknown client or a wrong secret, scopes space
    /// separated, and every revoke answered HTTP 200 with an empty body (an
    /// unknown token too: RFC 7009 §2.2).
    Standard,
}

/// The OAuth state of every data centre.
#[derive(Default)]
pub struct OAuth {
    clients: Vec<Client>,
    codes: Vec<Code>,
    refresh: Vec<Refresh>,
    access: Vec<Access>,
    pub fault: OAuthFault,
    pub dialect: Dialect,
    /// What token answers say `api_domain` is, instead of the data centre's own.
    pub api_domain: Option<String>,
    /// A refresh's answer names neither `scope` nor `api_domain`, as some of
    /// Zoho's pages show it (the fact sheet says "as above": either may come).
    pub bare_refresh: bool,
    counter: u64,
    /// How far this Zoho's clock is ahead of the machine's (see [`OAuth::advance`]).
    ahead: Duration,
}

/// Why the console made no grant code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeLimitReached;

impl std::fmt::Display for CodeLimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{CODE_LIMIT} grant codes in the last ten minutes for this client"
        )
    }
}

impl std::error::Error for CodeLimitReached {}

impl OAuth {
    fn next(&mut self, width: usize, upper: bool) -> String {
        self.counter += 1;
        let mut x = self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66_D1CE_4E5B;
        let alphabet: &[u8] = if upper {
            b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        } else {
            b"0123456789abcdef"
        };
        (0..width)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize] as char
            })
            .collect()
    }

    fn now(&self) -> Instant {
        Instant::now() + self.ahead
    }

    /// Moves this Zoho's clock on, as if `by` had passed: codes expire and
    /// limits' windows pass without a test waiting for them.
    pub fn advance(&mut self, by: Duration) {
        self.ahead += by;
    }

    /// Makes a Self Client on `host`'s data centre, as the console does.
    pub fn create_client(&mut self, host: &str) -> Client {
        let client = Client {
            host: host.to_string(),
            id: format!("1000.{}", self.next(30, true)),
            secret: self.next(42, false),
        };
        self.clients.push(client.clone());
        client
    }

    /// The Self Client made last on `host`'s data centre.
    pub fn client_of(&self, host: &str) -> Option<Client> {
        self.clients.iter().rev().find(|c| c.host == host).cloned()
    }

    /// Makes a grant code for `client` and `scope`, good for `lifetime`; none
    /// past [`CODE_LIMIT`] in [`LIMIT_WINDOW`].
    pub fn create_code(
        &mut self,
        client: &Client,
        scope: &str,
        lifetime: Duration,
    ) -> Result<String, CodeLimitReached> {
        let now = self.now();
        let recent = self
            .codes
            .iter()
            .filter(|c| c.client_id == client.id && now.duration_since(c.made) < LIMIT_WINDOW)
            .count();
        if recent >= CODE_LIMIT {
            return Err(CodeLimitReached);
        }
        let code = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.codes.push(Code {
            client_id: client.id.clone(),
            code: code.clone(),
            scope: scope.to_string(),
            made: now,
            expires: now + lifetime,
            used: false,
        });
        Ok(code)
    }

    /// The refresh tokens Zoho holds for a client, oldest first.
    pub fn refresh_tokens(&self, client_id: &str) -> Vec<Refresh> {
        self.refresh
            .iter()
            .filter(|r| r.client_id == client_id)
            .cloned()
            .collect()
    }

    /// How many access tokens were minted with a refresh token.
    pub fn minted_for(&self, refresh_token: &str) -> usize {
        self.access
            .iter()
            .filter(|a| a.refresh_token == refresh_token)
            .count()
    }

    /// The access tokens of a refresh token that still work, oldest first.
    pub fn live_access_tokens(&self, refresh_token: &str) -> Vec<String> {
        let now = self.now();
        self.access
            .iter()
            .filter(|a| a.refresh_token == refresh_token && Self::live(a, now))
            .map(|a| a.token.clone())
            .collect()
    }

    fn live(access: &Access, now: Instant) -> bool {
        !access.ended && now.duration_since(access.minted) < ACCESS_LIFETIME
    }

    /// A refresh token for `client` made outside the extension (a script's
    /// exchange, Postman, a colleague), granting `scope` (comma joined).
    pub fn create_refresh_token(&mut self, client: &Client, scope: &str) -> String {
        let token = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.refresh.push(Refresh {
            client_id: client.id.clone(),
            token: token.clone(),
            scope: scope.to_string(),
        });
        token
    }

    /// Mints `n` access tokens with a refresh token, as another tool would.
    pub fn mint_elsewhere(&mut self, refresh_token: &str, n: usize) {
        for _ in 0..n {
            self.mint(refresh_token);
        }
    }

    /// Deletes a refresh token, as revoking it in the account's settings does.
    pub fn revoke_elsewhere(&mut self, refresh_token: &str) {
        self.end_refresh_token(refresh_token);
    }

    /// A refresh token and its access tokens end.
    fn end_refresh_token(&mut self, refresh_token: &str) {
        self.refresh.retain(|r| r.token != refresh_token);
        for access in self.access.iter_mut() {
            if access.refresh_token == refresh_token {
                access.ended = true;
            }
        }
    }

    /// A parameter from the form body, or else the query (Zoho reads both).
    fn param(request: &Request, name: &str) -> Option<String> {
        request.form(name).or_else(|| request.query(name))
    }

    /// A refusal in this Zoho's dialect: Zoho's names with HTTP 200, or the
    /// standard's (named by `standard`, with its status) and a description.
    fn refuse(&self, zoho: &str, standard: (u16, &str), description: &str) -> Response {
        match self.dialect {
            Dialect::Zoho => error(200, zoho, None),
            Dialect::Standard => error(standard.0, standard.1, Some(description)),
        }
    }

    /// `POST /oauth/v2/token`.
    pub fn token(&mut self, request: &Request) -> Response {
        if let Some(refused) = post_only(request) {
            return refused;
        }
        let form = request.header("content-type").is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(FORM))
        });
        if !form {
            return self.refuse(
                "invalid_request",
                (400, "invalid_request"),
                "The request body must be application/x-www-form-urlencoded.",
            );
        }
        let host = request.host();
        let param = |name| OAuth::param(request, name).unwrap_or_default();
        let (client_id, secret) = (param("client_id"), param("client_secret"));
        let Some(client) = self
            .clients
            .iter()
            .find(|c| c.id == client_id && c.host == host)
            .cloned()
        else {
            return self.refuse(
                "invalid_client",
                (401, "invalid_client"),
                "Client authentication failed.",
            );
        };
        if client.secret != secret {
            return self.refuse(
                "invalid_client_secret",
                (401, "invalid_client"),
                "Client authentication failed.",
            );
        }
        match param("grant_type").as_str() {
            "authorization_code" => self.exchange(&client, &param("code")),
            "refresh_token" => self.refresh(&client, &param("refresh_token")),
            _ => self.refuse(
                "unsupported_grant_type",
                (400, "unsupported_grant_type"),
                "This grant type is not supported.",
            ),
        }
    }

    /// The scopes as this dialect writes them in a token answer.
    fn scope_said(&self, scope: &str) -> String {
        match self.dialect {
            Dialect::Zoho => scope.to_string(),
            Dialect::Standard => scope.split(',').collect::<Vec<_>>().join(" "),
        }
    }

    fn exchange(&mut self, client: &Client, code: &str) -> Response {
        let now = self.now();
        let Some(found) = self
            .codes
            .iter_mut()
            .find(|c| c.code == code && c.client_id == client.id && !c.used && c.expires > now)
        else {
            return self.refuse(
                "invalid_code",
                (400, "invalid_grant"),
                "The grant code is invalid, expired or already used.",
            );
        };
        found.used = true;
        let scope = found.scope.clone();
        let held = self.refresh_tokens(&client.id);
        if held.len() >= REFRESH_CAP {
            // Zoho's way: the oldest goes, silently, with its access tokens.
            self.end_refresh_token(&held[0].token);
        }
        let token = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.refresh.push(Refresh {
            client_id: client.id.clone(),
            token: token.clone(),
            scope: scope.clone(),
        });
        let access = self.mint(&token);
        self.granted(client, &access, Some(&token), &scope)
    }

    fn refresh(&mut self, client: &Client, token: &str) -> Response {
        let Some(scope) = self
            .refresh
            .iter()
            .find(|r| r.token == token && r.client_id == client.id)
            .map(|r| r.scope.clone())
        else {
            return self.refuse(
                "invalid_code",
                (400, "invalid_grant"),
                "The refresh token is invalid or was revoked.",
            );
        };
        let now = self.now();
        let recent = self
            .access
            .iter()
            .filter(|a| a.refresh_token == token && now.duration_since(a.minted) < LIMIT_WINDOW)
            .count();
        if recent >= ACCESS_LIMIT {
            return too_many();
        }
        let access = self.mint(token);
        if self.bare_refresh {
            return Response::new(
                200,
                "application/json;charset=UTF-8",
                format!(r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":3600}}"#),
            );
        }
        self.granted(client, &access, None, &scope)
    }

    /// A token answer: the access token, the refresh token for a code, the
    /// scopes granted, and where the product APIs are.
    fn granted(
        &self,
        client: &Client,
        access: &str,
        refresh: Option<&str>,
        scope: &str,
    ) -> Response {
        let refresh = refresh.map_or(String::new(), |r| format!(r#""refresh_token":"{r}","#));
        let domain = self
            .api_domain
            .clone()
            .unwrap_or_else(|| api_domain(&client.host));
        Response::new(
            200,
            "application/json;charset=UTF-8",
            format!(
                r#"{{"access_token":"{access}",{refresh}"scope":"{}","api_domain":"{domain}","token_type":"Bearer","expires_in":3600}}"#,
                self.scope_said(scope)
            ),
        )
    }

    /// A new access token; past [`LIVE_ACCESS_CAP`] live ones, the oldest ends.
    fn mint(&mut self, refresh_token: &str) -> String {
        let now = self.now();
        let live: Vec<usize> = (0..self.access.len())
            .filter(|&i| {
                self.access[i].refresh_token == refresh_token && Self::live(&self.access[i], now)
            })
            .collect();
        if live.len() >= LIVE_ACCESS_CAP {
            self.access[live[0]].ended = true;
        }
        let token = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.access.push(Access {
            refresh_token: refresh_token.to_string(),
            token: token.clone(),
            minted: now,
            ended: false,
        });
        token
    }

    /// `POST /oauth/v2/token/revoke?token=<refresh token>`, as Zoho documents
    /// it: the token in the address (one in the body is not read), on the
    /// accounts host of the token's own data centre.
    pub fn revoke(&mut self, request: &Request) -> Response {
        if let Some(refused) = post_only(request) {
            return refused;
        }
        let token = request.query("token").unwrap_or_default();
        let host = request.host();
        let clients = &self.clients;
        let here = self.refresh.iter().any(|r| {
            r.token == token
                && clients
                    .iter()
                    .any(|c| c.id == r.client_id && c.host == host)
        });
        if here {
            self.end_refresh_token(&token);
        }
        match (self.dialect, here) {
            (Dialect::Standard, _) => Response::new(200, "application/json;charset=UTF-8", ""),
            (Dialect::Zoho, true) => Response::new(
                200,
                "application/json;charset=UTF-8",
                r#"{"status":"success"}"#,
            ),
            (Dialect::Zoho, false) => Response::new(
                400,
                "application/json;charset=UTF-8",
                r#"{"status":"failure","error":"invalid_token"}"#,
            ),
        }
    }
}

/// Both endpoints take only a `POST`: anything else is refused with HTTP 405.
fn post_only(request: &Request) -> Option<Response> {
    (request.method != "POST").then(|| {
        Response::new(
            405,
            "application/json;charset=UTF-8",
            r#"{"error":"invalid_request"}"#,
        )
        .with("Allow", "POST")
    })
}

/// Past a limit, in Zoho's words (the same in both dialects).
fn too_many() -> Response {
    Response::new(
        200,
        "application/json;charset=UTF-8",
        format!(
            r#"{{"error_description":"{TOO_MANY}","error":"Access Denied","status":"failure"}}"#
        ),
    )
}

fn error(status: u16, code: &str, description: Option<&str>) -> Response {
    let description =
        description.map_or(String::new(), |d| format!(r#","error_description":"{d}""#));
    Response::new(
        status,
        "application/json;charset=UTF-8",
        format!(r#"{{"error":"{code}"{description}}}"#),
    )
}

/// Where a data centre's product APIs are: `accounts.zoho.eu` → `https://www.zohoapis.eu`.
pub fn api_domain(accounts_host: &str) -> String {
    let rest = accounts_host
        .strip_prefix("accounts.zohocloud.")
        .map(|tld| format!("zohoapis.{tld}"))
        .or_else(|| {
            accounts_host
                .strip_prefix("accounts.zoho.")
                .map(|tld| format!("zohoapis.{tld}"))
        })
        .unwrap_or_else(|| "zohoapis.com".to_string());
    format!("https://www.{rest}")
}

#[cfg(test)]
mod tests;
