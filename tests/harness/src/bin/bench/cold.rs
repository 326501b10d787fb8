//! The background's cold start: from a stopped background to its first answer.

use super::*;

/// From a stopped background to its first answer, for each of `builds`: in
/// `COLD_ROUNDS` rounds, each build in a browser of its own in turn (the order
/// reversed every other round), so that all meet the same machine load. Ten
/// starts of one build and then ten of the other left each with its own stretch
/// of the machine's load: the same twin read 28.2 and 57.8 ms in two runs
/// minutes apart. The first two builds (the product and its twin) must answer
/// alike.
pub(crate) fn cold_start_rounds(
    kind: Kind,
    builds: &[&Path],
    workdir: &Path,
) -> Result<Vec<Vec<f64>>> {
    let mut times = vec![Vec::new(); builds.len()];
    let mut replies = vec![Value::Null; builds.len()];
    for round in 0..COLD_ROUNDS {
        let mut order: Vec<usize> = (0..builds.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for build in order {
            let profile = workdir.join(format!("{round}-{build}"));
            let starts = cold_starts(kind, builds[build], &profile, false)?;
            replies[build] = starts[0].reply.clone();
            times[build].extend(starts.into_iter().map(|start| start.ms));
        }
    }
    ensure!(
        replies[0] == replies[1],
        "the background's twin answers otherwise: {} against {}",
        replies[1],
        replies[0]
    );
    Ok(times)
}

/// Where the cold starts of each of `builds` go: one more round, each build in a
/// copy whose background runs the probe first (`tests/harness/bench/probe-background.js`),
/// apart from the measured rounds so the probe costs them nothing. The median
/// of each mark and of the whole first answer, per build.
pub(crate) fn cold_start_marks(kind: Kind, builds: &[&Path], workdir: &Path) -> Result<Vec<Value>> {
    let mut medians = Vec::new();
    for (n, build) in builds.iter().enumerate() {
        let copy = workdir.join(format!("probed-{n}"));
        copy_dir(build, &copy)?;
        std::fs::rename(copy.join("background.js"), copy.join(PROBED_MAIN))?;
        std::fs::write(copy.join("probe.js"), PROBE_BACKGROUND_JS)?;
        std::fs::write(
            copy.join("background.js"),
            format!("import \"./probe.js\";\nimport \"./{PROBED_MAIN}\";\n"),
        )?;
        let starts = cold_starts(
            kind,
            &copy,
            &workdir.join(format!("probed-{n}-profile")),
            true,
        )?;
        let mut names: Vec<String> = Vec::new();
        for start in &starts {
            for name in start.marks.as_object().context("probe marks")?.keys() {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        let mut build_medians = serde_json::Map::new();
        let answers: Vec<f64> = starts.iter().map(|start| start.ms).collect();
        build_medians.insert(FIRST_ANSWER_SEEN.into(), json!(round(median(&answers))));
        for name in names {
            let times: Vec<f64> = starts
                .iter()
                .filter_map(|s| s.marks[&name].as_f64())
                .collect();
            build_medians.insert(name, json!(round(median(&times))));
        }
        medians.push(Value::Object(build_medians));
    }
    Ok(medians)
}

/// One cold start: the time to the first answer, the answer, and the probe's
/// marks (null unprobed).
pub(crate) struct Start {
    ms: f64,
    reply: Value,
    marks: Value,
}

/// A probed copy's own background script, renamed to make room for the probe.
const PROBED_MAIN: &str = "background-main.js";
const PROBE_BACKGROUND_JS: &str = include_str!("../../../bench/probe-background.js");

/// `COLD_STARTS` times from a stopped background to its first answer, in a
/// browser of its own with `extension`; `probed`, with the probe's marks of
/// each start (else null). Chromium: the service worker is stopped
/// through the DevTools protocol. Firefox: the event page is left to suspend
/// itself after a short idle time set for this profile. Each start waits for
/// the sign that the background has stopped.
pub(crate) fn cold_starts(
    kind: Kind,
    extension: &Path,
    workdir: &Path,
    probed: bool,
) -> Result<Vec<Start>> {
    let launch = Launch {
        kind,
        extension: extension.to_path_buf(),
        zoho_port: ZOHO_PORT,
        workdir: workdir.to_path_buf(),
        persistent: false,
        language: None,
        dark: false,
        // The welcome tab, if one opens, is left alone: it is not the background.
        welcome: false,
    };
    let browser =
        Browser::launch_with_prefs(&launch, json!({"extensions.background.idle.timeout": 500}))?;
    browser.open_popup()?;
    if kind == Kind::Chromium {
        browser.cdp("ServiceWorker.enable", json!({}))?;
    }
    let mut times = Vec::new();
    for _ in 0..COLD_STARTS {
        if kind == Kind::Chromium {
            browser.cdp("ServiceWorker.stopAllWorkers", json!({}))?;
        }
        wait_background_gone(kind, &browser)?;
        let (ms, reply) = first_answer(&browser)?;
        // The sign of a stop means something only if it is absent now.
        ensure!(
            background_running(kind, &browser)?,
            "the background answered, yet is not seen running"
        );
        let marks = if probed {
            let marks = browser.driver.execute_async(PROBE_MARKS_JS, json!([]))?;
            ensure!(
                marks["answered"].as_f64().is_some(),
                "the probe marked no answer: {marks}"
            );
            marks
        } else {
            Value::Null
        };
        times.push(Start { ms, reply, marks });
    }
    Ok(times)
}

/// Waits until the background has stopped, by a sign of it rather than a
/// fixed time.
fn wait_background_gone(kind: Kind, b: &Browser) -> Result<()> {
    b.driver
        .wait_for("the background to stop", Duration::from_secs(20), || {
            Ok((!background_running(kind, b)?).then_some(()))
        })
}

/// Whether the background runs: Chromium, its service worker has a target;
/// Firefox, its event page is among the extension's views (asking for them
/// does not wake it).
fn background_running(kind: Kind, b: &Browser) -> Result<bool> {
    Ok(match kind {
        Kind::Chromium => {
            let targets = b.cdp("Target.getTargets", json!({}))?;
            let base = b.extension_url("");
            targets["targetInfos"]
                .as_array()
                .context("Target.getTargets")?
                .iter()
                .any(|t| {
                    t["type"] == "service_worker"
                        && t["url"].as_str().is_some_and(|u| u.starts_with(&base))
                })
        }
        Kind::Firefox => {
            let views = b.driver.execute(
                "return chrome.extension.getViews()\
                   .filter(w => w.location.pathname.includes('background')).length;",
                json!([]),
            )?;
            views != json!(0)
        }
    })
}

const PROBE_MARKS_JS: &str = "const done = arguments[arguments.length - 1];\
     chrome.runtime.sendMessage('probeMarks').then(done, () => done(null));";

/// The time to the background's first answer, and the answer.
pub(crate) fn first_answer(b: &Browser) -> Result<(f64, Value)> {
    let answer = b.driver.execute_async(
        "const done = arguments[arguments.length - 1]; const start = performance.now();\
         chrome.runtime.sendMessage('takeNotice')\
           .then(reply => done({ms: performance.now() - start, reply}), () => done(null));",
        json!([]),
    )?;
    let ms = answer["ms"]
        .as_f64()
        .context("no answer from the background")?;
    Ok((ms, answer["reply"].clone()))
}
