//! The local Zoho's OAuth side, per data centre: Self Clients, grant codes that
//! expire and work once, refresh tokens (twenty per client; a twenty-first
//! deletes the oldest), access tokens (ten per refresh token per ten minutes),
//! and `/oauth/v2/token` and its revoke answering in Zoho's manner: JSON errors
//! with HTTP 200. Pure request → answer logic, held by [`crate::zoho::World`].

use crate::http::{Request, Response};
use std::time::{Duration, Instant};

/// Refresh tokens kept per client; making one more deletes the oldest.
pub const REFRESH_CAP: usize = 20;
/// Access tokens per refresh token per [`ACCESS_WINDOW`].
pub const ACCESS_LIMIT: usize = 10;
/// The window of [`ACCESS_LIMIT`].
pub const ACCESS_WINDOW: Duration = Duration::from_secs(600);
/// The local Zoho's words when a limit is reached.
pub const TOO_MANY: &str =
    "Too many requests in a row from this client. Wait a while, then try again.";

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

/// How the token endpoint misbehaves, for tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OAuthFault {
    #[default]
    None,
    /// Answer this status and body to every token or revoke request.
    Answer(u16, String),
    /// Close the connection without answering.
    Drop,
    /// Answer after this long.
    Slow(Duration),
}

/// The OAuth state of every data centre.
#[derive(Default)]
pub struct OAuth {
    clients: Vec<Client>,
    codes: Vec<Code>,
    refresh: Vec<Refresh>,
    /// `(refresh token, when)` of every access token minted.
    minted: Vec<(String, Instant)>,
    /// Access tokens that work, by refresh token.
    access: Vec<(String, String)>,
    pub fault: OAuthFault,
    counter: u64,
}

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

    /// Makes a grant code for `client` and `scope`, good for `lifetime`.
    pub fn create_code(&mut self, client: &Client, scope: &str, lifetime: Duration) -> String {
        let code = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.codes.push(Code {
            client_id: client.id.clone(),
            code: code.clone(),
            scope: scope.to_string(),
            expires: Instant::now() + lifetime,
            used: false,
        });
        code
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
        self.minted
            .iter()
            .filter(|(r, _)| r == refresh_token)
            .count()
    }

    /// Mints `n` access tokens with a refresh token, as another tool would.
    pub fn mint_elsewhere(&mut self, refresh_token: &str, n: usize) {
        for _ in 0..n {
            self.minted
                .push((refresh_token.to_string(), Instant::now()));
        }
    }

    /// Deletes a refresh token, as revoking it in the account's settings does.
    pub fn revoke_elsewhere(&mut self, refresh_token: &str) {
        self.refresh.retain(|r| r.token != refresh_token);
    }

    /// A parameter from the form body, or else the query (Zoho reads both).
    fn param(request: &Request, name: &str) -> Option<String> {
        request.form(name).or_else(|| request.query(name))
    }

    /// `POST /oauth/v2/token`.
    pub fn token(&mut self, request: &Request) -> Response {
        let host = request.host();
        let param = |name| OAuth::param(request, name).unwrap_or_default();
        let (client_id, secret) = (param("client_id"), param("client_secret"));
        let Some(client) = self
            .clients
            .iter()
            .find(|c| c.id == client_id && c.host == host)
            .cloned()
        else {
            return error("invalid_client");
        };
        if client.secret != secret {
            return error("invalid_client_secret");
        }
        match param("grant_type").as_str() {
            "authorization_code" => self.exchange(&client, &param("code")),
            "refresh_token" => self.refresh(&client, &param("refresh_token")),
            _ => error("unsupported_grant_type"),
        }
    }

    fn exchange(&mut self, client: &Client, code: &str) -> Response {
        let now = Instant::now();
        let Some(found) = self
            .codes
            .iter_mut()
            .find(|c| c.code == code && c.client_id == client.id && !c.used && c.expires > now)
        else {
            return error("invalid_code");
        };
        found.used = true;
        let scope = found.scope.clone();
        let held = self.refresh_tokens(&client.id);
        if held.len() >= REFRESH_CAP {
            // Zoho's way: the oldest goes, silently, with its access tokens.
            let oldest = held[0].token.clone();
            self.refresh.retain(|r| r.token != oldest);
            self.access.retain(|(r, _)| *r != oldest);
        }
        let token = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.refresh.push(Refresh {
            client_id: client.id.clone(),
            token: token.clone(),
            scope: scope.clone(),
        });
        let access = self.mint(&token);
        Response::new(
            200,
            "application/json;charset=UTF-8",
            format!(
                r#"{{"access_token":"{access}","refresh_token":"{token}","scope":"{scope}","api_domain":"{}","token_type":"Bearer","expires_in":3600}}"#,
                api_domain(&client.host)
            ),
        )
    }

    fn refresh(&mut self, client: &Client, token: &str) -> Response {
        if !self
            .refresh
            .iter()
            .any(|r| r.token == token && r.client_id == client.id)
        {
            return error("invalid_code");
        }
        let now = Instant::now();
        let recent = self
            .minted
            .iter()
            .filter(|(r, at)| r == token && now.duration_since(*at) < ACCESS_WINDOW)
            .count();
        if recent >= ACCESS_LIMIT {
            return Response::new(
                200,
                "application/json;charset=UTF-8",
                format!(
                    r#"{{"error_description":"{TOO_MANY}","error":"Access Denied","status":"failure"}}"#
                ),
            );
        }
        let access = self.mint(token);
        Response::new(
            200,
            "application/json;charset=UTF-8",
            format!(
                r#"{{"access_token":"{access}","scope":"x","api_domain":"{}","token_type":"Bearer","expires_in":3600}}"#,
                api_domain(&client.host)
            ),
        )
    }

    fn mint(&mut self, refresh_token: &str) -> String {
        let access = format!("1000.{}.{}", self.next(32, false), self.next(32, false));
        self.minted
            .push((refresh_token.to_string(), Instant::now()));
        self.access
            .push((refresh_token.to_string(), access.clone()));
        access
    }

    /// `POST /oauth/v2/token/revoke`.
    pub fn revoke(&mut self, request: &Request) -> Response {
        let token = OAuth::param(request, "token").unwrap_or_default();
        let known = self.refresh.iter().any(|r| r.token == token);
        if !known {
            return Response::new(
                400,
                "application/json",
                r#"{"status":"failure","error":"invalid_token"}"#,
            );
        }
        self.refresh.retain(|r| r.token != token);
        self.access.retain(|(r, _)| *r != token);
        Response::new(200, "application/json", r#"{"status":"success"}"#)
    }
}

