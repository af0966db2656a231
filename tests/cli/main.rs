//! The terminal front: the real binary driven as a user or a script would, check-ins played out
//! with `ADVISOR_NOW`, the brief, CSV and chart from the command line, and the chat killed at
//! random points (its 1,000-kill long run: `cargo test --release --test cli -- --ignored`).
//! One test binary (see docs/testing.md); each module is a behaviour.

mod brief;
mod checkins;
mod commands;
mod kill_chat;
