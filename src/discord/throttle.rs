//! Flood control. Per user: a token bucket each; a user who sends messages or clicks faster than
//! a person reads gets one polite notice, then silence until the bucket refills, so one user's
//! flood can't push the bot past Discord's rate limits for everyone else. Bot-wide: one bucket
//! for the requests the bot sends ([`GlobalBudget`]), since many users at once, each within their
//! own limit, can still add up to more than Discord's 50 requests a second per bot.

use crate::discord::DiscordUserId;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What to do with one event from a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Handle it.
    Allow,
    /// Drop it, and tell the user once that they are going too fast.
    SlowDown,
    /// Drop it quietly: they have been told.
    Drop,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
    warned: bool,
}

/// Users tracked before the first sweep.
const SWEEP_FROM: usize = 10_000;

/// The buckets, and the size at which they are next swept.
struct Buckets {
    by_user: HashMap<DiscordUserId, Bucket>,
    /// Twice the size the last sweep left (at least [`SWEEP_FROM`]): a sweep that looks at `n`
    /// entries comes after at least `n / 2` new users, so it costs at most two looks per event
    /// however many users stay active, where sweeping at every event past a fixed size costs
    /// the whole map each time.
    sweep_at: usize,
}

/// Token buckets by user id.
pub(crate) struct Throttle {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<Buckets>,
    /// Entries looked at by sweeps, in all: what the sweep costs.
    swept: std::sync::atomic::AtomicU64,
}

impl Throttle {
    pub(crate) fn new(capacity: f64, per_second: f64) -> Self {
        Throttle {
            capacity,
            per_second,
            buckets: Mutex::new(Buckets {
                by_user: HashMap::new(),
                sweep_at: SWEEP_FROM,
            }),
            swept: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Takes one token for `user` at `now`.
    pub(crate) fn check(&self, user: DiscordUserId, now: Instant) -> Admission {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.by_user.len() > buckets.sweep_at {
            // Forget users who have been quiet long enough to be full again.
            let full_after = Duration::from_secs_f64(self.capacity / self.per_second);
            self.swept
                .fetch_add(buckets.by_user.len() as u64, std::sync::atomic::Ordering::Relaxed);
            buckets
                .by_user
                .retain(|_, b| now.saturating_duration_since(b.updated) < full_after);
            buckets.sweep_at = (2 * buckets.by_user.len()).max(SWEEP_FROM);
        }
        let bucket = buckets.by_user.entry(user).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
            warned: false,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            bucket.warned = false;
            Admission::Allow
        } else if bucket.warned {
            Admission::Drop
        } else {
            bucket.warned = true;
            Admission::SlowDown
        }
    }
}

/// The bot-wide budget of outgoing requests that count against Discord's global rate limit (50 a
/// second per bot; interaction responses do not count). Work waits briefly for a token, and is
/// shed when none comes in time; a few tokens are held back for the notice that says so.
pub(crate) struct GlobalBudget {
    capacity: f64,
    per_second: f64,
    /// Tokens only a notice may take.
    reserve: f64,
    /// How long work may queue for a token before it is shed.
    pub queue: Duration,
    state: Mutex<(f64, Instant)>,
}

impl Default for GlobalBudget {
    /// A burst of 5 and 35 a second: a bucket lets through its burst plus its rate in any second,
    /// so no second's tokens exceed 40, leaving room under Discord's 50 for requests that go out
    /// bunched (a chat message's token is taken before its work, and the work takes varying
    /// time). 2 of the 5 are held for notices; work queues for up to 2 s.
    fn default() -> Self {
        GlobalBudget::new(5.0, 35.0, 2.0, Duration::from_secs(2), Instant::now())
    }
}

impl GlobalBudget {
    pub(crate) fn new(capacity: f64, per_second: f64, reserve: f64, queue: Duration, now: Instant) -> Self {
        GlobalBudget {
            capacity,
            per_second,
            reserve: reserve.min(capacity - 1.0).max(0.0),
            queue,
            state: Mutex::new((capacity, now)),
        }
    }

