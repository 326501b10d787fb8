//! Test-only support for Authtoken Keeper for Zoho:
//!
//! - [`server::LocalZoho`]: accounts.zoho.com and the other eight data centres'
//!   hosts, over HTTPS on loopback, with switches for every behaviour the
//!   extension must cope with ([`zoho::Config`]);
//! - [`browser::Browser`]: real headless Chromium or Firefox with the built
//!   extension, driven over WebDriver;
//! - [`Session`]: the two together, with the steps tests repeat.

pub mod browser;
pub mod http;
pub mod server;
pub mod webdriver;
pub mod zoho;

use anyhow::{Context, Result};
use browser::{Browser, Kind, Launch};
use server::LocalZoho;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Port the local Zoho listens on: Firefox can only reach it on 443.
pub const ZOHO_PORT: u16 = 443;

/// One browser with the extension, next to the shared local Zoho.
pub struct Session<'a> {
    pub zoho: &'a LocalZoho,
    pub browser: Browser,
}

impl<'a> Session<'a> {
    /// A fresh browser profile with the extension, against a freshly reset Zoho.
    pub fn start(
        zoho: &'a LocalZoho,
        kind: Kind,
        extension: &Path,
        workdir: PathBuf,
    ) -> Result<Session<'a>> {
        zoho.reset();
        let browser = Browser::launch(&Launch {
            kind,
            extension: extension.to_path_buf(),
            zoho_port: zoho.port(),
            workdir,
        })?;
        Ok(Session { zoho, browser })
    }

    /// Signs in at a data centre's sign-in page as the user would.
    pub fn sign_in(&self, host: &str) -> Result<()> {
        let b = &self.browser;
        b.driver
            .navigate(&format!("https://{host}/signin?servicename=AaaServer"))?;
        b.type_into("#lid", zoho::USER)?;
        b.type_into("#pwd", zoho::PASSWORD)?;
        b.click("#signin")?;
        b.driver
            .wait_for(
                "the signed-in landing page",
                Duration::from_secs(10),
                || Ok(b.driver.current_url()?.contains("/u/h").then_some(())),
            )
            .context("signing in")
    }
}
