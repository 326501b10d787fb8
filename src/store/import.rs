//! A backup file read as hostile input: anyone can hand a user one. Every
//! record is read on its own and checked field by field as strictly as the
//! extension checks what Zoho answers and what the user types, so nothing
//! reaches storage that the extension would not have saved itself. The first
//! record refused is named; the file is taken whole or not at all.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

use super::clients::check_client;
use super::export::{ExportFile, EXPORT_FORMAT, EXPORT_VERSION};
use super::oauth::{OAuthToken, MAX_CLIENTS};
use super::presets::{PresetError, UserPreset, UserPresets, MAX_PRESETS};
use super::record::{require, SavedToken};
use crate::i18n::{key, Message, UserMessage};
use crate::oauth::SelfClient;
use crate::plain::{field, Decode, Plain};
use crate::zoho::request::Field;

/// Files larger than this are refused unread.
pub const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;
/// The most records of each kind a file may hold (far above real use).
pub const MAX_TOKENS: usize = 5000;
pub const MAX_OAUTH: usize = 1000;
pub const MAX_FILE_PRESETS: usize = MAX_PRESETS * 10;

/// Why a file was refused whole; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge,
    /// Not JSON, or JSON of another shape.
    NotAnExport,
    /// Written by a newer version of the extension.
    Newer(u32),
    /// The right kind of file, but its layout is damaged.
    Damaged,
    /// More records in the list `list` than any real backup holds.
    TooMany {
        list: &'static str,
        max: usize,
    },
    /// A record the extension would never have saved.
    Refused(Refused),
}

impl UserMessage for ImportError {
    fn message(&self) -> Message {
        match self {
            ImportError::TooLarge => Message::new(key("importTooLarge")),
            ImportError::NotAnExport => Message::new(key("importNotAnExport")),
            ImportError::Newer(v) => Message::with(key("importNewer"), [v.to_string()]),
            ImportError::Damaged => Message::new(key("importDamaged")),
            ImportError::TooMany { list, max } => {
                Message::with(key("importTooMany"), [max.to_string(), list.to_string()])
            }
            ImportError::Refused(refused) => refused.message(),
        }
    }
}

/// Refuses a file too large to be an export before it is read.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES as u64 {
        Err(ImportError::TooLarge)
    } else {
        Ok(())
    }
}

/// A record refused: where it is in the file, and which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The file's list it is in (`tokens`, `presets`, `clients`, `oauth`).
    pub list: &'static str,
    /// Its place in that list, from 1.
    pub number: usize,
    /// Its name, as the file gives it (cut short), if it has one.
    pub name: String,
    /// The field refused, as the file names it; `None` when the record could
    /// not be read at all.
    pub field: Option<&'static str>,
}

impl Refused {
    /// What the user is told; the names come from the file itself.
    pub fn message(&self) -> Message {
        let args = [self.list.to_string(), self.number.to_string()];
        match self.field {
            None => Message::with(key("importUnreadable"), args),
            Some(field) => {
                let [list, number] = args;
                let name = format!("“{}”", self.name);
                Message::with(key("importRefused"), [list, number, name, field.into()])
            }
        }
    }
}

/// Reads a parsed file. All or nothing: one record refused refuses the file.
pub fn read(value: &impl Plain) -> Result<ExportFile, ImportError> {
    let format = field::<Option<String>>(value, ExportFile::format).flatten();
    if format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    let v = match field::<Option<u32>>(value, ExportFile::v).flatten() {
        Some(v) if v > EXPORT_VERSION => return Err(ImportError::Newer(v)),
        Some(v @ 1..=EXPORT_VERSION) => v,
        _ => return Err(ImportError::Damaged),
    };
    let exported = field::<u64>(value, ExportFile::exported).ok_or(ImportError::Damaged)?;
    let tokens = records(value, ExportFile::tokens, MAX_TOKENS, SavedToken::check)?;
    let presets = records(value, ExportFile::presets, MAX_FILE_PRESETS, check_preset)?;
    // Version 1 had no OAuth; from version 2 both lists are there.
    let (clients, oauth) = if v >= 2 {
        let clients = records(value, ExportFile::clients, MAX_CLIENTS, check_client)?;
        let oauth = records(value, ExportFile::oauth, MAX_OAUTH, OAuthToken::check)?;
        (Some(clients), Some(oauth))
    } else {
        (None, None)
    };
    Ok(ExportFile {
        format: EXPORT_FORMAT.to_string(),
        v,
        exported,
        tokens,
        presets,
        clients,
        oauth,
    })
}

