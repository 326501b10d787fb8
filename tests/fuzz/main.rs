//! Bounded random testing of everything that reads what Zoho (or anyone on the
//! way) sends: the token-body parser, the HTML reader, the page classifier and
//! the verdict. For `FUZZ_SECONDS` (default 3) it feeds mutated real bodies and
//! random bytes, and checks that nothing panics and that a token is only ever
//! taken from an exact `AUTHTOKEN=<32 hex>` line of a `RESULT=TRUE` body.

use authtoken_keeper::zoho::html;
use authtoken_keeper::zoho::page;
use authtoken_keeper::zoho::response::{self, TokenResponse};
use authtoken_keeper::zoho::verdict::{judge, Answer, Body, Verdict};
use authtoken_keeper::zoho::DataCentre;
use std::time::{Duration, Instant};

const URL: &str =
    "https://accounts.zoho.com/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=x";

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
}

fn mutate(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => bytes
                .splice(at..at, PIECES[rng.below(PIECES.len())].bytes())
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

/// A token may only come from a line that is exactly `AUTHTOKEN=<it>` (around
/// whitespace), in the text or in the text the HTML shows.
fn token_is_in_a_line(text: &str, token: &str) -> bool {
    // As the parser does: a byte-order mark at the start is not part of the text.
    let text = text.trim_start_matches('\u{FEFF}');
    let shown = html::visible_text(text);
    [text, shown.as_str()].iter().any(|t| {
        t.lines().any(|line| {
            line.split_once('=')
                .is_some_and(|(k, v)| k.trim() == "AUTHTOKEN" && v.trim() == token)
        })
    })
}

#[test]
fn readers_survive_random_input_and_never_invent_a_token() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    println!("fuzz seed {seed:#x}, {seconds} s");
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0u64;
    while Instant::now() < deadline {
        for _ in 0..200 {
            let bytes = mutate(&mut rng);
            cases += 1;
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(TokenResponse::Issued(token)) = response::parse(&bytes) {
                assert!(
                    token_is_in_a_line(&text, token.expose()),
                    "invented a token from {text:?}"
                );
                assert_eq!(token.expose().len(), 32);
            }
            let _ = page::classify(URL, &text);
            let answer = Answer::Page {
                status: 200,
                final_url: URL.into(),
                body: Body::from_bytes(&bytes),
            };
            if let Verdict::Issued(token) = judge(DataCentre::Us, &answer) {
                assert!(
                    token_is_in_a_line(&text, token.expose()),
                    "judged a token from {text:?}"
                );
            }
            // Another data centre's host never yields a token.
            let elsewhere = Answer::Page {
                status: 200,
                final_url: URL.replace("zoho.com", "zoho.eu"),
                body: Body::from_bytes(&bytes),
            };
            assert!(!matches!(
                judge(DataCentre::Us, &elsewhere),
                Verdict::Issued(_)
            ));
        }
    }
    assert!(cases > 1000, "ran {cases} cases");
    println!("{cases} cases, no panic, no invented token");
}
