//! Several Self Clients (issue 28): a consultant's clients on one data centre,
//! each with its label, chosen for an exchange, each token showing its own;
//! and the one client a data centre of earlier versions (`client:<dc>`)
//! moved to its own record at a start, in clear text and sealed.

use crate::oauth::{clear_session, exchange, stored, WAIT};
use crate::options::{file, open_options};
use crate::vault::back_to;
use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use zoho_harness::oauth::Client;
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    clients_several_on_one_data_centre,
    clients_of_one_per_data_centre_move_to_their_own_records,
    clients_in_a_backup_join_by_id_and_a_conflict_is_named,
    clients_bring_a_refresh_token_made_elsewhere,
    clients_hand_a_token_on_to_postman_and_curl,
];

const PASSPHRASE: &str = "correct horse battery";

/// Types a client and its label into the open client fields, and saves it.
pub(crate) fn save_labelled(s: &Session, client: &Client, label: &str) -> Result<()> {
    let b = &s.browser;
    b.wait_for_css("#oauth-client:not([hidden])", WAIT)?;
    b.type_into("input[name=client_id]", &client.id)?;
    b.type_into("input[name=client_secret]", &client.secret)?;
    b.type_into("input[name=client_label]", label)?;
    b.click("[data-action=save-client]")?;
    let saved = format!("Client saved for US · United States: {label}.");
    s.wait_text("#status", &saved, WAIT)?;
    b.wait_for_css("#oauth-client[hidden]", WAIT)
}

/// The client choice's options (value, text) and the one chosen.
fn choice(s: &Session) -> Result<(Vec<(String, String)>, String)> {
    let got = s.browser.driver.execute(
        "const select = document.querySelector('select[name=client]');
         return [[...select.options].map(o => [o.value, o.textContent]), select.value];",
        json!([]),
    )?;
    let options = got[0]
        .as_array()
        .context("options")?
        .iter()
        .map(|o| {
            (
                o[0].as_str().unwrap_or_default().into(),
                o[1].as_str().unwrap_or_default().into(),
            )
        })
        .collect();
    Ok((options, got[1].as_str().unwrap_or_default().into()))
}

fn choose(s: &Session, client: &Client) -> Result<()> {
    s.browser.driver.execute(
        "const select = document.querySelector('select[name=client]');
         select.value = arguments[0];
         select.dispatchEvent(new Event('change', { bubbles: true }));",
        json!([client.id]),
    )?;
    Ok(())
}

/// The client ID each OAuth row shows, top first, and the name it shows.
fn row_clients(s: &Session) -> Result<Vec<(String, String)>> {
    let got = s.browser.driver.execute(
        "return [...document.querySelectorAll('[data-oauth-row] [data-client]')]
           .map(e => [e.getAttribute('data-client'), e.textContent]);",
        json!([]),
    )?;
    Ok(got
        .as_array()
        .context("rows")?
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().into(),
                r[1].as_str().unwrap_or_default().into(),
            )
        })
        .collect())
}

