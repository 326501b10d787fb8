//! The switches tests flip on the local Zoho: the era of the token-create
//! page, the layout of its bodies, the sunset answer, faults.

use crate::http::Transfer;
use std::time::Duration;

/// How the token-create page behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// The GET answers the token body directly.
    Classic,
    /// The GET answers a confirmation page; its form POST answers the body.
    Confirm { password: bool },
}

/// How a token body (issued or refused) is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// As documented: comment, date, `AUTHTOKEN`, `RESULT`; `\n` line ends.
    Plain,
    Crlf,
    /// With a `WARNING=` line that says something, `<` and `&` included.
    Warning,
    /// `RESULT` first, then the other field.
    Reordered,
    /// Inside `<pre>` of a bare page, `\n` line ends.
    HtmlPre,
    /// A whole page (doctype, head, title) with the body in `<pre>`, `\r\n` line ends.
    HtmlPage,
    /// Lines separated by `<br>` in the page's body.
    HtmlBreaks,
}

impl BodyFormat {
    pub const ALL: [BodyFormat; 7] = [
        BodyFormat::Plain,
        BodyFormat::Crlf,
        BodyFormat::Warning,
        BodyFormat::Reordered,
        BodyFormat::HtmlPre,
        BodyFormat::HtmlPage,
        BodyFormat::HtmlBreaks,
    ];
}

/// What a `WARNING=` line says in [`BodyFormat::Warning`]: the local Zoho's own
/// words, with a `<` that opens no tag.
pub const WARNING_TEXT: &str =
    "Authtokens are being phased out; plan your move <before the year ends & keep this one safe";

/// What the create endpoint answers since Zoho stopped issuing authtokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sunset {
    /// Still issuing.
    Live,
    /// `RESULT=FALSE` with a cause in the local Zoho's own words.
    ErrorBody,
    /// An HTML notice pointing to OAuth, in the local Zoho's own words.
    HtmlNotice,
    /// A redirect to the API console.
    Redirect,
    NotFound,
}

/// A failure of the create endpoint, for the fault tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    ServerError,
    /// The answer comes after this long.
    Slow(Duration),
    /// The connection is closed without an answer.
    Drop,
    /// A 10 MB body.
    Huge,
    /// A body sent in chunks with no length, gzip-compressed or not, that never
    /// ends: the server writes until the client stops reading (or 128 MB).
    Endless {
        gzip: bool,
    },
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// A redirect to itself, forever.
    RedirectLoop,
    /// accounts.zoho.com redirects to the same page on accounts.zoho.eu (which
    /// answers a token page there, if signed in).
    OtherDataCentre,
    /// A token is issued, but the answer carries this status instead of 200.
    IssuedWithStatus(u16),
}

/// Test switches; `Default` is a live, classic-era Zoho.
#[derive(Clone, Debug)]
pub struct Config {
    pub era: Era,
    pub format: BodyFormat,
    /// How the create endpoint's answers travel.
    pub transfer: Transfer,
    pub sunset: Sunset,
    pub fault: Fault,
    /// Refuse every token with this `CAUSE` (e.g. `"IP_NOT_ALLOWED"`, `"null"`).
    pub refuse_with: Option<String>,
    /// Live tokens per user before `EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS`.
    pub cap: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            era: Era::Classic,
            format: BodyFormat::Plain,
            transfer: Transfer::Length,
            sunset: Sunset::Live,
            fault: Fault::None,
            refuse_with: None,
            cap: 15,
        }
    }
}

/// The cause the sunset error body gives: the local Zoho's own words.
pub const SUNSET_CAUSE: &str = "AUTHTOKEN_CREATION_STOPPED";
