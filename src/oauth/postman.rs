//! "Copy for Postman": a refresh token and its client as a Postman environment,
//! the JSON Postman's *Import* takes (and Newman's `-e`): `client_id`,
//! `client_secret`, `refresh_token`, `accounts_url`, `api_domain`, and an
//! empty `access_token` for a request's script to fill. The two secrets are
//! marked `secret`, as Postman marks a value it masks.

use super::script::HandOn;

/// The variables in Postman's order, each with its type.
const VARIABLES: [(&str, &str); 6] = [
    ("client_id", "default"),
    ("client_secret", "secret"),
    ("refresh_token", "secret"),
    ("accounts_url", "default"),
    ("api_domain", "default"),
    ("access_token", "secret"),
];

/// The environment for the checked `values`, named `name` (the token's label
/// and data centre).
pub fn environment(name: &str, values: &HandOn) -> String {
    let texts = [
        values.client_id,
        values.client_secret,
        values.refresh_token,
        &values.accounts_url,
        values.api_domain,
        "",
    ];
    let mut json = format!("{{\n  \"name\": {},\n  \"values\": [", quoted(name));
    for (i, ((key, kind), value)) in VARIABLES.iter().zip(texts).enumerate() {
        let comma = if i == 0 { "" } else { "," };
        json.push_str(&format!(
            "{comma}\n    {{ \"key\": \"{key}\", \"value\": {}, \"type\": \"{kind}\", \"enabled\": true }}",
            quoted(value)
        ));
    }
    json.push_str("\n  ],\n  \"_postman_variable_scope\": \"environment\"\n}\n");
    json
}

/// `text` as a JSON string: quotes, backslashes and control characters escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::client::check;
    use crate::oauth::script::hand_on;
    use crate::oauth::Secret;
    use crate::zoho::DataCentre;
    use serde_json::{json, Value};

    #[test]
    fn the_environment_holds_the_six_variables_postman_reads() {
        let client = check(
            DataCentre::Eu,
            "1000.ABCDEFGHIJKLMNOPQRST",
            &"ab".repeat(21),
            "",
        )
        .unwrap();
        let secret = Secret::new("ab".repeat(21));
        let refresh = Secret::new("1000.r.t");
        let values = hand_on(&client, &secret, &refresh, "https://www.zohoapis.eu").unwrap();
        let text = environment("Books \"sync\" \\ (EU)\n", &values);
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let variable = |key: &str, value: &str, kind: &str| json!({"key": key, "value": value, "type": kind, "enabled": true});
        assert_eq!(
            parsed,
            json!({
                "name": "Books \"sync\" \\ (EU)\n",
                "values": [
                    variable("client_id", "1000.ABCDEFGHIJKLMNOPQRST", "default"),
                    variable("client_secret", &"ab".repeat(21), "secret"),
                    variable("refresh_token", "1000.r.t", "secret"),
                    variable("accounts_url", "https://accounts.zoho.eu", "default"),
                    variable("api_domain", "https://www.zohoapis.eu", "default"),
                    variable("access_token", "", "secret"),
                ],
                "_postman_variable_scope": "environment",
            })
        );
    }
}