fn clients_several_on_one_data_centre(s: &mut Session) -> Result<()> {
    let (acme, globex) = {
        let mut world = s.zoho.world();
        (
            world.oauth.create_client("accounts.zoho.com"),
            world.oauth.create_client("accounts.zoho.com"),
        )
    };
    s.open_oauth()?;
    s.choose_data_centre("us")?;
    let b = &s.browser;
    save_labelled(s, &acme, "Acme")?;
    // A second account's client: the fields again, empty.
    b.click("[data-action=add-client]")?;
    ensure!(b.text("#client-id-error")?.is_empty(), "no error shown");
    let typed = b.driver.execute(
        "return ['client-id', 'client-secret', 'client-label'].map(id => document.getElementById(id).value);",
        json!([]),
    )?;
    ensure!(typed == json!(["", "", ""]), "{typed}");
    save_labelled(s, &globex, "Globex")?;
    let clients = stored(s, "client:")?;
    ensure!(clients.len() == 2, "{clients:?}");
    for (client, label) in [(&acme, "Acme"), (&globex, "Globex")] {
        let key = format!("client:us:{}", client.id);
        let record = &s.browser.storage()?[&key];
        ensure!(
            *record
                == json!({"v": 2, "dc": "us", "clientId": client.id,
                              "clientSecret": client.secret, "label": label}),
            "{key}: {record}"
        );
    }
    // Offered by name; the one just saved is chosen.
    let (options, chosen) = choice(s)?;
    ensure!(
        options
            == [
                (acme.id.clone(), "Acme".to_string()),
                (globex.id.clone(), "Globex".to_string())
            ],
        "{options:?}"
    );
    ensure!(chosen == globex.id, "{chosen}");
    ensure!(
        b.text("#client-saved-text")?.contains("Acme, Globex"),
        "{}",
        b.text("#client-saved-text")?
    );

    // Acme's code with Globex chosen: Zoho refuses it (a code belongs to its
    // client), and nothing is saved.
    choose(s, &globex)?;
    exchange(s, &acme, "Wrong client", "ZohoCRM.modules.ALL")?;
    s.wait_alert(WAIT)?;
    ensure!(stored(s, "oauth:")?.is_empty(), "nothing saved");
    // Each code with its own client.
    choose(s, &acme)?;
    exchange(s, &acme, "Acme CRM", "ZohoCRM.modules.ALL")?;
    s.wait_text("#status", "Refresh token for Acme CRM saved", WAIT)?;
    choose(s, &globex)?;
    exchange(s, &globex, "Globex Books", "ZohoBooks.fullaccess.all")?;
    s.wait_text("#status", "Refresh token for Globex Books saved", WAIT)?;
    let rows = row_clients(s)?;
    ensure!(
        rows == [
            (globex.id.clone(), "Globex".to_string()),
            (acme.id.clone(), "Acme".to_string())
        ],
        "{rows:?}"
    );
    let records = stored(s, "oauth:")?;
    let owner = |label: &str| {
        records
            .iter()
            .find(|r| r["label"] == label)
            .map(|r| r["clientId"].clone())
    };
    ensure!(
        owner("Acme CRM") == Some(json!(acme.id))
            && owner("Globex Books") == Some(json!(globex.id)),
        "{records:?}"
    );
    // Fresh access tokens, each minted with its own client (Zoho refuses a
    // refresh token with another client's ID and secret).
    clear_session(s)?;
    for label in ["Acme CRM", "Globex Books"] {
        let asked = s.oauth_requests().len();
        b.click_role("button", &format!("Copy access token: {label}"))?;
        s.wait_text("#status", "valid for", WAIT)?;
        ensure!(s.oauth_requests().len() == asked + 1, "{label}: minted");
        b.driver.execute(
            "document.getElementById('status').textContent = '';",
            json!([]),
        )?;
    }

    // The list filters by client, scope and application, whatever a row shows.
    let shown = |typed: &str| -> Result<Value> {
        b.driver.execute(
            "const input = document.getElementById('oauth-filter');
             input.value = arguments[0];
             input.dispatchEvent(new Event('input', { bubbles: true }));
             return [[...document.querySelectorAll('[data-oauth-row]:not([hidden]) .token-app')]
                       .map(e => e.textContent),
                     document.getElementById('oauth-no-match').hidden];",
            json!([typed]),
        )
    };
    ensure!(
        shown("GLOBEX")? == json!([["Globex Books"], true]),
        "{}",
        shown("GLOBEX")?
    );
    ensure!(
        shown("crm.modules")? == json!([["Acme CRM"], true]),
        "{}",
        shown("crm.modules")?
    );
    ensure!(
        shown("us")?[0].as_array().map(Vec::len) == Some(2),
        "{}",
        shown("us")?
    );
    ensure!(
        shown("nobody")? == json!([[], false]),
        "{}",
        shown("nobody")?
    );
    ensure!(
        shown("")? == json!([["Globex Books", "Acme CRM"], true]),
        "{}",
        shown("")?
    );
    // Opened again, the client of the newest token is chosen.
    s.open_oauth()?;
    ensure!(choice(s)?.1 == globex.id, "{:?}", choice(s)?);
    // Remove client: the chosen one alone; its token stays.
    choose(s, &acme)?;
    b.click("[data-action=forget-client]")?;
    s.wait_text(
        "#status",
        "Client removed for US · United States: Acme.",
        WAIT,
    )?;
    let left = stored(s, "client:")?;
    ensure!(
        left.len() == 1 && left[0]["clientId"] == json!(globex.id),
        "{left:?}"
    );
    ensure!(stored(s, "oauth:")?.len() == 2, "tokens stay");
    ensure!(choice(s)?.0.len() == 1, "{:?}", choice(s)?);
    Ok(())
}

/// Reloads the extension (a new start, as after an update), then opens the
/// popup: its first answer is what a start moves old records after.
fn restart_extension(s: &Session) -> Result<()> {
    let spare = s.new_tab()?;
    s.browser
        .driver
        .execute("chrome.runtime.reload();", json!([]))?;
    s.switch_to(&spare)?;
    back_to(s, "popup.html")
}

