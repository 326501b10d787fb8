//! JavaScript values as [`Plain`] data: what storage and `runtime.sendMessage` hand back.

use crate::plain::Plain;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

impl Plain for JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(self, &JsValue::from_str(key)).ok()?;
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
}
