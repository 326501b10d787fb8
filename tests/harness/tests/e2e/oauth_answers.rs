//! What Zoho's token endpoint answers, and what the extension makes of it:
//! every error keeps storage as it was; the scopes and `api_domain` Zoho grants
//! are kept (if they are Zoho's); a standard OAuth 2.0 server's answers; and
//! the twenty-first refresh token, driven through the local Zoho.

use crate::oauth::{
    clear_session, clear_status, exchange, exchange_code, save_client, stored, WAIT,
};
use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::http::Request;
use zoho_harness::oauth::{Client, Dialect, OAuthFault, ACCESS_LIMIT, LIMIT_WINDOW, TOO_MANY};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    oauth_errors_keep_everything,
    oauth_the_21st_refresh_token_is_warned_and_deletes_the_oldest,
    oauth_what_zoho_grants_is_kept,
    oauth_standard_answers_are_understood,
];

/// A refresh token made through the local Zoho's API, as a script would:
/// a code from the console, exchanged by a POST of its own.
fn token_by_script(s: &Session, client: &Client, scope: &str) -> Result<String> {
    let mut world = s.zoho.world();
    let code = world
        .oauth
        .create_code(client, scope, Duration::from_secs(180))?;
    let answer = world.oauth.token(&Request {
        method: "POST".into(),
        target: "/oauth/v2/token".into(),
        headers: vec![
            ("Host".into(), client.host.clone()),
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        body: format!(
            "grant_type=authorization_code&client_id={}&client_secret={}&code={code}",
            client.id, client.secret
        )
        .into_bytes(),
    });
    let body: Value = serde_json::from_slice(&answer.body)?;
    Ok(body["refresh_token"]
        .as_str()
        .with_context(|| format!("no refresh token: {body}"))?
        .to_string())
}

fn oauth_errors_keep_everything(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    save_client(s, "us", &client)?;
    exchange(s, &client, "Kept", "ZohoCRM.modules.ALL")?;
    s.wait_text("#status", "saved", WAIT)?;
    let before = s.browser.storage()?;
    let fails = |s: &Session, expect: &str, case: &str| -> Result<()> {
        // The extension gives Zoho 15 s before it says the time is up.
        let alert = s
            .wait_alert(Duration::from_secs(25))
            .with_context(|| case.to_string())?;
        ensure!(alert.contains(expect), "{case}: {alert}");
        ensure!(s.browser.storage()? == before, "{case}: storage changed");
        Ok(())
    };
    // A code that expired.
    let stale = s
        .zoho
        .world()
        .oauth
        .create_code(&client, "A.b", Duration::ZERO)?;
    s.browser.type_into("#oauth-label", "X")?;
    s.browser.type_into("#oauth-scopes", "A.b")?;
    s.browser.type_into("input[name=code]", &stale)?;
    s.browser.click("[data-action=exchange]")?;
    fails(s, "3 to 10 minutes", "expired code")?;
    let links = s.status_links()?;
    ensure!(
        links == ["https://api-console.zoho.com/"],
        "the console is offered: {links:?}"
    );
    clear_status(s)?;
    // Zoho's faults, each with the same form.
    for (fault, expect) in [
        (OAuthFault::Answer(500, "oops".into()), "server error (500)"),
        (
            OAuthFault::Answer(200, "<html>maintenance</html>".into()),
            "not the expected JSON",
        ),
        (OAuthFault::Maintenance, "server error (503)"),
        (
            OAuthFault::Redirect("https://accounts.zoho.com/signin".into()),
            "does not follow",
        ),
        (
            OAuthFault::Answer(
                200,
                r#"{"error":"invalid_scope","error_description":"ZohoX.y is not a scope"}"#.into(),
            ),
            "Zoho said: “ZohoX.y is not a scope”",
        ),
        (
            OAuthFault::Answer(200, r#"{"error":"invalid_client_secret"}"#.into()),
            "Client Secret",
        ),
        (
            OAuthFault::Answer(200, r#"{"error":"unheard_of"}"#.into()),
            "unheard_of",
        ),
        (
            OAuthFault::Answer(200, r#"{"access_token":"1000.a.b"}"#.into()),
            "did not hold",
        ),
        (OAuthFault::Drop, "Could not reach Zoho"),
        (
            OAuthFault::Slow(Duration::from_secs(20)),
            "did not answer in time",
        ),
        (
            OAuthFault::Answer(200, format!(r#"{{"pad":"{}"}}"#, "x".repeat(100_000))),
            "far larger",
        ),
    ] {
        s.zoho.world().oauth.fault = fault.clone();
        s.browser.click("[data-action=exchange]")?;
        fails(s, expect, &format!("{fault:?}"))?;
        clear_status(s)?;
    }
    s.zoho.world().oauth.fault = OAuthFault::None;
    let followed = s
        .zoho
        .world()
        .log()
        .iter()
        .any(|r| r.target.starts_with("/signin"));
    ensure!(!followed, "a redirect of the token endpoint was followed");
    // A client made on another data centre (a client of this user's is saved
    // for India too).
    let india = s.zoho.world().oauth.create_client("accounts.zoho.in");
    save_client(s, "in", &india)?;
    s.choose_data_centre("us")?;
    let eu = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    s.browser.click("[data-action=change-client]")?;
    s.browser.type_into("input[name=client_id]", &eu.id)?;
    s.browser
        .type_into("input[name=client_secret]", &eu.secret)?;
    s.browser.click("[data-action=save-client]")?;
    s.wait_text("#status", "Client saved", WAIT)?;
    let before_wrong = s.browser.storage()?;
    let code = s
        .zoho
        .world()
        .oauth
        .create_code(&eu, "A.b", Duration::from_secs(180))?;
    s.browser.driver.execute(
        "document.getElementById('oauth-code').value = ''",
        json!([]),
    )?;
    s.browser.type_into("input[name=code]", &code)?;
    s.browser.click("[data-action=exchange]")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("another data centre"), "{alert}");
    let offered = s.offered_data_centres()?;
    ensure!(
        offered == ["in"],
        "the data centre with a client: {offered:?}"
    );
    ensure!(
        s.browser.storage()? == before_wrong,
        "wrong data centre: storage changed"
    );
    // Past Zoho's access-token limit while the cached access token has only
    // minutes left (too few to hand out): Zoho's words, the saved token and
    // the cached one untouched.
    let mut client_back = before.clone();
    s.browser.set_storage(&client_back.take())?;
    let refresh = s.zoho.world().oauth.refresh_tokens(&client.id)[0]
        .token
        .clone();
    s.zoho.world().oauth.mint_elsewhere(&refresh, ACCESS_LIMIT);
    s.open_oauth()?;
    let cached = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1];
         chrome.storage.session.get(null).then(async all => {
           const [key] = Object.keys(all).filter(k => k.startsWith('access:'));
           all[key].expires = Date.now() + 3 * 60 * 1000;
           await chrome.storage.session.set({[key]: all[key]});
           done(await chrome.storage.session.get(key));
         });",
        json!([]),
    )?;
    let asked = s.oauth_requests().len();
    s.browser
        .click("[data-oauth-row] [data-action=copy-access-token]")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains(TOO_MANY), "{alert}");
    ensure!(s.oauth_requests().len() == asked + 1, "Zoho was asked");
    ensure!(
        s.browser.storage()? == before,
        "rate limit: storage changed"
    );
    let session = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.storage.session.get(Object.keys(arguments[0])).then(done);",
        json!([cached]),
    )?;
    ensure!(
        session == cached,
        "the cached token was kept: {session} vs {cached}"
    );
    // A refresh token Zoho no longer takes: marked on its row, never deleted.
    s.zoho.world().oauth.revoke_elsewhere(&refresh);
    clear_status(s)?;
    s.browser
        .click("[data-oauth-row] [data-action=copy-access-token]")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("no longer accepts"), "{alert}");
    s.wait_text("[data-oauth-row]", "no longer accepts", WAIT)?;
    let records = stored(s, "oauth:")?;
    ensure!(
        records.len() == 1 && records[0]["rejected"].is_u64(),
        "{records:?}"
    );
    // Shapes are checked before anything is sent.
    let asked = s.oauth_requests().len();
    s.browser.click("[data-action=change-client]")?;
    s.browser
        .type_into("input[name=client_id]", &client.secret)?;
    s.browser
        .type_into("input[name=client_secret]", &client.id)?;
    s.browser.click("[data-action=save-client]")?;
    s.wait_text("#client-id-error", "swapped", WAIT)?;
    ensure!(s.oauth_requests().len() == asked, "nothing sent");
    let output = s.browser.console_output()?;
    ensure!(
        output.is_empty(),
        "console output after the failures: {output:#?}"
    );
    Ok(())
}

