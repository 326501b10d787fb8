//! The vault: a passphrase that seals every kept secret in `storage.local`
//! (never on disk in clear text), locks by hand or when idle, and asks for
//! itself in place whenever a locked secret is used, then finishes the use;
//! a change of passphrase stopped at any point, turning it off, and
//! forgetting every secret.

use crate::oauth::{exchange, save_client, WAIT};
use crate::options::open_options;
use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    vault_seals_what_is_made_and_opens_it_in_place,
    vault_change_stopped_at_any_point_loses_nothing,
    vault_change_then_off_and_forgotten,
    vault_change_keeps_what_is_saved_meanwhile,
];

const PASSPHRASE: &str = "correct horse battery";
const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const CLIENT_ID: &str = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
const CLIENT_SECRET: &str = "0123456789abcdef0123456789abcdef0123456789";
const REFRESH: &str = "1000.0123456789abcdef.fedcba9876543210";
const CLIENT_KEY: &str = "client:eu:1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";

/// Turns the vault on in the options page with `passphrase`.
fn turn_on(s: &Session, passphrase: &str) -> Result<()> {
    s.turn_vault_on(passphrase)
}

/// *Lock now* in the popup.
fn lock(s: &Session) -> Result<()> {
    s.browser.click("[data-action=lock]")?;
    s.browser.wait_for_css("body[data-vault=locked]", WAIT)?;
    s.wait_text("#status", "Locked", WAIT)?;
    Ok(())
}

/// Types `passphrase` in the unlock form the page shows, and sends it.
fn unlock(s: &Session, passphrase: &str) -> Result<()> {
    let b = &s.browser;
    b.wait_for_css("#unlock:not([hidden])", WAIT)?;
    b.driver.execute(
        "document.querySelector('input[name=vault-unlock]').value = '';",
        json!([]),
    )?;
    b.type_into("input[name=vault-unlock]", passphrase)?;
    b.click("[data-action=unlock]")
}

/// The secrets among `secrets` that `text` holds.
fn found<'a>(text: &str, secrets: &[&'a str]) -> Vec<&'a str> {
    secrets
        .iter()
        .copied()
        .filter(|s| text.contains(s))
        .collect()
}

/// The secrets among `secrets` some file under `folder` holds, byte for byte.
fn on_disk<'a>(folder: &Path, secrets: &[&'a str]) -> Result<Vec<&'a str>> {
    let mut held = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            // A file the browser holds locked or removed meanwhile is skipped.
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for secret in secrets {
                let hit = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
                if hit && !held.contains(secret) {
                    held.push(*secret);
                }
            }
        }
    }
    Ok(held)
}

/// Sets the vault's last use back by `minutes`, as if it had sat idle.
fn idle_for(s: &Session, minutes: u64) -> Result<()> {
    let done = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         chrome.storage.session.get('vaultKey').then(items => {\
           if (!items.vaultKey) return done(false);\
           items.vaultKey.lastUse -= arguments[0] * 60000;\
           return chrome.storage.session.set(items).then(() => done(true));\
         }, e => done(String(e)));",
        json!([minutes]),
    )?;
    ensure!(done == json!(true), "the open key to age: {done}");
    Ok(())
}

