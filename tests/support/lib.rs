//! Test support shared by the tests and the benchmarks: a local stand-in for Discord, a way to run
//! the real bot against it on a temporary store, a PostgreSQL schema per test, and the personas
//! and records several suites use (`common`).

pub mod bot;
pub mod chat;
pub mod common;
pub mod kill;
pub mod pg;
pub mod proxy;
pub mod standin;

/// The project's root, where prompts/, data/ and tests/ are.
pub fn root() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}
