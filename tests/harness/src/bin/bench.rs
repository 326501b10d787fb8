//! `./build.sh bench`: size and speed, side by side with the floor the browser
//! itself sets, in Chromium and Firefox. Prints a table and writes
//! `dist/bench/bench.json`. It measures; it asserts nothing.

use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use zoho_harness::browser::{Browser, Kind, Launch};
use zoho_harness::server::LocalZoho;
use zoho_harness::zoho::Fault;
use zoho_harness::{copy_dir, Session, PRESETS, ZOHO_PORT};

const OPENS: usize = 40;
const COLD_STARTS: usize = 10;
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
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run(dist: &Path, out: &Path, work: &Path) -> Result<()> {
    let size = sizes(dist)?;
    // The measured copy: the extension plus a static floor page.
    let extension = work.join("extension");
    copy_dir(dist, &extension)?;
    std::fs::write(extension.join("floor.js"), FLOOR_JS)?;
    let zoho = LocalZoho::start(ZOHO_PORT)?;
    let mut browsers = serde_json::Map::new();
    for kind in Kind::BOTH {
        eprintln!("measuring in {} …", kind.name());
        let figures = measure(&zoho, kind, &extension, &work.join(kind.name()))
            .with_context(|| format!("benchmarking in {}", kind.name()))?;
        browsers.insert(kind.name().to_string(), figures);
    }
    let report = json!({"size": size, "browsers": browsers});
    std::fs::write(
        out.join("bench.json"),
        serde_json::to_string_pretty(&report)? + "\n",
    )?;
    print_table(&report);
    println!("\nwritten to {}", out.join("bench.json").display());
    Ok(())
}

