//! A user's history as the core sees it: each completed assessment (the answers it was given
//! and the advice they produced), and a summary of those folded away. The store keeps them; the
//! views show them; neither defines them.

use serde::{Deserialize, Serialize};

use super::advice::Advice;
use super::interview::Answer;

/// A completed assessment: the answers it was given and the advice they produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// Seconds since the Unix epoch.
    pub at: u64,
    pub answers: Vec<Answer>,
    pub advice: Advice,
    /// On the oldest assessment kept: a summary of the older ones folded into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<Earlier>,
}

/// The assessments folded away beyond the store's limit (`store::MAX_ASSESSMENTS`), in summary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Earlier {
    /// How many were folded.
    pub count: u64,
    /// When the first and the last of them were made (seconds since the Unix epoch).
    pub first_at: u64,
    pub last_at: u64,
    /// How many of them gave each recommendation, by outcome id ("full", "not_yet").
    pub outcomes: std::collections::BTreeMap<String, u64>,
}
