//! Tokens are credentials: never lost, never duplicated, never clobbered —
//! not by a background that dies, damaged storage, or many requests at once.

use crate::Scenario;
use anyhow::{ensure, Result};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use zoho_harness::zoho::Fault;
use zoho_harness::Session;

/// What only Chromium lets a test do (stop the service worker through DevTools).
pub const CHROMIUM_ONLY: &[(&str, Scenario)] = scenarios![background_stopped_mid_generation,];

pub const ALL: &[(&str, Scenario)] = scenarios![
    damaged_storage_is_kept_reported_and_survived,
    many_requests_at_once_save_each_token_once,
    session_storage_full_opens_no_unwatched_tab,
];

const WAIT: Duration = Duration::from_secs(15);
const TOKEN: &str = "0123456789abcdef0123456789abcdef";

fn background_stopped_mid_generation(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_secs(3));
    s.open_popup()?;
    let cdp = |cmd: &str| s.browser.cdp(cmd, json!({}));
    cdp("ServiceWorker.enable")?;
    s.click_preset("checkemail")?;
    s.browser
        .driver
        .wait_for("Zoho to see the request", WAIT, || {
            Ok((s.issued_tokens().len() == 1).then_some(()))
        })?;
    cdp("ServiceWorker.stopAllWorkers")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("stopped before it answered"), "{alert}");
    s.browser
        .driver
        .wait_for("the background to be gone", WAIT, || {
            let targets = s.browser.cdp("Target.getTargets", json!({}))?;
            let running = targets["targetInfos"]
                .as_array()
                .is_some_and(|all| all.iter().any(|t| t["type"] == "service_worker"));
            Ok((!running).then_some(()))
        })?;
    // Reopened: the true state, and what to check at Zoho.
    s.open_popup()?;
    let notice = s.wait_alert(WAIT)?;
    ensure!(
        notice.contains("interrupted") && notice.contains("checkemail"),
        "{notice}"
    );
    let links = s.status_links()?;
    ensure!(
        links.iter().any(|l| l.contains("#sessions/userauthtoken")),
        "{links:?}"
    );
    ensure!(
        s.stored_tokens()?.is_empty() && s.rows()?.is_empty(),
        "nothing half-saved"
    );
    ensure!(
        s.issued_tokens().len() == 1,
        "the extension did not ask Zoho twice"
    );
    // Said once: the background has answered this popup, with no news.
    s.open_popup()?;
    s.browser.wait_for_css("body[data-background]", WAIT)?;
    ensure!(
        s.status()?.1.is_empty(),
        "the notice is not repeated: {:?}",
        s.status()?
    );
    Ok(())
}

