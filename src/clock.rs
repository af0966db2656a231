//! The time the fronts hand to the core: the system's, one set with `ADVISOR_NOW`, or a fake.
//!
//! Check-ins run over months, so everything that schedules or judges them takes a [`Clock`]
//! instead of reading the system time: the CLI honours `ADVISOR_NOW` (RFC 3339) so a user or a
//! test can play out six months in seconds, and the bot's scheduler takes a [`FakeClock`] in
//! tests, which move time forward by calling [`FakeClock::advance`] rather than sleeping.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The environment variable that sets the CLI's current time.
pub(crate) const NOW_VAR: &str = "ADVISOR_NOW";

/// Where the current time comes from, in seconds since the Unix epoch.
pub trait Clock: Send + Sync {
    fn now(&self) -> u64;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }
}

/// A clock that says what it is told: fixed by `ADVISOR_NOW`, or moved by a test. Clones share
/// the time, so a test can keep one and hand another to a scheduler.
#[derive(Debug, Clone, Default)]
pub struct FakeClock(Arc<AtomicU64>);

impl FakeClock {
    pub fn at(now: u64) -> Self {
        FakeClock(Arc::new(AtomicU64::new(now)))
    }

    pub fn set(&self, now: u64) {
        self.0.store(now, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Reads an RFC 3339 time (`2026-01-01T09:00:00Z`) as seconds since the epoch. Times before 1970
/// are refused: nothing here happened then.
pub(crate) fn parse_rfc3339(text: &str) -> Result<u64, String> {
    let parsed = OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map_err(|err| format!("{text:?} is not an RFC 3339 time such as 2026-01-01T09:00:00Z ({err})"))?;
    u64::try_from(parsed.unix_timestamp()).map_err(|_| format!("{text:?} is before 1970"))
}

/// The clock for a command: `value` (the `ADVISOR_NOW` setting) when given, else the system's.
/// A value that is not an RFC 3339 time is an error, never ignored.
pub(crate) fn from_setting(value: Option<&str>) -> Result<Box<dyn Clock>, String> {
    match value {
        None => Ok(Box::new(SystemClock)),
        Some(text) => {
            let now = parse_rfc3339(text).map_err(|err| format!("{NOW_VAR}: {err}"))?;
            Ok(Box::new(FakeClock::at(now)))
        }
    }
}

/// The clock `ADVISOR_NOW` sets, else the system's.
pub(crate) fn from_env() -> Result<Box<dyn Clock>, String> {
    match std::env::var(NOW_VAR) {
        Ok(value) => from_setting(Some(&value)),
        Err(std::env::VarError::NotPresent) => from_setting(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{NOW_VAR} is not valid text")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advisor_now_sets_the_time_and_a_bad_value_is_refused() {
        assert_eq!(parse_rfc3339("2026-01-01T00:00:00Z"), Ok(1_767_225_600));
        assert_eq!(parse_rfc3339("2026-01-01T01:00:00+01:00"), Ok(1_767_225_600));
        let clock = from_setting(Some("2026-03-01T09:30:00Z")).unwrap();
        assert_eq!(clock.now(), 1_772_357_400);
        for bad in ["next tuesday", "2026-01-01", "1969-12-31T23:59:59Z", ""] {
            let err = from_setting(Some(bad))
                .err()
                .unwrap_or_else(|| panic!("{bad:?} was taken"));
            assert!(err.starts_with("ADVISOR_NOW: "), "{err}");
        }
        assert!(from_setting(None).unwrap().now() > 1_700_000_000);
    }

    #[test]
    fn a_fake_clock_moves_only_when_told_and_its_clones_share_it() {
        let clock = FakeClock::at(100);
        let shared = clock.clone();
        assert_eq!(shared.now(), 100);
        clock.set(150);
        assert_eq!(shared.now(), 150);
        shared.set(10);
        assert_eq!(clock.now(), 10);
    }
}
