//! The real binary, driven as a user or a script would: piped answers, JSON read back field by
//! field.

use advisor_testkit::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use outsource_advisor::advisor::Content;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");

/// The dentist persona's answers, in the order the questions come for them.
fn dentist() -> Vec<String> {
    common::typed_in_order(&Content::built_in(), &common::persona("dentist").answers)
}

fn run(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("ADVISOR_DB", db)
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let output = run(db, args, "");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("{args:?} prints JSON: {err}\n{}", stdout(&output)))
}

fn lines(answers: &[impl AsRef<str>]) -> String {
    answers.iter().map(|a| format!("{}\n", a.as_ref())).collect()
}

#[test]
fn a_whole_interview_by_pipe_ends_in_advice() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], &lines(&dentist()));
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("Question 1 of"), "{text}");
    // The greeting's "up to" and the first question's total agree (issue 18).
    assert!(text.contains("up to 24 short questions"), "{text}");
    assert!(text.contains("Question 1 of about 24"), "{text}");
    assert!(text.contains("Recommendation: Full outsourcing"), "{text}");
    assert!(text.contains("Your metric checklist"), "{text}");
    // The terminal cites articles by title; `--json` keeps the file id (tests/sources.rs).
    assert!(
        text.contains("(source: “What companies should outsource social media?”)"),
        "{text}"
    );
    let file_id = regex::Regex::new(r"\d{3}_[0-9a-f]{16}").unwrap();
    assert!(!file_id.is_match(&text), "{text}");

    let advice = json(dir.path(), &["advice", "--json"]);
    assert_eq!(advice["outcome"], "full");
    let confidence = advice["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence));
    for reason in advice["reasons"].as_array().unwrap() {
        assert!(reason["text"].is_string() && reason["source"].is_string() && reason["questions"].is_array());
        let source = reason["source"].as_str().unwrap();
        assert!(file_id.is_match(source), "--json keeps the file id: {reason}");
    }
    assert!(advice["would_change"].is_array());
    for item in advice["checklist"].as_array().unwrap() {
        for field in ["metric", "target", "why", "source"] {
            assert!(item[field].is_string(), "checklist item has {field}: {item}");
        }
        assert!(
            file_id.is_match(item["source"].as_str().unwrap()),
            "--json keeps the file id: {item}"
        );
    }
    assert_eq!(advice["missing"], Value::Array(vec![]));

    let history = run(dir.path(), &["history"], "");
    assert!(stdout(&history).contains("Full outsourcing"), "{}", stdout(&history));
}

#[test]
fn quitting_midway_saves_and_running_again_resumes_at_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(dir.path(), &["chat"], "yes\nnone\nquit\n");
    assert!(first.status.success());
    assert!(stdout(&first).contains("Saved."), "{}", stdout(&first));
    let second = run(dir.path(), &["chat"], "");
    let text = stdout(&second);
    assert!(text.contains("Welcome back"), "{text}");
    assert!(
        text.contains("would that time go into running the business"),
        "resumes at free_time: {text}"
    );

    let answers = json(dir.path(), &["answers", "--json"]);
    let answered: Vec<&str> = answers
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["status"] == "answered")
        .map(|line| line["question"].as_str().unwrap())
        .collect();
    assert_eq!(answered, ["growth", "hours_now"]);
    let growth = &answers[0];
    assert_eq!(growth["raw"], "yes");
    assert_eq!(growth["reading"]["kind"], "yes_no");
    assert_eq!(growth["reading"]["value"], "yes");
    assert!(growth["at"].as_u64().unwrap() > 1_600_000_000);
}

#[test]
fn end_of_input_saves_like_quit() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], "yes\n");
    assert!(output.status.success());
    assert!(stdout(&output).contains("Saved."));
    let answers = json(dir.path(), &["answers", "--json"]);
    assert_eq!(answers[0]["raw"], "yes");
}

