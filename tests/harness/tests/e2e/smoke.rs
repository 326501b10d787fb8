//! The foundation smoke tests: the extension loads, draws, answers and asks
//! Zoho with the user's session. (The local Zoho alone is tested in the
//! harness's own suite.)

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::zoho::{SESSION_COOKIE, USER};
use zoho_harness::{Session, PRESETS};

/// What only Chromium reports (chrome://extensions' error lists).
pub const CHROMIUM_ONLY: &[(&str, Scenario)] = scenarios![loads_the_extension_without_errors,];

pub const ALL: &[(&str, Scenario)] = scenarios![
    popup_renders_from_wasm,
    background_answers_the_popup,
    the_extension_asks_zoho_with_the_users_session,
    a_token_page_in_a_tab_it_did_not_open_is_ignored,
    the_popup_speaks_russian,
];

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const CREATE: &str =
    "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail";

/// The popup's presets are built by the Wasm module (popup.html has none).
fn popup_renders_from_wasm(s: &mut Session) -> Result<()> {
    let b = &s.browser;
    b.open_popup()?;
    let presets = b.driver.execute(
        "return [...document.querySelectorAll('[data-preset]')].map(e => e.dataset.preset)",
        json!([]),
    )?;
    ensure!(
        presets == json!(PRESETS.map(|(name, _)| name)),
        "presets: {presets}"
    );
    ensure!(b.by_role("button", "Email Checker for Zoho CRM").is_ok());
    ensure!(
        b.text("h1")? == "Authtoken Keeper",
        "heading from _locales: {:?}",
        b.text("h1")?
    );
    Ok(())
}

/// The background (also Wasm) answers the popup's first message, and the list
/// the popup draws from storage is what storage holds.
fn background_answers_the_popup(s: &mut Session) -> Result<()> {
    let b = &s.browser;
    b.open_popup()?;
    b.wait_for_css("body[data-background=ready]", Duration::from_secs(5))?;
    let empty_shown = b
        .driver
        .execute("return !document.getElementById('empty').hidden", json!([]))?;
    ensure!(empty_shown == json!(true), "the empty state is shown");
    b.set_storage(&json!({
        "token:a-1": {"v": 1, "id": "a-1", "token": TOKEN, "displayName": "checkemail",
                      "scope": "ZohoCRM/crmapi", "dc": "eu", "created": 1_700_000_000_000u64},
        "other-junk": [1, 2, 3],
    }))?;
    b.open_popup()?;
    b.wait_for_css("[data-token-row]", Duration::from_secs(5))?;
    let row = b.text("[data-token-row]")?;
    ensure!(
        row.contains("Email Checker for Zoho CRM") && row.contains("checkemail"),
        "row: {row}"
    );
    ensure!(!row.contains(TOKEN), "the token is masked: {row}");
    let link = b.driver.execute(
        "return document.querySelector('#manage-at-zoho a').href",
        json!([]),
    )?;
    ensure!(
        link == json!("https://accounts.zoho.eu/u/h#sessions/userauthtoken"),
        "link: {link}"
    );
    // Storage is untouched by reading it.
    ensure!(b.storage()?["other-junk"] == json!([1, 2, 3]));
    Ok(())
}

/// A preset's token is asked for with the browser's Zoho session: the
/// create request carries the session cookie, on the data centre's own host,
/// and what Zoho issued is what is saved.
fn the_extension_asks_zoho_with_the_users_session(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("checkemail")?;
    s.wait_rows(1, Duration::from_secs(10))?;
    let issued = s.zoho.world().tokens("accounts.zoho.com", USER);
    ensure!(issued.len() == 1, "Zoho issued {} tokens", issued.len());
    let stored = s.stored_tokens()?;
    ensure!(
        stored.len() == 1 && stored[0]["token"] == json!(issued[0].token),
        "{stored:?}"
    );
    let log = s.zoho.world().log().to_vec();
    let create = log
        .iter()
        .rev()
        .find(|l| l.target.starts_with("/apiauthtoken/create"))
        .context("the create request")?;
    ensure!(
        create.cookies.contains(SESSION_COOKIE),
        "cookies sent: {:?}",
        create.cookies
    );
    ensure!(
        create.host == "accounts.zoho.com" && CREATE.ends_with(&create.target),
        "{create:?}"
    );
    Ok(())
}

/// The content script reports every token page, but the background only takes
/// tokens from tabs it opened itself: a page the user (or a site) opened is not
/// saved, even while the extension is busy with its own request.
fn a_token_page_in_a_tab_it_did_not_open_is_ignored(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.browser.driver.navigate(CREATE)?;
    let foreign = s.zoho.world().tokens("accounts.zoho.com", USER)[0]
        .token
        .clone();
    // A request of the extension's own after it: by the time its token is saved,
    // the earlier report has long been handled.
    s.open_popup()?;
    s.click_preset("acr4zoho")?;
    s.wait_rows(1, Duration::from_secs(10))?;
    let stored = s.stored_tokens()?;
    ensure!(stored.len() == 1, "saved {}", stored.len());
    ensure!(
        stored[0]["token"] != json!(foreign),
        "the foreign tab's token was saved"
    );
    Ok(())
}

