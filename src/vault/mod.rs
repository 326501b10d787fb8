//! What protects the secrets the extension keeps and exports: the encrypted
//! export's layout (`envelope`) and the byte encoding it uses (`base64`).
//! Pure: the browser's WebCrypto does the cryptography (`browser::crypto`).

pub mod base64;
pub mod envelope;
