//! Article 002's failure point: "$1,000 a month for 6 months, stop if under 10,000 followers".
//!
//! For now only the number of months is read (as the number reader reads months); the spend and
//! the result line come with the readers that know every other kind's units.

use super::number::read_number;
use super::{Reading, Unreadable};

/// Reads a failure point. Any part may be missing, but at least one must be there.
pub fn read_failure_point(text: &str) -> Result<Reading, Unreadable> {
    match read_number(text, Some("months"))? {
        Reading::Number { value } => Ok(Reading::FailurePoint {
            per_month: None,
            months: Some(value),
            below: None,
            metric: None,
        }),
        _ => Err(Unreadable::NoNumber),
    }
}
