//! The access token kept for a saved refresh token: reused while it has more
//! than five minutes left, because Zoho mints only ten per refresh token per
//! ten minutes; with what Zoho's answer said of it (scopes, API domain) for
//! Check, and when the extension minted with that refresh token lately, to
//! count what is left of Zoho's ten. Kept in `storage.session`, so it is gone
//! with the browser.

use super::answer::Grant;
use super::secret::Secret;
use crate::i18n::{key, Key, Message};
use crate::plain::plain_type;
use crate::store::keys::ACCESS_KEY_PREFIX;
use crate::zoho::DataCentre;

/// A cached token with less than this left (ms) is not handed out.
pub const FRESH_FOR_MS: u64 = 5 * 60 * 1000;
/// Access tokens Zoho mints per refresh token per [`MINT_WINDOW_MS`].
pub const MINTS_PER_WINDOW: u32 = 10;
/// The window of Zoho's limit on mints: ten minutes.
pub const MINT_WINDOW_MS: u64 = 10 * 60 * 1000;

plain_type! {
    /// An access token, when it stops working, and what Zoho said with it.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CachedAccess {
        /// The access token.
        pub token: Secret as "token",
        /// When Zoho stops taking it, ms since the Unix epoch.
        pub expires: u64 as "expires",
        /// The scopes Zoho's answer named, comma joined; none when it named none.
        pub scopes: Option<String> as "scopes",
        /// The data centre whose APIs Zoho's answer named, if one of the nine.
        pub api_domain: Option<DataCentre> as "apiDomain",
        /// When the extension minted with this refresh token in the last ten
        /// minutes (ms since the Unix epoch), oldest first.
        pub mints: Vec<u64> as "mints",
    }
}

impl CachedAccess {
    /// The access token Zoho just granted at `now` (ms), with the mints of
    /// the one cached before (`earlier`) that still count.
    pub fn minted(grant: &Grant, now: u64, earlier: Option<&CachedAccess>) -> CachedAccess {
        let mut mints: Vec<u64> = earlier
            .map(|e| {
                e.mints
                    .iter()
                    .copied()
                    .filter(|&m| counts_at(m, now))
                    .collect()
            })
            .unwrap_or_default();
        mints.push(now);
        CachedAccess {
            token: grant.access_token.clone(),
            expires: now + u64::from(grant.lifetime_s) * 1000,
            scopes: grant.scopes.clone(),
            api_domain: grant.api_domain,
            mints,
        }
    }

    /// Whether it can still be handed out at `now`: more than five minutes left.
    pub fn usable_at(&self, now: u64) -> bool {
        self.expires > now + FRESH_FOR_MS
    }

    /// Whole minutes left at `now` (what the user is told).
    pub fn minutes_left(&self, now: u64) -> u32 {
        minutes_left(self.expires, now)
    }

    /// How many of Zoho's ten mints in ten minutes are left at `now`.
    pub fn mints_left(&self, now: u64) -> u32 {
        mints_left(self.mints.iter().copied(), now)
    }

    /// What Check says of it: it works (`reused`: Zoho was not asked), the
    /// scopes and API domain Zoho's answer named, or else those `saved` (said
    /// so), and when it runs out.
    pub fn checked(&self, reused: bool, saved: (&str, &str), now: u64) -> Vec<Message> {
        let (saved_scopes, saved_domain) = saved;
        let line = |named: Key, kept: Key, said: Option<&str>, saved: &str| match said {
            Some(said) => Message::with(named, [said.to_string()]),
            None => Message::with(kept, [saved.to_string()]),
        };
        vec![
            Message::new(if reused {
                key("checkWorksCached")
            } else {
                key("checkWorks")
            }),
            line(
                key("checkScopes"),
                key("checkScopesSaved"),
                self.scopes.as_deref(),
                saved_scopes,
            ),
            line(
                key("checkApiDomain"),
                key("checkApiDomainSaved"),
                self.api_domain.map(DataCentre::api_domain),
                saved_domain,
            ),
            Message::with(key("checkRunsOut"), [self.minutes_left(now).to_string()]),
        ]
    }
}

/// Whole minutes left at `now` of an access token that runs out at `expires`.
pub fn minutes_left(expires: u64, now: u64) -> u32 {
    (expires.saturating_sub(now) / 60_000) as u32
}

/// How many of Zoho's ten mints in ten minutes are left at `now`, as far as
/// the extension's own `mints` tell (another tool's are not seen).
pub fn mints_left(mints: impl Iterator<Item = u64>, now: u64) -> u32 {
    let counted = mints.filter(|&m| counts_at(m, now)).count() as u32;
    MINTS_PER_WINDOW.saturating_sub(counted)
}

