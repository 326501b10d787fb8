//! The saved-token model and its storage schema: pure, tested natively.

pub mod list;
pub mod record;
pub mod settings;

pub use list::TokenList;
pub use record::{SavedToken, StoredValue, Unreadable, SCHEMA_VERSION, TOKEN_KEY_PREFIX};
pub use settings::{Settings, SETTINGS_KEY};
