//! `./build.sh demo`: the extension's main job with no Zoho account and no network.
//! Starts the local Zoho and Chromium with the extension, signs in, and writes
//! screenshots of the popup before and after generating a token, of the options
//! page and of the OAuth view (the README's), and the stores' images (`store`).

mod store;

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
    let result = run(&zoho, &dist, &out, workdir.clone()).and_then(|()| {
        let made = store::store_images(&zoho, &dist, &out.join("store"), &workdir)?;
        println!("the stores' images: {}", made.len());
        Ok(())
    });
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
    let oauth_shots = oauth_view(&session, zoho, out, wait)?;
    let issued = zoho
        .world()
        .tokens("accounts.zoho.com", zoho_harness::zoho::USER);
    println!(
        "the local Zoho issued {} tokens; the popup lists them",
        issued.len()
    );
    println!(
        "screenshots: {}, {}, {}, {} and {}",
        before.display(),
        after.display(),
        dark.display(),
        options.display(),
        oauth_shots.join(", ")
    );
    Ok(())
}

/// The OAuth view empty, with a client, and with two clients and three
/// tokens (one checked), each in the light and the dark theme; the clients,
/// codes and a refresh token made at the local Zoho as the console and a
/// script would.
fn oauth_view(
    session: &Session,
    zoho: &LocalZoho,
    out: &std::path::Path,
    wait: Duration,
) -> Result<Vec<String>> {
    let b = &session.browser;
    b.driver.set_window_size(400, 1200)?;
    let mut shots = Vec::new();
    let mut shoot = |name: &str| -> Result<()> {
        for (theme, scheme) in [("light", "light"), ("dark", "dark")] {
            let media = serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
            b.cdp("Emulation.setEmulatedMedia", media)?;
            let path = out.join(format!("oauth-{name}-{theme}.png"));
            b.screenshot(&path)?;
            shots.push(path.display().to_string());
        }
        Ok(())
    };
    session.open_oauth()?;
    shoot("empty")?;
    // A consultant's two companies, each with its own Self Client on one data centre.
    let (acme, globex) = {
        let mut world = zoho.world();
        (
            world.oauth.create_client("accounts.zoho.com"),
            world.oauth.create_client("accounts.zoho.com"),
        )
    };
    let save_client = |client: &zoho_harness::oauth::Client, label: &str| -> Result<()> {
        b.type_into("input[name=client_id]", &client.id)?;
        b.type_into("input[name=client_secret]", &client.secret)?;
        b.type_into("input[name=client_label]", label)?;
        b.click("[data-action=save-client]")?;
        session.wait_text("#status", "Client saved", wait)?;
        Ok(())
    };
    save_client(&acme, "Acme Corp")?;
    b.type_into("#oauth-label", "ACR for Zoho CRM")?;
    shoot("client")?;
    let clear = "for (const id of ['oauth-label', 'oauth-scopes', 'refresh-token']) document.getElementById(id).value = '';";
    for (label, scopes) in [
        ("CRM sync", "ZohoCRM.modules.ALL,ZohoCRM.org.READ"),
        ("Books export", "ZohoBooks.fullaccess.all"),
    ] {
        let code = zoho
            .world()
            .oauth
            .create_code(&acme, scopes, Duration::from_secs(180))?;
        b.driver.execute(clear, serde_json::json!([]))?;
        b.type_into("#oauth-label", label)?;
        b.type_into("#oauth-scopes", scopes)?;
        b.type_into("input[name=code]", &code)?;
        b.click("[data-action=exchange]")?;
        session.wait_text("#status", &format!("Refresh token for {label} saved"), wait)?;
    }
    // The second company's client, and a refresh token made in its own script.
    b.click("[data-action=add-client]")?;
    save_client(&globex, "Globex")?;
    let made = zoho
        .world()
        .oauth
        .create_refresh_token(&globex, "ZohoInvoice.invoices.ALL");
    b.driver.execute(clear, serde_json::json!([]))?;
    b.type_into("#oauth-label", "Globex invoices")?;
    b.type_into("input[name=refresh_token]", &made)?;
    b.click("[data-action=add-refresh-token]")?;
    session.wait_text("#status", "Refresh token for Globex invoices saved", wait)?;
    // A Check, its outcome shown in the row.
    b.click_role("button", "Check: CRM sync")?;
    b.wait_for_css("[data-check=works]", wait)?;
    b.driver.execute(
        "document.querySelector('[data-check]').scrollIntoView({ block: 'end' })",
        serde_json::json!([]),
    )?;
    shoot("tokens")?;
    b.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": []}),
    )?;
    Ok(shots)
}