#[test]
fn an_unreadable_answer_is_asked_again_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], "purple\nyes\n");
    let text = stdout(&output);
    assert!(text.contains("I was expecting yes, no or not sure"), "{text}");
    let answers = json(dir.path(), &["answers", "--json"]);
    assert_eq!(answers[0]["raw"], "yes", "the unreadable answer was not stored");
}

#[test]
fn back_skip_and_edit_work_from_the_chat() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &["chat"],
        "yes\nskip\nback\n3 hours a week\n4\nedit 1\nno\n",
    );
    let answers = json(dir.path(), &["answers", "--json"]);
    let by_id = |id: &str| {
        answers
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["question"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_id("growth")["raw"], "no");
    assert_eq!(by_id("hours_now")["raw"], "3 hours a week");
    assert_eq!(by_id("works_today")["raw"], "4");
}

#[test]
fn export_shows_everything_and_forget_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["chat"], &lines(&dentist()));
    let export = json(dir.path(), &["export"]);
    let text = export.to_string();
    assert!(
        text.contains("young families in the suburbs"),
        "the export holds the answers: {text}"
    );
    assert!(text.contains("\"full\""), "the export holds the assessment");

    let refused = run(dir.path(), &["forget"], "");
    assert!(
        !refused.status.success(),
        "forget without --yes and no terminal refuses"
    );
    let forgot = run(dir.path(), &["forget", "--yes"], "");
    assert!(forgot.status.success());
    assert!(stdout(&forgot).contains("Deleted"), "{}", stdout(&forgot));
    let after = json(dir.path(), &["export"]).to_string();
    assert!(!after.contains("young families"), "{after}");
    assert!(!after.contains("\"full\""), "{after}");
}

#[test]
fn users_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["chat", "--user", "ann"], "yes\n");
    run(dir.path(), &["chat", "--user", "bob"], "no\n");
    let ann = json(dir.path(), &["answers", "--json", "--user", "ann"]);
    assert_eq!(ann[0]["raw"], "yes");
    let local = json(dir.path(), &["answers", "--json"]);
    assert!(local.as_array().unwrap().iter().all(|l| l["raw"].is_null()), "{local}");
}

/// The reading `parse` prints, without the words it was read from.
fn reading_of(mut parsed: Value) -> Value {
    if let Some(fields) = parsed.as_object_mut() {
        fields.remove("used");
    }
    parsed
}

#[test]
fn parse_prints_one_json_line_or_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["parse", "money", "1.5k/mo"], "");
    assert!(output.status.success());
    assert_eq!(
        stdout(&output).trim(),
        r#"{"kind":"money","amount":1500.0,"min":1500.0,"max":1500.0,"currency":null,"per_month":1500.0,"used":["1.5k/mo"]}"#
    );
    let output = run(dir.path(), &["parse", "hours", "2 hrs a day"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).unwrap()["hours_per_week"],
        14.0
    );
    let output = run(dir.path(), &["parse", "yes_no", "nope"], "");
    assert_eq!(serde_json::from_slice::<Value>(&output.stdout).unwrap()["value"], "no");
    let output = run(dir.path(), &["parse", "money", "lots"], "");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("amount"), "{stderr}");
}

#[test]
fn check_passes_on_the_shipped_content_and_fails_with_file_and_line_on_a_broken_copy() {
    let dir = tempfile::tempdir().unwrap();
    let ok = run(dir.path(), &["check"], "");
    assert!(ok.status.success(), "{}", stdout(&ok));

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for folder in ["prompts", "data"] {
        std::fs::create_dir(copy.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, copy.path().join(folder).join(path.file_name().unwrap())).unwrap();
        }
    }
    let rules = copy.path().join("data/rules.toml");
    let text = std::fs::read_to_string(&rules)
        .unwrap()
        .replace("question = \"staff\"", "question = \"staf\"");
    std::fs::write(&rules, text).unwrap();
    let broken = run(dir.path(), &["check", "--content", copy.path().to_str().unwrap()], "");
    assert_eq!(broken.status.code(), Some(1));
    let report = stdout(&broken);
    assert!(report.contains("data/rules.toml:"), "{report}");
    assert!(report.contains("`staf`"), "{report}");
}

