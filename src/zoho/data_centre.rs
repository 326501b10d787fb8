//! Zoho's data centres and the account-page addresses on each.

use crate::i18n::{key, Key};
use crate::plain::plain_type;

plain_type! {
    /// One of the regions where Zoho keeps accounts. A token is issued and used on
    /// the user's own data centre, so every address the extension builds starts here.
    /// Its plain name is its short code (`"us"`, `"eu"`, …), used in storage and
    /// messages. `ALL` lists them in the order the popup offers them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum DataCentre {
        #[default]
        Us as "us",
        Eu as "eu",
        In as "in",
        Au as "au",
        Jp as "jp",
        Ca as "ca",
        Sa as "sa",
        Uk as "uk",
        Cn as "cn",
    }
}

impl DataCentre {
    /// The message naming this data centre's region ("Europe").
    pub fn name_key(self) -> Key {
        match self {
            DataCentre::Us => key("dc_us"),
            DataCentre::Eu => key("dc_eu"),
            DataCentre::In => key("dc_in"),
            DataCentre::Au => key("dc_au"),
            DataCentre::Jp => key("dc_jp"),
            DataCentre::Ca => key("dc_ca"),
            DataCentre::Sa => key("dc_sa"),
            DataCentre::Uk => key("dc_uk"),
            DataCentre::Cn => key("dc_cn"),
        }
    }

