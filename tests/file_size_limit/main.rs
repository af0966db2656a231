//! The store's writes failing under a file size limit (RLIMIT_FSIZE). The limit is the whole
//! process's, so these tests are a binary of their own: beside the other store tests in one
//! process, their writes would fail too. See docs/testing.md.

mod store_write_fails;
