//! The shape of `src/`: no import cycle between modules (of any length), and a
//! file runs past 300 lines only with its unit tests, saying so at its top;
//! no test or harness file passes 600 lines.
//!
//! The scan reads the shipped code only (comments, strings and `#[cfg(test)]`
//! items set aside), spells out nested `use` groups, and follows `pub use`
//! re-exports to the module that defines what they name.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A module's path from the crate root (`["popup", "list"]`) and its source.
type Module = (Vec<String>, String);

fn modules(dir: &Path, path: Vec<String>, out: &mut Vec<Module>) {
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

/// The code with comments, string and character literals blanked (line
/// breaks kept), so that what is left is only Rust's own tokens.
fn without_comments_and_strings(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    let keep_breaks = |out: &mut String, text: &[char]| {
        out.extend(text.iter().filter(|c| **c == '\n'));
    };
    while i < chars.len() {
        let rest = &chars[i..];
        let starts = |s: &str| rest.iter().take(s.len()).copied().eq(s.chars());
        let end = if starts("//") {
            i + rest.iter().position(|c| *c == '\n').unwrap_or(rest.len())
        } else if starts("/*") {
            i + 2 + find(&rest[2..], "*/").map_or(rest.len() - 2, |at| at + 2)
        } else if starts("r#\"") || starts("r\"") {
            let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat('#').take(hashes))
                .collect();
            let open = 2 + hashes;
            i + open + find(&rest[open..], &close).map_or(rest.len() - open, |at| at + close.len())
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            i + (j + 1).min(rest.len())
        } else if rest[0] == '\'' && rest.get(1) == Some(&'\\') {
            i + 2
                + rest[2..]
                    .iter()
                    .position(|c| *c == '\'')
                    .map_or(0, |at| at + 1)
        } else if rest[0] == '\'' && rest.get(2) == Some(&'\'') {
            i + 3
        } else {
            out.push(rest[0]);
            i += 1;
            continue;
        };
        let end = end.min(chars.len());
        keep_breaks(&mut out, &chars[i..end]);
        out.push(' ');
        i = end;
    }
    out
}

fn find(haystack: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the item that starts `code` ends: its `;`, or the `}` that closes
/// its body (brackets counted, so `[u8; 4]` does not end it).
fn item_end(code: &str) -> usize {
    let mut depth = 0usize;
    for (at, c) in code.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            ';' if depth == 0 => return at + 1,
            _ => {}
        }
    }
    code.len()
}

/// The code as shipped: comments and literals blanked, and every item marked
/// `#[cfg(test)]` left out (its line breaks kept, so lines still count).
fn shipped(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let code = without_comments_and_strings(code);
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let end = item_end(after);
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A `use` tree spelled out: `a::{b, c::{d, e as f}}` gives `a::b`, `a::c::d`
/// and `a::c::e`, each with the name it binds (`b`, `d`, `f`).
fn use_tree(prefix: &[String], tree: &str, out: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let mut base = prefix.to_vec();
        base.extend(segments(head));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (at, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    use_tree(&base, &inner[start..at], out);
                    start = at + 1;
                }
                _ => {}
            }
        }
        use_tree(&base, &inner[start..], out);
        return;
    }
    if tree.is_empty() || tree.ends_with('*') {
        return;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((path, alias)) => (path, Some(alias.trim())),
        None => (tree, None),
    };
    let mut full = prefix.to_vec();
    full.extend(segments(path));
    if full.last().is_some_and(|s| s == "self") {
        full.pop();
    }
    let bound = alias.map(String::from).or_else(|| full.last().cloned());
    if let Some(bound) = bound {
        out.push((full, bound));
    }
}