fn vault_seals_what_is_made_and_opens_it_in_place(s: &mut Session) -> Result<()> {
    // A profile on disk that this scenario reads afterwards.
    s.keep_profile()?;
    s.sign_in("accounts.zoho.com")?;
    turn_on(s, PASSPHRASE)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(
        violations.is_empty(),
        "axe (options, vault open): {violations:#?}"
    );
    // Made with the vault on: an authtoken, a client, a refresh token.
    s.open_popup()?;
    s.browser.wait_for_css("body[data-vault=open]", WAIT)?;
    s.click_preset("checkemail")?;
    s.wait_rows(1, WAIT)?;
    let client = s.zoho.world().oauth.create_client("accounts.zoho.com");
    save_client(s, "us", &client)?;
    exchange(s, &client, "Books sync", "ZohoBooks.fullaccess.all")?;
    s.wait_text("#status", "Refresh token for Books sync saved", WAIT)?;
    let token = s.issued_tokens()[0].clone();
    let refresh = s.zoho.world().oauth.refresh_tokens(&client.id)[0]
        .token
        .clone();
    let secrets = [token.as_str(), client.secret.as_str(), refresh.as_str()];
    let stored = s.browser.storage()?;
    ensure!(
        found(&stored.to_string(), &secrets).is_empty(),
        "storage.local holds in clear text: {:?}",
        found(&stored.to_string(), &secrets)
    );
    let record = stored
        .as_object()
        .context("storage")?
        .iter()
        .find(|(k, _)| k.starts_with("token:"))
        .map(|(_, v)| v.clone())
        .context("the token's record")?;
    ensure!(
        record["token"]
            .as_str()
            .is_some_and(|t| t.starts_with("sealed:")),
        "{record}"
    );
    ensure!(
        record["displayName"] == "checkemail" && stored["vault"]["iterations"] == 600_000,
        "names readable, the vault recorded: {stored}"
    );

    // Locked, the lists still show; every use asks for the passphrase in
    // place, and then is carried out.
    s.browser.click("#tab-authtokens")?;
    lock(s)?;
    ensure!(s.rows()?[0].contains("checkemail"), "{:?}", s.rows()?);
    let before = s.browser.storage()?;
    s.browser.click("[data-token-row] [data-action=copy]")?;
    unlock(s, "correct horse battery?")?;
    s.wait_text("#vault-unlock-error", "does not open", WAIT)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(
        violations.is_empty(),
        "axe (popup, unlock): {violations:#?}"
    );
    ensure!(
        s.browser.storage()? == before,
        "a wrong passphrase changes nothing"
    );
    s.browser.wait_for_css("body[data-vault=locked]", WAIT)?;
    unlock(s, PASSPHRASE)?;
    s.wait_text("#status", "Token for", WAIT)?;
    ensure!(s.clipboard()? == token, "the token copied");
    s.browser.wait_for_css("body[data-vault=open]", WAIT)?;
    let left = s.browser.driver.execute(
        "return document.querySelector('input[name=vault-unlock]').value;",
        json!([]),
    )?;
    ensure!(
        left == "",
        "the passphrase is not left in the field: {left}"
    );
    lock(s)?;
    s.browser.click("[data-token-row] [data-action=reveal]")?;
    unlock(s, PASSPHRASE)?;
    s.wait_text("[data-token-row] .token-value", &token, WAIT)?;
    lock(s)?;
    ensure!(
        !s.browser
            .text("[data-token-row] .token-value")?
            .contains(&token),
        "locking masks what was shown"
    );
    s.click_preset("checkemail")?;
    unlock(s, PASSPHRASE)?;
    s.wait_rows(2, WAIT)?;

    s.open_oauth()?;
    let in_row = |action: &str| format!("[data-oauth-row] [data-action={action}]");
    let locked_use = |action: &str, done: &str| -> Result<String> {
        lock(s)?;
        s.browser.click(&in_row(action))?;
        unlock(s, PASSPHRASE)?;
        s.wait_text("#status", done, WAIT)?;
        s.clipboard()
    };
    let copied = locked_use("copy-refresh-token", "Refresh token for")?;
    ensure!(copied == refresh, "the refresh token copied");
    let copied = locked_use("copy-access-token", "valid for")?;
    let live = s.zoho.world().oauth.live_access_tokens(&refresh);
    ensure!(live.contains(&copied), "a live access token: {copied}");
    let copied = locked_use("copy-env", "Variables for")?;
    ensure!(
        copied.contains(&format!("ZOHO_CLIENT_SECRET='{}'", client.secret))
            && copied.contains(&format!("ZOHO_REFRESH_TOKEN='{refresh}'")),
        "{copied}"
    );
    lock(s)?;
    exchange(s, &client, "Desk sync", "Desk.tickets.READ")?;
    unlock(s, PASSPHRASE)?;
    s.wait_text("#status", "Refresh token for Desk sync saved", WAIT)?;
    lock(s)?;
    s.browser.click(&in_row("revoke"))?;
    s.browser
        .wait_for_css("[data-action=confirm-revoke]", WAIT)?;
    s.browser.click("[data-action=confirm-revoke]")?;
    unlock(s, PASSPHRASE)?;
    s.wait_text("#status", "revoked at Zoho", WAIT)?;

    // Idle past its time (15 minutes by default, counted from the last
    // use), the vault locks itself at the next use.
    for _ in 0..2 {
        idle_for(s, 14)?;
        s.browser.click(&in_row("copy-refresh-token"))?;
        s.wait_text("#status", "Refresh token for", WAIT)?;
        s.browser.wait_for_css("body[data-vault=open]", WAIT)?;
    }
    idle_for(s, 15)?;
    s.browser.click(&in_row("copy-refresh-token"))?;
    s.browser.wait_for_css("#unlock:not([hidden])", WAIT)?;
    s.browser.wait_for_css("body[data-vault=locked]", WAIT)?;

    // Nothing in clear text on disk either. A value stored in clear text
    // for the purpose is found there: the search can find one.
    let canary = "5e1f0a7c9b3d4e2f8a6c0b1d3e5f7a9c";
    s.browser.put_storage(&json!({ "canary": canary }))?;
    s.restart()?;
    let profile = s.workdir().join("profile");
    let everything: Vec<&str> = secrets.iter().copied().chain([canary]).collect();
    let held = on_disk(&profile, &everything)?;
    ensure!(held == [canary], "on disk in clear text: {held:?}");
    Ok(())
}

