//! The welcome page: opened by the first install (every launch on a fresh
//! profile waits for it and closes it, `Browser::launch`), never by an update;
//! what it says and offers, in English and Russian, light and dark, by
//! keyboard alone; and the keyboard shortcut it names.

use crate::Scenario;
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;
use zoho_harness::browser::Kind;
use zoho_harness::{copy_dir, Session};

pub const ALL: &[(&str, Scenario)] = scenarios![
    welcome_page_opens_on_install_not_on_update,
    welcome_page_leads_to_the_self_client,
    welcome_page_in_russian_and_in_the_dark,
];

const WAIT: Duration = Duration::from_secs(10);
/// The keys the manifest suggests for opening the popup.
const SHORTCUT: &str = "Alt+Shift+K";

fn open_welcome(s: &Session) -> Result<()> {
    let b = &s.browser;
    b.driver.navigate(&b.extension_url("welcome.html"))?;
    b.wait_for_css("body[data-ready]", WAIT)
}

fn attribute(s: &Session, css: &str, name: &str) -> Result<Value> {
    s.browser.driver.execute(
        "return document.querySelector(arguments[0]).getAttribute(arguments[1])",
        json!([css, name]),
    )
}

/// The keys the browser opens the popup with, as it reports them.
fn browser_shortcut(s: &Session) -> Result<Value> {
    s.browser.driver.execute_async(
        "const done = arguments[arguments.length - 1];\
         chrome.commands.getAll().then(all => done(all.find(c => c.name === '_execute_action')), () => done(null));",
        json!([]),
    )
}

fn welcome_page_opens_on_install_not_on_update(s: &mut Session) -> Result<()> {
    let b = &s.browser;

    let page = b.extension_url("welcome.html");
    ensure!(
        b.welcomed.as_deref() == Some(page.as_str()),
        "the first install opened {:?}",
        b.welcomed
    );
    update(s)?;
    b.driver
        .wait_for("the reloaded extension's popup", WAIT * 3, || {
            b.driver.navigate(&b.extension_url("popup.html"))?;
            Ok(b.wait_for_css("body[data-ready]", Duration::from_secs(2))
                .ok())
        })?;
    // A token made: the background's second module is up, and the update's
    // news, which waited for it before the request did, has been handled.
    s.sign_in("accounts.zoho.com")?;
    s.open_popup()?;
    s.click_preset("checkemail")?;
    s.wait_rows(1, WAIT)?;
    ensure!(
        b.tabs_showing(&page)?.is_empty(),
        "an update opened the welcome page"
    );
    Ok(())
}

/// The extension updated as each browser does it: Chromium reloads the
/// unpacked extension (runtime.reload, from a tab of its own that closes with
/// it); Firefox installs a newer version over the temporary add-on (its
/// reload gives no onInstalled at all, which would prove nothing).
fn update(s: &Session) -> Result<()> {
    let b = &s.browser;
    match b.kind {
        Kind::Chromium => {
            let home = s.current_tab()?;
            let other = s.new_tab()?;
            s.switch_to(&other)?;
            b.driver.navigate(&b.extension_url("popup.html"))?;
            b.wait_for_css("body[data-ready]", WAIT)?;
            // The page goes away with the reload; its answer may never come.
            let _ = b
                .driver
                .execute("setTimeout(() => chrome.runtime.reload(), 50)", json!([]));
            s.switch_to(&home)
        }
        Kind::Firefox => {
            let newer = s.workdir().join("newer-version");
            copy_dir(s.extension(), &newer)?;
            let path = newer.join("manifest.json");
            let mut manifest: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            manifest["version"] = json!("99.0.0");
            std::fs::write(&path, manifest.to_string())?;
            b.driver.call(
                "POST",
                "/moz/addon/install",
                Some(&json!({"path": newer.display().to_string(), "temporary": true})),
            )?;
            Ok(())
        }
    }
}

