//! The OAuth scopes to suggest: the successors of each authtoken scope, and
//! the check of a typed scope list before it is copied or saved.

use crate::i18n::{key, Message, UserMessage};

/// Each authtoken scope and the OAuth scopes that do its work today.
const SUCCESSORS: [(&str, &str); 8] = [
    (
        "ZohoCRM/crmapi",
        "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ",
    ),
    (
        "ZohoSupport/supportapi",
        "Desk.tickets.ALL,Desk.contacts.ALL,Desk.basic.READ",
    ),
    ("ZohoBooks/booksapi", "ZohoBooks.fullaccess.all"),
    ("ZohoInvoice/invoiceapi", "ZohoInvoice.fullaccess.all"),
    (
        "ZohoCreator/creatorapi",
        "ZohoCreator.report.ALL,ZohoCreator.form.CREATE",
    ),
    (
        "ZohoProjects/projectsapi",
        "ZohoProjects.portals.READ,ZohoProjects.projects.ALL,ZohoProjects.tasks.ALL",
    ),
    (
        "ZohoReports/reportsapi",
        "ZohoAnalytics.data.all,ZohoAnalytics.metadata.read",
    ),
    ("ZohoRecruit/recruitapi", "ZohoRecruit.modules.ALL"),
];

/// Scopes offered while typing, beyond the successors (CRM's optional ones).
const EXTRA: [&str; 2] = ["ZohoCRM.coql.READ", "ZohoCRM.bulk.ALL"];

/// Most scopes in one list.
pub const MAX_SCOPES: usize = 30;

/// The OAuth scopes for an authtoken scope list (`ZohoCRM/crmapi,…`), comma
/// joined, in order, each once; empty when none is known.
pub fn successors(authtoken_scopes: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for wanted in authtoken_scopes.split(',').map(str::trim) {
        let found = SUCCESSORS
            .iter()
            .find(|(old, _)| old.eq_ignore_ascii_case(wanted));
        for scope in found
            .map_or("", |(_, new)| *new)
            .split(',')
            .filter(|s| !s.is_empty())
        {
            if !out.contains(&scope) {
                out.push(scope);
            }
        }
    }
    out.join(",")
}

/// Every scope the suggestions know, for the scope field's list.
pub fn known() -> Vec<&'static str> {
    let mut all: Vec<&str> = SUCCESSORS
        .iter()
        .flat_map(|(_, new)| new.split(','))
        .chain(EXTRA)
        .collect();
    all.dedup();
    all
}

/// Why a scope list was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// No scope at all.
    Empty,
    /// A scope with characters Zoho's scopes never have (the one named).
    Malformed(String),
    /// More than [`MAX_SCOPES`].
    TooMany,
}

impl UserMessage for ScopeError {
    fn message(&self) -> Message {
        match self {
            ScopeError::Empty => Message::new(key("errOAuthScopeEmpty")),
            ScopeError::Malformed(scope) => {
                Message::with(key("errOAuthScopeShape"), [scope.clone()])
            }
            ScopeError::TooMany => {
                Message::with(key("errOAuthScopeTooMany"), [MAX_SCOPES.to_string()])
            }
        }
    }
}

/// A typed scope list as the console wants it: split at commas or spaces,
/// each once (case as typed: Zoho's scopes are case-sensitive), comma joined.
pub fn check(typed: &str) -> Result<String, ScopeError> {
    let mut scopes: Vec<&str> = Vec::new();
    for scope in typed
        .split([',', ' ', '\n', '\t'])
        .filter(|s| !s.is_empty())
    {
        let shaped = scope.len() <= 100
            && scope.contains('.')
            && scope
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
        if !shaped {
            return Err(ScopeError::Malformed(scope.chars().take(100).collect()));
        }
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    match scopes.len() {
        0 => Err(ScopeError::Empty),
        n if n > MAX_SCOPES => Err(ScopeError::TooMany),
        _ => Ok(scopes.join(",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_authtoken_scope_suggests_its_successors() {
        assert_eq!(
            successors("ZohoCRM/crmapi"),
            "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ"
        );
        assert_eq!(
            successors(" zohobooks/BOOKSAPI , ZohoBooks/booksapi,ZohoRecruit/recruitapi"),
            "ZohoBooks.fullaccess.all,ZohoRecruit.modules.ALL"
        );
        assert_eq!(successors("ZohoMail/ZohoMailAPI"), "");
        assert_eq!(successors(""), "");
    }

    #[test]
    fn each_products_successors_are_the_fact_sheets() {
        // Written out again here, from shared/zoho-oauth.md, not from SUCCESSORS.
        for (old, new) in [
            (
                "ZohoCRM/crmapi",
                "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ",
            ),
            (
                "ZohoSupport/supportapi",
                "Desk.tickets.ALL,Desk.contacts.ALL,Desk.basic.READ",
            ),
            ("ZohoBooks/booksapi", "ZohoBooks.fullaccess.all"),
            ("ZohoInvoice/invoiceapi", "ZohoInvoice.fullaccess.all"),
            (
                "ZohoCreator/creatorapi",
                "ZohoCreator.report.ALL,ZohoCreator.form.CREATE",
            ),
            (
                "ZohoProjects/projectsapi",
                "ZohoProjects.portals.READ,ZohoProjects.projects.ALL,ZohoProjects.tasks.ALL",
            ),
            (
                "ZohoReports/reportsapi",
                "ZohoAnalytics.data.all,ZohoAnalytics.metadata.read",
            ),
            ("ZohoRecruit/recruitapi", "ZohoRecruit.modules.ALL"),
        ] {
            assert_eq!(successors(old), new, "{old}");
        }
        assert_eq!(SUCCESSORS.len(), 8);
    }

    #[test]
    fn every_suggestion_passes_the_check() {
        for (_, new) in SUCCESSORS {
            assert_eq!(check(new).as_deref(), Ok(new));
        }
        assert!(known().contains(&"ZohoCRM.coql.READ"));
        assert!(known().contains(&"Desk.basic.READ"));
    }

    #[test]
    fn typed_lists_are_tidied_or_refused() {
        assert_eq!(
            check(" ZohoCRM.modules.ALL  ZohoCRM.modules.ALL,\nZohoCRM.org.READ,").as_deref(),
            Ok("ZohoCRM.modules.ALL,ZohoCRM.org.READ")
        );
        assert_eq!(check(" , "), Err(ScopeError::Empty));
        assert_eq!(
            check("ZohoCRM/crmapi"),
            Err(ScopeError::Malformed("ZohoCRM/crmapi".into()))
        );
        assert_eq!(
            check("ZohoCRM"),
            Err(ScopeError::Malformed("ZohoCRM".into()))
        );
        assert_eq!(
            check("ZohoCRM.modules-ALL"),
            Err(ScopeError::Malformed("ZohoCRM.modules-ALL".into()))
        );
        assert!(check("ZohoCRM.settings.custom_views.READ").is_ok());
        let many: Vec<String> = (0..=MAX_SCOPES).map(|i| format!("A.s{i}")).collect();
        assert_eq!(check(&many.join(",")), Err(ScopeError::TooMany));
        assert!(check(&many[..MAX_SCOPES].join(",")).is_ok());
    }
}
