//! Generation that needs the user in a Zoho tab: signing in, or pressing
//! **Generate Authtoken** (and typing the password) on the confirmation page.
//! The background remembers which tabs it opened; when the content script reports
//! a token page in one of them, the token is saved and the tab closed.

use super::notices::notify;
use super::save;
use crate::browser::{self, session};
use crate::http::{Answer, Body};
use crate::i18n::{key, Key, Message, UserMessage};
use crate::protocol::{Notice, Reply, Target};
use crate::store::keys::TAB_KEY_PREFIX;
use crate::zoho::verdict::{self, Verdict};
use crate::zoho::{Preset, TokenRequest};

fn pending_key(tab_id: i32) -> String {
    format!("{TAB_KEY_PREFIX}{tab_id}")
}

/// Opens the data centre's sign-in page; after signing in, Zoho brings the tab
/// to the create page, and the request resumes there.
pub async fn open_sign_in(target: Target) -> Reply {
    let Ok(request) = TokenRequest::new(&target.display_name, &target.scope) else {
        return Reply::failed(key("errBadRequest"));
    };
    let url = target.dc.sign_in_url(&request.create_url(target.dc));
    open_watched(&url, target, key("tabSignIn")).await
}

/// Opens the create page for the user to finish there.
pub async fn open_create_page(target: Target) -> Reply {
    let Ok(request) = TokenRequest::new(&target.display_name, &target.scope) else {
        return Reply::failed(key("errBadRequest"));
    };
    let url = request.create_url(target.dc);
    open_watched(&url, target, key("tabConfirm")).await
}

/// Opens an empty tab, notes it as watched, and only then loads Zoho's page in
/// it: a page that answers at once is never reported before the note exists.
async fn open_watched(url: &str, target: Target, message: Key) -> Reply {
    let Some(tab_id) = browser::open_tab("about:blank").await else {
        return Reply::failed(key("errOpenTab"));
    };
    if session::set(&pending_key(tab_id), &target).await.is_err() {
        // Unwatched, the tab's token would never be saved: better no tab at all.
        browser::close_tab(tab_id).await;
        return Reply::failed(key("errWatchTab"));
    }
    if !browser::navigate_tab(tab_id, url).await {
        session::remove(&pending_key(tab_id));
        return Reply::failed(key("errOpenTab"));
    }
    Reply::TabOpened {
        message: Message::new(message).into(),
    }
}

/// A token-create page shown in a tab. Only tabs the extension opened count.
pub async fn page_seen(tab_id: i32, url: &str, html: Option<String>) -> Reply {
    let watched = pending_key(tab_id);
    let Some(target) = session::get::<Target>(&watched).await else {
        return Reply::Ignored;
    };
    let body = html.map_or(Body::TooLarge, Body::Text);
    let answer = Answer::Page {
        status: 200,
        final_url: url.to_string(),
        body,
    };
    match verdict::judge(target.dc, &answer) {
        // The user is still on Zoho's page: keep watching.
        Verdict::Confirm { .. } => Reply::Ignored,
        Verdict::Issued(token) => {
            session::remove(&watched);
            let reply = save::save_once(token, &target).await;
            if matches!(reply, Reply::Saved { .. }) {
                browser::close_tab(tab_id).await;
                notify(Notice {
                    message: Message::with(
                        key("tokenSaved"),
                        [Preset::app_name(&target.display_name).to_string()],
                    )
                    .into(),
                    is_error: false,
                    remedies: Vec::new(),
                    target: None,
                })
                .await;
            }
            reply
        }
        Verdict::Problem(problem) => {
            // The tab stays open on Zoho's page; the popup says what went wrong.
            session::remove(&watched);
            notify(Notice {
                message: problem.message().into(),
                is_error: true,
                remedies: problem.remedies().to_vec(),
                target: Some(target),
            })
            .await;
            Reply::Ignored
        }
    }
}