fn vault_change_then_off_and_forgotten(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    let saved = json!({
        "token:a-1": {"v": 1, "id": "a-1", "token": TOKEN, "displayName": "checkemail",
                      "scope": "ZohoCRM/crmapi", "dc": "eu", "created": 1_700_000_000_000u64},
        "client:eu:1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123":
            {"v": 2, "dc": "eu", "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET, "label": "Acme"},
        "oauth:o-1": {"v": 1, "id": "o-1", "label": "Books", "scopes": "ZohoBooks.fullaccess.all", "dc": "eu",
                      "apiDomain": "https://www.zohoapis.eu", "clientId": CLIENT_ID,
                      "refreshToken": REFRESH, "created": 1_700_000_000_000u64, "rejected": null},
    });
    s.browser.set_storage(&saved)?;
    let secrets = [TOKEN, CLIENT_SECRET, REFRESH];
    // Turned on with secrets already saved: each is sealed.
    turn_on(s, PASSPHRASE)?;
    let stored = s.browser.storage()?.to_string();
    ensure!(found(&stored, &secrets).is_empty(), "{stored}");

    let b = &s.browser;
    s.open_popup()?;
    b.click("#tab-authtokens")?;
    lock(s)?;
    b.click("[data-token-row] [data-action=copy]")?;
    unlock(s, PASSPHRASE)?;
    s.wait_text("#status", "Token for", WAIT)?;
    ensure!(s.clipboard()? == TOKEN, "the token opens");
    s.open_oauth()?;
    b.click("[data-oauth-row] [data-action=copy-env]")?;
    s.wait_text("#status", "Variables for", WAIT)?;
    let env = s.clipboard()?;
    ensure!(
        env.contains(CLIENT_SECRET) && env.contains(REFRESH),
        "{env}"
    );
    let working = PASSPHRASE;

    // Changed to the end, the old passphrase no longer opens anything.
    open_options(s)?;
    let third = "the third passphrase";
    b.type_into("input[name=vault-current]", working)?;
    b.type_into("input[name=vault-new]", third)?;
    b.type_into("input[name=vault-new-again]", third)?;
    b.click("[data-action=vault-change]")?;
    s.wait_text("#status", "passphrase is changed", WAIT)?;
    b.click("[data-action=lock]")?;
    b.wait_for_css("body[data-vault=locked]", WAIT)?;
    s.open_popup()?;
    b.click("#tab-authtokens")?;
    b.click("[data-token-row] [data-action=copy]")?;
    unlock(s, working)?;
    s.wait_text("#vault-unlock-error", "does not open", WAIT)?;
    unlock(s, third)?;
    s.wait_text("#status", "Token for", WAIT)?;

    // The idle time chosen is kept.
    open_options(s)?;
    b.driver.execute(
        "const idle = document.getElementById('vault-idle'); idle.value = '1';\
         idle.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    )?;
    s.wait_text("#status", "locks after the time chosen", WAIT)?;
    ensure!(
        b.storage()?["vault"]["idleMinutes"] == 1,
        "the idle time kept"
    );

    // Off, with the passphrase: every secret in clear text again, as it was.
    open_options(s)?;
    b.type_into("input[name=vault-off-passphrase]", "not it at all")?;
    b.click("[data-action=vault-off]")?;
    s.wait_text("#vault-off-error", "does not open", WAIT)?;
    b.driver.execute(
        "document.querySelector('input[name=vault-off-passphrase]').value = '';",
        json!([]),
    )?;
    b.type_into("input[name=vault-off-passphrase]", third)?;
    b.click("[data-action=vault-off]")?;
    b.wait_for_css("body[data-vault=off]", WAIT)?;
    let stored = b.storage()?;
    ensure!(
        stored["token:a-1"] == saved["token:a-1"]
            && stored[CLIENT_KEY] == saved[CLIENT_KEY]
            && stored["oauth:o-1"] == saved["oauth:o-1"]
            && stored.get("vault").is_none(),
        "{stored}"
    );

    // On again, then a forgotten passphrase's way out: the secrets go, the
    // names and settings stay.
    turn_on(s, "a fourth passphrase")?;
    b.click("[data-action=forget-secrets-ask]")?;
    s.wait_text("#status", "cannot be undone", WAIT)?;
    b.click("[data-action=forget-secrets]")?;
    s.wait_text("#status", "Every secret is forgotten", WAIT)?;
    b.wait_for_css("body[data-vault=off]", WAIT)?;
    let stored = b.storage()?;
    ensure!(found(&stored.to_string(), &secrets).is_empty(), "{stored}");
    ensure!(
        stored["token:a-1"]["token"] == Value::Null
            && stored["token:a-1"]["displayName"] == "checkemail"
            && stored["oauth:o-1"]["refreshToken"] == Value::Null
            && stored["oauth:o-1"]["label"] == "Books"
            && stored.get(CLIENT_KEY).is_none()
            && stored.get("vault").is_none(),
        "{stored}"
    );
    s.open_popup()?;
    b.click("#tab-authtokens")?;
    ensure!(s.rows()?[0].contains("checkemail"), "{:?}", s.rows()?);
    b.click("[data-token-row] [data-action=copy]")?;
    s.wait_text("#status", "was forgotten", WAIT)?;
    Ok(())
}

/// Opens the extension's `page` in the current tab once the extension,
/// reloaded, is back. A load is given up after a few seconds and tried again
/// (Firefox holds a load of an add-on's page while the add-on restarts).
pub(crate) fn back_to(s: &Session, page: &str) -> Result<()> {
    let b = &s.browser;
    let timeouts = |ms: u64| {
        b.driver
            .call("POST", "/timeouts", Some(&json!({ "pageLoad": ms })))
            .map(drop)
    };
    timeouts(3_000)?;
    let back = b.driver.wait_for("the extension back", WAIT * 3, || {
        let back = b.driver.navigate(&b.extension_url(page)).is_ok()
            && b.wait_for_css("body[data-ready]", Duration::from_secs(2))
                .is_ok();
        Ok(back.then_some(()))
    });
    timeouts(300_000)?;
    back
}

/// Authtokens saved before the vault is turned on, enough for a change of
/// passphrase to take a while: `n` records and their tokens.
fn many_tokens(n: usize) -> Value {
    let records = (0..n).map(|i| {
        let id = format!("m-{i}");
        let record = json!({"v": 1, "id": id, "token": format!("{i:032x}"),
            "displayName": format!("app{i}"), "scope": "ZohoCRM/crmapi", "dc": "us",
            "created": 1_700_000_000_000u64 + i as u64});
        (format!("token:{id}"), record)
    });
    Value::Object(records.collect())
}

/// In the options page: *Export without encryption*'s question, which counts
/// every secret that opens, once the vault is unlocked with whichever of
/// `passphrases` opens it. Returns that passphrase and the question.
fn count_with<'a>(s: &Session, passphrases: [&'a str; 2]) -> Result<(&'a str, String)> {
    let b = &s.browser;
    b.click("[data-action=export-plain-ask]")?;
    for passphrase in passphrases {
        unlock(s, passphrase)?;
        let opened = b.driver.wait_for("an answer to the passphrase", WAIT, || {
            let error = b.text("#vault-unlock-error")?;
            let status = s.status()?.1;
            Ok(if error.contains("does not open") {
                Some(None)
            } else if status.contains("The file will hold") {
                Some(Some(status))
            } else {
                None
            })
        })?;
        if let Some(question) = opened {
            return Ok((passphrase, question));
        }
    }
    anyhow::bail!("neither passphrase opens the vault")
}

