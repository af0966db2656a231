//! Helpers shared by the integration tests.

use std::collections::BTreeMap;

use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::interview::{step, Input, Interview, Screen};
use outsource_advisor::advisor::read::Unreadable;
use outsource_advisor::advisor::Content;
use serde::Deserialize;

/// A small-business owner from the articles: their answers and the advice they may get.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub name: String,
    /// One sentence on why the articles allow these outcomes, starting with the file names of
    /// the articles that argue it.
    pub argued_by: String,
    /// The outcomes the articles allow for them (ids), or `need_more` when there is too little
    /// to go on.
    pub allowed: Vec<String>,
    pub answers: BTreeMap<String, String>,
}

impl Persona {
    /// True when `advice` is one the articles allow for this persona.
    pub fn allows(&self, outcome: Option<Outcome>) -> bool {
        let id = outcome.map_or("need_more", Outcome::id);
        self.allowed.iter().any(|a| a == id)
    }
}

/// Every persona under tests/personas/, by file name.
/// The built-in content, parsed once per test process: parsing prompts/ and data/ for every
/// simulated answer (a debug build) kept a test's one core busy when 200 owners answered at once,
/// and the stand-in then saw the bot's interaction callbacks after Discord's 3 s.
pub fn content() -> &'static Content {
    static CONTENT: std::sync::LazyLock<Content> = std::sync::LazyLock::new(Content::built_in);
    &CONTENT
}

pub fn personas() -> Vec<(String, Persona)> {
    let dir = crate::root().join("tests/personas");
    let mut found: Vec<(String, Persona)> = std::fs::read_dir(&dir)
        .expect("tests/personas exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (path.file_name().unwrap().to_string_lossy().into_owned(), persona(&stem))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// One persona by its file name without `.toml`, e.g. `persona("dentist")`.
pub fn persona(name: &str) -> Persona {
    let path = crate::root().join(format!("tests/personas/{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// What a person types, line by line, to give `answers` in the order the interview asks for them
/// ("skip" where they have no answer): for fronts driven by text, the terminal and DM chat.
pub fn typed_in_order(content: &Content, answers: &BTreeMap<String, String>) -> Vec<String> {
    walk(content, answers).0
}

/// Runs a whole interview through the engine: each question asked gets the persona's answer, or
/// a skip when they have none. Panics if an answer is not read, naming it, except a prime
/// customer refused as too vague ("everybody"), which the owner then skips.
pub fn interview(content: &Content, answers: &BTreeMap<String, String>) -> Interview {
    walk(content, answers).1
}

/// Walks the interview with `answers`, returning what was typed and the finished interview.
fn walk(content: &Content, answers: &BTreeMap<String, String>) -> (Vec<String>, Interview) {
    let mut typed = Vec::new();
    let mut turn = step(content, None, Input::Start, None, 1_000);
    while let Screen::Ask(ask) = &turn.screen {
        assert!(typed.len() < 100, "the interview ends");
        let input = match answers.get(&ask.question) {
            Some(text) => Input::Answer(text.clone()),
            None => Input::Skip,
        };
        typed.push(answers.get(&ask.question).map_or("skip", String::as_str).to_owned());
        turn = step(content, Some(turn.interview), input, None, 1_000);
        if let Screen::Reask {
            problem: Unreadable::Vague,
            ..
        } = &turn.screen
        {
            // "Everybody" as the prime customer is refused as vague; told so, the owner skips.
            typed.push("skip".to_owned());
            turn = step(content, Some(turn.interview), Input::Skip, None, 1_000);
        }
        if let Screen::Confirm { .. } = &turn.screen {
            // A reading in doubt ("yes, people come in after seeing our posts" is read as yes,
            // the rest unexplained) is asked about; the owner meant what they typed.
            typed.push("yes".to_owned());
            turn = step(
                content,
                Some(turn.interview),
                Input::Answer("yes".to_owned()),
                None,
                1_000,
            );
        }
        if let Screen::Reask { ask, problem } = &turn.screen {
            panic!(
                "answer to `{}` was not read ({problem}): {:?}",
                ask.question,
                answers.get(&ask.question)
            );
        }
    }
    assert_eq!(turn.screen, Screen::Done, "the interview ends");
    (typed, turn.interview)
}

/// Monthly check-ins on a six-month sales plan ($1,000 a month, stop under 10 sales, $120 a
/// sale) started at `started`: the first falls due a month later.
pub fn sales_plan_checkins(
    started: u64,
    rules: &outsource_advisor::advisor::checkin::CheckinRules,
) -> outsource_advisor::advisor::checkin::CheckinRecord {
    use outsource_advisor::advisor::checkin::{CheckinRecord, Every, Plan};
    let plan = Plan {
        per_month: 1000.0,
        months: 6,
        below: 10.0,
        metric: outsource_advisor::advisor::read::Metric::Sales,
        sale_value: Some(120.0),
        currency: None,
        proposed: Vec::new(),
        started,
    };
    CheckinRecord::start(plan, Every::Month, started, rules)
}

/// How many cases a property test runs: `default`, or `PROPTEST_CASES` for a deeper search
/// (`PROPTEST_CASES=100000 cargo test --test core settled`). CI runs the default, so each run
/// explores fresh cases at the same cost; a failure's seed goes into tests/proptest-regressions/.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