fn segments(path: &str) -> impl Iterator<Item = String> + '_ {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// What one module's shipped code names: its `use` items (path, bound name,
/// whether re-exported), its `mod` children, and the `crate::` / `super::`
/// paths written inline.
#[derive(Default)]
struct Names {
    uses: Vec<(Vec<String>, String, bool)>,
    children: Vec<String>,
    inline: Vec<Vec<String>>,
}

fn names(code: &str) -> Names {
    let code = shipped(code);
    let mut names = Names::default();
    let words: Vec<(usize, &str)> = code
        .match_indices(|c: char| !(c.is_alphanumeric() || c == '_'))
        .scan(0, |start, (at, sep)| {
            let word = (*start, &code[*start..at]);
            *start = at + sep.len();
            Some(word)
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (n, (at, word)) in words.iter().enumerate() {
        let public =
            n > 0 && words[n - 1].1 == "pub" || code[..*at].trim_end().ends_with("pub(crate)");
        match *word {
            "use" => {
                let rest = &code[at + 3..];
                let tree = &rest[..rest.find(';').unwrap_or(rest.len())];
                let mut found = Vec::new();
                use_tree(&[], tree, &mut found);
                for (path, bound) in found {
                    names.uses.push((path, bound, public));
                }
            }
            "mod" => {
                let rest = code[at + 3..].trim_start();
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if rest[name.len()..].trim_start().starts_with(';') {
                    names.children.push(name);
                }
            }
            _ => {}
        }
    }
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[at..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            // A group (`crate::a::{b, c}`) belongs to a `use`, read above.
            if !rest[end..].starts_with('{') {
                names.inline.push(segments(&rest[..end]).collect());
            }
        }
    }
    names
}

/// A path as written in `module` (`crate::a`, `super::b`, `self::c`, a name
/// a `use` bound, or a child) as segments from the crate root.
fn absolute(
    module: &[String],
    path: &[String],
    bound: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    absolute_within(module, path, bound, 0)
}

/// [`absolute`], `depth` names deep into other `use` items.
fn absolute_within(
    module: &[String],
    path: &[String],
    bound: &BTreeMap<String, Vec<String>>,
    depth: usize,
) -> Vec<String> {
    let Some(first) = path.first() else {
        return module.to_vec();
    };
    let (mut base, rest) = match first.as_str() {
        "crate" | "$crate" => (Vec::new(), &path[1..]),
        "self" => (module.to_vec(), &path[1..]),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            (
                module[..module.len().saturating_sub(ups)].to_vec(),
                &path[ups..],
            )
        }
        name => match bound.get(name) {
            Some(target) if depth < 4 && target.as_slice() != path => (
                absolute_within(module, target, bound, depth + 1),
                &path[1..],
            ),
            _ => (module.to_vec(), path),
        },
    };
    base.extend(rest.iter().cloned());
    base
}

/// The longest known module a path starts with.
fn owner(path: &[String], known: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| known.contains(prefix))
        .unwrap_or_default()
}

/// Every "module uses module" edge of the crate, re-exports followed to the
/// module that defines the item; a parent reaches its children by `mod`.
fn edges(all: &[Module]) -> BTreeSet<(String, String)> {
    let known: BTreeSet<Vec<String>> = all.iter().map(|(m, _)| m.clone()).collect();
    let scanned: Vec<(&Vec<String>, Names)> =
        all.iter().map(|(m, code)| (m, names(code))).collect();
    let mut resolved: Vec<(&Vec<String>, Vec<Vec<String>>)> = Vec::new();
    let mut exports: BTreeMap<(Vec<String>, String), Vec<String>> = BTreeMap::new();
    for (module, names) in &scanned {
        let mut bound = BTreeMap::new();
        for (path, name, _) in &names.uses {
            bound.insert(name.clone(), path.clone());
        }
        // A name one `use` binds may start another's path: resolved in turn.
        let mut absolute_uses = Vec::new();
        for (path, name, public) in &names.uses {
            let full = absolute(module, path, &bound);
            if *public {
                exports.insert(((*module).clone(), name.clone()), full.clone());
            }
            absolute_uses.push(full);
        }
        absolute_uses.extend(names.inline.iter().map(|p| absolute(module, p, &bound)));
        resolved.push((module, absolute_uses));
    }
    let mut edges = BTreeSet::new();
    for ((module, names), (_, paths)) in scanned.iter().zip(&resolved) {
        for child in &names.children {
            let child = [(*module).clone(), vec![child.clone()]].concat();
            edges.insert((module.join("::"), child.join("::")));
        }
        for path in paths {
            let to = defined_in(path.clone(), &known, &exports);
            if &to != *module && !to.is_empty() {
                edges.insert((module.join("::"), to.join("::")));
            }
        }
    }
    edges
}

/// The module that defines what `path` names, through any `pub use`.
fn defined_in(
    mut path: Vec<String>,
    known: &BTreeSet<Vec<String>>,
    exports: &BTreeMap<(Vec<String>, String), Vec<String>>,
) -> Vec<String> {
    for _ in 0..8 {
        let module = owner(&path, known);
        let Some(name) = path.get(module.len()) else {
            return module;
        };
        match exports.get(&(module.clone(), name.clone())) {
            Some(target) if *target != path => {
                let mut next = target.clone();
                next.extend(path[module.len() + 1..].iter().cloned());
                path = next;
            }
            _ => return module,
        }
    }
    owner(&path, known)
}

