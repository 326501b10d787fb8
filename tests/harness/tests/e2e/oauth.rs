//! OAuth Self Client tokens: from a fresh start and from the sunset message to
//! a saved refresh token and access tokens on the clipboard; every error keeps
//! storage as it was; revoke, forget and undo; Zoho's limits.

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::http::Request;
use zoho_harness::oauth::{Client, Dialect, OAuthFault, ACCESS_LIMIT, LIMIT_WINDOW, TOO_MANY};
use zoho_harness::zoho::{Sunset, HOSTS};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = &[
    ("oauth_from_a_fresh_start_to_access_tokens", fresh_start),
    ("oauth_from_the_sunset_message", from_sunset),
    ("oauth_on_every_data_centre", every_data_centre),
    ("oauth_errors_keep_everything", errors),
    ("oauth_revoke_forget_and_undo", revoke_forget_undo),
    (
        "oauth_the_21st_refresh_token_is_warned_and_deletes_the_oldest",
        cap_warning,
    ),
    ("oauth_what_zoho_grants_is_kept", granted),
    ("oauth_standard_answers_are_understood", standard_answers),
    ("oauth_what_was_typed_survives_the_popup_closing", draft),
    ("oauth_with_the_api_console_in_a_tab", with_console),
];

pub(crate) const WAIT: Duration = Duration::from_secs(10);
const CRM_SCOPES: &str =
    "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ";

/// Saves `client` in the OAuth view (on its data centre, chosen first).
pub(crate) fn save_client(s: &Session, code: &str, client: &Client) -> Result<()> {
    s.open_oauth()?;
    s.choose_data_centre(code)?;
    let b = &s.browser;
    b.type_into("input[name=client_id]", &client.id)?;
    b.type_into("input[name=client_secret]", &client.secret)?;
    b.click("[data-action=save-client]")?;
    s.wait_text("#status", "Client saved", WAIT)?;
    b.wait_for_css("#client-saved:not([hidden])", WAIT)
}

/// Types the application, scopes and a fresh code, and exchanges it.
pub(crate) fn exchange(s: &Session, client: &Client, label: &str, scopes: &str) -> Result<String> {
    let code = s
        .zoho
        .world()
        .oauth
        .create_code(client, scopes, Duration::from_secs(180))?;
    exchange_code(s, label, scopes, &code)?;
    Ok(code)
}

/// Types the application, scopes and `code` (whatever scopes it was made
/// for), and exchanges it.
pub(crate) fn exchange_code(s: &Session, label: &str, scopes: &str, code: &str) -> Result<()> {
    let b = &s.browser;
    b.driver.execute(
        "for (const id of ['oauth-label', 'oauth-scopes', 'oauth-code']) document.getElementById(id).value = '';",
        json!([]),
    )?;
    b.type_into("#oauth-label", label)?;
    b.type_into("#oauth-scopes", scopes)?;
    b.type_into("input[name=code]", code)?;
    b.click("[data-action=exchange]")
}

/// A refresh token made through the local Zoho's API, as a script would:
/// a code from the console, exchanged by a POST of its own.
pub(crate) fn token_by_script(s: &Session, client: &Client, scope: &str) -> Result<String> {
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

/// Empties `storage.session`, as a browser restart does: cached access tokens go.
pub(crate) fn clear_session(s: &Session) -> Result<()> {
    s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.storage.session.clear().then(() => done(true));",
        json!([]),
    )?;
    Ok(())
}

/// The stored OAuth records and clients.
pub(crate) fn stored(s: &Session, prefix: &str) -> Result<Vec<Value>> {
    let all = s.browser.storage()?;
    Ok(all
        .as_object()
        .context("storage")?
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(_, v)| v.clone())
        .collect())
}

