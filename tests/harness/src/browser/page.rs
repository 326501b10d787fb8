//! What a test does in a page: find, click, type, read, press keys, read and
//! replace the extension's storage, run axe, read the extension's console.

use super::firefox::is_firefox_module_line;
use super::{scripts, Browser, Kind};
use crate::webdriver;
use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

impl Browser {
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
        let value = self
            .driver
            .execute(scripts::ROLE_LOOKUP, json!([role, name]))?;
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
        self.driver.execute_async(scripts::READ_STORAGE, json!([]))
    }

    /// Replaces `chrome.storage.local` with these items (from an extension page).
    pub fn set_storage(&self, items: &Value) -> Result<()> {
        self.driver
            .execute_async(scripts::REPLACE_STORAGE, json!([items]))
            .map(drop)
    }

    /// Adds or replaces entries of `storage.local`, as another version of the
    /// extension (or an import it let through) might have written them.
    pub fn put_storage(&self, items: &Value) -> Result<()> {
        let done = self
            .driver
            .execute_async(scripts::PUT_STORAGE, json!([items]))?;
        ensure!(done == json!(true), "storage.local.set: {done}");
        Ok(())
    }

    /// Removes entries of `storage.local`.
    pub fn remove_storage(&self, keys: &[&str]) -> Result<()> {
        let done = self
            .driver
            .execute_async(scripts::REMOVE_STORAGE, json!([keys]))?;
        ensure!(done == json!(true), "storage.local.remove: {done}");
        Ok(())
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
        let script = format!("{source}\n{}", scripts::RUN_AXE);
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
        let value = self.driver.execute(scripts::FOCUSED, json!([]))?;
        Ok(value.as_str().unwrap_or("").to_string())
    }

    /// Tab from the top of the page (nothing focused), at most `most` times or
    /// until the focused element is `last`: each stop, as [`Browser::focused`]
    /// describes it, with its outline style (how the focus shows).
    pub fn tab_from_top(
        &self,
        most: usize,
        last: impl Fn(&str) -> bool,
    ) -> Result<Vec<(String, String)>> {
        self.driver.execute(
            "document.activeElement && document.activeElement.blur()",
            json!([]),
        )?;
        let mut stops = Vec::new();
        for _ in 0..most {
            self.press(&[super::keys::TAB])?;
            let focused = self.focused()?;
            let outline = self.driver.execute(
                "return getComputedStyle(document.activeElement).outlineStyle",
                json!([]),
            )?;
            let done = last(&focused);
            stops.push((focused, outline.as_str().unwrap_or("").to_string()));
            if done {
                break;
            }
        }
        Ok(stops)
    }

    pub fn screenshot(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.driver.screenshot()?)?;
        Ok(())
    }

    /// What the page looked like when a scenario failed, for its report: the
    /// address, whether the extension's messages still resolve (a page showing
    /// message keys), the visible text's start and the extension's last console
    /// lines. Best effort: a browser that is gone says so.
    pub fn snapshot(&self) -> String {
        let script = format!(
            r"return [location.href, JSON.stringify({}),
                (document.body?.innerText ?? '').replace(/\s*\n\s*/g, ' | ').slice(0, 400)];",
            scripts::MESSAGES
        );
        let page = match self.driver.execute(&script, json!([])) {
            Ok(Value::Array(parts)) => {
                let part = |i: usize| parts.get(i).and_then(Value::as_str).unwrap_or("");
                format!("page {}\nmessages {}\ntext: {}", part(0), part(1), part(2))
            }
            Ok(other) => format!("page: {other}"),
            Err(e) => format!("page unreadable: {e:#}"),
        };
        let console = self.console_output().unwrap_or_default();
        let last = &console[console.len().saturating_sub(8)..];
        format!(
            "{page}\nconsole (last {}):\n{}",
            last.len(),
            last.join("\n")
        )
    }
}