/// Whether a mint at `minted` still counts against the limit at `now`.
fn counts_at(minted: u64, now: u64) -> bool {
    minted <= now && now - minted < MINT_WINDOW_MS
}

/// The session key of the access token cached for record `id`.
pub fn access_key(id: &str) -> String {
    format!("{ACCESS_KEY_PREFIX}{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(lifetime_s: u32) -> Grant {
        Grant {
            access_token: Secret::new("1000.a.b"),
            refresh_token: None,
            api_domain: Some(DataCentre::Eu),
            scopes: Some("ZohoCRM.org.READ".into()),
            lifetime_s,
        }
    }

    #[test]
    fn reused_only_with_more_than_five_minutes_left() {
        let now = 1_700_000_000_000;
        let cached = CachedAccess::minted(&grant(3600), now, None);
        assert_eq!(cached.expires, now + 3_600_000);
        assert_eq!(cached.scopes.as_deref(), Some("ZohoCRM.org.READ"));
        assert_eq!(cached.api_domain, Some(DataCentre::Eu));
        assert!(cached.usable_at(now));
        assert_eq!(cached.minutes_left(now), 60);
        let almost = now + 3_600_000 - FRESH_FOR_MS;
        assert!(cached.usable_at(almost - 1));
        assert!(!cached.usable_at(almost));
        assert_eq!(cached.minutes_left(almost - 1), 5);
        assert_eq!(cached.minutes_left(now + 4_000_000), 0);
        assert_eq!(access_key("r1"), "access:r1");
    }

    #[test]
    fn counts_the_mints_of_the_last_ten_minutes() {
        let start = 1_700_000_000_000;
        let first = CachedAccess::minted(&grant(3600), start, None);
        assert_eq!(first.mints, vec![start]);
        assert_eq!(first.mints_left(start), 9);
        let mut cached = first;
        for i in 1..10 {
            cached = CachedAccess::minted(&grant(3600), start + i * 1000, Some(&cached));
        }
        assert_eq!(cached.mints.len(), 10);
        assert_eq!(cached.mints_left(start + 9_000), 0);
        // The first mint stops counting ten minutes after it was made.
        assert_eq!(cached.mints_left(start + MINT_WINDOW_MS - 1), 0);
        assert_eq!(cached.mints_left(start + MINT_WINDOW_MS), 1);
        assert_eq!(cached.mints_left(start + MINT_WINDOW_MS + 9_000), 10);
        // A mint past the window is dropped when the next is kept.
        let later = start + MINT_WINDOW_MS + 5_500;
        let next = CachedAccess::minted(&grant(3600), later, Some(&cached));
        assert_eq!(
            next.mints,
            vec![
                start + 6_000,
                start + 7_000,
                start + 8_000,
                start + 9_000,
                later
            ]
        );
        assert_eq!(next.mints_left(later), 5);
        // A clock set back does not count a mint "from the future" twice.
        assert_eq!(next.mints_left(start), 10);
    }

    #[test]
    fn check_says_what_zoho_named_else_what_was_saved() {
        let now = 1_700_000_000_000;
        let saved = ("ZohoBooks.fullaccess.all", "https://www.zohoapis.com");
        let fresh = CachedAccess::minted(&grant(3600), now, None);
        let said = fresh.checked(false, saved, now + 60_000);
        let texts: Vec<(&str, Vec<String>)> = said
            .iter()
            .map(|m| (m.key.name(), m.args.clone()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("checkWorks", vec![]),
                ("checkScopes", vec!["ZohoCRM.org.READ".to_string()]),
                (
                    "checkApiDomain",
                    vec!["https://www.zohoapis.eu".to_string()]
                ),
                ("checkRunsOut", vec!["59".to_string()]),
            ]
        );
        let bare = Grant {
            scopes: None,
            api_domain: None,
            ..grant(3600)
        };
        let reused = CachedAccess::minted(&bare, now, None).checked(true, saved, now);
        let keys: Vec<&str> = reused.iter().map(|m| m.key.name()).collect();
        assert_eq!(
            keys,
            [
                "checkWorksCached",
                "checkScopesSaved",
                "checkApiDomainSaved",
                "checkRunsOut"
            ]
        );
        assert_eq!(reused[1].args, ["ZohoBooks.fullaccess.all"]);
        assert_eq!(reused[2].args, ["https://www.zohoapis.com"]);
    }
}