fn error(code: &str) -> Response {
    Response::new(
        200,
        "application/json;charset=UTF-8",
        format!(r#"{{"error":"{code}"}}"#),
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
mod tests {
    use super::*;

    fn post(oauth: &mut OAuth, host: &str, path: &str, body: &str) -> (u16, String) {
        let request = Request {
            method: "POST".into(),
            target: path.into(),
            headers: vec![("Host".into(), host.into())],
            body: body.as_bytes().to_vec(),
        };
        let answer = if path.ends_with("revoke") {
            oauth.revoke(&request)
        } else {
            oauth.token(&request)
        };
        (answer.status, String::from_utf8(answer.body).unwrap())
    }

    fn field(json: &str, name: &str) -> String {
        let start = json
            .find(&format!("\"{name}\":\""))
            .map(|i| i + name.len() + 4)
            .unwrap();
        json[start..].split('"').next().unwrap().to_string()
    }

    #[test]
    fn a_code_works_once_on_its_own_data_centre_and_refreshes_mint_to_the_limit() {
        let mut oauth = OAuth::default();
        let eu = "accounts.zoho.eu";
        let client = oauth.create_client(eu);
        let code = oauth.create_code(&client, "ZohoCRM.modules.ALL", Duration::from_secs(180));
        let form = format!(
            "grant_type=authorization_code&client_id={}&client_secret={}&code={code}",
            client.id, client.secret
        );
        assert_eq!(
            post(&mut oauth, "accounts.zoho.com", "/oauth/v2/token", &form).1,
            r#"{"error":"invalid_client"}"#
        );
        let (status, body) = post(&mut oauth, eu, "/oauth/v2/token", &form);
        assert_eq!(status, 200);
        assert_eq!(field(&body, "api_domain"), "https://www.zohoapis.eu");
        let refresh = field(&body, "refresh_token");
        assert_eq!(
            post(&mut oauth, eu, "/oauth/v2/token", &form).1,
            r#"{"error":"invalid_code"}"#
        );
        let mint = format!(
            "grant_type=refresh_token&client_id={}&client_secret={}&refresh_token={refresh}",
            client.id, client.secret
        );
        for _ in 1..ACCESS_LIMIT {
            assert!(post(&mut oauth, eu, "/oauth/v2/token", &mint)
                .1
                .contains("access_token"));
        }
        assert!(post(&mut oauth, eu, "/oauth/v2/token", &mint)
            .1
            .contains("Access Denied"));
        assert_eq!(oauth.minted_for(&refresh), ACCESS_LIMIT);
        let wrong = mint.replace(&client.secret, "0".repeat(42).as_str());
        assert_eq!(
            post(&mut oauth, eu, "/oauth/v2/token", &wrong).1,
            r#"{"error":"invalid_client_secret"}"#
        );
        assert_eq!(
            post(
                &mut oauth,
                eu,
                "/oauth/v2/token/revoke",
                &format!("token={refresh}")
            )
            .1,
            r#"{"status":"success"}"#
        );
        assert_eq!(
            post(
                &mut oauth,
                eu,
                "/oauth/v2/token/revoke",
                &format!("token={refresh}")
            )
            .0,
            400
        );
        assert_eq!(
            post(&mut oauth, eu, "/oauth/v2/token", &mint).1,
            r#"{"error":"invalid_code"}"#
        );
    }

    #[test]
    fn expired_codes_fail_and_the_twenty_first_refresh_token_deletes_the_oldest() {
        let mut oauth = OAuth::default();
        let host = "accounts.zoho.com";
        let client = oauth.create_client(host);
        let stale = oauth.create_code(&client, "A.b", Duration::ZERO);
        let form = |code: &str| {
            format!(
                "grant_type=authorization_code&client_id={}&client_secret={}&code={code}",
                client.id, client.secret
            )
        };
        assert_eq!(
            post(&mut oauth, host, "/oauth/v2/token", &form(&stale)).1,
            r#"{"error":"invalid_code"}"#
        );
        let mut made = Vec::new();
        for _ in 0..=REFRESH_CAP {
            let code = oauth.create_code(&client, "A.b", Duration::from_secs(60));
            made.push(field(
                &post(&mut oauth, host, "/oauth/v2/token", &form(&code)).1,
                "refresh_token",
            ));
        }
        let held: Vec<String> = oauth
            .refresh_tokens(&client.id)
            .into_iter()
            .map(|r| r.token)
            .collect();
        assert_eq!(held, made[1..]);
        assert_eq!(
            api_domain("accounts.zohocloud.ca"),
            "https://www.zohoapis.ca"
        );
        assert_eq!(
            api_domain("accounts.zoho.com.au"),
            "https://www.zohoapis.com.au"
        );
    }
}
