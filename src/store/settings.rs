//! The user's preferences, stored under one key.

use crate::plain::{plain_type, Decode, Plain};
use crate::zoho::DataCentre;

plain_type! {
    /// The user's settings: the data centre chosen by default.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Settings {
        /// The data centre the user last chose.
        pub dc: DataCentre as "dc",
    }
}

impl Settings {
    /// Reads settings leniently: anything unreadable falls back to the defaults
    /// (and is only replaced when the user changes a setting).
    pub fn read(value: Option<&impl Plain>) -> Settings {
        value.and_then(Settings::decode).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn defaults_and_damage() {
        assert_eq!(Settings::read(None::<&Value>).dc, DataCentre::Us);
        assert_eq!(
            Settings::read(Some(&json!({"dc": "eu"}))).dc,
            DataCentre::Eu
        );
        assert_eq!(
            Settings::read(Some(&json!({"dc": "mars"}))).dc,
            DataCentre::Us
        );
        assert_eq!(Settings::read(Some(&json!(42))).dc, DataCentre::Us);
    }
}