/// Each element of the list `list`, read and checked on its own.
fn records<T: Decode>(
    file: &impl Plain,
    list: &'static str,
    max: usize,
    check: fn(&T) -> Result<(), &'static str>,
) -> Result<Vec<T>, ImportError> {
    let elements = file
        .field(list)
        .and_then(|l| l.elements())
        .ok_or(ImportError::Damaged)?;
    if elements.len() > max {
        return Err(ImportError::TooMany { list, max });
    }
    let mut read = Vec::with_capacity(elements.len());
    for (i, element) in elements.iter().enumerate() {
        let refused = |field| Refused {
            list,
            number: i + 1,
            name: name_of(element),
            field,
        };
        let record = T::decode(element).ok_or_else(|| ImportError::Refused(refused(None)))?;
        check(&record).map_err(|field| ImportError::Refused(refused(Some(field))))?;
        read.push(record);
    }
    Ok(read)
}

/// A record's name as the file gives it, cut short (it is shown as text).
fn name_of(record: &impl Plain) -> String {
    let name = [
        OAuthToken::label,
        SavedToken::display_name,
        SelfClient::client_id,
    ]
    .into_iter()
    .find_map(|name| field::<String>(record, name));
    name.unwrap_or_default().chars().take(40).collect()
}

fn check_preset(p: &UserPreset) -> Result<(), &'static str> {
    require(!p.id.is_empty() && p.id.len() <= 40, UserPreset::id)?;
    let mut probe = UserPresets::default();
    match probe.add(p.id.clone(), &p.label, &p.display_name, &p.scope) {
        Err(PresetError::Request(e)) if e.field() == Field::Name => Err(UserPreset::display_name),
        Err(PresetError::Request(_)) => Err(UserPreset::scope),
        Err(_) => Err(UserPreset::label),
        // Stored as it was checked, not as the file spelt it.
        Ok(()) => require(probe.items.first() == Some(p), UserPreset::label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::export::tests::file_value;
    use serde_json::{json, Value};

    fn refused(list: &'static str, number: usize, name: &str, field: &'static str) -> ImportError {
        ImportError::Refused(Refused {
            list,
            number,
            name: name.into(),
            field: Some(field),
        })
    }

    /// The file with `change` made to it, read.
    fn read_changed(change: impl FnOnce(&mut Value)) -> Result<ExportFile, ImportError> {
        let mut file = file_value();
        change(&mut file);
        read(&file)
    }

    #[test]
    fn other_files_are_refused_whole() {
        assert_eq!(read(&json!([1, 2])), Err(ImportError::NotAnExport));
        assert_eq!(
            read(&json!({"format": "something-else", "v": 1})),
            Err(ImportError::NotAnExport)
        );
        let newer = read_changed(|f| f["v"] = json!(EXPORT_VERSION + 1));
        assert_eq!(newer, Err(ImportError::Newer(EXPORT_VERSION + 1)));
        assert_eq!(
            read_changed(|f| f["v"] = json!(0)),
            Err(ImportError::Damaged)
        );
        let truncated = read_changed(|f| drop(f.as_object_mut().unwrap().remove("tokens")));
        assert_eq!(truncated, Err(ImportError::Damaged));
        let no_date = read_changed(|f| drop(f.as_object_mut().unwrap().remove("exported")));
        assert_eq!(no_date, Err(ImportError::Damaged));
        let no_oauth = read_changed(|f| drop(f.as_object_mut().unwrap().remove("oauth")));
        assert_eq!(no_oauth, Err(ImportError::Damaged));
    }

    #[test]
    fn the_first_record_refused_is_named_with_its_field() {
        type Case = (fn(&mut Value), ImportError);
        let cases: [Case; 12] = [
            (
                |f| f["tokens"][0]["token"] = json!("EXCEEDED_MAXIMUM_ALLOWED_AUTHTOKENS"),
                ImportError::Refused(Refused {
                    list: "tokens",
                    number: 1,
                    name: "checkemail".into(),
                    field: None,
                }),
            ),
            (
                |f| f["tokens"][0]["id"] = json!("<x>"),
                refused("tokens", 1, "checkemail", "id"),
            ),
            (
                |f| f["tokens"][0]["displayName"] = json!("<img src=x>"),
                refused("tokens", 1, "<img src=x>", "displayName"),
            ),
            (
                |f| f["tokens"][0]["scope"] = json!("ZohoCRM/crmapi;rm"),
                refused("tokens", 1, "checkemail", "scope"),
            ),
            (
                |f| f["presets"][0]["scope"] = json!("nope"),
                refused("presets", 1, "Books", "scope"),
            ),
            (
                |f| f["oauth"][0]["v"] = json!(9),
                refused("oauth", 1, "Books", "v"),
            ),
            (
                |f| f["oauth"][0]["apiDomain"] = json!("https://www.zohoapis.com.evil.example"),
                refused("oauth", 1, "Books", "apiDomain"),
            ),
            (
                |f| f["oauth"][0]["refreshToken"] = json!("1000.$(touch /tmp/owned)"),
                refused("oauth", 1, "Books", "refreshToken"),
            ),
            (
                |f| f["oauth"][0]["label"] = json!("x".repeat(101)),
                refused("oauth", 1, &"x".repeat(40), "label"),
            ),
            (
                |f| f["oauth"][0]["scopes"] = json!("ZohoBooks.fullaccess.all $(id)"),
                refused("oauth", 1, "Books", "scopes"),
            ),
            (
                |f| f["oauth"][0]["clientId"] = json!("1000.abc"),
                refused("oauth", 1, "Books", "clientId"),
            ),
            (
                |f| f["clients"][0]["clientSecret"] = json!("NOT A SECRET"),
                // Named by its label (by its ID where it has none).
                refused("clients", 1, "Acme", "clientSecret"),
            ),
        ];
        for (change, expected) in cases {
            assert_eq!(read_changed(change), Err(expected));
        }
        // Each field of a preset and a client is named for what it is.
        type Named = (fn(&mut Value), &'static str, &'static str);
        let presets: [Named; 4] = [
            (|f| f["presets"][0]["id"] = json!(""), "Books", "id"),
            (
                |f| f["presets"][0]["id"] = json!("p".repeat(41)),
                "Books",
                "id",
            ),
            (
                |f| f["presets"][0]["displayName"] = json!("<b>"),
                "Books",
                "displayName",
            ),
            (|f| f["presets"][0]["label"] = json!(""), "", "label"),
        ];
        for (change, name, field) in presets {
            assert_eq!(
                read_changed(change),
                Err(refused("presets", 1, name, field))
            );
        }
        let client = |f: &mut Value| f["clients"][0]["clientId"] = json!("1000.abc");
        let name = "Acme";
        assert_eq!(
            read_changed(client),
            Err(refused("clients", 1, name, "clientId"))
        );
        // Read as the check would keep it, not as the file spelt it.
        let spaced = |f: &mut Value| {
            f["clients"][0]["clientId"] = json!(" 1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123")
        };
        let name = "Acme";
        assert_eq!(
            read_changed(spaced),
            Err(refused("clients", 1, name, "clientId"))
        );
        // Spelt otherwise than the extension writes it: refused too.
        let upper = read_changed(|f| f["oauth"][0]["apiDomain"] = json!("HTTPS://WWW.ZOHOAPIS.EU"));
        assert_eq!(upper, Err(refused("oauth", 1, "Books", "apiDomain")));
        let spaced = read_changed(|f| f["oauth"][0]["label"] = json!(" Books"));
        assert_eq!(spaced, Err(refused("oauth", 1, " Books", "label")));
        // Another of the nine domains is Zoho's to give, whatever the client's.
        assert!(
            read_changed(|f| f["oauth"][0]["apiDomain"] = json!("https://www.zohoapis.in")).is_ok()
        );
    }

    #[test]
    fn a_refusal_says_where_and_what_in_the_files_own_words() {
        let message = refused("oauth", 3, "Books", "apiDomain").message();
        assert_eq!(message.key.name(), "importRefused");
        assert_eq!(message.args, ["oauth", "3", "“Books”", "apiDomain"]);
        let unreadable = ImportError::Refused(Refused {
            list: "tokens",
            number: 2,
            name: String::new(),
            field: None,
        });
        assert_eq!(unreadable.message().key.name(), "importUnreadable");
        assert_eq!(unreadable.message().args, ["tokens", "2"]);
        let many = ImportError::TooMany {
            list: "oauth",
            max: MAX_OAUTH,
        };
        assert_eq!(many.message().args, ["1000", "oauth"]);
    }

    #[test]
    fn a_file_may_hold_ten_times_the_presets_one_can_keep() {
        let mut file = file_value();
        let preset = file["presets"][0].clone();
        file["presets"] = json!(vec![preset; MAX_PRESETS * 10]);
        assert!(read(&file).is_ok());
        file["presets"].as_array_mut().unwrap().push(json!(
            {"id": "p2", "label": "One more", "displayName": "more", "scope": "ZohoCRM/crmapi"}
        ));
        let too_many = ImportError::TooMany {
            list: "presets",
            max: MAX_FILE_PRESETS,
        };
        assert_eq!(read(&file), Err(too_many));
        let mut file = file_value();
        let token = file["oauth"][0].clone();
        file["oauth"] = json!(vec![token; MAX_OAUTH + 1]);
        let too_many = ImportError::TooMany {
            list: "oauth",
            max: MAX_OAUTH,
        };
        assert_eq!(read(&file), Err(too_many));
    }

    #[test]
    fn files_over_four_megabytes_are_refused_unread() {
        assert_eq!(check_size(4 * 1024 * 1024), Ok(()));
        assert_eq!(check_size(4 * 1024 * 1024 + 1), Err(ImportError::TooLarge));
        assert_eq!(check_size(0), Ok(()));
    }
}
