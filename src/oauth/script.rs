//! "Copy for a script": the five variables a script needs, as a `.env` block,
//! and the `curl` line that mints an access token with them.
//!
//! What is saved may have come from a backup file someone else made, so each
//! value is written only when it matches the alphabet it is known to have,
//! and in single quotes: a shell and a `.env` reader take it as it is.

use super::client::{looks_like_id, looks_like_secret, SelfClient};
use super::secret::Secret;
use crate::i18n::{key, Message, UserMessage};
use crate::zoho::DataCentre;

/// A value that cannot go into a script as it is; nothing was copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptError {
    ClientId,
    ClientSecret,
    RefreshToken,
    ApiDomain,
    AccessToken,
}

impl UserMessage for ScriptError {
    fn message(&self) -> Message {
        let what = match self {
            ScriptError::ClientId => "ZOHO_CLIENT_ID",
            ScriptError::ClientSecret => "ZOHO_CLIENT_SECRET",
            ScriptError::RefreshToken => "ZOHO_REFRESH_TOKEN",
            ScriptError::ApiDomain => "ZOHO_API_DOMAIN",
            ScriptError::AccessToken => "access_token",
        };
        Message::with(key("errScriptValue"), [what.to_string()])
    }
}

/// The values a refresh token is handed on with (to a script, to Postman),
/// each held to the alphabet it is known to have.
pub struct HandOn<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub refresh_token: &'a str,
    /// The accounts origin of the client's data centre.
    pub accounts_url: String,
    /// One of Zoho's nine API origins, spelt as Zoho spells it.
    pub api_domain: &'static str,
}

/// Checks each value a refresh token of `client` (its secret opened), whose
/// product APIs are at `api_domain`, is handed on with.
pub fn hand_on<'a>(
    client: &'a SelfClient,
    client_secret: &'a Secret,
    refresh_token: &'a Secret,
    api_domain: &str,
) -> Result<HandOn<'a>, ScriptError> {
    if !looks_like_id(&client.client_id) {
        return Err(ScriptError::ClientId);
    }
    if !looks_like_secret(client_secret.expose()) {
        return Err(ScriptError::ClientSecret);
    }
    if !refresh_token.is_bearer_token() {
        return Err(ScriptError::RefreshToken);
    }
    let api_domain = DataCentre::from_api_domain(api_domain)
        .ok_or(ScriptError::ApiDomain)?
        .api_domain();
    Ok(HandOn {
        client_id: &client.client_id,
        client_secret: client_secret.expose(),
        refresh_token: refresh_token.expose(),
        accounts_url: client.dc.origin(),
        api_domain,
    })
}

/// The `.env` block and the `curl` line, for the checked `values`.
pub fn env_block(values: &HandOn) -> String {
    format!(
        "ZOHO_CLIENT_ID='{}'\nZOHO_CLIENT_SECRET='{}'\nZOHO_REFRESH_TOKEN='{}'\nZOHO_ACCOUNTS_URL='{}'\nZOHO_API_DOMAIN='{}'\n\n\
         # A fresh access token (valid for one hour):\n\
         # curl -s -X POST \"$ZOHO_ACCOUNTS_URL/oauth/v2/token\" -d grant_type=refresh_token \
         -d \"client_id=$ZOHO_CLIENT_ID\" -d \"client_secret=$ZOHO_CLIENT_SECRET\" \
         -d \"refresh_token=$ZOHO_REFRESH_TOKEN\"\n",
        values.client_id,
        values.client_secret,
        values.refresh_token,
        values.accounts_url,
        values.api_domain,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::client::check;

    const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789";

    /// `env_block` for `client` with its own secret.
    fn block(client: &SelfClient, token: &Secret, api: &str) -> Result<String, ScriptError> {
        hand_on(client, &Secret::new(SECRET), token, api).map(|values| env_block(&values))
    }

    fn client() -> SelfClient {
        check(
            DataCentre::Au,
            "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
            "0123456789abcdef0123456789abcdef0123456789",
            "",
        )
        .unwrap()
    }

    #[test]
    fn the_block_names_all_five_quoted_and_mints_with_them() {
        let made = block(
            &client(),
            &Secret::new("1000.r.t"),
            "https://www.zohoapis.com.au",
        )
        .unwrap();
        let lines: Vec<&str> = made.lines().collect();
        assert_eq!(
            lines[..5],
            [
                "ZOHO_CLIENT_ID='1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123'",
                "ZOHO_CLIENT_SECRET='0123456789abcdef0123456789abcdef0123456789'",
                "ZOHO_REFRESH_TOKEN='1000.r.t'",
                "ZOHO_ACCOUNTS_URL='https://accounts.zoho.com.au'",
                "ZOHO_API_DOMAIN='https://www.zohoapis.com.au'",
            ]
        );
        let curl = lines.last().unwrap();
        for part in [
            "$ZOHO_ACCOUNTS_URL/oauth/v2/token",
            "grant_type=refresh_token",
            "$ZOHO_CLIENT_ID",
            "$ZOHO_CLIENT_SECRET",
            "$ZOHO_REFRESH_TOKEN",
        ] {
            assert!(curl.contains(part), "{part} in {curl}");
        }
        // The API domain as Zoho spells it, whatever case it was saved in.
        let upper = block(
            &client(),
            &Secret::new("1000.r.t"),
            "HTTPS://WWW.ZOHOAPIS.EU",
        );
        assert!(upper
            .unwrap()
            .contains("ZOHO_API_DOMAIN='https://www.zohoapis.eu'\n"));
    }

    #[test]
    fn a_value_outside_its_alphabet_is_refused() {
        let api = "https://www.zohoapis.com";
        // The alphabet is `Secret::is_bearer_token`'s (tested there).
        for bad in ["1000.$(curl evil.example)", "1000.a'b"] {
            assert_eq!(
                block(&client(), &Secret::new(bad), api),
                Err(ScriptError::RefreshToken),
                "{bad:?}"
            );
        }
        for domain in [
            "https://www.zohoapis.com.evil.example",
            "https://www.zohoapis.com'$(id)'",
            "",
        ] {
            let refused = block(&client(), &Secret::new("1000.r.t"), domain);
            assert_eq!(refused, Err(ScriptError::ApiDomain), "{domain}");
        }
        let mut odd = client();
        odd.client_id = "1000.ABC'; rm -rf ~; '".into();
        let refused = block(&odd, &Secret::new("1000.r.t"), api);
        assert_eq!(refused, Err(ScriptError::ClientId));
        let secret = Secret::new("abc$(id)");
        let refused = hand_on(&client(), &secret, &Secret::new("1000.r.t"), api).err();
        assert_eq!(refused, Some(ScriptError::ClientSecret));
        assert_eq!(
            ScriptError::RefreshToken.message().args,
            ["ZOHO_REFRESH_TOKEN"]
        );
    }
}
