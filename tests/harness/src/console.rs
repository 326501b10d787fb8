//! The local API console (`api-console.zoho.<dc>`): where a person makes a
//! Self Client and its grant codes, as on Zoho's own console, in the local
//! Zoho's own words and markup. No sign-in here: the accounts session's
//! cookies belong to another host, and the extension never reads this page.

use crate::http::{html_escape, Request, Response};
use crate::oauth::{CodeLimitReached, OAuth};
use std::time::Duration;

/// Answers one request to the console of `accounts_host`'s data centre.
pub fn answer(oauth: &mut OAuth, accounts_host: &str, request: &Request) -> Response {
    match (request.method.as_str(), request.path()) {
        ("GET", "/") => page(oauth, accounts_host, None),
        ("POST", "/self-client") => {
            oauth.create_client(accounts_host);
            Response::redirect("/")
        }
        ("POST", "/generate-code") => {
            let Some(client) = oauth.client_of(accounts_host) else {
                return page(oauth, accounts_host, None);
            };
            let scope = request.form("scope").unwrap_or_default();
            let minutes: u64 = request
                .form("minutes")
                .and_then(|m| m.parse().ok())
                .unwrap_or(3);
            let made = oauth.create_code(&client, &scope, Duration::from_secs(minutes * 60));
            page(oauth, accounts_host, Some((&scope, made)))
        }
        _ => Response::new(404, "text/html", "<h1>No such console page</h1>"),
    }
}

/// The console's page; `code` is the outcome of a *Make the code* just done.
fn page(
    oauth: &OAuth,
    accounts_host: &str,
    code: Option<(&str, Result<String, CodeLimitReached>)>,
) -> Response {
    let client = match oauth.client_of(accounts_host) {
        Some(client) => format!(
            "<dl><dt>Client ID</dt><dd id=\"client-id\">{}</dd>\
             <dt>Client Secret</dt><dd id=\"client-secret\">{}</dd></dl>\
             <form method=\"post\" action=\"/generate-code\"><h2>Make a grant code</h2>\
             <label>Scopes <input name=\"scope\" id=\"scope\"></label>\
             <label>Good for <select name=\"minutes\"><option>3</option><option>5</option><option>10</option></select> minutes</label>\
             <button id=\"generate\">Make the code</button></form>",
            html_escape(&client.id),
            html_escape(&client.secret)
        ),
        None => "<form method=\"post\" action=\"/self-client\"><p>No Self Client yet.</p>\
                 <button id=\"create-client\">Make a Self Client</button></form>"
            .to_string(),
    };
    let code = match code {
        None => String::new(),
        Some((scope, Ok(code))) => format!(
            "<p>Code for {}: <code id=\"grant-code\">{}</code></p>",
            html_escape(scope),
            html_escape(&code)
        ),
        Some((_, Err(limit))) => format!(
            "<p id=\"code-refused\">No code made: {}. Try again later.</p>",
            html_escape(&limit.to_string())
        ),
    };
    Response::html(format!(
        "<!doctype html><title>Local API console</title><h1>API console for {}</h1>{client}{code}",
        html_escape(accounts_host)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(oauth: &mut OAuth, method: &str, path: &str, body: &str) -> String {
        let request = Request {
            method: method.into(),
            target: path.into(),
            headers: vec![("Host".into(), "api-console.zoho.eu".into())],
            body: body.as_bytes().to_vec(),
        };
        String::from_utf8(answer(oauth, "accounts.zoho.eu", &request).body).unwrap()
    }

    #[test]
    fn a_person_makes_a_client_then_a_code_for_its_data_centre() {
        let mut oauth = OAuth::default();
        assert!(send(&mut oauth, "GET", "/", "").contains("id=\"create-client\""));
        send(&mut oauth, "POST", "/self-client", "");
        let client = oauth.client_of("accounts.zoho.eu").unwrap();
        assert!(oauth.client_of("accounts.zoho.com").is_none());
        let page = send(&mut oauth, "GET", "/", "");
        assert!(page.contains(&client.id) && page.contains(&client.secret));
        let page = send(
            &mut oauth,
            "POST",
            "/generate-code",
            "scope=A.b%2CC.d&minutes=5",
        );
        assert!(
            page.contains("Code for A.b,C.d: <code id=\"grant-code\">1000."),
            "{page}"
        );
    }
}
