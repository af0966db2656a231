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
//!              ├─> chat     the interview as lines of text (the terminal, and Discord's DMs),
//!              │            and `chat::text`, the views laid out as plain text
//!              │
//!  fronts ───> app          the use cases both fronts call: the interview (`app::interview`:
//!              │            answer, review, advice), check-ins on, off, snooze, log; history,
//!              │            export, forget; on the content, the store and the one clock; wakes
//!              │            the scheduler
//!  fronts ───> brief, chart, answers_csv
//!              │            the brief and the charts, from `view::verdict`
//!  fronts ───> reminders    one round of check-in reminders over the store
//!  fronts ───> view         each screen's view model and the shared wording (`view::spans`:
//!              │            spans, `when`, `read_as`), built once from core data and prompts/
//!              │            (`view::offer`: the offer to finish once the advice is settled)
//!  app ──────> store        durable per-user records (sled or PostgreSQL) behind the async
//!              │            `Store` trait; ids opaque to it
//!  everything ────> advisor the core: questions and readers, interview, advice, check-ins,
//!                           assessments and their history, `check`; pure functions over serde data
//!  clock                    the one time (system, ADVISOR_NOW, or fake) every timestamp comes from
//! ```
//!
//! One folder per layer: where does /history live? Its view model in `view/history.rs`, its
//! use case in `app/records.rs`, its plain-text layout in `chat/text.rs`, its Discord command,
//! embeds and buttons in `discord/commands/history.rs`, its terminal subcommand in
//! `cli/history.rs`.
//!
//! Arrows point one way: fronts -> app -> store -> core, fronts -> view -> core. The core
//! never calls the store, a view or a front; the store never knows a view or a front; a view never
//! knows the store or a front (src/layers_test.rs checks these and that no module uses one that
//! uses it back). Each front makes its own [`store::UserId`]s and declares the sentences of
//! prompts/ it needs, its shared layouts' included ([`discord::message_keys`],
//! [`cli::message_keys`]), which `check` validates with the core's. prompts/ and data/ hold every
//! sentence, weight and binding the code relies on (the questions the figures are read from are
//! data/checklist.toml's `[answers]`).

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
pub mod store;
pub mod view;

#[cfg(test)]
#[path = "layers_test.rs"]
mod layers_test;