fn damaged_storage_is_kept_reported_and_survived(s: &mut Session) -> Result<()> {
    let good = json!({"v": 1, "id": "a-1", "token": TOKEN, "displayName": "checkemail",
        "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64});
    let mut extra = good.clone();
    extra["id"] = json!("a-2");
    extra["token"] = json!("fedcba9876543210fedcba9876543210");
    extra["displayName"] = json!("phonecheck");
    extra["note"] = json!("a field from the future");
    let seeded = json!({
        "token:a-1": good,
        "token:a-2": extra,
        "token:n-1": {"v": 2, "id": "n-1", "sealed": "…"},
        "token:o-1": {"v": 0, "id": "o-1", "token": TOKEN},
        "token:t-1": {"v": 1, "id": "t-1", "token": TOKEN},
        "token:w-1": {"v": 1, "id": "w-1", "token": 42, "displayName": [], "scope": null, "dc": "mars", "created": "yesterday"},
        "token:": "junk",
        "settings": "garbage",
        "other-extension": {"anything": [1, 2, 3]},
    });
    s.open_popup()?;
    s.browser.set_storage(&seeded)?;
    s.open_popup()?;
    let rows = s.wait_rows(2, WAIT)?;
    ensure!(rows.iter().any(|r| r.contains("Email Checker")), "{rows:?}");
    let note = s.wait_text("#unreadable", "could not be read", WAIT)?;
    ensure!(
        note.starts_with('5'),
        "5 unreadable records reported: {note}"
    );
    // Still works: generate, forget, and nothing unreadable is touched.
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("mysqles")?;
    s.wait_rows(3, WAIT)?;
    s.browser
        .click_role("button", "Forget the token for Email Checker")?;
    s.wait_rows(2, WAIT)?;
    let after = s.browser.storage()?;
    for key in [
        "token:a-2",
        "token:n-1",
        "token:o-1",
        "token:t-1",
        "token:w-1",
        "token:",
        "settings",
        "other-extension",
    ] {
        ensure!(
            after[key] == seeded[key],
            "{key} changed: {} → {}",
            seeded[key],
            after[key]
        );
    }
    ensure!(
        after.get("token:a-1").is_none(),
        "the forgotten one is gone"
    );
    Ok(())
}

fn many_requests_at_once_save_each_token_once(s: &mut Session) -> Result<()> {
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(300));
    s.sign_in("accounts.zoho.com")?;
    s.sign_in("accounts.zoho.eu")?;
    s.open_popup()?;
    // Six presets on the US, then four on the EU, all in flight together, and a
    // second click on each while they are.
    s.browser.driver.execute(
        "const presets = [...document.querySelectorAll('[data-preset]')];\
         presets.forEach(p => p.click());\
         const dc = document.getElementById('dc');\
         dc.value = 'eu'; dc.dispatchEvent(new Event('change', {bubbles: true}));\
         presets.slice(0, 4).forEach(p => p.click());\
         presets.slice(0, 4).forEach(p => p.click());",
        json!([]),
    )?;
    s.wait_rows(10, WAIT)?;
    // Every request left at the clicks; a second one for the same preset would
    // have reached Zoho while the first was still being answered.
    let asked = s.create_requests();
    ensure!(asked == 10, "Zoho was asked {asked} times");
    s.browser.driver.wait_for("all ten saved", WAIT, || {
        Ok((s.stored_tokens()?.len() >= 10).then_some(()))
    })?;
    let stored: Vec<Value> = s.stored_tokens()?;
    let stored_tokens: BTreeSet<String> = stored
        .iter()
        .map(|r| r["token"].as_str().unwrap_or("").to_string())
        .collect();
    let issued: BTreeSet<String> = s.issued_tokens().into_iter().collect();
    ensure!(stored.len() == stored_tokens.len(), "no token saved twice");
    ensure!(
        stored_tokens == issued,
        "saved {} of {} issued",
        stored_tokens.len(),
        issued.len()
    );
    ensure!(issued.len() == 10, "Zoho issued {}", issued.len());
    let eu = stored.iter().filter(|r| r["dc"] == "eu").count();
    ensure!(eu == 4, "{eu} EU tokens");
    Ok(())
}

/// Fills `storage.session` until it refuses a write of under 64 bytes (its real
/// quota, `QUOTA_BYTES`): big writes first, then ever smaller ones. Answers
/// whether it was refused, and how much it took.
const FILL_SESSION: &str = "const done = arguments[arguments.length - 1];
(async () => {
  const area = chrome.storage.session;
  let size = area.QUOTA_BYTES || (16 << 20), i = 0, total = 0, refused = false;
  // Down to writes smaller than the background's note of a tab (about 100
  // bytes): Chromium keeps taking some tiny ones after refusing larger ones.
  while (size >= 32 && total < (64 << 20)) {
    try { await area.set({['fill' + i++]: 'x'.repeat(size)}); total += size; }
    catch (e) { refused = true; size = Math.floor(size / 2); }
  }
  return {refused, total, quota: area.QUOTA_BYTES || null};
})().then(done, e => done({error: String(e)}));";

/// A Zoho tab the background cannot note would never be watched (its token
/// never saved): with the session area full, no tab opens and the user is told.
fn session_storage_full_opens_no_unwatched_tab(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    s.click_preset("email2lead")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("not signed in"), "{alert}");
    let filled = s.browser.driver.execute_async(FILL_SESSION, json!([]))?;
    ensure!(
        filled["refused"] == true,
        "the session area was not full: {filled}"
    );
    let asked_before = s.zoho.world().log().len();
    let before = s.tabs()?;
    s.browser.click_role("button", "Sign in to Zoho")?;
    let alert = s.wait_text("#status", "could not keep track of the Zoho tab", WAIT)?;
    ensure!(alert.contains("Nothing was saved"), "{alert}");
    s.wait_tabs_back_to(&before, WAIT)?;
    let loaded: Vec<String> = s.zoho.world().log()[asked_before..]
        .iter()
        .map(|r| r.target.clone())
        .collect();
    ensure!(
        loaded.is_empty(),
        "Zoho pages loaded in an unwatched tab: {loaded:?}"
    );
    Ok(())
}
