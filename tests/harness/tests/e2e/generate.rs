//! Generating tokens: presets, custom requests, data centres, body formats,
//! both eras, signing in on the way, double clicks, a popup closed mid-flow.

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::json;
use std::time::Duration;
use zoho_harness::http::Transfer;
use zoho_harness::zoho::{BodyFormat, Era, Fault, HOSTS, PASSWORD, USER};
use zoho_harness::{Session, PRESETS};

pub const ALL: &[(&str, Scenario)] = scenarios![
    every_preset_makes_and_saves_a_token,
    custom_name_and_several_scopes,
    custom_fields_are_validated_beside_them,
    every_data_centre,
    body_format_variants,
    confirm_era_without_password,
    confirm_era_with_password_typed_in_the_tab,
    confirm_era_wrong_password_is_explained,
    signed_out_then_signed_in_resumes,
    double_click_makes_one_token,
    popup_closed_mid_flow_still_saves,
    signed_in_elsewhere_is_offered,
    popup_closed_during_confirmation_gets_badge_and_news,
];

const WAIT: Duration = Duration::from_secs(10);

fn every_preset_makes_and_saves_a_token(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    for (i, (name, app)) in PRESETS.iter().enumerate() {
        s.click_preset(name)?;
        let rows = s.wait_rows(i + 1, WAIT)?;
        ensure!(
            rows[0].contains(app) && rows[0].contains(name),
            "newest row first: {:?}",
            rows[0]
        );
    }
    let stored = s.stored_tokens()?;
    let issued = s.issued_tokens();
    ensure!(stored.len() == 6 && issued.len() == 6);
    for (record, token) in stored.iter().zip(&issued) {
        ensure!(
            record["token"] == json!(token),
            "stored {record} but Zoho issued {token}"
        );
        ensure!(record["dc"] == "us" && record["scope"] == "ZohoCRM/crmapi");
    }
    let names: Vec<_> = stored
        .iter()
        .map(|r| r["displayName"].as_str().unwrap_or(""))
        .collect();
    ensure!(names == PRESETS.map(|(n, _)| n), "names {names:?}");
    ensure!(
        s.status()?
            .1
            .contains("GetResponse Leads Sync for Zoho saved"),
        "status: {:?}",
        s.status()?
    );
    Ok(())
}

