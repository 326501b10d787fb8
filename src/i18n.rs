//! User-facing text by reference: the core names a message and its arguments;
//! the browser looks the text up in `_locales` (`i18n.getMessage`).

/// The name of a message in `extension/_locales/*/messages.json`. The only way to
/// make one is [`key`], so every key the code uses is written as `key("…")`, and
/// the key test (`tests/extension`) finds each one and checks it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(&'static str);

/// Names a message; see [`Key`].
pub const fn key(name: &'static str) -> Key {
    Key(name)
}

impl Key {
    /// The key as written in `messages.json`.
    pub fn name(self) -> &'static str {
        self.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A message key and its substitutions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Which message.
    pub key: Key,
    /// Its placeholders' values, in order (`$1`, `$2`, …).
    pub args: Vec<String>,
}

impl Message {
    /// A message with no substitutions.
    pub fn new(key: Key) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// A message with its `$1`… substitutions, in order.
    pub fn with(key: Key, args: impl IntoIterator<Item = String>) -> Message {
        Message {
            key,
            args: args.into_iter().collect(),
        }
    }
}

/// Anything the user may be told about: errors and outcomes.
pub trait UserMessage {
    /// What to tell the user.
    fn message(&self) -> Message;
}
