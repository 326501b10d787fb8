//! Rust's own types as plain data: strings, booleans, whole numbers (JSON's
//! numbers are doubles), optional values and lists.

use super::value::{Decode, Encode, Plain};

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

impl Encode for String {
    fn encode<P: Plain>(&self) -> P {
        P::new_string(self)
    }
}

impl Encode for bool {
    fn encode<P: Plain>(&self) -> P {
        P::new_boolean(*self)
    }
}

impl Encode for u32 {
    fn encode<P: Plain>(&self) -> P {
        P::new_number(f64::from(*self))
    }
}

impl Encode for u64 {
    fn encode<P: Plain>(&self) -> P {
        // Times in ms and the like: whole numbers a double holds exactly.
        P::new_number(*self as f64)
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode<P: Plain>(&self) -> P {
        match self {
            Some(value) => value.encode(),
            None => P::new_null(),
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode<P: Plain>(&self) -> P {
        P::new_array(self.iter().map(T::encode).collect())
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
    fn lists_fail_whole_on_one_bad_element() {
        assert_eq!(Vec::<u32>::decode(&json!([1, 2])), Some(vec![1, 2]));
        assert_eq!(Vec::<u32>::decode(&json!([1, "2"])), None);
        assert_eq!(Vec::<u32>::decode(&json!({"0": 1})), None);
    }
}
