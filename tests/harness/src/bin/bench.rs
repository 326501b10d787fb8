//! `./build.sh bench`: size and speed, side by side with the floor the browser
//! itself sets and with plain-JavaScript twins of the popup and the background
//! (`tests/harness/bench/`), in Chromium and Firefox. Prints a table and writes
//! `dist/bench/bench.json`. It measures; it asserts nothing.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use zoho_harness::browser::{Browser, Kind, Launch};
use zoho_harness::server::LocalZoho;
use zoho_harness::zoho::{console_host, Fault, HOSTS};
use zoho_harness::{copy_dir, Session, PRESETS, ZOHO_PORT};

const OPENS: usize = 40;
/// Cold starts per build: `COLD_ROUNDS` browsers each, `COLD_STARTS` starts in each.
const COLD_ROUNDS: usize = 4;
const COLD_STARTS: usize = 5;
const GENERATES: usize = 30;
const LIST_SIZES: [usize; 3] = [0, 100, 1000];
/// Rows the popup draws before it marks itself ready (`FIRST_ROWS` in src/popup/list.rs).
const FIRST_ROWS: usize = 30;
/// Added to every create answer for the second generate figure.
const DISTANT_ZOHO_MS: u64 = 100;

fn main() -> Result<()> {
    let (dist, out) = zoho_harness::dist_and_out("dist/bench")?;
    let work = std::env::temp_dir().join(format!("authtoken-keeper-bench-{}", std::process::id()));
    let result = run(&dist, &out, &work);
    match &result {
        Ok(()) => drop(std::fs::remove_dir_all(&work)),
        // Kept for the browsers' logs.
        Err(_) => eprintln!("the bench's files and logs are in {}", work.display()),
    }
    result
}

fn run(dist: &Path, out: &Path, work: &Path) -> Result<()> {
    let size = sizes(dist)?;
    // The measured copy: the extension plus a static floor page and the popup's
    // JavaScript twin; and a copy whose background is the JavaScript twin.
    let extension = work.join("extension");
    copy_dir(dist, &extension)?;
    std::fs::write(extension.join("floor.js"), FLOOR_JS)?;
    let against = against()?;
    if let Some(other) = &against {
        // Inside the measured extension, so its popup reads the same storage;
        // and this build's popup beside it, so that both are compared from
        // the same depth (see THIS_COPY).
        copy_dir(other, &extension.join(AGAINST))?;
        copy_dir(dist, &extension.join(THIS_COPY))?;
    }
    let twin_extension = work.join("twin-extension");
    copy_dir(dist, &twin_extension)?;
    std::fs::write(twin_extension.join("background.js"), TWIN_BACKGROUND_JS)?;
    let zoho = LocalZoho::start(ZOHO_PORT)?;
    let mut browsers = serde_json::Map::new();
    for kind in Kind::BOTH.into_iter().filter(|kind| wanted(kind.name())) {
        eprintln!("measuring in {} …", kind.name());
        let figures = measure(
            &zoho,
            kind,
            [&extension, &twin_extension],
            against.as_deref(),
            &work.join(kind.name()),
        )
        .with_context(|| format!("benchmarking in {}", kind.name()))?;
        browsers.insert(kind.name().to_string(), figures);
    }
    let report = json!({"size": size, "browsers": browsers,
                        "against": against.map(|folder| folder.display().to_string())});
    std::fs::write(
        out.join("bench.json"),
        serde_json::to_string_pretty(&report)? + "\n",
    )?;
    print_table(&report);
    println!("\nwritten to {}", out.join("bench.json").display());
    Ok(())
}

/// Where the other build's extension is copied inside the measured one.
const AGAINST: &str = "against";

/// Where this build is copied beside it, for the A/B. Measured from the root,
/// the same popup compiled 6–12 ms later than its copy under `against/` and
/// drew slower with 1,000 tokens (a build against a copy of itself read 1.05 /
/// 1.09 / 1.08× in Chromium, own drawing 36.1 against 24.3 ms); two copies
/// side by side read 1.04 / 1.04 / 1.01× and 25.2 against 25.0 ms. The root
/// popup is still the one set against its twin and the floor, also at the root.
const THIS_COPY: &str = "this";

