//! The saved-token list: reveal, copy, forget with undo, filter, text-only
//! rendering, persistence across a browser restart, no token in the console.

use crate::Scenario;
use anyhow::{ensure, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::browser::keys::{END, ESCAPE, HOME};
use zoho_harness::{Session, PRESETS};

pub const ALL: &[(&str, Scenario)] = scenarios![
    reveal_and_copy,
    forget_says_it_stays_at_zoho_and_can_be_undone,
    filter_appears_for_long_lists,
    stored_markup_is_shown_as_text,
    saved_tokens_survive_a_browser_restart,
    tokens_never_reach_the_console_or_a_request,
    active_authtokens_link_deletes_at_zoho,
];

const WAIT: Duration = Duration::from_secs(10);

fn record(i: usize, token: &str, name: &str) -> (String, Value) {
    let id = format!("18bcfe568{i:02x}-0000000{}", i % 10);
    let value = json!({"v": 1, "id": id, "token": token, "displayName": name,
        "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64 + i as u64 * 1000});
    (format!("token:{id}"), value)
}

fn seed(s: &Session, records: &[(String, Value)]) -> Result<()> {
    s.open_popup()?;
    let items: serde_json::Map<String, Value> = records.iter().cloned().collect();
    s.browser.set_storage(&Value::Object(items))?;
    s.open_popup()?;
    s.wait_rows(records.len(), WAIT)?;
    Ok(())
}

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

fn reveal_and_copy(s: &mut Session) -> Result<()> {
    seed(s, &[record(1, TOKEN, "checkemail")])?;
    let b = &s.browser;
    ensure!(!s.rows()?[0].contains(TOKEN), "masked at first");
    // Scope, data centre and the date it was made (14 November 2023).
    let details = b.text("[data-token-row] .token-details")?;
    ensure!(
        details.starts_with("ZohoCRM/crmapi · US · ") && details.contains("2023"),
        "details {details:?}"
    );
    b.click_role("button", "Show the token for Email Checker")?;
    ensure!(b.text("[data-token-row] .token-value")? == TOKEN);
    let pressed = b.driver.execute(
        "return document.querySelector('[data-action=reveal]').getAttribute('aria-pressed')",
        json!([]),
    )?;
    ensure!(pressed == "true");
    b.click_role("button", "Show the token for Email Checker")?;
    ensure!(
        !b.text("[data-token-row] .token-value")?.contains(TOKEN),
        "hidden again"
    );
    b.click_role("button", "Copy the token for Email Checker")?;
    let status = s.wait_text("#status", "copied", WAIT)?;
    ensure!(
        status.contains("Email Checker for Zoho CRM") && !status.contains(TOKEN),
        "{status}"
    );
    // What the clipboard holds, pasted by the keyboard into a text field.
    let pasted = s.clipboard()?;
    ensure!(pasted == TOKEN, "pasted {pasted}");
    Ok(())
}

fn forget_says_it_stays_at_zoho_and_can_be_undone(s: &mut Session) -> Result<()> {
    let other = "fedcba9876543210fedcba9876543210";
    seed(
        s,
        &[record(1, TOKEN, "checkemail"), record(2, other, "mysqles")],
    )?;
    let before = s.browser.storage()?;
    s.browser
        .click_role("button", "Forget the token for Email Checker")?;
    let status = s.wait_text("#status", "still works at Zoho", WAIT)?;
    ensure!(status.contains("Email Checker for Zoho CRM"), "{status}");
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("MySQL Easy Sync"));
    ensure!(s.stored_tokens()?.len() == 1);
    s.browser.click_role("button", "Undo")?;
    s.wait_rows(2, WAIT)?;
    ensure!(
        s.browser.storage()? == before,
        "undo restores the record exactly"
    );
    Ok(())
}

fn filter_appears_for_long_lists(s: &mut Session) -> Result<()> {
    let b = &s.browser;
    seed(s, &[record(1, TOKEN, "checkemail")])?;
    ensure!(
        b.driver.execute(
            "return document.getElementById('filter-box').hidden",
            json!([])
        )? == true
    );
    let names = PRESETS.iter().map(|(name, _)| *name).chain(["mytool"]);
    let records: Vec<_> = names
        .enumerate()
        .map(|(i, n)| record(i, &format!("{:032x}", i + 1), n))
        .collect();
    seed(s, &records)?;
    ensure!(
        b.driver.execute(
            "return document.getElementById('filter-box').hidden",
            json!([])
        )? == false
    );
    let visible = || {
        b.driver.execute(
            "return [...document.querySelectorAll('[data-token-row]:not([hidden])')].length",
            json!([]),
        )
    };
    b.type_into("#filter", "phone")?;
    let shown = visible()?;
    ensure!(shown == 1, "visible rows for \"phone\": {shown}");
    // Case does not matter ("Phone Checker for Zoho CRM"); Escape empties the filter first.
    b.press(&[ESCAPE])?;
    b.type_into("#filter", "PHONE C")?;
    let shown = visible()?;
    ensure!(shown == 1, "visible rows for \"PHONE C\": {shown}");
    b.type_into("#filter", "zzz")?;
    ensure!(
        b.driver.execute(
            "return document.getElementById('no-match').hidden",
            json!([])
        )? == false
    );
    // Escape in the filter clears it: every row is back.
    b.press(&[ESCAPE])?;
    let back = b.driver.execute(
        "return [document.getElementById('filter').value, \
         document.querySelectorAll('[data-token-row]:not([hidden])').length]",
        json!([]),
    )?;
    ensure!(back == json!(["", records.len()]), "after Escape: {back}");
    // Home and End jump to the same control in the first and the last row.
    b.driver.execute(
        "document.querySelectorAll('[data-token-row] [data-action=reveal]')[2].focus()",
        json!([]),
    )?;
    let ids = b.strings(
        "return [...document.querySelectorAll('[data-token-row]')].map(r => r.dataset.id)",
    )?;
    b.press(&[END])?;
    ensure!(
        b.focused()? == format!("action:reveal@{}", ids[ids.len() - 1]),
        "End: {}",
        b.focused()?
    );
    b.press(&[HOME])?;
    ensure!(
        b.focused()? == format!("action:reveal@{}", ids[0]),
        "Home: {}",
        b.focused()?
    );
    Ok(())
}

// WebDriver's codes for the keys.

fn stored_markup_is_shown_as_text(s: &mut Session) -> Result<()> {
    let hostile = "<img src=x onerror=alert(1)>";
    let rtl = "abc\u{202E}fdp.exe\u{200F}";
    let control = "bell\u{7}tab\tnul\u{1}";
    let long = "W".repeat(5000);
    let mut records = vec![record(1, TOKEN, hostile)];
    records[0].1["scope"] = json!("<b>ZohoCRM/crmapi</b>");
    for (i, name) in [rtl, control, long.as_str()].iter().enumerate() {
        records.push(record(i + 2, &format!("{:032x}", i + 2), name));
    }
    seed(s, &records)?;
    let rows = s.rows()?;
    let all = rows.join("\n");
    ensure!(
        all.contains(hostile) && all.contains("<b>ZohoCRM"),
        "{rows:?}"
    );
    ensure!(
        all.contains(rtl) && all.contains(control) && all.contains(&long),
        "shown as they are, as text"
    );
    let b = &s.browser;
    ensure!(
        b.driver.execute(
            "return document.querySelectorAll('img, b').length",
            json!([])
        )? == 0
    );
    let overflow = b.driver.execute(
        "const e = document.documentElement; return e.scrollWidth - e.clientWidth;",
        json!([]),
    )?;
    ensure!(
        overflow.as_i64() == Some(0),
        "no horizontal scroll (overflow {overflow})"
    );
    Ok(())
}

fn saved_tokens_survive_a_browser_restart(s: &mut Session) -> Result<()> {
    s.keep_profile()?;
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("acr4zoho")?;
    s.wait_rows(1, WAIT)?;
    let before = s.browser.storage()?;
    s.restart()?;
    s.open_popup()?;
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("ACR for Zoho CRM"));
    ensure!(
        s.browser.storage()? == before,
        "storage after restart: {}",
        s.browser.storage()?
    );
    Ok(())
}

fn tokens_never_reach_the_console_or_a_request(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("checkemail")?;
    s.wait_rows(1, WAIT)?;
    let b = &s.browser;
    b.click_role("button", "Show the token")?;
    b.click_role("button", "Copy the token")?;
    s.wait_text("#status", "copied", WAIT)?;
    // Provoke the failure paths too.
    s.zoho.world().config.refuse_with = Some("IP_NOT_ALLOWED".into());
    s.click_preset("phonecheck")?;
    s.wait_alert(WAIT)?;
    let token = s.issued_tokens()[0].clone();
    for logged in s.zoho.world().log() {
        ensure!(
            !logged.target.contains(&token) && !logged.cookies.contains(&token),
            "token sent in {logged:?}"
        );
    }
    // Nothing is logged at all, by the pages, the content script or the
    // background (Chromium's service worker, Firefox's event page).
    let output = b.console_output()?;
    ensure!(output.is_empty(), "console output: {output:#?}");
    // The check sees the background's console: a copy that logs is caught.
    let noisy = s.broken_copy(
        "noisy-extension",
        "console.log('a deliberately noisy copy');",
    )?;
    s.load_extension(&noisy)?;
    s.open_popup()?;
    s.browser.driver.wait_for("the copy's log line", WAIT, || {
        let output = s.browser.console_output()?;
        Ok(output
            .iter()
            .any(|line| line.contains("a deliberately noisy copy"))
            .then_some(()))
    })?;
    Ok(())
}

/// The list's link opens Zoho's Active Authtokens page, where the token is
/// deleted at Zoho; the extension keeps its copy until the user forgets it.
fn active_authtokens_link_deletes_at_zoho(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("email2lead")?;
    s.wait_rows(1, WAIT)?;
    let popup = s.current_tab()?;
    let before = s.tabs()?;
    s.browser.click_role("link", "Active Authtokens at Zoho")?;
    s.switch_to_new_tab(&before, WAIT)?;
    s.browser.wait_for_css("#authtokens", WAIT)?;
    let url = s.browser.driver.current_url()?;
    ensure!(url.ends_with("/u/h#sessions/userauthtoken"), "{url}");
    let listed = s.browser.text("#authtokens")?;
    ensure!(
        listed.contains("email2lead") && listed.contains("ZohoCRM/crmapi"),
        "{listed}"
    );
    s.browser.click_role("link", "Remove")?;
    s.browser.driver.wait_for("Zoho to delete it", WAIT, || {
        Ok(s.issued_tokens().is_empty().then_some(()))
    })?;
    s.switch_to(&popup)?;
    ensure!(
        s.stored_tokens()?.len() == 1,
        "still saved in the extension"
    );
    Ok(())
}
