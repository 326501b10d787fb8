//! Messages between the extension's pages and the background, as they cross
//! `runtime.sendMessage`. Plain data: tested natively.

use crate::i18n::Message;
use crate::store::export::ExportFile;
use crate::store::{SavedToken, UserPresets};
use crate::zoho::request::Field;
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;
use serde::{Deserialize, Serialize};

/// What the user asked for, as typed or chosen (the background validates it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub display_name: String,
    pub scope: String,
    pub dc: DataCentre,
}

/// What a page asks the background. Externally tagged (`{"generate": {…}}`, or
/// `"state"`): serde reads that form without buffering, which keeps the Wasm small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Request {
    /// News from a Zoho tab since the popup last looked (and clear the badge).
    /// The popup reads the saved tokens from storage itself.
    TakeNotice,
    /// Make a token with the user's Zoho session, and save it.
    Generate(Target),
    /// Open Zoho's sign-in page in a tab; the request resumes once signed in.
    SignIn(Target),
    /// Open the token-create page in a tab; a token it shows is saved.
    OpenPage(Target),
    /// Remove a saved token from the extension (not from Zoho).
    Forget {
        id: String,
    },
    /// Put a just-forgotten token back (undo).
    Restore {
        token: SavedToken,
    },
    SetDataCentre {
        dc: DataCentre,
    },
    /// From the options page: the user's presets, as they should be stored.
    SavePresets {
        presets: UserPresets,
    },
    /// From the options page: a checked export file to merge in.
    Import {
        file: ExportFile,
    },
    /// From the content script: a token-create page a tab shows. `html` is `None`
    /// when the page was too large to send.
    #[serde(rename_all = "camelCase")]
    ZohoPage {
        url: String,
        html: Option<String>,
    },
}

/// What the background answers (externally tagged, like [`Request`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reply {
    Notice(Option<Notice>),
    /// A token was saved (or was already saved): its record.
    Saved {
        token: SavedToken,
    },
    /// Done; the change shows up through storage.
    Done,
    /// The typed name or scope cannot be sent to Zoho.
    Invalid {
        errors: Vec<FieldError>,
    },
    /// No token: what happened and what the user can do. Nothing was saved.
    Problem {
        message: UserText,
        remedies: Vec<Remedy>,
        /// When signed out here: the data centres the browser is signed in to.
        #[serde(default)]
        elsewhere: Vec<DataCentre>,
    },
    /// The same request is already being generated.
    Busy,
    /// A Zoho page was opened in a tab for the user to finish there.
    TabOpened {
        message: UserText,
    },
    /// The request could not be carried out; nothing was changed.
    Failed {
        message: UserText,
    },
    /// What an import added and skipped.
    #[serde(rename_all = "camelCase")]
    Imported {
        added: u32,
        skipped: u32,
        presets_added: u32,
    },
    /// A message that needs no answer (a page in a tab the extension did not open).
    Ignored,
}

/// The outcome of a generation that finished while the popup was closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub message: UserText,
    pub is_error: bool,
    pub remedies: Vec<Remedy>,
    pub target: Option<Target>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: FieldName,
    pub message: UserText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldName {
    Name,
    Scope,
}

impl From<Field> for FieldName {
    fn from(field: Field) -> FieldName {
        match field {
            Field::Name => FieldName::Name,
            Field::Scope => FieldName::Scope,
        }
    }
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
    fn requests_are_tagged_by_their_variant() {
        assert_eq!(
            serde_json::to_value(Request::TakeNotice).unwrap(),
            json!("takeNotice")
        );
        let generate = json!({"generate": {"displayName": "checkemail", "scope": "ZohoCRM/crmapi", "dc": "eu"}});
        assert_eq!(
            serde_json::from_value::<Request>(generate).unwrap(),
            Request::Generate(Target {
                display_name: "checkemail".into(),
                scope: "ZohoCRM/crmapi".into(),
                dc: DataCentre::Eu
            })
        );
        let page = json!({"zohoPage": {"url": "u", "html": null}});
        assert_eq!(
            serde_json::from_value::<Request>(page).unwrap(),
            Request::ZohoPage {
                url: "u".into(),
                html: None
            }
        );
        for bad in [
            json!("dropAll"),
            json!({"generate": {"displayName": 5}}),
            json!({"type": "takeNotice"}),
        ] {
            assert!(
                serde_json::from_value::<Request>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn replies_carry_a_record_or_a_message() {
        let reply = Reply::Problem {
            message: Message::new("problemSignedOut").into(),
            remedies: vec![Remedy::SignIn],
            elsewhere: vec![DataCentre::Eu],
        };
        assert_eq!(
            serde_json::to_value(&reply).unwrap(),
            json!({"problem": {"message": {"key": "problemSignedOut", "args": []}, "remedies": ["signIn"], "elsewhere": ["eu"]}})
        );
        assert_eq!(
            serde_json::to_value(Reply::Notice(None)).unwrap(),
            json!({"notice": null})
        );
        assert_eq!(serde_json::to_value(Reply::Done).unwrap(), json!("done"));
    }
}
