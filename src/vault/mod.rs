//! What protects the secrets the extension keeps and exports: a secret as a
//! record keeps it (`kept`), the vault's own record and its open key
//! (`lock`), the encrypted export's layout (`envelope`) and the byte encoding
//! they use (`base64`).
//! Pure: the browser's WebCrypto does the cryptography (`browser::crypto`).

pub mod base64;
pub mod envelope;
pub mod kept;
pub mod lock;