/// Twenty refresh tokens at Zoho for one client, the oldest the extension's
/// own, then the twenty-first: the warning first, and after it Zoho deletes the
/// oldest, which is refused on its next use and marked, nothing deleted here.
fn oauth_the_21st_refresh_token_is_warned_and_deletes_the_oldest(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    save_client(s, "us", &client)?;
    exchange(s, &client, "Oldest", "A.b")?;
    s.wait_text("#status", "Refresh token for Oldest saved", WAIT)?;
    let oldest = s.zoho.world().oauth.refresh_tokens(&client.id)[0]
        .token
        .clone();
    // Nineteen more made by a script, ten codes in ten minutes at most; the
    // extension keeps them too (as if pasted earlier).
    let mut items = s.browser.storage()?;
    for i in 1..20u64 {
        if i % 10 == 0 {
            s.zoho.world().oauth.advance(LIMIT_WINDOW);
        }
        let token = token_by_script(s, &client, "A.b")?;
        let id = format!("18bcfe56800-{i:08x}");
        items[format!("oauth:{id}")] = json!({"v": 1, "id": id, "label": format!("T{i}"),
            "scopes": "A.b", "dc": "us", "apiDomain": "https://www.zohoapis.com", "clientId": client.id,
            "refreshToken": token, "created": 1_900_000_000_000u64 + i, "rejected": null});
    }
    ensure!(
        s.zoho.world().oauth.refresh_tokens(&client.id).len() == 20,
        "Zoho holds twenty"
    );
    // And two entries this version cannot read: reported, never touched.
    items["oauth:bad-1"] = json!({"v": 1, "id": "bad-1"});
    items["oauth:new-1"] = json!({"v": 9, "id": "new-1", "from": "the future"});
    s.browser.set_storage(&items)?;
    s.open_oauth()?;
    s.wait_text(
        "#oauth-unreadable",
        "2 saved record(s) could not be read",
        WAIT,
    )?;
    s.zoho.world().oauth.advance(LIMIT_WINDOW);
    let asked = s.oauth_requests().len();
    exchange(s, &client, "Twenty-first", "A.b")?;
    s.wait_text("#status", "deletes the oldest", WAIT)?;
    ensure!(
        s.oauth_requests().len() == asked,
        "nothing sent before the user agrees"
    );
    s.browser.click("#status [data-action=past-cap]")?;
    s.wait_text("#status", "Refresh token for Twenty-first saved", WAIT)?;
    let held = s.zoho.world().oauth.refresh_tokens(&client.id);
    ensure!(
        held.len() == 20 && held.iter().all(|r| r.token != oldest),
        "Zoho deleted the oldest"
    );
    ensure!(stored(s, "oauth:")?.len() == 23, "saved beside the 22");
    // The oldest's next use: refused by Zoho, marked on its row, kept here.
    clear_status(s)?;
    s.browser
        .click_role("button", "Copy access token: Oldest")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("no longer accepts"), "{alert}");
    s.browser
        .driver
        .wait_for("the Oldest row marked", WAIT, || {
            let rows = s.oauth_rows()?;
            Ok(rows
                .iter()
                .any(|r| r.starts_with("Oldest") && r.contains("no longer accepts"))
                .then_some(()))
        })?;
    let records = stored(s, "oauth:")?;
    let marked: Vec<&Value> = records.iter().filter(|r| r["rejected"].is_u64()).collect();
    ensure!(
        records.len() == 23 && marked.len() == 1 && marked[0]["refreshToken"] == json!(oldest),
        "{marked:?}"
    );
    let after = s.browser.storage()?;
    for key in ["oauth:bad-1", "oauth:new-1"] {
        ensure!(after[key] == items[key], "{key} untouched");
    }
    Ok(())
}

