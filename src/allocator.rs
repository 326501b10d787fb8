//! The modules' memory allocator: blocks in power-of-two size classes, each
//! class a list of the blocks given back, reused before new memory is taken.
//! A block is never split nor merged, so a class's blocks serve only its own
//! sizes and memory in use is at most twice what is asked for, per class.
//!
//! Why not Rust's default (dlmalloc): it is 3.5 KB gzipped of a page's
//! module, the popup's budget overrun (docs/performance.md, "Size"), and its strengths
//! (little waste over hours of mixed sizes) serve short-lived pages and a
//! background of small messages little. This one is a few hundred bytes.
//!
//! The logic ([`Classes`]) takes its memory from a `grow` function, so it is
//! tested natively on memory of its own; in Wasm, `grow` is `memory.grow`.

/// The smallest block: room for the free list's link.
const MIN_CLASS: u32 = 3;
/// Classes up to 2^31 bytes: more than a 32-bit memory can hold anyway.
const CLASSES: usize = 32;
/// Wasm memory grows by pages of 64 KiB.
const PAGE: usize = 1 << 16;

/// The size class of a block that holds `size` bytes aligned to `align`.
fn class_of(size: usize, align: usize) -> u32 {
    let needed = size.max(align).max(1 << MIN_CLASS);
    usize::BITS - (needed - 1).leading_zeros()
}

/// The free lists and the untouched memory at the end of the heap.
pub struct Classes {
    /// Per class, the address of the first block given back (0: none); each
    /// free block holds the address of the next in its first word.
    free: [usize; CLASSES],
    /// Untouched memory, from `next` to `end`.
    next: usize,
    end: usize,
}

impl Classes {
    pub const fn new() -> Classes {
        Classes {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }
    }

    /// A block for `size` bytes aligned to `align`, or null when `grow` (asked
    /// for a number of pages, answering the address of the first or `None`)
    /// gives no more memory.
    ///
    /// # Safety
    /// The blocks on the free lists must be ones [`Classes::give_back`] was
    /// given, and memory from `grow` must be this allocator's alone.
    pub unsafe fn take(
        &mut self,
        size: usize,
        align: usize,
        grow: impl FnOnce(usize) -> Option<usize>,
    ) -> *mut u8 {
        let class = class_of(size, align);
        let Some(head) = self.free.get_mut(class as usize) else {
            return core::ptr::null_mut();
        };
        if *head != 0 {
            let block = *head as *mut usize;
            *head = block.read();
            return block.cast();
        }
        // A block is aligned to its size, up to a page (more is never asked).
        let block = 1usize << class;
        let aligned = |at: usize| (at + block.min(PAGE) - 1) & !(block.min(PAGE) - 1);
        let mut start = aligned(self.next);
        if self.next == 0 || start + block > self.end {
            let pages = block.div_ceil(PAGE);
            let Some(fresh) = grow(pages) else {
                return core::ptr::null_mut();
            };
            // Memory that follows the heap's end extends it; any other
            // (the first, or after memory the allocator did not take) starts anew.
            if fresh != self.end {
                self.next = fresh;
            }
            self.end = fresh + pages * PAGE;
            start = aligned(self.next);
        }
        self.next = start + block;
        start as *mut u8
    }

    /// Puts back a block [`Classes::take`] gave for the same `size` and `align`.
    ///
    /// # Safety
    /// `block` came from `take` with this size and alignment, and is no longer used.
    pub unsafe fn give_back(&mut self, block: *mut u8, size: usize, align: usize) {
        let class = class_of(size, align) as usize;
        let block = block.cast::<usize>();
        block.write(self.free[class]);
        self.free[class] = block as usize;
    }

    /// Whether a block for `old` bytes also holds `new` bytes (same class).
    pub fn holds(old: usize, new: usize, align: usize) -> bool {
        class_of(old, align) == class_of(new, align)
    }
}

impl Default for Classes {
    fn default() -> Classes {
        Classes::new()
    }
}

