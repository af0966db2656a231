//! What the kill tests share (tests/cli/kill_chat.rs kills the terminal chat,
//! tests/discord/process.rs the bot): the answers streamed in, the seeded generator of kill points,
//! and its seed, printed and replayable with KILL_SEED.

/// Answers that every question in order accepts, for a user with some time spent now (so the
/// conditional questions are asked too).
pub const ANSWERS: &[&str] = &[
    "yes",
    "3 hours a week",
    "2",
    "yes",
    "me",
    "2 hours a week",
    "$800/mo",
    "2",
    "5",
    "no",
    "setup, design",
    "1 year",
    "women 30-50 in town",
    "leads and sales",
    "engagement",
    "within minutes",
    "unsure",
    "$60",
    "6",
    "$40",
];

/// A small, seeded generator: a kill test must be replayable from its printed seed.
pub struct XorShift(pub u64);

impl XorShift {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The seed of a kill test: KILL_SEED if set to a number, else the test's own `default`.
pub fn seed(default: u64) -> u64 {
    std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
