//! What the popup shows and what it is doing: the saved tokens and refresh
//! tokens, the chosen data centre, the records last forgotten (for Undo), the
//! user's presets, the request a problem shown is about, and the generations
//! under way. The one place popup state lives; the screen is drawn from it.

use crate::protocol::Target;
use crate::store::oauth::{OAuthSaved, OAuthToken};
use crate::store::{SavedToken, TokenList};
use crate::zoho::DataCentre;
use std::cell::RefCell;

struct View {
    list: TokenList,
    dc: DataCentre,
    forgotten: Option<SavedToken>,
    oauth: OAuthSaved,
    forgotten_oauth: Option<OAuthToken>,
    /// The user's presets: label and authtoken scope.
    user_presets: Vec<(String, String)>,
    /// The request the problem shown is about: what Sign in, Open the page,
    /// Try again, Use <data centre> and Use a Self Client act on.
    problem: Option<Target>,
    /// The applications this popup is generating tokens for, once per request
    /// (a second click on a preset is a second request, answered "busy").
    under_way: Vec<String>,
}

thread_local! {
    // Built as a constant: each use of it is then a plain borrow, where a
    // lazily started one carried its start into every accessor (~1 KB).
    static VIEW: RefCell<View> = const {
        RefCell::new(View {
            list: TokenList::EMPTY,
            dc: DataCentre::Us,
            forgotten: None,
            oauth: OAuthSaved::EMPTY,
            forgotten_oauth: None,
            user_presets: Vec::new(),
            problem: None,
            under_way: Vec::new(),
        })
    };
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

/// The problem now shown is about `target`. Set where a reply or a notice with
/// a problem is handled, and by nothing else (showing "Copied" leaves it).
pub fn set_problem(target: Option<Target>) {
    VIEW.with(|v| v.borrow_mut().problem = target);
}

/// The request the problem shown is about, if any.
pub fn problem() -> Option<Target> {
    VIEW.with(|v| v.borrow().problem.clone())
}

/// A generation for the application `name` was asked for.
pub fn start_generating(name: &str) {
    VIEW.with(|v| v.borrow_mut().under_way.push(name.to_string()));
}

/// A generation for `name` was answered.
pub fn end_generating(name: &str) {
    VIEW.with(|v| {
        let names = &mut v.borrow_mut().under_way;
        if let Some(i) = names.iter().position(|n| n == name) {
            names.swap_remove(i);
        }
    });
}

/// Whether a generation for `name` is under way, and whether any is.
pub fn generating(name: &str) -> (bool, bool) {
    VIEW.with(|v| {
        let names = &v.borrow().under_way;
        (names.iter().any(|n| n == name), !names.is_empty())
    })
}
