//! Plain data as storage and the message channel carry it (JSON-like values),
//! and reading the extension's types back from it.
//!
//! Reading is not serde's: its derived readers, run through serde-wasm-bindgen,
//! cost about a fifth of the Wasm for a dozen small records (README, "Size").
//! [`plain_type!`] declares a type once, with the name each field and variant
//! has in plain data, and derives both serde's writer and the small reader from
//! that one declaration, so the two cannot disagree.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

/// A JSON-like value: `JsValue` in the browser, `serde_json::Value` in native tests.
pub trait Plain: Sized {
    /// The value under `key`, if this is an object that has it.
    fn field(&self, key: &'static str) -> Option<Self>;
    /// The text, if this is a string.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The value, if this is `true` or `false`.
    fn boolean(&self) -> Option<bool>;
    /// `null` (or `undefined`).
    fn is_null(&self) -> bool;
    /// The elements, if this is an array.
    fn elements(&self) -> Option<Vec<Self>>;
    /// The key and value of an object with exactly one key: an enum variant with data.
    fn only_entry(&self) -> Option<(String, Self)>;
}

/// A type that can be read from plain data. `None`: the value is not one.
pub trait Decode: Sized {
    /// The value read as this type.
    fn decode(value: &impl Plain) -> Option<Self>;

    /// What a missing object field reads as: nothing, except for optional fields.
    fn absent() -> Option<Self> {
        None
    }
}

/// Reads the field `key` of an object.
pub fn field<T: Decode>(value: &impl Plain, key: &'static str) -> Option<T> {
    match value.field(key) {
        Some(inner) => T::decode(&inner),
        None => T::absent(),
    }
}

/// The variant name and its data: a bare string for a variant without data,
/// an object with one key for a variant with data (serde's external tagging).
pub fn variant<V: Plain>(value: &V) -> Option<(String, Option<V>)> {
    match value.string() {
        Some(name) => Some((name, None)),
        None => value.only_entry().map(|(name, data)| (name, Some(data))),
    }
}

/// Declares a struct or an enum with the plain-data name of each field and
/// variant (`field: Type as "name"`, `Variant as "name"`), and derives from it
/// serde's `Serialize` and this module's [`Decode`]: the one place a wire or
/// storage name is written. Enums are externally tagged, as serde writes them:
/// `"name"` for a variant without data, `{"name": data}` otherwise. A struct's
/// field names are its associated constants (`SavedToken::v`), an enum's
/// variant names come from `plain_name`; an enum of bare names also lists
/// them `ALL` and finds one `from_plain_name`.
macro_rules! plain_type {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $field_type:ty as $field_name:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::serde::Serialize)]
        $vis struct $name {
            $( $(#[$field_meta])* #[serde(rename = $field_name)] $field_vis $field: $field_type ),*
        }

        #[allow(non_upper_case_globals, dead_code)]
        impl $name {
            $(
                /// This field's name in plain data.
                pub const $field: &'static str = $field_name;
            )*
        }

        impl $crate::plain::Decode for $name {
            fn decode(value: &impl $crate::plain::Plain) -> Option<Self> {
                Some($name {
                    $( $field: $crate::plain::field(value, $field_name)? ),*
                })
            }
        }
    };
    // An enum of bare names: a plain string, and the list of them all.
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident as $variant_name:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::serde::Serialize)]
        $vis enum $name {
            $( $(#[$variant_meta])* #[serde(rename = $variant_name)] $variant ),*
        }

        #[allow(dead_code)]
        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$($variant_name),*].len()] = [$($name::$variant),*];

            /// The variant's name in plain data.
            pub fn plain_name(self) -> &'static str {
                match self {
                    $( $name::$variant => $variant_name ),*
                }
            }

            /// The variant with this plain name.
            pub fn from_plain_name(name: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.plain_name() == name)
            }
        }

        impl $crate::plain::Decode for $name {
            fn decode(value: &impl $crate::plain::Plain) -> Option<Self> {
                $name::from_plain_name(&value.string()?)
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident
                $( ( $inner:ty ) )?
                $( { $( $(#[$field_meta:meta])* $field:ident : $field_type:ty as $field_name:literal ),* $(,)? } )?
                as $variant_name:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::serde::Serialize)]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $variant_name)]
                $variant
                $( ( $inner ) )?
                $( { $( $(#[$field_meta])* #[serde(rename = $field_name)] $field: $field_type ),* } )?
            ),*
        }

        impl $name {
            /// The variant's name in plain data.
            #[allow(dead_code)]
            pub fn plain_name(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => $variant_name ),*
                }
            }
        }

        impl $crate::plain::Decode for $name {
            fn decode(value: &impl $crate::plain::Plain) -> Option<Self> {
                let (name, data) = $crate::plain::variant(value)?;
                let data = data.as_ref();
                match name.as_str() {
                    $( $variant_name => $crate::plain::plain_type!(
                        @variant $name $variant, data
                        $( , ( $inner ) )?
                        $( , { $( $field $field_name ),* } )?
                    ), )*
                    _ => None,
                }
            }
        }
    };
    // A variant without data is a bare name, never an object.
    (@variant $name:ident $variant:ident, $data:ident) => {
        $data.is_none().then_some($name::$variant)
    };
    (@variant $name:ident $variant:ident, $data:ident, ( $inner:ty )) => {
        Some($name::$variant(<$inner as $crate::plain::Decode>::decode($data?)?))
    };
    (@variant $name:ident $variant:ident, $data:ident, { $( $field:ident $field_name:literal ),* }) => {{
        let data = $data?;
        Some($name::$variant { $( $field: $crate::plain::field(data, $field_name)? ),* })
    }};
}
pub(crate) use plain_type;

