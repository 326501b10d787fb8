//! Every way a generation can fail: each shows a clear message with what to do,
//! saves nothing, and leaves the saved tokens byte-for-byte as they were.

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::http::Transfer;
use zoho_harness::zoho::{BodyFormat, Fault, Sunset, SUNSET_CAUSE, USER};
use zoho_harness::Session;

pub const ALL: &[(&str, Scenario)] = scenarios![
    token_cap_explains_and_links_to_active_authtokens,
    every_known_cause_has_a_message,
    an_unknown_cause_is_shown_as_it_came,
    sunset_variants_point_to_the_self_client,
    faults_save_nothing_and_touch_nothing,
    a_slow_zoho_times_out,
    open_the_page_in_a_tab_saves_what_it_shows,
];

const WAIT: Duration = Duration::from_secs(10);
const SAVED: &str = "fedcba9876543210fedcba9876543210";

// The actions a problem offers, as the popup labels them.
const SIGN_IN: &str = "Sign in to Zoho";
const OPEN_PAGE: &str = "Open the page in a tab";
const RETRY: &str = "Try again";
const ACTIVE_TOKENS: &str = "Open Active Authtokens";
const SELF_CLIENT: &str = "Use an OAuth Self Client instead";

/// Checks the exact actions offered with the current problem.
fn offers(s: &Session, expected: &[&str], case: &str) -> Result<()> {
    let remedies = s.remedies()?;
    ensure!(remedies == expected, "{case}: offered {remedies:?}");
    Ok(())
}

/// Signs in, seeds one saved token (and a foreign key), opens the popup.
/// Returns storage as it was, to compare after each failure.
fn prepare(s: &mut Session) -> Result<Value> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.browser.set_storage(&json!({
        "token:18bcfe56800-00000001": {"v": 1, "id": "18bcfe56800-00000001", "token": SAVED,
            "displayName": "acr4zoho", "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64},
        "someone-else": {"keep": true},
    }))?;
    s.open_popup()?;
    s.wait_rows(1, WAIT)?;
    s.browser.storage()
}

/// Clicks a preset, waits for the alert, and checks nothing was saved or changed.
fn fails_with(s: &Session, before: &Value, preset: &str) -> Result<String> {
    s.open_popup()?;
    let asked_before = s.zoho.world().log().len();
    s.click_preset(preset)?;
    let alert = s.wait_alert(Duration::from_secs(25))?;
    ensure!(
        s.browser.storage()? == *before,
        "storage changed after: {alert}"
    );
    ensure!(s.rows()?.len() == 1, "the saved token is still listed");
    // Data centres are asked about a session only after a signed-out answer.
    let probes: Vec<String> = s.zoho.world().log()[asked_before..]
        .iter()
        .filter(|r| r.target == "/u/h")
        .map(|r| r.host.clone())
        .collect();
    ensure!(probes.is_empty(), "asked {probes:?} after: {alert}");
    // The popup stays usable: presets are there and enabled.
    ensure!(
        s.browser.driver.execute(
            "return document.querySelectorAll('[data-preset]:not([aria-busy=true])').length",
            json!([])
        )? == 6
    );
    Ok(alert)
}

fn token_cap_explains_and_links_to_active_authtokens(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    s.zoho.world().config.cap = 3;
    s.zoho.world().fill_to_cap("accounts.zoho.com", USER);
    let alert = fails_with(s, &before, "checkemail")?;
    ensure!(alert.contains("limit of live authtokens"), "{alert}");
    offers(s, &[ACTIVE_TOKENS], "the cap")?;
    let links = s.status_links()?;
    ensure!(
        links
            .iter()
            .any(|l| l == "https://accounts.zoho.com/u/h#sessions/userauthtoken"),
        "{links:?}"
    );
    ensure!(s.zoho.world().tokens("accounts.zoho.com", USER).len() == 3);
    Ok(())
}

