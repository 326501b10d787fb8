//! The generations under way: in this background's memory (so a second identical
//! request is not sent while the first is), and noted in `storage.session` with
//! the background's life (so a generation a stopped background left unfinished
//! can be told later).

use crate::browser::{self, session};
use crate::plain::Decode;
use crate::protocol::Target;
use crate::store::keys::FLIGHT_KEY_PREFIX;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// Requests being generated now: a few at most, so a `Vec` (see docs/performance.md's
    /// size section on why this code avoids hash sets and the like).
    static IN_FLIGHT: RefCell<Vec<Target>> = const { RefCell::new(Vec::new()) };
}

/// A request being generated; it leaves [`IN_FLIGHT`] however the generation
/// ends.
pub struct InFlight(Target);

impl InFlight {
    /// Claims `target`, unless it is being generated already.
    pub fn claim(target: &Target) -> Option<InFlight> {
        IN_FLIGHT.with(|set| {
            let mut set = set.borrow_mut();
            if set.contains(target) {
                return None;
            }
            set.push(target.clone());
            Some(InFlight(target.clone()))
        })
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.with(|set| set.borrow_mut().retain(|t| *t != self.0));
    }
}

/// The beginning of the keys of this background life's notes. The life, not the
/// memory, tells a generation under way from one a stopped background left: the
/// popup's first question is answered by a module that does not generate
/// (docs/performance.md, "Size").
fn this_life() -> String {
    format!("{FLIGHT_KEY_PREFIX}{:x}:", browser::life())
}

/// Starts noting a generation outside this worker's memory, and returns its key
/// and the pending write, so the request can be sent meanwhile.
pub fn note(target: &Target) -> (String, wasm_bindgen_futures::JsFuture) {
    let flight = format!("{}{:08x}", this_life(), browser::nonce());
    let noted = session::start_set(&flight, target);
    (flight, noted)
}

/// The generation has ended (whatever its outcome).
pub fn landed(flight: &str) {
    session::remove(flight);
}

/// A generation noted (among the `session` area's entries) by an earlier life
/// of the background: it was stopped meanwhile, and Zoho may have issued a token
/// the extension never received. Each is reported once (its note is removed).
pub fn take_interrupted(session: &[(String, JsValue)]) -> Option<Target> {
    let this_life = this_life();
    let mut found = None;
    for (flight, value) in session {
        if !flight.starts_with(FLIGHT_KEY_PREFIX) || flight.starts_with(&this_life) {
            continue;
        }
        let Some(target) = Target::decode(value) else {
            continue;
        };
        session::remove(flight);
        found = Some(target);
    }
    found
}