/// What chrome://extensions reports for the unpacked extension, with developer
/// mode on and error collection active: no manifest error but the known one
/// (Chromium ignores Firefox's `background.scripts`), no runtime error, after the
/// popup has talked to the background. Then a deliberately broken copy shows
/// that the check sees both kinds of error.
fn loads_the_extension_without_errors(s: &mut Session) -> Result<()> {
    let ext = collect_errors(s)?;
    ensure!(ext["state"] == "ENABLED", "state: {}", ext["state"]);
    s.open_popup()?;
    s.browser
        .wait_for_css("body[data-background=ready]", Duration::from_secs(10))?;
    let ext = unpacked_extension_info(s)?;
    let unexpected: Vec<&Value> = errors(&ext, "manifestErrors")
        .iter()
        .filter(|e| e["manifestKey"] != "background.scripts")
        .collect();
    ensure!(unexpected.is_empty(), "manifest errors: {unexpected:?}");
    ensure!(
        errors(&ext, "runtimeErrors").is_empty(),
        "runtime errors: {}",
        ext["runtimeErrors"]
    );

    let broken = s.broken_copy(
        "broken-extension",
        "console.error('a deliberately broken copy');",
    )?;
    let manifest = broken.join("manifest.json");
    let mut parsed: Value = serde_json::from_str(&std::fs::read_to_string(&manifest)?)?;
    parsed["not_a_manifest_key"] = json!(true);
    std::fs::write(&manifest, parsed.to_string())?;
    s.load_extension(&broken)?;
    collect_errors(s)?;
    let mut last = Value::Null;
    let ext = s
        .browser
        .driver
        .wait_for("the broken copy's errors", Duration::from_secs(10), || {
            last = unpacked_extension_info(s)?;
            Ok((!errors(&last, "runtimeErrors").is_empty()).then(|| last.clone()))
        })
        .with_context(|| format!("chrome://extensions says: {last}"))?;
    ensure!(
        errors(&ext, "runtimeErrors")
            .iter()
            .any(|e| e["message"] == "a deliberately broken copy"),
        "runtime errors: {}",
        ext["runtimeErrors"]
    );
    ensure!(
        errors(&ext, "manifestErrors")
            .iter()
            .any(|e| e.to_string().contains("not_a_manifest_key")),
        "manifest errors: {}",
        ext["manifestErrors"]
    );
    Ok(())
}

/// Developer mode alone leaves the extension's error collection off: this turns
/// it on and reloads the extension, so its errors are recorded from the start.
/// Returns the extension's record once it runs again with collection on.
fn collect_errors(s: &Session) -> Result<Value> {
    let id = unpacked_extension_info(s)?["id"].clone();
    let done = s.browser.driver.execute_async(
        "const [id, done] = [arguments[0], arguments[arguments.length - 1]];\
         chrome.developerPrivate.updateExtensionConfiguration({extensionId: id, errorCollection: true})\
           .then(() => chrome.developerPrivate.reload(id, {failQuietly: true}))\
           .then(() => done('reloaded'), e => done(String(e)));",
        json!([id]),
    )?;
    ensure!(done == "reloaded", "{done}");
    let mut last = Value::Null;
    s.browser
        .driver
        .wait_for(
            "the extension to run again",
            Duration::from_secs(10),
            || {
                last = unpacked_extension_info(s)?;
                let running = last["errorCollection"]["isActive"] == true
                    && last["state"] == "ENABLED"
                    && last["views"]
                        .as_array()
                        .is_some_and(|views| !views.is_empty());
                Ok(running.then(|| last.clone()))
            },
        )
        .with_context(|| format!("chrome://extensions says: {last}"))
}

/// chrome://extensions' record of the one unpacked extension.
fn unpacked_extension_info(s: &Session) -> Result<Value> {
    let b = &s.browser;
    if !b.driver.current_url()?.starts_with("chrome://extensions") {
        b.driver.navigate("chrome://extensions")?;
    }
    let info = b.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         chrome.developerPrivate.getExtensionsInfo().then(done, e => done({error: String(e)}));",
        json!([]),
    )?;
    let ours: Vec<&Value> = info
        .as_array()
        .map(|all| all.iter().filter(|e| e["location"] == "UNPACKED").collect())
        .unwrap_or_default();
    ensure!(ours.len() == 1, "one unpacked extension: {info}");
    Ok(ours[0].clone())
}

fn errors<'v>(ext: &'v Value, kind: &str) -> &'v [Value] {
    ext[kind].as_array().map_or(&[], Vec::as_slice)
}

/// With the browser in Russian, the popup is in Russian: static texts, rows,
/// and messages from the background.
fn the_popup_speaks_russian(s: &mut Session) -> Result<()> {
    s.speak("ru")?;
    s.open_popup()?;
    let b = &s.browser;
    ensure!(
        b.text("#presets-title")? == "Создать токен для",
        "{:?}",
        b.text("#presets-title")?
    );
    let lang = b
        .driver
        .execute("return document.documentElement.lang", json!([]))?;
    ensure!(
        lang.as_str().is_some_and(|l| l.starts_with("ru")),
        "lang={lang}"
    );
    s.click_preset("checkemail")?;
    let alert = s.wait_alert(Duration::from_secs(10))?;
    ensure!(alert.contains("Вы не вошли в Zoho"), "{alert}");
    ensure!(b.by_role("button", "Войти в Zoho").is_ok());
    Ok(())
}
