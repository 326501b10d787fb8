//! What a plain value is (the [`Plain`] trait: read one, make one), the two
//! directions of a type ([`Decode`], [`Encode`]), and the forms the derived
//! code reads and writes: an object's field, an enum's variant.

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

    /// A string.
    fn new_string(text: &str) -> Self;
    /// A number.
    fn new_number(number: f64) -> Self;
    /// `true` or `false`.
    fn new_boolean(value: bool) -> Self;
    /// `null`.
    fn new_null() -> Self;
    /// An array of these elements.
    fn new_array(elements: Vec<Self>) -> Self;
    /// An object without fields.
    fn new_object() -> Self;
    /// Sets the field `key` of an object made by [`Plain::new_object`].
    fn insert(&mut self, key: &'static str, value: Self);
}

/// A type that can be written as plain data: the one writer, for storage, the
/// message channel and the export file.
pub trait Encode {
    /// The value as plain data.
    fn encode<P: Plain>(&self) -> P;
}

/// An object with the one field `key`: an enum variant with data.
pub fn tagged<P: Plain>(key: &'static str, value: P) -> P {
    let mut object = P::new_object();
    object.insert(key, value);
    object
}

/// Runs `read_or_write` in a function of its own, never inlined into its
/// caller: an enum's reader and writer handle each variant's data apart, so a
/// page compiles only the variants it meets (V8 compiles a Wasm function when
/// it is first called; docs/performance.md).
#[inline(never)]
pub fn apart<R>(read_or_write: impl FnOnce() -> R) -> R {
    read_or_write()
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
