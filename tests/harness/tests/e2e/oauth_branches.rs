//! The OAuth view's less travelled branches, each a scenario that fails when
//! its branch breaks: no client, a client or record gone while in use, a mark
//! cleared by a later success, cached access tokens dropped with their record,
//! Undo pressed twice and a second restore, typed scopes kept, and the options
//! page's `self_client.json` past the cap and on Zoho's refusals.

use crate::oauth::{clear_session, clear_status, exchange, save_client, stored, WAIT};
use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    oauth_without_a_client_or_its_record,
    oauth_marks_cached_tokens_and_undo,
    oauth_typed_scopes_are_kept,
];

/// A grant code of the console's shape.
const CODE: &str = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";

/// The keys `storage.session` holds (cached access tokens are `access:<id>`).
fn session_keys(s: &Session) -> Result<Vec<String>> {
    let all = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.storage.session.get(null).then(done);",
        json!([]),
    )?;
    Ok(all
        .as_object()
        .context("session")?
        .keys()
        .cloned()
        .collect())
}

/// Sends `messages` to the background in turn, as one of the extension's
/// pages does, and returns its replies.
fn ask(s: &Session, messages: Value) -> Result<Value> {
    s.browser.driver.execute_async(
        "const [messages, done] = arguments;
         (async () => {
           const replies = [];
           for (const m of messages) replies.push(await chrome.runtime.sendMessage(m));
           done(replies);
         })();",
        json!([messages]),
    )
}

fn oauth_without_a_client_or_its_record(s: &mut Session) -> Result<()> {
    s.open_oauth()?;
    s.choose_data_centre("us")?;
    let b = &s.browser;
    // What was typed is checked first, every field at once.
    b.type_into("#oauth-scopes", "ZohoCRM/crmapi")?;
    b.type_into("input[name=code]", "1000.not-a-code")?;
    b.click("[data-action=exchange]")?;
    s.wait_text("#oauth-label-error", "Name the application", WAIT)?;
    s.wait_text("#oauth-scopes-error", "not an OAuth scope", WAIT)?;
    s.wait_text("#oauth-code-error", "1000.", WAIT)?;
    b.driver.execute(
        "for (const id of ['oauth-scopes', 'oauth-code']) document.getElementById(id).value = '';",
        json!([]),
    )?;
    // No client saved for the data centre: said, nothing sent or saved.
    b.type_into("#oauth-label", "Orphan")?;
    b.type_into("#oauth-scopes", "A.b")?;
    b.type_into("input[name=code]", CODE)?;
    b.click("[data-action=exchange]")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("or save one first"), "{alert}");
    ensure!(s.oauth_requests().is_empty(), "nothing sent");
    ensure!(stored(s, "oauth:")?.is_empty(), "nothing saved");
    // A client removed while a token uses it: the token stays, and says what is missing.
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    save_client(s, "eu", &client)?;
    exchange(s, &client, "Kept", "A.b")?;
    s.wait_text("#status", "Refresh token for Kept saved", WAIT)?;
    clear_status(s)?;
    b.click("[data-action=forget-client]")?;
    s.wait_text("#status", "Client removed for EU", WAIT)?;
    let after = b.storage()?;
    ensure!(
        stored(s, "client:")?.is_empty() && stored(s, "oauth:")?.len() == 1,
        "{after}"
    );
    clear_session(s)?;
    clear_status(s)?;
    let asked = s.oauth_requests().len();
    b.click_role("button", "Copy access token: Kept")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("no longer saved for EU"), "{alert}");
    ensure!(s.oauth_requests().len() == asked, "nothing sent");
    ensure!(b.storage()? == after, "client gone: storage changed");
    // A record forgotten elsewhere (another window) while its row is still
    // open here: the background says so and makes nothing up.
    let id = stored(s, "oauth:")?[0]["id"].clone();
    b.driver.execute_async(
        "const [id, done] = arguments; chrome.storage.local.remove('oauth:' + id).then(() => done(true));",
        json!([id]),
    )?;
    let replies = ask(
        s,
        json!([{"accessToken": {"id": id}}, {"revoke": {"id": id}}]),
    )?;
    for reply in replies.as_array().context("replies")? {
        ensure!(
            reply["failed"]["message"]["key"] == "errOAuthGone",
            "{reply}"
        );
    }
    ensure!(stored(s, "oauth:")?.is_empty(), "nothing re-created");
    ensure!(s.oauth_requests().len() == asked, "nothing sent");
    Ok(())
}

