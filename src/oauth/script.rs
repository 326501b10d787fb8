//! "Copy for a script": the five variables a script needs, as a `.env` block,
//! and the `curl` line that mints an access token with them.

use super::client::SelfClient;
use super::secret::Secret;

/// The `.env` block and the `curl` line, for a refresh token of `client`
/// whose product APIs are at `api_domain`.
pub fn env_block(client: &SelfClient, refresh_token: &Secret, api_domain: &str) -> String {
    format!(
        "ZOHO_CLIENT_ID={}\nZOHO_CLIENT_SECRET={}\nZOHO_REFRESH_TOKEN={}\nZOHO_ACCOUNTS_URL={}\nZOHO_API_DOMAIN={}\n\n\
         # A fresh access token (valid for one hour):\n\
         # curl -s -X POST \"$ZOHO_ACCOUNTS_URL/oauth/v2/token\" -d grant_type=refresh_token \
         -d \"client_id=$ZOHO_CLIENT_ID\" -d \"client_secret=$ZOHO_CLIENT_SECRET\" \
         -d \"refresh_token=$ZOHO_REFRESH_TOKEN\"\n",
        client.client_id,
        client.client_secret.expose(),
        refresh_token.expose(),
        client.dc.origin(),
        api_domain,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::client::check;
    use crate::zoho::DataCentre;

    #[test]
    fn the_block_names_all_five_and_mints_with_them() {
        let client = check(
            DataCentre::Au,
            "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
            "0123456789abcdef0123456789abcdef0123456789",
        )
        .unwrap();
        let block = env_block(
            &client,
            &Secret::new("1000.r.t"),
            "https://www.zohoapis.com.au",
        );
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(
            lines[..5],
            [
                "ZOHO_CLIENT_ID=1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
                "ZOHO_CLIENT_SECRET=0123456789abcdef0123456789abcdef0123456789",
                "ZOHO_REFRESH_TOKEN=1000.r.t",
                "ZOHO_ACCOUNTS_URL=https://accounts.zoho.com.au",
                "ZOHO_API_DOMAIN=https://www.zohoapis.com.au",
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
    }
}
