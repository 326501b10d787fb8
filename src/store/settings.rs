//! The user's preferences, stored under one key, and the one pending
//! clearing of the clipboard they may ask for.

use crate::plain::{plain_type, Decode, Plain};
use crate::zoho::DataCentre;

plain_type! {
    /// The user's settings: the data centre chosen by default, and when the
    /// clipboard is cleared of a secret the extension copied.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Settings {
        /// The data centre the user last chose.
        pub dc: DataCentre as "dc",
        /// Seconds after which a copied secret is cleared from the clipboard;
        /// absent (settings saved before it existed) or 0: never.
        pub clear_clipboard: Option<u32> as "clearClipboard",
    }
}

/// The times the user may choose for clearing the clipboard, in seconds
/// (0: never). Browsers wake an extension's alarm no sooner than 30 s.
pub const CLEAR_CHOICES: [u32; 5] = [0, 30, 60, 120, 300];

plain_type! {
    /// A copied secret waiting to be cleared from the clipboard (in
    /// `storage.session`): the SHA-256 of its text, base64, never the text.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Copied {
        pub digest: String as "digest",
    }
}

impl Settings {
    /// Reads settings leniently: anything unreadable falls back to the defaults
    /// (and is only replaced when the user changes a setting).
    pub fn read(value: Option<&impl Plain>) -> Settings {
        value.and_then(Settings::decode).unwrap_or_default()
    }

    /// Seconds after which a copied secret is cleared, if it is, and only a
    /// time the user could choose.
    pub fn clear_after(&self) -> Option<u32> {
        self.clear_clipboard
            .filter(|seconds| *seconds > 0 && CLEAR_CHOICES.contains(seconds))
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

    #[test]
    fn clipboard_clearing_only_at_a_time_offered() {
        let read = |value: Value| Settings::read(Some(&value)).clear_after();
        assert_eq!(read(json!({"dc": "eu"})), None, "saved before it existed");
        assert_eq!(read(json!({"dc": "eu", "clearClipboard": 0})), None);
        assert_eq!(read(json!({"dc": "eu", "clearClipboard": 30})), Some(30));
        assert_eq!(read(json!({"dc": "eu", "clearClipboard": 300})), Some(300));
        assert_eq!(read(json!({"dc": "eu", "clearClipboard": 7})), None);
        // A damaged time does not cost the data centre.
        assert_eq!(
            Settings::read(Some(&json!({"dc": "eu", "clearClipboard": null}))).dc,
            DataCentre::Eu
        );
    }
}
