//! Generating a token by loading the create page with the user's session.

use super::flight::{self, InFlight};
use super::{save, sessions, tabs};
use crate::browser::fetch;
use crate::browser::vault::{self, Keys};
use crate::i18n::UserMessage;
use crate::protocol::{Reply, Target};
use crate::zoho::verdict::{self, Problem, Verdict};
use crate::zoho::TokenRequest;

/// Makes a token for `target` with the browser's Zoho session, and saves it (or says why not).
pub async fn generate(target: Target) -> Reply {
    let request = match TokenRequest::new(&target.display_name, &target.scope) {
        Ok(request) => request,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    // Validated values from here on (trimmed, scopes normalised).
    let target = Target {
        display_name: request.display_name().to_string(),
        scope: request.scope().to_string(),
        dc: target.dc,
    };
    // A second identical request waits its turn instead of asking Zoho for a
    // second token.
    let Some(_claim) = InFlight::claim(&target) else {
        return Reply::Busy;
    };
    // The key is taken before Zoho is asked: a token it issues is then
    // always kept.
    let keys = vault::keys().await;
    if matches!(keys, Keys::Locked) {
        return Reply::Locked;
    }
    // Noted outside this worker's memory: if the browser stops the background
    // mid-request, the next popup can say so (Zoho may have issued a token).
    // (Written while the request is on its way: both take a few milliseconds.)
    let (flight, noted) = flight::note(&target);
    let answer = fetch::get(&request.create_url(target.dc)).await;
    // A note the browser refused costs only that later warning; the request
    // itself has been made and its answer is handled as usual.
    let _ = noted.await;
    let reply = match verdict::judge(target.dc, &answer) {
        Verdict::Issued(token) => save::save_new(token, &target, &keys).await,
        Verdict::Confirm { .. } => tabs::open_create_page(target).await,
        Verdict::Problem(problem) => {
            // Signed out here: maybe the user is signed in to another data centre.
            let elsewhere = if problem == Problem::SignedOut {
                sessions::signed_in_elsewhere(target.dc).await
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
    flight::landed(&flight);
    reply
}
