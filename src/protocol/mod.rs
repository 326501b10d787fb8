//! Messages between the extension's pages and the background, as they cross
//! `runtime.sendMessage`: the requests, one type per route (`request`), and
//! the replies (`reply`). Plain data: tested natively.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

mod reply;
mod request;

pub use reply::{FieldError, FieldName, Notice, Reply, UserText};
pub use request::{
    Brought, Draft, Exchange, OwnPageRequest, PageReport, StoreRequest, Target, ZohoRequest,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::key;
    use crate::i18n::{Message, UserMessage};
    use crate::oauth::Secret;
    use crate::plain::{Decode, Encode};
    use crate::store::oauth::OAuthToken;
    use crate::store::UserPresets;
    use crate::vault::lock::VaultState;
    use crate::zoho::verdict::Remedy;
    use crate::zoho::DataCentre;
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
            Reply::Notice {
                news: None,
                vault: VaultState::Off
            }
            .encode::<serde_json::Value>(),
            json!({"notice": {"news": null, "vault": "off"}})
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
            "Acme",
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
                label: "Acme".into(),
            },
            StoreRequest::ForgetClient {
                dc: DataCentre::Sa,
                client_id: client.client_id.clone(),
            },
            StoreRequest::ForgetOAuth { id: "o-1".into() },
            StoreRequest::RestoreOAuth {
                token: oauth.clone(),
            },
            StoreRequest::KeepDraft(Draft {
                view: "oauth".into(),
                client_id: "1000.X".into(),
                label: "Books".into(),
                scopes: "A.b".into(),
                client: None,
            }),
        ];
        let zoho_requests = [
            ZohoRequest::Generate(target.clone()),
            ZohoRequest::SignIn(target.clone()),
            ZohoRequest::OpenPage(target.clone()),
            ZohoRequest::Exchange(Exchange {
                dc: DataCentre::Jp,
                client_id: client.client_id.clone(),
                code: "1000.a.b".into(),
                label: "Books".into(),
                scopes: "ZohoBooks.fullaccess.all".into(),
                past_cap: true,
            }),
            ZohoRequest::AccessToken { id: "o-1".into() },
            ZohoRequest::Check { id: "o-1".into() },
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
            Reply::Notice {
                news: None,
                vault: VaultState::Locked,
            },
            Reply::Notice {
                news: Some(Notice {
                    message: text.clone(),
                    is_error: true,
                    remedies: vec![Remedy::ActiveTokens, Remedy::Retry],
                    target: Some(target.clone()),
                }),
                vault: VaultState::Open,
            },
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
            Reply::Failed {
                message: text.clone(),
            },
            Reply::Imported {
                added: 3,
                skipped: 1,
                presets_added: 2,
                clients_added: 1,
                conflicts: vec!["Acme (EU)".into()],
            },
            Reply::Ignored,
            Reply::OAuthSaved { token: oauth },
            Reply::AtCap { held: 20 },
            Reply::Access {
                token: Secret::new("1000.a.c"),
                minutes: 59,
            },
            Reply::Checked {
                said: vec![text.clone()],
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