#[test]
fn the_bare_command_without_a_token_starts_the_chat() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &[], "quit\n");
    assert!(output.status.success());
    assert!(stdout(&output).contains("Question 1 of"), "{}", stdout(&output));
}

#[test]
fn parse_by_question_reads_as_that_question_would() {
    let dir = tempfile::tempdir().unwrap();
    let line = |args: &[&str]| {
        let output = run(dir.path(), args, "");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout(&output).trim().to_owned()
    };
    assert_eq!(
        line(&["parse", "activities", "setup and design"]),
        r#"{"kind":"choices","picks":["setup","design"],"used":["setup and design"]}"#
    );
    assert_eq!(
        line(&["parse", "budget", "no idea"]),
        r#"{"kind":"unsure","used":["no idea"]}"#
    );
    assert_eq!(
        line(&[
            "parse",
            "failure_months",
            "$1,000 a month for 6 months, stop if under 10,000 followers"
        ]),
        // Issue 26: the result's period was not said, so the one assumed is asked about.
        concat!(
            r#"{"kind":"failure_point","per_month":1000.0,"months":6.0,"below":10000.0,"metric":"followers","#,
            r#""below_period":"in_all","used":["$1,000 a month for 6 months, stop if under 10,000 followers"],"#,
            r#""confirm":"I read that as $1,000 a month, for 6 months, stop if under 10000 followers in all. "#,
            r#"Is that result in all over the months, or a month? Say \"in all\" or \"a month\" (yes keeps it as shown)."}"#
        )
    );
    assert_eq!(
        line(&["parse", "failure_point", "6 months"]),
        r#"{"kind":"failure_point","per_month":null,"months":6.0,"below":null,"metric":null,"used":["6 months"]}"#
    );
    assert_eq!(
        line(&["parse", "hours", "part time"]),
        r#"{"kind":"hours","hours_per_week":20.0,"used":["part time"],"confirm":"Did you mean 20 hours a week?"}"#
    );
    assert!(
        line(&["parse", "budget", "€1.200"]).ends_with(r#""confirm":"Did you mean €1,200, with no period given?"}"#)
    );

    for (args, said) in [
        (["parse", "budget", "give it 6 months"], "a length of time (6 months)"),
        (
            ["parse", "experience_years", "about 40 quid"],
            "an amount of money (40 quid)",
        ),
        (
            ["parse", "money", "3 hours a week"],
            "an amount of time spent (3 hours)",
        ),
        (["parse", "hours", "6 months"], "a length of time (6 months)"),
        (["parse", "hours", "3 employees"], "a number of things (3 employees)"),
        (["parse", "scale", "5 hours"], "an amount of time spent (5 hours)"),
        (["parse", "number", "$500"], "an amount of money ($500)"),
        (["parse", "no_such_question", "1"], "neither a kind"),
    ] {
        let output = run(dir.path(), &args, "");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn the_terminal_confirms_a_reading_in_doubt_and_resumes_at_the_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(dir.path(), &["chat"], "yes\npart time\nquit\n");
    let text = stdout(&first);
    assert!(text.contains("Did you mean 20 hours a week? (yes / no)"), "{text}");
    let answers = json(dir.path(), &["answers", "--json"]);
    assert_eq!(answers[1]["status"], "open", "nothing stored before yes: {answers}");

    let second = run(dir.path(), &["chat"], "no\npart time\nyes\n");
    let text = stdout(&second);
    let resumed = text
        .find("Did you mean 20 hours a week?")
        .expect("resumes at the confirmation");
    let welcome = text.find("Welcome back").expect("welcome back");
    assert!(welcome < resumed, "{text}");
    let answers = json(dir.path(), &["answers", "--json"]);
    assert_eq!(answers[1]["raw"], "part time");
    assert_eq!(answers[1]["reading"]["hours_per_week"], 20.0);
}

#[test]
fn every_question_skipped_gives_need_more_and_never_says_every_question_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let skips: Vec<&str> = vec!["skip"; 20];
    let output = run(dir.path(), &["chat"], &lines(&skips));
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("No recommendation yet"), "{text}");
    assert!(!text.contains("Every question is answered"), "{text}");
    assert!(text.contains("have no answer yet"), "{text}");

    let advice = json(dir.path(), &["advice", "--json"]);
    assert_eq!(advice["status"], "need_more");
    assert_eq!(advice["outcome"], Value::Null);
    assert_eq!(advice["would_change"], Value::Array(vec![]));
    assert!(advice["lines"].is_array());
    assert!(!advice["missing"].as_array().unwrap().is_empty());
    assert!(advice["text"].as_str().unwrap().contains("No recommendation yet"));

    let history = run(dir.path(), &["history"], "");
    assert!(
        stdout(&history).contains("No recommendation yet (too few answers)"),
        "{}",
        stdout(&history)
    );
}

