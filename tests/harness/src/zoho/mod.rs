//! What the local accounts.zoho.com knows and answers: accounts on every data
//! centre, sessions, issued tokens, and the switches tests flip (`config`:
//! era, format, refusals, sunset, faults). This file holds the world and
//! routes each request; `session` signs in and out, `authtokens` answers the
//! legacy token pages, and `crate::oauth` the OAuth endpoints. Pure request →
//! answer logic; `server` does the I/O.

mod authtokens;
mod config;
mod session;
#[cfg(test)]
mod tests;

pub use config::*;

use crate::http::{Request, Response};
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
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