fn sizes(dist: &Path) -> Result<Value> {
    let wasm = std::fs::read(dist.join("wasm/authtoken_keeper_bg.wasm"))?;
    let glue = std::fs::metadata(dist.join("wasm/authtoken_keeper.js"))?.len();
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
    Ok(json!({
        "wasm_raw": wasm.len(),
        "wasm_gzip": gzip_size(&wasm)?,
        "js_glue": glue,
        "archives": archives,
    }))
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

fn measure(zoho: &LocalZoho, kind: Kind, extension: &Path, workdir: &Path) -> Result<Value> {
    let session = Session::start(zoho, kind, extension, workdir.to_path_buf())?;
    zoho.world().config.cap = usize::MAX;
    session.sign_in("accounts.zoho.com")?;
    let mut popup = serde_json::Map::new();
    for n in LIST_SIZES {
        seed(&session, n)?;
        write_floor(&session, extension)?;
        let (opened, floor) = opens(&session)?;
        let (ready, floor) = (ready_times(&opened), ready_times(&floor));
        popup.insert(
            n.to_string(),
            json!({"popup": stats(&ready), "floor": stats(&floor), "ratio": median(&ready) / median(&floor),
                   "phases": phases(&opened)}),
        );
    }
    seed(&session, 0)?;
    let generate = generates(&session)?;
    // The same against a Zoho as far away as the real one: the fixed costs
    // (messages, the storage write) weighed against a realistic round trip.
    zoho.world().config.fault = Fault::Slow(Duration::from_millis(DISTANT_ZOHO_MS));
    let distant = generates(&session);
    zoho.world().config.fault = Fault::None;
    let distant = distant?;
    let cold = cold_starts(&session, kind, extension, workdir)?;
    Ok(json!({
        "popup_ready_ms": popup,
        "generate_ms": generate,
        "generate_distant_zoho_ms": distant,
        "background_cold_start_ms": stats(&cold),
    }))
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
/// without the storage read and compile that boot.js starts).
fn write_floor(s: &Session, extension: &Path) -> Result<()> {
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
    Ok(())
}

const FLOOR_JS: &str =
    "document.body.setAttribute('data-ready', 'true'); performance.mark('popup-ready');\n";

/// Opens the popup and its floor page `OPENS` times each, in turn (so both see
/// the same machine load); each time the milliseconds from navigation start to
/// the `popup-ready` mark.
fn opens(s: &Session) -> Result<(Vec<Marks>, Vec<Marks>)> {
    let (mut popup, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..OPENS + 1 {
        popup.push(open(s, "popup.html")?);
        floor.push(open(s, "floor.html")?);
    }
    // The first opens warm the disk cache; they are not counted.
    popup.remove(0);
    floor.remove(0);
    Ok((popup, floor))
}

/// The marks a page set while it opened (ms from navigation start).
type Marks = serde_json::Map<String, Value>;

/// The popup's marks, in the order they come: boot.js runs, storage answers and
/// the Wasm is compiled (in either order), the popup is drawn.
const PHASES: [&str; 4] = ["boot", "storage-read", "wasm-compiled", "popup-ready"];

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

/// Median time of each phase of the popup's opening.
fn phases(opens: &[Marks]) -> Value {
    let medians: serde_json::Map<String, Value> = PHASES
        .iter()
        .map(|name| {
            let times = mark_times(opens, name);
            let median = (!times.is_empty()).then(|| round(median(&times)));
            (name.to_string(), json!(median))
        })
        .collect();
    Value::Object(medians)
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

/// From a stopped background to its first answer. Chromium: the service worker
/// is stopped through the DevTools protocol. Firefox: the event page is left to
/// suspend itself after a short idle time set for this profile.
fn cold_starts(s: &Session, kind: Kind, extension: &Path, workdir: &Path) -> Result<Vec<f64>> {
    let mut times = Vec::new();
    match kind {
        Kind::Chromium => {
            s.open_popup()?;
            s.browser.cdp("ServiceWorker.enable", json!({}))?;
            for _ in 0..COLD_STARTS {
                s.browser.cdp("ServiceWorker.stopAllWorkers", json!({}))?;
                std::thread::sleep(Duration::from_millis(300));
                times.push(first_answer(&s.browser)?);
            }
        }
        Kind::Firefox => {
            let browser = Browser::launch_with_prefs(
                &Launch {
                    kind,
                    extension: extension.to_path_buf(),
                    zoho_port: ZOHO_PORT,
                    workdir: workdir.join("idle"),
                    persistent: false,
                    language: None,
                    dark: false,
                },
                json!({"extensions.background.idle.timeout": 500}),
            )?;
            browser.open_popup()?;
            for _ in 0..COLD_STARTS {
                std::thread::sleep(Duration::from_millis(1500));
                times.push(first_answer(&browser)?);
            }
        }
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

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn print_table(report: &Value) {
    let size = &report["size"];
    println!("\nSize");
    println!(
        "  wasm        {:>8} B raw, {:>7} B gzipped   (target ≤ 50 KB gzipped)",
        size["wasm_raw"], size["wasm_gzip"]
    );
    println!("  js glue     {:>8} B", size["js_glue"]);
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
            (Some(ratio), Some(&"ratio")) => format!("{ratio:.2}×"),
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
    for n in LIST_SIZES {
        let n = n.to_string();
        row(
            &format!("popup ready, {n} tokens"),
            &["popup_ready_ms", &n, "popup"],
        );
        row(
            &format!("  static floor, {n} tokens"),
            &["popup_ready_ms", &n, "floor"],
        );
        row("  ratio", &["popup_ready_ms", &n, "ratio"]);
    }
    row("generate (click → row)", &["generate_ms", "generate"]);
    row("  plain fetch floor", &["generate_ms", "plain_fetch"]);
    row("  ratio", &["generate_ms", "ratio"]);
    row(
        "  fixed cost (generate − fetch)",
        &["generate_ms", "fixed_cost"],
    );
    row(
        &format!("generate, Zoho {DISTANT_ZOHO_MS} ms away"),
        &["generate_distant_zoho_ms", "generate"],
    );
    row(
        "  plain fetch floor",
        &["generate_distant_zoho_ms", "plain_fetch"],
    );
    row("  ratio", &["generate_distant_zoho_ms", "ratio"]);
    row("background cold start", &["background_cold_start_ms"]);
    println!(
        "\nwhere the popup's time goes (median ms from navigation start: {})",
        PHASES.join(" → ")
    );
    for n in LIST_SIZES {
        let phases = |kind: &str| {
            let p = &report["browsers"][kind]["popup_ready_ms"][n.to_string()]["phases"];
            PHASES
                .iter()
                .map(|name| p[*name].as_f64().map_or("-".into(), |t| format!("{t:.1}")))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "  {:<32} {:>22} {:>22}",
            format!("{n} tokens"),
            phases("chromium"),
            phases("firefox")
        );
    }
    println!("\ntargets: popup ≤ 1.3× floor at 100 tokens, ≤ 1.6× at 1,000; generate ≤ 1.3× fetch; cold start ≤ 50 ms");
}
