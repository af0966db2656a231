//! Heavy runs: the terminal chat killed at random points, 500 users at once, and a flood. Their
//! ignored long versions run with `cargo test --release --test long -- --ignored`.
//! One test binary (see docs/testing.md); each module is a behaviour.

mod flood;
mod kill_chat;
mod load;