fn every_known_cause_has_a_message(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    let cases = [
        ("INVALID_PASSWORD", "password was wrong", &[OPEN_PAGE][..]),
        (
            "INVALID_CREDENTIALS",
            "email address or password was wrong",
            &[SIGN_IN],
        ),
        ("null", "email address or password was wrong", &[SIGN_IN]),
        ("NO_SUCH_USER", "no such user", &[OPEN_PAGE]),
        ("WEB_LOGIN_REQUIRED", "two-factor", &[OPEN_PAGE]),
        (
            "ACCOUNT_REGISTRATION_NOT_CONFIRMED",
            "not confirmed",
            &[OPEN_PAGE],
        ),
        ("USER_NOT_ACTIVE", "not active", &[OPEN_PAGE]),
        ("IP_NOT_ALLOWED", "IP restriction", &[OPEN_PAGE]),
        ("REMOTE_SERVER_ERROR", "server error", &[RETRY]),
        ("API_REQUEST_BLOCKED", "blocked", &[RETRY]),
    ];
    // Each refusal in another of Zoho's layouts, sent another way.
    let transfers = [Transfer::Length, Transfer::Chunked, Transfer::Gzip];
    for (i, (cause, expected, remedies)) in cases.into_iter().enumerate() {
        let mut world = s.zoho.world();
        world.config.refuse_with = Some(cause.to_string());
        world.config.format = BodyFormat::ALL[i % BodyFormat::ALL.len()];
        world.config.transfer = transfers[i % transfers.len()];
        let sent = format!(
            "{cause} as {:?}, {:?}",
            world.config.format, world.config.transfer
        );
        drop(world);
        let alert = fails_with(s, &before, "phonecheck").with_context(|| sent.clone())?;
        ensure!(alert.contains(expected), "{sent}: {alert}");
        offers(s, remedies, &sent)?;
        ensure!(
            !alert.contains(cause) || cause == "null",
            "{cause} is explained, not echoed: {alert}"
        );
    }
    Ok(())
}

fn an_unknown_cause_is_shown_as_it_came(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    s.zoho.world().config.refuse_with = Some("SOMETHING_NEW_2031".into());
    let alert = fails_with(s, &before, "mysqles")?;
    ensure!(alert.contains("SOMETHING_NEW_2031"), "{alert}");
    // Since 2020 an unknown refusal may well be the sunset: the Self Client too.
    offers(s, &[OPEN_PAGE, SELF_CLIENT], "an unknown cause")?;
    Ok(())
}

fn sunset_variants_point_to_the_self_client(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    for (sunset, remedies) in [
        (Sunset::ErrorBody, [OPEN_PAGE, SELF_CLIENT]),
        (Sunset::HtmlNotice, [SELF_CLIENT, OPEN_PAGE]),
        (Sunset::Redirect, [SELF_CLIENT, OPEN_PAGE]),
        (Sunset::NotFound, [SELF_CLIENT, OPEN_PAGE]),
    ] {
        s.zoho.world().config.sunset = sunset;
        let alert = fails_with(s, &before, "email2lead").with_context(|| format!("{sunset:?}"))?;
        offers(s, &remedies, &format!("{sunset:?}"))?;
        if sunset == Sunset::ErrorBody {
            ensure!(
                alert.contains(SUNSET_CAUSE),
                "Zoho's words, as they came: {alert}"
            );
        }
        // The Self Client action opens the OAuth view (see oauth.rs).
        ensure!(
            s.browser.driver.find("#status [data-action=oauth]").is_ok(),
            "{sunset:?}: the Self Client action"
        );
        ensure!(
            s.browser
                .by_role("button", "Open the page in a tab")
                .is_ok(),
            "{sunset:?}: an action to see the page"
        );
    }
    Ok(())
}

