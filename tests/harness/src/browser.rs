//! Real headless Chromium and Firefox with the built extension loaded and the Zoho
//! host names pointed at the local server. Everything started here is stopped
//! when the `Browser` is dropped, even when the test failed.

use crate::webdriver::{self, WebDriver};
use crate::zoho::HOSTS;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The add-on id from `manifest.json` (`browser_specific_settings.gecko.id`).
pub const GECKO_ID: &str = "authtoken-keeper@zoho-helpers";
/// The fixed internal UUID the tests give the add-on in Firefox.
const FIREFOX_UUID: &str = "5b0f6f0e-7a53-4c1b-9b1e-3f2d7c1a0b42";

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

    fn start_chromium(&mut self, address: SocketAddr, launch: &Launch) -> Result<()> {
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
        let rules: Vec<String> = HOSTS
            .iter()
            .map(|(_, host)| format!("MAP {host} 127.0.0.1:{}", launch.zoho_port))
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

    fn start_firefox(
        &mut self,
        address: SocketAddr,
        launch: &Launch,
        extra_prefs: Value,
    ) -> Result<()> {
        let hosts: Vec<&str> = HOSTS.iter().map(|(_, h)| *h).collect();
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

    /// A Chrome DevTools protocol command (Chromium only).
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.driver.call(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({"cmd": cmd, "params": params})),
        )
    }

    /// An address inside the extension, e.g. `popup.html`.
    pub fn extension_url(&self, path: &str) -> String {
        format!("{}{path}", self.extension_base)
    }

    /// Opens the popup as a page and waits until it has rendered.
    pub fn open_popup(&self) -> Result<()> {
        self.driver.navigate(&self.extension_url("popup.html"))?;
        self.wait_for_css("body[data-ready]", Duration::from_secs(10))
    }

    pub fn wait_for_css(&self, css: &str, timeout: Duration) -> Result<()> {
        self.driver.wait_for(css, timeout, || {
            Ok(self
                .driver
                .execute(
                    "return document.querySelector(arguments[0]) !== null",
                    json!([css]),
                )?
                .as_bool()
                .filter(|found| *found)
                .map(drop))
        })
    }

    /// The text of the first element matching `css`.
    pub fn text(&self, css: &str) -> Result<String> {
        let value = self.driver.execute(
            "const el = document.querySelector(arguments[0]); return el ? el.textContent : null;",
            json!([css]),
        )?;
        match value.as_str() {
            Some(text) => Ok(text.to_string()),
            None => bail!("no element matches {css:?}"),
        }
    }

    pub fn click(&self, css: &str) -> Result<()> {
        let element = self.driver.find(css)?;
        self.driver.click_element(&element)
    }

    pub fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let element = self.driver.find(css)?;
        self.driver.send_keys(&element, text)
    }

    /// Finds a control by its role and (part of) its accessible name, as a user
    /// would: a button, link or textbox labelled so.
    pub fn by_role(&self, role: &str, name: &str) -> Result<String> {
        let value = self.driver.execute(ROLE_LOOKUP, json!([role, name]))?;
        if value.is_null() {
            bail!("no {role} named {name:?} on the page");
        }
        webdriver::element_id(&value)
    }

    pub fn click_role(&self, role: &str, name: &str) -> Result<()> {
        let element = self.by_role(role, name)?;
        self.driver.click_element(&element)
    }

    /// Runs `script` in the current page; its answer, a list of strings.
    pub fn strings(&self, script: &str) -> Result<Vec<String>> {
        let value = self.driver.execute(script, json!([]))?;
        serde_json::from_value(value).with_context(|| format!("not a list of strings: {script}"))
    }

    /// Everything in `chrome.storage.local`, read from the current extension page.
    pub fn storage(&self) -> Result<Value> {
        self.driver.execute_async(
            "const done = arguments[arguments.length - 1];\
             chrome.storage.local.get(null).then(done, e => done({error: String(e)}));",
            json!([]),
        )
    }

    /// Replaces `chrome.storage.local` with these items (from an extension page).
    pub fn set_storage(&self, items: &Value) -> Result<()> {
        self.driver
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 chrome.storage.local.clear().then(() => chrome.storage.local.set(arguments[0])).then(() => done(true), e => done(String(e)));",
                json!([items]),
            )
            .map(drop)
    }

    /// What the extension wrote to the console since the browser started: its
    /// pages, content script and background (service worker or event page), as
    /// the browser wrote it to its log. Chromium names each message's source;
    /// Firefox does not, but its own modules log under a name
    /// (`console.warn: services.settings: …`) where pages and extensions log
    /// their values (`console.log: "…"`), and the web pages here run no script.
    pub fn console_output(&self) -> Result<Vec<String>> {
        let log = std::fs::read_to_string(self.workdir.join("driver.log"))?;
        Ok(log
            .lines()
            .skip(self.log_start)
            .filter(|line| match self.kind {
                Kind::Chromium => {
                    line.contains(":CONSOLE") && line.contains("source: chrome-extension://")
                }
                Kind::Firefox => line.starts_with("console.") && !is_firefox_module_line(line),
            })
            .map(String::from)
            .collect())
    }

    /// Runs axe-core (WCAG 2.1 A and AA rules) on the current page and returns
    /// one line per violation. `AXE_CORE` names `axe.min.js` (build.sh installs it).
    pub fn accessibility_violations(&self) -> Result<Vec<String>> {
        let path =
            std::env::var("AXE_CORE").context("AXE_CORE is not set (./build.sh test sets it)")?;
        let source = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
        let script = format!(
            "const done = arguments[arguments.length - 1];\n{source}\n\
             axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}}})\
               .then(r => done(r.violations.map(v => `${{v.id}} (${{v.impact}}): ${{v.nodes.map(n => n.target.join(' ')).join(', ')}}`)),\
                     e => done(['axe failed: ' + e]));"
        );
        let value = self.driver.execute_async(&script, json!([]))?;
        Ok(serde_json::from_value(value)?)
    }

    /// Presses keys (WebDriver key values, e.g. "\u{E004}" for Tab) one after another.
    pub fn press(&self, keys: &[&str]) -> Result<()> {
        let mut actions = Vec::new();
        for key in keys {
            actions.push(json!({"type": "keyDown", "value": key}));
            actions.push(json!({"type": "keyUp", "value": key}));
        }
        self.driver
            .call(
                "POST",
                "/actions",
                Some(&json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
            )
            .map(drop)
    }

    /// A short description of the focused element (`data-preset`, `data-action`, id or tag).
    pub fn focused(&self) -> Result<String> {
        let value = self.driver.execute(
            "const e = document.activeElement; if (!e) return '';\
             const row = e.closest('[data-token-row]');\
             const where = row ? '@' + row.dataset.id : '';\
             return (e.dataset.preset ? 'preset:' + e.dataset.preset : e.dataset.action ? 'action:' + e.dataset.action : e.id ? '#' + e.id : e.tagName.toLowerCase()) + where;",
            json!([]),
        )?;
        Ok(value.as_str().unwrap_or("").to_string())
    }

    pub fn screenshot(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.driver.screenshot()?)?;
        Ok(())
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

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// Implicit roles and accessible names, as far as the popup needs them.
const ROLE_LOOKUP: &str = r#"
const [role, name] = arguments;
const selectors = {
  button: 'button, [role=button], input[type=submit], input[type=button]',
  link: 'a[href], [role=link]',
  textbox: 'input:not([type]), input[type=text], input[type=email], input[type=password], textarea, [role=textbox]',
  combobox: 'select, [role=combobox], input[list]',
  status: '[role=status], [role=alert]',
  listitem: 'li, [role=listitem]',
};
const accessibleName = el => {
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
  if (el.labels && el.labels.length) return Array.from(el.labels).map(l => l.textContent).join(' ');
  return el.textContent || el.value || '';
};
const wanted = name.toLowerCase();
for (const el of document.querySelectorAll(selectors[role] || `[role=${role}]`)) {
  if (accessibleName(el).replace(/\s+/g, ' ').toLowerCase().includes(wanted)) return el;
}
return null;
"#;

/// A line Firefox's own modules log under their name: `console.warn: LoginRecipes: …`.
fn is_firefox_module_line(line: &str) -> bool {
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
