//! Real headless Chromium and Firefox with the built extension loaded and the Zoho
//! host names pointed at the local server. Everything started here is stopped
//! when the `Browser` is dropped, even when the test failed.
//!
//! This file launches and stops; `chromium` and `firefox` start each browser
//! their own way; `page` holds what tests do in a page, with the longer
//! JavaScript it runs in `scripts`.

mod chromium;
mod firefox;
mod page;
mod scripts;

/// WebDriver's codes for the keys scenarios press ([`Browser::press`]).
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SPACE: &str = " ";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const HOME: &str = "\u{E011}";
    pub const END: &str = "\u{E010}";
    pub const UP: &str = "\u{E013}";
    pub const DOWN: &str = "\u{E015}";
}

use crate::webdriver::{self, WebDriver};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The add-on id from `manifest.json` (`browser_specific_settings.gecko.id`).
pub const GECKO_ID: &str = "authtoken-keeper@zoho-helpers";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Chromium,
    Firefox,
}

impl Kind {
    pub const BOTH: [Kind; 2] = [Kind::Chromium, Kind::Firefox];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Chromium => "chromium",
            Kind::Firefox => "firefox",
        }
    }
}

/// Where to start a browser from.
#[derive(Clone, Debug)]
pub struct Launch {
    pub kind: Kind,
    /// The unpacked extension (`dist/extension`).
    pub extension: PathBuf,
    /// The local Zoho's port.
    pub zoho_port: u16,
    /// Folder for this browser's profile and driver log.
    pub workdir: PathBuf,
    /// Keep the profile and the add-on across restarts. In Firefox this installs
    /// the store archive as a permanent (unsigned, so ESR-only) add-on instead of
    /// a temporary one, which Firefox would remove when it quits.
    pub persistent: bool,
    /// The browser's UI language (`None`: English).
    pub language: Option<String>,
    /// The extension opens its welcome page on a first install (ours does; a
    /// build from before it, or the bench's twin, does not): on a fresh profile
    /// the launch waits for that page and closes it, so each scenario starts
    /// with its own tab alone.
    pub welcome: bool,
    /// Pages see `prefers-color-scheme: dark`.
    pub dark: bool,
}

pub struct Browser {
    pub kind: Kind,
    pub driver: WebDriver,
    /// `chrome-extension://<id>/` or `moz-extension://<uuid>/`.
    pub extension_base: String,
    /// This browser's folder (profile, driver log).
    workdir: PathBuf,
    /// Lines of the driver log written before the extension was installed
    /// (Firefox; Chromium loads it as it starts).
    log_start: usize,
    /// The welcome page the first install opened (and the launch closed), if any.
    pub welcomed: Option<String>,
    process: Child,
    stopped: bool,
}

impl Browser {
    pub fn launch(launch: &Launch) -> Result<Browser> {
        Browser::launch_with_prefs(launch, json!({}))
    }

    /// Like [`Browser::launch`], with extra Firefox preferences (ignored by Chromium).
    ///
    /// Chromium, a few times in a thousand starts with our welcome page
    /// (never Firefox): every page of the extension showed message names instead of
    /// their text from the first one on, `i18n.getMessage` answering "" for
    /// messages `_locales` has. Chromium fetches an extension's messages once
    /// per renderer process and keeps what it got; the extension cannot make
    /// them vanish (a `_locales` it cannot read stops the install). Such a
    /// start is started again, once, and the run says so; the same twice in a
    /// row fails the launch, as a message missing from `_locales` would.
    pub fn launch_with_prefs(launch: &Launch, firefox_prefs: Value) -> Result<Browser> {
        let browser = Browser::start(launch, firefox_prefs.clone())?;
        let Some(missing) = browser.missing_messages()? else {
            return Ok(browser);
        };
        eprintln!(
            "{}: the extension's pages got no messages ({missing}); starting Chromium again",
            launch.workdir.display()
        );
        drop(browser);
        let browser = Browser::start(launch, firefox_prefs)?;
        if let Some(missing) = browser.missing_messages()? {
            bail!("twice, the extension's pages got no messages ({missing})");
        }
        Ok(browser)
    }

    /// What the extension's pages get from `i18n.getMessage`, if its name is
    /// missing: asked in a page with no script of ours (`privacy.html`), then
    /// left for a blank page. Asked in Chromium after a welcome page, where
    /// the fault was seen; elsewhere taken as there.
    fn missing_messages(&self) -> Result<Option<Value>> {
        if self.kind != Kind::Chromium || self.welcomed.is_none() {
            return Ok(None);
        }
        self.driver.navigate(&self.extension_url("privacy.html"))?;
        let got = self
            .driver
            .execute(&format!("return {}", scripts::MESSAGES), json!([]))?;
        self.driver.navigate("about:blank")?;
        Ok((got["extShortName"] == "").then_some(got))
    }

