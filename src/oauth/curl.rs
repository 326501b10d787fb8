//! "Copy as curl": a call to a refresh token's product API with a live access
//! token (`Authorization: Zoho-oauthtoken …`), at the API domain Zoho named
//! for it, to the product its scopes are for where that product's API lives
//! there (CRM, Books, Invoice, Creator). Each value is held to its alphabet
//! and single-quoted, as the script's block is.

use super::script::ScriptError;
use super::secret::Secret;
use crate::zoho::DataCentre;

/// A product's scope prefix, and a call that only reads (who the token is for).
const PRODUCT_CALLS: [(&str, &str); 4] = [
    ("ZohoCRM.", "/crm/v8/org"),
    ("ZohoBooks.", "/books/v3/organizations"),
    ("ZohoInvoice.", "/invoice/v3/organizations"),
    ("ZohoCreator.", "/creator/v2.1/meta/applications"),
];

/// The `curl` line for a token granted `scopes` (comma joined), whose
/// product APIs are at `api_domain`, with `access` (valid `minutes` more).
pub fn call(
    scopes: &str,
    api_domain: &str,
    access: &Secret,
    minutes: u32,
) -> Result<String, ScriptError> {
    let api = DataCentre::from_api_domain(api_domain)
        .ok_or(ScriptError::ApiDomain)?
        .api_domain();
    if !access.is_bearer_token() {
        return Err(ScriptError::AccessToken);
    }
    let product = scopes.split(',').find_map(|scope| {
        PRODUCT_CALLS
            .iter()
            .find(|(prefix, _)| scope.starts_with(prefix))
    });
    let (path, note) = match product {
        Some((_, path)) => (*path, ""),
        None => ("/", "# Add your product's API path after the domain.\n"),
    };
    Ok(format!(
        "# The access token is valid for {minutes} more minutes.\n{note}\
         curl -sS '{api}{path}' -H 'Authorization: Zoho-oauthtoken {}'\n",
        access.expose()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "https://www.zohoapis.eu";

    fn line(scopes: &str) -> String {
        let made = call(scopes, API, &Secret::new("1000.a.b"), 42).unwrap();
        made.lines().last().unwrap().to_string()
    }

    #[test]
    fn the_call_is_to_the_product_of_the_scopes() {
        assert_eq!(
            line("ZohoCRM.modules.ALL,ZohoCRM.org.READ"),
            "curl -sS 'https://www.zohoapis.eu/crm/v8/org' -H 'Authorization: Zoho-oauthtoken 1000.a.b'"
        );
        assert!(
            line("Desk.tickets.READ,ZohoBooks.fullaccess.all").contains("/books/v3/organizations")
        );
        assert!(line("ZohoCreator.report.ALL").contains("/creator/v2.1/meta/applications"));
        let unknown = call("Desk.tickets.READ", API, &Secret::new("1000.a.b"), 42).unwrap();
        assert!(
            unknown.contains("# Add your product's API path"),
            "{unknown}"
        );
        assert!(unknown.contains("'https://www.zohoapis.eu/'"), "{unknown}");
        assert!(unknown.starts_with("# The access token is valid for 42 more minutes."));
    }

    #[test]
    fn a_value_outside_its_alphabet_is_refused() {
        let token = Secret::new("1000.a.b");
        for domain in ["https://www.zohoapis.eu.evil.example", "https://x'$(id)'"] {
            assert_eq!(call("A.b", domain, &token, 1), Err(ScriptError::ApiDomain));
        }
        let odd = Secret::new("1000.a'b");
        assert_eq!(call("A.b", API, &odd, 1), Err(ScriptError::AccessToken));
    }
}
