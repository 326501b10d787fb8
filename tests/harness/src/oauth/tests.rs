//! The local Zoho's OAuth side, answering as Zoho documents it (unit tests).

use super::*;

fn send(oauth: &mut OAuth, host: &str, method: &str, target: &str, body: &str) -> (u16, String) {
    let request = Request {
        method: method.into(),
        target: target.into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Content-Type".into(), FORM.into()),
        ],
        body: body.as_bytes().to_vec(),
    };
    let answer = if request.path().ends_with("revoke") {
        oauth.revoke(&request)
    } else {
        oauth.token(&request)
    };
    (answer.status, String::from_utf8(answer.body).unwrap())
}

fn post(oauth: &mut OAuth, host: &str, path: &str, body: &str) -> (u16, String) {
    send(oauth, host, "POST", path, body)
}

fn revoke(oauth: &mut OAuth, host: &str, token: &str) -> (u16, String) {
    post(
        oauth,
        host,
        &format!("/oauth/v2/token/revoke?token={token}"),
        "",
    )
}

fn field(json: &str, name: &str) -> String {
    let start = json
        .find(&format!("\"{name}\":\""))
        .map(|i| i + name.len() + 4)
        .unwrap();
    json[start..].split('"').next().unwrap().to_string()
}

fn code_form(client: &Client, code: &str) -> String {
    format!(
        "grant_type=authorization_code&client_id={}&client_secret={}&code={code}",
        client.id, client.secret
    )
}

fn mint_form(client: &Client, refresh: &str) -> String {
    format!(
        "grant_type=refresh_token&client_id={}&client_secret={}&refresh_token={refresh}",
        client.id, client.secret
    )
}

/// A client on `host` with one refresh token made from a code for `scope`.
fn with_token(oauth: &mut OAuth, host: &str, scope: &str) -> (Client, String, String) {
    let client = oauth.create_client(host);
    let code = oauth
        .create_code(&client, scope, Duration::from_secs(180))
        .unwrap();
    let (_, body) = post(oauth, host, "/oauth/v2/token", &code_form(&client, &code));
    let refresh = field(&body, "refresh_token");
    (client, refresh, body)
}

