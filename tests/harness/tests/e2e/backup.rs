//! The backup on the options page: export encrypted with a passphrase or, once
//! confirmed, in clear text; import of either, every file read as hostile.

use crate::options::{file, labels, open_options, seed, OTHER, TOKEN, WAIT};
use crate::Scenario;
use anyhow::{ensure, Result};
use serde_json::{json, Value};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    options_export_then_import_merges,
    options_export_and_import_carry_oauth_tokens_and_clients,
    options_damaged_import_changes_nothing,
    options_import_never_overwrites_unreadable_records,
];

/// Chromium alone enforces a quota on `storage.local` (10 MB without
/// `unlimitedStorage`) and says how much is used.
pub const CHROMIUM_ONLY: &[(&str, Scenario)] =
    scenarios![options_import_past_the_quota_writes_nothing];

fn options_export_and_import_carry_oauth_tokens_and_clients(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    let client_id = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
    let secret = "0123456789abcdef0123456789abcdef0123456789";
    let saved = json!({
        "client:eu:1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123":
            {"v": 2, "dc": "eu", "clientId": client_id, "clientSecret": secret, "label": "Acme"},
        "oauth:o-1": {"v": 1, "id": "o-1", "label": "Books", "scopes": "ZohoBooks.fullaccess.all", "dc": "eu",
                      "apiDomain": "https://www.zohoapis.eu", "clientId": client_id,
                      "refreshToken": "1000.aaaa.bbbb", "created": 1_700_000_000_000u64, "rejected": null},
    });
    s.browser.set_storage(&saved)?;
    open_options(s)?;
    let b = &s.browser;
    // The passphrase typed for the file: long enough, and the same twice.
    let passphrase = "correct horse battery";
    b.type_into("input[name=export-passphrase]", "too short")?;
    b.type_into("input[name=export-passphrase-again]", "too short")?;
    b.click("#export")?;
    s.wait_text("#export-passphrase-error", "at least 10 characters", WAIT)?;
    b.driver.execute(
        "for (const id of ['export-passphrase', 'export-passphrase-again']) document.getElementById(id).value = '';",
        json!([]),
    )?;
    b.type_into("input[name=export-passphrase]", passphrase)?;
    b.type_into(
        "input[name=export-passphrase-again]",
        "correct horse battery!",
    )?;
    b.click("#export")?;
    s.wait_text("#export-passphrase-error", "differ", WAIT)?;
    b.driver.execute(
        "document.getElementById('export-passphrase-again').value = arguments[0];",
        json!([passphrase]),
    )?;
    b.click("#export")?;
    // The message counts every kind.
    s.wait_text(
        "#status",
        "Exported, encrypted: 0 authtoken(s), 1 refresh token(s), 1 client secret(s), 0 preset(s)",
        WAIT,
    )?;
    ensure!(
        b.text("#export-passphrase-error")?.is_empty(),
        "the field error is gone"
    );
    let text = b.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         fetch(document.getElementById('export-link').href).then(r => r.text()).then(done, e => done(String(e)));",
        json!([]),
    )?;
    let text = text.as_str().unwrap_or_default().to_string();
    let exported: Value = serde_json::from_str(&text)?;
    ensure!(
        exported["format"] == "authtoken-keeper-encrypted-export"
            && exported["v"] == 1
            && exported["kdf"] == "PBKDF2-HMAC-SHA256"
            && exported["iterations"] == 600_000
            && exported["cipher"] == "AES-256-GCM",
        "{exported}"
    );
    for secret in [secret, "1000.aaaa.bbbb", "Books", "ZohoBooks"] {
        ensure!(!text.contains(secret), "{secret} in the encrypted file");
    }
    // Into an empty extension: asked for the passphrase; a wrong one changes
    // nothing; the right one brings everything back as it was.
    b.set_storage(&json!({}))?;
    let path = file(s, "oauth.encrypted.json", &text)?;
    let input = b.driver.find("#import")?;
    b.driver.send_keys(&input, &path)?;
    s.wait_text("#status", "This file is encrypted", WAIT)?;
    b.type_into("input[name=import-passphrase]", "correct horse battery?")?;
    b.click("[data-action=open-backup]")?;
    s.wait_text("#status", "does not open this file", WAIT)?;
    ensure!(
        b.storage()? == json!({}),
        "a wrong passphrase changed storage"
    );
    b.driver.execute(
        "document.getElementById('import-passphrase').value = arguments[0];",
        json!([passphrase]),
    )?;
    // Enter sends it too.
    let field = b.driver.find("input[name=import-passphrase]")?;
    b.driver.send_keys(&field, "\u{E007}")?;
    let status = s.wait_text("#status", "Imported", WAIT)?;
    ensure!(
        status.contains("1 token(s) added, 0 already saved"),
        "{status}"
    );
    ensure!(b.storage()? == saved, "restored: {}", b.storage()?);
    b.wait_for_css("#import-unlock[hidden]", WAIT)?;
    // Again, into what is there now: nothing is added or overwritten.
    open_options(s)?;
    let input = b.driver.find("#import")?;
    b.driver.send_keys(&input, &path)?;
    s.wait_text("#status", "This file is encrypted", WAIT)?;
    b.type_into("input[name=import-passphrase]", passphrase)?;
    b.click("[data-action=open-backup]")?;
    let status = s.wait_text("#status", "Imported", WAIT)?;
    ensure!(
        status.contains("0 token(s) added, 1 already saved"),
        "{status}"
    );
    ensure!(b.storage()? == saved, "unchanged");
    Ok(())
}

