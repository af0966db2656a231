//! Advice from a set of answers.

use serde::{Deserialize, Serialize};

pub use super::content::Outcome;

/// One reason behind the advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub text: String,
    /// The article it rests on (file name without .txt).
    pub source: String,
    /// The question ids whose answers drove it.
    pub questions: Vec<String>,
}

/// One line of the metric checklist, worked out for this business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub metric: String,
    pub target: String,
    pub why: String,
    pub source: String,
}

/// The recommendation, as the `advice --json` command prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub outcome: Outcome,
    /// 0 to 1: how clear-cut the outcome is, lowered by missing answers.
    pub confidence: f64,
    pub reasons: Vec<Reason>,
    /// The smallest single changes of answer that would flip the outcome.
    pub would_change: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    /// Ids of unanswered questions that would matter most, most important first.
    pub missing: Vec<String>,
}