    /// Where the product APIs are for accounts here (`https://www.zohoapis.eu`):
    /// what an OAuth answer's `api_domain` says, for when it says nothing.
    pub fn api_domain(self) -> &'static str {
        match self {
            DataCentre::Us => "https://www.zohoapis.com",
            DataCentre::Eu => "https://www.zohoapis.eu",
            DataCentre::In => "https://www.zohoapis.in",
            DataCentre::Au => "https://www.zohoapis.com.au",
            DataCentre::Jp => "https://www.zohoapis.jp",
            DataCentre::Ca => "https://www.zohoapis.ca",
            DataCentre::Sa => "https://www.zohoapis.sa",
            DataCentre::Uk => "https://www.zohoapis.uk",
            DataCentre::Cn => "https://www.zohoapis.com.cn",
        }
    }

    /// The data centre whose product APIs are at `origin`, exactly one of the
    /// nine (case aside): an OAuth answer's `api_domain` is trusted only so.
    pub fn from_api_domain(origin: &str) -> Option<DataCentre> {
        DataCentre::ALL
            .into_iter()
            .find(|dc| dc.api_domain().eq_ignore_ascii_case(origin))
    }

    /// The accounts host name, e.g. `accounts.zoho.eu`.
    pub fn accounts_host(self) -> &'static str {
        match self {
            DataCentre::Us => "accounts.zoho.com",
            DataCentre::Eu => "accounts.zoho.eu",
            DataCentre::In => "accounts.zoho.in",
            DataCentre::Au => "accounts.zoho.com.au",
            DataCentre::Jp => "accounts.zoho.jp",
            DataCentre::Ca => "accounts.zohocloud.ca",
            DataCentre::Sa => "accounts.zoho.sa",
            DataCentre::Uk => "accounts.zoho.uk",
            DataCentre::Cn => "accounts.zoho.com.cn",
        }
    }

    /// The data centre whose accounts host this is (exact match, case-insensitive).
    pub fn from_host(host: &str) -> Option<DataCentre> {
        DataCentre::ALL
            .into_iter()
            .find(|dc| dc.accounts_host().eq_ignore_ascii_case(host))
    }

    /// `https://accounts.zoho.<dc>`, without a trailing slash.
    pub fn origin(self) -> String {
        format!("https://{}", self.accounts_host())
    }

    /// The account page: where a signed-in browser lands, and a signed-out one
    /// is sent to sign in.
    pub fn account_page_url(self) -> String {
        format!("{}/u/h", self.origin())
    }

    /// Zoho's *Active Authtokens* page, where the user deletes tokens at Zoho.
    pub fn active_tokens_url(self) -> String {
        format!("{}#sessions/userauthtoken", self.account_page_url())
    }

    /// The sign-in page that brings the user back to `return_to` afterwards.
    pub fn sign_in_url(self, return_to: &str) -> String {
        format!(
            "{}/signin?servicename=AaaServer&serviceurl={}",
            self.origin(),
            super::url::encode_component(return_to)
        )
    }

    /// The OAuth 2.0 Self Client console: where Zoho sends users since authtokens ended.
    pub fn api_console_url(self) -> String {
        // Every accounts host is `accounts.` and the domain the console shares.
        let host = self.accounts_host();
        let domain = host.strip_prefix("accounts.").unwrap_or(host);
        format!("https://api-console.{domain}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::Decode;

    #[test]
    fn every_data_centre_has_its_documented_host() {
        let hosts: Vec<_> = DataCentre::ALL
            .iter()
            .map(|dc| dc.accounts_host())
            .collect();
        assert_eq!(
            hosts,
            [
                "accounts.zoho.com",
                "accounts.zoho.eu",
                "accounts.zoho.in",
                "accounts.zoho.com.au",
                "accounts.zoho.jp",
                "accounts.zohocloud.ca",
                "accounts.zoho.sa",
                "accounts.zoho.uk",
                "accounts.zoho.com.cn",
            ]
        );
    }

    #[test]
    fn every_data_centre_has_its_documented_api_domain() {
        let domains: Vec<_> = DataCentre::ALL.iter().map(|dc| dc.api_domain()).collect();
        assert_eq!(
            domains,
            [
                "https://www.zohoapis.com",
                "https://www.zohoapis.eu",
                "https://www.zohoapis.in",
                "https://www.zohoapis.com.au",
                "https://www.zohoapis.jp",
                "https://www.zohoapis.ca",
                "https://www.zohoapis.sa",
                "https://www.zohoapis.uk",
                "https://www.zohoapis.com.cn",
            ]
        );
        for dc in DataCentre::ALL {
            assert_eq!(DataCentre::from_api_domain(dc.api_domain()), Some(dc));
        }
        assert_eq!(
            DataCentre::from_api_domain("HTTPS://WWW.ZOHOAPIS.EU"),
            Some(DataCentre::Eu)
        );
        assert_eq!(
            DataCentre::from_api_domain("https://www.zohoapis.eu.evil"),
            None
        );
    }

    #[test]
    fn codes_and_hosts_round_trip() {
        for dc in DataCentre::ALL {
            assert_eq!(DataCentre::from_plain_name(dc.plain_name()), Some(dc));
            assert_eq!(DataCentre::from_host(dc.accounts_host()), Some(dc));
            assert_eq!(
                DataCentre::from_host(&dc.accounts_host().to_uppercase()),
                Some(dc)
            );
        }
        assert_eq!(DataCentre::from_plain_name("xx"), None);
        assert_eq!(DataCentre::from_host("evil.accounts.zoho.com"), None);
        assert_eq!(DataCentre::from_host("accounts.zoho.com.evil"), None);
    }

    #[test]
    fn default_is_us() {
        assert_eq!(DataCentre::default(), DataCentre::Us);
    }

    #[test]
    fn active_tokens_page_per_data_centre() {
        assert_eq!(
            DataCentre::Us.active_tokens_url(),
            "https://accounts.zoho.com/u/h#sessions/userauthtoken"
        );
        assert_eq!(
            DataCentre::Au.active_tokens_url(),
            "https://accounts.zoho.com.au/u/h#sessions/userauthtoken"
        );
    }

    #[test]
    fn sign_in_url_carries_the_encoded_return_address() {
        assert_eq!(
            DataCentre::Eu.sign_in_url("https://accounts.zoho.eu/apiauthtoken/create?SCOPE=a/b&DISPLAY_NAME=x"),
            "https://accounts.zoho.eu/signin?servicename=AaaServer&serviceurl=https%3A%2F%2Faccounts.zoho.eu%2Fapiauthtoken%2Fcreate%3FSCOPE%3Da%2Fb%26DISPLAY_NAME%3Dx"
        );
    }

    #[test]
    fn api_console_per_data_centre() {
        assert_eq!(
            DataCentre::Us.api_console_url(),
            "https://api-console.zoho.com"
        );
        assert_eq!(
            DataCentre::Ca.api_console_url(),
            "https://api-console.zohocloud.ca"
        );
    }

    #[test]
    fn serialises_as_lowercase_code() {
        assert_eq!(
            crate::plain::Encode::encode::<serde_json::Value>(&DataCentre::Cn),
            "cn"
        );
        assert_eq!(
            DataCentre::decode(&serde_json::json!("jp")).unwrap(),
            DataCentre::Jp
        );
    }
}
