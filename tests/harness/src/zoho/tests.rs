//! The local Zoho's own checks: sessions, the create endpoint, bodies and pages.

use super::*;
use crate::http::percent_encode;

fn get(world: &mut World, host: &str, target: &str, cookie: &str) -> Response {
    let request = Request {
        method: "GET".into(),
        target: target.into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Cookie".into(), cookie.into()),
        ],
        body: vec![],
    };
    match world.handle(&request) {
        Outcome::Answer(r) | Outcome::Delayed(_, r) => r,
        Outcome::Drop | Outcome::Endless { .. } => panic!("no whole answer"),
    }
}

fn sign_in(world: &mut World, host: &str) -> String {
    let request = Request {
        method: "POST".into(),
        target: "/signin".into(),
        headers: vec![("Host".into(), host.into())],
        body: format!(
            "lid={}&pwd={}",
            percent_encode(USER),
            percent_encode(PASSWORD)
        )
        .into_bytes(),
    };
    let Outcome::Answer(response) = world.handle(&request) else {
        panic!()
    };
    assert_eq!(response.status, 302);
    response
        .headers
        .iter()
        .filter(|(n, _)| n == "Set-Cookie")
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

const CREATE: &str = "/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=checkemail";

#[test]
fn signed_out_create_redirects_to_sign_in() {
    let mut world = World::default();
    let response = get(&mut world, "accounts.zoho.com", CREATE, "");
    assert_eq!(response.status, 302);
    let location = &response
        .headers
        .iter()
        .find(|(n, _)| n == "Location")
        .unwrap()
        .1;
    assert!(location.starts_with("/signin?servicename=AaaServer&serviceurl=https%3A%2F%2Faccounts.zoho.com%2Fapiauthtoken%2Fcreate"));
}

#[test]
fn classic_create_issues_a_token_per_host() {
    let mut world = World::default();
    let cookie = sign_in(&mut world, "accounts.zoho.eu");
    let body =
        String::from_utf8(get(&mut world, "accounts.zoho.eu", CREATE, &cookie).body).unwrap();
    let token = world.tokens("accounts.zoho.eu", USER)[0].token.clone();
    assert!(body.contains(&format!("AUTHTOKEN={token}\nRESULT=TRUE")));
    assert_eq!(token.len(), 32);
    assert!(world.tokens("accounts.zoho.com", USER).is_empty());
    // The EU session is not a US session.
    assert_eq!(
        get(&mut world, "accounts.zoho.com", CREATE, &cookie).status,
        302
    );
}

#[test]
fn the_cap_refuses() {
    let mut world = World::default();
    world.config.cap = 1;
    let cookie = sign_in(&mut world, "accounts.zoho.com");
    get(&mut world, "accounts.zoho.com", CREATE, &cookie);
    let body =
        String::from_utf8(get(&mut world, "accounts.zoho.com", CREATE, &cookie).body).unwrap();
    assert!(body.contains("CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE"));
    assert_eq!(world.tokens("accounts.zoho.com", USER).len(), 1);
}

#[test]
fn delete_removes_a_token() {
    let mut world = World::default();
    let cookie = sign_in(&mut world, "accounts.zoho.com");
    get(&mut world, "accounts.zoho.com", CREATE, &cookie);
    let token = world.tokens("accounts.zoho.com", USER)[0].token.clone();
    let page =
        String::from_utf8(get(&mut world, "accounts.zoho.com", "/u/h", &cookie).body).unwrap();
    assert!(page.contains("checkemail"));
    let answer = get(
        &mut world,
        "accounts.zoho.com",
        &format!("/apiauthtoken/delete?AUTHTOKEN={token}"),
        &cookie,
    );
    assert!(String::from_utf8(answer.body)
        .unwrap()
        .contains("RESULT=TRUE"));
    assert!(world.tokens("accounts.zoho.com", USER).is_empty());
}
