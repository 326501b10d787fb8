//! What the background answers, and the user-facing text it carries.

use super::request::Target;
use crate::i18n::{Key, Message, UserMessage};
use crate::oauth::client::ClientField;
use crate::oauth::request::ExchangeField;
use crate::oauth::Secret;
use crate::plain::plain_type;
use crate::store::oauth::OAuthToken;
use crate::store::SavedToken;
use crate::vault::lock::{Closed, VaultState};
use crate::zoho::request::Field;
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;

impl From<Closed> for Reply {
    /// A secret that cannot be used: the vault to unlock, or why not.
    fn from(closed: Closed) -> Reply {
        match closed {
            Closed::Locked => Reply::Locked,
            other => Reply::Failed {
                message: other.message().into(),
            },
        }
    }
}

impl Reply {
    /// What was typed cannot be sent: each problem's message at its field.
    pub fn invalid<E: UserMessage>(errors: &[E], field: impl Fn(&E) -> FieldName) -> Reply {
        Reply::Invalid {
            errors: errors
                .iter()
                .map(|e| FieldError {
                    field: field(e),
                    message: e.message().into(),
                })
                .collect(),
        }
    }

    /// The request could not be carried out, for the reason `key` names.
    pub fn failed(key: Key) -> Reply {
        Reply::Failed {
            message: Message::new(key).into(),
        }
    }
}

plain_type! {
    /// What the background answers (externally tagged, like the requests).
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Reply {
        /// What happened in a Zoho tab since the popup last looked, if anything.
        Notice {
            news: Option<Notice> as "news",
            /// Where the vault stands (the popup's `<body data-vault>`).
            vault: VaultState as "vault",
        } as "notice",
        /// A token was saved (or was already saved): its record.
        Saved { token: SavedToken as "token" } as "saved",
        /// Done; the change shows up through storage.
        Done as "done",
        /// The typed name or scope cannot be sent to Zoho.
        Invalid { errors: Vec<FieldError> as "errors" } as "invalid",
        /// No token: what happened and what the user can do. Nothing was saved.
        Problem {
            message: UserText as "message",
            remedies: Vec<Remedy> as "remedies",
            /// When signed out here: the data centres the browser is signed in to.
            elsewhere: Vec<DataCentre> as "elsewhere",
        } as "problem",
        /// The same request is already being generated.
        Busy as "busy",
        /// A Zoho page was opened in a tab for the user to finish there.
        TabOpened { message: UserText as "message" } as "tabOpened",
        /// The request could not be carried out; nothing was changed.
        Failed { message: UserText as "message" } as "failed",
        /// What an import added and skipped.
        Imported {
            added: u32 as "added",
            skipped: u32 as "skipped",
            presets_added: u32 as "presetsAdded",
            /// Self Clients added (those of the file not saved yet).
            clients_added: u32 as "clientsAdded",
            /// Clients saved with another secret than the file's (kept as
            /// they are), by name and data centre.
            conflicts: Vec<String> as "conflicts",
        } as "imported",
        /// A message that needs no answer (a page in a tab the extension did not open).
        Ignored as "ignored",
        /// A refresh token was saved: its record.
        OAuthSaved { token: OAuthToken as "token" } as "oauthSaved",
        /// The client already has this many saved refresh tokens: one more
        /// makes Zoho delete its oldest. Nothing was sent.
        AtCap { held: u32 as "held" } as "atCap",
        /// The vault is locked: its passphrase, then the same request again.
        /// Nothing was sent or changed.
        Locked as "locked",
        /// A kept secret, opened (`Reveal`).
        Revealed { secret: Secret as "secret" } as "revealed",
        /// Everything saved as the export file's JSON, its secrets opened
        /// (`ExportFile`), and how many authtokens, refresh tokens, client
        /// secrets and presets it holds. (Text, not the records: a page
        /// writes it to a file as it is, and no other page pays for its reader.)
        Export {
            json: String as "json",
            counts: Vec<u32> as "counts",
        } as "export",
        /// An access token, good for this many more minutes.
        Access {
            token: Secret as "token",
            minutes: u32 as "minutes",
        } as "access",
        /// Zoho takes the refresh token (Check): what it said, line by line.
        Checked { said: Vec<UserText> as "said" } as "checked",
    }
}

plain_type! {
    /// The outcome of a generation that finished while the popup was closed.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Notice {
        pub message: UserText as "message",
        pub is_error: bool as "isError",
        pub remedies: Vec<Remedy> as "remedies",
        pub target: Option<Target> as "target",
    }
}

plain_type! {
    /// A problem with one field of the custom form.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct FieldError {
        pub field: FieldName as "field",
        pub message: UserText as "message",
    }
}

plain_type! {
    /// Which field of the custom form.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FieldName {
        Name as "name",
        Scope as "scope",
        ClientId as "clientId",
        ClientSecret as "clientSecret",
        Code as "code",
        Label as "label",
        ClientLabel as "clientLabel",
        RefreshToken as "refreshToken",
    }
}

impl From<Field> for FieldName {
    fn from(field: Field) -> FieldName {
        match field {
            Field::Name => FieldName::Name,
            Field::Scope => FieldName::Scope,
        }
    }
}

impl From<ExchangeField> for FieldName {
    fn from(field: ExchangeField) -> FieldName {
        match field {
            ExchangeField::Label => FieldName::Label,
            ExchangeField::Scope => FieldName::Scope,
            ExchangeField::Code => FieldName::Code,
            ExchangeField::RefreshToken => FieldName::RefreshToken,
        }
    }
}

impl From<ClientField> for FieldName {
    fn from(field: ClientField) -> FieldName {
        match field {
            ClientField::Id => FieldName::ClientId,
            ClientField::Secret => FieldName::ClientSecret,
            ClientField::Label => FieldName::ClientLabel,
        }
    }
}

plain_type! {
    /// A [`Message`] in a form that crosses the message channel.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct UserText {
        pub key: String as "key",
        pub args: Vec<String> as "args",
        /// What Zoho said in its own words (an OAuth `error_description`),
        /// shown after the message.
        pub said: Option<String> as "said",
    }
}

impl From<Message> for UserText {
    fn from(message: Message) -> UserText {
        UserText {
            key: message.key.name().to_string(),
            args: message.args,
            said: None,
        }
    }
}

impl UserText {
    /// `message`, followed by what Zoho said, if it said anything.
    pub fn with_said(message: Message, said: Option<&str>) -> UserText {
        UserText {
            said: said.map(str::to_string),
            ..message.into()
        }
    }
}
