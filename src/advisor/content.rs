//! The content the advisor speaks and reasons with: questions and sentences from `prompts/`, facts,
//! rules and checklist templates from `data/`.
//!
//! The binary ships a copy of both folders built in, so it runs from anywhere; `--content DIR`
//! (or `ADVISOR_CONTENT`) points it at an edited copy instead, so a changed sentence or weight needs
//! no rebuild. Loading takes the files' text, not paths: reading the disk is the caller's job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One TOML file of content: its path relative to the content root (for messages) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// The files that make up the content, by their place in the tree.
#[derive(Debug, Clone)]
pub struct ContentFiles {
    pub questions: SourceFile,
    pub messages: SourceFile,
    pub rules: SourceFile,
    pub checklist: SourceFile,
    pub facts: SourceFile,
}

impl ContentFiles {
    /// The relative paths, in the order `check` reports them.
    pub(crate) const QUESTIONS: &'static str = "prompts/questions.toml";
    pub(crate) const MESSAGES: &'static str = "prompts/messages.toml";
    pub(crate) const RULES: &'static str = "data/rules.toml";
    pub(crate) const CHECKLIST: &'static str = "data/checklist.toml";
    pub(crate) const FACTS: &'static str = "data/facts.toml";

    /// The copy compiled into the binary.
    pub fn built_in() -> Self {
        let file = |path: &str, text: &str| SourceFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        ContentFiles {
            questions: file(Self::QUESTIONS, include_str!("../../prompts/questions.toml")),
            messages: file(Self::MESSAGES, include_str!("../../prompts/messages.toml")),
            rules: file(Self::RULES, include_str!("../../data/rules.toml")),
            checklist: file(Self::CHECKLIST, include_str!("../../data/checklist.toml")),
            facts: file(Self::FACTS, include_str!("../../data/facts.toml")),
        }
    }

    pub fn all(&self) -> [&SourceFile; 5] {
        [
            &self.questions,
            &self.messages,
            &self.rules,
            &self.checklist,
            &self.facts,
        ]
    }
}

// The question types are the readers' (a reader reads against its question); the content holds
// them, so they are named here too.
pub use super::read::question::{AnswerKind, Choice, Condition, Question};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    question: Vec<Question>,
    /// The brief questions (issue 31): a second set, asked after the advice when the owner wants a
    /// brief.
    #[serde(default)]
    brief_question: Vec<Question>,
}

/// An article the advice may cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The file name without .txt, e.g. `002_7dbf48aff4117c43`.
    pub id: String,
    /// Our own title for the article: how people read a citation of it.
    pub title: String,
    /// A few words for where a title does not fit (a chart's label).
    #[serde(default)]
    pub short: String,
    /// Where it stands on outsourcing, in our words.
    pub stance: String,
}

/// A fact or figure from an article, paraphrased.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub value: Option<f64>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    article: Vec<Article>,
    fact: Vec<Fact>,
}

/// The five recommendations, from least to most outsourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NotYet,
    InHouse,
    Consultant,
    Partial,
    Full,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::NotYet,
        Outcome::InHouse,
        Outcome::Consultant,
        Outcome::Partial,
        Outcome::Full,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Outcome::NotYet => "not_yet",
            Outcome::InHouse => "in_house",
            Outcome::Consultant => "consultant",
            Outcome::Partial => "partial",
            Outcome::Full => "full",
        }
    }
}

/// How a factor turns an answer into a number between 0 and 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: String,
    /// The question whose answer drives it.
    pub question: String,
    /// The article the factor rests on.
    pub source: String,
    /// Value while the question is unanswered.
    pub default: f64,
    /// For yes_no, choice and choices answers: value per answer id (choices: the largest picked).
    #[serde(default)]
    pub values: BTreeMap<String, f64>,
    /// For numeric answers: (x, value) points, linearly interpolated and flat past the ends.
    #[serde(default)]
    pub points: Vec<[f64; 2]>,
    /// For choices answers: the share of these ids picked, instead of `values`.
    #[serde(default)]
    pub share_of: Vec<String>,
    /// For text answers: value when a real answer was given.
    #[serde(default)]
    pub answered: Option<f64>,
    /// How much a missing answer lowers confidence (0 to 1).
    pub importance: f64,
    /// True where the articles say the factor only ever pushes towards outsourcing: `check`
    /// verifies its weights never fall from one outcome to the next, which makes advice monotonic.
    #[serde(default)]
    pub monotone: bool,
    /// True for a reason of its own (002: no success metric ever agreed): its high sentence is
    /// given whenever its answer is high, whatever the advice and whatever else is said.
    #[serde(default)]
    pub always_said: bool,
}

