//! Messages between the extension's pages and the background, as they cross
//! `runtime.sendMessage`. Plain data: tested natively.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use crate::i18n::{Key, Message, UserMessage};
use crate::oauth::client::ClientField;
use crate::oauth::request::ExchangeField;
use crate::oauth::Secret;
use crate::plain::{plain_type, Encode};
use crate::store::export::ExportFile;
use crate::store::oauth::OAuthToken;
use crate::store::{SavedToken, UserPresets};
use crate::zoho::request::Field;
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;

plain_type! {
    /// What the user asked for, as typed or chosen (the background validates it).
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Target {
        pub display_name: String as "displayName",
        pub scope: String as "scope",
        pub dc: DataCentre as "dc",
    }
}

// What crosses to the background comes in three kinds, each its own type, so
// that a new request is routed where it is declared and the sender rule is the
// type: the extension's own pages send a [`StoreRequest`] or a [`ZohoRequest`]
// (both [`OwnPageRequest`]s), a content script only a [`PageReport`]. All are
// externally tagged (`{"generate": {…}}`, or `"takeNotice"`), and no two share
// a tag.

plain_type! {
    /// What one of the extension's own pages asks that storage alone answers:
    /// the background's first module (README, "Size").
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum StoreRequest {
        /// News from a Zoho tab since the popup last looked (and clear the badge).
        /// The popup reads the saved tokens from storage itself.
        TakeNotice as "takeNotice",
        /// Remove a saved token from the extension (not from Zoho).
        Forget { id: String as "id" } as "forget",
        /// Put a just-forgotten token back (undo).
        Restore { token: SavedToken as "token" } as "restore",
        /// The data centre the user chose, kept as the default.
        SetDataCentre { dc: DataCentre as "dc" } as "setDataCentre",
        /// From the options page: the user's presets, as they should be stored.
        SavePresets { presets: UserPresets as "presets" } as "savePresets",
        /// From the options page: a checked export file to merge in.
        Import { file: ExportFile as "file" } as "import",
        /// Save the Self Client of a data centre, as pasted (checked there).
        SaveClient {
            dc: DataCentre as "dc",
            client_id: String as "clientId",
            client_secret: String as "clientSecret",
        } as "saveClient",
        /// Remove the Self Client of a data centre from the extension.
        ForgetClient { dc: DataCentre as "dc" } as "forgetClient",
        /// Remove a saved refresh token from the extension (not from Zoho).
        ForgetOAuth { id: String as "id" } as "forgetOAuth",
        /// Put a just-forgotten refresh token back (undo).
        RestoreOAuth { token: OAuthToken as "token" } as "restoreOAuth",
        /// Keep what the popup shows and what was typed (not the grant code),
        /// so it reopens there after the user went to the console.
        KeepDraft(Draft) as "keepDraft",
    }
}

plain_type! {
    /// What one of the extension's own pages asks that reaches Zoho: the
    /// background's second module, compiled after its first answer.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum ZohoRequest {
        /// Make a token with the user's Zoho session, and save it.
        Generate(Target) as "generate",
        /// Open Zoho's sign-in page in a tab; the request resumes once signed in.
        SignIn(Target) as "signIn",
        /// Open the token-create page in a tab; a token it shows is saved.
        OpenPage(Target) as "openPage",
        /// Exchange a grant code for a refresh token, and save it. `past_cap`:
        /// the user agreed to a 21st refresh token for the client.
        Exchange(Exchange) as "exchange",
        /// An access token for a saved refresh token (cached or freshly minted).
        AccessToken { id: String as "id" } as "accessToken",
        /// Revoke a saved refresh token at Zoho, then remove it.
        Revoke { id: String as "id" } as "revoke",
    }
}

plain_type! {
    /// All a content script (a page on a Zoho host, in a tab) may send: the
    /// token-create page its tab shows. Every other request acts on the user's
    /// tokens and comes only from the extension's own pages.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum PageReport {
        /// `html` is `None` when the page was too large to send.
        ZohoPage {
            url: String as "url",
            html: Option<String> as "html",
        } as "zohoPage",
    }
}