fn oauth_marks_cached_tokens_and_undo(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    save_client(s, "us", &client)?;
    exchange(s, &client, "Marked", "A.b")?;
    s.wait_text("#status", "Refresh token for Marked saved", WAIT)?;
    let id = stored(s, "oauth:")?[0]["id"]
        .as_str()
        .context("id")?
        .to_string();
    let cached = format!("access:{id}");
    ensure!(
        session_keys(s)?.contains(&cached),
        "the first access token is cached"
    );
    // A mark from an earlier refusal is cleared by a later success.
    let mut items = s.browser.storage()?;
    items[format!("oauth:{id}")]["rejected"] = json!(1_700_000_000_000u64);
    s.browser.set_storage(&items)?;
    s.open_oauth()?;
    s.wait_text("[data-oauth-row]", "no longer accepts", WAIT)?;
    clear_session(s)?;
    clear_status(s)?;
    s.browser
        .click_role("button", "Copy access token: Marked")?;
    s.wait_text("#status", "valid for", WAIT)?;
    ensure!(
        stored(s, "oauth:")?[0]["rejected"].is_null(),
        "the mark is cleared in storage"
    );
    s.browser
        .driver
        .wait_for("the mark gone from the row", WAIT, || {
            let rows = s.oauth_rows()?;
            Ok((rows.len() == 1 && !rows[0].contains("no longer accepts")).then_some(()))
        })?;
    // Forget drops the cached access token with the record.
    ensure!(session_keys(s)?.contains(&cached), "cached again");
    let before = s.browser.storage()?;
    s.browser.click_role("button", "Forget: Marked")?;
    s.wait_text("#status", "still works at Zoho", WAIT)?;
    ensure!(
        !session_keys(s)?.contains(&cached),
        "forget dropped the cached access token"
    );
    // Undo pressed twice (a double click): one restore, and no error.
    s.browser.driver.execute(
        "const undo = document.querySelector('#status [data-action=undo-oauth]'); undo.click(); undo.click();",
        json!([]),
    )?;
    s.wait_text("#status", "Marked is back", WAIT)?;
    ensure!(s.browser.storage()? == before, "restored as it was");
    ensure!(s.oauth_rows()?.len() == 1, "one row");
    // Another window's Undo of the same record: done, the saved one untouched.
    let mut again = stored(s, "oauth:")?[0].clone();
    again["label"] = json!("Overwritten");
    let replies = ask(s, json!([{"restoreOAuth": {"token": again}}]))?;
    ensure!(replies == json!(["done"]), "{replies}");
    ensure!(
        s.browser.storage()? == before,
        "a second restore changed storage"
    );
    // Revoke drops the cached access token too.
    clear_status(s)?;
    s.browser
        .click_role("button", "Copy access token: Marked")?;
    s.wait_text("#status", "valid for", WAIT)?;
    ensure!(session_keys(s)?.contains(&cached), "cached");
    s.browser.click_role("button", "Revoke: Marked")?;
    s.browser.click("[data-action=confirm-revoke]")?;
    s.wait_text("#status", "revoked at Zoho", WAIT)?;
    ensure!(
        !session_keys(s)?.contains(&cached),
        "revoke dropped the cached access token"
    );
    Ok(())
}

fn oauth_typed_scopes_are_kept(s: &mut Session) -> Result<()> {
    s.open_oauth()?;
    let b = &s.browser;
    let value = |id: &str| -> Result<Value> {
        b.driver.execute(
            "return document.getElementById(arguments[0]).value",
            json!([id]),
        )
    };
    // Scopes typed by hand stay when the application becomes a preset's.
    b.type_into("#oauth-scopes", "ZohoBooks.fullaccess.all")?;
    b.type_into("#oauth-label", "ACR for Zoho CRM")?;
    ensure!(
        value("oauth-scopes")? == "ZohoBooks.fullaccess.all",
        "typed scopes replaced: {}",
        value("oauth-scopes")?
    );
    // With none typed, the preset's successors are suggested.
    b.driver.execute(
        "for (const id of ['oauth-label', 'oauth-scopes']) document.getElementById(id).value = '';",
        json!([]),
    )?;
    b.type_into("#oauth-label", "ACR for Zoho CRM")?;
    ensure!(
        value("oauth-scopes")?
            .as_str()
            .is_some_and(|v| v.starts_with("ZohoCRM.modules.ALL")),
        "suggested: {}",
        value("oauth-scopes")?
    );
    Ok(())
}