fn fresh_start(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    save_client(s, "eu", &client)?;
    let clients = stored(s, "client:")?;
    ensure!(
        clients
            == [json!({"v": 1, "dc": "eu", "clientId": client.id, "clientSecret": client.secret})],
        "{clients:?}"
    );
    // Copy scopes: what the console's Generate Code dialog wants.
    let b = &s.browser;
    b.type_into(
        "#oauth-scopes",
        "ZohoBooks.fullaccess.all  ZohoCRM.org.READ",
    )?;
    b.click("[data-action=copy-scopes]")?;
    s.wait_text("#status", "Scopes copied", WAIT)?;
    let copied = s.clipboard()?;
    ensure!(
        copied == "ZohoBooks.fullaccess.all,ZohoCRM.org.READ",
        "{copied}"
    );

    let code = exchange(s, &client, "Books sync", "ZohoBooks.fullaccess.all")?;
    s.wait_text("#status", "Refresh token for Books sync saved", WAIT)?;
    let held = s.zoho.world().oauth.refresh_tokens(&client.id);
    ensure!(held.len() == 1, "Zoho holds {held:?}");
    let records = stored(s, "oauth:")?;
    ensure!(records.len() == 1, "{records:?}");
    let record = &records[0];
    ensure!(record["refreshToken"] == json!(held[0].token), "{record}");
    ensure!(
        record["label"] == "Books sync" && record["dc"] == "eu",
        "{record}"
    );
    ensure!(record["apiDomain"] == "https://www.zohoapis.eu", "{record}");
    ensure!(record["scopes"] == "ZohoBooks.fullaccess.all", "{record}");
    let everything = s.browser.storage()?.to_string();
    ensure!(
        !everything.contains(&code),
        "the grant code is never stored"
    );
    let rows = s.oauth_rows()?;
    ensure!(
        rows.len() == 1
            && rows[0].contains("Books sync")
            && rows[0].contains("ZohoBooks.fullaccess.all"),
        "{rows:?}"
    );

    // Two copies of the access token: the one that came with the refresh token.
    let requests_before = s.oauth_requests().len();
    for _ in 0..2 {
        s.browser
            .click("[data-oauth-row] [data-action=copy-access-token]")?;
        s.wait_text("#status", "valid for", WAIT)?;
        let access = s.clipboard()?;
        ensure!(access.starts_with("1000.") && access.len() > 60, "{access}");
        clear_status(s)?;
    }
    ensure!(
        s.oauth_requests().len() == requests_before,
        "the cached token was reused"
    );
    // With the cache gone (a browser restart empties it), exactly one refresh for two copies.
    s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.storage.session.clear().then(() => done(true));",
        json!([]),
    )?;
    for _ in 0..2 {
        s.browser
            .click("[data-oauth-row] [data-action=copy-access-token]")?;
        let status = s.wait_text("#status", "valid for", WAIT)?;
        ensure!(
            status.contains("59 more minutes") || status.contains("60 more minutes"),
            "{status}"
        );
        clear_status(s)?;
    }
    let refreshes = s.oauth_requests().len() - requests_before;
    ensure!(
        refreshes == 1,
        "{refreshes} refresh requests for two copies"
    );
    ensure!(
        s.zoho.world().oauth.minted_for(&held[0].token) == 2,
        "exchange + one refresh"
    );

    // The refresh token and the script's variables.
    s.browser
        .click("[data-oauth-row] [data-action=copy-refresh-token]")?;
    s.wait_text("#status", "Refresh token for Books sync copied", WAIT)?;
    ensure!(s.clipboard()? == held[0].token, "refresh token copied");
    s.browser.click("[data-oauth-row] [data-action=copy-env]")?;
    s.wait_text("#status", ".env", WAIT)?;
    let env = s.clipboard()?;
    for line in [
        format!("ZOHO_CLIENT_ID={}", client.id),
        format!("ZOHO_CLIENT_SECRET={}", client.secret),
        format!("ZOHO_REFRESH_TOKEN={}", held[0].token),
        "ZOHO_ACCOUNTS_URL=https://accounts.zoho.eu".to_string(),
        "ZOHO_API_DOMAIN=https://www.zohoapis.eu".to_string(),
    ] {
        ensure!(env.contains(&line), "{line} in {env}");
    }
    ensure!(
        env.contains("curl") && env.contains("grant_type=refresh_token"),
        "{env}"
    );

    // Kept across reopenings; the client shown for its data centre only.
    s.open_oauth()?;
    ensure!(s.oauth_rows()?.len() == 1, "row after reopening");
    ensure!(
        b.text("#client-saved-text")?.contains(&client.id),
        "client shown"
    );
    s.choose_data_centre("us")?;
    b.wait_for_css("#client-saved[hidden]", WAIT)?;

    // Secrets travel in bodies, to the client's own host, without cookies.
    // Nothing is logged (the secrets least of all).
    let output = s.browser.console_output()?;
    ensure!(output.is_empty(), "console output: {output:#?}");
    for request in s.oauth_requests() {
        ensure!(request.host == "accounts.zoho.eu", "{request:?}");
        ensure!(
            request.method == "POST" && request.cookies.is_empty(),
            "{request:?}"
        );
        for secret in [&client.secret, &held[0].token, &code] {
            ensure!(
                !request.target.contains(secret.as_str()),
                "a secret in {}",
                request.target
            );
        }
    }
    Ok(())
}

