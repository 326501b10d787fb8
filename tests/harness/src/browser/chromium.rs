//! Starting Chromium: the extension loaded unpacked, developer mode on, the Zoho
//! host names mapped to the local server.

use super::{env_or, Browser, Launch};
use crate::webdriver::WebDriver;
use crate::zoho::served_hosts;
use anyhow::{Context, Result};
use serde_json::json;
use std::net::SocketAddr;
use std::time::Duration;

impl Browser {
    pub(super) fn start_chromium(&mut self, address: SocketAddr, launch: &Launch) -> Result<()> {
        let extension = launch
            .extension
            .canonicalize()
            .context("the built extension")?;
        let profile = launch.workdir.join("profile");
        // Developer mode on, as a developer loading the unpacked extension has it:
        // only then does chrome://extensions record manifest and runtime errors.
        let preferences = profile.join("Default").join("Preferences");
        if !preferences.exists() {
            std::fs::create_dir_all(profile.join("Default"))?;
            std::fs::write(
                &preferences,
                json!({"extensions": {"ui": {"developer_mode": true}}}).to_string(),
            )?;
        }
        let rules: Vec<String> = served_hosts()
            .iter()
            .map(|host| format!("MAP {host} 127.0.0.1:{}", launch.zoho_port))
            .collect();
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-default-apps".into(),
            "--ignore-certificate-errors".into(),
            "--window-size=420,720".into(),
            // Console messages of every page and worker, the extension's service
            // worker included, go to Chromium's log (see `console_output`).
            "--enable-logging=stderr".into(),
            "--log-level=0".into(),
            format!("--user-data-dir={}", profile.display()),
            format!("--load-extension={}", extension.display()),
            format!("--disable-extensions-except={}", extension.display()),
            format!("--host-resolver-rules={}", rules.join(", ")),
        ];
        let mut args = args;
        if launch.dark {
            args.push("--force-dark-mode".into());
        }
        if let Some(language) = &launch.language {
            args.push(format!("--lang={language}"));
            args.push(format!("--accept-lang={language}"));
        }
        let capabilities = json!({
            "browserName": "chrome",
            "acceptInsecureCerts": true,
            "goog:chromeOptions": {
                "binary": env_or("CHROMIUM_BINARY", "/usr/lib/chromium/chromium"),
                "args": args,
                "excludeSwitches": ["enable-automation"],
            },
        });
        self.driver = WebDriver::new_session(address, capabilities)?;
        // The extension's id comes from its folder path; read it from the running
        // background service worker instead of computing it.
        let id = self.driver.wait_for(
            "the extension's service worker",
            Duration::from_secs(15),
            || {
                let targets = self.driver.call(
                    "POST",
                    "/goog/cdp/execute",
                    Some(&json!({"cmd": "Target.getTargets", "params": {}})),
                )?;
                Ok(targets["targetInfos"].as_array().and_then(|infos| {
                    infos.iter().find_map(|t| {
                        let url = t["url"].as_str()?;
                        let rest = url.strip_prefix("chrome-extension://")?;
                        (t["type"] == "service_worker")
                            .then(|| rest.split('/').next().unwrap_or("").to_string())
                    })
                }))
            },
        )?;
        self.extension_base = format!("chrome-extension://{id}/");
        Ok(())
    }
}