fn options_export_then_import_merges(s: &mut Session) -> Result<()> {
    let before = seed(s)?;
    open_options(s)?;
    let b = &s.browser;
    // In clear text, once the user has read what the file would hold.
    b.click("[data-action=export-plain-ask]")?;
    s.wait_text(
        "#status",
        "1 authtoken(s), 0 refresh token(s) and 0 client secret(s) in clear text",
        WAIT,
    )?;
    b.click("#status [data-action=export-plain]")?;
    s.wait_text(
        "#status",
        "Exported in clear text: 1 authtoken(s), 0 refresh token(s), 0 client secret(s), 1 preset(s)",
        WAIT,
    )?;
    let download = b.driver.execute(
        "return document.getElementById('export-link').getAttribute('download')",
        json!([]),
    )?;
    // Named by the day of the export: authtoken-keeper-YYYY-MM-DD.json.
    let day = download
        .as_str()
        .and_then(|d| d.strip_prefix("authtoken-keeper-"))
        .and_then(|d| d.strip_suffix(".json"))
        .unwrap_or("");
    let shape: String = day
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    ensure!(shape == "9999-99-99", "{download}");
    let exported = b.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         fetch(document.getElementById('export-link').href).then(r => r.json()).then(done, e => done(String(e)));",
        json!([]),
    )?;
    ensure!(
        exported["format"] == "authtoken-keeper-export",
        "{exported}"
    );
    ensure!(exported["tokens"][0]["token"] == TOKEN && exported["presets"][0]["label"] == "Books");
    // The next export revokes the last one's address: a file of secrets is
    // not left addressable.
    let first = b.driver.execute(
        "return document.getElementById('export-link').href",
        json!([]),
    )?;
    b.click("[data-action=export-plain-ask]")?;
    b.wait_for_css("#status [data-action=export-plain]", WAIT)?;
    b.click("[data-action=export-plain]")?;
    b.driver.wait_for("a new export address", WAIT, || {
        let now = b.driver.execute(
            "return document.getElementById('export-link').href",
            json!([]),
        )?;
        Ok((now != first).then_some(()))
    })?;
    let revoked = b.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         fetch(arguments[0]).then(() => done('still there'), () => done('revoked'));",
        json!([first]),
    )?;
    ensure!(revoked == "revoked", "{first}: {revoked}");
    // Import: the same token again, a new one whose id clashes, and a new preset.
    let mut file_content = exported.clone();
    let mut clash = exported["tokens"][0].clone();
    clash["token"] = json!(OTHER);
    clash["displayName"] = json!("phonecheck");
    file_content["tokens"].as_array_mut().unwrap().push(clash);
    file_content["presets"].as_array_mut().unwrap().push(json!({"id": "p1", "label": "Recruit", "displayName": "recruit", "scope": "ZohoRecruit/recruitapi"}));
    let path = file(s, "merge.json", &file_content.to_string())?;
    let input = b.driver.find("#import")?;
    b.driver.send_keys(&input, &path)?;
    let status = s.wait_text("#status", "Imported", WAIT)?;
    ensure!(
        status.contains(
            "1 token(s) added, 1 already saved, 0 Self Client(s) added, 1 preset(s) added"
        ),
        "{status}"
    );
    let after = b.storage()?;
    ensure!(
        after["token:a-1"] == before["token:a-1"],
        "the saved token is untouched"
    );
    ensure!(after["someone-else"] == 7);
    let tokens: Vec<&Value> = after
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("token:"))
        .map(|(_, v)| v)
        .collect();
    ensure!(
        tokens.len() == 2
            && tokens
                .iter()
                .any(|t| t["token"] == OTHER && t["id"] != "a-1"),
        "{tokens:?}"
    );
    ensure!(labels(s)? == ["Books", "Recruit"]);
    s.open_popup()?;
    s.wait_rows(2, WAIT)?;
    Ok(())
}

