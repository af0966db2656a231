//! Check-ins from the command line, six months played in seconds with `ADVISOR_NOW`: a persona's
//! answers give the failure point, and the verdict is read back at each step.

use advisor_testkit::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use outsource_advisor::advisor::Content;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");

fn run(db: &Path, now: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("ADVISOR_DB", db)
        .env("ADVISOR_NOW", now)
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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let output = run(db, now, args, "");
    assert!(
        output.status.success(),
        "{args:?} at {now}: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    let text = ok(db, now, args);
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{args:?} prints JSON: {err}\n{text}"))
}

/// The dentist (tests/personas/dentist.toml) answers every question: $2,000 a month, $400 a sale,
/// leads and sales as the metric, six months. Their failure point: $2,000 a month for 6 months,
/// stop under 5 sales a month (the sales that pay the budget back).
fn dentist_interviewed(db: &Path) {
    let typed = common::typed_in_order(&Content::built_in(), &common::persona("dentist").answers);
    let stdin: String = typed.iter().map(|line| format!("{line}\n")).collect();
    let output = run(db, "2026-01-01T09:00:00Z", &["chat"], &stdin);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn month(n: u32) -> String {
    format!("2026-{:02}-01T09:00:00Z", n + 1)
}

#[test]
fn six_months_with_the_dentists_rule_end_passed_and_the_status_is_right_at_each_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    dentist_interviewed(db);
    let on = ok(db, "2026-01-01T09:00:00Z", &["checkins", "--on"]);
    assert!(on.contains("Next check-in: 2026-02-01 09:00 UTC"), "{on}");
    assert!(on.contains("$2,000 a month for 6 months ($12,000 in all)"), "{on}");
    assert!(on.contains("under 5 sales a month"), "{on}");

    // (month, spend, sales this month, the status then). The pace is the straight line through
    // the sales logged, carried to month 6: one check-in is too early to judge; 1, 1 is flat
    // (1 by month 6); 1, 1, 3 rises 1 a month (5.7); 1, 1, 3, 2 rises 0.5 (3.5); with 4, 0.7 (4.3).
    let steps = [
        (1, "$2k", "1", "too_early"),
        (2, "2,000", "1", "behind"),
        (3, "$2,000", "3", "on_track"),
        (4, "1.9k", "2", "behind"),
        (5, "$2.1k", "4", "behind"),
        (6, "$2,000", "6", "passed"),
    ];
    let mut spent = 0.0;
    for (n, spend, sales, status) in steps {
        let now = month(n);
        let due = json(db, &now, &["due", "--json"]);
        assert_eq!(due.as_array().unwrap().len(), 1, "month {n}: one check-in due: {due}");
        assert_eq!(due[0]["user"], "local:local");

        let logged = ok(db, &now, &["checkin", "--spend", spend, "--sales", sales]);
        assert!(logged.contains(&format!("Month {n} of 6")), "month {n}: {logged}");
        let said = match status {
            "too_early" => "Too early to judge: one check-in logged, 1 sales a month.",
            "behind" => "Behind: a straight line through your",
            "on_track" => "On track: a straight line through your",
            _ => "Passed: ",
        };
        assert!(logged.contains(said), "month {n}: {logged}");
        assert!(
            !logged.contains("checkin."),
            "a sentence is missing from prompts/: {logged}"
        );
        assert_eq!(
            json(db, &now, &["due", "--json"]),
            Value::Array(vec![]),
            "month {n}: logged"
        );

        let progress = json(db, &now, &["progress", "--json"]);
        spent += match spend {
            "$2k" | "2,000" | "$2,000" => 2000.0,
            "1.9k" => 1900.0,
            _ => 2100.0,
        };
        assert_eq!(progress["status"], status, "month {n}: {progress}");
        assert_eq!(progress["month"], n);
        assert_eq!(progress["of"], 6);
        assert_eq!(progress["spent"], spent);
        assert_eq!(progress["planned"], 2000.0 * f64::from(n));
        assert_eq!(progress["metric"], "sales");
        assert_eq!(progress["value"], sales.parse::<f64>().unwrap());
        assert_eq!(progress["stop_below"], 5.0);
        assert_eq!(progress["checkins"].as_array().unwrap().len(), n as usize);
    }
    let end = json(db, &month(6), &["progress", "--json"]);
    // 1+1+3+2+4+6 = 17 sales at $400.
    assert_eq!(end["return"], 6800.0);
    let keys: Vec<&str> = end.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "checkins",
            "metric",
            "month",
            "of",
            "planned",
            "return",
            "spent",
            "status",
            "stop_below",
            "value"
        ]
    );
    let point = end["checkins"][0].as_object().unwrap();
    assert_eq!(point.keys().collect::<Vec<_>>(), ["at", "spend", "value"]);
    assert_eq!(end["checkins"][0]["at"], 1_769_936_400u64, "2026-02-01T09:00:00Z");

    let text = ok(db, &month(6), &["progress"]);
    assert!(text.contains("Passed: 6 sales"), "{text}");
    assert!(text.contains("That was the plan's last check-in."), "{text}");

    // The chart of the six months: a PNG, written whole.
    let chart = db.join("progress.png");
    let charted = ok(db, &month(6), &["progress", "--chart", chart.to_str().unwrap()]);
    assert_eq!(charted, text, "--chart writes the file and prints the same progress");
    let png = std::fs::read(&chart).expect("the chart was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(png.len() > 5_000, "a drawn chart, {} bytes", png.len());
    assert_eq!(
        json(db, "2027-01-01T00:00:00Z", &["due", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn under_the_line_at_the_end_the_failure_point_is_reached_and_says_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    dentist_interviewed(db);
    ok(db, "2026-01-01T09:00:00Z", &["checkins", "--on"]);
    ok(db, &month(2), &["checkin", "--spend", "$4k", "--sales", "2"]);
    // One check-in is not a pace.
    assert_eq!(json(db, &month(2), &["progress", "--json"])["status"], "too_early");
    ok(db, &month(3), &["checkin", "--spend", "$2k", "--sales", "2"]);
    // 2 and 2: a flat line, 2 by month 6, under the line of 5.
    let at_three = json(db, &month(3), &["progress", "--json"]);
    assert_eq!(at_three["status"], "behind");
    let text = ok(db, &month(3), &["progress"]);
    assert!(
        text.contains("To get back on track: raise it by 1 each month, to 5 sales a month by month 6."),
        "{text}"
    );
    let text = ok(db, &month(6), &["checkin", "--spend", "$6,000", "--sales", "4"]);
    assert!(text.contains("Failure point reached: 4 sales"), "{text}");
    assert!(text.contains("By the rule you set, stop or change course."), "{text}");
    assert_eq!(
        json(db, &month(6), &["progress", "--json"])["status"],
        "failure_point_reached"
    );
}

#[test]
fn after_downtime_one_catch_up_is_due_and_two_weeks_and_off_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    dentist_interviewed(db);
    ok(db, "2026-01-01T09:00:00Z", &["checkins", "--on", "--every", "2w"]);
    assert_eq!(
        json(db, "2026-01-14T09:00:00Z", &["due", "--json"]),
        Value::Array(vec![])
    );
    // Three months unseen: one entry, due since the first missed fortnight.
    let due = json(db, "2026-04-01T09:00:00Z", &["due", "--json"]);
    assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
    assert_eq!(due[0]["due_at"], 1_768_467_600u64, "2026-01-15T09:00:00Z");
    ok(db, "2026-04-01T09:00:00Z", &["checkin", "--sales", "2"]);
    let text = ok(db, "2026-04-01T09:00:00Z", &["progress"]);
    assert!(text.contains("Next check-in: 2026-04-09 09:00 UTC"), "{text}");

    assert!(ok(db, "2026-04-02T09:00:00Z", &["checkins", "--off"]).contains("Check-ins are off"));
    assert_eq!(
        json(db, "2027-01-01T00:00:00Z", &["due", "--json"]),
        Value::Array(vec![])
    );
    assert_eq!(
        json(db, "2026-04-02T09:00:00Z", &["progress", "--json"])["checkins"][0]["value"],
        2.0
    );

    // On again, monthly now: same start, the log kept, the next slot after now.
    let again = ok(db, "2026-04-02T09:00:00Z", &["checkins", "--on"]);
    assert!(again.contains("Next check-in: 2026-05-01 09:00 UTC"), "{again}");
    let progress = json(db, "2026-04-02T09:00:00Z", &["progress", "--json"]);
    assert_eq!(progress["month"], 3);
    assert_eq!(progress["checkins"].as_array().unwrap().len(), 1);
}

#[test]
fn advice_that_pays_nobody_has_no_failure_point_to_check_in_against() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    let persona = common::persona("florist_not_yet");
    let typed = common::typed_in_order(&Content::built_in(), &persona.answers);
    let stdin: String = typed.iter().map(|line| format!("{line}\n")).collect();
    assert!(run(db, "2026-01-01T09:00:00Z", &["chat"], &stdin).status.success());
    let refused = run(db, "2026-01-01T09:00:00Z", &["checkins", "--on"], "");
    assert!(!refused.status.success());
    assert!(
        stdout(&refused).contains("\"Not yet\", which pays nobody"),
        "{}",
        stdout(&refused)
    );
    assert_eq!(
        json(db, "2026-02-01T09:00:00Z", &["due", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn bad_values_no_plan_and_forget_are_handled_without_losing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    // No answers: no failure point, no check-ins.
    let none = run(db, "2026-01-01T09:00:00Z", &["checkins", "--on"], "");
    assert!(!none.status.success());
    assert!(
        stdout(&none).contains("no failure point to check in against yet"),
        "{}",
        stdout(&none)
    );
    assert_eq!(
        json(db, "2026-01-01T09:00:00Z", &["progress", "--json"])["status"],
        "no_plan"
    );
    let chart = db.join("none.png");
    let uncharted = run(
        db,
        "2026-01-01T09:00:00Z",
        &["progress", "--chart", chart.to_str().unwrap()],
        "",
    );
    assert!(!uncharted.status.success());
    assert!(
        stderr(&uncharted).contains("No file was written"),
        "{}",
        stderr(&uncharted)
    );
    assert!(!chart.exists());
    let not_set_up = run(db, "2026-01-01T09:00:00Z", &["checkin", "--sales", "3"], "");
    assert!(!not_set_up.status.success());
    assert!(
        stdout(&not_set_up).contains("checkins --user local --on"),
        "{}",
        stdout(&not_set_up)
    );

    dentist_interviewed(db);
    ok(db, "2026-01-01T09:00:00Z", &["checkins", "--on"]);
    for (option, value, says) in [
        ("--spend", "lots", "--spend: I couldn't find an amount"),
        ("--sales", "some", "--sales: I couldn't find a number"),
        (
            "--followers",
            "$300",
            "--followers: That sounds like an amount of money ($300)",
        ),
        ("--leads", "-3", "--leads: That number can't be right"),
    ] {
        let mut args = vec!["checkin", option, value];
        if option != "--spend" {
            args.extend(["--spend", "$2k"]);
        }
        let bad = run(db, &month(1), &args, "");
        assert!(!bad.status.success(), "{option} {value}");
        assert!(stderr(&bad).contains(says), "{option} {value}: {}", stderr(&bad));
        assert!(stderr(&bad).contains("Nothing was logged."));
    }
    assert_eq!(
        json(db, &month(1), &["progress", "--json"])["checkins"],
        Value::Array(vec![])
    );
    let nothing = run(db, &month(1), &["checkin"], "");
    assert!(!nothing.status.success());
    assert!(stderr(&nothing).contains("Nothing to log"), "{}", stderr(&nothing));
    let bad_clock = run(db, "first of march", &["due"], "");
    assert!(!bad_clock.status.success());
    assert!(stderr(&bad_clock).contains("ADVISOR_NOW"), "{}", stderr(&bad_clock));

    ok(db, &month(1), &["checkin", "--spend", "$2k", "--sales", "1"]);
    let export = json(db, &month(1), &["export"]);
    let keys: Vec<&str> = export["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"checkins"), "{keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("checkins/due/")), "{keys:?}");
    ok(db, &month(1), &["forget", "--yes"]);
    assert_eq!(json(db, &month(1), &["progress", "--json"])["status"], "no_plan");
    assert_eq!(
        json(db, "2027-01-01T00:00:00Z", &["due", "--json"]),
        Value::Array(vec![])
    );
}

/// Splits a command line of the README into words, honouring single quotes.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn the_readme_check_ins_example_is_true() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checkins.md")).unwrap();
    let section = readme
        .split("# Check-ins")
        .nth(1)
        .expect("docs/checkins.md has a Check-ins section");
    let block = section.split("```\n").nth(1).expect("the section has an example");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    let typed = common::typed_in_order(&Content::built_in(), &common::persona("dentist").answers);
    let stdin: String = typed.iter().map(|line| format!("{line}\n")).collect();
    assert!(run(db, "2026-01-01T09:00:00Z", &["chat", "--user", "dana"], &stdin)
        .status
        .success());

    // Each `$ ` line with the lines under it, up to the next command.
    let mut commands: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => commands.push((command.to_owned(), String::new())),
            None => {
                let (_, expected) = commands.last_mut().expect("the block starts with a command");
                expected.push_str(line);
                expected.push('\n');
            }
        }
    }
    assert!(commands.len() >= 8, "{commands:?}");
    let mut now = String::new();
    for (command, expected) in commands {
        if let Some(value) = command.strip_prefix("export ADVISOR_NOW=") {
            now = value.to_owned();
            continue;
        }
        let (command, only_verdict) = match command.split_once(" | grep") {
            Some((command, _)) => (command.to_owned(), true),
            None => (command, false),
        };
        let words = words(&command);
        assert_eq!(words[0], "outsource-advisor", "{command}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let mut seen = ok(db, &now, &args);
        if only_verdict {
            seen = seen
                .lines()
                .filter(|l| ["Too early", "On track", "Behind"].iter().any(|v| l.starts_with(v)))
                .map(|l| format!("{l}\n"))
                .collect();
        }
        assert_eq!(seen.trim_end(), expected.trim_end(), "README: $ {command} at {now}");
    }
}

/// One clock (issue 28): the answers, the assessment and the brief's date carry `ADVISOR_NOW`'s
/// time, as the check-ins do, not the system's.
#[test]
fn advisor_now_stamps_the_answers_the_assessment_and_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    dentist_interviewed(db);
    let at = 1_767_258_000u64; // 2026-01-01T09:00:00Z, the time the interview ran at.
    let export = json(db, "2026-01-01T09:00:00Z", &["export"]);
    let records = export["records"].as_array().expect("records in the export");
    let value = |key: &'static str| {
        records
            .iter()
            .filter(move |r| r["key"].as_str().is_some_and(|k| k.starts_with(key)))
    };
    let interview = value("interview").next().expect("the interview is stored");
    let answers = interview["value"]["answers"]
        .as_object()
        .expect("answers in the interview");
    assert!(!answers.is_empty(), "{export}");
    for (id, answer) in answers {
        assert_eq!(answer["at"], at, "answer {id}: {answer}");
    }
    let assessments: Vec<_> = value("assessment/").collect();
    assert_eq!(assessments.len(), 1, "{export}");
    assert_eq!(assessments[0]["value"]["at"], at, "{export}");
    let brief = ok(db, "2026-06-01T09:00:00Z", &["brief"]);
    assert!(
        brief.contains("2026-01-01"),
        "the brief is dated by the answers: {brief}"
    );
}