/// How strongly each factor counts for an outcome, and its starting score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRule {
    pub outcome: Outcome,
    /// Score before any factor counts.
    pub bias: f64,
    /// factor id → weight.
    pub weights: BTreeMap<String, f64>,
    /// The article that describes this outcome.
    pub source: String,
}

/// Which way a higher answer may move the advice in "what would change it".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Toward {
    /// A higher answer (more budget, slower replies) may only move it towards outsourcing.
    More,
    /// A higher answer (more hours, trainable staff) may only move it away from outsourcing.
    Less,
}

/// A question whose answer an owner could change, or might have misjudged, and so may appear in
/// "what would change it", with the way the articles say its answer moves the advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIfQuestion {
    pub question: String,
    /// The way a higher answer moves the advice; a change that moves it the other way is not
    /// reported (it would be an artefact of the weights, not an argument of the articles).
    pub higher: Toward,
    /// For yes_no and choice questions: the answer ids from lowest to highest.
    #[serde(default)]
    pub order: Vec<String>,
    /// For several-choice questions: the sets of picks to try; more picks is higher.
    #[serde(default)]
    pub sets: Vec<Vec<String>>,
}

/// Candidate answers tried when looking for the smallest change that flips the advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    /// Money amounts per month to try.
    pub money: Vec<f64>,
    /// Hours per week to try.
    pub hours: Vec<f64>,
    /// Numbers to try.
    pub number: Vec<f64>,
    /// How many alternatives to report.
    pub report: usize,
    /// The only questions tried, each with its direction.
    #[serde(default)]
    pub question: Vec<WhatIfQuestion>,
}

/// A bound in a line's test: a number, or the id of a fact in data/facts.toml whose value it is
/// (so a figure with its reasoning lives in one place).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Bound {
    Value(f64),
    Fact(String),
}

/// One answer a line tests. Every stated part must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineTest {
    pub question: String,
    /// The answer is one of these ids (yes_no values or choice ids).
    #[serde(default)]
    pub is_any: Vec<String>,
    /// The answer is none of these ids; holds for an unanswered question too.
    #[serde(default)]
    pub none_of: Vec<String>,
    /// The answer's number is at least this.
    #[serde(default)]
    pub at_least: Option<Bound>,
    /// The answer's number is at most this.
    #[serde(default)]
    pub at_most: Option<Bound>,
    /// The answer's number is less than this.
    #[serde(default)]
    pub below: Option<Bound>,
    /// The answer's number is more than this.
    #[serde(default)]
    pub above: Option<Bound>,
}

impl LineTest {
    /// The bounds it compares the answer's number with.
    pub fn bounds(&self) -> impl Iterator<Item = &Bound> {
        [&self.at_least, &self.at_most, &self.below, &self.above]
            .into_iter()
            .flatten()
    }
}

/// A hard line the articles draw: when every test holds, these outcomes are never advised,
/// whatever the scores say. The scores choose among the outcomes left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub id: String,
    /// The articles it rests on, the main one first.
    pub sources: Vec<String>,
    pub tests: Vec<LineTest>,
    pub rules_out: Vec<Outcome>,
}

/// An owner's situation, told by their answers ("I already pay an agency"): the same outcomes
/// are worded for it, `situation.ID.OUTCOME` in prompts/messages.toml, for `outcomes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub id: String,
    /// Tests written as a line's; all must hold.
    pub tests: Vec<LineTest>,
    /// The outcomes it has wording for.
    pub outcomes: Vec<Outcome>,
}

/// When there is too little to go on for a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedMore {
    /// A question is weighty when one of its factors has at least this importance.
    pub weighty: f64,
    /// Fewer weighty questions answered than this gives no recommendation.
    pub at_least: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub factor: Vec<Factor>,
    pub outcome: Vec<OutcomeRule>,
    pub what_if: WhatIf,
    /// The hard lines, checked before the scores decide.
    #[serde(default)]
    pub line: Vec<Line>,
    pub need_more: NeedMore,
    /// How an owner's situation words the outcomes (who runs it today, where customers come
    /// from): the first whose tests hold applies.
    #[serde(default)]
    pub situation: Vec<Situation>,
    /// How many reasons to give.
    pub reasons: usize,
    /// How many missing answers to name.
    pub missing: usize,
}

