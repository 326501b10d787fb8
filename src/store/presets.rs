//! The user's own presets, shown after the six built-in ones. Stored under one
//! key; written only by the background, on the options page's request.

use crate::i18n::{key, Message, UserMessage};
use crate::plain::{plain_type, Decode, Plain};
use crate::zoho::request::{validate_display_name, validate_scope, RequestError};

/// The presets layout this version writes.
pub const PRESETS_VERSION: u32 = 1;
/// Most user presets kept (the popup stays short).
pub const MAX_PRESETS: usize = 30;
const MAX_LABEL_CHARS: usize = 60;

plain_type! {
    /// A preset of the user's own: a label, a `DISPLAY_NAME` and a scope.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct UserPreset {
        pub id: String as "id",
        /// The application's name as the user wants to see it.
        pub label: String as "label",
        pub display_name: String as "displayName",
        pub scope: String as "scope",
    }
}

plain_type! {
    /// The user's presets in their order, as stored.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct UserPresets {
        pub v: u32 as "v",
        pub items: Vec<UserPreset> as "items",
    }
}

/// Why a preset was not added or renamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresetError {
    LabelEmpty,
    LabelTooLong,
    Request(RequestError),
    Duplicate,
    TooMany,
}

impl UserMessage for PresetError {
    fn message(&self) -> Message {
        match self {
            PresetError::LabelEmpty => Message::new(key("errLabelEmpty")),
            PresetError::LabelTooLong => {
                Message::with(key("errLabelTooLong"), [MAX_LABEL_CHARS.to_string()])
            }
            PresetError::Request(e) => e.message(),
            PresetError::Duplicate => Message::new(key("errPresetDuplicate")),
            PresetError::TooMany => {
                Message::with(key("errTooManyPresets"), [MAX_PRESETS.to_string()])
            }
        }
    }
}

/// A label shown as text: trimmed, no control characters, bounded.
fn validate_label(raw: &str) -> Result<String, PresetError> {
    let label: String = raw.trim().chars().filter(|c| !c.is_control()).collect();
    if label.is_empty() {
        Err(PresetError::LabelEmpty)
    } else if label.chars().count() > MAX_LABEL_CHARS {
        Err(PresetError::LabelTooLong)
    } else {
        Ok(label)
    }
}

impl UserPresets {
    /// Reads the stored list leniently: unreadable means none (the stored value
    /// is only replaced when the user saves presets).
    pub fn read(value: Option<&impl Plain>) -> UserPresets {
        value.and_then(UserPresets::decode).unwrap_or_default()
    }

    /// Adds a preset at the end; `id` must be unique (the caller makes it).
    pub fn add(
        &mut self,
        id: String,
        label: &str,
        display_name: &str,
        scope: &str,
    ) -> Result<(), PresetError> {
        let preset = UserPreset {
            id,
            label: validate_label(label)?,
            display_name: validate_display_name(display_name).map_err(PresetError::Request)?,
            scope: validate_scope(scope).map_err(PresetError::Request)?,
        };
        if self.holds(&preset) {
            return Err(PresetError::Duplicate);
        }
        if self.items.len() >= MAX_PRESETS {
            return Err(PresetError::TooMany);
        }
        self.v = PRESETS_VERSION;
        self.items.push(preset);
        Ok(())
    }

    /// The same application and scope already listed.
    pub fn holds(&self, preset: &UserPreset) -> bool {
        self.items.iter().any(|p| {
            p.display_name == preset.display_name && p.scope.eq_ignore_ascii_case(&preset.scope)
        })
    }

    /// Gives a preset a new label (checked as when added).
    pub fn rename(&mut self, id: &str, label: &str) -> Result<(), PresetError> {
        let label = validate_label(label)?;
        if let Some(preset) = self.items.iter_mut().find(|p| p.id == id) {
            preset.label = label;
        }
        Ok(())
    }

