//! The store: the contract every backend keeps, sled's own promises, check-ins,
//! the bounded history, old records, the fsync behind each confirmation, and the faults a
//! deployment meets (a damaged sled store, a full disk, PostgreSQL frozen or cut).
//! One test binary (see docs/testing.md); each module is a behaviour.

mod checkins;
mod contract;
mod dictionary;
mod faults;
mod fsync;
mod history;
mod migration;
mod postgres_faults;
mod sled_backend;
mod sled_damage;
