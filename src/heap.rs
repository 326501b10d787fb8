//! The Wasm modules' memory allocator: blocks of power-of-two sizes, a free
//! list per size, new blocks cut from memory the module grows.
//!
//! Why not the standard library's (dlmalloc): it is ~8.5 KB of every module,
//! ~3.5 KB gzipped, and this one is a tenth of that. What it gives up suits
//! these pages: a block may be up to twice the size asked for, and freed
//! blocks are never merged again (a page lives seconds, the background
//! minutes, and neither holds more than a few megabytes). A freed block is
//! reused for its own size, or split in halves for a smaller one, before
//! memory grows: growing Wasm memory is slow. Wasm memory never shrinks, so
//! nothing is given back to the browser either way.
//!
//! The logic is plain address arithmetic, tested natively on a borrowed
//! buffer; `lib.rs` installs it as the global allocator on wasm32 only.

use core::alloc::Layout;

/// Bytes in one Wasm memory page: the unit memory grows by.
pub const PAGE: usize = 65_536;

/// The smallest block holds a free list's link (one address).
const SMALLEST: usize = core::mem::size_of::<usize>();

/// Alignment every block of at least this size gets, asked or not: what any
/// type here needs, so a freed block (or half of one) suits the next request
/// of its size.
const ALIGN: usize = 16;

/// Pages memory grows by at the least (4 MB). Growing Wasm memory is slow,
/// and with 1 MB the popup's first read of 1,000 tokens grew it three times
/// and drew more slowly than with dlmalloc; pages the module never touches
/// take no memory of the machine's.
const MIN_GROWTH: usize = 64;

/// A block of `1 << class` bytes for `class` below this.
const CLASSES: usize = usize::BITS as usize;

/// The allocator's state: the head of each size's free list (0 when empty)
/// and the part of the grown memory not yet cut into blocks.
pub struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
    /// Pages grown so far.
    grown: usize,
}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
            grown: 0,
        }
    }

    /// A block for `layout`, or null when memory cannot grow. `grow(pages)`
    /// adds pages to memory and returns the page number where they start, or
    /// `None` when it cannot.
    ///
    /// # Safety
    /// Every block freed into this heap came from it, with its own layout, and
    /// the memory `grow` hands out is this heap's alone.
    pub unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return core::ptr::null_mut();
        };
        if let Some(block) = self.take_free(class, layout.align()) {
            return block as *mut u8;
        }
        self.cut(class, layout.align(), grow)
    }

    /// A free block of `class`: its own list's first, else the first of a
    /// larger size, split in halves down to this size (the other halves go on
    /// their lists). `None` if no free block is suitably aligned.
    unsafe fn take_free(&mut self, class: usize, align: usize) -> Option<usize> {
        let larger = (class..CLASSES).find(|&c| self.free[c] != 0)?;
        let block = self.free[larger];
        if block % align != 0 {
            return None;
        }
        // The link to the next free block is kept in the block itself.
        self.free[larger] = *(block as *const usize);
        for half in (class..larger).rev() {
            self.push(block + (1 << half), half);
        }
        Some(block)
    }

    /// A new block of `class` from memory not yet used, grown if need be.
    unsafe fn cut(
        &mut self,
        class: usize,
        align: usize,
        mut grow: impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        let size = 1 << class;
        let align = align.max(size.min(ALIGN));
        let mut start = self.next.next_multiple_of(align);
        if start + size > self.end {
            // Growing memory is slow, so the heap at least doubles each time;
            // only if that is refused does it grow by just what this block needs.
            let needed = (size + align).div_ceil(PAGE);
            let doubled = needed.max(self.grown).max(MIN_GROWTH);
            let Some((first, pages)) = grow(doubled)
                .map(|first| (first, doubled))
                .or_else(|| grow(needed).map(|first| (first, needed)))
            else {
                return core::ptr::null_mut();
            };
            self.grown += pages;
            let base = first * PAGE;
            if base != self.end {
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = self.next.next_multiple_of(align);
        }
        self.next = start + size;
        start as *mut u8
    }

    /// Puts a block back on its size's free list.
    ///
    /// # Safety
    /// `block` came from [`Heap::alloc`] with this `layout` and is not used again.
    pub unsafe fn free(&mut self, block: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            self.push(block as usize, class);
        }
    }

    unsafe fn push(&mut self, block: usize, class: usize) {
        *(block as *mut usize) = self.free[class];
        self.free[class] = block;
    }

    /// The block resized to `size` bytes: the same block while the size stays
    /// within its power of two (a string or list that grows a little, or
    /// shrinks), else a new one with the contents copied. Null (and `block`
    /// untouched) when memory cannot grow.
    ///
    /// # Safety
    /// As [`Heap::free`]; `size`, rounded up to `layout.align()`, fits in `usize`.
    pub unsafe fn realloc(
        &mut self,
        block: *mut u8,
        layout: Layout,
        size: usize,
        grow: impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        let resized = Layout::from_size_align_unchecked(size, layout.align());
        if class_of(resized) == class_of(layout) {
            return block;
        }
        let moved = self.alloc(resized, grow);
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(block, moved, layout.size().min(size));
            self.free(block, layout);
        }
        moved
    }
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

