//! `outsource-advisor parse KIND TEXT` or `parse QUESTION_ID TEXT`: how an answer would be read,
//! by a kind's reader or exactly as that question reads it (its kind, unit and choices).

use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global};
use crate::advisor::content::{AnswerKind, Content, Question};
use crate::advisor::display;
use crate::advisor::read::{self, Understood, Unreadable};

/// The kinds `parse` reads without a question.
const KINDS: [&str; 6] = ["money", "hours", "number", "yes_no", "scale", "failure_point"];

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The kind of answer (money, hours, number, yes_no, scale, failure_point) or a question id
    /// from prompts/questions.toml (budget, activities, …).
    pub kind: String,
    /// The answer as typed (quote it).
    pub text: String,
}

/// What TEXT is read as: a bare kind, or a question of the content.
enum Target<'c> {
    Kind(&'static str),
    Question(&'c Question),
}

fn target<'c>(content: &'c Content, name: &str) -> Option<Target<'c>> {
    if let Some(kind) = KINDS.iter().find(|k| **k == name) {
        return Some(Target::Kind(kind));
    }
    content.question(name).map(Target::Question)
}

/// A question of no particular subject with the reader of `kind`, so a bare kind reads and
/// refuses the way a question of that kind does.
fn question_of_kind(kind: &str) -> Question {
    let question = |kind: AnswerKind| Question {
        id: String::new(),
        short: String::new(),
        text: String::new(),
        why: String::new(),
        kind,
        examples: Vec::new(),
        choices: Vec::new(),
        sources: Vec::new(),
        ask_if: None,
        unit: None,
        picks: Vec::new(),
        tables: Default::default(),
    };
    let kind = match kind {
        "money" => AnswerKind::Money,
        "hours" => AnswerKind::Hours,
        "number" => AnswerKind::Number,
        "yes_no" => AnswerKind::YesNo,
        "scale" => AnswerKind::Scale,
        _ => AnswerKind::FailurePoint,
    };
    question(kind)
}

pub(crate) fn run(global: &Global, args: &ParseArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let Some(target) = target(&content, &args.kind) else {
        eprintln!("{}", m.fill("cli.parse_no_such_target", &[("name", &args.kind)]));
        return Ok(ExitCode::FAILURE);
    };
    let bare;
    let question = match &target {
        Target::Kind(kind) => {
            bare = question_of_kind(kind);
            &bare
        }
        Target::Question(q) => *q,
    };
    let understood: Result<Understood, Unreadable> = read::understand(question, &args.text);
    let question = Some(question);
    match understood {
        Ok(understood) => {
            // Written as text so the fields keep the reading's order, then what was read
            // ("used"), the words nothing explained, and "confirm" last.
            let mut line = serde_json::to_string(&understood.reading)?;
            let said = args.text.trim();
            let words = |spans: &[read::Span]| spans.iter().map(|s| s.of(said)).collect::<Vec<_>>();
            let mut extra = vec![("used", serde_json::to_string(&words(&understood.used)))];
            if !understood.unexplained.is_empty() {
                extra.push(("unexplained", serde_json::to_string(&words(&understood.unexplained))));
            }
            if let Some(doubt) = understood.doubt {
                let asked = display::confirm(&content, question, &understood.reading, doubt);
                extra.push(("confirm", serde_json::to_string(&asked)));
            }
            if line.ends_with('}') {
                line.pop();
                for (key, value) in extra {
                    let value = value?;
                    line.push_str(&format!(",\"{key}\":{value}"));
                }
                line.push('}');
            }
            println!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        Err(problem) => {
            let example = match &target {
                Target::Kind(kind) => m.get(&format!("parse_examples.{kind}")).to_owned(),
                Target::Question(q) => q.example().to_owned(),
            };
            let reason = display::problem(&content, question, &problem, &example);
            eprintln!("{}", m.fill("cli.parse_unreadable", &[("reason", &reason)]));
            Ok(ExitCode::FAILURE)
        }
    }
}