#[test]
fn a_code_works_once_on_its_own_data_centre_and_refreshes_mint_to_the_limit() {
    let mut oauth = OAuth::default();
    let eu = "accounts.zoho.eu";
    let client = oauth.create_client(eu);
    let code = oauth
        .create_code(
            &client,
            "ZohoCRM.modules.ALL,ZohoCRM.org.READ",
            Duration::from_secs(180),
        )
        .unwrap();
    let form = code_form(&client, &code);
    assert_eq!(
        post(&mut oauth, "accounts.zoho.com", "/oauth/v2/token", &form),
        (200, r#"{"error":"invalid_client"}"#.to_string())
    );
    let (status, body) = post(&mut oauth, eu, "/oauth/v2/token", &form);
    assert_eq!(status, 200);
    assert_eq!(field(&body, "api_domain"), "https://www.zohoapis.eu");
    assert_eq!(
        field(&body, "scope"),
        "ZohoCRM.modules.ALL,ZohoCRM.org.READ"
    );
    let refresh = field(&body, "refresh_token");
    assert_eq!(
        post(&mut oauth, eu, "/oauth/v2/token", &form).1,
        r#"{"error":"invalid_code"}"#
    );
    let mint = mint_form(&client, &refresh);
    for _ in 1..ACCESS_LIMIT {
        let (_, body) = post(&mut oauth, eu, "/oauth/v2/token", &mint);
        assert_eq!(
            field(&body, "scope"),
            "ZohoCRM.modules.ALL,ZohoCRM.org.READ"
        );
        assert!(!body.contains("refresh_token"), "{body}");
    }
    assert!(post(&mut oauth, eu, "/oauth/v2/token", &mint)
        .1
        .contains("Access Denied"));
    assert_eq!(oauth.minted_for(&refresh), ACCESS_LIMIT);
    // The window passes.
    oauth.advance(LIMIT_WINDOW);
    assert!(post(&mut oauth, eu, "/oauth/v2/token", &mint)
        .1
        .contains("access_token"));
    let wrong = mint.replace(&client.secret, "0".repeat(42).as_str());
    assert_eq!(
        post(&mut oauth, eu, "/oauth/v2/token", &wrong).1,
        r#"{"error":"invalid_client_secret"}"#
    );
    assert_eq!(
        post(
            &mut oauth,
            eu,
            "/oauth/v2/token",
            &form.replace("authorization_code", "password")
        )
        .1,
        r#"{"error":"unsupported_grant_type"}"#
    );
}

#[test]
fn only_a_form_post_is_read() {
    let mut oauth = OAuth::default();
    let host = "accounts.zoho.com";
    let (client, refresh, _) = with_token(&mut oauth, host, "A.b");
    let mint = mint_form(&client, &refresh);
    let mut request = Request {
        method: "POST".into(),
        target: "/oauth/v2/token".into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: mint.as_bytes().to_vec(),
    };
    let answer = oauth.token(&request);
    assert_eq!(
        String::from_utf8(answer.body).unwrap(),
        r#"{"error":"invalid_request"}"#
    );
    request.headers.pop();
    assert!(String::from_utf8(oauth.token(&request).body)
        .unwrap()
        .contains("invalid_request"));
    request.headers.push((
        "Content-Type".into(),
        "application/x-www-form-urlencoded; charset=UTF-8".into(),
    ));
    assert!(String::from_utf8(oauth.token(&request).body)
        .unwrap()
        .contains("access_token"));
    assert_eq!(
        send(
            &mut oauth,
            host,
            "GET",
            &format!("/oauth/v2/token?{mint}"),
            ""
        )
        .0,
        405
    );
    assert_eq!(oauth.minted_for(&refresh), 2);
}

#[test]
fn a_revoke_takes_the_token_in_its_address_on_its_own_data_centre_only() {
    let mut oauth = OAuth::default();
    let eu = "accounts.zoho.eu";
    let (client, refresh, _) = with_token(&mut oauth, eu, "A.b");
    let failure = (
        400,
        r#"{"status":"failure","error":"invalid_token"}"#.to_string(),
    );
    // Another data centre's host, the body instead of the address, a GET.
    assert_eq!(revoke(&mut oauth, "accounts.zoho.com", &refresh), failure);
    assert_eq!(
        post(
            &mut oauth,
            eu,
            "/oauth/v2/token/revoke",
            &format!("token={refresh}")
        ),
        failure
    );
    assert_eq!(
        send(
            &mut oauth,
            eu,
            "GET",
            &format!("/oauth/v2/token/revoke?token={refresh}"),
            ""
        )
        .0,
        405
    );
    assert_eq!(oauth.refresh_tokens(&client.id).len(), 1);
    assert_eq!(
        revoke(&mut oauth, eu, &refresh),
        (200, r#"{"status":"success"}"#.to_string())
    );
    assert!(oauth.refresh_tokens(&client.id).is_empty());
    assert!(oauth.live_access_tokens(&refresh).is_empty());
    assert_eq!(revoke(&mut oauth, eu, &refresh), failure);
    assert_eq!(
        post(
            &mut oauth,
            eu,
            "/oauth/v2/token",
            &mint_form(&client, &refresh)
        )
        .1,
        r#"{"error":"invalid_code"}"#
    );
}

#[test]
fn the_standard_dialect_answers_as_rfc_6749_and_7009_write() {
    let mut oauth = OAuth {
        dialect: Dialect::Standard,
        ..OAuth::default()
    };
    let host = "accounts.zoho.com";
    let (client, refresh, body) = with_token(&mut oauth, host, "A.b,C.d");
    assert_eq!(field(&body, "scope"), "A.b C.d");
    let (status, body) = post(
        &mut oauth,
        host,
        "/oauth/v2/token",
        &code_form(&client, "1000.x.y"),
    );
    assert_eq!(status, 400);
    assert!(
        body.starts_with(r#"{"error":"invalid_grant","error_description":""#),
        "{body}"
    );
    let wrong = mint_form(&client, &refresh).replace(&client.secret, "0");
    let (status, body) = post(&mut oauth, host, "/oauth/v2/token", &wrong);
    assert_eq!(
        (status, field(&body, "error")),
        (401, "invalid_client".into())
    );
    let (status, body) = post(&mut oauth, "accounts.zoho.eu", "/oauth/v2/token", &wrong);
    assert_eq!(
        (status, field(&body, "error")),
        (401, "invalid_client".into())
    );
    // Every revoke: 200 and nothing more, a token it does not hold too.
    assert_eq!(
        revoke(&mut oauth, host, "1000.not.held"),
        (200, String::new())
    );
    assert_eq!(revoke(&mut oauth, host, &refresh), (200, String::new()));
    assert!(oauth.refresh_tokens(&client.id).is_empty());
}

#[test]
fn grant_codes_are_limited_and_live_access_tokens_capped() {
    let mut oauth = OAuth::default();
    let host = "accounts.zoho.com";
    let (client, refresh, _) = with_token(&mut oauth, host, "A.b");
    for _ in 1..CODE_LIMIT {
        oauth
            .create_code(&client, "A.b", Duration::from_secs(60))
            .unwrap();
    }
    assert_eq!(
        oauth.create_code(&client, "A.b", Duration::from_secs(60)),
        Err(CodeLimitReached)
    );
    oauth.advance(LIMIT_WINDOW);
    assert!(oauth
        .create_code(&client, "A.b", Duration::from_secs(60))
        .is_ok());
    // The exchange's access token and as many more as the cap allows.
    let first = oauth.live_access_tokens(&refresh);
    assert_eq!(first.len(), 1);
    oauth.mint_elsewhere(&refresh, LIVE_ACCESS_CAP - 1);
    assert_eq!(oauth.live_access_tokens(&refresh).len(), LIVE_ACCESS_CAP);
    oauth.mint_elsewhere(&refresh, 1);
    let live = oauth.live_access_tokens(&refresh);
    assert_eq!(live.len(), LIVE_ACCESS_CAP);
    assert!(!live.contains(&first[0]), "the oldest ended");
    oauth.advance(ACCESS_LIFETIME);
    assert!(oauth.live_access_tokens(&refresh).is_empty());
}

#[test]
fn expired_codes_fail_and_the_twenty_first_refresh_token_deletes_the_oldest() {
    let mut oauth = OAuth::default();
    let host = "accounts.zoho.com";
    let client = oauth.create_client(host);
    let stale = oauth.create_code(&client, "A.b", Duration::ZERO).unwrap();
    assert_eq!(
        post(
            &mut oauth,
            host,
            "/oauth/v2/token",
            &code_form(&client, &stale)
        )
        .1,
        r#"{"error":"invalid_code"}"#
    );
    let mut made = Vec::new();
    for i in 0..=REFRESH_CAP {
        if i % (CODE_LIMIT - 1) == 0 {
            oauth.advance(LIMIT_WINDOW);
        }
        let code = oauth
            .create_code(&client, "A.b", Duration::from_secs(60))
            .unwrap();
        made.push(field(
            &post(
                &mut oauth,
                host,
                "/oauth/v2/token",
                &code_form(&client, &code),
            )
            .1,
            "refresh_token",
        ));
    }
    let held: Vec<String> = oauth
        .refresh_tokens(&client.id)
        .into_iter()
        .map(|r| r.token)
        .collect();
    assert_eq!(held, made[1..]);
    assert!(oauth.live_access_tokens(&made[0]).is_empty());
    assert_eq!(
        post(
            &mut oauth,
            host,
            "/oauth/v2/token",
            &mint_form(&client, &made[0])
        )
        .1,
        r#"{"error":"invalid_code"}"#
    );
}

#[test]
fn the_api_domain_is_the_data_centres_unless_told_otherwise() {
    assert_eq!(
        api_domain("accounts.zohocloud.ca"),
        "https://www.zohoapis.ca"
    );
    assert_eq!(
        api_domain("accounts.zoho.com.au"),
        "https://www.zohoapis.com.au"
    );
    let mut oauth = OAuth {
        api_domain: Some("https://www.zohoapis.in".into()),
        ..OAuth::default()
    };
    let (_, _, body) = with_token(&mut oauth, "accounts.zoho.eu", "A.b");
    assert_eq!(field(&body, "api_domain"), "https://www.zohoapis.in");
}
