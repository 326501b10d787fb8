//! Generating: a preset clicked to the new row, against a plain fetch.

use super::*;

/// Generating against the local Zoho as it is, and as far away as the real one:
/// the fixed costs (messages, the storage write) weighed against a realistic
/// round trip.
pub(crate) fn generate_figures(s: &Session) -> Result<[Value; 2]> {
    let near = generates(s)?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(DISTANT_ZOHO_MS));
    let far = generates(s);
    s.zoho.world().config.fault = Fault::None;
    Ok([near, far?])
}

/// Click on a preset → the new row on screen, against a plain fetch of the same URL.
/// Also the fixed cost: the median difference of the two.
pub(crate) fn generates(s: &Session) -> Result<Value> {
    let (clicks, fetches) = generate_times(s, GENERATES)?;
    Ok(
        json!({"generate": stats(&clicks), "plain_fetch": stats(&fetches),
               "ratio": median(&clicks) / median(&fetches),
               "fixed_cost": round(median(&clicks) - median(&fetches))}),
    )
}

/// `count` generations from the popup, each followed by a plain fetch (after
/// one of each not counted): their times.
pub(crate) fn generate_times(s: &Session, count: usize) -> Result<(Vec<f64>, Vec<f64>)> {
    let b = &s.browser;
    s.open_popup()?;
    let mut clicks = Vec::new();
    let mut fetches = Vec::new();
    for _ in 0..count + 1 {
        let click = b.driver.execute_async(GENERATE_JS, json!([]))?;
        clicks.push(click.as_f64().context("generate timing")?);
        let plain = b.driver.execute_async(FETCH_JS, json!([CREATE]))?;
        fetches.push(plain.as_f64().context("fetch timing")?);
    }
    clicks.remove(0);
    fetches.remove(0);
    Ok((clicks, fetches))
}

pub(crate) const CREATE: &str =
    "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail";

pub(crate) const GENERATE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const list = document.getElementById('tokens');
const before = list.children.length;
const observer = new MutationObserver(() => {
  if (list.children.length > before) { observer.disconnect(); done(performance.now() - start); }
});
observer.observe(list, { childList: true });
const start = performance.now();
document.querySelector('[data-preset=checkemail]').click();
"#;

pub(crate) const FETCH_JS: &str = r#"
const done = arguments[arguments.length - 1];
const start = performance.now();
fetch(arguments[0], { credentials: 'include', cache: 'no-store' })
  .then(r => r.text()).then(() => done(performance.now() - start), () => done(null));
"#;