/// Waits until storage holds the client under `moved` and nothing under `old`.
fn wait_moved(s: &Session, old: &str, moved: &str) -> Result<Value> {
    let b = &s.browser;
    b.driver.wait_for("the client moved", WAIT, || {
        let stored = b.storage()?;
        Ok((stored.get(old).is_none() && stored.get(moved).is_some()).then_some(stored))
    })
}

fn clients_of_one_per_data_centre_move_to_their_own_records(s: &mut Session) -> Result<()> {
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    let code =
        s.zoho
            .world()
            .oauth
            .create_code(&client, "A.b", std::time::Duration::from_secs(180))?;
    s.open_popup()?;
    // What an earlier version saved: one client for EU, and a token made with it.
    let old = json!({"v": 1, "dc": "eu", "clientId": client.id, "clientSecret": client.secret});
    s.browser.set_storage(&json!({ "client:eu": old }))?;
    let moved = format!("client:eu:{}", client.id);
    restart_extension(s)?;
    let stored_now = wait_moved(s, "client:eu", &moved)?;
    ensure!(
        stored_now[&moved]
            == json!({"v": 2, "dc": "eu", "clientId": client.id,
                      "clientSecret": client.secret, "label": null}),
        "{stored_now}"
    );
    // It works as it did: a code exchanged with it, an access token minted.
    s.open_oauth()?;
    s.choose_data_centre("eu")?;
    ensure!(choice(s)?.1 == client.id, "{:?}", choice(s)?);
    crate::oauth::exchange_code(s, "Moved", "A.b", &code)?;
    s.wait_text("#status", "Refresh token for Moved saved", WAIT)?;

    // Sealed while locked: it stays where it is, usable, until the vault opens.
    let token = stored(s, "oauth:")?[0].clone();
    let id = token["id"].as_str().unwrap_or_default().to_string();
    s.browser
        .set_storage(&json!({ "client:eu": old, format!("oauth:{id}"): token }))?;
    s.turn_vault_on(PASSPHRASE)?;
    let sealed = s.browser.storage()?;
    ensure!(
        sealed["client:eu"]["clientSecret"]
            .as_str()
            .is_some_and(|t| t.starts_with("sealed:"))
            && sealed.get(&moved).is_none(),
        "sealed where it was: {sealed}"
    );
    s.open_popup()?;
    s.browser.click("[data-action=lock]")?;
    s.browser.wait_for_css("body[data-vault=locked]", WAIT)?;
    restart_extension(s)?;
    s.browser.wait_for_css("body[data-vault=locked]", WAIT)?;
    // A start with the vault locked moves nothing sealed (one read, then done).
    let still = s.browser.storage()?;
    ensure!(still == sealed, "locked: unchanged: {still}");
    // A locked use asks for the passphrase, and then the client moves.
    clear_session(s)?;
    s.open_oauth()?;
    s.browser.click_role("button", "Copy access token: Moved")?;
    s.browser.wait_for_css("#unlock:not([hidden])", WAIT)?;
    s.browser
        .type_into("input[name=vault-unlock]", PASSPHRASE)?;
    s.browser.click("[data-action=unlock]")?;
    s.wait_text("#status", "valid for", WAIT)?;
    let after = wait_moved(s, "client:eu", &moved)?;
    let secret = &after[&moved]["clientSecret"];
    ensure!(
        secret.as_str().is_some_and(|t| t.starts_with("sealed:"))
            && !after.to_string().contains(&client.secret),
        "moved and still sealed: {after}"
    );
    // Sealed under its new key: it opens there (a fresh access token needs it;
    // the cached one is dropped, the vault's key kept).
    s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1];
         chrome.storage.session.get(null)
           .then(all => chrome.storage.session.remove(Object.keys(all).filter(k => k.startsWith('access:'))))
           .then(() => done(true));",
        json!([]),
    )?;
    s.open_oauth()?;
    let asked = s.oauth_requests().len();
    s.browser.click_role("button", "Copy access token: Moved")?;
    s.wait_text("#status", "valid for", WAIT)?;
    ensure!(
        s.oauth_requests().len() == asked + 1,
        "minted with the moved secret"
    );
    Ok(())
}