fn custom_name_and_several_scopes(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    let b = &s.browser;
    b.click("details.custom summary")?;
    b.type_into("#custom-name", "My Sync Tool")?;
    b.type_into("#custom-scope", " ZohoCRM/crmapi , ZohoBooks/booksapi")?;
    s.count_row_draws()?;
    b.click("#custom button[type=submit]")?;
    s.wait_text("#status", "My Sync Tool saved", WAIT)?;
    let rows = s.wait_rows(1, WAIT)?;
    // The reply and the storage change both bring the record: one row drawn.
    let id = s.stored_tokens()?[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let draws = s.row_draws(&format!("token:{id}"))?;
    ensure!(draws == 1, "the new row was drawn {draws} times");
    ensure!(
        rows[0].contains("My Sync Tool") && rows[0].contains("ZohoCRM/crmapi,ZohoBooks/booksapi"),
        "{rows:?}"
    );
    let issued = s.zoho.world().tokens("accounts.zoho.com", USER);
    ensure!(
        issued.len() == 1
            && issued[0].display_name == "My Sync Tool"
            && issued[0].scope == "ZohoCRM/crmapi,ZohoBooks/booksapi",
        "{issued:?}"
    );
    Ok(())
}

fn custom_fields_are_validated_beside_them(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    let b = &s.browser;
    b.click("details.custom summary")?;
    b.type_into("#custom-name", "<img src=x onerror=alert(1)>")?;
    b.type_into("#custom-scope", "ZohoCRM")?;
    b.click("#custom button[type=submit]")?;
    let name_error = s.wait_text("#custom-name-error", "<", WAIT)?;
    ensure!(name_error.contains("“<”"), "name error: {name_error}");
    let scope_error = b.text("#custom-scope-error")?;
    ensure!(
        scope_error.contains("ZohoCRM") && scope_error.contains("not a scope"),
        "scope error: {scope_error}"
    );
    let invalid = b.driver.execute(
        "return document.getElementById('custom-name').getAttribute('aria-invalid')",
        json!([]),
    )?;
    ensure!(invalid == "true");
    ensure!(
        b.driver
            .execute("return document.querySelectorAll('img').length", json!([]))?
            == 0
    );
    ensure!(
        s.zoho
            .world()
            .log()
            .iter()
            .all(|l| !l.target.starts_with("/apiauthtoken")),
        "nothing was sent to Zoho"
    );
    Ok(())
}

fn every_data_centre(s: &mut Session) -> Result<()> {
    for (i, (code, host)) in HOSTS.iter().enumerate() {
        s.sign_in(host)?;
        s.open_popup()?;
        s.browser.driver.execute(
            "const dc = document.getElementById('dc'); dc.value = arguments[0]; dc.dispatchEvent(new Event('change', {bubbles: true}));",
            json!([code]),
        )?;
        s.click_preset("checkemail")?;
        let rows = s.wait_rows(i + 1, WAIT)?;
        ensure!(
            rows[0].contains(&code.to_uppercase()),
            "row for {code}: {}",
            rows[0]
        );
        ensure!(
            s.zoho.world().tokens(host, USER).len() == 1,
            "{host} issued one token"
        );
        let link = s.browser.driver.execute(
            "return document.querySelector('#manage-at-zoho a').href",
            json!([]),
        )?;
        ensure!(
            link == json!(format!("https://{host}/u/h#sessions/userauthtoken")),
            "{link}"
        );
    }
    // The choice is remembered.
    s.open_popup()?;
    ensure!(
        s.browser
            .driver
            .execute("return document.getElementById('dc').value", json!([]))?
            == "cn"
    );
    // Zoho's Active Authtokens page once per data centre in the list, not on every row.
    let links = s.browser.strings(
        "return [...document.querySelectorAll('#manage-at-zoho a')].map(a => a.textContent + ' ' + a.href)",
    )?;
    ensure!(links.len() == HOSTS.len(), "{links:?}");
    ensure!(
        links[0] == "Active Authtokens at Zoho (CN) https://accounts.zoho.com.cn/u/h#sessions/userauthtoken",
        "{links:?}"
    );
    let in_rows = s.browser.driver.execute(
        "return document.querySelectorAll('[data-token-row] a').length",
        json!([]),
    )?;
    ensure!(in_rows == 0, "{in_rows} links in rows");
    Ok(())
}

/// Every layout of the token body, sent whole, in chunks or compressed.
fn body_format_variants(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    let sent = [
        (BodyFormat::Crlf, Transfer::Length),
        (BodyFormat::Warning, Transfer::Chunked),
        (BodyFormat::Reordered, Transfer::Gzip),
        (BodyFormat::HtmlPre, Transfer::Gzip),
        (BodyFormat::HtmlPage, Transfer::Chunked),
        (BodyFormat::HtmlBreaks, Transfer::Length),
        (BodyFormat::Plain, Transfer::Chunked),
    ];
    for (i, (format, transfer)) in sent.iter().enumerate() {
        let mut world = s.zoho.world();
        world.config.format = *format;
        world.config.transfer = *transfer;
        drop(world);
        s.click_preset(PRESETS[i % PRESETS.len()].0)?;
        s.wait_rows(i + 1, WAIT)
            .with_context(|| format!("{format:?} sent {transfer:?}"))?;
    }
    let stored: Vec<_> = s
        .stored_tokens()?
        .iter()
        .map(|r| r["token"].as_str().unwrap_or("").to_string())
        .collect();
    ensure!(stored == s.issued_tokens(), "stored {stored:?}");
    Ok(())
}

/// Later era, signed in: a click on `preset` opens Zoho's confirmation page in a
/// tab. Returns the popup's tab and the tabs there were before.
fn open_confirmation(s: &Session, password: bool, preset: &str) -> Result<(String, Vec<String>)> {
    s.zoho.world().config.era = Era::Confirm { password };
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    let popup = s.current_tab()?;
    let before = s.tabs()?;
    s.click_preset(preset)?;
    s.wait_text("#status", "Generate Authtoken", WAIT)?;
    Ok((popup, before))
}

/// Later era: the popup opens Zoho's page; the user presses Generate there.
fn confirm(s: &Session, password: bool) -> Result<()> {
    let (popup, before) = open_confirmation(s, password, "phonecheck")?;
    s.switch_to_new_tab(&before, WAIT)?;
    s.browser.wait_for_css("#generate", WAIT)?;
    if password {
        s.browser.type_into("#PASSWORD", PASSWORD)?;
    }
    s.browser.click("#generate")?;
    // The tab closes itself once the token is saved.
    s.wait_tabs_back_to(&before, WAIT)?;
    s.switch_to(&popup)?;
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("Phone Checker for Zoho CRM"));
    ensure!(s.stored_tokens()?[0]["token"] == json!(s.issued_tokens()[0]));
    Ok(())
}

