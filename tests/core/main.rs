//! The core, with no front and no store: the answer readers, the interview engine, the advice and
//! its figures, the content under prompts/ and data/, the charts, and the docs' own promises.
//! One test binary (see docs/testing.md); each module is a behaviour.

mod advice;
mod content;
mod docs;
mod figures;
mod interview;
mod personas;
mod pictures;
mod progress;
mod readers;
mod sources;
