//! Standard base64 (RFC 4648 §4, with padding): how the encrypted file
//! carries bytes. Reading is strict: one spelling per byte string.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` as base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes `text` spells, or `None` unless it is exactly what [`encode`]
/// would write for them. (A popup reads every sealed secret's text: each
/// character is looked up in constant time, and no text is written again.)
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let last = (bytes.len() / 4).saturating_sub(1);
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (at, chunk) in bytes.chunks(4).enumerate() {
        let padding = chunk.iter().rev().take_while(|b| **b == b'=').count();
        // Padding only at the very end, one or two.
        if padding > 2 || (padding > 0 && at != last) {
            return None;
        }
        let mut n = 0u32;
        for (i, b) in chunk[..4 - padding].iter().enumerate() {
            n |= sextet(*b)? << (18 - 6 * i);
        }
        // No bits set under the padding: one spelling only.
        if n & ((1 << (8 * padding)) - 1) != 0 {
            return None;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    Some(out)
}

/// The value of one character of [`ALPHABET`].
fn sextet(b: u8) -> Option<u32> {
    let value = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)), Some(all));
    }

    #[test]
    fn only_one_spelling_reads() {
        for bad in [
            "Zg=", "Zh==", "Z===", "Zg==Zg==", "Zm9v\n", "Zm9-", "Zm=v", "Zm9=",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    /// Every padded last group, each read exactly when `encode` writes it.
    #[test]
    fn every_padded_group_reads_only_as_written() {
        let letters = ALPHABET.map(char::from);
        let mut read = 0;
        for a in letters {
            for b in letters {
                let two = format!("{a}{b}==");
                read += check(&two);
                for c in letters {
                    read += check(&format!("{a}{b}{c}="));
                }
            }
        }
        // One spelling for each of the 256 single bytes and 65,536 pairs.
        assert_eq!(read, 256 + 65_536);
    }

    fn check(text: &str) -> usize {
        match decode(text) {
            Some(bytes) => {
                assert_eq!(encode(&bytes), text);
                1
            }
            None => 0,
        }
    }
}
