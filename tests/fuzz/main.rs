//! Bounded random testing of everything that reads what Zoho (or anyone on the
//! way) sends: the token-body parser, the HTML reader, the page classifier and
//! the verdict. For `FUZZ_SECONDS` (default 3) it runs two kinds of case:
//!
//! - **generated bodies**, line by line from what Zoho's answers are made of
//!   (comments, dates, keys, values holding `<`, `=` or other keys, junk). An
//!   oracle written here, apart from the product, says what each body means; the
//!   product must agree, and must read the same body alike in LF, CRLF, inside
//!   `<pre>`, split by `<br>`, and with an extra junk line; padded to exactly the
//!   64 KB limit it still reads, one byte over it is refused.
//! - **mutated bodies** and random bytes: nothing panics, and a token is only
//!   ever taken from text that shows `AUTHTOKEN=` and that token.
//!
//! The seed is printed; `FUZZ_SEED=<it>` replays a run.

use authtoken_keeper::http::{Answer, Body, MAX_BODY_BYTES};
use authtoken_keeper::zoho::page::{self, PageKind};
use authtoken_keeper::zoho::response::{self, Cause, NotATokenBody, TokenResponse};
use authtoken_keeper::zoho::verdict::{judge, Verdict};
use authtoken_keeper::zoho::DataCentre;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const URL: &str =
    "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=x";

/// xorshift64*: reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| *self.pick(b"0123456789abcdefABCDEF") as char)
            .collect()
    }
}

// --- the oracle: what a properties body means, written apart from the product ---

#[derive(Clone, Debug, PartialEq, Eq)]
enum Meaning {
    Issued(String),
    Refused(String),
    BadToken,
    Ambiguous,
    NoResult,
}

/// A `KEY=VALUE` line, the way Java's properties and Zoho write them: comments
/// start with `#` or `!`, keys are upper-case words joined by `_`, blanks around
/// key and value do not count, a line without `=` is not a field.
fn meaning(lines: &[String]) -> Meaning {
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in lines {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        let Some(eq) = line.find('=') else { continue };
        let key = line[..eq].trim();
        let value = line[eq + 1..].trim();
        let is_key = !key.is_empty() && key.chars().all(|c| c == '_' || c.is_ascii_uppercase());
        if is_key {
            fields.entry(key.into()).or_default().push(value.into());
        }
    }
    if fields
        .values()
        .any(|values| values.iter().any(|v| *v != values[0]))
    {
        return Meaning::Ambiguous;
    }
    let one = |key: &str| fields.get(key).map(|values| values[0].clone());
    match one("RESULT").as_deref() {
        None => Meaning::NoResult,
        Some("TRUE") => match one("AUTHTOKEN") {
            Some(token) if token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()) => {
                Meaning::Issued(token)
            }
            _ => Meaning::BadToken,
        },
        Some("FALSE") => Meaning::Refused(one("CAUSE").unwrap_or_default()),
        Some(_) => Meaning::Ambiguous,
    }
}

fn product_meaning(body: &str) -> Result<Meaning, NotATokenBody> {
    match response::parse(body.as_bytes()) {
        Ok(TokenResponse::Issued(token)) => Ok(Meaning::Issued(token.expose().to_string())),
        Ok(TokenResponse::Refused(cause)) => Ok(Meaning::Refused(cause_code(&cause))),
        Err(NotATokenBody::BadToken) => Ok(Meaning::BadToken),
        Err(NotATokenBody::Ambiguous) => Ok(Meaning::Ambiguous),
        Err(NotATokenBody::NoResult) => Ok(Meaning::NoResult),
        Err(other) => Err(other),
    }
}

/// Zoho's code for a cause, as it came (the product keeps unknown ones too).
fn cause_code(cause: &Cause) -> String {
    match cause {
        Cause::Unspecified => String::new(),
        Cause::Other(code) => code.clone(),
        known => KNOWN_CAUSES
            .iter()
            .find(|(_, meant)| meant == known)
            .map_or_else(|| format!("{cause:?}"), |(code, _)| code.to_string()),
    }
}

