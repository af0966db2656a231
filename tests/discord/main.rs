//! The Discord front: the real serenity client against the stand-in (tests/support/standin),
//! every request judged by Discord's OpenAPI spec and limits.
//! One test binary (see docs/testing.md); each module is a behaviour.

mod answers;
mod brief;
mod chat;
mod checkins;
mod checkins_shards;
mod clicks;
mod custom_id;
mod data;
mod faults;
mod first_run;
mod installs;
mod interview;
mod look;
mod process;
mod safety;
mod spec_checks;
mod standin;
mod store_faults;