impl Decode for String {
    fn decode(value: &impl Plain) -> Option<Self> {
        value.string()
    }
}

impl Decode for bool {
    fn decode(value: &impl Plain) -> Option<Self> {
        value.boolean()
    }
}

/// A whole number from `0` to `max` (JSON numbers are doubles).
fn whole(value: &impl Plain, max: f64) -> Option<f64> {
    value
        .number()
        .filter(|n| n.fract() == 0.0 && (0.0..=max).contains(n))
}

impl Decode for u32 {
    fn decode(value: &impl Plain) -> Option<Self> {
        whole(value, f64::from(u32::MAX)).map(|n| n as u32)
    }
}

impl Decode for u64 {
    fn decode(value: &impl Plain) -> Option<Self> {
        // Beyond 2^53 a double no longer holds every whole number.
        whole(value, 9_007_199_254_740_991.0).map(|n| n as u64)
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(value: &impl Plain) -> Option<Self> {
        if value.is_null() {
            Some(None)
        } else {
            T::decode(value).map(Some)
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &impl Plain) -> Option<Self> {
        value.elements()?.iter().map(T::decode).collect()
    }
}

#[cfg(test)]
mod json {
    use super::Plain;
    use serde_json::Value;

    impl Plain for Value {
        fn field(&self, key: &'static str) -> Option<Self> {
            self.as_object()?.get(key).cloned()
        }
        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_string)
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }
        fn is_null(&self) -> bool {
            Value::is_null(self)
        }
        fn elements(&self) -> Option<Vec<Self>> {
            self.as_array().cloned()
        }
        fn only_entry(&self) -> Option<(String, Self)> {
            let object = self.as_object()?;
            let (key, value) = object.iter().next()?;
            (object.len() == 1).then(|| (key.clone(), value.clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        assert_eq!(u32::decode(&json!(7)), Some(7));
        assert_eq!(u32::decode(&json!(4_294_967_295u64)), Some(u32::MAX));
        for bad in [
            json!(-1),
            json!(1.5),
            json!(4_294_967_296u64),
            json!("7"),
            json!(null),
        ] {
            assert_eq!(u32::decode(&bad), None, "{bad}");
        }
        assert_eq!(
            u64::decode(&json!(1_700_000_000_000u64)),
            Some(1_700_000_000_000)
        );
        assert_eq!(u64::decode(&json!(9_007_199_254_740_993u64)), None);
    }

    #[test]
    fn optional_fields_may_be_missing_or_null_but_not_wrong() {
        let value = json!({"a": null, "b": "x", "c": 5});
        assert_eq!(field::<Option<String>>(&value, "a"), Some(None));
        assert_eq!(field::<Option<String>>(&value, "b"), Some(Some("x".into())));
        assert_eq!(field::<Option<String>>(&value, "missing"), Some(None));
        assert_eq!(field::<Option<String>>(&value, "c"), None);
        assert_eq!(field::<String>(&value, "missing"), None);
        assert_eq!(field::<String>(&json!("not an object"), "b"), None);
    }

    #[test]
    fn lists_fail_whole_on_one_bad_element() {
        assert_eq!(Vec::<u32>::decode(&json!([1, 2])), Some(vec![1, 2]));
        assert_eq!(Vec::<u32>::decode(&json!([1, "2"])), None);
        assert_eq!(Vec::<u32>::decode(&json!({"0": 1})), None);
    }

    plain_type! {
        #[derive(Debug, PartialEq)]
        struct Sample {
            long_name: u32 as "longName",
            maybe: Option<String> as "maybe",
        }
    }

    plain_type! {
        #[derive(Debug, PartialEq)]
        enum Kind {
            Bare as "bare",
            Wrapped(Sample) as "wrapped",
            Fields { one: bool as "one" } as "withFields",
        }
    }

    /// What the declaration names is what serde writes and what is read back.
    #[test]
    fn one_declaration_names_writer_and_reader_alike() {
        let sample = Sample {
            long_name: 3,
            maybe: None,
        };
        let written = serde_json::to_value(&sample).unwrap();
        assert_eq!(written, json!({"longName": 3, "maybe": null}));
        assert_eq!(Sample::decode(&written), Some(sample));
        assert_eq!((Sample::long_name, Sample::maybe), ("longName", "maybe"));
        for (kind, form, name) in [
            (Kind::Bare, json!("bare"), "bare"),
            (
                Kind::Wrapped(Sample {
                    long_name: 1,
                    maybe: Some("x".into()),
                }),
                json!({"wrapped": {"longName": 1, "maybe": "x"}}),
                "wrapped",
            ),
            (
                Kind::Fields { one: true },
                json!({"withFields": {"one": true}}),
                "withFields",
            ),
        ] {
            assert_eq!(serde_json::to_value(&kind).unwrap(), form);
            assert_eq!(kind.plain_name(), name);
            assert_eq!(Kind::decode(&form), Some(kind));
        }
        // A bare name never carries data, and data never comes without its name.
        for bad in [
            json!({"bare": null}),
            json!("wrapped"),
            json!("withFields"),
            json!({"withFields": {}}),
            json!({"long_name": 1}),
        ] {
            assert_eq!(Kind::decode(&bad), None, "{bad}");
        }
    }

    #[test]
    fn variants_are_a_name_or_an_object_with_one_key() {
        assert_eq!(variant(&json!("done")), Some(("done".into(), None)));
        assert_eq!(
            variant(&json!({"forget": {"id": "a"}})),
            Some(("forget".into(), Some(json!({"id": "a"}))))
        );
        assert_eq!(variant(&json!({"a": 1, "b": 2})), None);
        assert_eq!(variant(&json!({})), None);
        assert_eq!(variant(&json!(3)), None);
    }
}
