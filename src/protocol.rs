//! Messages between the popup and the background, as they cross `runtime.sendMessage`.

use crate::i18n::Message;
use crate::store::{SavedToken, Settings};
use serde::{Deserialize, Serialize};

/// What the popup asks the background.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Request {
    /// The saved tokens and the settings.
    State,
}

/// What the background answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Reply {
    State(State),
    /// The request could not be carried out; nothing was changed.
    Failed {
        message: UserText,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    /// Newest first.
    pub tokens: Vec<SavedToken>,
    /// Records kept in storage that this version could not read.
    pub unreadable: u32,
    pub settings: Settings,
}

/// A [`Message`] in a form that crosses the message channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserText {
    pub key: String,
    pub args: Vec<String>,
}

impl From<Message> for UserText {
    fn from(message: Message) -> UserText {
        UserText {
            key: message.key.to_string(),
            args: message.args,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_are_tagged_by_type() {
        assert_eq!(
            serde_json::to_value(Request::State).unwrap(),
            json!({"type": "state"})
        );
        assert_eq!(
            serde_json::from_value::<Request>(json!({"type": "state"})).unwrap(),
            Request::State
        );
        assert!(serde_json::from_value::<Request>(json!({"type": "drop-all"})).is_err());
    }

    #[test]
    fn replies_carry_state_or_a_message() {
        let reply = Reply::Failed {
            message: Message::new("errStorage").into(),
        };
        assert_eq!(
            serde_json::to_value(&reply).unwrap(),
            json!({"type": "failed", "message": {"key": "errStorage", "args": []}})
        );
        let state = serde_json::to_value(Reply::State(State::default())).unwrap();
        assert_eq!(state["type"], "state");
        assert_eq!(state["settings"]["dc"], "us");
    }
}
