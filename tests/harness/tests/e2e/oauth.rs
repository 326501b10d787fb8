//! OAuth Self Client tokens, the flows: from a fresh start and from the
//! sunset message to a saved refresh token and access tokens on the clipboard;
//! every data centre; revoke, forget and undo; the console in a tab. What Zoho
//! answers (errors, limits, standard forms) is in `oauth_answers`, the view's
//! less travelled branches in `oauth_branches`; the helpers here serve all three.

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::oauth::Client;
use zoho_harness::zoho::{Sunset, HOSTS};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    oauth_from_a_fresh_start_to_access_tokens,
    oauth_from_the_sunset_message,
    oauth_on_every_data_centre,
    oauth_revoke_forget_and_undo,
    oauth_what_was_typed_survives_the_popup_closing,
    oauth_with_the_api_console_in_a_tab,
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

fn oauth_from_a_fresh_start_to_access_tokens(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    save_client(s, "eu", &client)?;
    let clients = stored(s, "client:")?;
    ensure!(
        clients
            == [
                json!({"v": 2, "dc": "eu", "clientId": client.id, "clientSecret": client.secret,
                       "label": null})
            ],
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

    s.count_row_draws()?;
    let code = exchange(s, &client, "Books sync", "ZohoBooks.fullaccess.all")?;
    s.wait_text("#status", "Refresh token for Books sync saved", WAIT)?;
    let held = s.zoho.world().oauth.refresh_tokens(&client.id);
    ensure!(held.len() == 1, "Zoho holds {held:?}");
    let records = stored(s, "oauth:")?;
    // The reply and the storage change both bring the record: one row drawn.
    let id = records[0]["id"].as_str().unwrap_or_default();
    let draws = s.row_draws(&format!("oauth:{id}"))?;
    ensure!(draws == 1, "the new row was drawn {draws} times");
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
        format!("ZOHO_CLIENT_ID='{}'", client.id),
        format!("ZOHO_CLIENT_SECRET='{}'", client.secret),
        format!("ZOHO_REFRESH_TOKEN='{}'", held[0].token),
        "ZOHO_ACCOUNTS_URL='https://accounts.zoho.eu'".to_string(),
        "ZOHO_API_DOMAIN='https://www.zohoapis.eu'".to_string(),
    ] {
        ensure!(env.lines().any(|l| l == line), "{line} in {env}");
    }
    ensure!(
        env.contains("curl") && env.contains("grant_type=refresh_token"),
        "{env}"
    );
    // A record saved with a value a shell would run (an old import, say) is
    // read as what it is: not one the extension wrote. It is kept untouched
    // and said so, never shown, copied or sent. (Copy for a script refuses
    // such a value too: natively tested.)
    let mut hostile = records[0].clone();
    hostile["id"] = json!("18bcfe56800-0000beef");
    hostile["refreshToken"] = json!("1000.$(touch /tmp/owned)");
    s.browser
        .put_storage(&json!({"oauth:18bcfe56800-0000beef": hostile}))?;
    s.open_oauth()?;
    s.wait_text(
        "#oauth-unreadable",
        "1 saved record(s) could not be read",
        WAIT,
    )?;
    ensure!(
        s.oauth_rows()?.len() == 1,
        "only the good row: {:?}",
        s.oauth_rows()?
    );
    ensure!(
        b.storage()?["oauth:18bcfe56800-0000beef"] == hostile,
        "the record is kept untouched"
    );
    s.browser.remove_storage(&["oauth:18bcfe56800-0000beef"])?;

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

fn oauth_from_the_sunset_message(s: &mut Session) -> Result<()> {
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

fn oauth_on_every_data_centre(s: &mut Session) -> Result<()> {
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

/// Empties the status region, so the next message is seen arriving.
pub(crate) fn clear_status(s: &Session) -> Result<()> {
    s.browser.driver.execute(
        "const s = document.getElementById('status'); s.textContent = ''; s.setAttribute('role', 'status');",
        json!([]),
    )?;
    Ok(())
}

fn oauth_revoke_forget_and_undo(s: &mut Session) -> Result<()> {
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
fn oauth_with_the_api_console_in_a_tab(s: &mut Session) -> Result<()> {
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

fn oauth_what_was_typed_survives_the_popup_closing(s: &mut Session) -> Result<()> {
    s.open_oauth()?;
    let b = &s.browser;
    b.type_into("input[name=client_id]", "1000.TYPEDBUTNOTSAVED")?;
    let secret = "0123456789abcdef0123456789abcdeffedcba9876";
    b.type_into("input[name=client_secret]", secret)?;
    b.type_into("#oauth-label", "Books sync")?;
    b.type_into("#oauth-scopes", "ZohoBooks.fullaccess.all")?;
    let code = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";
    b.type_into("input[name=code]", code)?;
    // The popup closes (the user went to the console) and opens again.
    s.open_popup()?;
    b.wait_for_css("#view-oauth:not([hidden])", WAIT)?;
    let values = b.strings(
        "return ['client-id', 'client-secret', 'oauth-label', 'oauth-scopes', 'oauth-code'].map(id => document.getElementById(id).value)",
    )?;
    // The secret and the code are typed again: no secret is kept unasked.
    ensure!(
        values
            == [
                "1000.TYPEDBUTNOTSAVED",
                "",
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
        !session.to_string().contains(code) && !session.to_string().contains(secret),
        "neither the grant code nor the client secret is kept: {session}"
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
