//! The store: the contract every backend keeps, sled's own promises, check-ins,
//! the bounded history, old records, and the fsync behind each confirmation.
//! One test binary (see docs/testing.md); each module is a behaviour.

mod checkins;
mod contract;
mod fsync;
mod history;
mod migration;
mod sled_backend;
