//! `./build.sh bench`: size and speed, side by side with the floor the browser
//! itself sets and with plain-JavaScript twins of the popup and the background
//! (`tests/harness/bench/`), in Chromium and Firefox. Prints a table and writes
//! `dist/bench/bench.json`. It measures; it asserts nothing.
//!
//! This file runs the parts in each browser; `sizes` weighs the modules,
//! `popup` opens the popup beside its floor and twin, `generate` times a
//! generation, `cold` a background's cold start, and `report` sums it up.

mod cold;
mod generate;
mod oauth;
mod popup;
mod report;
mod sizes;
mod vault;

use cold::*;
use generate::*;
use oauth::*;
use popup::*;
use report::*;
use sizes::*;
use vault::*;

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use zoho_harness::browser::{Browser, Kind, Launch};
use zoho_harness::server::LocalZoho;
use zoho_harness::zoho::{console_host, Fault, HOSTS};
use zoho_harness::{copy_dir, Session, PRESETS, ZOHO_PORT};

pub(crate) const OPENS: usize = 40;
/// Cold starts per build: `COLD_ROUNDS` browsers each, `COLD_STARTS` starts in each.
pub(crate) const COLD_ROUNDS: usize = 4;
pub(crate) const COLD_STARTS: usize = 5;
pub(crate) const GENERATES: usize = 30;
pub(crate) const LIST_SIZES: [usize; 3] = [0, 100, 1000];
/// The refresh tokens, and their Self Clients, beside each list size.
pub(crate) const OAUTH_ROWS: usize = 100;
pub(crate) const OAUTH_CLIENTS: usize = 5;
/// Rows the popup draws before it marks itself ready (`FIRST_ROWS` in src/popup/authtokens/list.rs).
pub(crate) const FIRST_ROWS: usize = 30;
/// Added to every create answer for the second generate figure.
pub(crate) const DISTANT_ZOHO_MS: u64 = 100;

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
    // The twin background opens no welcome page.
    std::fs::remove_file(twin_extension.join("welcome.html"))?;
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
pub(crate) const AGAINST: &str = "against";

/// Where this build is copied beside it, for the A/B. Measured from the root,
/// the same popup compiled 6–12 ms later than its copy under `against/` and
/// drew slower with 1,000 tokens (a build against a copy of itself read 1.05 /
/// 1.09 / 1.08× in Chromium, own drawing 36.1 against 24.3 ms); two copies
/// side by side read 1.04 / 1.04 / 1.01× and 25.2 against 25.0 ms. The root
/// popup is still the one set against its twin and the floor, also at the root.
pub(crate) const THIS_COPY: &str = "this";

/// `BENCH_AGAINST`: another build's extension folder (its `dist/extension`), whose
/// popup is opened in turn with this one's, and whose generate and cold start
/// are measured after this one's (in browsers of their own): a same-run A/B,
/// the one comparison the machine's load does not swamp (runs hours apart
/// differ by ±10 ms; the popup's A/B ratio by about ±0.05).
pub(crate) fn against() -> Result<Option<std::path::PathBuf>> {
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
        // With an integrator's refresh tokens beside the authtokens: read and
        // checked before ready, drawn when the OAuth view is first shown.
        let refresh = oauth::refresh_tokens(OAUTH_ROWS, OAUTH_CLIENTS);
        session.browser.put_storage(&Value::Object(refresh))?;
        write_floor_and_twin(&session, extension)?;
        twin_matches(&session)?;
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
        // The floor's browser resets the local Zoho as it starts: both sign in after.
        let floor = Session::start(zoho, kind, twin_extension, workdir.join("floor"))?;
        zoho.world().config.cap = usize::MAX;
        session.sign_in("accounts.zoho.com")?;
        floor.sign_in("accounts.zoho.com")?;
        [generate, distant] = generate_figures(&session, Some(&floor))?;
    }
    let vault = if wanted("vault") {
        vault_figures(&session)?
    } else {
        Value::Null
    };
    let oauth = if wanted("oauth") {
        oauth_figures(&session)?
    } else {
        Value::Null
    };
    drop(session);
    if let Some(other) = against.filter(|_| wanted("generate")) {
        // The other build in a browser of its own, after this one's (two
        // browsers at once slow each other's figures down: writes to disk,
        // collecting garbage).
        let other = Session::start(zoho, kind, other, workdir.join(AGAINST))?;
        zoho.world().config.cap = usize::MAX;
        other.sign_in("accounts.zoho.com")?;
        let theirs = generate_figures(&other, None)?;
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
        let marks = cold_start_marks(kind, &builds[..2], &workdir.join("cold"))?;
        cold_start["marks"] = json!({"background": marks[0], "twin": marks[1]});
    }
    Ok(json!({
        "popup_ready_ms": popup,
        "generate_ms": generate,
        "generate_distant_zoho_ms": distant,
        "background_cold_start_ms": cold_start,
        "vault": vault,
        "oauth": oauth,
    }))
}

/// Whether a part of the bench (`popup`, `generate`, `vault`, `oauth`, `cold`) or a browser
/// (`chromium`, `firefox`) is measured: all, unless `BENCH_ONLY` names some
/// (comma separated; for looking into one figure quickly).
pub(crate) fn wanted(part: &str) -> bool {
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let is_browser = |name: &str| Kind::BOTH.iter().any(|k| k.name() == name);
    // Among names of the same sort as `part` (browsers, or parts), none means all.
    let mut alike = only
        .split(',')
        .filter(|name| !name.is_empty() && is_browser(name) == is_browser(part))
        .peekable();
    alike.peek().is_none() || alike.any(|name| name == part)
}
