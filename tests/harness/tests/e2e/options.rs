//! The options page: default data centre, the user's presets, the console's
//! `self_client.json`. Export and import are `backup`'s.

use crate::Scenario;
use anyhow::{ensure, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::zoho::USER;
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    options_presets_add_rename_reorder_remove,
    options_default_data_centre,
    options_self_client_json_is_exchanged_at_once,
    options_self_client_json_refused_or_past_the_cap,
];

pub(crate) const WAIT: Duration = Duration::from_secs(10);
pub(crate) const TOKEN: &str = "0123456789abcdef0123456789abcdef";
pub(crate) const OTHER: &str = "fedcba9876543210fedcba9876543210";

pub(crate) fn open_options(s: &Session) -> Result<()> {
    s.browser
        .driver
        .navigate(&s.browser.extension_url("options.html"))?;
    s.browser.wait_for_css("body[data-ready]", WAIT)
}

fn add_preset(s: &Session, label: &str, name: &str, scope: &str) -> Result<()> {
    let b = &s.browser;
    b.type_into("#preset-label", label)?;
    b.type_into("#preset-name", name)?;
    b.type_into("#preset-scope", scope)?;
    b.click("#add-preset button[type=submit]")?;
    s.wait_text("#status", "added", WAIT).map(drop)
}

pub(crate) fn labels(s: &Session) -> Result<Vec<String>> {
    s.browser.strings(
        "return [...document.querySelectorAll('[data-user-preset] .preset-label')].map(i => i.value)",
    )
}

fn options_presets_add_rename_reorder_remove(s: &mut Session) -> Result<()> {
    open_options(s)?;
    let b = &s.browser;
    let empty_shown = || -> Result<bool> {
        let shown = b.driver.execute(
            "const el = document.getElementById('presets-empty'); return el.checkVisibility() && el.textContent.trim() !== '';",
            json!([]),
        )?;
        Ok(shown == json!(true))
    };
    ensure!(empty_shown()?, "the empty list says so");
    add_preset(s, "Books sync", "bookssync", "ZohoBooks/booksapi")?;
    ensure!(
        !empty_shown()?,
        "the empty note hides once a preset is added"
    );
    add_preset(
        s,
        "Recruit",
        "recruit",
        "ZohoRecruit/recruitapi, ZohoCRM/crmapi",
    )?;
    ensure!(labels(s)? == ["Books sync", "Recruit"]);
    // Invalid input is refused beside the form.
    b.type_into("#preset-label", "Bad")?;
    b.type_into("#preset-name", "<b>")?;
    b.type_into("#preset-scope", "x")?;
    b.click("#add-preset button[type=submit]")?;
    ensure!(s
        .wait_text("#preset-error", "does not accept", WAIT)
        .is_ok());
    // Rename, reorder.
    b.driver.execute(
        "const i = document.querySelector('[data-user-preset] .preset-label'); i.value = 'Books (EU)';",
        json!([]),
    )?;
    b.click_role("button", "Rename: Books sync")?;
    s.wait_text("#status", "saved", WAIT)?;
    b.click_role("button", "Move up: Recruit")?;
    s.browser.driver.wait_for("the new order", WAIT, || {
        Ok((labels(s)? == ["Recruit", "Books (EU)"]).then_some(()))
    })?;
    // The popup shows them after the built-in six, and they generate.
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    let shown = s.browser.strings(
        "return [...document.querySelectorAll('[data-preset]')].map(p => p.textContent)",
    )?;
    ensure!(
        shown.len() == 8 && shown[6].starts_with("Recruit") && shown[7].starts_with("Books (EU)"),
        "{shown:?}"
    );
    s.click_preset("recruit")?;
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(
        rows[0].contains("ZohoRecruit/recruitapi,ZohoCRM/crmapi"),
        "{rows:?}"
    );
    ensure!(
        s.zoho.world().tokens("accounts.zoho.com", USER)[0].scope
            == "ZohoRecruit/recruitapi,ZohoCRM/crmapi"
    );
    // Remove one.
    open_options(s)?;
    s.browser.click_role("button", "Remove: Recruit")?;
    s.browser.driver.wait_for("the removal", WAIT, || {
        Ok((labels(s)? == ["Books (EU)"]).then_some(()))
    })?;
    Ok(())
}