    fn start(launch: &Launch, firefox_prefs: Value) -> Result<Browser> {
        std::fs::create_dir_all(&launch.workdir)?;
        let port = free_port()?;
        let address: SocketAddr = ([127, 0, 0, 1], port).into();
        let log = std::fs::File::create(launch.workdir.join("driver.log"))?;
        let mut command = match launch.kind {
            Kind::Chromium => {
                let mut c = Command::new(env_or("CHROMEDRIVER", "chromedriver"));
                // Chromium's own log (console messages of every context) into ours.
                c.args([format!("--port={port}"), "--enable-chrome-logs".into()]);
                c
            }
            Kind::Firefox => {
                let mut c = Command::new(env_or("GECKODRIVER", "geckodriver"));
                c.args(["--port", &port.to_string(), "--allow-system-access"]);
                c
            }
        };
        // Its own process group, so the driver and the browser it starts are
        // stopped together.
        command
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        let process = command
            .spawn()
            .with_context(|| format!("starting the {} driver", launch.kind.name()))?;
        let mut browser = Browser {
            kind: launch.kind,
            driver: WebDriver::placeholder(address),
            extension_base: String::new(),
            workdir: launch.workdir.clone(),
            log_start: 0,
            welcomed: None,
            process,
            stopped: false,
        };
        browser.wait_for_driver(address)?;
        // A profile kept from an earlier launch has the extension installed
        // already, in Firefox. Chromium installs an extension given on its
        // command line anew at every start (onInstalled says "install"), as a
        // user's unpacked or store install is not.
        let first_install =
            launch.kind == Kind::Chromium || !launch.workdir.join("profile").exists();
        match launch.kind {
            Kind::Chromium => browser.start_chromium(address, launch)?,
            Kind::Firefox => browser.start_firefox(address, launch, firefox_prefs)?,
        }
        if launch.welcome && first_install {
            browser.welcomed = Some(browser.close_welcome()?);
        }
        Ok(browser)
    }

    /// Waits for the tab the first install opens with the welcome page, closes
    /// it, and returns its address.
    fn close_welcome(&self) -> Result<String> {
        let page = self.extension_url("welcome.html");
        let (tab, url) = self.driver.wait_for(
            "the welcome page the first install opens",
            Duration::from_secs(20),
            || Ok(self.tabs_showing(&page)?.into_iter().next()),
        )?;
        self.close_tab(&tab)?;
        // Closed, not closing, before the scenario opens its first page (once,
        // in Chromium, the page opened next showed a message's key instead of
        // its text).
        self.driver
            .wait_for("the welcome page to close", Duration::from_secs(10), || {
                Ok(self.tabs_showing(&page)?.is_empty().then_some(()))
            })?;
        Ok(url)
    }

    /// The tabs whose address starts with `page`, with their addresses.
    /// Chromium's driver does not list a tab the extension opened itself
    /// (its DevTools targets do); Firefox's does, and each is visited.
    pub fn tabs_showing(&self, page: &str) -> Result<Vec<(String, String)>> {
        if self.kind == Kind::Chromium {
            let targets = self.cdp("Target.getTargets", json!({}))?;
            return Ok(targets["targetInfos"]
                .as_array()
                .context("Target.getTargets")?
                .iter()
                .filter(|t| t["type"] == "page")
                .filter_map(|t| Some((t["targetId"].as_str()?, t["url"].as_str()?)))
                .filter(|(_, url)| url.starts_with(page))
                .map(|(id, url)| (id.to_string(), url.to_string()))
                .collect());
        }
        let home = self.current_tab()?;
        let mut found = Vec::new();
        for handle in self.tabs()?.into_iter().filter(|h| *h != home) {
            self.switch_to(&handle)?;
            let url = self.driver.current_url()?;
            if url.starts_with(page) {
                found.push((handle, url));
            }
        }
        self.switch_to(&home)?;
        Ok(found)
    }

    /// Closes a tab [`Browser::tabs_showing`] found, staying in the current one.
    fn close_tab(&self, tab: &str) -> Result<()> {
        if self.kind == Kind::Chromium {
            self.cdp("Target.closeTarget", json!({ "targetId": tab }))?;
            return Ok(());
        }
        let home = self.current_tab()?;
        self.switch_to(tab)?;
        self.driver.call("DELETE", "/window", None)?;
        self.switch_to(&home)
    }

    /// Window handles (tabs) the driver lists.
    pub fn tabs(&self) -> Result<Vec<String>> {
        Ok(serde_json::from_value(self.driver.call(
            "GET",
            "/window/handles",
            None,
        )?)?)
    }

    /// The handle of the tab the driver is in.
    pub fn current_tab(&self) -> Result<String> {
        Ok(self
            .driver
            .call("GET", "/window", None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Makes the tab `handle` the one the driver is in.
    pub fn switch_to(&self, handle: &str) -> Result<()> {
        self.driver
            .call("POST", "/window", Some(&json!({ "handle": handle })))
            .map(drop)
    }

    fn wait_for_driver(&self, address: SocketAddr) -> Result<()> {
        self.driver
            .wait_for("the WebDriver server", Duration::from_secs(20), || {
                Ok(webdriver::command(address, "GET", "/status", None)
                    .ok()
                    .filter(|s| s.get("ready").and_then(Value::as_bool) == Some(true))
                    .map(drop))
            })
    }
}

impl Browser {
    /// Quits the browser and its driver (also done on drop).
    pub fn stop(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        let _ = self.driver.close();
        let group = self.process.id();
        // The whole group: the driver and the browser processes it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status();
        let _ = self.process.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.stop();
    }
}

impl WebDriver {
    /// A client with no session yet (used only while the driver starts).
    fn placeholder(address: SocketAddr) -> WebDriver {
        WebDriver::with_session(address, String::new())
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}
