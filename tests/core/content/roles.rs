//! The questions the figures are read from are named in data (data/checklist.toml's `[answers]`),
//! never in code: renaming one is caught by `check`, or loses nothing. Never a silent loss.

use advisor_testkit::common;

use std::collections::BTreeMap;
use std::path::Path;

use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::check::check;
use outsource_advisor::advisor::content::Content;
use outsource_advisor::cli::read_content_dir;

/// prompts/ and data/ copied into a temp dir, to be edited there.
fn temp_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for folder in ["prompts", "data"] {
        std::fs::create_dir(copy.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, copy.path().join(folder).join(path.file_name().unwrap())).unwrap();
        }
    }
    copy
}

/// Replaces every `from` in the file at `path` of the copy (which must hold at least one).
fn edit(copy: &Path, path: &str, from: &str, to: &str) {
    let file = copy.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} contains `{from}`");
    std::fs::write(&file, text.replace(from, to)).unwrap();
}

fn load(copy: &Path) -> (Content, Vec<String>) {
    let files = read_content_dir(copy).unwrap();
    let content = Content::load(&files).unwrap();
    let problems = check(&files, &content).iter().map(ToString::to_string).collect();
    (content, problems)
}

#[test]
fn renaming_the_budget_question_is_named_by_check_until_the_figures_follow_and_then_loses_nothing() {
    let copy = temp_copy();
    let dir = copy.path();
    // The question and everything in prompts/ and data/ that refers to it by id.
    edit(
        dir,
        "prompts/questions.toml",
        "id = \"budget\"",
        "id = \"monthly_spend\"",
    );
    edit(
        dir,
        "prompts/questions.toml",
        "question = \"budget\"",
        "question = \"monthly_spend\"",
    );
    edit(
        dir,
        "data/rules.toml",
        "question = \"budget\"",
        "question = \"monthly_spend\"",
    );

    // The figures' role still reads `budget`: `check` names the file, the line and the role.
    let (_, problems) = load(dir);
    let checklist = std::fs::read_to_string(dir.join("data/checklist.toml")).unwrap();
    let line = checklist
        .lines()
        .position(|l| l.starts_with("budget = \"budget\""))
        .expect("the role's line")
        + 1;
    assert_eq!(
        problems,
        [format!(
            "data/checklist.toml:{line}: answers.budget reads question `budget`, which is not a question in prompts/questions.toml"
        )]
    );

    // The role follows the rename: `check` is clean, and every persona keeps every figure.
    edit(
        dir,
        "data/checklist.toml",
        "budget = \"budget\"",
        "budget = \"monthly_spend\"",
    );
    let (renamed, problems) = load(dir);
    assert!(problems.is_empty(), "{problems:#?}");
    let shipped = Content::built_in();
    let mut with_budget = 0;
    for (file, persona) in common::personas() {
        let before = advise(&shipped, &common::interview(&shipped, &persona.answers));
        let answers: BTreeMap<String, String> = persona
            .answers
            .iter()
            .map(|(id, text)| {
                let id = if id == "budget" { "monthly_spend" } else { id.as_str() };
                (id.to_owned(), text.clone())
            })
            .collect();
        let interview_after = common::interview(&renamed, &answers);
        let after = advise(&renamed, &interview_after);
        let interview_before = common::interview(&shipped, &persona.answers);
        let brief = |content, interview, advice| {
            outsource_advisor::brief::from_answers(content, interview, advice).map(|b| b.markdown())
        };
        assert_eq!(
            brief(&shipped, &interview_before, &before),
            brief(&renamed, &interview_after, &after),
            "{file}: the brief"
        );
        with_budget += usize::from(before.figures.contains_key("budget"));
        assert_eq!(before.figures, after.figures, "{file}");
        // The same entries, whose `basis` names the renamed question.
        assert_eq!(
            format!("{:?}", before.checklist),
            format!("{:?}", after.checklist).replace("\"monthly_spend\"", "\"budget\""),
            "{file}"
        );
        assert_eq!(before.failure_point, after.failure_point, "{file}");
        assert_eq!(before.outcome, after.outcome, "{file}");
    }
    assert!(
        with_budget >= 10,
        "the personas work out a budget figure ({with_budget})"
    );
}

#[test]
fn a_role_reading_a_question_of_the_wrong_kind_or_without_the_metric_choices_is_named() {
    let copy = temp_copy();
    let dir = copy.path();
    edit(
        dir,
        "data/checklist.toml",
        "sale_value = \"sale_value\"",
        "sale_value = \"hours_available\"",
    );
    let (_, problems) = load(dir);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains(
            "answers.sale_value reads question `hours_available`, a hours question; it needs a money question"
        ),
        "{problems:#?}"
    );

    let copy = temp_copy();
    let dir = copy.path();
    edit(
        dir,
        "prompts/questions.toml",
        "id = \"leads_sales\"",
        "id = \"leads_and_sales\"",
    );
    let (_, problems) = load(dir);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("answers.success_metric reads question `success`, which has no choice `leads_sales`")),
        "{problems:#?}"
    );
}
