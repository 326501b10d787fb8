//! Checks on the extension's files as shipped: the manifest asks for no more
//! than it needs, every message the code uses exists, nothing logs.

mod layout;

use authtoken_keeper::zoho::DataCentre;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The extension's pages that name messages and actions.
const PAGES: [&str; 3] = ["popup.html", "options.html", "welcome.html"];

fn json(path: &str) -> Value {
    let text = fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn manifest_asks_for_the_documented_permissions_only() {
    let manifest = json("manifest.json");
    assert_eq!(manifest["manifest_version"], 3);
    // Installing grants only what warns the user of nothing (Firefox does not
    // let `alarms` be optional); what would warn, reading and changing the
    // clipboard, is asked for when the user turns on its clearing, with
    // Chrome's document to do it in.
    assert_eq!(
        manifest["permissions"],
        serde_json::json!(["alarms", "storage"])
    );
    assert_eq!(
        manifest["optional_permissions"],
        serde_json::json!(["clipboardRead", "clipboardWrite", "offscreen"])
    );
    // The hosts themselves are pinned, literally, by the data-centre unit test.
    let hosts: Vec<String> = DataCentre::ALL
        .iter()
        .map(|dc| format!("https://{}/*", dc.accounts_host()))
        .collect();
    assert_eq!(manifest["host_permissions"], serde_json::json!(hosts));
    assert!(
        manifest.get("key").is_none(),
        "no key in what users install"
    );
    assert!(manifest.get("web_accessible_resources").is_none());
    let matches: Vec<String> = DataCentre::ALL
        .iter()
        .map(|dc| format!("https://{}/apiauthtoken/*", dc.accounts_host()))
        .collect();
    assert_eq!(
        manifest["content_scripts"][0]["matches"],
        serde_json::json!(matches)
    );
    assert_eq!(
        manifest["content_security_policy"]["extension_pages"],
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
    );
    assert_eq!(manifest["background"]["service_worker"], "background.js");
    assert_eq!(
        manifest["background"]["scripts"],
        serde_json::json!(["background.js"])
    );
    assert_eq!(manifest["background"]["type"], "module");
    assert_eq!(manifest["action"]["default_popup"], "popup.html");
    // A key that opens the popup, clashing with neither browser's own (Chromium
    // took Alt+Shift+Z for itself and left the command without one).
    assert_eq!(
        manifest["commands"],
        serde_json::json!({"_execute_action": {"suggested_key": {"default": "Alt+Shift+K"}}})
    );
    let gecko = &manifest["browser_specific_settings"]["gecko"];
    assert_eq!(gecko["id"], "authtoken-keeper@zoho-helpers");
    assert_eq!(
        gecko["data_collection_permissions"]["required"],
        serde_json::json!(["none"])
    );
}

fn rust_sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            // Only the code that ships: unit tests start at `#[cfg(test)]`;
            // comments are not code.
            let shipped: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| [line, "\n"])
                .collect();
            out.push((path, shipped));
        }
    }
}