    /// Takes a token at `now`, leaving `keep` untouched: Ok, or how long until one is free.
    fn take_keeping(&self, keep: f64, now: Instant) -> Result<(), Duration> {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (tokens, updated) = &mut *state;
        let elapsed = now.saturating_duration_since(*updated).as_secs_f64();
        *tokens = (*tokens + elapsed * self.per_second).min(self.capacity);
        *updated = now.max(*updated);
        if *tokens >= 1.0 + keep {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 + keep - *tokens) / self.per_second))
        }
    }

    /// A token for work (never from the reserve), at `now`.
    pub(crate) fn take(&self, now: Instant) -> Result<(), Duration> {
        self.take_keeping(self.reserve, now)
    }

    /// A token for a notice (the reserve too), at `now`.
    pub(crate) fn take_for_notice(&self, now: Instant) -> bool {
        self.take_keeping(0.0, now).is_ok()
    }

    /// Waits for a token for work, up to [`GlobalBudget::queue`]; false if it is to be shed.
    pub(crate) async fn acquire(&self) -> bool {
        let deadline = Instant::now() + self.queue;
        loop {
            let now = Instant::now();
            match self.take(now) {
                Ok(()) => return true,
                Err(wait) if now + wait > deadline => return false,
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// Waits for a token however long it takes: for the rest of a reply whose work is done.
    pub(crate) async fn acquire_always(&self) {
        loop {
            match self.take_keeping(0.0, Instant::now()) {
                Ok(()) => return,
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_gets_one_notice_then_silence_until_the_bucket_refills() {
        let throttle = Throttle::new(3.0, 1.0);
        let start = Instant::now();
        let verdicts: Vec<Admission> = (0..6).map(|_| throttle.check(DiscordUserId::new(7), start)).collect();
        assert_eq!(
            verdicts,
            [
                Admission::Allow,
                Admission::Allow,
                Admission::Allow,
                Admission::SlowDown,
                Admission::Drop,
                Admission::Drop
            ]
        );
        assert_eq!(
            throttle.check(DiscordUserId::new(7), start + Duration::from_secs(1)),
            Admission::Allow
        );
    }

    #[test]
    fn the_sweep_of_quiet_users_costs_a_constant_amount_per_event() {
        // 30,000 users, all active (none is full again), so no sweep can shrink the map.
        let throttle = Throttle::new(10.0, 0.001);
        let now = Instant::now();
        let events = 30_000u64;
        for user in 1..=events {
            assert_eq!(throttle.check(DiscordUserId::new(user), now), Admission::Allow);
        }
        let swept = throttle.swept.load(std::sync::atomic::Ordering::Relaxed);
        assert!(swept <= 4 * events, "{swept} entries swept for {events} events");
        // And the sweep still forgets users once they are full again.
        let later = now + Duration::from_secs(100_000);
        for user in events + 1..=3 * events {
            throttle.check(DiscordUserId::new(user), later);
        }
        let kept = throttle.buckets.lock().unwrap().by_user.len() as u64;
        assert!(kept < 3 * events, "{kept} buckets kept: the quiet ones were forgotten");
    }

    #[test]
    fn the_bot_wide_budget_lets_a_burst_through_then_the_rate_and_keeps_a_reserve_for_notices() {
        let start = Instant::now();
        let outgoing = GlobalBudget::new(50.0, 50.0, 5.0, Duration::from_secs(2), start);
        let through = (0..100).filter(|_| outgoing.take(start).is_ok()).count();
        assert_eq!(through, 45, "the burst, less the reserve");
        let wait = outgoing.take(start).unwrap_err();
        assert!(
            wait <= Duration::from_millis(120),
            "the next one is free soon: {wait:?}"
        );
        let notices = (0..10).filter(|_| outgoing.take_for_notice(start)).count();
        assert_eq!(notices, 5, "notices may use the reserve, and only it");
        // A second later, 50 more at most.
        let later = start + Duration::from_secs(1);
        let through = (0..100).filter(|_| outgoing.take(later).is_ok()).count();
        assert_eq!(through, 45);
    }

    #[test]
    fn users_have_buckets_of_their_own() {
        let throttle = Throttle::new(1.0, 0.1);
        let now = Instant::now();
        assert_eq!(throttle.check(DiscordUserId::new(1), now), Admission::Allow);
        assert_eq!(throttle.check(DiscordUserId::new(1), now), Admission::SlowDown);
        assert_eq!(throttle.check(DiscordUserId::new(2), now), Admission::Allow);
    }
}