/// Issue 29: once nothing left to ask could change the advice, the chat says so once and offers
/// it; `advice` then shows it, and `advice --json` says it is settled and what could change it.
#[test]
fn the_chat_offers_to_finish_once_the_advice_is_settled() {
    let dir = tempfile::tempdir().unwrap();
    let typed = dentist();
    // Half way: not settled yet.
    run(dir.path(), &["chat"], &lines(&typed[..4]));
    let early = json(dir.path(), &["advice", "--json"]);
    assert_eq!(early["settled"], false, "{early}");
    assert!(!early["could_change"].as_array().unwrap().is_empty(), "{early}");
    let output = run(dir.path(), &["chat"], &lines(&typed[4..]));
    let text = stdout(&output);
    assert_eq!(
        text.matches("I have enough to recommend: Full outsourcing").count(),
        1,
        "{text}"
    );
    assert!(text.contains("Type `advice` to see it now"), "{text}");
    let advice = json(dir.path(), &["advice", "--json"]);
    assert_eq!(advice["settled"], true, "{advice}");
    assert_eq!(advice["could_change"], serde_json::json!([]), "{advice}");
    assert_eq!(advice["outcome"], "full");
}

#[test]
fn advice_json_keeps_its_fields_and_adds_status_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["chat"], &lines(&dentist()));
    let advice = json(dir.path(), &["advice", "--json"]);
    assert_eq!(advice["status"], "advised");
    let lines = advice["lines"].as_array().unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l["id"] == "no_time_with_money" && l["text"].is_string()),
        "{advice}"
    );
    for change in advice["would_change"].as_array().unwrap() {
        for field in ["text", "question", "to", "outcome"] {
            assert!(!change[field].is_null(), "a change has {field}: {change}");
        }
    }
    let failure = &advice["failure_point"];
    assert_eq!(failure["per_month"], 2000.0);
    assert_eq!(failure["metric"], "sales");
}

#[test]
fn help_in_the_chat_lists_the_five_articles_by_title_with_their_stance() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], "help\nquit\n");
    assert!(output.status.success());
    let text = stdout(&output);
    for article in &Content::built_in().articles {
        let line = format!("- “{}”: {}", article.title, article.stance);
        assert!(text.contains(&line), "{line}\n{text}");
    }
    let file_id = regex::Regex::new(r"\d{3}_[0-9a-f]{16}").unwrap();
    assert!(!file_id.is_match(&text), "{text}");
}