/// A request one of the extension's own pages may send (`browser::ask`).
pub trait OwnPageRequest: Encode {}
impl OwnPageRequest for StoreRequest {}
impl OwnPageRequest for ZohoRequest {}

plain_type! {
    /// What the popup showed and what was typed in the OAuth view: the popup
    /// closes whenever the user goes to the console tab. Never the grant code.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct Draft {
        /// The view shown (`authtokens` or `oauth`).
        pub view: String as "view",
        /// The client ID typed, not yet saved.
        pub client_id: String as "clientId",
        /// The client secret typed, not yet saved.
        pub client_secret: String as "clientSecret",
        /// The application typed.
        pub label: String as "label",
        /// The scopes typed.
        pub scopes: String as "scopes",
    }
}

plain_type! {
    /// A grant code to exchange, with what its refresh token is for.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Exchange {
        /// Where the client and the code were made.
        pub dc: DataCentre as "dc",
        /// The grant code as pasted.
        pub code: String as "code",
        /// The application's name, to label the token.
        pub label: String as "label",
        /// The scopes the code was made with, as typed.
        pub scopes: String as "scopes",
        /// The user agreed that Zoho deletes its oldest refresh token for the client.
        pub past_cap: bool as "pastCap",
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
        Notice(Option<Notice>) as "notice",
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
        } as "imported",
        /// A message that needs no answer (a page in a tab the extension did not open).
        Ignored as "ignored",
        /// A refresh token was saved: its record.
        OAuthSaved { token: OAuthToken as "token" } as "oauthSaved",
        /// The client already has this many saved refresh tokens: one more
        /// makes Zoho delete its oldest. Nothing was sent.
        AtCap { held: u32 as "held" } as "atCap",
        /// An access token, good for this many more minutes.
        Access {
            token: Secret as "token",
            minutes: u32 as "minutes",
        } as "access",
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
        }
    }
}

