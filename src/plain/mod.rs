//! Plain data as storage and the message channel carry it (JSON-like values):
//! the extension's types written as it and read back from it.
//!
//! Not serde's: its derived readers, run through serde-wasm-bindgen, cost
//! about a fifth of the Wasm for a dozen small records, and its writer 3–4 KB
//! gzipped of each module (docs/performance.md, "Size"). [`plain_type!`] declares a type
//! once, with the name each field and variant has in plain data, and derives
//! from that one declaration the one writer ([`Encode`], for storage, messages
//! and the export file alike) and the reader ([`Decode`]), so they cannot
//! disagree. The stored forms are pinned by golden files (`src/golden.rs`).
//!
//! What a plain value is lives in `value`; Rust's own types (strings, numbers,
//! options, lists) are read and written in `builtin`.
//!
//! Over 300 lines only with its unit tests, which sit below the code they check.

mod builtin;
mod value;

pub use value::{apart, field, tagged, variant, Decode, Encode, Plain};

/// Declares a struct or an enum with the plain-data name of each field and
/// variant (`field: Type as "name"`, `Variant as "name"`), and derives from it
/// this module's [`Decode`] and [`Encode`]: the one place a wire or storage
/// name is written. Enums are externally tagged (serde's default form):
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
        $vis struct $name {
            $( $(#[$field_meta])* $field_vis $field: $field_type ),*
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

        impl $crate::plain::Encode for $name {
            fn encode<P: $crate::plain::Plain>(&self) -> P {
                let mut object = P::new_object();
                $( object.insert($field_name, self.$field.encode()); )*
                object
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
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),*
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

        impl $crate::plain::Encode for $name {
            fn encode<P: $crate::plain::Plain>(&self) -> P {
                // Bare-name enums are `Copy` (`ALL` is walked by value).
                P::new_string((*self).plain_name())
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
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant
                $( ( $inner ) )?
                $( { $( $(#[$field_meta])* $field: $field_type ),* } )?
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
                    $( $variant_name => $crate::plain::apart(|| $crate::plain::plain_type!(
                        @variant $name $variant, data
                        $( , ( $inner ) )?
                        $( , { $( $field $field_name ),* } )?
                    )), )*
                    _ => None,
                }
            }
        }

        impl $crate::plain::Encode for $name {
            fn encode<P: $crate::plain::Plain>(&self) -> P {
                match self {
                    $(
                        $crate::plain::plain_type!(
                            @pattern data $name $variant
                            $( , ( $inner ) )?
                            $( , { $( $field ),* } )?
                        ) => $crate::plain::apart(|| $crate::plain::plain_type!(
                            @encode data $variant_name
                            $( , ( $inner ) )?
                            $( , { $( $field $field_name ),* } )?
                        )),
                    )*
                }
            }
        }
    };
    // How a variant is matched and written: a bare name; its data under its name.
    // (`$data` is one name from the caller, so the pattern binds what the arm uses.)
    (@pattern $data:ident $name:ident $variant:ident) => { $name::$variant };
    (@pattern $data:ident $name:ident $variant:ident, ( $inner:ty )) => { $name::$variant($data) };
    (@pattern $data:ident $name:ident $variant:ident, { $( $field:ident ),* }) => {
        $name::$variant { $( $field ),* }
    };
    (@encode $data:ident $variant_name:literal) => { P::new_string($variant_name) };
    (@encode $data:ident $variant_name:literal, ( $inner:ty )) => {
        $crate::plain::tagged($variant_name, $data.encode())
    };
    (@encode $data:ident $variant_name:literal, { $( $field:ident $field_name:literal ),* }) => {{
        let mut object = P::new_object();
        $( object.insert($field_name, $field.encode()); )*
        $crate::plain::tagged($variant_name, object)
    }};
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
        fn new_string(text: &str) -> Self {
            Value::from(text)
        }
        fn new_number(number: f64) -> Self {
            // serde writes whole numbers as integers.
            if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 {
                Value::from(number as i64)
            } else {
                Value::from(number)
            }
        }
        fn new_boolean(value: bool) -> Self {
            Value::from(value)
        }
        fn new_null() -> Self {
            Value::Null
        }
        fn new_array(elements: Vec<Self>) -> Self {
            Value::Array(elements)
        }
        fn new_object() -> Self {
            Value::Object(serde_json::Map::new())
        }
        fn insert(&mut self, key: &'static str, value: Self) {
            if let Value::Object(object) = self {
                object.insert(key.to_string(), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    /// What the declaration names is what is written and what is read back.
    #[test]
    fn one_declaration_names_writer_and_reader_alike() {
        let sample = Sample {
            long_name: 3,
            maybe: None,
        };
        let written = sample.encode::<serde_json::Value>();
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
            assert_eq!(kind.encode::<serde_json::Value>(), form);
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
