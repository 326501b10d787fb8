//! Putting records in the order the pages show them.
//!
//! A heapsort of a dozen lines instead of the standard library's sort: each use
//! of that one brings ~2 KB of Wasm (its quicksort, small-input sorting networks,
//! pivot choice), and the lists here are a few thousand records at most, sorted
//! once per read or change. Not stable: every order used here is total (ids are unique).

/// Newest first by `(created, id)` as `key` gives them; ids are unique, so the
/// order is total.
pub fn newest_first<T>(items: &mut [T], key: for<'a> fn(&'a T) -> (u64, &'a str)) {
    sort_by(items, &|a, b| key(a) > key(b));
}

/// By storage key: the records kept unread, each with its key.
pub fn by_key<T>(items: &mut [(String, T)]) {
    sort_by(items, &|a, b| a.0 < b.0);
}

/// Sorts `items` so that no item comes after one it goes `before`: in linear
/// time when they are in reverse order, in O(n log n) otherwise.
pub fn sort_by<T>(items: &mut [T], before: &dyn Fn(&T, &T) -> bool) {
    // Storage hands records back in key order, and an id begins with the time
    // its record was made: a list read from it is oldest first, the reverse of
    // the order shown.
    if items.windows(2).all(|pair| before(&pair[1], &pair[0])) {
        items.reverse();
        return;
    }
    // A heap with the item that goes last at its root, moved behind the heap
    // one at a time.
    for root in (0..items.len() / 2).rev() {
        sift_down(items, root, before);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0, before);
    }
}

/// Moves `items[node]` down until neither child goes after it.
fn sift_down<T>(items: &mut [T], mut node: usize, before: &dyn Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * node + 1;
        let Some(first) = items.get(child) else {
            return;
        };
        if items
            .get(child + 1)
            .is_some_and(|second| before(first, second))
        {
            child += 1;
        }
        if !before(&items[node], &items[child]) {
            return;
        }
        items.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as the standard library's sort, for every length up to
    /// 64 and two long lists: in order, reversed, almost in order, with many
    /// equal keys, and with none.
    #[test]
    fn orders_as_the_standard_sort_does() {
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in (0..=64).chain([1000, 4097]) {
            let ascending: Vec<u64> = (0..len).collect();
            let mut almost = ascending.clone();
            if len > 1 {
                almost.swap(len as usize / 3, len as usize / 2);
            }
            let inputs = [
                ascending.iter().rev().copied().collect(),
                ascending,
                almost,
                (0..len).map(|_| next() % 4).collect(),
                (0..len).map(|_| next()).collect(),
            ];
            for items in inputs {
                let mut ours = items.clone();
                sort_by(&mut ours, &|a, b| a < b);
                let mut expected = items.clone();
                expected.sort_unstable();
                assert_eq!(ours, expected, "{items:?}");
            }
        }
    }

    #[test]
    fn orders_by_the_given_rule() {
        let mut words = vec!["pear", "fig", "apple", "kiwi"];
        sort_by(&mut words, &|a, b| {
            a.len() > b.len() || (a.len() == b.len() && a < b)
        });
        assert_eq!(words, ["apple", "kiwi", "pear", "fig"]);
    }
}
