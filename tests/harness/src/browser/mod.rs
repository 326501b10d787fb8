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

use crate::webdriver::{self, WebDriver};
use anyhow::{Context, Result};
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
    process: Child,
    stopped: bool,
}

impl Browser {
    pub fn launch(launch: &Launch) -> Result<Browser> {
        Browser::launch_with_prefs(launch, json!({}))
    }

    /// Like [`Browser::launch`], with extra Firefox preferences (ignored by Chromium).
    pub fn launch_with_prefs(launch: &Launch, firefox_prefs: Value) -> Result<Browser> {
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
            process,
            stopped: false,
        };
        browser.wait_for_driver(address)?;
        match launch.kind {
            Kind::Chromium => browser.start_chromium(address, launch)?,
            Kind::Firefox => browser.start_firefox(address, launch, firefox_prefs)?,
        }
        Ok(browser)
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
