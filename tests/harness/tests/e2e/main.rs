//! End-to-end tests: the built extension in real headless Chromium and Firefox,
//! against the local Zoho. Every scenario runs in both browsers (a few only in
//! Chromium, which alone can report them), each run with a fresh browser profile
//! and a freshly reset Zoho. The runner is libtest's, through `libtest-mimic`:
//! filters, `--exact`, `--skip`, `--list` work as for any cargo test.
//!
//! `cargo test -p zoho-harness --test e2e -- --dist <dist/extension> [--browser firefox] [FILTER]`

/// A list of scenarios, each named by its function: the name is written once.
macro_rules! scenarios {
    ($($scenario:ident),* $(,)?) => {
        &[$((stringify!($scenario), $scenario as crate::Scenario)),*]
    };
}

mod access;
mod backup;
mod check;
mod clients;
mod clipboard;
mod generate;
mod hardening;
mod list;
mod oauth;
mod oauth_answers;
mod oauth_branches;
mod options;
mod problems;
mod smoke;
mod vault;
mod welcome;

use anyhow::{anyhow, Result};
use libtest_mimic::{Arguments, Failed, Trial};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use zoho_harness::browser::Kind;
use zoho_harness::server::LocalZoho;
use zoho_harness::{Session, ZOHO_PORT};

pub type Scenario = fn(&mut Session) -> Result<()>;

/// Every scenario for both browsers.
fn scenarios() -> impl Iterator<Item = &'static (&'static str, Scenario)> {
    smoke::ALL
        .iter()
        .chain(generate::ALL)
        .chain(problems::ALL)
        .chain(list::ALL)
        .chain(hardening::ALL)
        .chain(access::ALL)
        .chain(options::ALL)
        .chain(backup::ALL)
        .chain(oauth::ALL)
        .chain(oauth_answers::ALL)
        .chain(oauth_branches::ALL)
        .chain(clients::ALL)
        .chain(check::ALL)
        .chain(vault::ALL)
        .chain(clipboard::ALL)
        .chain(welcome::ALL)
}

/// The scenarios only Chromium can run.
fn chromium_only() -> impl Iterator<Item = &'static (&'static str, Scenario)> {
    smoke::CHROMIUM_ONLY
        .iter()
        .chain(hardening::CHROMIUM_ONLY)
        .chain(backup::CHROMIUM_ONLY)
}

/// Our own options (`--dist`, `--browser`), and what is left for libtest's.
struct Options {
    dist: PathBuf,
    browsers: Vec<Kind>,
    libtest: Vec<String>,
}

fn options() -> Result<Options> {
    let mut options = Options {
        dist: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist/extension")),
        browsers: Kind::BOTH.to_vec(),
        libtest: Vec::new(),
    };
    let mut args = std::env::args();
    options.libtest.extend(args.next());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => {
                options.dist = args
                    .next()
                    .ok_or_else(|| anyhow!("--dist needs a folder"))?
                    .into()
            }
            "--browser" => {
                let name = args.next().unwrap_or_default();
                let kind = Kind::BOTH
                    .into_iter()
                    .find(|k| k.name() == name)
                    .ok_or_else(|| anyhow!("unknown browser {name:?}"))?;
                options.browsers = vec![kind];
            }
            _ => options.libtest.push(arg),
        }
    }
    Ok(options)
}

fn main() {
    let options = options().unwrap_or_else(|e| {
        eprintln!("e2e: {e:#}");
        std::process::exit(2);
    });
    let mut args = Arguments::from_iter(options.libtest);
    // One local Zoho on port 443 and one browser at a time: scenarios run in turn.
    args.test_threads = Some(1);
    let zoho: Option<&'static LocalZoho> = if args.list {
        None
    } else {
        if !options.dist.join("manifest.json").is_file() {
            eprintln!(
                "e2e: {} holds no built extension: run ./build.sh first",
                options.dist.display()
            );
            std::process::exit(2);
        }
        match LocalZoho::start(ZOHO_PORT) {
            Ok(zoho) => Some(Box::leak(Box::new(zoho))),
            Err(e) => {
                eprintln!("e2e: cannot start the local Zoho: {e:#}");
                std::process::exit(2);
            }
        }
    };
    let workroot =
        std::env::temp_dir().join(format!("authtoken-keeper-e2e-{}", std::process::id()));
    let mut trials = Vec::new();
    for kind in &options.browsers {
        let kind = *kind;
        let only_here = chromium_only().filter(move |_| kind == Kind::Chromium);
        for (i, (name, scenario)) in scenarios().chain(only_here).enumerate() {
            let (scenario, dist) = (*scenario, options.dist.clone());
            let workdir = workroot.join(format!("{}-{i}", kind.name()));
            trials.push(
                Trial::test(*name, move || {
                    let zoho = zoho.ok_or_else(|| Failed::from("no local Zoho"))?;
                    run(zoho, kind, dist, workdir, scenario)
                })
                .with_kind(kind.name()),
            );
        }
    }
    let conclusion = libtest_mimic::run(&args, trials);
    let _ = std::fs::remove_dir_all(&workroot);
    conclusion.exit();
}

/// One scenario in one browser; a panic counts as a failure with its message.
fn run(
    zoho: &LocalZoho,
    kind: Kind,
    dist: PathBuf,
    workdir: PathBuf,
    scenario: Scenario,
) -> Result<(), Failed> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut session = Session::start(zoho, kind, &dist, workdir)?;
        // What the browser showed, beside the error: a rare failure may not
        // come back when run again.
        scenario(&mut session)
            .map_err(|e| anyhow!("{e:#}\n\nwhen it failed:\n{}", session.browser.snapshot()))
    }))
    .unwrap_or_else(|panic| Err(anyhow!("panicked: {}", panic_text(&panic))));
    outcome.map_err(|e| Failed::from(format!("{e:#}")))
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}
