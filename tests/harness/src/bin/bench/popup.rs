//! The popup's opening: records seeded, the static floor and the JavaScript
//! twin written beside it, each page opened in turn and its marks read.

use super::*;

/// Fills storage with `n` token records through an extension page.
pub(crate) fn seed(s: &Session, n: usize) -> Result<()> {
    s.open_popup()?;
    let mut items = serde_json::Map::new();
    for i in 0..n {
        let id = format!("{:x}-{:08x}", 1_700_000_000_000u64 + i as u64, i);
        let (name, _) = PRESETS[i % PRESETS.len()];
        items.insert(
            format!("token:{id}"),
            json!({"v": 1, "id": id, "token": format!("{:032x}", i + 1), "displayName": name,
                   "scope": "ZohoCRM/crmapi", "dc": "us", "created": 1_700_000_000_000u64 + i as u64}),
        );
    }
    s.browser.set_storage(&Value::Object(items))
}

/// The popup as it is when it marks itself ready, frozen into a static page
/// that only marks itself ready: what the browser costs without the Wasm (and
/// without the storage read and compile that boot.js starts). And the popup's
/// JavaScript twin: the same page with the twin's script instead of the Rust
/// popup's, and the lists the popup shows, read off it.
pub(crate) fn write_floor_and_twin(s: &Session, extension: &Path) -> Result<()> {
    s.open_popup()?;
    // The popup is ready with its first rows drawn and adds the others later,
    // so a snapshot taken now may hold some of those: they are cut off.
    let html = s.browser.driver.execute(
        "const doc = document.documentElement.cloneNode(true);\
         doc.querySelector('script[src=\"popup.js\"]').setAttribute('src', 'floor.js');\
         doc.querySelectorAll('script[src=\"boot.js\"], link[rel=modulepreload], link[rel=preload]').forEach(e => e.remove());\
         doc.querySelector('body').removeAttribute('data-ready');\
         doc.querySelectorAll('[data-token-row]').forEach((row, i) => { if (i >= arguments[0]) row.remove(); });\
         return '<!doctype html>' + doc.outerHTML;",
        json!([FIRST_ROWS]),
    )?;
    std::fs::write(extension.join("floor.html"), html.as_str().unwrap_or(""))?;
    let shown = s.browser.driver.execute(TWIN_DATA_JS, json!([]))?;
    let mut data = shown
        .as_object()
        .context("no lists read off the popup")?
        .clone();
    let urls = |url: fn(&str) -> String| -> Value {
        HOSTS
            .iter()
            .map(|(dc, host)| (dc.to_string(), json!(url(host))))
            .collect()
    };
    data.insert(
        "activeTokensUrls".into(),
        urls(|host| format!("https://{host}/u/h#sessions/userauthtoken")),
    );
    data.insert("apiDomains".into(), urls(zoho_harness::oauth::api_domain));
    data.insert(
        "consoleUrls".into(),
        urls(|host| format!("https://{}", console_host(host))),
    );
    let twin = TWIN_POPUP_JS.replacen("__TWIN_DATA__", &Value::Object(data).to_string(), 1);
    std::fs::write(extension.join("twin.js"), twin)?;
    // The popup's page, its scripts (boot.js, the module and its preload)
    // replaced by the twin's one script where boot.js was.
    let page = std::fs::read_to_string(extension.join("popup.html"))?;
    let mut twin_page = String::new();
    for line in page.lines() {
        if line.contains("src=\"boot.js\"") {
            twin_page.push_str("  <script src=\"twin.js\"></script>\n");
        } else if !line.contains("preload") && !line.contains("src=\"popup.js\"") {
            twin_page.push_str(line);
            twin_page.push('\n');
        }
    }
    if !twin_page.contains("twin.js") {
        bail!("popup.html has no boot.js: the twin's page cannot be made from it");
    }
    std::fs::write(extension.join("twin.html"), twin_page)?;
    Ok(())
}

/// What the popup and its twin show once ready, to hold the twin to the
/// popup: every row, note and choice the same (the OAuth rows once the OAuth
/// view is shown), or the bench stops.
pub(crate) fn twin_matches(s: &Session) -> Result<()> {
    const SHOWN: &str = "const ids = (css) => [...document.querySelectorAll(css)].map(e => e.dataset.id);\
        document.getElementById('tab-oauth').click();\
        return JSON.stringify({tokens: ids('[data-token-row]'), oauth: ids('[data-oauth-row]'),\
          oauthButtons: document.querySelectorAll('[data-oauth-row] button').length,\
          unreadable: document.getElementById('unreadable').hidden,\
          clients: [...document.querySelectorAll('#client-choice option')].map(o => [o.value, o.textContent]),\
          chosen: document.getElementById('client-choice').value,\
          saved: document.getElementById('client-saved-text').textContent});";
    let shown = |page: &str| -> Result<Value> {
        open(s, page)?;
        s.browser.driver.execute(SHOWN, json!([]))
    };
    let (popup, twin) = (shown("popup.html")?, shown("twin.html")?);
    // The popup draws the rows after the first screen after ready: those are
    // not compared.
    let first = |v: &Value| -> Result<Value> {
        let mut v: Value = serde_json::from_str(v.as_str().context("shown")?)?;
        if let Some(rows) = v["tokens"].as_array_mut() {
            rows.truncate(FIRST_ROWS);
        }
        Ok(v)
    };
    let (popup, twin) = (first(&popup)?, first(&twin)?);
    ensure!(
        popup == twin,
        "the twin shows other things than the popup:\n{popup}\n{twin}"
    );
    Ok(())
}

