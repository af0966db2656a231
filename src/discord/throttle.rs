//! Per-user flood control: a token bucket per user. A user who sends messages or clicks faster
//! than a person reads gets one polite notice, then silence until the bucket refills, so one
//! user's flood can't push the bot past Discord's rate limits for everyone else.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What to do with one event from a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
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

/// Token buckets by user id.
pub struct Throttle {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<u64, Bucket>>,
}

impl Throttle {
    pub fn new(capacity: f64, per_second: f64) -> Self {
        Throttle {
            capacity,
            per_second,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `user` at `now`.
    pub fn check(&self, user: u64, now: Instant) -> Verdict {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > 10_000 {
            // Forget users who have been quiet long enough to be full again.
            let full_after = Duration::from_secs_f64(self.capacity / self.per_second);
            buckets.retain(|_, b| now.saturating_duration_since(b.updated) < full_after);
        }
        let bucket = buckets.entry(user).or_insert(Bucket {
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
            Verdict::Allow
        } else if bucket.warned {
            Verdict::Drop
        } else {
            bucket.warned = true;
            Verdict::SlowDown
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
        let verdicts: Vec<Verdict> = (0..6).map(|_| throttle.check(7, start)).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Allow,
                Verdict::Allow,
                Verdict::Allow,
                Verdict::SlowDown,
                Verdict::Drop,
                Verdict::Drop
            ]
        );
        assert_eq!(throttle.check(7, start + Duration::from_secs(1)), Verdict::Allow);
    }

    #[test]
    fn users_have_buckets_of_their_own() {
        let throttle = Throttle::new(1.0, 0.1);
        let now = Instant::now();
        assert_eq!(throttle.check(1, now), Verdict::Allow);
        assert_eq!(throttle.check(1, now), Verdict::SlowDown);
        assert_eq!(throttle.check(2, now), Verdict::Allow);
    }
}