fn vault_change_stopped_at_any_point_loses_nothing(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    s.browser.set_storage(&many_tokens(1000))?;
    turn_on(s, PASSPHRASE)?;
    let b = &s.browser;
    // How long a whole change takes here.
    let change = |from: &str, to: &str| -> Result<()> {
        b.type_into("input[name=vault-current]", from)?;
        b.type_into("input[name=vault-new]", to)?;
        b.type_into("input[name=vault-new-again]", to)?;
        b.click("[data-action=vault-change]")
    };
    let started = std::time::Instant::now();
    change(PASSPHRASE, "passphrase number 0")?;
    s.wait_text("#status", "passphrase is changed", Duration::from_secs(60))?;
    let whole = started.elapsed();
    let mut working = "passphrase number 0".to_string();
    // Stopped (the extension reloaded) at points spread over that time: the
    // change happened entirely or not at all, and every secret opens with
    // the one passphrase that opens the vault.
    let (mut kept, mut changed) = (0, 0);
    for (i, share) in [0.1, 0.3, 0.5, 0.7, 0.9].into_iter().enumerate() {
        let next = format!("passphrase number {}", i + 1);
        let spare = s.new_tab()?;
        open_options(s)?;
        let page = s.current_tab()?;
        change(&working, &next)?;
        s.wait_text("#vault-change-error", "Working", WAIT)?;
        // The moment of the fault is the point of this test, not a wait.
        std::thread::sleep(whole.mul_f64(share));
        b.driver.execute("chrome.runtime.reload();", json!([]))?;
        s.switch_to(&spare)?;
        back_to(s, "options.html")?;
        ensure!(!s.tabs()?.contains(&page), "the page that asked is gone");
        let (opens, question) = count_with(s, [&working, &next])?;
        ensure!(
            question.contains("1000 authtoken(s)"),
            "stopped at {share} of {whole:?}, {opens:?} opens only: {question}"
        );
        if opens == next {
            changed += 1;
        } else {
            kept += 1;
        }
        working = opens.to_string();
    }
    eprintln!("vault: stopped changes: {kept} rolled back, {changed} done ({whole:?} each)");
    Ok(())
}

