//! The API console's `self_client.json` (Generate Code → Download): the
//! client's ID and secret and a grant code in one file, read whole or refused.

use crate::i18n::{key, Message, UserMessage};
use crate::plain::{field, Plain};

/// Larger files are refused unread: the real one is a few hundred bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

/// What the file holds that the extension uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfClientFile {
    /// The client ID.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// The grant code.
    pub code: String,
    /// The scopes, when the file names them.
    pub scopes: Option<String>,
    /// When the code expires (ms since the Unix epoch), when the file says.
    pub expires: Option<u64>,
}

/// Why a file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Larger than any such file.
    TooLarge,
    /// Not JSON, or without a client ID, secret and code.
    NotASelfClientFile,
    /// Its code expired already.
    Expired,
}

impl UserMessage for FileError {
    fn message(&self) -> Message {
        Message::new(match self {
            FileError::TooLarge => key("selfClientFileTooLarge"),
            FileError::NotASelfClientFile => key("selfClientFileWrong"),
            FileError::Expired => key("selfClientFileExpired"),
        })
    }
}

/// Refuses a file larger than [`MAX_FILE_BYTES`] before it is read.
pub fn check_size(bytes: u64) -> Result<(), FileError> {
    if bytes > MAX_FILE_BYTES {
        Err(FileError::TooLarge)
    } else {
        Ok(())
    }
}

/// Reads a parsed file (`None`: it was not JSON) at `now` (ms). Extra keys are
/// allowed: Zoho's exact list is not documented.
pub fn read(value: Option<&impl Plain>, now: u64) -> Result<SelfClientFile, FileError> {
    let value = value.ok_or(FileError::NotASelfClientFile)?;
    let text = |name| {
        field::<Option<String>>(value, name)
            .flatten()
            .filter(|s| !s.trim().is_empty())
    };
    let (Some(client_id), Some(client_secret), Some(code)) =
        (text("client_id"), text("client_secret"), text("code"))
    else {
        return Err(FileError::NotASelfClientFile);
    };
    let expires = field::<Option<u64>>(value, "expiry_time").flatten();
    if expires.is_some_and(|at| at <= now) {
        return Err(FileError::Expired);
    }
    Ok(SelfClientFile {
        client_id,
        client_secret,
        code,
        scopes: text("scope").or_else(|| text("scopes")),
        expires,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn files_over_64_kb_are_refused_unread() {
        assert_eq!(check_size(64 * 1024), Ok(()));
        assert_eq!(check_size(64 * 1024 + 1), Err(FileError::TooLarge));
        assert_eq!(check_size(300), Ok(()));
    }

    #[test]
    fn the_consoles_file_is_read_with_or_without_its_extras() {
        let file = json!({"client_id": "1000.ID", "client_secret": "abc", "code": "1000.a.b",
                          "grant_type": "authorization_code", "expiry_time": 2_000, "scope": "A.b"});
        let read_back = read(Some(&file), 1_000).unwrap();
        assert_eq!(read_back.client_id, "1000.ID");
        assert_eq!(read_back.scopes.as_deref(), Some("A.b"));
        assert_eq!(read_back.expires, Some(2_000));
        let bare = json!({"client_id": "1000.ID", "client_secret": "abc", "code": "1000.a.b"});
        assert_eq!(read(Some(&bare), 1_000).unwrap().scopes, None);
    }

    #[test]
    fn other_files_and_expired_codes_are_refused() {
        assert_eq!(read(None::<&Value>, 0), Err(FileError::NotASelfClientFile));
        assert_eq!(
            read(Some(&json!([1])), 0),
            Err(FileError::NotASelfClientFile)
        );
        assert_eq!(
            read(
                Some(&json!({"client_id": "x", "client_secret": " ", "code": "c"})),
                0
            ),
            Err(FileError::NotASelfClientFile)
        );
        let stale =
            json!({"client_id": "x", "client_secret": "y", "code": "c", "expiry_time": 1_000});
        assert_eq!(read(Some(&stale), 1_000), Err(FileError::Expired));
    }
}