/// The allocator of every Wasm module this crate builds.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::Classes;
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    struct Allocator(UnsafeCell<Classes>);

    // A Wasm module here runs on one thread: nothing shares the lists.
    unsafe impl Sync for Allocator {}

    fn grow(pages: usize) -> Option<usize> {
        let before = core::arch::wasm32::memory_grow(0, pages);
        (before != usize::MAX).then(|| before * super::PAGE)
    }

    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).take(layout.size(), layout.align(), grow)
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            (*self.0.get()).give_back(block, layout.size(), layout.align());
        }

        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if Classes::holds(layout.size(), new_size, layout.align()) {
                return block;
            }
            let moved = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
            if !moved.is_null() {
                core::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            moved
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Classes::new()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory handed out a page at a time from one buffer, as `memory.grow` does.
    struct Memory {
        buffer: Vec<u8>,
        used: usize,
    }

    impl Memory {
        fn new(pages: usize) -> Memory {
            Memory {
                buffer: vec![0; (pages + 1) * PAGE],
                used: 0,
            }
        }

        fn grow(&mut self, pages: usize) -> Option<usize> {
            let base = self.buffer.as_ptr() as usize;
            let first = (base + PAGE - 1) & !(PAGE - 1);
            let at = first + self.used;
            if at + pages * PAGE > base + self.buffer.len() {
                return None;
            }
            self.used += pages * PAGE;
            Some(at)
        }
    }

    #[test]
    fn classes_are_powers_of_two_that_hold_size_and_alignment() {
        assert_eq!(class_of(0, 1), MIN_CLASS);
        assert_eq!(class_of(8, 1), 3);
        assert_eq!(class_of(9, 1), 4);
        assert_eq!(class_of(16, 1), 4);
        assert_eq!(class_of(17, 8), 5);
        assert_eq!(class_of(3, 64), 6);
        assert_eq!(class_of(PAGE, 1), 16);
        assert_eq!(class_of(PAGE + 1, 1), 17);
        assert!(Classes::holds(9, 16, 1));
        assert!(!Classes::holds(16, 17, 1));
    }

    #[test]
    fn blocks_are_aligned_apart_and_reused_once_given_back() {
        let mut memory = Memory::new(8);
        let mut heap = Classes::new();
        let take = |heap: &mut Classes, memory: &mut Memory, size, align| unsafe {
            heap.take(size, align, |pages| memory.grow(pages))
        };
        let a = take(&mut heap, &mut memory, 24, 8);
        let b = take(&mut heap, &mut memory, 24, 8);
        let c = take(&mut heap, &mut memory, 100, 64);
        assert!(!a.is_null() && !b.is_null() && !c.is_null());
        assert_eq!(
            b as usize - a as usize,
            32,
            "one 32-byte block after another"
        );
        assert_eq!(c as usize % 64, 0, "aligned as asked");
        assert!(c as usize >= b as usize + 32, "apart");
        unsafe {
            a.write_bytes(0xAA, 24);
            b.write_bytes(0xBB, 24);
            assert_eq!(*a.add(23), 0xAA, "blocks do not overlap");
            heap.give_back(a, 24, 8);
        }
        assert_eq!(
            take(&mut heap, &mut memory, 20, 4),
            a,
            "the freed block, reused"
        );
        assert_ne!(take(&mut heap, &mut memory, 20, 4), a, "and only once");
        // Larger than a page: whole pages, from new memory.
        let big = take(&mut heap, &mut memory, 3 * PAGE, 8);
        assert!(!big.is_null());
        assert_eq!(big as usize % PAGE, 0);
        // More than there is: null, and what was taken stays.
        assert!(take(&mut heap, &mut memory, 16 * PAGE, 8).is_null());
        assert_eq!(unsafe { *b }, 0xBB);
    }

    #[test]
    fn memory_that_follows_extends_the_heap() {
        let mut memory = Memory::new(4);
        let mut heap = Classes::new();
        let mut taken = Vec::new();
        // Two pages' worth of 4 KiB blocks: the second page follows the first.
        for _ in 0..32 {
            let block = unsafe { heap.take(4096, 8, |pages| memory.grow(pages)) };
            assert!(!block.is_null());
            taken.push(block as usize);
        }
        assert_eq!(memory.used, 2 * PAGE, "no page wasted");
        taken.sort();
        assert!(taken.windows(2).all(|w| w[1] - w[0] == 4096));
    }
}
