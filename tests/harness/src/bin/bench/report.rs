//! Medians, spreads and the printed table.

use super::*;

pub(crate) fn median(values: &[f64]) -> f64 {
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
pub(crate) fn stats(values: &[f64]) -> Value {
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
pub(crate) const AFTER_FIRST_ANSWER: &str = "network";

/// The probe's marks of a cold start, in the order they come
/// (`tests/harness/bench/probe-background.js`); the last is the page's own
/// time to the answer. The twin has no Wasm marks.
pub(crate) const COLD_MARKS: [&str; 7] = [
    "scripts",
    "wasm-fetched-0",
    "wasm-compiled-0",
    "wasm-instantiated-0",
    "message",
    "answered",
    FIRST_ANSWER_SEEN,
];

/// The whole first answer, as the page that asked saw it.
pub(crate) const FIRST_ANSWER_SEEN: &str = "first answer (seen by the page)";

pub(crate) fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn print_table(report: &Value) {
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
    row(
        "  generate floor (message, fetch, storage write)",
        &["generate_ms", "floor"],
    );
    row(
        "  over the floor (target ≤ 2)",
        &["generate_ms", "over_floor"],
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
    row("  generate floor", &["generate_distant_zoho_ms", "floor"]);
    row(
        "  over the floor",
        &["generate_distant_zoho_ms", "over_floor"],
    );
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
    for n in LIST_SIZES {
        let n = n.to_string();
        row(
            &format!("vault open: popup ready, {n} tokens"),
            &["vault", "popup_ready_ms", &n, "open"],
        );
        row("  in clear text", &["vault", "popup_ready_ms", &n, "off"]);
        row(
            "  extra (target ≤ 3)",
            &["vault", "popup_ready_ms", &n, "extra"],
        );
    }
    row("vault: unlock (target ≤ 1000)", &["vault", "unlock_ms"]);
    row("vault open: generate", &["vault", "generate_ms", "open"]);
    row("  off", &["vault", "generate_ms", "off"]);
    row("  extra (target ≤ 2)", &["vault", "generate_ms", "extra"]);
    row("vault open: exchange", &["vault", "exchange_ms", "open"]);
    row("  off", &["vault", "exchange_ms", "off"]);
    row("  extra (target ≤ 2)", &["vault", "exchange_ms", "extra"]);
    row(
        "popup ready, 300 refresh tokens / 10 clients",
        &["oauth", "popup_ready_ms", "integrator"],
    );
    row("  with none", &["oauth", "popup_ready_ms", "none"]);
    row("  extra", &["oauth", "popup_ready_ms", "extra"]);
    row("OAuth filter over 300 rows", &["oauth", "filter_ms"]);
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
        "\nwhere the background's cold start goes (probed copies, median ms from the worker's or \
         event page's start: {})",
        COLD_MARKS.join(" → ")
    );
    for (build, name) in [("background", "background"), ("twin", "JavaScript twin")] {
        let cell = |kind: &str| {
            let marks = &report["browsers"][kind]["background_cold_start_ms"]["marks"][build];
            COLD_MARKS
                .iter()
                .map(|mark| ms(&marks[*mark]).unwrap_or_else(|| "-".into()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "  {name:<18} {:>36} {:>36}",
            cell("chromium"),
            cell("firefox")
        );
    }
    println!(
        "\ntargets (issue 29): popup ≤ 1.2× its fair twin at 0, 100 and 1,000 tokens (each with 100 \
         refresh tokens); cold start ≤ 1.6× its twin; generate fixed cost ≤ the browser's own \
         message and storage write + 2 ms"
    );
}