fn from_sunset(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.zoho.world().config.sunset = Sunset::ErrorBody;
    s.open_popup()?;
    s.click_preset("email2lead")?;
    s.wait_alert(Duration::from_secs(25))?;
    s.browser.click("#status [data-action=oauth]")?;
    s.browser.wait_for_css("#view-oauth:not([hidden])", WAIT)?;
    let label = s.browser.driver.execute(
        "return document.getElementById('oauth-label').value",
        json!([]),
    )?;
    ensure!(label == "Email to Lead for Zoho CRM", "{label}");
    let scopes = s.browser.driver.execute(
        "return document.getElementById('oauth-scopes').value",
        json!([]),
    )?;
    ensure!(scopes == CRM_SCOPES, "{scopes}");
    // On to a refresh token from there.
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    let b = &s.browser;
    b.type_into("input[name=client_id]", &client.id)?;
    b.type_into("input[name=client_secret]", &client.secret)?;
    b.click("[data-action=save-client]")?;
    s.wait_text("#status", "Client saved", WAIT)?;
    let code = s
        .zoho
        .world()
        .oauth
        .create_code(&client, CRM_SCOPES, Duration::from_secs(180))?;
    b.type_into("input[name=code]", &code)?;
    b.click("[data-action=exchange]")?;
    s.wait_text(
        "#status",
        "Refresh token for Email to Lead for Zoho CRM saved",
        WAIT,
    )?;
    ensure!(
        stored(s, "oauth:")?[0]["scopes"] == CRM_SCOPES,
        "scopes saved"
    );
    Ok(())
}

fn every_data_centre(s: &mut Session) -> Result<()> {
    for (code, host) in HOSTS {
        let client = s.zoho.world().oauth.create_client(host);
        save_client(s, code, &client)?;
        exchange(s, &client, &format!("App {code}"), "ZohoCRM.modules.ALL")?;
        s.wait_text(
            "#status",
            &format!("Refresh token for App {code} saved"),
            WAIT,
        )?;
        let last = s.oauth_requests().pop().context("a request")?;
        ensure!(last.host == host, "{code}: exchanged at {}", last.host);
    }
    ensure!(stored(s, "oauth:")?.len() == HOSTS.len(), "one token each");
    Ok(())
}