/// The lists the popup shows, read off it for its JavaScript twin.
pub(crate) const TWIN_DATA_JS: &str =
    "const values = (css) => [...document.querySelectorAll(css)].map(o => o.value);\
    return {\
      presets: [...document.querySelectorAll('#presets .preset:not(.user-preset)')]\
        .map(b => [b.querySelector('.preset-app').textContent, b.dataset.preset]),\
      scopes: values('#scope-suggestions option'),\
      dataCentres: values('#dc option'),\
      oauthApps: values('#oauth-apps option'),\
      oauthScopes: values('#oauth-scope-suggestions option'),\
    };";

pub(crate) const TWIN_POPUP_JS: &str = include_str!("../../../bench/twin-popup.js");
pub(crate) const TWIN_BACKGROUND_JS: &str = include_str!("../../../bench/twin-background.js");

pub(crate) const FLOOR_JS: &str =
    "document.body.setAttribute('data-ready', 'true'); performance.mark('popup-ready');\n";

/// The pages opened in turn: the popup, its JavaScript twin, the static floor.
pub(crate) const PAGES: [&str; 3] = ["popup.html", "twin.html", "floor.html"];

/// Opens each of [`PAGES`], and `with_against` the other build's popup and this
/// build's copy beside it ([`THIS_COPY`]), `OPENS` times, in turn (so all see
/// the same machine load) and in a new order each round; the marks each opening
/// set, page by page. In a fixed order each page followed the same page every
/// time and could pay for what that one left behind (with 1,000 tokens the root
/// popup, opened after the other build's, drew in 47.8 ms against that one's
/// 33.6 with the same code — part of which, found later, was the root's own
/// slower compile).
pub(crate) fn opens(s: &Session, with_against: bool) -> Result<Vec<Vec<Marks>>> {
    let mut pages = PAGES.map(String::from).to_vec();
    if with_against {
        pages.push(format!("{AGAINST}/popup.html"));
        pages.push(format!("{THIS_COPY}/popup.html"));
    }
    let mut marks: Vec<Vec<Marks>> = vec![Vec::new(); pages.len()];
    let mut order: Vec<usize> = (0..pages.len()).collect();
    let mut seed = 0x2545_f491_u32;
    for _ in 0..OPENS + 1 {
        // A Fisher–Yates shuffle with xorshift: the same orders in every run.
        for last in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            order.swap(last, seed as usize % (last + 1));
        }
        for &page in &order {
            marks[page].push(open(s, &pages[page])?);
        }
    }
    // The first opens warm the disk cache; they are not counted.
    for marks in &mut marks {
        marks.remove(0);
    }
    Ok(marks)
}

/// The marks a page set while it opened (ms from navigation start).
pub(crate) type Marks = serde_json::Map<String, Value>;

/// The popup's marks, in the order they come: boot.js runs, storage answers and
/// the Wasm is compiled (in either order), the loader has instantiated the
/// module (after the page is parsed), the popup is drawn.
pub(crate) const PHASES: [&str; 5] = [
    "boot",
    "storage-read",
    "wasm-compiled",
    "wasm-started",
    "popup-ready",
];

pub(crate) fn open(s: &Session, page: &str) -> Result<Marks> {
    let b = &s.browser;
    b.driver.navigate("about:blank")?;
    b.driver.navigate(&b.extension_url(page))?;
    b.wait_for_css("body[data-ready]", Duration::from_secs(20))?;
    let marks = b.driver.execute(
        "return Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]));",
        json!([]),
    )?;
    let marks = marks.as_object().context("no marks")?.clone();
    marks
        .get("popup-ready")
        .and_then(Value::as_f64)
        .context("no popup-ready mark")?;
    Ok(marks)
}

pub(crate) fn ready_times(opens: &[Marks]) -> Vec<f64> {
    mark_times(opens, "popup-ready")
}

pub(crate) fn mark_times(opens: &[Marks], name: &str) -> Vec<f64> {
    opens
        .iter()
        .filter_map(|marks| marks.get(name).and_then(Value::as_f64))
        .collect()
}

/// Median time of each phase of the popup's opening, and of the popup's own
/// drawing: from the later of "storage answered" and "Wasm started" to ready,
/// per open. That part is the Rust code's alone (the phases before it move
/// with the page's loading), so an A/B of a change to it is read there.
pub(crate) fn phases(opens: &[Marks]) -> Value {
    let drawing: Vec<f64> = opens
        .iter()
        .filter_map(|marks| {
            let at = |name: &str| marks.get(name).and_then(Value::as_f64);
            Some(at("popup-ready")? - at("storage-read")?.max(at("wasm-started")?))
        })
        .collect();
    let mut medians: serde_json::Map<String, Value> = PHASES
        .iter()
        .map(|name| {
            let times = mark_times(opens, name);
            let median = (!times.is_empty()).then(|| round(median(&times)));
            (name.to_string(), json!(median))
        })
        .collect();
    let drawing = (!drawing.is_empty()).then(|| round(median(&drawing)));
    medians.insert("drawing".into(), json!(drawing));
    Value::Object(medians)
}
