//! The bytes of each module and archive.

use super::*;

/// The bytes of each Wasm module (raw and gzipped) and its JavaScript glue, and of
/// the store archives.
pub(crate) fn sizes(dist: &Path) -> Result<Value> {
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

pub(crate) fn gzip_size(bytes: &[u8]) -> Result<usize> {
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