/// The code was made in the console for other scopes than the form holds, and
/// Zoho names the API domain: what Zoho says is kept, if it is Zoho's.
fn oauth_what_zoho_grants_is_kept(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    save_client(s, "eu", &client)?;
    let granted = "ZohoCRM.modules.ALL,ZohoCRM.org.READ";
    s.zoho.world().oauth.api_domain = Some("https://www.zohoapis.in".into());
    let code = s
        .zoho
        .world()
        .oauth
        .create_code(&client, granted, Duration::from_secs(180))?;
    exchange_code(s, "CRM sync", "ZohoBooks.fullaccess.all", &code)?;
    s.wait_text("#status", "Refresh token for CRM sync saved", WAIT)?;
    let record = stored(s, "oauth:")?[0].clone();
    ensure!(
        record["scopes"] == granted && record["apiDomain"] == "https://www.zohoapis.in",
        "{record}"
    );
    let row = &s.oauth_rows()?[0];
    ensure!(
        row.contains(granted) && !row.contains("ZohoBooks"),
        "the row shows what Zoho granted: {row}"
    );
    // Any other address is not trusted: the data centre's own is kept.
    for (i, odd) in [
        "https://www.zohoapis.in.evil.example",
        "http://www.zohoapis.in",
        "javascript:alert(1)",
    ]
    .into_iter()
    .enumerate()
    {
        s.zoho.world().oauth.api_domain = Some(odd.into());
        let label = format!("Odd {i}");
        exchange(s, &client, &label, "A.b")?;
        s.wait_text("#status", &format!("Refresh token for {label} saved"), WAIT)?;
        let records = stored(s, "oauth:")?;
        let record = records
            .iter()
            .find(|r| r["label"] == label.as_str())
            .context("saved")?;
        ensure!(
            record["apiDomain"] == "https://www.zohoapis.eu",
            "{odd}: {record}"
        );
    }
    Ok(())
}

