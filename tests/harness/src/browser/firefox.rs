//! Starting Firefox: the add-on installed (temporary, or the store archive for a
//! profile that survives restarts), the Zoho host names resolved to loopback.

use super::{env_or, Browser, Launch, GECKO_ID};
use crate::webdriver::WebDriver;
use crate::zoho::served_hosts;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The fixed internal UUID the tests give the add-on in Firefox.
const FIREFOX_UUID: &str = "5b0f6f0e-7a53-4c1b-9b1e-3f2d7c1a0b42";

impl Browser {
    pub(super) fn start_firefox(
        &mut self,
        address: SocketAddr,
        launch: &Launch,
        extra_prefs: Value,
    ) -> Result<()> {
        let hosts = served_hosts();
        if launch.zoho_port != 443 {
            bail!(
                "Firefox reaches the local Zoho only on port 443 (got {})",
                launch.zoho_port
            );
        }
        let mut args = vec![
            "-headless".to_string(),
            "-width".into(),
            "420".into(),
            "-height".into(),
            "720".into(),
        ];
        let profile = launch.workdir.join("profile");
        let first_start = !profile.exists();
        if launch.persistent {
            std::fs::create_dir_all(&profile)?;
            args.extend(["-profile".to_string(), profile.display().to_string()]);
        }
        let capabilities = json!({
            "browserName": "firefox",
            "acceptInsecureCerts": true,
            "moz:firefoxOptions": {
                "binary": env_or("FIREFOX_BINARY", "firefox-esr"),
                "args": args,
                "prefs": {
                    "xpinstall.signatures.required": false,
                    "network.dns.localDomains": hosts.join(","),
                    "network.proxy.type": 0,
                    "extensions.webextensions.uuids": json!({ GECKO_ID: FIREFOX_UUID }).to_string(),
                    "browser.shell.checkDefaultBrowser": false,
                    "app.update.enabled": false,
                    "datareporting.policy.dataSubmissionEnabled": false,
                    "toolkit.telemetry.enabled": false,
                    // Console messages of every context to standard output, which
                    // the driver's log keeps (see `console_output`).
                    "devtools.console.stdout.content": true,
                    // The user's answer to an optional permission's doorhanger
                    // (Mozilla's own test preference): yes. Headless shows none.
                    "extensions.webextOptionalPermissionPrompts": false,
                },
            },
        });
        let mut capabilities = capabilities;
        if launch.dark {
            // 0: dark, for web content and extension pages alike.
            capabilities["moz:firefoxOptions"]["prefs"]
                ["layout.css.prefers-color-scheme.content-override"] = json!(0);
        }
        if let Some(language) = &launch.language {
            // Needs the language pack (Debian: firefox-esr-l10n-<language>).
            capabilities["moz:firefoxOptions"]["prefs"]["intl.locale.requested"] = json!(language);
            capabilities["moz:firefoxOptions"]["prefs"]["intl.accept_languages"] = json!(language);
        }
        if let (Some(prefs), Some(extra)) = (
            capabilities["moz:firefoxOptions"]["prefs"].as_object_mut(),
            extra_prefs.as_object(),
        ) {
            prefs.extend(extra.clone());
        }
        self.driver = WebDriver::new_session(address, capabilities)?;
        let extension = launch
            .extension
            .canonicalize()
            .context("the built extension")?;
        // What Firefox said while starting is not the extension's.
        self.log_start = std::fs::read_to_string(launch.workdir.join("driver.log"))
            .map_or(0, |log| log.lines().count());
        if !launch.persistent {
            self.driver.call(
                "POST",
                "/moz/addon/install",
                Some(&json!({"path": extension.display().to_string(), "temporary": true})),
            )?;
        } else if first_start {
            let archive = firefox_archive(&extension)?;
            self.driver.call(
                "POST",
                "/moz/addon/install",
                Some(&json!({"path": archive.display().to_string(), "temporary": false})),
            )?;
        }
        self.extension_base = format!("moz-extension://{FIREFOX_UUID}/");
        Ok(())
    }
}

/// The Firefox store archive `./build.sh` made next to `dist/extension`.
fn firefox_archive(extension: &Path) -> Result<PathBuf> {
    let dist = extension.parent().context("dist folder")?;
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("authtoken-keeper-") && name.ends_with("-firefox.zip") {
            return Ok(path);
        }
    }
    bail!("no Firefox archive in {}: run ./build.sh", dist.display())
}

/// A line Firefox's own modules log under their name: `console.warn: LoginRecipes: …`.
pub(super) fn is_firefox_module_line(line: &str) -> bool {
    let Some((_, rest)) = line.split_once(": ") else {
        return false;
    };
    rest.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn firefox_module_lines_are_told_from_page_lines() {
        use super::is_firefox_module_line as module;
        assert!(module(
            "console.warn: services.settings: Ignoring preference override"
        ));
        assert!(module("console.warn: LoginRecipes: \"Falling back\""));
        assert!(!module("console.log: \"a deliberately noisy copy\""));
        assert!(!module("console.error: \"Warning: x\" \"-width\""));
        assert!(!module("console.log: ({token:\"0123\"})"));
    }
}
