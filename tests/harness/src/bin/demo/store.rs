//! The stores' images (`docs/store/`), made in the browser, never by hand:
//! the popup's authtoken list, the OAuth view and the options page, each
//! framed at 1280 × 800 on a plain backdrop with a line saying what it shows,
//! in English and Russian; and the small promo tile, 440 × 280.

use anyhow::{ensure, Context, Result};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;
use zoho_harness::browser::{Browser, Kind};
use zoho_harness::server::LocalZoho;
use zoho_harness::Session;

const WAIT: Duration = Duration::from_secs(10);
/// The stores' screenshot size, and the promo tile's.
const SCREENSHOT: (u32, u32) = (1280, 800);
const PROMO_TILE: (u32, u32) = (440, 280);
/// The popup's size in its screenshots: as tall as fits a screenshot's frame.
const POPUP: (u32, u32) = (400, 740);

/// What each language's images say: the three screenshots' lines, in the
/// order the screenshots are taken, and the promo tile's.
struct Words {
    language: &'static str,
    lines: [&'static str; 3],
    tagline: &'static str,
}

const LANGUAGES: [Words; 2] = [
    Words {
        language: "en",
        lines: [
            "Make a Zoho API credential with the session you are already signed in to",
            "OAuth Self Client: refresh tokens for several companies, checked and handed on",
            "Presets of your own, encrypted backups, a passphrase for every secret",
        ],
        tagline: "Zoho API credentials, made and kept safe",
    },
    Words {
        language: "ru",
        lines: [
            "Ключ API Zoho из сессии, в которую вы уже вошли",
            "OAuth Self Client: токены обновления для нескольких компаний — проверить и передать",
            "Свои заготовки, зашифрованные копии, парольная фраза для всех секретов",
        ],
        tagline: "Ключи API Zoho: создать и надёжно хранить",
    },
];

/// Every store image, in each language, into `out`; returns their paths.
pub fn store_images(
    zoho: &LocalZoho,
    dist: &Path,
    out: &Path,
    workdir: &Path,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    std::fs::copy(dist.join("icons/icon-128.png"), out.join("icon-128.png"))?;
    let mut made = Vec::new();
    for words in &LANGUAGES {
        let mut s = Session::start(zoho, Kind::Chromium, dist, workdir.join(words.language))?;
        if words.language != "en" {
            s.speak(words.language)?;
        }
        let shots = shoot(&s, zoho, out, words.language)?;
        for (n, (shot, line)) in shots.iter().zip(words.lines).enumerate() {
            let page = framed(shot, line);
            let path = out.join(format!("screenshot-{}-{}.png", n + 1, words.language));
            render(&s.browser, out, &page, SCREENSHOT, &path)?;
            made.push(path);
        }
        let path = out.join(format!("promo-440x280-{}.png", words.language));
        render(&s.browser, out, &promo(words.tagline), PROMO_TILE, &path)?;
        made.push(path);
        for shot in shots {
            std::fs::remove_file(shot)?;
        }
    }
    std::fs::remove_file(out.join("icon-128.png"))?;
    Ok(made)
}

/// The popup with three authtokens, the OAuth view with two companies' tokens
/// and a Check, and the options page with a preset of the user's own.
fn shoot(s: &Session, zoho: &LocalZoho, out: &Path, language: &str) -> Result<Vec<PathBuf>> {
    let b = &s.browser;
    let shot = |name: &str| -> Result<PathBuf> {
        let path = out.join(format!("{language}-{name}.png"));
        b.screenshot(&path)?;
        Ok(path)
    };
    s.sign_in("accounts.zoho.com")?;
    b.driver.set_window_size(POPUP.0, POPUP.1)?;
    s.open_popup()?;
    for (n, preset) in ["checkemail", "acr4zoho", "phonecheck"].iter().enumerate() {
        s.click_preset(preset)?;
        s.wait_rows(n + 1, WAIT)?;
    }
    let popup = shot("popup")?;

    s.open_oauth()?;
    let (acme, globex) = {
        let mut world = zoho.world();
        (
            world.oauth.create_client("accounts.zoho.com"),
            world.oauth.create_client("accounts.zoho.com"),
        )
    };
    let clients = |n: usize| {
        format!("return document.querySelectorAll('select[name=client] option').length >= {n}")
    };
    let rows =
        |n: usize| format!("return document.querySelectorAll('[data-oauth-row]').length >= {n}");
    let clear = "for (const id of ['oauth-label', 'oauth-scopes', 'refresh-token']) document.getElementById(id).value = '';";
    // Each company's Self Client, and a refresh token made with it.
    for (n, (client, company, label, scopes)) in [
        (
            &acme,
            "Acme Corp",
            "CRM sync",
            "ZohoCRM.modules.ALL,ZohoCRM.org.READ",
        ),
        (
            &globex,
            "Globex",
            "Books export",
            "ZohoBooks.fullaccess.all",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        if n > 0 {
            b.click("[data-action=add-client]")?;
        }
        b.type_into("input[name=client_id]", &client.id)?;
        b.type_into("input[name=client_secret]", &client.secret)?;
        b.type_into("input[name=client_label]", company)?;
        b.click("[data-action=save-client]")?;
        until(b, &clients(n + 1))?;
        let code = zoho
            .world()
            .oauth
            .create_code(client, scopes, Duration::from_secs(180))?;
        b.driver.execute(clear, json!([]))?;
        b.type_into("#oauth-label", label)?;
        b.type_into("#oauth-scopes", scopes)?;
        b.type_into("input[name=code]", &code)?;
        b.click("[data-action=exchange]")?;
        until(b, &rows(n + 1))?;
    }
    b.click("[data-oauth-row] [data-action=check]")?;
    b.wait_for_css("[data-check=works]", WAIT)?;
    // The saved tokens at the top, with their heading and filter above them.
    b.driver.execute(
        "document.querySelector('[data-oauth-row]').scrollIntoView({ block: 'start' }); window.scrollBy(0, -70);",
        json!([]),
    )?;
    let oauth = shot("oauth")?;

    b.driver.set_window_size(720, POPUP.1)?;
    b.driver.navigate(&b.extension_url("options.html"))?;
    b.wait_for_css("body[data-ready]", WAIT)?;
    b.type_into("#preset-label", "Recruit sync")?;
    b.type_into("#preset-name", "recruitsync")?;
    b.type_into("#preset-scope", "ZohoRecruit/recruitapi")?;
    b.click("#add-preset button[type=submit]")?;
    until(
        b,
        "return document.querySelectorAll('[data-user-preset]').length === 1",
    )?;
    let options = shot("options")?;
    Ok(vec![popup, oauth, options])
}

/// Waits until `script` returns true in the page.
fn until(b: &Browser, script: &str) -> Result<()> {
    b.driver.wait_for(script, WAIT, || {
        Ok((b.driver.execute(script, json!([]))? == json!(true)).then_some(()))
    })
}

const BACKDROP: &str = "html, body { margin: 0; height: 100%; }\
    body { display: flex; align-items: center; justify-content: center; gap: 56px;\
      background: #e8eef6; color: #1b1f24; font-family: system-ui, sans-serif; }\
    img.shot { max-height: 740px; border-radius: 10px; box-shadow: 0 10px 40px rgba(10, 40, 90, .25); }";

/// A screenshot on the plain backdrop, with its line beside it.
fn framed(shot: &Path, line: &str) -> String {
    let file = shot
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    format!(
        "<!doctype html><meta charset=utf-8><style>{BACKDROP}\
         p {{ width: 400px; margin: 0; font-size: 34px; font-weight: 600; line-height: 1.3; }}</style>\
         <p>{}</p><img class=shot src=\"{file}\">",
        escape(line)
    )
}

/// The promo tile: the icon, the name and the tagline.
fn promo(tagline: &str) -> String {
    format!(
        "<!doctype html><meta charset=utf-8><style>{BACKDROP}\
         body {{ gap: 20px; background: #0a59c2; color: #fff; }}\
         div {{ width: 230px; }} h1 {{ margin: 0 0 8px; font-size: 26px; line-height: 1.15; }}\
         p {{ margin: 0; font-size: 17px; line-height: 1.3; }}</style>\
         <img src=icon-128.png width=128 height=128><div><h1>Authtoken Keeper for Zoho</h1><p>{}</p></div>",
        escape(tagline)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Renders `page` at exactly `size` (the viewport set through the DevTools
/// protocol) and saves it as `path`, once its images have loaded.
fn render(b: &Browser, folder: &Path, page: &str, size: (u32, u32), path: &Path) -> Result<()> {
    let file = folder.join("frame.html");
    std::fs::write(&file, page)?;
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": size.0, "height": size.1, "deviceScaleFactor": 1, "mobile": false}),
    )?;
    b.driver
        .navigate(&format!("file://{}", file.canonicalize()?.display()))?;
    until(
        b,
        "return [...document.images].every(i => i.complete && i.naturalWidth > 0)",
    )?;
    b.screenshot(path)?;
    b.cdp("Emulation.clearDeviceMetricsOverride", json!({}))?;
    std::fs::remove_file(&file)?;
    let (width, height) = png_size(path)?;
    ensure!(
        (width, height) == size,
        "{} is {width} × {height}, not {} × {}",
        path.display(),
        size.0,
        size.1
    );
    Ok(())
}

/// A PNG's width and height, from its header.
fn png_size(path: &Path) -> Result<(u32, u32)> {
    let bytes = std::fs::read(path)?;
    let word = |at: usize| -> Result<u32> {
        let four: [u8; 4] = bytes.get(at..at + 4).context("not a PNG")?.try_into()?;
        Ok(u32::from_be_bytes(four))
    };
    Ok((word(16)?, word(20)?))
}