    /// Removes a preset; other presets keep their order.
    pub fn remove(&mut self, id: &str) {
        self.items.retain(|p| p.id != id);
    }

    /// Moves a preset one place up (`-1`) or down (`1`).
    pub fn shift(&mut self, id: &str, by: isize) {
        let Some(at) = self.items.iter().position(|p| p.id == id) else {
            return;
        };
        let to = at as isize + by;
        if (0..self.items.len() as isize).contains(&to) {
            self.items.swap(at, to as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::Encode;
    use serde_json::json;

    fn list() -> UserPresets {
        let mut presets = UserPresets::default();
        presets
            .add("p1".into(), "Books sync", "bookssync", "ZohoBooks/booksapi")
            .unwrap();
        presets
            .add("p2".into(), "Recruit", "recruit", "ZohoRecruit/recruitapi")
            .unwrap();
        presets
    }

    #[test]
    fn a_label_may_have_exactly_the_maximum_length() {
        let longest = "é".repeat(MAX_LABEL_CHARS);
        assert_eq!(validate_label(&longest), Ok(longest.clone()));
        let over = format!("{longest}x");
        assert_eq!(validate_label(&over), Err(PresetError::LabelTooLong));
        assert_eq!(validate_label(" \u{7} "), Err(PresetError::LabelEmpty));
    }

    #[test]
    fn add_validates_and_refuses_duplicates() {
        let mut presets = list();
        assert_eq!(
            presets.add("x".into(), " ", "a", "A/b"),
            Err(PresetError::LabelEmpty)
        );
        assert!(matches!(
            presets.add("x".into(), "L", "<b>", "A/b"),
            Err(PresetError::Request(_))
        ));
        assert!(matches!(
            presets.add("x".into(), "L", "a", "nope"),
            Err(PresetError::Request(_))
        ));
        assert_eq!(
            presets.add("x".into(), "Other", "bookssync", "zohobooks/BOOKSAPI"),
            Err(PresetError::Duplicate)
        );
        assert_eq!(presets.items.len(), 2);
        assert_eq!(presets.v, PRESETS_VERSION);
    }

    #[test]
    fn labels_lose_control_characters() {
        let mut presets = UserPresets::default();
        presets.add("x".into(), "a\u{7}b\n", "ab", "A/b").unwrap();
        assert_eq!(presets.items[0].label, "ab");
    }

    #[test]
    fn rename_remove_and_reorder() {
        let mut presets = list();
        presets.rename("p2", "Recruit sync").unwrap();
        assert_eq!(presets.items[1].label, "Recruit sync");
        assert_eq!(presets.rename("p2", ""), Err(PresetError::LabelEmpty));
        presets.shift("p2", -1);
        assert_eq!(presets.items[0].id, "p2");
        presets.shift("p2", -1);
        assert_eq!(presets.items[0].id, "p2");
        presets.shift("p2", 1);
        assert_eq!(presets.items[1].id, "p2");
        presets.remove("p1");
        assert_eq!(presets.items.len(), 1);
        assert_eq!(presets.items[0].id, "p2", "the other one stays");
    }

    #[test]
    fn a_cap_on_the_count() {
        let mut presets = UserPresets::default();
        for i in 0..MAX_PRESETS {
            presets
                .add(format!("p{i}"), "x", &format!("app{i}"), "A/b")
                .unwrap();
        }
        assert_eq!(
            presets.add("n".into(), "x", "new", "A/b"),
            Err(PresetError::TooMany)
        );
    }

    #[test]
    fn stored_form_round_trips_and_damage_reads_as_none() {
        let stored = list().encode::<serde_json::Value>();
        assert_eq!(stored["items"][0]["displayName"], "bookssync");
        assert_eq!(UserPresets::read(Some(&stored)), list());
        assert_eq!(
            UserPresets::read(Some(&json!("junk"))),
            UserPresets::default()
        );
    }
}
