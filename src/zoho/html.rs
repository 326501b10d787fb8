//! Just enough HTML reading for Zoho's pages: tags with attributes, and the
//! visible text. Not a full parser; it never fails and never panics on any input.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

/// Whether a body is an HTML page rather than a plain properties text: decided by
/// how it starts, as a page does, never by a `<` somewhere inside (a `WARNING=`
/// value may hold one).
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    ["<!doctype", "<!--", "<html", "<head", "<body", "<pre"]
        .iter()
        .any(|opening| starts_with_ignore_case(start, opening))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// One start or end tag.
#[derive(Debug, PartialEq, Eq)]
pub struct Tag {
    /// Lower-cased element name.
    pub name: String,
    pub closing: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    /// An attribute's value (names are matched case-insensitively; a bare attribute is `""`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A piece of a page: a tag, or the text between tags.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Tag(Tag),
    Text(&'a str),
}

/// Splits a page into tags and text; comments and `<!…>` declarations are skipped,
/// and the content of `<script>` and `<style>` is dropped.
pub fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(close) = after.find('>') else {
            // Never closed, so not a tag: a reader sees it as text.
            out.push(Piece::Text(after));
            rest = "";
            break;
        };
        let inside = &after[1..close];
        rest = &after[close + 1..];
        if inside.starts_with('!') || inside.starts_with('?') {
            continue;
        }
        let Some(tag) = read_tag(inside) else {
            out.push(Piece::Text(&after[..close + 1]));
            continue;
        };
        if !tag.closing && (tag.name == "script" || tag.name == "style") {
            let end = format!("</{}", tag.name);
            rest = find_ignore_case(rest, &end)
                .and_then(|i| rest[i..].find('>').map(|j| &rest[i + j + 1..]))
                .unwrap_or("");
        }
        out.push(Piece::Tag(tag));
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The text a reader sees: tags removed, block boundaries as line breaks,
/// entities decoded.
pub fn visible_text(html: &str) -> String {
    let mut text = String::new();
    for piece in pieces(html) {
        match piece {
            Piece::Text(t) => decode_entities_into(t, &mut text),
            Piece::Tag(tag) if is_block(&tag.name) => text.push('\n'),
            Piece::Tag(_) => {}
        }
    }
    text
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "pre"
            | "tr"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "body"
            | "html"
            | "head"
            | "title"
            | "form"
            | "section"
            | "header"
            | "footer"
            | "main"
            | "hr"
            | "td"
            | "th"
    )
}

fn read_tag(inside: &str) -> Option<Tag> {
    let (closing, body) = match inside.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inside),
    };
    let body = body.trim_end_matches('/');
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing,
        attrs: read_attrs(&body[name_len..]),
    })
}

fn read_attrs(mut s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return attrs;
        }
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = s.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (raw, rest) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    match inner.find(q) {
                        Some(end) => (&inner[..end], &inner[end + 1..]),
                        None => (inner, ""),
                    }
                }
                _ => {
                    let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            decode_entities_into(raw, &mut value);
            s = rest;
        }
        if name.is_empty() {
            // A stray '=' or quote: skip one character so the loop always advances.
            let skip = s.chars().next().map_or(0, char::len_utf8);
            s = &s[skip..];
            continue;
        }
        attrs.push((name, value));
    }
}

