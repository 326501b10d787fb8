//! The request the problem shown in the popup is about: what Sign in, Open the
//! page, Try again and Use <data centre> act on. Set where a reply or a notice
//! with a problem is handled, and by nothing else (showing "Copied" leaves it).

use crate::protocol::Target;
use std::cell::RefCell;

thread_local! {
    static TARGET: RefCell<Option<Target>> = const { RefCell::new(None) };
}

/// The problem now shown is about `target`.
pub fn about(target: Option<Target>) {
    TARGET.with(|t| *t.borrow_mut() = target);
}

/// The request the problem shown is about, if any.
pub fn target() -> Option<Target> {
    TARGET.with(|t| t.borrow().clone())
}