/// The size class of a layout: its size (at least its alignment and
/// [`SMALLEST`]) rounded up to a power of two, as that power.
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(SMALLEST);
    let class = size.checked_next_power_of_two()?.trailing_zeros() as usize;
    (class < CLASSES).then_some(class)
}

/// The global allocator of a Wasm module: one [`Heap`], used by one thread.
#[cfg(target_arch = "wasm32")]
pub struct WasmHeap(core::cell::UnsafeCell<Heap>);

// A Wasm module built without the atomics feature runs on one thread.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for WasmHeap {}

#[cfg(target_arch = "wasm32")]
impl WasmHeap {
    pub const fn new() -> WasmHeap {
        WasmHeap(core::cell::UnsafeCell::new(Heap::new()))
    }
}

#[cfg(target_arch = "wasm32")]
impl Default for WasmHeap {
    fn default() -> WasmHeap {
        WasmHeap::new()
    }
}

/// Wasm memory grown by `pages`: the first new page's number.
#[cfg(target_arch = "wasm32")]
fn grow_memory(pages: usize) -> Option<usize> {
    let first = core::arch::wasm32::memory_grow(0, pages);
    (first != usize::MAX).then_some(first)
}

#[cfg(target_arch = "wasm32")]
unsafe impl core::alloc::GlobalAlloc for WasmHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout, grow_memory)
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        (*self.0.get()).free(block, layout);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        (*self.0.get()).realloc(block, layout, size, grow_memory)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory for a heap to grow into: `pages` pages of a buffer, handed out
    /// at page boundaries as Wasm memory is.
    struct Memory {
        _buffer: Vec<u8>,
        first_page: usize,
        pages: usize,
        used: usize,
    }

    impl Memory {
        fn new(pages: usize) -> Memory {
            let buffer = vec![0u8; (pages + 1) * PAGE];
            let first_page = (buffer.as_ptr() as usize).div_ceil(PAGE);
            Memory {
                _buffer: buffer,
                first_page,
                pages,
                used: 0,
            }
        }

        fn grow(&mut self) -> impl FnMut(usize) -> Option<usize> + '_ {
            |pages| {
                (self.used + pages <= self.pages).then(|| {
                    self.used += pages;
                    self.first_page + self.used - pages
                })
            }
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_apart_and_keep_what_is_written() {
        let mut memory = Memory::new(64);
        let mut heap = Heap::new();
        let mut seed = 0x9e37_79b9_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for round in 0..4000 {
            if !live.is_empty() && next() % 3 == 0 {
                let (block, layout, fill) = live.swap_remove(next() % live.len());
                let bytes = unsafe { core::slice::from_raw_parts(block, layout.size()) };
                assert!(bytes.iter().all(|&b| b == fill), "block overwritten");
                unsafe { heap.free(block, layout) };
                continue;
            }
            if !live.is_empty() && next() % 4 == 0 {
                let at = next() % live.len();
                let (block, old, fill) = live[at];
                let size = 1 + next() % [16, 200, 5000][next() % 3];
                let moved = unsafe { heap.realloc(block, old, size, memory.grow()) };
                assert!(!moved.is_null(), "out of memory at round {round}");
                let kept = unsafe { core::slice::from_raw_parts(moved, old.size().min(size)) };
                assert!(kept.iter().all(|&b| b == fill), "contents lost in a resize");
                let resized = layout(size, old.align());
                unsafe { core::ptr::write_bytes(moved, fill, size) };
                live[at] = (moved, resized, fill);
                continue;
            }
            let size = 1 + next() % [16, 200, 5000][next() % 3];
            let layout = layout(size, 1 << (next() % 6));
            let block = unsafe { heap.alloc(layout, memory.grow()) };
            assert!(!block.is_null(), "out of memory at round {round}");
            assert_eq!(block as usize % layout.align(), 0, "misaligned {layout:?}");
            let fill = round as u8;
            unsafe { core::ptr::write_bytes(block, fill, size) };
            live.push((block, layout, fill));
        }
        for (block, layout, fill) in live {
            let bytes = unsafe { core::slice::from_raw_parts(block, layout.size()) };
            assert!(bytes.iter().all(|&b| b == fill), "block overwritten");
        }
    }

    #[test]
    fn a_freed_block_is_reused_for_its_size_or_split_for_a_smaller_one() {
        let mut memory = Memory::new(4);
        let mut heap = Heap::new();
        let small = unsafe { heap.alloc(layout(24, 8), memory.grow()) };
        unsafe { heap.free(small, layout(24, 8)) };
        let larger = unsafe { heap.alloc(layout(40, 8), memory.grow()) };
        assert_ne!(
            larger, small,
            "a smaller block is never used for a larger size"
        );
        let same_size = unsafe { heap.alloc(layout(32, 8), memory.grow()) };
        assert_eq!(same_size, small);

        unsafe { heap.free(larger, layout(40, 8)) };
        let quarter = unsafe { heap.alloc(layout(16, 8), memory.grow()) };
        assert_eq!(quarter, larger, "the 64-byte block split for 16 bytes");
        let next_quarter = unsafe { heap.alloc(layout(10, 2), memory.grow()) };
        assert_eq!(next_quarter as usize, larger as usize + 16);
        let half = unsafe { heap.alloc(layout(32, 16), memory.grow()) };
        assert_eq!(half as usize, larger as usize + 32);
    }

    #[test]
    fn a_block_resized_within_its_size_stays_and_beyond_it_moves_with_its_bytes() {
        let mut memory = Memory::new(4);
        let mut heap = Heap::new();
        let block = unsafe { heap.alloc(layout(20, 4), memory.grow()) };
        unsafe { core::ptr::write_bytes(block, 7, 20) };
        let grown = unsafe { heap.realloc(block, layout(20, 4), 32, memory.grow()) };
        assert_eq!(grown, block, "20 → 32 bytes: the same 32-byte block");
        let shrunk = unsafe { heap.realloc(grown, layout(32, 4), 17, memory.grow()) };
        assert_eq!(shrunk, block);
        let moved = unsafe { heap.realloc(shrunk, layout(17, 4), 100, memory.grow()) };
        assert_ne!(moved, block);
        let bytes = unsafe { core::slice::from_raw_parts(moved, 17) };
        assert!(bytes.iter().all(|&b| b == 7), "contents kept: {bytes:?}");
        let reused = unsafe { heap.alloc(layout(30, 4), memory.grow()) };
        assert_eq!(reused, block, "the old block was freed");
    }

    #[test]
    fn large_blocks_grow_memory_and_a_refusal_is_null() {
        let mut memory = Memory::new(8);
        let mut heap = Heap::new();
        let big = unsafe { heap.alloc(layout(3 * PAGE, 8), memory.grow()) };
        assert!(!big.is_null());
        assert_eq!(memory.used, 5, "4 pages for the block, 1 for its alignment");
        unsafe { core::ptr::write_bytes(big, 1, 3 * PAGE) };
        let refused = unsafe { heap.alloc(layout(8 * PAGE, 8), memory.grow()) };
        assert!(refused.is_null());
        assert!(unsafe { heap.alloc(layout(usize::MAX / 4, 8), memory.grow()) }.is_null());
    }

    #[test]
    fn memory_grows_by_doubling() {
        let mut memory = Memory::new(4 * MIN_GROWTH);
        let mut heap = Heap::new();
        let mut sizes_seen = Vec::new();
        for _ in 0..3 * MIN_GROWTH {
            let block = unsafe { heap.alloc(layout(PAGE, 8), memory.grow()) };
            assert!(!block.is_null());
            if sizes_seen.last() != Some(&memory.used) {
                sizes_seen.push(memory.used);
            }
        }
        assert_eq!(sizes_seen, [MIN_GROWTH, 2 * MIN_GROWTH, 4 * MIN_GROWTH]);
    }
}
