//! The backup: export of what is saved to a file, encrypted with a passphrase
//! typed for that file (or, after a confirmation that says what is inside, in
//! clear text for scripts), and import of such a file (opened and checked
//! whole here, merged by the background).

use super::presets;
use crate::action::Action;
use crate::browser::{self, crypto, dom};
use crate::i18n::{key, UserMessage};
use crate::protocol::{Reply, StoreRequest};
use crate::store::export::ExportFile;
use crate::store::import::{self, ImportError};
use crate::ui::status::{self, show_key as show};
use crate::ui::unlock;
use crate::vault::envelope::{self, EnvelopeError, Sealed};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;

thread_local! {
    /// The last export's `blob:` address, revoked when the next export starts
    /// (and with the page): a file of secrets is not left addressable.
    static EXPORTED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// An encrypted file chosen for import, waiting for its passphrase.
    static WAITING: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// What is saved, as the export file's JSON with its secrets opened by the
/// background, and how many authtokens, refresh tokens, client secrets and
/// presets it holds; `None` when that fails (said) or the vault is locked
/// (its passphrase asked, to do `again`).
async fn saved_file(again: unlock::Again) -> Option<(String, Vec<String>)> {
    let reply = browser::ask(&StoreRequest::ExportFile).await;
    if unlock::locked(&reply, again) {
        return None;
    }
    match reply {
        Some(Reply::Export { json, counts }) => {
            Some((json, counts.iter().map(u32::to_string).collect()))
        }
        other => {
            status::unexpected(other);
            None
        }
    }
}

/// The export form was sent: the file encrypted with the passphrase typed.
pub async fn export_encrypted() {
    let passphrase = dom::value("export-passphrase");
    let checked = envelope::check_passphrase(&passphrase, &dom::value("export-passphrase-again"));
    let error = checked
        .err()
        .map(|e| browser::text(e.message().key, &e.message().args));
    if let Some(place) = dom::by_id("export-passphrase-error") {
        place.set_text_content(error.as_deref());
    }
    if error.is_some() {
        return dom::focus_by_id("export-passphrase");
    }
    let Some((json, counts)) = saved_file(Box::new(|| spawn_local(export_encrypted()))).await
    else {
        return;
    };
    show(key("encrypting"), &[], false);
    let Some(sealed) = seal(&passphrase, &json).await else {
        return show(key("errCrypto"), &[], true);
    };
    let text = stringify(&browser::to_js(&sealed.envelope()));
    if download(&text, "encrypted.json").is_some() {
        for id in ["export-passphrase", "export-passphrase-again"] {
            dom::set_value(id, "");
        }
        show(key("exportedEncrypted"), &counts, false);
    }
}

/// The plain file's JSON encrypted under a key derived from `passphrase`.
async fn seal(passphrase: &str, plain: &str) -> Option<Sealed> {
    let salt = crypto::random_bytes(envelope::SALT_LEN).ok()?;
    let iv = crypto::random_bytes(envelope::IV_LEN).ok()?;
    let iterations = envelope::ITERATIONS;
    let key = crypto::derive_key(passphrase, &salt, iterations)
        .await
        .ok()?;
    let data = crypto::encrypt(&key, &iv, plain.as_bytes()).await.ok()?;
    Some(Sealed {
        iterations,
        salt,
        iv,
        data,
    })
}

/// "Export without encryption": first what the file would hold, in clear.
pub async fn ask_plain_export() {
    let Some((_, counts)) = saved_file(Box::new(|| spawn_local(ask_plain_export()))).await else {
        return;
    };
    status::show(&browser::text(key("plainExportAsk"), &counts), false);
    let go = dom::button(
        &browser::text(key("plainExportGo"), &[]),
        Action::ExportPlain,
    );
    status::add_controls([go]);
}

/// The plain export, once confirmed.
pub async fn export_plain() {
    let Some((json, counts)) = saved_file(Box::new(|| spawn_local(export_plain()))).await else {
        return;
    };
    if download(&json, "json").is_some() {
        show(key("exported"), &counts, false);
    }
}

fn stringify(value: &JsValue) -> String {
    js_sys::JSON::stringify_with_replacer_and_space(value, &JsValue::NULL, &JsValue::from(2))
        .map(String::from)
        .unwrap_or_default()
}

/// Hands `text` to the browser as a download named for today and `ending`.
fn download(text: &str, ending: &str) -> Option<()> {
    let made = (|| {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let kind = web_sys::BlobPropertyBag::new();
        kind.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind).ok()?;
        web_sys::Url::create_object_url_with_blob(&blob).ok()
    })();
    let (Some(url), Some(link)) = (made, dom::by_id("export-link")) else {
        show(key("errStorage"), &[], true);
        return None;
    };
    if let Some(old) = EXPORTED.with(|e| e.borrow_mut().replace(url.clone())) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
    // `YYYY-MM-DD` of an ISO date, cut in JavaScript: a `str` slice would bring
    // its failure path's formatting (~5 KB) into the module.
    let date = String::from(js_sys::Date::new_0().to_iso_string().slice(0, 10));
    dom::set_attr(&link, "href", &url);
    dom::set_attr(
        &link,
        "download",
        &format!("authtoken-keeper-{date}.{ending}"),
    );
    link.dyn_ref::<web_sys::HtmlElement>()?.click();
    Some(())
}