fn errors(s: &mut Session) -> Result<()> {
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

/// Empties the status region, so the next message is seen arriving.
pub(crate) fn clear_status(s: &Session) -> Result<()> {
    s.browser.driver.execute(
        "const s = document.getElementById('status'); s.textContent = ''; s.setAttribute('role', 'status');",
        json!([]),
    )?;
    Ok(())
}

fn revoke_forget_undo(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.in");
    save_client(s, "in", &client)?;
    for label in ["First", "Second"] {
        exchange(s, &client, label, "ZohoCRM.modules.ALL")?;
        s.wait_text("#status", &format!("Refresh token for {label} saved"), WAIT)?;
    }
    // Forget: local only, and Undo brings it back.
    let before = s.browser.storage()?;
    s.browser.click_role("button", "Forget: First")?;
    s.wait_text("#status", "still works at Zoho", WAIT)?;
    ensure!(s.oauth_rows()?.len() == 1, "one row left");
    ensure!(stored(s, "oauth:")?.len() == 1, "forgotten in storage too");
    ensure!(
        s.zoho.world().oauth.refresh_tokens(&client.id).len() == 2,
        "Zoho still holds it"
    );
    s.browser.click("#status [data-action=undo-oauth]")?;
    s.wait_text("#status", "First is back", WAIT)?;
    ensure!(s.browser.storage()? == before, "restored as it was");
    // Revoke asks first: nothing reaches Zoho before the confirmation.
    let held = s.zoho.world().oauth.refresh_tokens(&client.id);
    let (first, second) = (held[0].token.clone(), held[1].token.clone());
    let asked = s.oauth_requests().len();
    s.browser.click_role("button", "Revoke: First")?;
    s.browser
        .wait_for_css("[data-action=confirm-revoke]", WAIT)?;
    ensure!(
        s.oauth_requests().len() == asked,
        "a request before the confirmation"
    );
    ensure!(
        s.zoho.world().oauth.refresh_tokens(&client.id).len() == 2,
        "revoked before the confirmation"
    );
    // Confirmed: revoked at Zoho, on its own data centre, then gone here.
    s.browser.click("[data-action=confirm-revoke]")?;
    s.wait_text("#status", "revoked at Zoho", WAIT)?;
    let held = s.zoho.world().oauth.refresh_tokens(&client.id);
    ensure!(
        held.len() == 1 && held[0].token == second,
        "First revoked at Zoho: {held:?}"
    );
    let left = stored(s, "oauth:")?;
    ensure!(left.len() == 1 && left[0]["label"] == "Second", "{left:?}");
    let revoke = s.oauth_requests().pop().context("the revoke")?;
    ensure!(
        revoke.host == "accounts.zoho.in"
            && revoke.method == "POST"
            && revoke.target == format!("/oauth/v2/token/revoke?token={first}"),
        "{revoke:?}"
    );
    // Zoho refusing keeps the record.
    s.zoho.world().oauth.revoke_elsewhere(&second);
    let kept = s.browser.storage()?;
    s.browser.click_role("button", "Revoke: Second")?;
    s.browser.click("[data-action=confirm-revoke]")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("did not revoke"), "{alert}");
    ensure!(s.browser.storage()? == kept, "kept after a refused revoke");
    // No secret in any address but the token each revoke ends.
    for request in s.oauth_requests() {
        let revoked = request
            .target
            .strip_prefix("/oauth/v2/token/revoke?token=")
            .unwrap_or_default();
        for secret in [&client.secret, &first, &second] {
            ensure!(
                !request.target.contains(secret.as_str()) || revoked == secret,
                "a secret in {}",
                request.target
            );
        }
        ensure!(
            request.target == "/oauth/v2/token" || !revoked.is_empty(),
            "{}",
            request.target
        );
    }
    Ok(())
}