fn clients_in_a_backup_join_by_id_and_a_conflict_is_named(s: &mut Session) -> Result<()> {
    const ACME: &str = "1000.ACMEACMEACMEACMEACMEACMEACME01";
    const GLOBEX: &str = "1000.GLOBEXGLOBEXGLOBEXGLOBEXGLO02";
    let record = |id: &str, secret: &str, label: &str| json!({"v": 2, "dc": "us", "clientId": id, "clientSecret": secret, "label": label});
    let saved_secret = "0123456789abcdef0123456789abcdef0123456789";
    let acme_key = format!("client:us:{ACME}");
    s.open_popup()?;
    s.browser
        .set_storage(&json!({ &acme_key: record(ACME, saved_secret, "Acme") }))?;
    let before = s.browser.storage()?;
    // The file: Acme with another secret (someone pasted it again), and Globex.
    let other_secret = "ffffffffffffffffffffffffffffffffffffffff";
    let backup = json!({"format": "authtoken-keeper-export", "v": 3, "exported": 1,
        "tokens": [], "presets": [], "oauth": [],
        "clients": [record(ACME, other_secret, "Acme"), record(GLOBEX, saved_secret, "Globex")]});
    open_options(s)?;
    let path = file(s, "clients.json", &backup.to_string())?;
    let b = &s.browser;
    let input = b.driver.find("#import")?;
    b.driver.send_keys(&input, &path)?;
    let status = s.wait_text("#status", "Imported", WAIT)?;
    ensure!(
        status.contains("1 Self Client(s) added")
            && status.contains("Kept as saved: Acme (US)")
            && status.contains("another secret"),
        "{status}"
    );
    let after = b.storage()?;
    ensure!(
        after[&acme_key] == before[&acme_key],
        "the saved client is untouched: {after}"
    );
    ensure!(
        after[&format!("client:us:{GLOBEX}")] == record(GLOBEX, saved_secret, "Globex"),
        "the new client is added under its ID: {after}"
    );
    Ok(())
}

/// Pastes `token` as a refresh token brought from elsewhere, and sends it.
pub(crate) fn bring(s: &Session, label: &str, token: &str) -> Result<()> {
    let b = &s.browser;
    b.driver.execute(
        "for (const id of ['oauth-label', 'oauth-scopes', 'refresh-token']) document.getElementById(id).value = '';",
        json!([]),
    )?;
    b.type_into("#oauth-label", label)?;
    b.type_into("input[name=refresh_token]", token)?;
    b.click("[data-action=add-refresh-token]")
}

fn clients_bring_a_refresh_token_made_elsewhere(s: &mut Session) -> Result<()> {
    let (acme, other) = {
        let mut world = s.zoho.world();
        (
            world.oauth.create_client("accounts.zoho.com"),
            world.oauth.create_client("accounts.zoho.com"),
        )
    };
    let made = s
        .zoho
        .world()
        .oauth
        .create_refresh_token(&acme, "ZohoCRM.modules.ALL,ZohoCRM.org.READ");
    s.open_oauth()?;
    s.choose_data_centre("us")?;
    save_labelled(s, &acme, "Acme")?;
    // Proved with Zoho, then kept with the scopes Zoho grants (none typed).
    bring(s, "Made in Postman", &made)?;
    s.wait_text("#status", "Refresh token for Made in Postman saved", WAIT)?;
    let records = stored(s, "oauth:")?;
    ensure!(records.len() == 1, "{records:?}");
    let record = &records[0];
    ensure!(
        record["refreshToken"] == json!(made)
            && record["scopes"] == "ZohoCRM.modules.ALL,ZohoCRM.org.READ"
            && record["clientId"] == json!(acme.id)
            && record["apiDomain"] == "https://www.zohoapis.com"
            && record["dc"] == "us",
        "{record}"
    );
    ensure!(
        s.zoho.world().oauth.minted_for(&made) == 1,
        "proved by one mint"
    );
    ensure!(
        row_clients(s)? == [(acme.id.clone(), "Acme".to_string())],
        "{:?}",
        row_clients(s)?
    );
    ensure!(
        s.browser.text("#refresh-token-error")?.is_empty()
            && s.browser.driver.execute(
                "return document.getElementById('refresh-token').value",
                json!([])
            )? == json!(""),
        "the field is emptied"
    );
    // The access token that proved it is the first one handed out.
    let asked = s.oauth_requests().len();
    s.browser
        .click_role("button", "Copy access token: Made in Postman")?;
    s.wait_text("#status", "valid for", WAIT)?;
    ensure!(s.oauth_requests().len() == asked, "the cached one");
    let refused = |s: &Session, token: &str, expect: &str| -> Result<()> {
        let before = s.browser.storage()?;
        bring(s, "Refused", token)?;
        let alert = s.wait_alert(WAIT)?;
        ensure!(alert.contains(expect), "{token}: {alert}");
        ensure!(s.browser.storage()? == before, "{token}: storage changed");
        Ok(())
    };
    // The same again: said, and Zoho is not asked.
    let asked = s.oauth_requests().len();
    refused(s, &made, "saved already, as Made in Postman")?;
    ensure!(s.oauth_requests().len() == asked, "Zoho not asked");
    // Revoked at Zoho, or made with another client: Zoho's no, nothing kept.
    let revoked = s.zoho.world().oauth.create_refresh_token(&acme, "A.b");
    s.zoho.world().oauth.revoke_elsewhere(&revoked);
    refused(s, &revoked, "does not accept this refresh token")?;
    let elsewhere = s.zoho.world().oauth.create_refresh_token(&other, "A.b");
    refused(s, &elsewhere, "does not accept this refresh token")?;
    // Not a refresh token's shape: said at the field, Zoho not asked.
    let asked = s.oauth_requests().len();
    let before = s.browser.storage()?;
    bring(s, "Shell", "1000.$(touch /tmp/owned)")?;
    s.wait_text("#refresh-token-error", "not a refresh token", WAIT)?;
    ensure!(s.oauth_requests().len() == asked, "Zoho not asked");
    ensure!(s.browser.storage()? == before, "nothing kept");
    Ok(())
}

