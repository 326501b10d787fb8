//! Signing in and out of the local Zoho: the sign-in page, its form, and the
//! redirect a signed-out request gets.

use super::*;
use crate::http::{html_escape, percent_encode, Request, Response};

impl World {
    pub(super) fn sign_in_page(&self, request: &Request, error: Option<&str>) -> Response {
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

    pub(super) fn sign_in(&mut self, request: &Request) -> Response {
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

    pub(super) fn sign_out(&mut self, request: &Request) -> Response {
        if let Some(session) = request.cookie(SESSION_COOKIE) {
            self.sessions.remove(&session);
            self.csrf.remove(&session);
        }
        Response::html("<p id=\"signed-out\">Signed out.</p>").with(
            "Set-Cookie",
            &format!("{SESSION_COOKIE}=; Path=/; Secure; Max-Age=0"),
        )
    }

    pub(super) fn redirect_to_sign_in(&self, request: &Request) -> Response {
        let original = format!("https://{}{}", request.host(), request.target);
        Response::redirect(&format!(
            "/signin?servicename=AaaServer&serviceurl={}",
            percent_encode(&original)
        ))
    }
}