fn faults_save_nothing_and_touch_nothing(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    let cases = [
        (
            Fault::ServerError,
            "server had an error (HTTP 500)",
            [RETRY, OPEN_PAGE],
        ),
        (Fault::Drop, "could not be reached", [RETRY, OPEN_PAGE]),
        (Fault::Huge, "far too large", [OPEN_PAGE, SELF_CLIENT]),
        (
            Fault::NotUtf8,
            "not readable text",
            [OPEN_PAGE, SELF_CLIENT],
        ),
        (
            Fault::RedirectLoop,
            "redirect loop",
            [SELF_CLIENT, OPEN_PAGE],
        ),
        // A token body is only trusted with a 200.
        (
            Fault::IssuedWithStatus(403),
            "a page that is not a token",
            [OPEN_PAGE, SELF_CLIENT],
        ),
        (
            Fault::IssuedWithStatus(503),
            "(HTTP 503)",
            [RETRY, OPEN_PAGE],
        ),
    ];
    for (fault, expected, remedies) in cases {
        s.zoho.world().config.fault = fault;
        let alert = fails_with(s, &before, "getresponse").with_context(|| format!("{fault:?}"))?;
        ensure!(alert.contains(expected), "{fault:?}: {alert}");
        offers(s, &remedies, &format!("{fault:?}"))?;
    }
    // With no length declared (chunked, or compressed), the body is read only
    // up to the limit: the extension stops the download, it does not read on.
    for gzip in [false, true] {
        s.zoho.world().config.fault = Fault::Endless { gzip };
        let alert = fails_with(s, &before, "getresponse")?;
        ensure!(alert.contains("far too large"), "gzip {gzip}: {alert}");
        offers(s, &[OPEN_PAGE, SELF_CLIENT], "an endless body")?;
        let sent = s
            .browser
            .driver
            .wait_for("the local Zoho to stop sending", WAIT, || {
                Ok(Some(std::mem::take(&mut s.zoho.world().endless_bytes_sent)).filter(|n| *n > 0))
            })?;
        ensure!(
            sent < 32 << 20,
            "gzip {gzip}: the extension read on: {} MB sent",
            sent >> 20
        );
    }
    // A token page from the wrong data centre's host is not taken either,
    // even when the user is signed in there and Zoho issued it.
    s.sign_in("accounts.zoho.eu")?;
    s.zoho.world().config.fault = Fault::OtherDataCentre;
    let alert = fails_with(s, &before, "getresponse")?;
    ensure!(alert.contains("accounts.zoho.eu"), "{alert}");
    offers(s, &[OPEN_PAGE, SELF_CLIENT], "another data centre's host")?;
    ensure!(
        s.zoho.world().tokens("accounts.zoho.eu", USER).len() == 1,
        "EU issued one"
    );
    Ok(())
}

fn a_slow_zoho_times_out(s: &mut Session) -> Result<()> {
    let before = prepare(s)?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_secs(20));
    let alert = fails_with(s, &before, "acr4zoho")?;
    ensure!(
        alert.contains("did not answer within 15 seconds"),
        "{alert}"
    );
    // Zoho may issue the token after the extension gave up; the extension never saw it.
    ensure!(s.stored_tokens()?.len() == 1);
    Ok(())
}

/// After a failure, "Open the page in a tab": when Zoho now answers the token at
/// once, the tab's token is saved and the tab closed.
fn open_the_page_in_a_tab_saves_what_it_shows(s: &mut Session) -> Result<()> {
    prepare(s)?;
    s.zoho.world().config.fault = Fault::ServerError;
    s.open_popup()?;
    let popup = s.current_tab()?;
    s.click_preset("checkemail")?;
    s.wait_alert(WAIT)?;
    s.zoho.world().config.fault = Fault::None;
    let before = s.tabs()?;
    s.browser.click_role("button", "Open the page in a tab")?;
    s.browser
        .driver
        .wait_for("Zoho to issue the token in the tab", WAIT, || {
            Ok((s.issued_tokens().len() == 1).then_some(()))
        })?;
    s.wait_tabs_back_to(&before, WAIT)?;
    s.switch_to(&popup)?;
    let rows = s.wait_rows(2, WAIT)?;
    ensure!(rows[0].contains("Email Checker for Zoho CRM"), "{rows:?}");
    ensure!(s
        .stored_tokens()?
        .iter()
        .any(|r| r["token"] == json!(s.issued_tokens()[0])));
    Ok(())
}