/// A wrong password on Zoho's confirmation page: Zoho's answer says so, the
/// popup explains it, nothing is saved, and the tab stays for another try.
fn confirm_era_wrong_password_is_explained(s: &mut Session) -> Result<()> {
    let (popup, before) = open_confirmation(s, true, "phonecheck")?;
    let zoho_tab = s.switch_to_new_tab(&before, WAIT)?;
    s.browser.wait_for_css("#generate", WAIT)?;
    s.browser.type_into("#PASSWORD", "not the password")?;
    s.browser.click("#generate")?;
    s.switch_to(&popup)?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("password was wrong"), "{alert}");
    ensure!(
        s.remedies()? == ["Open the page in a tab"],
        "{:?}",
        s.remedies()?
    );
    ensure!(s.stored_tokens()?.is_empty() && s.issued_tokens().is_empty());
    ensure!(
        s.tabs()?.contains(&zoho_tab),
        "Zoho's tab stays open for another try"
    );
    Ok(())
}

fn confirm_era_without_password(s: &mut Session) -> Result<()> {
    confirm(s, false)
}

fn confirm_era_with_password_typed_in_the_tab(s: &mut Session) -> Result<()> {
    confirm(s, true)
}

fn signed_out_then_signed_in_resumes(s: &mut Session) -> Result<()> {
    s.open_popup()?;
    let popup = s.current_tab()?;
    s.click_preset("email2lead")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(alert.contains("not signed in"), "{alert}");
    ensure!(s.stored_tokens()?.is_empty());
    let before = s.tabs()?;
    s.browser.click_role("button", "Sign in to Zoho")?;
    s.switch_to_new_tab(&before, WAIT)?;
    s.browser.wait_for_css("#lid", WAIT)?;
    s.browser.type_into("#lid", USER)?;
    s.browser.type_into("#pwd", PASSWORD)?;
    s.browser.click("#signin")?;
    s.wait_tabs_back_to(&before, WAIT)?;
    s.switch_to(&popup)?;
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("Email to Lead for Zoho CRM"));
    // And from now on a click is enough.
    s.click_preset("mysqles")?;
    s.wait_rows(2, WAIT)?;
    Ok(())
}

fn double_click_makes_one_token(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(800));
    s.open_popup()?;
    s.browser.driver.execute(
        "const b = document.querySelector('[data-preset=acr4zoho]'); b.click(); b.click();",
        json!([]),
    )?;
    // While Zoho takes its time, the preset clicked (and the form's button) say
    // they are busy, and only they.
    let busy = "return [...document.querySelectorAll('[aria-busy=true]')]\
                .map(e => e.dataset.preset || e.type)";
    let seen = std::cell::RefCell::new(serde_json::Value::Null);
    s.browser
        .driver
        .wait_for("the preset to be busy", WAIT, || {
            *seen.borrow_mut() = s.browser.driver.execute(busy, json!([]))?;
            Ok((*seen.borrow() == json!(["acr4zoho", "submit"])).then_some(()))
        })
        .with_context(|| format!("busy: {}", seen.borrow()))?;
    s.wait_rows(1, WAIT)?;
    // The row may come (the storage change) just before the reply that ends
    // the busy state.
    s.browser
        .driver
        .wait_for("the busy state to end", WAIT, || {
            *seen.borrow_mut() = s.browser.driver.execute(busy, json!([]))?;
            Ok((*seen.borrow() == json!([])).then_some(()))
        })
        .with_context(|| format!("still busy: {}", seen.borrow()))?;
    // Both clicks were handled before Zoho's slow answer came: a second request
    // would be in Zoho's log by now.
    let asked = s.create_requests();
    ensure!(asked == 1, "Zoho was asked {asked} times");
    ensure!(
        s.issued_tokens().len() == 1,
        "Zoho issued {}",
        s.issued_tokens().len()
    );
    ensure!(s.rows()?.len() == 1 && s.stored_tokens()?.len() == 1);
    Ok(())
}

