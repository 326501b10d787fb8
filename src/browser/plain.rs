//! JavaScript values as [`Plain`] data: what storage and `runtime.sendMessage`
//! hand back, and the extension's values written as such.

use crate::plain::Plain;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Field names as JS strings, made once: a list of 1,000 records asks for
    /// the same few names thousands of times.
    static NAMES: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

fn name(key: &'static str) -> JsValue {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((_, name)) = names.iter().find(|(k, _)| *k == key) {
            return name.clone();
        }
        let name = JsValue::from_str(key);
        names.push((key, name.clone()));
        name
    })
}

impl Plain for JsValue {
    fn field(&self, key: &'static str) -> Option<Self> {
        // `Reflect.get` throws on anything but an object: no separate check
        // (a list of 1,000 records reads thousands of fields).
        let value = Reflect::get(self, &name(key)).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_null(&self) -> bool {
        self.is_null_or_undefined()
    }

    fn elements(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().to_vec())
    }

    fn only_entry(&self) -> Option<(String, Self)> {
        if !self.is_object() || Array::is_array(self) {
            return None;
        }
        let entries = Object::entries(self.unchecked_ref());
        if entries.length() != 1 {
            return None;
        }
        let entry: Array = entries.get(0).unchecked_into();
        Some((entry.get(0).as_string()?, entry.get(1)))
    }

    fn new_string(text: &str) -> Self {
        JsValue::from_str(text)
    }

    fn new_number(number: f64) -> Self {
        JsValue::from_f64(number)
    }

    fn new_boolean(value: bool) -> Self {
        JsValue::from_bool(value)
    }

    fn new_null() -> Self {
        JsValue::NULL
    }

    fn new_array(elements: Vec<Self>) -> Self {
        elements.into_iter().collect::<Array>().into()
    }

    fn new_object() -> Self {
        Object::new().into()
    }

    fn insert(&mut self, key: &'static str, value: Self) {
        // Setting a property on a plain object cannot fail.
        let _ = Reflect::set(self, &name(key), &value);
    }
}

/// A storage area's answer (an object of entries), as key and value.
pub fn entries(items: &JsValue) -> Vec<(String, JsValue)> {
    Object::entries(items.unchecked_ref())
        .iter()
        .filter_map(|pair| {
            let pair: Array = pair.unchecked_into();
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// Writes a value as a plain JS value (objects, not `Map`s), as storage and the
/// message channel carry it: the one writer, for both.
pub fn to_js(value: &impl crate::plain::Encode) -> JsValue {
    value.encode()
}