/// The whole job as a person does it: the console in a tab, the popup closing
/// and reopening between the steps, values carried by the clipboard.
fn with_console(s: &mut Session) -> Result<()> {
    s.open_oauth()?;
    s.choose_data_centre("eu")?;
    let b = &s.browser;
    let popup = s.current_tab()?;
    let before = s.tabs()?;
    b.click("#open-console")?;
    let console = s.switch_to_new_tab(&before, WAIT)?;
    b.wait_for_css("#create-client", WAIT)?;
    let url = b.driver.current_url()?;
    ensure!(
        url.starts_with("https://api-console.zoho.eu"),
        "the EU console: {url}"
    );
    b.click("#create-client")?;
    b.wait_for_css("#client-id", WAIT)?;
    let (id, secret) = (b.text("#client-id")?, b.text("#client-secret")?);
    // Back to the popup, which closed meanwhile and opens again on the OAuth view.
    s.switch_to(&popup)?;
    s.open_popup()?;
    b.wait_for_css("#view-oauth:not([hidden])", WAIT)?;
    b.type_into("input[name=client_id]", &id)?;
    b.type_into("input[name=client_secret]", &secret)?;
    b.click("[data-action=save-client]")?;
    s.wait_text("#status", "Client saved", WAIT)?;
    // A preset's name suggests its scopes; Copy scopes, then the console.
    b.type_into("#oauth-label", "ACR for Zoho CRM")?;
    let scopes = b.driver.execute(
        "return document.getElementById('oauth-scopes').value",
        json!([]),
    )?;
    ensure!(scopes == CRM_SCOPES, "{scopes}");
    b.click("[data-action=copy-scopes]")?;
    s.wait_text("#status", "Scopes copied", WAIT)?;
    s.switch_to(&console)?;
    s.paste_into("#scope")?;
    b.click("#generate")?;
    b.wait_for_css("#grant-code", WAIT)?;
    let code = b.text("#grant-code")?;
    ensure!(
        b.text("body")?.contains(CRM_SCOPES),
        "the console got the scopes"
    );
    s.switch_to(&popup)?;
    s.open_popup()?;
    b.wait_for_css("#view-oauth:not([hidden])", WAIT)?;
    b.type_into("input[name=code]", &code)?;
    b.click("[data-action=exchange]")?;
    s.wait_text("#status", "Refresh token for ACR for Zoho CRM saved", WAIT)?;
    let record = &stored(s, "oauth:")?[0];
    let held = s.zoho.world().oauth.refresh_tokens(&id);
    ensure!(
        held.len() == 1 && record["refreshToken"] == json!(held[0].token),
        "{record}"
    );
    ensure!(
        record["scopes"] == CRM_SCOPES && record["dc"] == "eu",
        "{record}"
    );
    Ok(())
}

fn draft(s: &mut Session) -> Result<()> {
    s.open_oauth()?;
    let b = &s.browser;
    b.type_into("input[name=client_id]", "1000.TYPEDBUTNOTSAVED")?;
    b.type_into("#oauth-label", "Books sync")?;
    b.type_into("#oauth-scopes", "ZohoBooks.fullaccess.all")?;
    let code = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";
    b.type_into("input[name=code]", code)?;
    // The popup closes (the user went to the console) and opens again.
    s.open_popup()?;
    b.wait_for_css("#view-oauth:not([hidden])", WAIT)?;
    let values = b.strings(
        "return ['client-id', 'oauth-label', 'oauth-scopes', 'oauth-code'].map(id => document.getElementById(id).value)",
    )?;
    ensure!(
        values
            == [
                "1000.TYPEDBUTNOTSAVED",
                "Books sync",
                "ZohoBooks.fullaccess.all",
                ""
            ],
        "{values:?}"
    );
    let session = b.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.storage.session.get(null).then(done);",
        json!([]),
    )?;
    ensure!(
        !session.to_string().contains(code),
        "the grant code is never kept: {session}"
    );
    ensure!(
        !b.storage()?.to_string().contains("TYPEDBUTNOTSAVED"),
        "a draft is not saved data"
    );
    // Back on the authtokens view, the popup reopens there.
    b.click("[data-view=authtokens]")?;
    s.open_popup()?;
    b.wait_for_css("#view-authtokens:not([hidden])", WAIT)?;
    b.wait_for_css("#view-oauth[hidden]", WAIT)?;
    Ok(())
}

/// Twenty refresh tokens at Zoho for one client, the oldest the extension's
/// own, then the twenty-first: the warning first, and after it Zoho deletes the
/// oldest, which is refused on its next use and marked, nothing deleted here.
fn cap_warning(s: &mut Session) -> Result<()> {
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
fn granted(s: &mut Session) -> Result<()> {
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
fn standard_answers(s: &mut Session) -> Result<()> {
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
