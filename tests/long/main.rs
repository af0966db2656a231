//! Heavy runs of the Discord bot: 500 users at once, and a flood. A binary of their own, so that
//! their 3 s deadlines share the machine with nothing heavier than each other (beside the
//! terminal chat's kill test, one of the 500 users' interactions was deferred past 1.5 s; beside
//! the two-process run in tests/shards, an interaction was answered after 3.0 s).
//! See docs/testing.md.

mod flood;
mod load;