/// What each cause Zoho documents means, by the oracle's own table (not the
/// product's reading of it).
const KNOWN_CAUSES: &[(&str, Cause)] = &[
    (
        "EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS",
        Cause::TokenCapReached,
    ),
    ("INVALID_PASSWORD", Cause::InvalidPassword),
    ("INVALID_CREDENTIALS", Cause::InvalidCredentials),
    ("NO_SUCH_USER", Cause::NoSuchUser),
    ("null", Cause::WrongEmailOrPassword),
    ("WEB_LOGIN_REQUIRED", Cause::WebLoginRequired),
    (
        "ACCOUNT_REGISTRATION_NOT_CONFIRMED",
        Cause::AccountNotConfirmed,
    ),
    ("USER_NOT_ACTIVE", Cause::UserNotActive),
    ("IP_NOT_ALLOWED", Cause::IpNotAllowed),
    ("REMOTE_SERVER_ERROR", Cause::RemoteServerError),
    ("API_REQUEST_BLOCKED", Cause::ApiRequestBlocked),
];

/// A cause Zoho may add one day: kept as it came.
const NEW_CAUSE: &str = "SOMETHING_ZOHO_ADDED_LATER";

// --- generated bodies ---

/// One line of a body as Zoho could write it, or as something in between could
/// change it.
fn line(rng: &mut Rng, token: &str) -> String {
    let pad = |rng: &mut Rng| (*rng.pick(&["", " ", "\t", "  "])).to_string();
    let (l, r) = (pad(rng), pad(rng));
    match rng.below(14) {
        0 => "#".into(),
        1 => "#Wed Feb 29 03:07:33 PST 2012".into(),
        2 | 3 => format!("{l}AUTHTOKEN{r}={l}{token}{r}"),
        4 => {
            let len = rng.below(40);
            format!("AUTHTOKEN={}", rng.hex(len))
        }
        5 | 6 => format!(
            "RESULT={}",
            rng.pick(&["TRUE", "TRUE", "FALSE", "true", "MAYBE", ""])
        ),
        7 => {
            let code = KNOWN_CAUSES.get(rng.below(KNOWN_CAUSES.len() + 1));
            format!("CAUSE={l}{}", code.map_or(NEW_CAUSE, |(code, _)| code))
        }
        // A value that holds markup or another key: it is one value.
        8 => format!(
            "WARNING={}",
            rng.pick(&[
                "",
                "a <b",
                "x < y > z",
                "AUTHTOKEN=deadbeef",
                "RESULT=FALSE",
                "&amp;"
            ])
        ),
        9 => format!("NOTE=AUTHTOKEN={token}"),
        10 => format!("authtoken={token}"),
        11 => format!("! AUTHTOKEN={}", rng.hex(32)),
        12 => "Some words, no field here".into(),
        _ => String::new(),
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The forms one body is sent in: each must read the same.
fn forms(lines: &[String]) -> Vec<(&'static str, String)> {
    let lf = lines.join("\n");
    let escaped: Vec<String> = lines.iter().map(|l| html_escape(l)).collect();
    vec![
        ("LF", lf.clone()),
        ("CRLF", lines.join("\r\n") + "\r\n"),
        (
            "<pre>",
            format!("<html><body><pre>{}</pre></body></html>", html_escape(&lf)),
        ),
        (
            "<br>",
            format!(
                "<!DOCTYPE html><html><head><title>t</title></head><body>{}<br></body></html>",
                escaped.join("<br>")
            ),
        ),
        ("BOM", format!("\u{FEFF}{lf}")),
    ]
}

fn check_generated(rng: &mut Rng) {
    let token = rng.hex(32).to_ascii_lowercase();
    let lines: Vec<String> = (0..rng.below(9)).map(|_| line(rng, &token)).collect();
    let expected = meaning(&lines);
    for (form, body) in forms(&lines) {
        assert_eq!(
            product_meaning(&body),
            Ok(expected.clone()),
            "{form} form of {lines:#?}"
        );
    }
    // A junk line anywhere changes nothing.
    let mut junk = lines.clone();
    let at = rng.below(junk.len() + 1);
    junk.insert(
        at,
        rng.pick(&["junk", "  ", "#AUTHTOKEN=x", "lower=case"])
            .to_string(),
    );
    assert_eq!(meaning(&junk), expected, "the oracle itself: {junk:#?}");
    assert_eq!(
        product_meaning(&junk.join("\n")),
        Ok(expected.clone()),
        "{junk:#?}"
    );
    // What the verdict makes of it: a token only from a 200 on the right host.
    let answer = |status: u16, url: &str| Answer::Page {
        status,
        final_url: url.to_string(),
        body: Body::from_bytes(lines.join("\n").as_bytes()),
    };
    let issued = match judge(DataCentre::Us, &answer(200, URL)) {
        Verdict::Issued(t) => Some(t.expose().to_string()),
        _ => None,
    };
    let expected_token = match &expected {
        Meaning::Issued(t) => Some(t.clone()),
        _ => None,
    };
    assert_eq!(issued, expected_token, "{lines:#?}");
    for (status, url) in [
        (403, URL.to_string()),
        (200, URL.replace("zoho.com", "zoho.eu")),
    ] {
        assert!(
            !matches!(
                judge(DataCentre::Us, &answer(status, &url)),
                Verdict::Issued(_)
            ),
            "{status} {url}: {lines:#?}"
        );
    }
    // The classifier calls every body with a RESULT a token body.
    let kind = page::classify(URL, &lines.join("\n"));
    let is_body = !matches!(expected, Meaning::NoResult | Meaning::Ambiguous);
    assert_eq!(
        kind == PageKind::TokenBody,
        is_body,
        "{kind:?} for {lines:#?}"
    );
}

/// Padded to exactly the limit a body still reads; one byte more is refused,
/// in every reader.
fn check_size_limit(rng: &mut Rng) {
    let token = rng.hex(32).to_ascii_lowercase();
    let core = format!("\nAUTHTOKEN={token}\nRESULT=TRUE\n");
    let pad = |n: usize| format!("#{}", "x".repeat(n - 1));
    let at_limit = pad(MAX_BODY_BYTES - core.len()) + &core;
    assert_eq!(at_limit.len(), MAX_BODY_BYTES);
    assert_eq!(
        product_meaning(&at_limit),
        Ok(Meaning::Issued(token.clone()))
    );
    let over = pad(MAX_BODY_BYTES + 1 - core.len()) + &core;
    assert_eq!(
        response::parse(over.as_bytes()),
        Err(NotATokenBody::TooLarge)
    );
    assert_eq!(Body::from_bytes(over.as_bytes()), Body::TooLarge);
    assert_eq!(page::classify(URL, &over), PageKind::Unknown);
}

// --- mutated bodies ---

const SEEDS: &[&str] = &[
    "#\n#Wed Feb 29 03:07:33 PST 2012\nAUTHTOKEN=0123456789abcdef0123456789abcdef\nRESULT=TRUE\n",
    "#\r\n#date\r\nCAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\r\nRESULT=FALSE\r\n",
    "<html><body><pre>AUTHTOKEN=0123456789abcdef0123456789abcdef\nRESULT=TRUE</pre></body></html>",
    "<form method=post><input type=hidden name=iamcsrcoo value=x><input type=password name=PASSWORD><button>Generate Authtoken</button></form>",
    "<form><input name=lid><input type=password name=pwd></form><iframe name=zohoiam></iframe>",
    "<h1>Authtokens are no longer supported</h1><p>Use OAuth</p><script>var a='<b>';</script><!-- x -->",
    "\u{FEFF}WARNING=\nRESULT=TRUE\nAUTHTOKEN=0123456789abcdef0123456789abcdef",
];

const PIECES: &[&str] = &[
    "AUTHTOKEN=",
    "RESULT=TRUE",
    "RESULT=FALSE",
    "CAUSE=",
    "\n",
    "\r\n",
    "=",
    "<",
    ">",
    "</",
    "<pre>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#",
    "&#x1F600;",
    "&#48;",
    ";",
    "\"",
    "'",
    "#",
    "\u{FEFF}",
    "é",
    "\u{202E}",
    "\u{0}",
    "<input type=password",
    "<button>Generate",
    "0123456789abcdef",
    "EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS",
    " ",
    "\t",
];

fn mutate(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = rng.pick(SEEDS).as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => bytes
                .splice(at..at, rng.pick(PIECES).bytes())
                .for_each(drop),
            1 => bytes.truncate(at),
            2 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            3 => {
                let end = (at + rng.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let noise: Vec<u8> = (0..rng.below(32)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, noise).for_each(drop);
            }
        }
    }
    bytes
}

/// The text with every closed `<…>` removed and numeric and basic named
/// entities decoded: crude, and the product's HTML reader plays no part in it.
fn crude_text(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    let mut decoded = String::new();
    let mut rest = out.as_str();
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let entity = end.map(|e| &after[..e]);
        let char = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => {
                let number = e.strip_prefix('#')?;
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(value)
            }
        });
        match (char, end) {
            (Some(c), Some(e)) => {
                decoded.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// A token may only come from a body whose text, plain or with tags removed,
/// shows `AUTHTOKEN`, then `=`, then that token on the same line.
fn token_is_shown(text: &str, token: &str) -> bool {
    [text.to_string(), crude_text(text)].iter().any(|t| {
        t.split(['\n', '\r']).any(|line| {
            line.find("AUTHTOKEN").is_some_and(|k| {
                let after = &line[k + "AUTHTOKEN".len()..];
                after.find('=').is_some_and(|e| after[e..].contains(token))
            })
        })
    })
}

fn check_mutated(rng: &mut Rng) {
    let bytes = mutate(rng);
    let text = String::from_utf8_lossy(&bytes);
    if let Ok(TokenResponse::Issued(token)) = response::parse(&bytes) {
        assert_eq!(token.expose().len(), 32);
        assert!(
            token_is_shown(&text, token.expose()),
            "invented a token from {text:?}"
        );
    }
    let _ = page::classify(URL, &text);
    let answer = Answer::Page {
        status: 200,
        final_url: URL.into(),
        body: Body::from_bytes(&bytes),
    };
    if let Verdict::Issued(token) = judge(DataCentre::Us, &answer) {
        assert!(
            token_is_shown(&text, token.expose()),
            "judged a token from {text:?}"
        );
    }
}

#[test]
fn the_oracle_knows_the_documented_answers() {
    let lines = |text: &str| text.lines().map(String::from).collect::<Vec<_>>();
    let token = "0123456789abcdef0123456789abcdef";
    assert_eq!(
        meaning(&lines(&format!("#\n#date\nAUTHTOKEN={token}\nRESULT=TRUE"))),
        Meaning::Issued(token.into())
    );
    assert_eq!(
        meaning(&lines(
            "CAUSE=EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS\nRESULT=FALSE"
        )),
        Meaning::Refused("EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS".into())
    );
    assert_eq!(
        meaning(&lines(&format!("NOTE=AUTHTOKEN={token}\nRESULT=TRUE"))),
        Meaning::BadToken
    );
    assert_eq!(
        meaning(&lines("RESULT=TRUE\nRESULT=FALSE")),
        Meaning::Ambiguous
    );
    assert_eq!(meaning(&lines("hello")), Meaning::NoResult);
    assert!(token_is_shown(
        &format!("<pre>AUTHTOKEN=&#48;{}</pre>", &token[1..]),
        token
    ));
    assert!(!token_is_shown(
        &format!("AUTH<b>X</b>TOKEN={token}"),
        token
    ));
}

#[test]
fn readers_agree_with_the_oracle_and_never_invent_a_token() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
        | 1;
    println!("fuzz seed {seed:#x} (replay: FUZZ_SEED={seed:#x}), {seconds} s");
    let mut rng = Rng(seed);
    check_size_limit(&mut rng);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut generated, mut mutated) = (0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..100 {
            check_generated(&mut rng);
            check_mutated(&mut rng);
        }
        generated += 100;
        mutated += 100;
    }
    assert!(generated > 1000, "ran {generated} cases");
    println!("{generated} generated and {mutated} mutated cases agree; no invented token");
}