/// A change of passphrase under way, and a generation whose token is saved
/// `delay_ms` after it began; then that token opened (as Show does). The
/// answers: the change's, the generation's, and the opened token's.
const CHANGE_AND_GENERATE_JS: &str = "
const [from, to, delay, done] = arguments;
const target = { displayName: 'checkemail', scope: 'ZohoCRM/crmapi', dc: 'us' };
const started = performance.now();
const change = chrome.runtime.sendMessage({ vaultChange: { passphrase: from, newPassphrase: to } })
  .then(reply => [reply, performance.now() - started]);
const made = new Promise(wait => setTimeout(wait, delay))
  .then(() => chrome.runtime.sendMessage({ generate: target }));
Promise.all([change, made]).then(([[changed, changeMs], saved]) => {
  const id = saved && saved.saved && saved.saved.token.id;
  if (changed !== 'done' || !id) return done({ changed, saved });
  chrome.runtime.sendMessage({ reveal: { key: 'token:' + id } })
    .then(opened => done({ changed, changeMs, opened }));
});";

/// A token saved while a change of passphrase is under way (a generation
/// ending mid-change, when the change has read every record and not yet
/// written them) is not among the records the change reseals: its saver
/// keeps it again once the change is over, and it opens with the new
/// passphrase. Saves landing before, within and after the change's write.
fn vault_change_keeps_what_is_saved_meanwhile(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.browser.set_storage(&many_tokens(1000))?;
    turn_on(s, PASSPHRASE)?;
    let mut working = PASSPHRASE.to_string();
    // The first change is timed; then saves at points spread over a change,
    // most of them in its second half, after both keys are derived: the
    // change reads every record, reseals them and writes them all there.
    let mut whole_ms = 0.0;
    for (i, share) in [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1]
        .into_iter()
        .enumerate()
    {
        let next = format!("passphrase number {i}");
        let delay = whole_ms * share;
        let answer = s
            .browser
            .driver
            .execute_async(CHANGE_AND_GENERATE_JS, json!([working, next, delay]))?;
        let issued = s.issued_tokens().pop().unwrap_or_default();
        ensure!(
            answer["opened"]["revealed"]["secret"] == issued.as_str(),
            "saved {delay:.0} ms into a change: {answer}"
        );
        whole_ms = answer["changeMs"].as_f64().unwrap_or(whole_ms);
        working = next;
    }
    Ok(())
}
