//! Generating a token by loading the create page with the user's session.

use super::{failed, tabs};
use crate::browser::{self, fetch, session, storage};
use crate::i18n::{key, UserMessage};
use crate::protocol::{FieldError, Reply, Target};
use crate::store::SavedToken;
use crate::zoho::verdict::{self, Problem, Verdict};
use crate::zoho::{AuthToken, TokenRequest};
use std::cell::RefCell;

thread_local! {
    /// Requests being generated now: a second identical request waits its turn
    /// instead of asking Zoho for a second token.
    /// (A few at most: a `Vec` is smaller in Wasm than a hash set.)
    static IN_FLIGHT: RefCell<Vec<Target>> = const { RefCell::new(Vec::new()) };
}

/// Removes a request from [`IN_FLIGHT`] however the generation ends.
struct InFlight(Target);

impl InFlight {
    fn claim(target: &Target) -> Option<InFlight> {
        IN_FLIGHT.with(|set| {
            let mut set = set.borrow_mut();
            if set.contains(target) {
                return None;
            }
            set.push(target.clone());
            Some(InFlight(target.clone()))
        })
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.with(|set| set.borrow_mut().retain(|t| *t != self.0));
    }
}

pub async fn generate(target: Target) -> Reply {
    let request = match TokenRequest::new(&target.display_name, &target.scope) {
        Ok(request) => request,
        Err(errors) => return invalid(errors),
    };
    // Validated values from here on (trimmed, scopes normalised).
    let target = Target {
        display_name: request.display_name().to_string(),
        scope: request.scope().to_string(),
        dc: target.dc,
    };
    let Some(_claim) = InFlight::claim(&target) else {
        return Reply::Busy;
    };
    // Noted outside this worker's memory: if the browser stops the background
    // mid-request, the next popup can say so (Zoho may have issued a token).
    // (Written while the request is on its way: both take a few milliseconds.)
    let flight = format!("{FLIGHT_PREFIX}{:08x}", browser::nonce());
    let noted = session::start_set(&flight, &target);
    let answer = fetch::get(&request.create_url(target.dc)).await;
    // A note the browser refused costs only that later warning; the request
    // itself has been made and its answer is handled as usual.
    let _ = noted.await;
    let reply = match verdict::judge(target.dc, &answer) {
        Verdict::Issued(token) => save_new(token, &target).await,
        Verdict::Confirm { .. } => tabs::open_create_page(target).await,
        Verdict::Problem(problem) => {
            // Signed out here: maybe the user is signed in to another data centre.
            let elsewhere = if problem == Problem::SignedOut {
                fetch::signed_in_elsewhere(target.dc).await
            } else {
                Vec::new()
            };
            Reply::Problem {
                message: problem.message().into(),
                remedies: problem.remedies().to_vec(),
                elsewhere,
            }
        }
    };
    session::remove(&flight).await;
    reply
}

/// Session-storage key prefix of the requests being generated.
pub const FLIGHT_PREFIX: &str = "flight:";

/// Whether this background (not a stopped one before it) is generating `target`.
pub fn in_flight(target: &Target) -> bool {
    IN_FLIGHT.with(|set| set.borrow().contains(target))
}

/// Saves a token Zoho just issued in answer to this extension's own request: it
/// cannot be saved already, so nothing needs reading first (which matters with a
/// long list).
async fn save_new(token: AuthToken, target: &Target) -> Reply {
    let record = SavedToken::new(
        token,
        &target.display_name,
        &target.scope,
        target.dc,
        browser::now_ms(),
        browser::nonce(),
    );
    match storage::save_token(&record).await {
        Ok(()) => Reply::Saved { token: record },
        Err(_) => failed(key("errStorage")),
    }
}

/// Saves a token a Zoho tab showed, once: a page seen again (a reload) does not
/// add the same token a second time.
pub(crate) async fn save(token: AuthToken, target: &Target) -> Reply {
    let list = match storage::load().await {
        Ok(loaded) => loaded.tokens,
        Err(_) => return failed(key("errStorage")),
    };
    match list.tokens().iter().find(|t| t.token == token) {
        Some(existing) => Reply::Saved {
            token: existing.clone(),
        },
        None => save_new(token, target).await,
    }
}

fn invalid(errors: Vec<crate::zoho::request::RequestError>) -> Reply {
    Reply::Invalid {
        errors: errors
            .iter()
            .map(|e| FieldError {
                field: e.field().into(),
                message: e.message().into(),
            })
            .collect(),
    }
}
