//! The legacy authtoken pages: the create endpoint in each era (with its
//! confirmation page, faults and sunset), the token bodies in each layout,
//! deleting a token and the Active Authtokens page.

use super::*;
use crate::http::{html_escape, Request, Response};

impl World {
    pub(super) fn create(&mut self, request: &Request) -> Outcome {
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

    pub(super) fn create_live(&mut self, request: &Request) -> Response {
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

    pub(super) fn confirm_page(
        &self,
        request: &Request,
        name: &str,
        scope: &str,
        password: bool,
    ) -> Response {
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

    pub(super) fn token_body(
        &mut self,
        host: &str,
        email: &str,
        name: &str,
        scope: &str,
    ) -> Response {
        if let Some(cause) = self.config.refuse_with.clone() {
            return self.refusal(&cause);
        }
        if self.tokens(host, email).len() >= self.config.cap {
            return self.refusal("EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS");
        }
        let token = self.issue(host, email, name, scope);
        self.properties(&[("AUTHTOKEN", &token), ("RESULT", "TRUE")])
    }

    pub(super) fn refusal(&self, cause: &str) -> Response {
        self.properties(&[("CAUSE", cause), ("RESULT", "FALSE")])
    }

    /// A token answer's fields laid out in the configured [`BodyFormat`].
    pub(super) fn properties(&self, fields: &[(&str, &str)]) -> Response {
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

    pub(super) fn delete(&mut self, request: &Request) -> Response {
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

    pub(super) fn active_tokens_page(&self, request: &Request) -> Response {
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

/// The Java `Properties` date comment (a fixed format is enough here).
fn date_comment() -> String {
    "Wed Feb 29 03:07:33 PST 2012".to_string()
}
