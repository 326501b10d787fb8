//! The shape of `src/`: no two modules import each other, and a file runs
//! past 300 lines only with its unit tests, saying so at its top.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// A module's path from the crate root (`["popup", "list"]`) and its source.
fn modules(dir: &Path, path: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let file = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut inner = path.clone();
        if file.is_dir() {
            inner.push(name);
            modules(&file, inner, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if !["mod", "lib"].contains(&stem) {
                inner.push(stem.to_string());
            }
            out.push((inner, fs::read_to_string(&file).unwrap()));
        }
    }
}

/// Every `crate::…` and `super::…` path the shipped code names, in `use`
/// lines (groups `{a, b::c}` spelled out, one level deep) and inline, as
/// segments from the crate root.
fn paths_named(module: &[String], code: &str) -> Vec<Vec<String>> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut found = Vec::new();
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[at + start.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let head = rest[..end].trim_end_matches(':');
            let mut base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                module[..module.len().saturating_sub(1)].to_vec()
            };
            base.extend(head.split("::").filter(|s| !s.is_empty()).map(String::from));
            let group = rest[end..].starts_with('{').then(|| {
                let close = rest[end..].find('}').unwrap_or(0);
                &rest[end + 1..end + close]
            });
            match group {
                Some(items) => {
                    for item in items.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let mut path = base.clone();
                        let item = item.split(" as ").next().unwrap_or(item);
                        if item != "self" {
                            path.extend(item.split("::").map(String::from));
                        }
                        found.push(path);
                    }
                }
                None => found.push(base),
            }
        }
    }
    found
}

/// The longest known module a path starts with.
fn owner(path: &[String], known: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| known.contains(prefix))
        .unwrap_or_default()
}

#[test]
fn no_two_modules_import_each_other() {
    let mut all = Vec::new();
    modules(&super::root().join("src"), Vec::new(), &mut all);
    let known: BTreeSet<Vec<String>> = all.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = BTreeSet::new();
    for (module, code) in &all {
        // A parent reaches its children through their `mod` lines.
        for line in code.lines().map(str::trim) {
            let declared = line
                .strip_prefix("pub ")
                .unwrap_or(line)
                .strip_prefix("mod ");
            if let Some(child) = declared.and_then(|rest| rest.strip_suffix(';')) {
                let child = [module.clone(), vec![child.to_string()]].concat();
                edges.insert((module.join("::"), child.join("::")));
            }
        }
        for path in paths_named(module, code) {
            let to = owner(&path, &known);
            if &to != module && !to.is_empty() {
                edges.insert((module.join("::"), to.join("::")));
            }
        }
    }
    assert!(edges.len() > 50, "the scan found too little: {edges:?}");
    let mutual: Vec<_> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(
        mutual.is_empty(),
        "modules that import each other: {mutual:?}"
    );
}

#[test]
fn the_import_scan_reads_groups_and_inline_paths() {
    let module = ["popup".to_string(), "list".to_string()];
    let code = "use super::{state, token_row as row};\nuse crate::browser::{self, dom};\n\
                // use crate::commented::out;\nfn f() { crate::zoho::url::encode(x); my_super::no(); }\n\
                #[cfg(test)]\nuse crate::only_in_tests;";
    let found: Vec<String> = paths_named(&module, code)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        found,
        [
            "browser",
            "browser::dom",
            "zoho::url::encode",
            "popup::state",
            "popup::token_row"
        ]
    );
}

/// Past this many lines a file says at its top why it is one file.
const LONG_FILE: usize = 300;

#[test]
fn long_files_are_long_only_with_their_tests_and_say_so() {
    let mut all = Vec::new();
    modules(&super::root().join("src"), Vec::new(), &mut all);
    for (module, text) in &all {
        let name = module.join("::");
        let code_lines = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .count();
        assert!(
            code_lines <= LONG_FILE,
            "{name}: {code_lines} lines before its tests"
        );
        if text.lines().count() > LONG_FILE {
            let opening: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
            assert!(
                opening.contains("Over 300 lines only with its unit tests"),
                "{name} is long and does not say why"
            );
        }
    }
}