/// The terminal numbers a question's quick picks like a choice question's choices; typing the
/// number stores the pick exactly as typing its label would, and typed words still go to the
/// reader.
#[test]
fn the_terminals_numbered_picks_answer_like_their_typed_labels() {
    let content = Content::built_in();
    // Every question in file order: with the third pick of the budget and of the hours now, each
    // conditional question applies.
    let answers: Vec<String> = content
        .questions
        .iter()
        .map(|q| match q.kind {
            _ if q.id == "experience_years" => "2 years".to_owned(),
            _ if !q.picks.is_empty() => "3".to_owned(),
            outsource_advisor::advisor::content::AnswerKind::Scale => "4".to_owned(),
            outsource_advisor::advisor::content::AnswerKind::YesNo => "yes".to_owned(),
            _ => "1".to_owned(),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], &lines(&answers));
    let text = stdout(&output);
    assert!(
        text.contains("  3. $300–1,000 a month"),
        "the budget's picks are numbered: {text}"
    );
    assert!(text.contains("Answer with a number from the list"), "{text}");
    assert!(text.contains("Recommendation:"), "the picks reach advice: {text}");
    // The checklist works from the range's middle, and says so beside the sum.
    assert!(text.contains("to cover the $650 a month you spend"), "{text}");
    assert!(
        text.contains("Taking $650, the middle of your $300 to $1,000 (Monthly budget for outside help)."),
        "{text}"
    );

    let export = json(dir.path(), &["export"]);
    let stored = |id: &str| {
        let records = export["records"].as_array().expect("the export lists records");
        let interview = records
            .iter()
            .find(|r| r["key"] == "interview")
            .expect("the interview is exported");
        interview["value"]["answers"][id].clone()
    };
    let budget = stored("budget");
    assert_eq!(budget["raw"], "$300–1,000 a month", "{budget}");
    let typed = reading_of(json(dir.path(), &["parse", "budget", "$300–1,000 a month"]));
    assert_eq!(budget["reading"], typed, "a pick is read as typing its label");
    assert_eq!(budget["reading"]["min"], 300.0);
    assert_eq!(budget["reading"]["max"], 1000.0);
    // A typed answer, not a number from the list, went to the reader.
    assert_eq!(stored("experience_years")["reading"]["value"], 2.0);
    let hours = stored("hours_now");
    assert_eq!(hours["raw"], "2–5 hours a week");
    assert_eq!(
        (
            &hours["reading"]["min"],
            &hours["reading"]["max"],
            &hours["reading"]["hours_per_week"]
        ),
        (&Value::from(2.0), &Value::from(5.0), &Value::from(3.5)),
        "an hours pick is stored as its range, its middle for the sums"
    );
    assert!(text.contains("Got it: 2 to 5 hours a week"), "{text}");
}

/// A pick that names a bound is stored as that bound, the same reading as typing it (issue 18
/// item 1): "11 or more hours a week" keeps 11 as its least and no most, and is said back as a
/// bound, not as a bare "11 hours a week".
#[test]
fn a_bound_picked_in_the_terminal_is_stored_and_said_as_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["chat"], &lines(&["yes", "5"]));
    let text = stdout(&output);
    assert!(text.contains("  5. 11 or more hours a week"), "{text}");
    assert!(text.contains("Got it: at least 11 hours a week"), "{text}");

    let export = json(dir.path(), &["export"]);
    let records = export["records"].as_array().expect("the export lists records");
    let interview = records
        .iter()
        .find(|r| r["key"] == "interview")
        .expect("the interview is exported");
    let hours = &interview["value"]["answers"]["hours_now"];
    assert_eq!(hours["raw"], "11 or more hours a week");
    let typed = reading_of(json(dir.path(), &["parse", "hours_now", "11 or more hours a week"]));
    assert_eq!(hours["reading"], typed, "a pick is read as typing its label");
    assert_eq!(
        (
            &hours["reading"]["hours_per_week"],
            &hours["reading"]["min"],
            &hours["reading"]["max"]
        ),
        (&Value::from(11.0), &Value::from(11.0), &Value::Null),
        "the bound is its figure for the sums, and the range has no top"
    );
}
