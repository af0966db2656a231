//! The terminal front: the real binary driven as a user or a script would, check-ins played out
//! with `ADVISOR_NOW`, and the brief, CSV and chart from the command line.
//! One test binary (see docs/testing.md); each module is a behaviour.

mod brief;
mod checkins;
mod commands;
