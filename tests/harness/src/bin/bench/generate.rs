//! Generating: a preset clicked to the new row, against a plain fetch and
//! against the generate floor (the browser's own message to a background that
//! fetches the same page and writes its token to storage).

use super::*;

/// Generating against the local Zoho as it is, and as far away as the real one:
/// the fixed costs (messages, the storage write) weighed against a realistic
/// round trip. `floor` is a browser whose background is the JavaScript twin,
/// signed in beside `s`, that plays the generate floor in turn with `s`'s
/// generations (so that both meet the same machine load); none for another
/// build's generations.
pub(crate) fn generate_figures(s: &Session, floor: Option<&Session>) -> Result<[Value; 2]> {
    let near = generates(s, floor)?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(DISTANT_ZOHO_MS));
    let far = generates(s, floor);
    s.zoho.world().config.fault = Fault::None;
    Ok([near, far?])
}

/// Click on a preset → the new row on screen, against a plain fetch of the same
/// URL and the generate floor. The fixed costs: the median differences.
pub(crate) fn generates(s: &Session, floor: Option<&Session>) -> Result<Value> {
    let [clicks, fetches, floors] = generate_times(s, floor, GENERATES)?;
    let mut figures = json!({"generate": stats(&clicks), "plain_fetch": stats(&fetches),
               "ratio": median(&clicks) / median(&fetches),
               "fixed_cost": round(median(&clicks) - median(&fetches))});
    if !floors.is_empty() {
        figures["floor"] = stats(&floors);
        figures["over_floor"] = json!(round(median(&clicks) - median(&floors)));
    }
    Ok(figures)
}

/// `count` generations from the popup, each followed by a plain fetch and, with
/// `floor`, the floor's message (after one of each not counted): their times.
pub(crate) fn generate_times(
    s: &Session,
    floor: Option<&Session>,
    count: usize,
) -> Result<[Vec<f64>; 3]> {
    let b = &s.browser;
    s.open_popup()?;
    if let Some(floor) = floor {
        floor.open_popup()?;
    }
    let [mut clicks, mut fetches, mut floors] = [(); 3].map(|_| Vec::new());
    for _ in 0..count + 1 {
        let click = b.driver.execute_async(GENERATE_JS, json!([]))?;
        clicks.push(click.as_f64().context("generate timing")?);
        let plain = b.driver.execute_async(FETCH_JS, json!([CREATE]))?;
        fetches.push(plain.as_f64().context("fetch timing")?);
        if let Some(floor) = floor {
            let answer = floor
                .browser
                .driver
                .execute_async(FLOOR_GENERATE_JS, json!([CREATE]))?;
            // A refusal would time another answer than the product's.
            ensure!(
                answer["token"].as_str().is_some_and(|t| !t.is_empty()),
                "the generate floor got no token: {answer}"
            );
            floors.push(answer["ms"].as_f64().context("floor timing")?);
        }
    }
    for times in [&mut clicks, &mut fetches, &mut floors] {
        if !times.is_empty() {
            times.remove(0);
        }
    }
    Ok([clicks, fetches, floors])
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

/// The generate floor, timed in a popup whose background is the JavaScript twin
/// (`tests/harness/bench/twin-background.js`).
pub(crate) const FLOOR_GENERATE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const start = performance.now();
chrome.runtime.sendMessage({ floor: arguments[0] })
  .then(answer => done({ ms: performance.now() - start, token: answer && answer.token }), () => done(null));
"#;

pub(crate) const FETCH_JS: &str = r#"
const done = arguments[arguments.length - 1];
const start = performance.now();
fetch(arguments[0], { credentials: 'include', cache: 'no-store' })
  .then(r => r.text()).then(() => done(performance.now() - start), () => done(null));
"#;
