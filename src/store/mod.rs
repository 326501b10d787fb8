//! The saved-token model and its storage schema: pure, tested natively.

pub mod export;
pub mod list;
pub mod oauth;
pub mod order;
pub mod presets;
pub mod record;
pub mod settings;

pub use list::TokenList;
pub use presets::{UserPreset, UserPresets, PRESETS_KEY};
pub use record::{new_id, SavedToken, Unreadable, SCHEMA_VERSION, TOKEN_KEY_PREFIX};
pub use settings::{Settings, SETTINGS_KEY};