/// Every message key the code writes: `key("…")` is the only way to make one
/// (`i18n::Key` has no other constructor), so this finds them all.
fn keys_used(code: &str) -> Vec<String> {
    code.match_indices("key(\"")
        .filter(|(i, _)| {
            // Not `storage_key("…")` or the like.
            !code[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|(i, call)| {
            let rest = &code[i + call.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Keys the pages name in `data-i18n*` attributes.
fn keys_in_page(html: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for attribute in [
        "data-i18n=\"",
        "data-i18n-placeholder=\"",
        "data-i18n-label=\"",
    ] {
        for (i, _) in html.match_indices(attribute) {
            let rest = &html[i + attribute.len()..];
            keys.push(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    keys
}

#[test]
fn every_message_the_code_uses_exists() {
    let messages = json("extension/_locales/en/messages.json");
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    let mut used: Vec<String> = sources
        .iter()
        .flat_map(|(_, code)| keys_used(code))
        .collect();
    for page in PAGES {
        let html = fs::read_to_string(root().join("extension").join(page)).unwrap();
        let keys = keys_in_page(&html);
        assert!(keys.len() > 3, "{page}: the scan found its keys ({keys:?})");
        used.extend(keys);
    }
    let manifest = fs::read_to_string(root().join("manifest.json")).unwrap();
    for (i, _) in manifest.match_indices("__MSG_") {
        let rest = &manifest[i + 6..];
        used.push(rest[..rest.find("__").unwrap()].to_string());
    }
    assert!(used.len() > 150, "the scan found the keys ({})", used.len());
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !k.starts_with("@@") && messages.get(k.as_str()).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from _locales/en: {missing:?}"
    );
}

#[test]
fn the_key_scan_finds_keys_and_only_keys() {
    assert_eq!(
        keys_used("failed(key(\"errStorage\")); storage_key(\"no\"); text(key(\"a\"), &[])"),
        ["errStorage", "a"]
    );
}

#[test]
fn placeholders_are_declared() {
    let messages = json("extension/_locales/en/messages.json");
    for (key, entry) in messages.as_object().unwrap() {
        let text = entry["message"].as_str().unwrap();
        let declared = entry.get("placeholders").and_then(Value::as_object);
        for (i, _) in text.match_indices('$') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find('$') else { continue };
            let name = rest[..end].to_lowercase();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            assert!(
                declared.is_some_and(|d| d.contains_key(&name)),
                "{key}: ${name}$ is not declared"
            );
        }
    }
}

#[test]
fn nothing_logs() {
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    for (path, code) in &sources {
        for banned in [
            "console::",
            "console_log",
            "println!",
            "eprintln!",
            "dbg!",
            "log::",
        ] {
            assert!(!code.contains(banned), "{} uses {banned}", path.display());
        }
    }
    for entry in fs::read_dir(root().join("extension")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            let code = fs::read_to_string(&path).unwrap();
            assert!(!code.contains("console."), "{} logs", path.display());
            assert!(
                !code.contains("innerHTML"),
                "{} writes HTML",
                path.display()
            );
        }
    }
}

/// Every language has every message, with the same placeholders, each used.
#[test]
fn every_language_is_complete() {
    let en = json("extension/_locales/en/messages.json");
    let en = en.as_object().unwrap();
    let dir = root().join("extension/_locales");
    let mut languages = 0;
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let lang = entry.file_name().to_string_lossy().to_string();
        let messages = json(&format!("extension/_locales/{lang}/messages.json"));
        let messages = messages.as_object().unwrap();
        languages += 1;
        let missing: Vec<_> = en.keys().filter(|k| !messages.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let extra: Vec<_> = messages.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{lang} has unknown keys {extra:?}");
        for (key, entry) in messages {
            let names = |e: &Value| -> Vec<String> {
                let mut n: Vec<String> = e
                    .get("placeholders")
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                n.sort();
                n
            };
            assert_eq!(
                names(entry),
                names(&en[key]),
                "{lang}/{key}: placeholders differ"
            );
            let text = entry["message"].as_str().unwrap().to_lowercase();
            assert!(!text.trim().is_empty(), "{lang}/{key} is empty");
            for name in names(entry) {
                assert!(
                    text.contains(&format!("${name}$")),
                    "{lang}/{key} does not use ${name}$"
                );
            }
        }
    }
    assert!(languages >= 2, "English and Russian at least");
}

/// The values of `attribute="…"` in a page.
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let opening = format!("{attribute}=\"");
    html.match_indices(&opening)
        .map(|(i, _)| {
            let rest = &html[i + opening.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// `data-action` names come from one list (`action::Action`): the pages' HTML
/// names only actions in it, only `dom::button` writes the attribute in the
/// code (from an `Action`), and every action in the list is used somewhere.
#[test]
fn every_data_action_is_one_of_the_list_and_each_is_used() {
    use authtoken_keeper::action::Action;
    let mut in_pages = Vec::new();
    for page in PAGES {
        let html = fs::read_to_string(root().join("extension").join(page)).unwrap();
        for name in attribute_values(&html, "data-action") {
            assert!(
                Action::from_plain_name(&name).is_some(),
                "{page}: data-action=\"{name}\" is not in src/action.rs"
            );
            in_pages.push(name);
        }
    }
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    for (path, code) in &sources {
        if !path.ends_with("browser/dom.rs") {
            assert!(
                !code.contains("\"data-action\", "),
                "{}: sets data-action itself; make the button with dom::button",
                path.display()
            );
        }
    }
    for action in Action::ALL {
        let in_code = format!("Action::{action:?}");
        let used = in_pages.iter().any(|n| n == action.plain_name())
            || sources
                .iter()
                .any(|(path, code)| !path.ends_with("action.rs") && code.contains(&in_code));
        assert!(used, "{action:?} is used by no page and no code");
    }
}

/// The stores' images `./build.sh demo` made (docs/store/): three screenshots
/// or more and the small promo tile in each language, each at the size the
/// stores ask for.
#[test]
fn store_images_are_there_at_their_sizes() {
    let folder = root().join("docs/store");
    let size = |name: &str| {
        let bytes = fs::read(folder.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&bytes[1..4], b"PNG", "{name} is a PNG");
        let word = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        (word(16), word(20))
    };
    for language in ["en", "ru"] {
        for n in 1..=3 {
            assert_eq!(size(&format!("screenshot-{n}-{language}.png")), (1280, 800));
        }
        assert_eq!(size(&format!("promo-440x280-{language}.png")), (440, 280));
    }
}