fn options_default_data_centre(s: &mut Session) -> Result<()> {
    open_options(s)?;
    s.browser.driver.execute(
        "const dc = document.getElementById('dc'); dc.value = 'au'; dc.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    )?;
    s.wait_text("#status", "AU", WAIT)?;
    s.open_popup()?;
    let dc = s
        .browser
        .driver
        .execute("return document.getElementById('dc').value", json!([]))?;
    ensure!(dc == "au", "the popup starts on the default: {dc}");
    Ok(())
}

pub(crate) fn seed(s: &Session) -> Result<Value> {
    s.open_popup()?;
    s.browser.set_storage(&json!({
        "token:a-1": {"v": 1, "id": "a-1", "token": TOKEN, "displayName": "checkemail",
                      "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64},
        "presets": {"v": 1, "items": [{"id": "p1", "label": "Books", "displayName": "bookssync", "scope": "ZohoBooks/booksapi"}]},
        "someone-else": 7,
    }))?;
    s.browser.storage()
}

/// Writes `content` to a file the browser can be given.
pub(crate) fn file(s: &Session, name: &str, content: &str) -> Result<String> {
    let dir = s.workdir().join("files");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}-{name}", s.browser.kind.name()));
    std::fs::write(&path, content)?;
    Ok(path.display().to_string())
}

fn options_self_client_json_is_exchanged_at_once(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    s.browser.set_storage(&json!({"someone-else": 7}))?;
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    let code = s.zoho.world().oauth.create_code(
        &client,
        "ZohoBooks.fullaccess.all",
        Duration::from_secs(180),
    )?;
    open_options(s)?;
    let b = &s.browser;
    b.driver.execute(
        "const dc = document.getElementById('dc'); dc.value = 'eu'; dc.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    )?;
    s.wait_text("#status", "EU", WAIT)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as u64;
    let content = |code: &str, expiry: u64| {
        json!({"client_id": client.id, "client_secret": client.secret, "code": code,
               "grant_type": "authorization_code", "expiry_time": expiry})
        .to_string()
    };
    // A file whose code expired, and a file of another kind: refused, nothing changed.
    let before = b.storage()?;
    for (name, text, expect) in [
        ("stale.json", content(&code, now - 1000), "has expired"),
        (
            "other.json",
            r#"{"hello": "world"}"#.to_string(),
            "not a self_client.json",
        ),
    ] {
        let path = file(s, name, &text)?;
        b.driver
            .send_keys(&b.driver.find("#self-client-file")?, &path)?;
        s.wait_text("#status", expect, WAIT)?;
        ensure!(b.storage()? == before, "{name}: storage changed");
    }
    b.type_into("#sc-label", "Books sync")?;
    b.type_into("#sc-scopes", "ZohoBooks.fullaccess.all")?;
    let path = file(s, "self_client.json", &content(&code, now + 180_000))?;
    b.driver
        .send_keys(&b.driver.find("#self-client-file")?, &path)?;
    s.wait_text("#status", "Refresh token for Books sync saved", WAIT)?;
    let after = b.storage()?;
    ensure!(
        after[&format!("client:eu:{}", client.id)]["clientId"] == json!(client.id),
        "{after}"
    );
    let records: Vec<&Value> = after
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("oauth:"))
        .map(|(_, v)| v)
        .collect();
    ensure!(
        records.len() == 1 && records[0]["scopes"] == "ZohoBooks.fullaccess.all",
        "{records:?}"
    );
    ensure!(
        !after.to_string().contains(&code),
        "the code is never stored"
    );
    ensure!(after["someone-else"] == 7);
    Ok(())
}

/// Gives the options page's file field a file written with `content`.
fn choose_file(s: &Session, name: &str, content: &str) -> Result<()> {
    let path = file(s, name, content)?;
    let b = &s.browser;
    b.driver
        .send_keys(&b.driver.find("#self-client-file")?, &path)
}

/// Chooses `code` on the options page's data-centre list.
fn choose_options_dc(s: &Session, code: &str) -> Result<()> {
    s.browser.driver.execute(
        "const dc = document.getElementById('dc'); dc.value = arguments[0]; dc.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([code]),
    )?;
    Ok(())
}

/// The options page's `self_client.json` on the branches the happy path does
/// not take: a file far too large, a client ID of the wrong shape, a code Zoho
/// refuses, and a client already at Zoho's twenty refresh tokens.
fn options_self_client_json_refused_or_past_the_cap(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    s.browser.set_storage(&json!({"someone-else": 7}))?;
    let client = s.zoho.world().oauth.create_client("accounts.zoho.eu");
    open_options(s)?;
    choose_options_dc(s, "eu")?;
    s.wait_text("#status", "EU", WAIT)?;
    let b = &s.browser;
    let expiry = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as u64
        + 180_000;
    let content = |id: &str, code: &str| {
        json!({"client_id": id, "client_secret": client.secret, "code": code,
               "grant_type": "authorization_code", "expiry_time": expiry})
        .to_string()
    };
    b.type_into("#sc-label", "From the file")?;
    b.type_into("#sc-scopes", "A.b")?;
    let before = b.storage()?;
    // Far larger than any such file: refused unread.
    let huge = format!(r#"{{"pad": "{}"}}"#, "x".repeat(70 * 1024));
    choose_file(s, "huge.json", &huge)?;
    s.wait_text("#status", "far larger than a self_client.json", WAIT)?;
    // A client ID of the wrong shape: the background's reason.
    let code = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";
    choose_file(s, "shape.json", &content("1000.lower", code))?;
    s.wait_text("#status", "A Client ID starts with 1000.", WAIT)?;
    ensure!(b.storage()? == before, "refused files changed storage");
    ensure!(s.oauth_requests().is_empty(), "nothing sent");
    // A code Zoho no longer takes: its reason, no token saved.
    let stale = s
        .zoho
        .world()
        .oauth
        .create_code(&client, "A.b", Duration::ZERO)?;
    choose_file(s, "stale-at-zoho.json", &content(&client.id, &stale))?;
    s.wait_text("#status", "3 to 10 minutes", WAIT)?;
    let after = b.storage()?;
    ensure!(
        !after.to_string().contains("oauth:")
            && after[&format!("client:eu:{}", client.id)]["clientId"] == json!(client.id),
        "only the file's client saved: {after}"
    );
    // Twenty saved refresh tokens for this client: the file's code waits for a yes.
    let mut items = after.clone();
    for i in 0..20u64 {
        let id = format!("18bcfe56800-{i:08x}");
        items[format!("oauth:{id}")] = json!({"v": 1, "id": id, "label": format!("T{i}"),
            "scopes": "A.b", "dc": "eu", "apiDomain": "https://www.zohoapis.eu", "clientId": client.id,
            "refreshToken": format!("1000.{i}.x"), "created": 1_700_000_000_000u64 + i, "rejected": null});
    }
    b.set_storage(&items)?;
    let fresh = s
        .zoho
        .world()
        .oauth
        .create_code(&client, "A.b", Duration::from_secs(180))?;
    let asked = s.oauth_requests().len();
    choose_file(s, "capped.json", &content(&client.id, &fresh))?;
    s.wait_text("#status", "already has 20 saved refresh tokens", WAIT)?;
    ensure!(
        s.oauth_requests().len() == asked,
        "nothing sent before the yes"
    );
    ensure!(b.storage()? == items, "nothing saved before the yes");
    b.click("#status [data-action=past-cap]")?;
    s.wait_text("#status", "Refresh token for From the file saved", WAIT)?;
    let saved = b.storage()?;
    let count = saved
        .as_object()
        .map_or(0, |o| o.keys().filter(|k| k.starts_with("oauth:")).count());
    ensure!(count == 21, "{count} records");
    Ok(())
}