fn popup_closed_mid_flow_still_saves(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.com")?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(1500));
    s.open_popup()?;
    s.click_preset("getresponse")?;
    // Leave the popup at once: the background carries on alone.
    s.browser.driver.navigate("about:blank")?;
    s.browser
        .driver
        .wait_for("Zoho to issue the token", WAIT, || {
            Ok((s.issued_tokens().len() == 1).then_some(()))
        })?;
    // Reopened while Zoho still takes its time: the generation is under way,
    // not interrupted, and the popup says nothing of the kind.
    s.open_popup()?;
    s.browser.wait_for_css("body[data-background]", WAIT)?;
    let (role, text) = s.status()?;
    ensure!(role != "alert", "told as interrupted: {text}");
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("GetResponse Leads Sync for Zoho"));
    ensure!(s.stored_tokens()?[0]["token"] == json!(s.issued_tokens()[0]));
    Ok(())
}

/// Signed out on the chosen data centre but signed in on another: the popup
/// offers that one, and one click makes the token there.
fn signed_in_elsewhere_is_offered(s: &mut Session) -> Result<()> {
    s.sign_in("accounts.zoho.eu")?;
    s.open_popup()?;
    s.click_preset("acr4zoho")?;
    let alert = s.wait_alert(WAIT)?;
    ensure!(
        alert.contains("not signed in") && alert.contains("EU · Europe"),
        "{alert}"
    );
    ensure!(
        !alert.contains("IN ·") && !alert.contains("US ·"),
        "only where signed in: {alert}"
    );
    s.browser.click_role("button", "Use EU")?;
    let rows = s.wait_rows(1, WAIT)?;
    ensure!(rows[0].contains("EU"), "{rows:?}");
    ensure!(s.zoho.world().tokens("accounts.zoho.eu", USER).len() == 1);
    let dc = s
        .browser
        .driver
        .execute("return document.getElementById('dc').value", json!([]))?;
    ensure!(dc == "eu", "the choice follows: {dc}");
    Ok(())
}

/// The user finishes on Zoho's page with the popup closed: the toolbar badge
/// says so, and the popup tells what happened when opened again.
fn popup_closed_during_confirmation_gets_badge_and_news(s: &mut Session) -> Result<()> {
    let (popup, before) = open_confirmation(s, false, "checkemail")?;
    // "Close" the popup: leave its page.
    s.browser.driver.navigate("about:blank")?;
    s.switch_to_new_tab(&before, WAIT)?;
    s.browser.wait_for_css("#generate", WAIT)?;
    s.browser.click("#generate")?;
    s.wait_tabs_back_to(&before, WAIT)?;
    s.switch_to(&popup)?;
    s.browser
        .driver
        .navigate(&s.browser.extension_url("options.html"))?;
    let badge = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.action.getBadgeText({}).then(done, e => done(String(e)));",
        json!([]),
    )?;
    ensure!(badge == "1", "badge: {badge}");
    s.open_popup()?;
    let news = s.wait_text("#status", "saved", WAIT)?;
    ensure!(news.contains("Email Checker for Zoho CRM"), "{news}");
    s.wait_rows(1, WAIT)?;
    let badge = s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1]; chrome.action.getBadgeText({}).then(done, e => done(String(e)));",
        json!([]),
    )?;
    ensure!(badge == "", "the badge clears once seen: {badge}");
    Ok(())
}
