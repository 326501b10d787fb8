//! Test-only support for Authtoken Keeper for Zoho:
//!
//! - [`server::LocalZoho`]: accounts.zoho.com and the other eight data centres'
//!   hosts, over HTTPS on loopback, with switches for every behaviour the
//!   extension must cope with ([`zoho::Config`]);
//! - [`browser::Browser`]: real headless Chromium or Firefox with the built
//!   extension, driven over WebDriver;
//! - [`Session`]: the two together, with the steps tests repeat.

pub mod browser;
pub mod console;
pub mod http;
pub mod oauth;
pub mod server;
pub mod webdriver;
pub mod zoho;

use anyhow::{bail, Context, Result};
use browser::{Browser, Kind, Launch};
use serde_json::{json, Value};
use server::LocalZoho;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Port the local Zoho listens on: Firefox can only reach it on 443.
pub const ZOHO_PORT: u16 = 443;

/// The six built-in presets as the popup should offer them, in order: each
/// `DISPLAY_NAME` and its application's name. Written out here, not taken from
/// the extension's code: these are what the tests expect.
pub const PRESETS: [(&str, &str); 6] = [
    ("acr4zoho", "ACR for Zoho CRM"),
    ("checkemail", "Email Checker for Zoho CRM"),
    ("phonecheck", "Phone Checker for Zoho CRM"),
    ("email2lead", "Email to Lead for Zoho CRM"),
    ("mysqles", "MySQL Easy Sync for Zoho CRM"),
    ("getresponse", "GetResponse Leads Sync for Zoho"),
];

/// The folders a tool (`bench`, `demo`) works with: the built extension
/// (`--dist`, default `dist/extension`) and where it writes (`--out`, default
/// `default_out`), which it makes.
pub fn dist_and_out(default_out: &str) -> Result<(PathBuf, PathBuf)> {
    let mut args = std::env::args().skip(1);
    let (mut dist, mut out) = (PathBuf::from("dist/extension"), PathBuf::from(default_out));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => dist = args.next().context("--dist needs a folder")?.into(),
            "--out" => out = args.next().context("--out needs a folder")?.into(),
            other => bail!("unknown argument {other:?}"),
        }
    }
    std::fs::create_dir_all(&out)?;
    Ok((dist, out))
}

