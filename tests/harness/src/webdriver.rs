//! A small synchronous W3C WebDriver client: just the commands the tests use.

use crate::http::read_response;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// The key W3C WebDriver uses for element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct WebDriver {
    address: SocketAddr,
    session: String,
}

/// Sends one command to a driver and returns its `value`.
pub fn command(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let (status, answer) =
        read_response(&mut stream).with_context(|| format!("{method} {path}"))?;
    let answer: Value = serde_json::from_slice(&answer).with_context(|| {
        format!(
            "{method} {path}: not JSON: {}",
            String::from_utf8_lossy(&answer)
        )
    })?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if status >= 400 {
        let error = value
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("error");
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        bail!("{method} {path}: {error}: {message}");
    }
    Ok(value)
}

impl WebDriver {
    /// Opens a session with these capabilities (`alwaysMatch`).
    pub fn new_session(address: SocketAddr, capabilities: Value) -> Result<WebDriver> {
        let value = command(
            address,
            "POST",
            "/session",
            Some(&json!({"capabilities": {"alwaysMatch": capabilities}})),
        )?;
        let session = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| anyhow!("no sessionId in {value}"))?
            .to_string();
        Ok(WebDriver { address, session })
    }

    /// A client for an existing session.
    pub fn with_session(address: SocketAddr, session: String) -> WebDriver {
        WebDriver { address, session }
    }

    /// A session command (`path` relative to `/session/{id}`).
    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        command(
            self.address,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        )
    }

    pub fn close(&self) -> Result<()> {
        command(
            self.address,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        )
        .map(drop)
    }

    pub fn navigate(&self, url: &str) -> Result<()> {
        self.call("POST", "/url", Some(&json!({ "url": url })))
            .map(drop)
    }

    pub fn current_url(&self) -> Result<String> {
        Ok(self
            .call("GET", "/url", None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Runs a script in the page (`arguments` available) and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": args})),
        )
    }

    /// Runs a script that ends by calling its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Value) -> Result<Value> {
        self.call(
            "POST",
            "/execute/async",
            Some(&json!({"script": script, "args": args})),
        )
    }

    pub fn find(&self, css: &str) -> Result<String> {
        let value = self.call(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        )?;
        element_id(&value)
    }

    pub fn click_element(&self, element: &str) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(&json!({})),
        )
        .map(drop)
    }

    pub fn send_keys(&self, element: &str, text: &str) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(&json!({ "text": text })),
        )
        .map(drop)
    }

    pub fn element_text(&self, element: &str) -> Result<String> {
        Ok(self
            .call("GET", &format!("/element/{element}/text"), None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let value = self.call("GET", "/screenshot", None)?;
        Ok(base64::engine::general_purpose::STANDARD.decode(value.as_str().unwrap_or(""))?)
    }

    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.call(
            "POST",
            "/window/rect",
            Some(&json!({"width": width, "height": height})),
        )
        .map(drop)
    }

    /// Polls `probe` until it yields a value or `timeout` passes.
    pub fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut() -> Result<Option<T>>,
    ) -> Result<T> {
        let deadline = Instant::now() + timeout;
        let mut last_error = None;
        loop {
            match probe() {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                Err(e) => last_error = Some(e),
            }
            if Instant::now() > deadline {
                let detail = last_error
                    .map(|e| format!(" (last error: {e:#})"))
                    .unwrap_or_default();
                bail!("timed out after {timeout:?} waiting for {what}{detail}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

pub fn element_id(value: &Value) -> Result<String> {
    value
        .get(ELEMENT_KEY)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| anyhow!("not an element reference: {value}"))
}
