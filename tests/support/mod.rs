//! Test support shared by the Discord tests (and the benchmarks): a local stand-in for Discord,
//! and a way to run the real bot against it on a temporary store.
#![allow(dead_code)]

pub mod bot;
pub mod standin;
