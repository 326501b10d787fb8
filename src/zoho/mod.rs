//! Pure knowledge of Zoho's authtoken pages: no browser needed, tested natively.

pub mod data_centre;
pub mod html;
pub mod page;
pub mod preset;
pub mod request;
pub mod response;
pub mod token;
pub mod url;
pub mod verdict;

pub use data_centre::DataCentre;
pub use preset::{Preset, PRESETS};
pub use request::TokenRequest;
pub use token::AuthToken;