fn welcome_page_leads_to_the_self_client(s: &mut Session) -> Result<()> {
    open_welcome(s)?;
    let b = &s.browser;
    ensure!(
        b.text("h1")? == "Welcome to Authtoken Keeper for Zoho",
        "{}",
        b.text("h1")?
    );
    for heading in [
        "Authtokens ended in 2020",
        "A Self Client in three steps",
        "Where your secrets are kept",
        "Open it from the keyboard",
    ] {
        let found = b.driver.execute(
            "return [...document.querySelectorAll('h2')].some(h => h.textContent === arguments[0])",
            json!([heading]),
        )?;
        ensure!(found == true, "no heading {heading:?}");
    }
    // The console of the data centre chosen, remembered as the default.
    let chosen = b
        .driver
        .execute("return document.getElementById('dc').value", json!([]))?;
    ensure!(chosen == "us", "chosen at first: {chosen}");
    ensure!(
        attribute(s, "#open-console", "href")? == "https://api-console.zoho.com",
        "{}",
        attribute(s, "#open-console", "href")?
    );
    s.choose_data_centre("eu")?;
    s.wait_text("#status", "EU", WAIT)?;
    ensure!(
        attribute(s, "#open-console", "href")? == "https://api-console.zoho.eu",
        "{}",
        attribute(s, "#open-console", "href")?
    );
    // The shortcut the browser has set, shown as it reports it.
    let command = browser_shortcut(s)?;
    ensure!(
        command["shortcut"] == SHORTCUT,
        "the browser's shortcut: {command}"
    );
    let shown = b.text("#shortcut")?;
    ensure!(
        shown.starts_with(SHORTCUT) && shown.contains("opens"),
        "{shown}"
    );
    // Keyboard alone reaches every control, each with a visible focus.
    let stops = b.tab_from_top(6, |f| f == "#privacy")?;
    let seen: Vec<&str> = stops.iter().map(|(f, _)| f.as_str()).collect();
    ensure!(
        seen == ["#dc", "#open-console", "#set-passphrase", "#privacy"],
        "tab order: {seen:?}"
    );
    for (focused, outline) in &stops {
        ensure!(outline != "none", "focus on {focused} is visible");
    }
    let violations = b.accessibility_violations()?;
    ensure!(violations.is_empty(), "axe (welcome): {violations:#?}");
    // The passphrase offer leads to the options page's passphrase section,
    // and the privacy policy is a page of the extension.
    ensure!(attribute(s, "#set-passphrase", "href")? == "options.html#vault");
    ensure!(attribute(s, "#privacy", "href")? == "privacy.html");
    b.driver.navigate(&b.extension_url("options.html#vault"))?;
    b.wait_for_css("body[data-ready]", WAIT)?;
    ensure!(b.text("#vault h2")? == "Passphrase for saved secrets");
    ensure!(attribute(s, "#privacy", "href")? == "privacy.html");
    b.driver.navigate(&b.extension_url("privacy.html"))?;
    b.wait_for_css("main h1", WAIT)?;
    ensure!(
        b.text("h1")? == "Privacy policy: Authtoken Keeper for Zoho",
        "{}",
        b.text("h1")?
    );
    let policy = b.text("main")?;
    ensure!(
        policy.contains("The extension collects nothing."),
        "the policy's page: {}",
        policy.chars().take(200).collect::<String>()
    );
    // The data centre chosen on the welcome page is the popup's.
    s.open_popup()?;
    let popup_dc = b
        .driver
        .execute("return document.getElementById('dc').value", json!([]))?;
    ensure!(popup_dc == "eu", "the popup's data centre: {popup_dc}");
    Ok(())
}

fn welcome_page_in_russian_and_in_the_dark(s: &mut Session) -> Result<()> {
    s.speak("ru")?;
    s.go_dark()?;
    ensure!(
        s.browser.welcomed.is_some(),
        "the install in Russian opened no welcome page"
    );
    open_welcome(s)?;
    let b = &s.browser;
    ensure!(
        b.text("h1")? == "Добро пожаловать в Authtoken Keeper для Zoho",
        "{}",
        b.text("h1")?
    );
    let lang = b
        .driver
        .execute("return document.documentElement.lang", json!([]))?;
    ensure!(
        lang.as_str().is_some_and(|l| l.starts_with("ru")),
        "lang {lang}"
    );
    let shown = b.text("#shortcut")?;
    ensure!(
        shown.starts_with(SHORTCUT) && shown.contains("открывает"),
        "{shown}"
    );
    ensure!(b.text("#set-passphrase")? == "Задать парольную фразу");
    let background = b.driver.execute(
        "return getComputedStyle(document.body).backgroundColor",
        json!([]),
    )?;
    ensure!(
        background != "rgb(255, 255, 255)",
        "the dark theme applies: {background}"
    );
    let violations = b.accessibility_violations()?;
    ensure!(
        violations.is_empty(),
        "axe (welcome, Russian, dark): {violations:#?}"
    );
    let command = browser_shortcut(s)?;
    command["shortcut"]
        .as_str()
        .context("a shortcut in Russian too")?;
    Ok(())
}