/// Reads a Postman environment with Postman's own SDK (`postman-collection`,
/// as Postman's import and Newman's `-e` do): its name, scope and variables.
fn read_with_postman(s: &Session, environment: &str) -> Result<Value> {
    let sdk = std::env::var("POSTMAN_COLLECTION")
        .context("POSTMAN_COLLECTION is not set (./build.sh test sets it)")?;
    let path = file(s, "zoho.postman_environment.json", environment)?;
    let read = std::process::Command::new("node")
        .arg("-e")
        .arg(
            "const { VariableScope } = require(process.argv[1]);
             const env = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
             const scope = new VariableScope(env);
             console.log(JSON.stringify({ name: scope.name, scope: env._postman_variable_scope,
                                          values: scope.toObject() }));",
        )
        .arg(&sdk)
        .arg(&path)
        .output()?;
    ensure!(
        read.status.success(),
        "node: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    Ok(serde_json::from_slice(&read.stdout)?)
}

fn clients_hand_a_token_on_to_postman_and_curl(s: &mut Session) -> Result<()> {
    let acme = s.zoho.world().oauth.create_client("accounts.zoho.com");
    let made = s
        .zoho
        .world()
        .oauth
        .create_refresh_token(&acme, "ZohoCRM.modules.ALL");
    s.open_oauth()?;
    s.choose_data_centre("us")?;
    save_labelled(s, &acme, "Acme")?;
    let b = &s.browser;
    bring(s, "CRM \"sync\"", &made)?;
    s.wait_text("#status", "saved", WAIT)?;
    b.click_role("button", "Copy for Postman: CRM \"sync\"")?;
    s.wait_text("#status", "A Postman environment for CRM", WAIT)?;
    let read = read_with_postman(s, &s.clipboard()?)?;
    ensure!(
        read["name"] == "Zoho CRM \"sync\" (US)" && read["scope"] == "environment",
        "{read}"
    );
    ensure!(
        read["values"]
            == json!({"client_id": acme.id, "client_secret": acme.secret, "refresh_token": made,
                      "accounts_url": "https://accounts.zoho.com",
                      "api_domain": "https://www.zohoapis.com", "access_token": ""}),
        "{read}"
    );
    // Copy as curl: a call to CRM's API with a live access token, which a
    // shell reads as four arguments exactly.
    b.click_role("button", "Copy as curl: CRM \"sync\"")?;
    s.wait_text("#status", "A curl call for CRM", WAIT)?;
    let line = s.clipboard()?;
    let live = s.zoho.world().oauth.live_access_tokens(&made);
    let shell = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("curl() {{ printf '%s\\n' \"$@\"; }}\n{line}"))
        .output()?;
    let args: Vec<String> = String::from_utf8_lossy(&shell.stdout)
        .lines()
        .map(String::from)
        .collect();
    ensure!(
        live.len() == 1
            && args
                == [
                    "-sS".to_string(),
                    "https://www.zohoapis.com/crm/v8/org".into(),
                    "-H".into(),
                    format!("Authorization: Zoho-oauthtoken {}", live[0]),
                ],
        "{line} → {args:?} (live: {live:?})"
    );
    Ok(())
}
