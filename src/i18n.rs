//! User-facing text by reference: the core names a message and its arguments;
//! the browser looks the text up in `_locales` (`i18n.getMessage`).

/// A message key from `extension/_locales/*/messages.json` and its substitutions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<String>,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(key: &'static str, args: impl IntoIterator<Item = String>) -> Message {
        Message {
            key,
            args: args.into_iter().collect(),
        }
    }
}

/// Anything the user may be told about: errors and outcomes.
pub trait UserMessage {
    fn message(&self) -> Message;
}
