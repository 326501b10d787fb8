//! The access token kept for a saved refresh token: reused while it has more
//! than five minutes left, because Zoho mints only ten per refresh token per
//! ten minutes. Kept in `storage.session`, so it is gone with the browser.

use super::secret::Secret;
use crate::plain::plain_type;
use crate::store::keys::ACCESS_KEY_PREFIX;

/// A cached token with less than this left (ms) is not handed out.
pub const FRESH_FOR_MS: u64 = 5 * 60 * 1000;

plain_type! {
    /// An access token and when it stops working.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CachedAccess {
        /// The access token.
        pub token: Secret as "token",
        /// When Zoho stops taking it, ms since the Unix epoch.
        pub expires: u64 as "expires",
    }
}

impl CachedAccess {
    /// A token Zoho just minted, good for `lifetime_s` seconds from `now` (ms).
    pub fn minted(token: Secret, now: u64, lifetime_s: u32) -> CachedAccess {
        CachedAccess {
            token,
            expires: now + u64::from(lifetime_s) * 1000,
        }
    }

    /// Whether it can still be handed out at `now`: more than five minutes left.
    pub fn usable_at(&self, now: u64) -> bool {
        self.expires > now + FRESH_FOR_MS
    }

    /// Whole minutes left at `now` (what the user is told).
    pub fn minutes_left(&self, now: u64) -> u64 {
        self.expires.saturating_sub(now) / 60_000
    }
}

/// The session key of the access token cached for record `id`.
pub fn access_key(id: &str) -> String {
    format!("{ACCESS_KEY_PREFIX}{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_only_with_more_than_five_minutes_left() {
        let now = 1_700_000_000_000;
        let cached = CachedAccess::minted(Secret::new("1000.a.b"), now, 3600);
        assert_eq!(cached.expires, now + 3_600_000);
        assert!(cached.usable_at(now));
        assert_eq!(cached.minutes_left(now), 60);
        let almost = now + 3_600_000 - FRESH_FOR_MS;
        assert!(cached.usable_at(almost - 1));
        assert!(!cached.usable_at(almost));
        assert_eq!(cached.minutes_left(almost - 1), 5);
        assert_eq!(cached.minutes_left(now + 4_000_000), 0);
        assert_eq!(access_key("r1"), "access:r1");
    }
}