fn decode_entities_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|i| decode_entity(&rest[1..i]).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
pub fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(html: &str) -> Vec<Tag> {
        pieces(html)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Tag(t) => Some(t),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn recognises_markup() {
        for page in [
            "<html>",
            "<!DOCTYPE html>",
            "\u{FEFF}\r\n  <HTML lang=en>",
            "<!-- note --><html>",
            "<head><title>x</title>",
            "<body>x",
            "<pre>#\nRESULT=TRUE</pre>",
        ] {
            assert!(looks_like_html(page), "{page:?}");
        }
        for plain in [
            "#\nAUTHTOKEN=x\nRESULT=TRUE",
            "a < b",
            "x <br> y",
            "#\nWARNING=a <b\nRESULT=TRUE",
            "<b>bold</b>",
            "<htm",
        ] {
            assert!(!looks_like_html(plain), "{plain:?}");
        }
    }

    #[test]
    fn text_around_tags_is_kept_exactly() {
        let texts = |html: &str| -> Vec<String> {
            pieces(html)
                .into_iter()
                .map(|p| match p {
                    Piece::Tag(t) => format!("<{}>", t.name),
                    Piece::Text(t) => t.to_string(),
                })
                .collect()
        };
        // No empty text before a leading tag.
        assert_eq!(texts("<b>x"), ["<b>", "x"]);
        // A `<` that opens no tag is text, up to and with its `>`.
        assert_eq!(texts("a < b> c"), ["a ", "< b>", " c"]);
        // Declarations and processing instructions are skipped whole.
        assert_eq!(texts("<?xml version='1.0'?><!DOCTYPE html>x"), ["x"]);
        // A script's text is dropped up to its end tag, and no further.
        assert_eq!(visible_text("<script>var a = 1;</SCRIPT >after"), "after");
        assert_eq!(visible_text("<style>p {}</style>x"), "x");
    }

    #[test]
    fn quoted_values_end_at_their_quote() {
        let found = tags(r#"<input name="a b" value='c' type="password" id=d>"#);
        assert_eq!(found[0].attr("name"), Some("a b"));
        assert_eq!(found[0].attr("value"), Some("c"));
        assert_eq!(found[0].attr("type"), Some("password"));
        assert_eq!(found[0].attr("id"), Some("d"));
        assert_eq!(found[0].attrs.len(), 4, "{:?}", found[0].attrs);
    }

    #[test]
    fn named_entities_are_decoded() {
        assert_eq!(
            visible_text("&lt;&gt;&quot;&apos;&nbsp;&amp;&#65;&#x42;&bogus;"),
            "<>\"' &AB&bogus;"
        );
    }

    #[test]
    fn an_unclosed_tag_reads_as_text() {
        assert_eq!(visible_text("<pre>A=1\nB=a <b\nC=2"), "\nA=1\nB=a <b\nC=2");
        assert_eq!(visible_text("x <y"), "x <y");
    }

    #[test]
    fn reads_tags_and_attributes() {
        let found = tags(
            r#"<FORM method=post ACTION="/x?a=1&amp;b=2"><input type='password' name=pwd disabled/></form>"#,
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].name, "form");
        assert_eq!(found[0].attr("action"), Some("/x?a=1&b=2"));
        assert_eq!(found[0].attr("METHOD"), Some("post"));
        assert_eq!(found[1].attr("type"), Some("password"));
        assert_eq!(found[1].attr("name"), Some("pwd"));
        assert_eq!(found[1].attr("disabled"), Some(""));
        assert!(found[2].closing);
    }

    #[test]
    fn visible_text_drops_tags_scripts_and_comments() {
        let html = "<html><head><style>p{}</style><script>var AUTHTOKEN='x';</script></head><body><!-- RESULT=TRUE --><p>A &amp; B&#33;</p>C<b>D</b></body></html>";
        let text = visible_text(html);
        assert!(!text.contains("AUTHTOKEN"));
        assert!(!text.contains("RESULT"));
        assert!(text.contains("A & B!"));
        assert!(text.contains("CD"));
    }

    #[test]
    fn never_panics_on_broken_markup() {
        for html in [
            "<",
            "<a",
            "<a b='",
            "<a =>",
            "<<>>",
            "&#xFFFFFFFF;",
            "&#99999999999;",
            "<script>",
            "<!--",
            "é<é>é",
            "<a b=\"é",
        ] {
            let _ = visible_text(html);
            let _ = pieces(html);
        }
    }
}