/// Reads a chosen file; a file that is not a whole, intact export changes
/// nothing. An encrypted one waits for its passphrase.
pub async fn import_file(file: web_sys::File) {
    hide_unlock();
    // A File's size is a whole number of bytes, well within u64.
    if let Err(too_large) = import::check_size(file.size() as u64) {
        return import_failed(too_large);
    }
    let Ok(text) = JsFuture::from(file.text()).await else {
        return import_failed(ImportError::NotAnExport);
    };
    let Ok(value) = js_sys::JSON::parse(&text.as_string().unwrap_or_default()) else {
        return import_failed(ImportError::NotAnExport);
    };
    if !envelope::is_encrypted(&value) {
        return import_value(&value).await;
    }
    if let Err(error) = envelope::open(&value) {
        return opening_failed(error);
    }
    WAITING.with(|w| *w.borrow_mut() = Some(value));
    if let Some(unlock) = dom::by_id("import-unlock") {
        dom::set_hidden(&unlock, false);
    }
    show(key("importAskPassphrase"), &[], false);
    dom::focus_by_id("import-passphrase");
}

/// The passphrase of the encrypted file chosen was given.
pub async fn open_backup() {
    let Some(value) = WAITING.with(|w| w.borrow().clone()) else {
        return;
    };
    let sealed = match envelope::open(&value) {
        Ok(sealed) => sealed,
        Err(error) => return opening_failed(error),
    };
    show(key("decrypting"), &[], false);
    let passphrase = dom::value("import-passphrase");
    let key_bytes = crypto::derive_key(&passphrase, &sealed.salt, sealed.iterations).await;
    let plain = match key_bytes {
        Ok(k) => crypto::decrypt(&k, &sealed.iv, &sealed.data).await,
        Err(e) => Err(e),
    };
    let Ok(plain) = plain else {
        // Kept waiting: the user may type it again.
        show(key("importWrongPassphrase"), &[], true);
        return dom::focus_by_id("import-passphrase");
    };
    let text = String::from_utf8(plain).unwrap_or_default();
    hide_unlock();
    match js_sys::JSON::parse(&text) {
        Ok(inner) => import_value(&inner).await,
        Err(_) => import_failed(ImportError::Damaged),
    }
}

async fn import_value(value: &JsValue) {
    let file = match import::read(value) {
        Ok(file) => file,
        Err(e) => return import_failed(e),
    };
    send_import(file).await;
    reset_file_input();
}

/// Hands a checked file to the background; with the vault locked, asks its
/// passphrase and sends the same file again.
async fn send_import(file: ExportFile) {
    let reply = browser::ask(&StoreRequest::Import { file: file.clone() }).await;
    if unlock::locked(&reply, Box::new(move || spawn_local(send_import(file)))) {
        return;
    }
    match reply {
        Some(Reply::Imported {
            added,
            skipped,
            presets_added,
            clients_added,
            conflicts,
        }) => {
            presets::reload().await;
            let counts = [added, skipped, presets_added, clients_added].map(|n| n.to_string());
            let mut said = browser::text(key("imported"), &counts);
            if !conflicts.is_empty() {
                said.push(' ');
                said.push_str(&browser::text(
                    key("importConflicts"),
                    &[conflicts.join(", ")],
                ));
            }
            status::show(&said, false);
        }
        other => status::unexpected(other),
    }
}

/// An encrypted file refused unopened: said as a plain file's would be.
fn opening_failed(error: EnvelopeError) {
    import_failed(match error {
        EnvelopeError::Newer(v) => ImportError::Newer(v),
        EnvelopeError::Damaged => ImportError::Damaged,
    });
}

fn import_failed(error: ImportError) {
    let message = error.message();
    show(message.key, &message.args, true);
    reset_file_input();
}

/// The passphrase prompt put away, and the file waiting for it dropped.
fn hide_unlock() {
    WAITING.with(|w| w.borrow_mut().take());
    dom::set_value("import-passphrase", "");
    if let Some(unlock) = dom::by_id("import-unlock") {
        dom::set_hidden(&unlock, true);
    }
}

fn reset_file_input() {
    if let Some(input) = dom::by_id("import").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value("");
    }
}
