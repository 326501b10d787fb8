//! Accessibility: an automated WCAG check in the popup (light and dark), and the
//! whole job done with the keyboard alone.

use crate::Scenario;
use anyhow::{ensure, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::browser::keys::{DOWN, ENTER, ESCAPE, SPACE, TAB, UP};
use zoho_harness::oauth::OAuthFault;
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    accessibility_check_passes,
    dark_theme_passes_the_accessibility_check,
    keyboard_alone_generates_and_manages_tokens,
    options_page_passes_the_accessibility_check,
    oauth_view_passes_the_accessibility_check,
    oauth_view_passes_the_accessibility_check_in_the_dark,
];

const WAIT: Duration = Duration::from_secs(10);

/// The popup in its busiest state: tokens listed, the custom form open with an
/// error beside a field, and a problem with its actions in the status.
fn busy_popup(s: &Session) -> Result<()> {
    s.open_popup()?;
    s.browser.set_storage(&json!({
        "token:a-1": {"v": 1, "id": "a-1", "token": "0123456789abcdef0123456789abcdef", "displayName": "checkemail",
                      "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64},
        "token:a-2": {"v": 1, "id": "a-2", "token": "fedcba9876543210fedcba9876543210", "displayName": "my-tool",
                      "scope": "ZohoBooks/booksapi", "dc": "eu", "created": 1_700_000_001_000u64},
    }))?;
    s.open_popup()?;
    s.wait_rows(2, WAIT)?;
    s.click_preset("acr4zoho")?;
    s.wait_alert(WAIT)?;
    s.browser.click("details.custom summary")?;
    s.browser.type_into("#custom-scope", "nonsense")?;
    s.browser.click("#custom button[type=submit]")?;
    s.wait_text("#custom-scope-error", "not a scope", WAIT)?;
    Ok(())
}

/// The OAuth view in its busiest state: a client saved, two tokens (one that
/// Zoho refused), a revoke awaiting confirmation, a field error and a problem.
fn busy_oauth_view(s: &Session) -> Result<()> {
    s.open_popup()?;
    let client = "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
    let token = |id: &str, label: &str, rejected: Value| {
        json!({"v": 1, "id": id, "label": label, "scopes": "ZohoCRM.modules.ALL,ZohoCRM.org.READ",
               "dc": "us", "apiDomain": "https://www.zohoapis.com", "clientId": client,
               "refreshToken": "1000.0123.4567", "created": 1_700_000_000_000u64, "rejected": rejected})
    };
    s.browser.set_storage(&json!({
        "client:us": {"v": 1, "dc": "us", "clientId": client, "clientSecret": "0123456789abcdef0123456789abcdef0123456789"},
        "oauth:o-1": token("o-1", "CRM sync", json!(null)),
        "oauth:o-2": token("o-2", "Old tool", json!(1_700_000_500_000u64)),
    }))?;
    s.open_oauth()?;
    s.browser.click_role("button", "Revoke: Old tool")?;
    s.browser.type_into("#oauth-scopes", "ZohoCRM/crmapi")?;
    s.browser.click("[data-action=copy-scopes]")?;
    s.wait_text("#oauth-scopes-error", "not an OAuth scope", WAIT)?;
    s.zoho.world().oauth.fault = OAuthFault::Answer(503, "down".into());
    s.browser
        .click("[data-oauth-row] [data-action=copy-access-token]")?;
    s.wait_alert(WAIT)?;
    Ok(())
}

fn oauth_view_passes_the_accessibility_check(s: &mut Session) -> Result<()> {
    busy_oauth_view(s)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe (OAuth): {violations:#?}");
    Ok(())
}

fn oauth_view_passes_the_accessibility_check_in_the_dark(s: &mut Session) -> Result<()> {
    s.go_dark()?;
    busy_oauth_view(s)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe (OAuth, dark): {violations:#?}");
    Ok(())
}

fn accessibility_check_passes(s: &mut Session) -> Result<()> {
    busy_popup(s)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe: {violations:#?}");
    // The check itself can fail: an unlabelled field is caught.
    s.browser.driver.execute(
        "document.body.appendChild(document.createElement('input'))",
        json!([]),
    )?;
    let caught = s.browser.accessibility_violations()?;
    ensure!(
        caught.iter().any(|v| v.starts_with("label")),
        "axe missed an unlabelled input: {caught:?}"
    );
    Ok(())
}

fn dark_theme_passes_the_accessibility_check(s: &mut Session) -> Result<()> {
    s.go_dark()?;
    busy_popup(s)?;
    let background = s.browser.driver.execute(
        "return getComputedStyle(document.body).backgroundColor",
        json!([]),
    )?;
    ensure!(
        background != "rgb(255, 255, 255)",
        "the dark theme applies: {background}"
    );
    let violations = s.browser.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe (dark): {violations:#?}");
    Ok(())
}

fn keyboard_alone_generates_and_manages_tokens(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    let b = &s.browser;
    // Tab from the top reaches the data-centre choice, then the first preset.
    let seen: Vec<String> = b
        .tab_from_top(4, |f| f.starts_with("preset:"))?
        .into_iter()
        .map(|(focused, _)| focused)
        .collect();
    ensure!(
        seen.first().is_some_and(|f| f == "#dc"),
        "tab order: {seen:?}"
    );
    ensure!(
        seen.last().is_some_and(|f| f == "preset:acr4zoho"),
        "tab order: {seen:?}"
    );
    b.press(&[ENTER])?;
    s.wait_rows(1, WAIT)?;
    b.press(&[TAB, SPACE])?; // Space on the next preset
    s.wait_rows(2, WAIT)?;
    // Into the list: the focused preset → Tab to the custom form's summary → …
    // Reach the first row's reveal button by Tab, then move by arrows.
    let mut hops = 0;
    while !b.focused()?.starts_with("action:reveal") && hops < 20 {
        b.press(&[TAB])?;
        hops += 1;
    }
    let first = b.focused()?;
    ensure!(first.starts_with("action:reveal@"), "reached {first}");
    b.press(&[SPACE])?;
    let pressed = b.driver.execute(
        "return document.activeElement.getAttribute('aria-pressed')",
        json!([]),
    )?;
    ensure!(pressed == "true", "Space toggles reveal");
    b.press(&[DOWN])?;
    let second = b.focused()?;
    ensure!(
        second.starts_with("action:reveal@") && second != first,
        "ArrowDown: {first} → {second}"
    );
    b.press(&[UP])?;
    ensure!(b.focused()? == first, "ArrowUp goes back");
    // Escape closes the custom form and returns to its summary.
    b.click("details.custom summary")?;
    b.click("#custom-name")?;
    b.press(&[ESCAPE])?;
    let open = b.driver.execute(
        "return document.querySelector('details.custom').open",
        json!([]),
    )?;
    ensure!(open == false, "Escape closes the form");
    ensure!(
        b.focused()? == "summary",
        "focus back on the summary: {}",
        b.focused()?
    );
    // A visible focus ring on what the keyboard reaches.
    b.press(&[TAB])?;
    let outline = b.driver.execute(
        "return getComputedStyle(document.activeElement).outlineStyle",
        json!([]),
    )?;
    ensure!(outline != "none", "focus is visible: {outline}");
    Ok(())
}

fn options_page_passes_the_accessibility_check(s: &mut Session) -> Result<()> {
    s.browser
        .driver
        .navigate(&s.browser.extension_url("options.html"))?;
    s.browser.wait_for_css("body[data-ready]", WAIT)?;
    s.browser.type_into("#preset-label", "Books")?;
    s.browser.type_into("#preset-name", "bookssync")?;
    s.browser.type_into("#preset-scope", "ZohoBooks/booksapi")?;
    s.browser.click("#add-preset button[type=submit]")?;
    s.wait_text("#status", "added", WAIT)?;
    let violations = s.browser.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe (options): {violations:#?}");
    Ok(())
}
