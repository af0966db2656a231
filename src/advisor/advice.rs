//! Advice.
pub use super::content::Outcome;
pub struct Advice;
