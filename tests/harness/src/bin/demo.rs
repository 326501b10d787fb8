//! `./build.sh demo`: the extension's main job with no Zoho account and no network.
//! Starts the local Zoho and Chromium with the extension, signs in, and writes
//! screenshots of the popup before and after generating a token.

use anyhow::Result;
use std::path::PathBuf;
use std::time::Duration;
use zoho_harness::browser::Kind;
use zoho_harness::server::LocalZoho;
use zoho_harness::{Session, ZOHO_PORT};

fn main() -> Result<()> {
    let (dist, out) = zoho_harness::dist_and_out("dist/demo")?;
    let zoho = LocalZoho::start(ZOHO_PORT)?;
    let workdir =
        std::env::temp_dir().join(format!("authtoken-keeper-demo-{}", std::process::id()));
    let result = run(&zoho, &dist, &out, workdir.clone());
    let _ = std::fs::remove_dir_all(&workdir);
    result
}

fn run(
    zoho: &LocalZoho,
    dist: &std::path::Path,
    out: &std::path::Path,
    workdir: PathBuf,
) -> Result<()> {
    let session = Session::start(zoho, Kind::Chromium, dist, workdir)?;
    let wait = Duration::from_secs(10);
    println!(
        "signing in at the local accounts.zoho.com as {}",
        zoho_harness::zoho::USER
    );
    session.sign_in("accounts.zoho.com")?;
    session.browser.driver.set_window_size(400, 720)?;
    session.open_popup()?;
    let before = out.join("popup-before.png");
    session.browser.screenshot(&before)?;
    println!("clicking \"Email Checker for Zoho CRM\"");
    session.click_preset("checkemail")?;
    session.wait_rows(1, wait)?;
    session.click_preset("acr4zoho")?;
    session.wait_rows(2, wait)?;
    let after = out.join("popup-after.png");
    session.browser.screenshot(&after)?;
    // The same popup in the dark theme the system may ask for.
    let dark_scheme =
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]});
    session
        .browser
        .cdp("Emulation.setEmulatedMedia", dark_scheme)?;
    session.open_popup()?;
    let dark = out.join("popup-dark.png");
    session.browser.screenshot(&dark)?;
    // The options page, with a preset of the user's own.
    session.browser.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": []}),
    )?;
    session.browser.driver.set_window_size(720, 900)?;
    session
        .browser
        .driver
        .navigate(&session.browser.extension_url("options.html"))?;
    session.browser.wait_for_css("body[data-ready]", wait)?;
    session.browser.type_into("#preset-label", "Recruit sync")?;
    session.browser.type_into("#preset-name", "recruitsync")?;
    session
        .browser
        .type_into("#preset-scope", "ZohoRecruit/recruitapi")?;
    session.browser.click("#add-preset button[type=submit]")?;
    session.wait_text("#status", "added", wait)?;
    let options = out.join("options.png");
    session.browser.screenshot(&options)?;
    let issued = zoho
        .world()
        .tokens("accounts.zoho.com", zoho_harness::zoho::USER);
    println!(
        "the local Zoho issued {} tokens; the popup lists them",
        issued.len()
    );
    println!(
        "screenshots: {}, {}, {} and {}",
        before.display(),
        after.display(),
        dark.display(),
        options.display()
    );
    Ok(())
}