/// `BENCH_AGAINST`: another build's extension folder (its `dist/extension`), whose
/// popup is opened in turn with this one's, and whose generate and cold start
/// are measured after this one's (in browsers of their own): a same-run A/B,
/// the one comparison the machine's load does not swamp (runs hours apart
/// differ by ±10 ms; the popup's A/B ratio by about ±0.05).
fn against() -> Result<Option<std::path::PathBuf>> {
    let Some(folder) = std::env::var_os("BENCH_AGAINST").filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    let folder = std::path::PathBuf::from(folder);
    for file in ["manifest.json", "popup.html", "wasm/popup_bg.wasm"] {
        if !folder.join(file).is_file() {
            bail!(
                "BENCH_AGAINST={} is not a built extension: it has no {file}",
                folder.display()
            );
        }
    }
    Ok(Some(folder))
}

/// The bytes of each Wasm module (raw and gzipped) and its JavaScript glue, and of
/// the store archives.
fn sizes(dist: &Path) -> Result<Value> {
    let mut modules = serde_json::Map::new();
    for entry in std::fs::read_dir(dist.join("wasm"))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(module) = name.strip_suffix("_bg.wasm") {
            let wasm = std::fs::read(&path)?;
            let glue = std::fs::metadata(path.with_file_name(format!("{module}.js")))?.len();
            modules.insert(
                module.to_string(),
                json!({"wasm_raw": wasm.len(), "wasm_gzip": gzip_size(&wasm)?, "js_glue": glue}),
            );
        }
    }
    let mut archives = serde_json::Map::new();
    for entry in std::fs::read_dir(dist.parent().context("dist")?)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.ends_with(".zip") {
            archives.insert(name, json!(std::fs::metadata(&path)?.len()));
        }
    }
    Ok(json!({"modules": modules, "archives": archives}))
}

fn gzip_size(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut gzip = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    gzip.stdin.take().context("stdin")?.write_all(bytes)?;
    Ok(gzip.wait_with_output()?.stdout.len())
}

fn measure(
    zoho: &LocalZoho,
    kind: Kind,
    [extension, twin_extension]: [&Path; 2],
    against: Option<&Path>,
    workdir: &Path,
) -> Result<Value> {
    let session = Session::start(zoho, kind, extension, workdir.to_path_buf())?;
    zoho.world().config.cap = usize::MAX;
    session.sign_in("accounts.zoho.com")?;
    let mut popup = serde_json::Map::new();
    for n in LIST_SIZES.into_iter().filter(|_| wanted("popup")) {
        seed(&session, n)?;
        write_floor_and_twin(&session, extension)?;
        let opened = opens(&session, against.is_some())?;
        let ready: Vec<Vec<f64>> = opened.iter().map(|marks| ready_times(marks)).collect();
        let [popup_ready, twin, floor] = [&ready[0], &ready[1], &ready[2]];
        let mut figures = json!({"popup": stats(popup_ready), "twin": stats(twin), "floor": stats(floor),
               "ratio": median(popup_ready) / median(floor),
               "twin_ratio": median(popup_ready) / median(twin),
               "phases": phases(&opened[0])});
        if let (Some(other), Some(this)) = (ready.get(3), ready.get(4)) {
            figures["against"] = stats(other);
            figures["against_this"] = stats(this);
            figures["against_ratio"] = json!(median(this) / median(other));
            figures["against_phases"] = phases(&opened[3]);
            figures["against_this_phases"] = phases(&opened[4]);
        }
        popup.insert(n.to_string(), figures);
    }
    let (mut generate, mut distant) = (Value::Null, Value::Null);
    if wanted("generate") {
        seed(&session, 0)?;
        [generate, distant] = generate_figures(&session)?;
    }
    drop(session);
    if let Some(other) = against.filter(|_| wanted("generate")) {
        // The other build in a browser of its own, after this one's (two
        // browsers at once slow each other's figures down: writes to disk,
        // collecting garbage).
        let other = Session::start(zoho, kind, other, workdir.join(AGAINST))?;
        zoho.world().config.cap = usize::MAX;
        other.sign_in("accounts.zoho.com")?;
        let theirs = generate_figures(&other)?;
        let median_of = |figures: &Value| figures["generate"]["median"].as_f64();
        for (ours, theirs) in [&mut generate, &mut distant].into_iter().zip(theirs) {
            if let (Some(a), Some(b)) = (median_of(ours), median_of(&theirs)) {
                ours["against_ratio"] = json!(a / b);
            }
            ours["against"] = theirs["generate"].clone();
        }
    }
    let mut cold_start = Value::Null;
    if wanted("cold") {
        let mut builds = vec![extension, twin_extension];
        builds.extend(against);
        let times = cold_start_rounds(kind, &builds, &workdir.join("cold"))?;
        let (cold, twin) = (&times[0], &times[1]);
        cold_start = json!({"background": stats(cold), "twin": stats(twin),
                            "twin_ratio": median(cold) / median(twin)});
        if let Some(other) = times.get(2) {
            cold_start["against"] = stats(other);
            cold_start["against_ratio"] = json!(median(cold) / median(other));
        }
    }
    Ok(json!({
        "popup_ready_ms": popup,
        "generate_ms": generate,
        "generate_distant_zoho_ms": distant,
        "background_cold_start_ms": cold_start,
    }))
}

