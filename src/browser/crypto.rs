//! The browser's WebCrypto (`crypto.getRandomValues`, `crypto.subtle`), in
//! pages and the service worker alike: random bytes, SHA-256,
//! PBKDF2-HMAC-SHA256 and AES-256-GCM. No cryptography of our own.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(array: &Uint8Array) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = importKey, catch)]
    fn import_key(
        format: &str,
        data: &Uint8Array,
        algorithm: &JsValue,
        extractable: bool,
        usages: &Array,
    ) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = deriveBits, catch)]
    fn derive_bits(
        algorithm: &JsValue,
        key: &JsValue,
        bits: u32,
    ) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = encrypt, catch)]
    fn encrypt_raw(
        algorithm: &JsValue,
        key: &JsValue,
        data: &Uint8Array,
    ) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = digest, catch)]
    fn digest_raw(algorithm: &str, data: &Uint8Array) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = decrypt, catch)]
    fn decrypt_raw(
        algorithm: &JsValue,
        key: &JsValue,
        data: &Uint8Array,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// WebCrypto refused: a wrong key or a damaged text when decrypting, else
/// a browser that cannot.
#[derive(Debug, PartialEq, Eq)]
pub struct CryptoError;

/// The length of an AES-256 key, in bits.
const KEY_BITS: u32 = 256;

/// `len` random bytes from the browser's generator.
pub fn random_bytes(len: usize) -> Result<Vec<u8>, CryptoError> {
    let array = Uint8Array::new_with_length(len as u32);
    get_random_values(&array).map_err(|_| CryptoError)?;
    Ok(array.to_vec())
}

/// A plain object of these fields (WebCrypto's algorithm parameters).
fn params(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a property on a plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

async fn done(started: Result<js_sys::Promise, JsValue>) -> Result<JsValue, CryptoError> {
    let promise = started.map_err(|_| CryptoError)?;
    JsFuture::from(promise).await.map_err(|_| CryptoError)
}

/// The 32-byte key PBKDF2-HMAC-SHA256 derives from `passphrase` (as UTF-8).
pub async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<Vec<u8>, CryptoError> {
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let secret = Uint8Array::from(passphrase.as_bytes());
    let algorithm = JsValue::from_str("PBKDF2");
    let base = done(import_key("raw", &secret, &algorithm, false, &usages)).await?;
    let pbkdf2 = params(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let bits = done(derive_bits(&pbkdf2, &base, KEY_BITS)).await?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// The SHA-256 of `data`.
pub async fn sha256(data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let hash = done(digest_raw("SHA-256", &Uint8Array::from(data))).await?;
    Ok(Uint8Array::new(&hash).to_vec())
}

/// An AES-256-GCM key handed to WebCrypto once, for any number of texts
/// (not extractable: its bytes stay where they came from).
pub struct AesKey(JsValue);

impl AesKey {
    /// `raw` (32 bytes) as a key that both encrypts and decrypts.
    pub async fn new(raw: &[u8]) -> Result<AesKey, CryptoError> {
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let algorithm = params(&[("name", "AES-GCM".into())]);
        let key = done(import_key(
            "raw",
            &Uint8Array::from(raw),
            &algorithm,
            false,
            &usages,
        ))
        .await?;
        Ok(AesKey(key))
    }

    /// The ciphertext of `plain`, followed by its 16-byte tag; `bound` (the
    /// additional data) must be given again to open it.
    pub async fn encrypt(
        &self,
        iv: &[u8],
        bound: &[u8],
        plain: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let sealed = done(encrypt_raw(
            &gcm(iv, bound),
            &self.0,
            &Uint8Array::from(plain),
        ))
        .await?;
        Ok(Uint8Array::new(&sealed).to_vec())
    }

    /// The plain text of what [`AesKey::encrypt`] made; an error for another
    /// key, other additional data, or a text changed by a single bit.
    pub async fn decrypt(
        &self,
        iv: &[u8],
        bound: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let plain = done(decrypt_raw(
            &gcm(iv, bound),
            &self.0,
            &Uint8Array::from(sealed),
        ))
        .await?;
        Ok(Uint8Array::new(&plain).to_vec())
    }
}

fn gcm(iv: &[u8], bound: &[u8]) -> JsValue {
    params(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        ("additionalData", Uint8Array::from(bound).into()),
    ])
}

/// AES-256-GCM with no additional data (the export file's): the ciphertext
/// of `plain`, followed by its 16-byte tag.
pub async fn encrypt(key: &[u8], iv: &[u8], plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    AesKey::new(key).await?.encrypt(iv, &[], plain).await
}

/// The plain text of what [`encrypt`] made; an error for a wrong key or a
/// text changed by a single bit.
pub async fn decrypt(key: &[u8], iv: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    AesKey::new(key).await?.decrypt(iv, &[], sealed).await
}
