//! The saved-token model and its storage schema: pure, tested natively.

pub mod clients;
pub mod export;
pub mod import;
pub mod keys;
pub mod list;
pub mod oauth;
pub mod order;
pub mod presets;
pub mod record;
pub mod settings;

pub use list::TokenList;
pub use presets::{UserPreset, UserPresets};
pub use record::{new_id, SavedToken, Unreadable, SCHEMA_VERSION};
pub use settings::Settings;
