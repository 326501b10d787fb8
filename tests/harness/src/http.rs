//! Minimal HTTP/1.1 reading and writing for the local Zoho and the WebDriver client:
//! one request per connection, `Connection: close`, bodies by `Content-Length`
//! (or chunked, when reading a driver's answer).

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{self, BufRead, BufReader, Read, Write};

/// Requests larger than this are refused (nothing the browser sends is near it).
const MAX_REQUEST: usize = 1 << 20;

#[derive(Clone, Debug, Default)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The host name without port.
    pub fn host(&self) -> String {
        let host = self.header("host").unwrap_or("");
        host.split(':').next().unwrap_or("").to_ascii_lowercase()
    }

    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("/")
    }

    pub fn query(&self, key: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        form_value(query, key)
    }

    /// A field of an `application/x-www-form-urlencoded` body.
    pub fn form(&self, key: &str) -> Option<String> {
        form_value(&String::from_utf8_lossy(&self.body), key)
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.header("cookie")?.split(';').find_map(|pair| {
            let (n, v) = pair.trim().split_once('=')?;
            (n == name).then(|| v.to_string())
        })
    }
}

fn form_value(encoded: &str, key: &str) -> Option<String> {
    encoded.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == key).then(|| percent_decode(v))
    })
}

/// Decodes `%XX` and `+` (as a space); invalid escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// Encodes a query or form component (RFC 3986 unreserved characters stay).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Escapes text for an HTML page.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Reads one request head and its body. `None` when the peer closed first.
pub fn read_request(stream: &mut impl Read) -> io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let headers = read_headers(&mut reader)?;
    let mut request = Request {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    let length: usize = request
        .header("content-length")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    if length > MAX_REQUEST {
        return Err(io::Error::other("request body too large"));
    }
    request.body.resize(length, 0);
    reader.read_exact(&mut request.body)?;
    Ok(Some(request))
}

fn read_headers(reader: &mut impl BufRead) -> io::Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    let mut total = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        total += n;
        if n == 0 || line == "\r\n" || line == "\n" {
            return Ok(headers);
        }
        if total > MAX_REQUEST {
            return Err(io::Error::other("headers too large"));
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

/// How an answer's body travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transfer {
    /// Whole, with `Content-Length`.
    Length,
    /// In chunks, with no length.
    Chunked,
    /// gzip-compressed, with the compressed length.
    Gzip,
}

/// One piece of a chunked body as it goes on the wire: its length in hex, the
/// bytes, a line end.
pub fn chunk(piece: &[u8]) -> Vec<u8> {
    [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat()
}

/// The empty chunk that ends a chunked body.
pub const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

/// An answer to write back.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub transfer: Transfer,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            transfer: Transfer::Length,
        }
    }

    /// The same answer, sent the way `transfer` says.
    pub fn sent_as(mut self, transfer: Transfer) -> Response {
        self.transfer = transfer;
        self
    }

    pub fn text(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "text/plain;charset=UTF-8", body)
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "text/html;charset=UTF-8", body)
    }

    pub fn redirect(location: &str) -> Response {
        Response::new(302, "text/html;charset=UTF-8", "").with("Location", location)
    }

    pub fn with(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let body = match self.transfer {
            Transfer::Length => {
                head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
                self.body.clone()
            }
            Transfer::Gzip => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
                encoder.write_all(&self.body)?;
                let compressed = encoder.finish()?;
                head.push_str(&format!(
                    "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
                    compressed.len()
                ));
                compressed
            }
            Transfer::Chunked => {
                head.push_str("Transfer-Encoding: chunked\r\n");
                // In pieces that cut through lines, as a network may.
                let mut framed: Vec<u8> = self.body.chunks(7).flat_map(chunk).collect();
                framed.extend_from_slice(LAST_CHUNK);
                framed
            }
        };
        head.push_str("Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        out.write_all(head.as_bytes())?;
        out.write_all(&body)?;
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// Reads a whole response (the client side, for WebDriver): status and body.
pub fn read_response(stream: &mut impl Read) -> io::Result<(u16, Vec<u8>)> {
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line {status_line:?}")))?;
    let headers = read_headers(&mut reader)?;
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let mut body = Vec::new();
    if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size_line = String::new();
            reader.read_line(&mut size_line)?;
            let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(io::Error::other)?;
            if size == 0 {
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..])?;
            let mut crlf = [0; 2];
            reader.read_exact(&mut crlf)?;
        }
    } else if let Some(length) = find("content-length").and_then(|v| v.trim().parse::<usize>().ok())
    {
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
    } else {
        reader.read_to_end(&mut body)?;
    }
    Ok((status, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_queries_and_cookies() {
        let request = Request {
            method: "POST".into(),
            target: "/apiauthtoken/create?SCOPE=ZohoCRM%2Fcrmapi&DISPLAY_NAME=a+b".into(),
            headers: vec![("Cookie".into(), "iamcsr=abc; _iamadt=s1".into())],
            body: b"lid=u%40x.com&pwd=p%ZZ".to_vec(),
        };
        assert_eq!(request.path(), "/apiauthtoken/create");
        assert_eq!(request.query("SCOPE").as_deref(), Some("ZohoCRM/crmapi"));
        assert_eq!(request.query("DISPLAY_NAME").as_deref(), Some("a b"));
        assert_eq!(request.form("lid").as_deref(), Some("u@x.com"));
        assert_eq!(request.form("pwd").as_deref(), Some("p%ZZ"));
        assert_eq!(request.cookie("_iamadt").as_deref(), Some("s1"));
        assert_eq!(request.cookie("nope"), None);
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%4"), "a%4");
    }

    #[test]
    fn every_transfer_carries_the_same_body() {
        let body = b"#\nAUTHTOKEN=0123456789abcdef0123456789abcdef\nRESULT=TRUE\n".to_vec();
        for transfer in [Transfer::Length, Transfer::Chunked, Transfer::Gzip] {
            let mut wire = Vec::new();
            Response::text(body.clone())
                .sent_as(transfer)
                .write_to(&mut wire)
                .unwrap();
            let (status, received) = read_response(&mut wire.as_slice()).unwrap();
            assert_eq!(status, 200);
            let received = if transfer == Transfer::Gzip {
                let mut plain = Vec::new();
                flate2::read::GzDecoder::new(received.as_slice())
                    .read_to_end(&mut plain)
                    .unwrap();
                plain
            } else {
                received
            };
            assert_eq!(received, body, "{transfer:?}");
            let head = String::from_utf8_lossy(&wire);
            assert_eq!(
                head.contains("Transfer-Encoding: chunked"),
                transfer == Transfer::Chunked,
                "{transfer:?}"
            );
        }
    }
}
