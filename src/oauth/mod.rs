//! Pure knowledge of Zoho's OAuth Self Client, the successor of authtokens: the
//! client's ID and secret, the scopes to ask for, what `/oauth/v2/token`
//! answers, when a cached access token is still good, and the lines a script
//! needs. No browser needed, tested natively (facts: `shared/zoho-oauth.md`).

pub mod access;
pub mod answer;
pub mod client;
pub mod curl;
pub mod file;
pub mod postman;
pub mod request;
pub mod scopes;
pub mod script;
pub mod secret;

pub use answer::{Grant, OAuthError, Refusal};
pub use client::SelfClient;
pub use secret::Secret;
