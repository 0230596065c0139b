//! Allocator and thread settings for a build.
//!
//! mimalloc hands memory a thread has freed back to the system 10 ms
//! later (its `purge_delay`). A build frees and allocates all the time, so
//! the same memory went back and forth: every return and new touch costs
//! a page fault, and under transparent huge pages the kernel clears 2 MiB
//! each time. On a 10,000-procedure build that was about a tenth of the
//! CPU time, for about 12 MB less peak memory. A build is short, so it
//! keeps what it freed until it ends; `serve`, which runs for hours, keeps
//! mimalloc's default.

/// mimalloc's `mi_option_purge_delay`: its place in the `mi_option_t`
/// list of the mimalloc 2 sources that libmimalloc-sys 0.1.49 builds
/// (after `mi_option_eager_commit_delay`, 14), which the crate does not
/// name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process until it ends (see the module).
pub fn keep_freed_memory() {
    // SAFETY: mi_option_set stores a number in mimalloc's table of options,
    // which any thread may do at any time; -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// mimalloc's current purge delay, in milliseconds (-1: never).
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: reads a number from mimalloc's table of options.
    unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
}

/// Frees `value` on a thread of its own. At the end of a build the model
/// and what was rendered are hundreds of thousands of allocations (about
/// 20 ms of freeing at 10,000 procedures): the build need not wait for
/// that before it says it is done, and a process that ends meanwhile
/// simply ends. Where no thread can be started, `value` is freed here.
pub fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("camnang-free".into())
        .spawn(move || drop(value));
}

/// The most items (files to parse, files to make) one thread takes at a
/// time in a parallel loop. Small pieces let a thread that finished its
/// own work take items from another one until the end: with rayon's
/// default pieces, one thread went on alone for the last tenth of a second
/// of a 10,000-procedure rebuild while the other waited.
pub const PIECE: usize = 16;

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_the_option_mimalloc_reports() {
        // mimalloc's documented default is 10 ms (unless MIMALLOC_PURGE_DELAY
        // says otherwise); a wrong index would read another option
        let env = std::env::var("MIMALLOC_PURGE_DELAY").ok();
        if env.is_none() {
            assert_eq!(super::purge_delay(), 10);
        }
        super::keep_freed_memory();
        assert_eq!(super::purge_delay(), -1);
    }
}
