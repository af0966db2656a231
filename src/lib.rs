//! outsource-advisor: helps a small-business owner decide whether to outsource their social
//! media marketing, by a Discord bot and by a terminal chat that ask the same questions and give
//! the same advice.
//!
//! # How the code is laid out
//!
//! ```text
//! main.rs ─> cli          the command line: one file per subcommand; runs the bot or the chat
//!              │
//!              ├─> discord  the Discord front: commands (one exhaustive list), components,
//!              │            conversation, render; declares its sentences for `check`
//!              ├─> chat     the interview as lines of text (the terminal, and Discord's DMs)
//!              │
//!  fronts ───> view         each screen's view model, built once from core data and prompts/
//!              │            (advice and checklist, verdict for the brief and charts, check-ins)
//!  fronts ───> text         the terminal's layouts of the views (Discord's are in discord::render)
//!  fronts ───> brief, chart, answers_csv
//!              │            the brief and the charts, from `view::verdict`
//!  fronts ───> reminders    one round of check-in reminders over the store
//!  fronts ───> session ──> store     durable per-user records (sled or PostgreSQL) behind
//!              │                     the async `Store` trait; ids opaque to it
//!              └──────────> advisor  the core: questions, readers, interview, advice,
//!                                    check-ins, `check`; pure functions over serde data
//!  clock                    the time handed to the core (system, ADVISOR_NOW, or fake)
//! ```
//!
//! Arrows point one way: fronts -> session -> store -> core, fronts -> core. The core never
//! calls the store or a front, and the store never knows a front: each front makes its own
//! [`store::UserId`]s and declares the sentences of prompts/ it needs
//! ([`discord::message_keys`], [`cli::message_keys`]), which `check` validates with the core's.
//! prompts/ and data/ hold every sentence, weight and binding the code relies on (the questions
//! the figures are read from are data/checklist.toml's `[answers]`).

pub mod advisor;
pub mod answers_csv;
pub mod app;
pub mod brief;
pub mod chart;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod discord;
pub mod reminders;
pub mod session;
pub mod store;
pub mod text;
pub mod view;

#[cfg(test)]
#[path = "layers_test.rs"]
mod layers_test;
