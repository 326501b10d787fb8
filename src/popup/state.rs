//! What the popup shows: the saved tokens, the chosen data centre, and the
//! token last forgotten (for Undo). The one place popup state lives; the
//! screen is drawn from it.

use crate::store::oauth::{OAuthSaved, OAuthToken};
use crate::store::{SavedToken, TokenList};
use crate::zoho::DataCentre;
use std::cell::RefCell;

#[derive(Default)]
struct View {
    list: TokenList,
    dc: DataCentre,
    forgotten: Option<SavedToken>,
    oauth: OAuthSaved,
    forgotten_oauth: Option<OAuthToken>,
    /// The user's presets: label and authtoken scope.
    user_presets: Vec<(String, String)>,
}

thread_local! {
    static VIEW: RefCell<View> = RefCell::new(View::default());
}

/// The saved tokens, to read.
pub fn with_list<R>(read: impl FnOnce(&TokenList) -> R) -> R {
    VIEW.with(|v| read(&v.borrow().list))
}

/// The saved tokens, to change.
pub fn change_list<R>(change: impl FnOnce(&mut TokenList) -> R) -> R {
    VIEW.with(|v| change(&mut v.borrow_mut().list))
}

/// The saved token `id`, if it is shown.
pub fn token(id: &str) -> Option<SavedToken> {
    with_list(|list| list.find(id).cloned())
}

/// The data centre new tokens are made on.
pub fn dc() -> DataCentre {
    VIEW.with(|v| v.borrow().dc)
}

/// Makes `dc` the data centre new tokens are made on.
pub fn set_dc(dc: DataCentre) {
    VIEW.with(|v| v.borrow_mut().dc = dc);
}

/// Keeps `token` for Undo (replacing the one kept before).
pub fn keep_forgotten(token: SavedToken) {
    VIEW.with(|v| v.borrow_mut().forgotten = Some(token));
}

/// The OAuth tokens and clients, to read.
pub fn with_oauth<R>(read: impl FnOnce(&OAuthSaved) -> R) -> R {
    VIEW.with(|v| read(&v.borrow().oauth))
}

/// The OAuth tokens and clients, to change.
pub fn change_oauth<R>(change: impl FnOnce(&mut OAuthSaved) -> R) -> R {
    VIEW.with(|v| change(&mut v.borrow_mut().oauth))
}

/// The user's presets, as label and authtoken scope.
pub fn user_presets() -> Vec<(String, String)> {
    VIEW.with(|v| v.borrow().user_presets.clone())
}

/// Keeps the user's presets (label and authtoken scope).
pub fn set_user_presets(presets: Vec<(String, String)>) {
    VIEW.with(|v| v.borrow_mut().user_presets = presets);
}

/// Keeps an OAuth token for Undo.
pub fn keep_forgotten_oauth(token: OAuthToken) {
    VIEW.with(|v| v.borrow_mut().forgotten_oauth = Some(token));
}

/// The OAuth token kept for Undo, taken.
pub fn take_forgotten_oauth() -> Option<OAuthToken> {
    VIEW.with(|v| v.borrow_mut().forgotten_oauth.take())
}

/// The token kept for Undo, taken (Undo works once).
pub fn take_forgotten() -> Option<SavedToken> {
    VIEW.with(|v| v.borrow_mut().forgotten.take())
}
