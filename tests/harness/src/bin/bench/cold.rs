//! The background's cold start: from a stopped background to its first answer.

use super::*;

/// From a stopped background to its first answer, for each of `builds`: in
/// `COLD_ROUNDS` rounds, each build in a browser of its own in turn (the order
/// reversed every other round), so that all meet the same machine load. Ten
/// starts of one build and then ten of the other left each with its own stretch
/// of the machine's load: the same twin read 28.2 and 57.8 ms in two runs
/// minutes apart.
pub(crate) fn cold_start_rounds(
    kind: Kind,
    builds: &[&Path],
    workdir: &Path,
) -> Result<Vec<Vec<f64>>> {
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
/// itself after a short idle time set for this profile. Each start waits for
/// the sign that the background has stopped.
pub(crate) fn cold_starts(kind: Kind, extension: &Path, workdir: &Path) -> Result<Vec<f64>> {
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
        if kind == Kind::Chromium {
            browser.cdp("ServiceWorker.stopAllWorkers", json!({}))?;
        }
        wait_background_gone(kind, &browser)?;
        times.push(first_answer(&browser)?);
        // The sign of a stop means something only if it is absent now.
        ensure!(
            background_running(kind, &browser)?,
            "the background answered, yet is not seen running"
        );
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

pub(crate) fn first_answer(b: &Browser) -> Result<f64> {
    let t = b.driver.execute_async(
        "const done = arguments[arguments.length - 1]; const start = performance.now();\
         chrome.runtime.sendMessage('takeNotice').then(() => done(performance.now() - start), () => done(null));",
        json!([]),
    )?;
    t.as_f64().context("no answer from the background")
}
