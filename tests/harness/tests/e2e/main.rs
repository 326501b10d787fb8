//! End-to-end tests: the built extension in real headless Chromium and Firefox,
//! against the local Zoho. Every scenario runs in both browsers, each run with a
//! fresh browser profile and a freshly reset Zoho.
//!
//! `cargo test -p zoho-harness --test e2e -- --dist dist/extension [--browser firefox] [FILTER]`

mod access;
mod generate;
mod hardening;
mod list;
mod options;
mod problems;
mod smoke;

use anyhow::{anyhow, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;
use zoho_harness::browser::Kind;
use zoho_harness::server::LocalZoho;
use zoho_harness::{Session, ZOHO_PORT};

pub type Scenario = fn(&mut Session) -> Result<()>;

struct Options {
    dist: PathBuf,
    browsers: Vec<Kind>,
    filter: Option<String>,
}

fn options() -> Result<Options> {
    let mut options = Options {
        dist: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist/extension")),
        browsers: Kind::BOTH.to_vec(),
        filter: None,
    };
    let mut args = std::env::args().skip(1);
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
            // Flags cargo's own harness would take; nothing to do here.
            "--nocapture" | "--quiet" | "-q" | "--test-threads" => {}
            other if other.starts_with("--") => {}
            other => options.filter = Some(other.to_string()),
        }
    }
    if !options.dist.join("manifest.json").is_file() {
        return Err(anyhow!(
            "{} holds no built extension: run ./build.sh first",
            options.dist.display()
        ));
    }
    Ok(options)
}

fn main() {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("e2e: {e:#}");
            std::process::exit(2);
        }
    };
    let zoho = match LocalZoho::start(ZOHO_PORT) {
        Ok(z) => z,
        Err(e) => {
            eprintln!("e2e: cannot start the local Zoho: {e:#}");
            std::process::exit(2);
        }
    };
    let workroot =
        std::env::temp_dir().join(format!("authtoken-keeper-e2e-{}", std::process::id()));
    let all = smoke::ALL
        .iter()
        .chain(generate::ALL)
        .chain(problems::ALL)
        .chain(list::ALL)
        .chain(hardening::ALL)
        .chain(access::ALL)
        .chain(options::ALL);
    let selected: Vec<_> = all
        .filter(|(name, _)| {
            options
                .filter
                .as_ref()
                .is_none_or(|f| name.contains(f.as_str()))
        })
        .collect();
    println!("\nrunning {} end-to-end scenarios", selected.len());
    let (mut passed, mut failed) = (0, Vec::new());
    for kind in &options.browsers {
        let started = Instant::now();
        // A `chromium_` scenario checks something only Chromium can report.
        let for_this_browser = selected
            .iter()
            .filter(|(name, _)| !name.starts_with("chromium_") || *kind == Kind::Chromium);
        for (i, (name, scenario)) in for_this_browser.enumerate() {
            let test_started = Instant::now();
            let workdir = workroot.join(format!("{}-{i}", kind.name()));
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let mut session = Session::start(&zoho, *kind, &options.dist, workdir)?;
                scenario(&mut session)
            }))
            .unwrap_or_else(|panic| Err(anyhow!("panicked: {}", panic_text(&panic))));
            let secs = test_started.elapsed().as_secs_f64();
            match outcome {
                Ok(()) => {
                    passed += 1;
                    println!("test {}::{name} ... ok ({secs:.1} s)", kind.name());
                }
                Err(e) => {
                    println!(
                        "test {}::{name} ... FAILED ({secs:.1} s)\n    {e:#}",
                        kind.name()
                    );
                    failed.push(format!("{}::{name}", kind.name()));
                }
            }
        }
        println!("{}: {:.1} s", kind.name(), started.elapsed().as_secs_f64());
    }
    drop(zoho);
    let _ = std::fs::remove_dir_all(&workroot);
    if !failed.is_empty() {
        println!("\nfailures:");
        for name in &failed {
            println!("    {name}");
        }
    }
    let verdict = if failed.is_empty() { "ok" } else { "FAILED" };
    println!("\ntest result: {verdict}. {passed} passed; {} failed; 0 ignored; 0 measured; 0 filtered out\n", failed.len());
    std::process::exit(i32::from(!failed.is_empty()));
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}