/// An import cycle, as the modules in it, if there is one.
fn cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges {
        next.entry(from).or_default().push(to);
    }
    // Depth first; a node met again while still on the path closes a cycle.
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            return Some(
                path[at..]
                    .iter()
                    .chain([&node])
                    .map(|n| n.to_string())
                    .collect(),
            );
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(found) = visit(to, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    let starts: Vec<&str> = next.keys().copied().collect();
    starts
        .into_iter()
        .find_map(|start| visit(start, &next, &mut Vec::new(), &mut done))
}

#[test]
fn no_modules_import_each_other_through_any_loop() {
    let mut all = Vec::new();
    modules(&super::root().join("src"), Vec::new(), &mut all);
    let edges = edges(&all);
    assert!(edges.len() > 50, "the scan found too little: {edges:?}");
    assert_eq!(cycle(&edges), None, "an import cycle");
}

/// Modules from `(path, code)` pairs written inline.
fn fake(files: &[(&str, &str)]) -> Vec<Module> {
    files
        .iter()
        .map(|(path, code)| (segments(path).collect(), code.to_string()))
        .collect()
}

#[test]
fn a_loop_of_three_modules_is_found() {
    let all = fake(&[
        ("", "pub mod a; pub mod b; pub mod c;"),
        ("a", "use crate::b::{x};"),
        ("b", "fn f() { crate::c::y(); }"),
        ("c", "use super::a::z;"),
    ]);
    assert_eq!(
        cycle(&edges(&all)),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let open = fake(&[
        ("", "pub mod a; pub mod b;"),
        ("a", "use crate::b::x;"),
        ("b", ""),
    ]);
    assert_eq!(cycle(&edges(&open)), None);
}

#[test]
fn re_exports_lead_to_the_defining_module() {
    // `b` re-exports `b::d`'s item: `b::c` using it depends on `b::d`, not on
    // its own parent (which would be a false loop through `mod c`).
    let sound = fake(&[
        ("", "pub mod a; pub mod b;"),
        ("a", "use crate::b::Thing;"),
        (
            "b",
            "pub mod c;\npub mod d;\npub use d::{Thing, Other as Renamed};",
        ),
        ("b::c", "use crate::b::Renamed;"),
        ("b::d", ""),
    ]);
    let found = edges(&sound);
    assert!(found.contains(&("a".into(), "b::d".into())), "{found:?}");
    assert!(found.contains(&("b::c".into(), "b::d".into())), "{found:?}");
    assert_eq!(cycle(&found), None);
    // A loop through a re-export: `a` → (`b` re-exports `b::c`) → `a`.
    let looped = fake(&[
        ("", "pub mod a; pub mod b;"),
        ("a", "use crate::b::Thing;"),
        ("b", "pub mod c;\npub use c::Thing;"),
        ("b::c", "use crate::a::helper;"),
    ]);
    assert_eq!(
        cycle(&edges(&looped)),
        Some(vec!["a".into(), "b::c".into(), "a".into()])
    );
}

#[test]
fn the_scan_reads_nested_groups_and_only_shipped_code() {
    let code = "use crate::{a::{b, c::{d, e as f}}, g};\n\
                // use crate::commented::out; #[cfg(test)] in a comment hides nothing\n\
                fn s() -> &'static str { \"crate::in_a_string\" }\n\
                #[cfg(test)]\nmod tests { use crate::only_in_tests; fn x(a: [u8; 2]) {} }\n\
                #[cfg(test)]\nuse crate::test_helper;\n\
                fn f() { let c = '\"'; crate::h::call(c); my_super::no(); }";
    let found = names(code);
    let uses: Vec<String> = found.uses.iter().map(|(p, _, _)| p.join("::")).collect();
    assert_eq!(
        uses,
        [
            "crate::a::b",
            "crate::a::c::d",
            "crate::a::c::e",
            "crate::g"
        ]
    );
    assert_eq!(found.uses[2].1, "f");
    let inline: Vec<String> = found.inline.iter().map(|p| p.join("::")).collect();
    assert!(inline.contains(&"crate::h::call".to_string()), "{inline:?}");
    assert!(
        !inline
            .iter()
            .any(|p| p.contains("tests") || p.contains("test_helper") || p.contains("string")),
        "{inline:?}"
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
        // Lines up to where the test items start.
        let shipped = shipped(text);
        let code_lines = shipped.trim_end().lines().count();
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

/// No test or harness file passes this many lines: past it, split by job.
const LONG_TEST_FILE: usize = 600;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn test_and_harness_files_stay_under_600_lines() {
    let mut files = Vec::new();
    rust_files(&super::root().join("tests"), &mut files);
    assert!(files.len() > 30, "found only {files:?}");
    for file in files {
        let lines = fs::read_to_string(&file).unwrap().lines().count();
        assert!(
            lines <= LONG_TEST_FILE,
            "{}: {lines} lines; split it by what it does",
            file.display()
        );
    }
}
