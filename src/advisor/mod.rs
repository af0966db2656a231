//! The advisor core: questions, answer readers, the interview engine and the advice.
//!
//! Everything under this module is pure: plain serde data in, plain serde data out. It performs no
//! I/O of its own (the content is handed to it as text), knows nothing of async, terminals or
//! Discord, and never calls the store or a front. Fronts and the store call it; it calls nothing of
//! theirs.

pub mod advice;
pub(crate) mod chat_commands;
pub mod check;
pub mod checkin;
pub mod content;
pub mod display;
pub(crate) mod history;
pub mod interview;
pub mod read;
pub(crate) mod template;

pub use advice::{Advice, Outcome};
pub use content::Content;
pub use interview::{Answer, Interview};
pub use read::{Reading, Unreadable};