/// One line of the metric checklist, with `{placeholders}` filled from the user's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTemplate {
    pub id: String,
    pub metric: String,
    pub target: String,
    pub why: String,
    pub source: String,
    /// Shown only for these outcomes (all when empty).
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Shown only when every one of these figures is known.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Shown only when none of these figures is known.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Shown only when an answer matches.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Used in place of this item when a figure in `needs` is unknown.
    #[serde(default)]
    pub otherwise: Option<Box<ChecklistFallback>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistFallback {
    pub metric: String,
    pub target: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    /// Figures the checklist works with that are not read from an answer.
    assumptions: BTreeMap<String, f64>,
    /// The questions the figures are read from.
    answers: Roles,
    item: Vec<ChecklistTemplate>,
}

/// The questions the code works figures out of, by the role each plays: `[answers]` in
/// data/checklist.toml. The code names roles, never question ids, so renaming a question is a
/// change of data alone; `check` names a role whose question is missing or cannot give what the
/// role needs, rather than the checklist silently losing its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// The money a month they could spend: `{budget}` and every figure scaled from it.
    pub budget: String,
    /// What a typical sale is worth: `{sale_value}`, `{break_even_sales}`, `{target_sales}`.
    pub sale_value: String,
    /// Hours a week they could give: `{hours_week}`, `{time_budget}`.
    pub hours_available: String,
    /// The failure point they agreed (article 002_7dbf48aff4117c43): `{months}` and `{failure_*}`.
    pub failure_point: String,
    /// What they pay a provider a month now (issue 29): `{provider_fee}`; a plan's months then
    /// count from today, and the fee is the spend when no budget was given.
    pub provider_fee: String,
    /// What an hour of the owner's time is worth to the business (issue 29): `{hour_value}`,
    /// `{owner_hours_cost}`.
    pub hour_value: String,
    /// Their best customer, described: `{prime_customer}`.
    pub prime_customer: String,
    /// How they would judge success: picks [`Roles::FOLLOWERS`] or [`Roles::LEADS_SALES`].
    pub success_metric: String,
    /// How fast they reply to customers now: `{reply_now}`, known once answered (the reply
    /// target is stepped from it by the checklist's `when`).
    pub reply_speed: String,
}

impl Roles {
    /// The success metric's choice that counts followers.
    pub(crate) const FOLLOWERS: &'static str = "followers";
    /// The success metric's choice that counts leads and sales.
    pub(crate) const LEADS_SALES: &'static str = "leads_sales";

    /// Each role's name in the file, its question, and the kinds of answer it can work with.
    pub fn all(&self) -> [(&'static str, &str, &'static [AnswerKind]); 9] {
        [
            ("budget", &self.budget, &[AnswerKind::Money]),
            ("sale_value", &self.sale_value, &[AnswerKind::Money]),
            ("hours_available", &self.hours_available, &[AnswerKind::Hours]),
            ("failure_point", &self.failure_point, &[AnswerKind::FailurePoint]),
            ("provider_fee", &self.provider_fee, &[AnswerKind::Money]),
            ("hour_value", &self.hour_value, &[AnswerKind::Money]),
            ("prime_customer", &self.prime_customer, &[AnswerKind::Text]),
            (
                "success_metric",
                &self.success_metric,
                &[AnswerKind::Choice, AnswerKind::Choices],
            ),
            ("reply_speed", &self.reply_speed, &[AnswerKind::Choice]),
        ]
    }
}

/// The brief questions' ids the brief reads (prompts/questions.toml `[[brief_question]]`); `check`
/// refuses content without one of them.
pub(crate) const BRIEF_QUESTION_IDS: [&str; 9] = [
    "brief_platforms",
    "brief_posts",
    "brief_reply_hours",
    "brief_voice",
    "brief_different",
    "brief_admired",
    "brief_contact",
    "brief_approval",
    "brief_start",
];