fn options_damaged_import_changes_nothing(s: &mut Session) -> Result<()> {
    let before = seed(s)?;
    open_options(s)?;
    let b = &s.browser;
    let valid = json!({"format": "authtoken-keeper-export", "v": 1, "exported": 1, "presets": [],
        "tokens": [{"v": 1, "id": "n-1", "token": OTHER, "displayName": "x", "scope": "A/b", "dc": "us", "created": 1}]});
    let mut bad_record = valid.clone();
    bad_record["tokens"].as_array_mut().unwrap().push(json!({"v": 1, "id": "n-2", "token": "CAUSE=EXCEEDED", "displayName": "x", "scope": "A/b", "dc": "us", "created": 1}));
    let mut newer = valid.clone();
    newer["v"] = json!(9);
    // Hostile files: each record checked as if Zoho had just answered it.
    let mut hostile = valid.clone();
    hostile["v"] = json!(2);
    hostile["clients"] = json!([{"v": 1, "dc": "eu", "clientId": "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "clientSecret": "0123456789abcdef0123456789abcdef0123456789"}]);
    let record = json!({"v": 1, "id": "o-1", "label": "Books", "scopes": "ZohoBooks.fullaccess.all",
        "dc": "eu", "apiDomain": "https://www.zohoapis.eu", "clientId": "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "refreshToken": "1000.0123abcd.4567ef", "created": 1, "rejected": null});
    let hostile_with = |field: &str, value: Value| {
        let mut file = hostile.clone();
        let mut second = record.clone();
        second["id"] = json!("o-2");
        second[field] = value;
        file["oauth"] = json!([record.clone(), second]);
        file.to_string()
    };
    // Valid JSON, one byte over the limit: refused unread.
    let mut too_large = valid.to_string();
    too_large.push_str(&" ".repeat(4 * 1024 * 1024 + 1 - too_large.len()));
    for (name, content, expected) in [
        ("garbage.json", "{not json".to_string(), "not an export"),
        (
            "other.json",
            json!({"hello": "world"}).to_string(),
            "not an export",
        ),
        (
            "bad-record.json",
            bad_record.to_string(),
            "record 2 of “tokens” in the file is not a record",
        ),
        (
            "api-domain.json",
            hostile_with("apiDomain", json!("https://www.zohoapis.com.evil.example")),
            "record 2 of “oauth” in the file (“Books”) holds in “apiDomain”",
        ),
        (
            "shell.json",
            hostile_with("refreshToken", json!("1000.$(touch /tmp/owned)")),
            "holds in “refreshToken”",
        ),
        (
            "long-label.json",
            hostile_with("label", json!("x".repeat(101))),
            "holds in “label”",
        ),
        ("newer.json", newer.to_string(), "newer version"),
        ("too-large.json", too_large, "too large"),
    ] {
        let path = file(s, name, &content)?;
        let input = b.driver.find("#import")?;
        b.driver.send_keys(&input, &path)?;
        let alert = s.wait_text("#status", expected, WAIT)?;
        ensure!(alert.contains("Nothing was changed"), "{name}: {alert}");
        ensure!(b.storage()? == before, "{name} changed storage");
    }
    Ok(())
}

/// Records the extension cannot read (damaged, or from a newer version) keep their
/// keys: an imported record with the same id is saved under a new one.
fn options_import_never_overwrites_unreadable_records(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    s.browser.set_storage(&json!({
        "token:d-1": {"v": 1, "id": "d-1", "token": "not a token"},
        "token:n-1": {"v": 9, "id": "n-1", "future": true},
    }))?;
    let before = s.browser.storage()?;
    open_options(s)?;
    let record = |id: &str, token: &str| json!({"v": 1, "id": id, "token": token, "displayName": "x", "scope": "A/b", "dc": "us", "created": 1});
    let content = json!({"format": "authtoken-keeper-export", "v": 1, "exported": 1, "presets": [],
        "tokens": [record("d-1", TOKEN), record("n-1", OTHER)]});
    let path = file(s, "clash.json", &content.to_string())?;
    let input = s.browser.driver.find("#import")?;
    s.browser.driver.send_keys(&input, &path)?;
    s.wait_text("#status", "2 token(s) added", WAIT)?;
    let after = s.browser.storage()?;
    for key in ["token:d-1", "token:n-1"] {
        ensure!(
            after[key] == before[key],
            "{key} was rewritten: {}",
            after[key]
        );
    }
    let imported: Vec<&str> = after
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| before.get(key.as_str()).is_none())
        .filter_map(|(_, value)| value["token"].as_str())
        .collect();
    ensure!(
        imported.len() == 2 && imported.contains(&TOKEN) && imported.contains(&OTHER),
        "both tokens are saved under new ids: {after}"
    );
    Ok(())
}

/// An import the storage quota cannot hold is written all at once or not at
/// all: storage is left exactly as it was, and the user is told.
fn options_import_past_the_quota_writes_nothing(s: &mut Session) -> Result<()> {
    seed(s)?;
    // Storage filled to 30 KB short of its quota.
    let b = &s.browser;
    let filled = b.driver.execute_async(
        "const done = arguments[arguments.length - 1];
         (async () => {
           const room = chrome.storage.local.QUOTA_BYTES - await chrome.storage.local.getBytesInUse(null);
           await chrome.storage.local.set({filler: 'x'.repeat(room - 30000 - 20)});
           done(chrome.storage.local.QUOTA_BYTES - await chrome.storage.local.getBytesInUse(null));
         })().catch(e => done(String(e)));",
        json!([]),
    )?;
    ensure!(
        filled.as_u64().is_some_and(|room| room < 40_000),
        "{filled}"
    );
    let before = b.storage()?;
    // One small authtoken first, then 300 refresh tokens (about 100 KB).
    let oauth: Vec<Value> = (0..300)
        .map(|i| {
            json!({"v": 1, "id": format!("o-{i}"), "label": format!("Books {i}"),
                   "scopes": "ZohoBooks.fullaccess.all", "dc": "eu", "apiDomain": "https://www.zohoapis.eu",
                   "clientId": "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
                   "refreshToken": format!("1000.{i:032x}.{i:032x}"), "created": 1, "rejected": null})
        })
        .collect();
    let big = json!({"format": "authtoken-keeper-export", "v": 2, "exported": 1, "presets": [],
        "tokens": [{"v": 1, "id": "n-1", "token": OTHER, "displayName": "x", "scope": "A/b", "dc": "us", "created": 1}],
        "clients": [], "oauth": oauth});
    open_options(s)?;
    let path = file(s, "past-quota.json", &big.to_string())?;
    let input = b.driver.find("#import")?;
    b.driver.send_keys(&input, &path)?;
    s.wait_text("#status", "could not be read or written", WAIT)?;
    ensure!(
        b.storage()? == before,
        "storage changed by an import that did not fit"
    );
    Ok(())
}
