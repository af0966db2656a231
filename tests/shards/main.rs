//! One owner, any process: two bot processes on one PostgreSQL database, each running half of
//! four shards against the stand-in, two hundred owners at once among them. A binary of its own,
//! as it was before the suite became a few binaries: beside the other Discord tests, or beside the
//! 500 users of tests/long, an interaction was answered after Discord's 3 s. See docs/testing.md.

mod two_processes;