/// Whether a part of the bench (`popup`, `generate`, `cold`) or a browser
/// (`chromium`, `firefox`) is measured: all, unless `BENCH_ONLY` names some
/// (comma separated; for looking into one figure quickly).
fn wanted(part: &str) -> bool {
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let is_browser = |name: &str| Kind::BOTH.iter().any(|k| k.name() == name);
    // Among names of the same sort as `part` (browsers, or parts), none means all.
    let mut alike = only
        .split(',')
        .filter(|name| !name.is_empty() && is_browser(name) == is_browser(part))
        .peekable();
    alike.peek().is_none() || alike.any(|name| name == part)
}

/// Fills storage with `n` token records through an extension page.
fn seed(s: &Session, n: usize) -> Result<()> {
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
fn write_floor_and_twin(s: &Session, extension: &Path) -> Result<()> {
    s.open_popup()?;
    // The popup is ready with its first rows drawn and adds the others later,
    // so a snapshot taken now may hold some of those: they are cut off.
    let html = s.browser.driver.execute(
        "const doc = document.documentElement.cloneNode(true);\
         doc.querySelector('script[src=\"popup.js\"]').setAttribute('src', 'floor.js');\
         doc.querySelectorAll('script[src=\"boot.js\"], link[rel=modulepreload]').forEach(e => e.remove());\
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
        } else if !line.contains("modulepreload") && !line.contains("src=\"popup.js\"") {
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

/// The lists the popup shows, read off it for its JavaScript twin.
const TWIN_DATA_JS: &str =
    "const values = (css) => [...document.querySelectorAll(css)].map(o => o.value);\
    return {\
      presets: [...document.querySelectorAll('#presets .preset:not(.user-preset)')]\
        .map(b => [b.querySelector('.preset-app').textContent, b.dataset.preset]),\
      scopes: values('#scope-suggestions option'),\
      dataCentres: values('#dc option'),\
      oauthApps: values('#oauth-apps option'),\
      oauthScopes: values('#oauth-scope-suggestions option'),\
    };";

const TWIN_POPUP_JS: &str = include_str!("../../bench/twin-popup.js");
const TWIN_BACKGROUND_JS: &str = include_str!("../../bench/twin-background.js");

const FLOOR_JS: &str =
    "document.body.setAttribute('data-ready', 'true'); performance.mark('popup-ready');\n";

/// The pages opened in turn: the popup, its JavaScript twin, the static floor.
const PAGES: [&str; 3] = ["popup.html", "twin.html", "floor.html"];

/// Opens each of [`PAGES`], and `with_against` the other build's popup and this
/// build's copy beside it ([`THIS_COPY`]), `OPENS` times, in turn (so all see
/// the same machine load) and in a new order each round; the marks each opening
/// set, page by page. In a fixed order each page followed the same page every
/// time and could pay for what that one left behind (with 1,000 tokens the root
/// popup, opened after the other build's, drew in 47.8 ms against that one's
/// 33.6 with the same code — part of which, found later, was the root's own
/// slower compile).
fn opens(s: &Session, with_against: bool) -> Result<Vec<Vec<Marks>>> {
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
type Marks = serde_json::Map<String, Value>;

/// The popup's marks, in the order they come: boot.js runs, storage answers and
/// the Wasm is compiled (in either order), the loader has instantiated the
/// module (after the page is parsed), the popup is drawn.
const PHASES: [&str; 5] = [
    "boot",
    "storage-read",
    "wasm-compiled",
    "wasm-started",
    "popup-ready",
];

fn open(s: &Session, page: &str) -> Result<Marks> {
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

fn ready_times(opens: &[Marks]) -> Vec<f64> {
    mark_times(opens, "popup-ready")
}

fn mark_times(opens: &[Marks], name: &str) -> Vec<f64> {
    opens
        .iter()
        .filter_map(|marks| marks.get(name).and_then(Value::as_f64))
        .collect()
}

/// Median time of each phase of the popup's opening, and of the popup's own
/// drawing: from the later of "storage answered" and "Wasm started" to ready,
/// per open. That part is the Rust code's alone (the phases before it move
/// with the page's loading), so an A/B of a change to it is read there.
fn phases(opens: &[Marks]) -> Value {
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

/// Generating against the local Zoho as it is, and as far away as the real one:
/// the fixed costs (messages, the storage write) weighed against a realistic
/// round trip.
fn generate_figures(s: &Session) -> Result<[Value; 2]> {
    let near = generates(s)?;
    s.zoho.world().config.fault = Fault::Slow(Duration::from_millis(DISTANT_ZOHO_MS));
    let far = generates(s);
    s.zoho.world().config.fault = Fault::None;
    Ok([near, far?])
}

/// Click on a preset → the new row on screen, against a plain fetch of the same URL.
/// Also the fixed cost: the median difference of the two.
fn generates(s: &Session) -> Result<Value> {
    let b = &s.browser;
    s.open_popup()?;
    let mut clicks = Vec::new();
    let mut fetches = Vec::new();
    for _ in 0..GENERATES + 1 {
        let click = b.driver.execute_async(GENERATE_JS, json!([]))?;
        clicks.push(click.as_f64().context("generate timing")?);
        let plain = b.driver.execute_async(FETCH_JS, json!([CREATE]))?;
        fetches.push(plain.as_f64().context("fetch timing")?);
    }
    clicks.remove(0);
    fetches.remove(0);
    Ok(
        json!({"generate": stats(&clicks), "plain_fetch": stats(&fetches),
               "ratio": median(&clicks) / median(&fetches),
               "fixed_cost": round(median(&clicks) - median(&fetches))}),
    )
}

const CREATE: &str =
    "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail";

const GENERATE_JS: &str = r#"
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

const FETCH_JS: &str = r#"
const done = arguments[arguments.length - 1];
const start = performance.now();
fetch(arguments[0], { credentials: 'include', cache: 'no-store' })
  .then(r => r.text()).then(() => done(performance.now() - start), () => done(null));
"#;

/// From a stopped background to its first answer, for each of `builds`: in
/// `COLD_ROUNDS` rounds, each build in a browser of its own in turn (the order
/// reversed every other round), so that all meet the same machine load. Ten
/// starts of one build and then ten of the other left each with its own stretch
/// of the machine's load: the same twin read 28.2 and 57.8 ms in two runs
/// minutes apart.
fn cold_start_rounds(kind: Kind, builds: &[&Path], workdir: &Path) -> Result<Vec<Vec<f64>>> {
    let mut times = vec![Vec::new(); builds.len()];
    for round in 0..COLD_ROUNDS {
        let mut order: Vec<usize> = (0..builds.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for build in order {
            let profile = workdir.join(format!("{round}-{build}"));
            times[build].extend(cold_starts(kind, builds[build], &profile)?);
        }
    }
    Ok(times)
}

/// `COLD_STARTS` times from a stopped background to its first answer, in a
/// browser of its own with `extension`. Chromium: the service worker is stopped
/// through the DevTools protocol. Firefox: the event page is left to suspend
/// itself after a short idle time set for this profile.
fn cold_starts(kind: Kind, extension: &Path, workdir: &Path) -> Result<Vec<f64>> {
    let launch = Launch {
        kind,
        extension: extension.to_path_buf(),
        zoho_port: ZOHO_PORT,
        workdir: workdir.to_path_buf(),
        persistent: false,
        language: None,
        dark: false,
    };
    let browser =
        Browser::launch_with_prefs(&launch, json!({"extensions.background.idle.timeout": 500}))?;
    browser.open_popup()?;
    if kind == Kind::Chromium {
        browser.cdp("ServiceWorker.enable", json!({}))?;
    }
    let mut times = Vec::new();
    for _ in 0..COLD_STARTS {
        match kind {
            Kind::Chromium => {
                browser.cdp("ServiceWorker.stopAllWorkers", json!({}))?;
                std::thread::sleep(Duration::from_millis(300));
            }
            Kind::Firefox => std::thread::sleep(Duration::from_millis(1500)),
        }
        times.push(first_answer(&browser)?);
    }
    Ok(times)
}

fn first_answer(b: &Browser) -> Result<f64> {
    let t = b.driver.execute_async(
        "const done = arguments[arguments.length - 1]; const start = performance.now();\
         chrome.runtime.sendMessage('takeNotice').then(() => done(performance.now() - start), () => done(null));",
        json!([]),
    )?;
    t.as_f64().context("no answer from the background")
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.is_empty() {
        f64::NAN
    } else if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    }
}

/// Median and spread (the 10th and 90th percentiles), in milliseconds.
fn stats(values: &[f64]) -> Value {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        sorted
            .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    json!({"median": round(median(values)), "p10": round(pick(0.1)), "p90": round(pick(0.9)), "n": values.len()})
}

/// The module the background compiles only once it has answered (background.js):
/// the requests that reach Zoho. No page waits for it to be ready.
const AFTER_FIRST_ANSWER: &str = "network";

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn print_table(report: &Value) {
    let has_against = report["against"].is_string();
    let size = &report["size"];
    println!("\nSize (the Wasm module each page compiles before it is ready)");
    if let Some(modules) = size["modules"].as_object() {
        for (name, m) in modules {
            let target = if name == AFTER_FIRST_ANSWER {
                "(the background's second, compiled after its first answer)"
            } else {
                "(target ≤ 60 KB gzipped)"
            };
            println!(
                "  {name:<18} {:>8} B raw, {:>7} B gzipped, glue {:>6} B   {target}",
                m["wasm_raw"], m["wasm_gzip"], m["js_glue"]
            );
        }
    }
    if let Some(archives) = size["archives"].as_object() {
        for (name, bytes) in archives {
            println!("  {name:<40} {bytes:>8} B   (target ≤ 120 KB)");
        }
    }
    println!(
        "\n{:<34} {:>22} {:>22}",
        "ms, median [p10–p90]", "chromium", "firefox"
    );
    let cell = |kind: &str, path: &[&str]| {
        let mut v = &report["browsers"][kind];
        for p in path {
            v = &v[*p];
        }
        match (v.as_f64(), path.last()) {
            _ if v.is_object() => format!("{} [{}–{}]", v["median"], v["p10"], v["p90"]),
            (Some(ratio), Some(&("ratio" | "twin_ratio" | "against_ratio"))) => {
                format!("{ratio:.2}×")
            }
            (Some(ms), _) => format!("{ms:.1}"),
            (None, _) => "-".into(),
        }
    };
    let row = |label: &str, path: &[&str]| {
        println!(
            "{label:<34} {:>22} {:>22}",
            cell("chromium", path),
            cell("firefox", path)
        );
    };
    // The other build's figure beside this one's, and the ratio of the two.
    let against_rows = |label: &str, path: &[&str]| {
        if has_against {
            row(label, &[path, &["against"]].concat());
            row(
                "  ratio to BENCH_AGAINST's",
                &[path, &["against_ratio"]].concat(),
            );
        }
    };
    for n in LIST_SIZES {
        let n = n.to_string();
        row(
            &format!("popup ready, {n} tokens"),
            &["popup_ready_ms", &n, "popup"],
        );
        row(
            &format!("  JavaScript twin, {n} tokens"),
            &["popup_ready_ms", &n, "twin"],
        );
        row("  ratio to the twin", &["popup_ready_ms", &n, "twin_ratio"]);
        row(
            &format!("  static floor, {n} tokens"),
            &["popup_ready_ms", &n, "floor"],
        );
        row("  ratio to the floor", &["popup_ready_ms", &n, "ratio"]);
        if has_against {
            row(
                &format!("  this build beside it, {n} tokens"),
                &["popup_ready_ms", &n, "against_this"],
            );
        }
        against_rows(
            &format!("  BENCH_AGAINST's popup, {n} tokens"),
            &["popup_ready_ms", &n],
        );
    }
    row("generate (click → row)", &["generate_ms", "generate"]);
    row("  plain fetch floor", &["generate_ms", "plain_fetch"]);
    row("  ratio", &["generate_ms", "ratio"]);
    row(
        "  fixed cost (generate − fetch)",
        &["generate_ms", "fixed_cost"],
    );
    against_rows("  BENCH_AGAINST's generate", &["generate_ms"]);
    row(
        &format!("generate, Zoho {DISTANT_ZOHO_MS} ms away"),
        &["generate_distant_zoho_ms", "generate"],
    );
    row(
        "  plain fetch floor",
        &["generate_distant_zoho_ms", "plain_fetch"],
    );
    row("  ratio", &["generate_distant_zoho_ms", "ratio"]);
    against_rows("  BENCH_AGAINST's generate", &["generate_distant_zoho_ms"]);
    row(
        "background cold start",
        &["background_cold_start_ms", "background"],
    );
    row("  JavaScript twin", &["background_cold_start_ms", "twin"]);
    row(
        "  ratio to the twin",
        &["background_cold_start_ms", "twin_ratio"],
    );
    against_rows(
        "  BENCH_AGAINST's background",
        &["background_cold_start_ms"],
    );
    // One line per list size: a cell per browser, made from that size's popup figures.
    let by_size = |cell: &dyn Fn(&Value) -> String| {
        for n in LIST_SIZES {
            let cell =
                |kind: &str| cell(&report["browsers"][kind]["popup_ready_ms"][n.to_string()]);
            println!(
                "  {:<32} {:>22} {:>22}",
                format!("{n} tokens"),
                cell("chromium"),
                cell("firefox")
            );
        }
    };
    let ms = |figure: &Value| figure.as_f64().map(|t| format!("{t:.1}"));
    println!(
        "\nwhere the popup's time goes (median ms from navigation start: {})",
        PHASES.join(" → ")
    );
    by_size(&|figures| {
        PHASES
            .iter()
            .map(|name| ms(&figures["phases"][*name]).unwrap_or_else(|| "-".into()))
            .collect::<Vec<_>>()
            .join(" ")
    });
    println!(
        "\nthe popup's own drawing (median ms from the later of storage-read and wasm-started \
         to popup-ready; with BENCH_AGAINST, this build's copy beside it / BENCH_AGAINST's)"
    );
    by_size(&|figures| match (
        ms(&figures["against_this_phases"]["drawing"])
            .or_else(|| ms(&figures["phases"]["drawing"])),
        ms(&figures["against_phases"]["drawing"]),
    ) {
        (Some(this), Some(that)) => format!("{this} / {that}"),
        (this, _) => this.unwrap_or_else(|| "-".into()),
    });
    println!(
        "\ntargets: popup ≤ 1.1× its twin at 0, 100 and 1,000 tokens; cold start ≤ 1.5× its twin; \
         generate fixed cost ≤ 3 ms (Chromium), ≤ 5 ms (Firefox)"
    );
}
