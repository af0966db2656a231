//! The questions as data/questions.toml states them, and so as their readers read them: the kind
//! of answer (which reader), the listed choices (with the table reading them, built once), and
//! when a question is asked. They live with the readers so the readers need nothing of the rest
//! of the content; [`crate::advisor::content`] names them too.

use serde::{Deserialize, Serialize};

use super::ChoiceTables;

/// How an answer is typed, and so which reader reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// yes / no / unsure.
    YesNo,
    /// 1 to 5.
    Scale,
    /// One of the listed choices.
    Choice,
    /// Any number of the listed choices.
    Choices,
    /// An amount of money, optionally with a period.
    Money,
    /// Time spent, read as hours per week.
    Hours,
    /// A plain number (years, months, counts).
    Number,
    /// Free text; vague answers such as "everybody" count as no answer.
    Text,
    /// Article 002's failure point: spend a month, months, and the result below which to stop.
    FailurePoint,
}

impl AnswerKind {
    pub const ALL: [AnswerKind; 9] = [
        AnswerKind::YesNo,
        AnswerKind::Scale,
        AnswerKind::Choice,
        AnswerKind::Choices,
        AnswerKind::Money,
        AnswerKind::Hours,
        AnswerKind::Number,
        AnswerKind::Text,
        AnswerKind::FailurePoint,
    ];

    pub fn name(self) -> &'static str {
        match self {
            AnswerKind::YesNo => "yes_no",
            AnswerKind::Scale => "scale",
            AnswerKind::Choice => "choice",
            AnswerKind::Choices => "choices",
            AnswerKind::Money => "money",
            AnswerKind::Hours => "hours",
            AnswerKind::Number => "number",
            AnswerKind::Text => "text",
            AnswerKind::FailurePoint => "failure_point",
        }
    }

    pub(crate) fn has_choices(self) -> bool {
        matches!(self, AnswerKind::Choice | AnswerKind::Choices)
    }
}

/// One listed choice of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id, stored in answers and used by rules.
    pub id: String,
    /// What the user sees.
    pub label: String,
    /// Other words that pick this choice when typed ("posting" for scheduling and posting).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// When a question is asked: every stated part must hold for the earlier answer named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The earlier question this condition looks at.
    pub question: String,
    /// The answer is one of these (yes_no values, choice ids, or scale digits as text).
    #[serde(default)]
    pub is_any: Vec<String>,
    /// The answer's number (amount per month, hours per week, scale, value) is at least this.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// The answer's number is at most this.
    #[serde(default)]
    pub at_most: Option<f64>,
}

/// One diagnostic question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id: answers are stored under it, so never reuse one for a different question.
    pub id: String,
    /// A short name for lists ("Monthly budget").
    pub short: String,
    /// The question as asked.
    pub text: String,
    /// One line on why it is asked.
    pub why: String,
    pub kind: AnswerKind,
    /// Example answers; the first is used as a placeholder and in re-asks.
    pub examples: Vec<String>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// The article file names (without .txt) the question comes from.
    pub sources: Vec<String>,
    /// Asked only when this holds; otherwise passed over.
    #[serde(default)]
    pub ask_if: Option<Condition>,
    /// For `number` questions: the unit the value is kept in ("years", "months"); for `money`
    /// questions, "month" when the question asks per month, so an amount with no period is
    /// confirmed as a month.
    #[serde(default)]
    pub unit: Option<String>,
    /// Typical answers offered as quick picks, so an owner can answer by a click. Each is read
    /// by the question's reader exactly as if typed: a pick is stored as the range it names.
    #[serde(default)]
    pub picks: Vec<String>,
    /// What reading its choices needs, built once (see [`ChoiceTables`]).
    #[serde(skip)]
    pub tables: ChoiceTables,
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }

    /// The pick a bare number names ("2" is the second pick), as a choice question's numbers do.
    pub fn pick_by_number(&self, typed: &str) -> Option<&str> {
        let number: usize = typed.trim().parse().ok()?;
        self.picks.get(number.checked_sub(1)?).map(String::as_str)
    }

    pub fn example(&self) -> &str {
        self.examples.first().map(String::as_str).unwrap_or("")
    }
}