/// One browser with the extension, next to the shared local Zoho.
pub struct Session<'a> {
    pub zoho: &'a LocalZoho,
    pub browser: Browser,
    launch: Launch,
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
        let launch = Launch {
            kind,
            extension: extension.to_path_buf(),
            zoho_port: zoho.port(),
            workdir,
            persistent: false,
            language: None,
            dark: false,
            // A build from before the welcome page has none to wait for.
            welcome: extension.join("welcome.html").is_file(),
        };
        let browser = Browser::launch(&launch)?;
        Ok(Session {
            zoho,
            browser,
            launch,
        })
    }

    /// This session's own folder (profiles, logs, files a scenario writes),
    /// removed with the run's other files when the run ends.
    pub fn workdir(&self) -> &Path {
        &self.launch.workdir
    }

    /// The extension folder this session's browser loaded.
    pub fn extension(&self) -> &Path {
        &self.launch.extension
    }

    /// Starts the browser again on a profile that survives restarts (and, in
    /// Firefox, with the add-on installed permanently). Use before [`Session::restart`].
    pub fn keep_profile(&mut self) -> Result<()> {
        self.relaunch(|launch| launch.persistent = true)
    }

    /// Starts the browser again on a fresh profile, changed by `change`.
    fn relaunch(&mut self, change: impl FnOnce(&mut Launch)) -> Result<()> {
        self.browser.stop();
        let _ = std::fs::remove_dir_all(self.launch.workdir.join("profile"));
        change(&mut self.launch);
        self.browser = Browser::launch(&self.launch)?;
        Ok(())
    }

    /// Starts the browser again on a fresh profile with another build of the
    /// extension (a deliberately broken copy, to see a check fail).
    pub fn load_extension(&mut self, extension: &Path) -> Result<()> {
        self.relaunch(|launch| launch.extension = extension.to_path_buf())
    }

    /// A copy of the extension this session loads, named `name` in the session's
    /// folder, whose background runs `line` at its end: a deliberately broken
    /// copy, to see a check fail. Returns its folder.
    pub fn broken_copy(&self, name: &str, line: &str) -> Result<PathBuf> {
        let dir = self.launch.workdir.join(name);
        copy_dir(&self.launch.extension, &dir)?;
        let background = dir.join("background.js");
        let script = std::fs::read_to_string(&background)?;
        std::fs::write(&background, format!("{script}\n{line}\n"))?;
        Ok(dir)
    }

    /// Chromium only: the user's earlier yes to the optional `permissions`,
    /// since its permission prompt cannot be answered headless. The extension
    /// is installed once, on a kept profile, from a copy whose manifest
    /// requires them; then the build itself replaces the copy in the same
    /// folder (so the same id) and the browser starts again. Chromium keeps
    /// them granted, as after the user's yes: the build's own request for
    /// them is answered without a prompt, and `permissions.remove` takes them
    /// back as for any optional permission. (Once taken back, Chromium asks
    /// again: a second yes cannot be given here.)
    pub fn grant_earlier(&mut self, permissions: &[&str]) -> Result<()> {
        let build = self.launch.extension.clone();
        let dir = self.launch.workdir.join("granted-earlier");
        copy_dir(&build, &dir)?;
        let path = dir.join("manifest.json");
        let mut manifest: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        for list in ["permissions", "optional_permissions"] {
            let names = manifest[list].as_array_mut().context("a permission list")?;
            names.retain(|name| !permissions.iter().any(|p| name == p));
            if list == "permissions" {
                names.extend(permissions.iter().map(|p| json!(p)));
            }
        }
        std::fs::write(&path, serde_json::to_string_pretty(&manifest)?)?;
        self.relaunch(|launch| {
            launch.persistent = true;
            launch.extension = dir.clone();
        })?;
        self.browser.stop();
        std::fs::remove_dir_all(&dir)?;
        copy_dir(&build, &dir)?;
        self.browser = Browser::launch(&self.launch)?;
        Ok(())
    }

    /// Starts the browser again with its interface in `language` (e.g. "ru").
    pub fn speak(&mut self, language: &str) -> Result<()> {
        self.relaunch(|launch| launch.language = Some(language.to_string()))
    }

    /// Starts the browser again with a dark system theme.
    pub fn go_dark(&mut self) -> Result<()> {
        self.relaunch(|launch| launch.dark = true)
    }

    /// Quits the browser and starts it again on the same profile.
    pub fn restart(&mut self) -> Result<()> {
        self.browser.stop();
        self.browser = Browser::launch(&self.launch)?;
        Ok(())
    }

    /// Turns the vault on with `passphrase` in the options page, as the user
    /// does, and waits until it says every secret is sealed.
    pub fn turn_vault_on(&self, passphrase: &str) -> Result<()> {
        let b = &self.browser;
        b.driver.navigate(&b.extension_url("options.html"))?;
        let wait = Duration::from_secs(10);
        b.wait_for_css("body[data-vault=off]", wait)?;
        b.type_into("input[name=vault-passphrase]", passphrase)?;
        b.type_into("input[name=vault-passphrase-again]", passphrase)?;
        b.click("[data-action=vault-on]")?;
        b.wait_for_css("body[data-vault=open]", Duration::from_secs(30))?;
        self.wait_text("#status", "encrypted with the passphrase", wait)?;
        Ok(())
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

    /// Opens the popup page in the current tab.
    pub fn open_popup(&self) -> Result<()> {
        self.browser.open_popup()
    }

    /// Clicks a preset button in the popup.
    pub fn click_preset(&self, display_name: &str) -> Result<()> {
        self.browser
            .click(&format!("[data-preset=\"{display_name}\"]"))
    }

    /// Waits until the element's text contains `needle`; returns the whole text.
    pub fn wait_text(&self, css: &str, needle: &str, timeout: Duration) -> Result<String> {
        let b = &self.browser;
        let mut last = String::new();
        let found = b
            .driver
            .wait_for(&format!("{css} to contain {needle:?}"), timeout, || {
                last = b.text(css).unwrap_or_default();
                Ok(last.contains(needle).then(|| last.clone()))
            });
        found.with_context(|| format!("last text of {css}: {last:?}"))
    }

    /// The status region's text (the `role=status` or `role=alert` element).
    pub fn status(&self) -> Result<(String, String)> {
        let value = self.browser.driver.execute(
            "const s = document.getElementById('status'); return [s.getAttribute('role'), s.textContent];",
            json!([]),
        )?;
        Ok((
            value[0].as_str().unwrap_or("").to_string(),
            value[1].as_str().unwrap_or("").to_string(),
        ))
    }

    /// Waits for an error (`role="alert"`) in the popup and returns its text.
    pub fn wait_alert(&self, timeout: Duration) -> Result<String> {
        let b = &self.browser;
        b.driver.wait_for("an alert in the popup", timeout, || {
            let (role, text) = self.status()?;
            Ok((role == "alert" && !text.is_empty()).then_some(text))
        })
    }

    /// The text of every saved-token row shown, top first.
    pub fn rows(&self) -> Result<Vec<String>> {
        self.browser.strings(
            "return [...document.querySelectorAll('[data-token-row]')].map(r => r.textContent)",
        )
    }

    /// The actions offered with the popup's status message (buttons and links),
    /// by their text, in order.
    pub fn remedies(&self) -> Result<Vec<String>> {
        self.browser.strings(
            "return [...document.querySelectorAll('#status .status-actions > *')].map(e => e.textContent)",
        )
    }

    /// The data centres the popup's status message offers to try instead.
    pub fn offered_data_centres(&self) -> Result<Vec<String>> {
        self.browser.strings(
            "return [...document.querySelectorAll('#status [data-dc]')].map(b => b.dataset.dc)",
        )
    }

    /// Where the links in the popup's status message lead.
    pub fn status_links(&self) -> Result<Vec<String>> {
        self.browser
            .strings("return [...document.querySelectorAll('#status a')].map(a => a.href)")
    }

    pub fn wait_rows(&self, count: usize, timeout: Duration) -> Result<Vec<String>> {
        let mut last = Vec::new();
        let found = self
            .browser
            .driver
            .wait_for(&format!("{count} token rows"), timeout, || {
                last = self.rows()?;
                Ok((last.len() == count).then(|| last.clone()))
            });
        found.with_context(|| format!("rows shown: {last:?}"))
    }

    /// Starts counting, in the popup, each time a saved row (authtoken or
    /// OAuth) is added to the page, by its record's id, and which storage
    /// entries have changed since: see [`Session::row_draws`].
    pub fn count_row_draws(&self) -> Result<()> {
        self.browser.driver.execute(
            "window.draws = {}; window.changed = [];
             new MutationObserver((records) => {
               for (const record of records) for (const node of record.addedNodes) {
                 if (node.nodeType === 1 && node.matches('[data-token-row], [data-oauth-row]')) {
                   draws[node.dataset.id] = (draws[node.dataset.id] || 0) + 1;
                 }
               }
             }).observe(document.body, {childList: true, subtree: true});
             chrome.storage.onChanged.addListener((changes) => changed.push(...Object.keys(changes)));",
            json!([]),
        )?;
        Ok(())
    }

    /// How many times the row of the record stored under `key` (`token:<id>`
    /// or `oauth:<id>`) was drawn since [`Session::count_row_draws`], once the
    /// popup has had its storage change (listeners run in the order they were
    /// added, the popup's first). Call it after the reply's effect shows.
    pub fn row_draws(&self, key: &str) -> Result<u64> {
        let driver = &self.browser.driver;
        driver.wait_for(
            &format!("the storage change of {key}"),
            Duration::from_secs(10),
            || {
                let seen = driver.execute("return changed.includes(arguments[0])", json!([key]))?;
                Ok((seen == json!(true)).then_some(()))
            },
        )?;
        let id = key.split_once(':').map_or(key, |(_, id)| id);
        let draws = driver.execute("return draws[arguments[0]] || 0", json!([id]))?;
        draws.as_u64().context("a count of draws")
    }

    /// Picks a data centre in the popup's select, as a user would.
    pub fn choose_data_centre(&self, code: &str) -> Result<()> {
        self.browser.driver.execute(
            "const dc = document.getElementById('dc'); dc.value = arguments[0]; dc.dispatchEvent(new Event('change', {bubbles: true}));",
            json!([code]),
        )?;
        Ok(())
    }

    /// Opens the popup on its OAuth view.
    pub fn open_oauth(&self) -> Result<()> {
        self.open_popup()?;
        self.browser.click("[data-view=oauth]")?;
        self.browser
            .wait_for_css("#view-oauth:not([hidden])", Duration::from_secs(5))
    }

    /// The text of every saved OAuth token row, top first.
    pub fn oauth_rows(&self) -> Result<Vec<String>> {
        self.browser.strings(
            "return [...document.querySelectorAll('[data-oauth-row]')].map(r => r.textContent)",
        )
    }

    /// What the clipboard holds: pasted by the keyboard into a text area the
    /// test adds to the page for the moment, read, and removed.
    pub fn clipboard(&self) -> Result<String> {
        let driver = &self.browser.driver;
        driver.execute(
            "const t = document.createElement('textarea'); t.id = 'paste-probe'; document.body.prepend(t);",
            json!([]),
        )?;
        self.paste_into("#paste-probe")?;
        let pasted = driver.execute(
            "const t = document.getElementById('paste-probe'); const v = t.value; t.remove(); return v;",
            json!([]),
        )?;
        Ok(pasted.as_str().unwrap_or_default().to_string())
    }

    /// Copies `text` as the user does: typed into a text area the test adds to
    /// the page for the moment, selected and copied with the keyboard.
    pub fn copy_as_user(&self, text: &str) -> Result<()> {
        let driver = &self.browser.driver;
        driver.execute(
            "const t = document.createElement('textarea'); t.id = 'copy-probe'; document.body.prepend(t);",
            json!([]),
        )?;
        self.browser.type_into("#copy-probe", text)?;
        self.with_control(&["a", "c"])?;
        driver.execute("document.getElementById('copy-probe').remove();", json!([]))?;
        Ok(())
    }

    /// Presses each of `keys` in turn with Control held down.
    fn with_control(&self, keys: &[&str]) -> Result<()> {
        let control = "\u{E009}";
        let mut actions = vec![json!({"type": "keyDown", "value": control})];
        for key in keys {
            actions.push(json!({"type": "keyDown", "value": key}));
            actions.push(json!({"type": "keyUp", "value": key}));
        }
        actions.push(json!({"type": "keyUp", "value": control}));
        let chord = json!({"actions": [{"type": "key", "id": "kb", "actions": actions}]});
        self.browser
            .driver
            .call("POST", "/actions", Some(&chord))
            .map(drop)
    }

    /// Clicks the field `css` and pastes the clipboard into it with the keyboard.
    pub fn paste_into(&self, css: &str) -> Result<()> {
        let driver = &self.browser.driver;
        let field = driver.find(css)?;
        driver.click_element(&field)?;
        self.with_control(&["v"])?;
        Ok(())
    }

    /// The requests the extension made to Zoho's OAuth endpoints, in order.
    pub fn oauth_requests(&self) -> Vec<zoho::Logged> {
        self.zoho
            .world()
            .log()
            .iter()
            .filter(|r| r.target.starts_with("/oauth/v2/"))
            .cloned()
            .collect()
    }

    /// The token records in extension storage (read from an extension page).
    pub fn stored_tokens(&self) -> Result<Vec<Value>> {
        let all = self.browser.storage()?;
        let Some(map) = all.as_object() else {
            bail!("storage is not an object: {all}");
        };
        let mut records: Vec<Value> = map
            .iter()
            .filter(|(k, _)| k.starts_with("token:"))
            .map(|(_, v)| v.clone())
            .collect();
        records.sort_by_key(|r| r["created"].as_u64());
        Ok(records)
    }

    /// The tokens the local Zoho issued and still holds, on every host.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.zoho
            .world()
            .all_tokens()
            .into_iter()
            .map(|(_, t)| t.token)
            .collect()
    }

    /// How many times Zoho's token-create page has been asked for.
    pub fn create_requests(&self) -> usize {
        self.zoho
            .world()
            .log()
            .iter()
            .filter(|r| r.target.starts_with("/apiauthtoken/create"))
            .count()
    }

    /// Window handles (tabs) of the browser.
    pub fn tabs(&self) -> Result<Vec<String>> {
        self.browser.tabs()
    }

    /// Opens a new tab (not switched to), and returns its handle.
    pub fn new_tab(&self) -> Result<String> {
        let opened =
            self.browser
                .driver
                .call("POST", "/window/new", Some(&json!({"type": "tab"})))?;
        Ok(opened["handle"].as_str().unwrap_or_default().to_string())
    }

    pub fn current_tab(&self) -> Result<String> {
        self.browser.current_tab()
    }

    pub fn switch_to(&self, handle: &str) -> Result<()> {
        self.browser.switch_to(handle)
    }

    /// Waits until the browser is back to the tabs in `known` (a Zoho tab the
    /// extension opened has closed itself).
    pub fn wait_tabs_back_to(&self, known: &[String], timeout: Duration) -> Result<()> {
        self.browser
            .driver
            .wait_for("the Zoho tab to close", timeout, || {
                Ok((self.tabs()?.len() == known.len()).then_some(()))
            })
    }

    /// Waits for a tab other than `known` to open and switches to it.
    pub fn switch_to_new_tab(&self, known: &[String], timeout: Duration) -> Result<String> {
        let handle = self.browser.driver.wait_for("a new tab", timeout, || {
            Ok(self.tabs()?.into_iter().find(|h| !known.contains(h)))
        })?;
        self.switch_to(&handle)?;
        Ok(handle)
    }
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