/// A standard OAuth 2.0 server's answers (RFC 6749 §5.2, RFC 7009): read,
/// explained with the server's own words, nothing lost.
fn oauth_standard_answers_are_understood(s: &mut Session) -> Result<()> {
    s.zoho.world().oauth.dialect = Dialect::Standard;
    let eu = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    save_client(s, "eu", &eu)?;
    let us = s.zoho.world().oauth.create_client("accounts.zoho.com");
    save_client(s, "us", &us)?;
    // Scopes granted space separated: kept comma joined.
    let scopes = "ZohoCRM.modules.ALL,ZohoCRM.org.READ";
    let used = exchange(s, &us, "Standard", scopes)?;
    s.wait_text("#status", "Refresh token for Standard saved", WAIT)?;
    ensure!(stored(s, "oauth:")?[0]["scopes"] == scopes, "scopes kept");
    let before = s.browser.storage()?;
    // invalid_grant (a used code): explained as Zoho's own, with the server's words.
    clear_status(s)?;
    exchange_code(s, "Again", "A.b", &used)?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(
        alert.contains("3 to 10 minutes")
            && alert.contains("Zoho said: “The grant code is invalid, expired or already used.”"),
        "{alert}"
    );
    ensure!(
        s.status_links()? == ["https://api-console.zoho.com/"],
        "the console is offered"
    );
    ensure!(
        s.browser.storage()? == before,
        "invalid_grant: storage changed"
    );
    // invalid_client at 401 (here a wrong secret): both causes said, and the
    // data centres where a client is saved offered.
    let set_client = |id: &str, secret: &str| -> Result<()> {
        let b = &s.browser;
        b.click("[data-action=change-client]")?;
        b.driver.execute(
            "for (const id of ['client-id', 'client-secret']) document.getElementById(id).value = '';",
            json!([]),
        )?;
        b.type_into("input[name=client_id]", id)?;
        b.type_into("input[name=client_secret]", secret)?;
        clear_status(s)?;
        b.click("[data-action=save-client]")?;
        s.wait_text("#status", "Client saved", WAIT).map(drop)
    };
    set_client(&us.id, &"0".repeat(42))?;
    let before = s.browser.storage()?;
    let code = s
        .zoho
        .world()
        .oauth
        .create_code(&us, "A.b", Duration::from_secs(180))?;
    clear_status(s)?;
    exchange_code(s, "Wrong secret", "A.b", &code)?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(
        alert.contains("Client ID is unknown") && alert.contains("Client Secret does not match"),
        "{alert}"
    );
    let offered = s.offered_data_centres()?;
    ensure!(offered == ["eu"], "{offered:?}");
    ensure!(
        s.browser.storage()? == before,
        "invalid_client: storage changed"
    );
    set_client(&us.id, &us.secret)?;
    // A refresh token the server no longer takes (invalid_grant): marked, kept.
    let standard = s.zoho.world().oauth.refresh_tokens(&us.id)[0].token.clone();
    s.zoho.world().oauth.revoke_elsewhere(&standard);
    clear_session(s)?;
    clear_status(s)?;
    s.browser
        .click_role("button", "Copy access token: Standard")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("no longer accepts"), "{alert}");
    s.wait_text("[data-oauth-row]", "no longer accepts", WAIT)?;
    ensure!(
        stored(s, "oauth:")?[0]["rejected"].is_u64(),
        "marked in storage"
    );
    // A revoke answered 200 with an empty body: done.
    exchange(s, &us, "To revoke", "A.b")?;
    s.wait_text("#status", "Refresh token for To revoke saved", WAIT)?;
    s.browser.click_role("button", "Revoke: To revoke")?;
    s.browser.click("[data-action=confirm-revoke]")?;
    s.wait_text("#status", "revoked at Zoho", WAIT)?;
    let left = stored(s, "oauth:")?;
    ensure!(
        left.len() == 1 && left[0]["label"] == "Standard",
        "{left:?}"
    );
    ensure!(
        s.zoho.world().oauth.refresh_tokens(&us.id).is_empty(),
        "revoked at the server"
    );
    Ok(())
}