impl From<ClientField> for FieldName {
    fn from(field: ClientField) -> FieldName {
        match field {
            ClientField::Id => FieldName::ClientId,
            ClientField::Secret => FieldName::ClientSecret,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::key;
    use crate::plain::{Decode, Encode};
    use serde_json::json;

    #[test]
    fn requests_are_tagged_by_their_variant() {
        assert_eq!(
            StoreRequest::TakeNotice.encode::<serde_json::Value>(),
            json!("takeNotice")
        );
        let generate = json!({"generate": {"displayName": "checkemail", "scope": "ZohoCRM/crmapi", "dc": "eu"}});
        assert_eq!(
            ZohoRequest::decode(&generate).unwrap(),
            ZohoRequest::Generate(Target {
                display_name: "checkemail".into(),
                scope: "ZohoCRM/crmapi".into(),
                dc: DataCentre::Eu
            })
        );
        let page = json!({"zohoPage": {"url": "u", "html": null}});
        assert_eq!(
            PageReport::decode(&page).unwrap(),
            PageReport::ZohoPage {
                url: "u".into(),
                html: None
            }
        );
        for bad in [
            json!("dropAll"),
            json!({"generate": {"displayName": 5}}),
            json!({"type": "takeNotice"}),
            json!({"zohoPage": {"html": "x"}}),
        ] {
            assert!(StoreRequest::decode(&bad).is_none(), "{bad}");
            assert!(ZohoRequest::decode(&bad).is_none(), "{bad}");
            assert!(PageReport::decode(&bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_failure_names_its_message() {
        assert_eq!(
            Reply::failed(key("errStorage")).encode::<serde_json::Value>(),
            json!({"failed": {"message": {"key": "errStorage", "args": [], "said": null}}})
        );
    }

    #[test]
    fn replies_carry_a_record_or_a_message() {
        let reply = Reply::Problem {
            message: Message::new(key("problemSignedOut")).into(),
            remedies: vec![Remedy::SignIn],
            elsewhere: vec![DataCentre::Eu],
        };
        assert_eq!(
            reply.encode::<serde_json::Value>(),
            json!({"problem": {"message": {"key": "problemSignedOut", "args": [], "said": null}, "remedies": ["signIn"], "elsewhere": ["eu"]}})
        );
        assert_eq!(
            Reply::Notice(None).encode::<serde_json::Value>(),
            json!({"notice": null})
        );
        assert_eq!(Reply::Done.encode::<serde_json::Value>(), json!("done"));
    }

    #[test]
    fn an_invalid_reply_puts_each_message_at_its_field() {
        use crate::oauth::client::ClientError;
        let errors = [ClientError::IdShape, ClientError::SecretEmpty];
        assert_eq!(
            Reply::invalid(&errors, |e| e.field().into()),
            Reply::Invalid {
                errors: vec![
                    FieldError {
                        field: FieldName::ClientId,
                        message: ClientError::IdShape.message().into(),
                    },
                    FieldError {
                        field: FieldName::ClientSecret,
                        message: ClientError::SecretEmpty.message().into(),
                    },
                ],
            }
        );
    }

    #[test]
    fn zohos_own_words_travel_after_the_message() {
        let said = UserText::with_said(
            Message::with(key("oauthOtherError"), ["odd".to_string()]),
            Some("Try later"),
        );
        assert_eq!(
            said.encode::<serde_json::Value>(),
            json!({"key": "oauthOtherError", "args": ["odd"], "said": "Try later"})
        );
        let plain = UserText::with_said(Message::new(key("oauthNetwork")), None);
        assert_eq!(plain, Message::new(key("oauthNetwork")).into());
        assert_eq!(plain.said, None);
    }

    #[test]
    fn every_message_reads_back_as_written() {
        use crate::store::export::build;
        use crate::store::record::tests::record;
        use crate::store::TokenList;
        let target = Target {
            display_name: "checkemail".into(),
            scope: "ZohoCRM/crmapi,ZohoCRM/crmapi.read".into(),
            dc: DataCentre::Au,
        };
        let stored = record("a-1", 5);
        let tokens = TokenList::from_entries([("token:a-1", &stored)]);
        let token = tokens.tokens()[0].clone();
        let mut presets = UserPresets::default();
        presets
            .add("p1".into(), "Mine", "mine", "ZohoBooks/booksapi")
            .unwrap();
        let file = build(&tokens, &presets, &Default::default(), 9);
        let text: UserText = Message::with(key("tokenSaved"), ["ACR".to_string()]).into();
        let client = crate::oauth::client::check(
            DataCentre::Jp,
            "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
            "0123456789abcdef0123456789abcdef0123456789",
        )
        .unwrap();
        let oauth = OAuthToken::new(
            "Books",
            "ZohoBooks.fullaccess.all",
            &client,
            Secret::new("1000.r.t"),
            "https://www.zohoapis.jp",
            7,
            1,
        );
        let store_requests = [
            StoreRequest::TakeNotice,
            StoreRequest::Forget { id: "a-1".into() },
            StoreRequest::Restore {
                token: token.clone(),
            },
            StoreRequest::SetDataCentre { dc: DataCentre::Cn },
            StoreRequest::SavePresets { presets },
            StoreRequest::Import { file },
            StoreRequest::SaveClient {
                dc: DataCentre::Jp,
                client_id: client.client_id.clone(),
                client_secret: "s".into(),
            },
            StoreRequest::ForgetClient { dc: DataCentre::Sa },
            StoreRequest::ForgetOAuth { id: "o-1".into() },
            StoreRequest::RestoreOAuth {
                token: oauth.clone(),
            },
            StoreRequest::KeepDraft(Draft {
                view: "oauth".into(),
                client_id: "1000.X".into(),
                client_secret: String::new(),
                label: "Books".into(),
                scopes: "A.b".into(),
            }),
        ];
        let zoho_requests = [
            ZohoRequest::Generate(target.clone()),
            ZohoRequest::SignIn(target.clone()),
            ZohoRequest::OpenPage(target.clone()),
            ZohoRequest::Exchange(Exchange {
                dc: DataCentre::Jp,
                code: "1000.a.b".into(),
                label: "Books".into(),
                scopes: "ZohoBooks.fullaccess.all".into(),
                past_cap: true,
            }),
            ZohoRequest::AccessToken { id: "o-1".into() },
            ZohoRequest::Revoke { id: "o-1".into() },
        ];
        let page_reports = [
            PageReport::ZohoPage {
                url: "u".into(),
                html: Some("<p>x</p>".into()),
            },
            PageReport::ZohoPage {
                url: "u".into(),
                html: None,
            },
        ];
        /// Each request reads back as itself, and as no request of the other two
        /// kinds: the background routes by which kind reads it.
        fn kind_of(written: &serde_json::Value) -> [bool; 3] {
            [
                StoreRequest::decode(written).is_some(),
                ZohoRequest::decode(written).is_some(),
                PageReport::decode(written).is_some(),
            ]
        }
        for request in store_requests {
            let written: serde_json::Value = request.encode();
            assert_eq!(StoreRequest::decode(&written), Some(request), "{written}");
            assert_eq!(kind_of(&written), [true, false, false], "{written}");
        }
        for request in zoho_requests {
            let written: serde_json::Value = request.encode();
            assert_eq!(ZohoRequest::decode(&written), Some(request), "{written}");
            assert_eq!(kind_of(&written), [false, true, false], "{written}");
        }
        for report in page_reports {
            let written: serde_json::Value = report.encode();
            assert_eq!(PageReport::decode(&written), Some(report), "{written}");
            assert_eq!(kind_of(&written), [false, false, true], "{written}");
        }
        let replies = [
            Reply::Notice(None),
            Reply::Notice(Some(Notice {
                message: text.clone(),
                is_error: true,
                remedies: vec![Remedy::ActiveTokens, Remedy::Retry],
                target: Some(target.clone()),
            })),
            Reply::Saved { token },
            Reply::Done,
            Reply::Invalid {
                errors: vec![
                    FieldError {
                        field: FieldName::Name,
                        message: text.clone(),
                    },
                    FieldError {
                        field: FieldName::Scope,
                        message: text.clone(),
                    },
                ],
            },
            Reply::Problem {
                message: text.clone(),
                remedies: vec![Remedy::SignIn, Remedy::OpenPage, Remedy::SelfClient],
                elsewhere: vec![DataCentre::Eu, DataCentre::Uk],
            },
            Reply::Busy,
            Reply::TabOpened {
                message: text.clone(),
            },
            Reply::Failed { message: text },
            Reply::Imported {
                added: 3,
                skipped: 1,
                presets_added: 2,
            },
            Reply::Ignored,
            Reply::OAuthSaved { token: oauth },
            Reply::AtCap { held: 20 },
            Reply::Access {
                token: Secret::new("1000.a.c"),
                minutes: 59,
            },
        ];
        for reply in replies {
            let written = reply.encode::<serde_json::Value>();
            assert_eq!(Reply::decode(&written), Some(reply), "{written}");
        }
    }

    #[test]
    fn unknown_or_malformed_replies_are_not_read() {
        for bad in [
            json!("saved"),
            json!({"saved": {"token": {"v": 1}}}),
            json!({"problem": {"message": {"key": "k", "args": [], "said": null}, "remedies": ["fly"]}}),
            json!({"imported": {"added": -1, "skipped": 0, "presetsAdded": 0}}),
            json!({"done": null, "busy": null}),
            json!(null),
        ] {
            assert_eq!(Reply::decode(&bad), None, "{bad}");
        }
    }
}