/// Everything the advisor knows, loaded and parsed once.
#[derive(Debug, Clone)]
pub struct Content {
    pub questions: Vec<Question>,
    /// prompts/questions.toml `[[brief_question]]`: asked after the advice, for the brief.
    pub brief_questions: Vec<Question>,
    pub messages: Messages,
    pub rules: Rules,
    pub checklist: Vec<ChecklistTemplate>,
    pub assumptions: BTreeMap<String, f64>,
    /// Which question plays each role the figures are worked out of.
    pub roles: Roles,
    pub articles: Vec<Article>,
    pub facts: Vec<Fact>,
}

/// Every sentence the bot says, by key (`greeting`, `reask.money` …), with `{placeholders}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Messages {
    entries: BTreeMap<String, String>,
}

impl Messages {
    /// Builds from the nested TOML tables, flattening keys with dots.
    fn from_table(table: &toml::Table) -> Result<Self, String> {
        fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) -> Result<(), String> {
            for (key, value) in table {
                let full = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match value {
                    toml::Value::String(text) => {
                        out.insert(full, text.clone());
                    }
                    toml::Value::Table(inner) => walk(&full, inner, out)?,
                    _ => return Err(format!("`{full}` must be text or a table of texts")),
                }
            }
            Ok(())
        }
        let mut entries = BTreeMap::new();
        walk("", table, &mut entries)?;
        Ok(Messages { entries })
    }

    /// The sentence for `key`. A missing key shows the key itself, so a gap in prompts/ is visible
    /// rather than fatal; `check` reports every key the code uses that the file lacks.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The sentence for `key` with its placeholders filled.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::advisor::template::fill(self.get(key), values)
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Why the content could not be loaded: which file, which line, what.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ContentError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl ContentError {
    fn toml(file: &SourceFile, err: toml::de::Error) -> Self {
        let line = err.span().map(|span| line_of(&file.text, span.start)).unwrap_or(1);
        ContentError {
            path: file.path.clone(),
            line,
            message: err.message().to_owned(),
        }
    }
}

/// The 1-based line holding byte `offset` of `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, ContentError> {
    toml::from_str(&file.text).map_err(|err| ContentError::toml(file, err))
}

impl Content {
    /// Parses the content. Only the shape is checked here; `check::check` finds the rest (unknown
    /// ids, missing sources, bad placeholders).
    pub fn load(files: &ContentFiles) -> Result<Content, ContentError> {
        let questions: QuestionsFile = parse(&files.questions)?;
        let messages_table: toml::Table = parse(&files.messages)?;
        let messages = Messages::from_table(&messages_table).map_err(|message| ContentError {
            path: files.messages.path.clone(),
            line: 1,
            message,
        })?;
        let rules: Rules = parse(&files.rules)?;
        let checklist: ChecklistFile = parse(&files.checklist)?;
        let facts: FactsFile = parse(&files.facts)?;
        Ok(Content {
            questions: questions.question,
            brief_questions: questions.brief_question,
            messages,
            rules,
            checklist: checklist.item,
            assumptions: checklist.assumptions,
            roles: checklist.answers,
            articles: facts.article,
            facts: facts.fact,
        })
    }

    /// The content built into the binary. It is checked by the test suite, so failing here is a
    /// build defect, not a user error.
    pub fn built_in() -> Content {
        Content::load(&ContentFiles::built_in()).expect("built-in content parses (checked by tests)")
    }

    /// A question of either set, by id: the diagnostic questions, then the brief questions (one
    /// map of answers holds both, and `check` keeps their ids apart).
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().chain(&self.brief_questions).find(|q| q.id == id)
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The articles `ids` names as people read them: each one's title in `display.source_title`
    /// ("“What companies should outsource social media?”"), joined by commas. The file id is for
    /// code, data, `--json` and export; an id with no article (`check` refuses one) is kept as is.
    pub fn cite<S: AsRef<str>>(&self, ids: &[S]) -> String {
        ids.iter()
            .map(|id| match self.article(id.as_ref()) {
                Some(a) => self.messages.fill("display.source_title", &[("title", &a.title)]),
                None => id.as_ref().to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    pub(crate) fn assumption(&self, name: &str) -> f64 {
        self.assumptions.get(name).copied().unwrap_or(0.0)
    }

    /// The number a line's bound stands for (None for a fact with no value: `check` reports it).
    pub fn bound(&self, bound: &Bound) -> Option<f64> {
        match bound {
            Bound::Value(value) => Some(*value),
            Bound::Fact(id) => self.fact(id).and_then(|f| f.value),
        }
    }
}
