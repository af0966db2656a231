//! prompts/ and data/ as shipped pass `check`, and each kind of mistake in them is caught with
//! its file and line.

use outsource_advisor::advisor::check::{check, check_with, MESSAGE_KEYS};
use outsource_advisor::advisor::content::{Content, ContentFiles};

fn problems_after(edit: impl FnOnce(&mut ContentFiles)) -> Vec<String> {
    let mut files = ContentFiles::built_in();
    edit(&mut files);
    match Content::load(&files) {
        Ok(content) => check_with(&files, &content, &outsource_advisor::cli::front_keys())
            .iter()
            .map(ToString::to_string)
            .collect(),
        Err(err) => vec![err.to_string()],
    }
}

fn replace(text: &mut String, from: &str, to: &str) {
    assert!(text.contains(from), "the shipped content contains `{from}`");
    *text = text.replacen(from, to, 1);
}

#[test]
fn the_shipped_content_is_clean() {
    let problems = problems_after(|_| {});
    assert!(problems.is_empty(), "{problems:#?}");
    let files = ContentFiles::built_in();
    let content = Content::load(&files).unwrap();
    let problems = check_with(&files, &content, &outsource_advisor::cli::front_keys());
    assert!(problems.is_empty(), "with the fronts' sentences: {problems:#?}");
}

/// The core's list holds the core's sentences; each front declares its own, and `check`
/// validates them through that declaration, naming the front.
#[test]
fn a_sentence_a_front_needs_is_checked_through_that_fronts_declaration() {
    for key in MESSAGE_KEYS {
        assert!(
            !["discord.", "cli.", "chat.", "brief.", "chart."]
                .iter()
                .any(|front| key.starts_with(front)),
            "`{key}` belongs to a front"
        );
    }
    let fronts = outsource_advisor::cli::front_keys();
    let names: Vec<&str> = fronts.iter().map(|f| f.front).collect();
    assert_eq!(names, ["cli", "discord"]);
    for (key, front) in [
        ("busy = ", "discord"),
        ("advice_share = ", "discord"),
        ("forget_needs_yes = ", "cli"),
    ] {
        let mut files = ContentFiles::built_in();
        let text = files.messages.text.clone();
        let at = text.find(&format!("\n{key}")).expect(key) + 1;
        let end = at + text[at..].find('\n').unwrap();
        files.messages.text = format!("{}{}", &text[..at], &text[end + 1..]);
        let content = Content::load(&files).unwrap();
        assert!(
            check(&files, &content).is_empty(),
            "the core alone does not need `{key}`"
        );
        let problems: Vec<String> = check_with(&files, &content, &fronts)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("prompts/messages.toml:")
                && problems[0].contains("is missing")
                && problems[0].ends_with(&format!("(the {front} front uses it)")),
            "{problems:#?}"
        );
    }
}

#[test]
fn the_shipped_questions_cover_every_diagnostic_the_articles_raise() {
    let content = Content::built_in();
    for id in [
        "growth",
        "works_today",
        "free_time",
        "roi_measure",
        "activities",
        "expertise",
        "experience_years",
        "hours_now",
        "hours_available",
        "budget",
        "prime_customer",
        "reply_speed",
        "personal_touch",
        "staff",
        "success",
        "failure_months",
        "outside_view",
    ] {
        let question = content.question(id).unwrap_or_else(|| panic!("question `{id}`"));
        assert!(!question.sources.is_empty());
    }
    let activities = content.question("activities").unwrap();
    for choice in [
        "setup",
        "design",
        "scheduling",
        "replies",
        "content",
        "influencers",
        "reporting",
    ] {
        assert!(activities.choice(choice).is_some(), "activity `{choice}`");
    }
}

#[test]
fn a_toml_syntax_error_names_file_and_line() {
    let problems = problems_after(|f| replace(&mut f.rules.text, "reasons = 4", "reasons = = 4"));
    assert_eq!(problems.len(), 1);
    let rules = ContentFiles::built_in().rules.text;
    let line = rules.lines().position(|l| l == "reasons = 4").expect("the line") + 1;
    assert!(
        problems[0].starts_with(&format!("data/rules.toml:{line}:")),
        "{problems:?}"
    );
}

#[test]
fn a_question_citing_an_unknown_article_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.questions.text,
            "sources = [\"003_a561e1ea98fbde7b\"]",
            "sources = [\"999_nope\"]",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("prompts/questions.toml:") && p.contains("999_nope")),
        "{problems:?}"
    );
}

#[test]
fn an_article_without_a_readable_title_is_caught() {
    // Every citation people read shows the article's title, so each article needs one.
    for title in ["", "002_7dbf48aff4117c43", &"a very long title ".repeat(5)] {
        let problems = problems_after(|f| {
            replace(
                &mut f.facts.text,
                "title = \"What companies should outsource social media?\"",
                &format!("title = \"{title}\""),
            )
        });
        assert!(
            problems.iter().any(
                |p| p.starts_with("data/facts.toml:") && p.contains("article `002_7dbf48aff4117c43` needs a title")
            ),
            "title {title:?}: {problems:?}"
        );
    }
}

#[test]
fn an_article_without_a_short_title_for_charts_is_caught() {
    for line in ["", "short = \"A short title much too long for a chart\"\n"] {
        let problems = problems_after(|f| replace(&mut f.facts.text, "short = \"Who should outsource\"\n", line));
        assert!(
            problems.iter().any(|p| p.starts_with("data/facts.toml:")
                && p.contains("article `002_7dbf48aff4117c43` needs a `short` title")),
            "{line:?}: {problems:?}"
        );
    }
}

#[test]
fn a_condition_on_a_later_or_unknown_question_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.questions.text,
            "ask_if = { question = \"budget\", at_least = 1 }",
            "ask_if = { question = \"failure_months\", at_least = 1 }",
        )
    });
    assert!(
        problems.iter().any(|p| p.contains("not an earlier question")),
        "{problems:?}"
    );
}

#[test]
fn a_condition_testing_an_answer_the_question_cannot_give_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.checklist.text,
            "is_any = [\"leads_sales\"]",
            "is_any = [\"leads_and_sales\"]",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("data/checklist.toml:") && p.contains("leads_and_sales")),
        "{problems:?}"
    );
}

#[test]
fn a_rule_naming_an_unknown_question_or_factor_is_caught() {
    let problems = problems_after(|f| replace(&mut f.rules.text, "question = \"staff\"", "question = \"staf\""));
    assert!(
        problems.iter().any(|p| p.contains("`staf`, which does not exist")),
        "{problems:?}"
    );
    let problems = problems_after(|f| replace(&mut f.rules.text, "outside_view = 1.0 }", "outside_veiw = 1.0 }"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("factor `outside_veiw`, which does not exist")),
        "{problems:?}"
    );
}

#[test]
fn a_monotone_factor_whose_weights_fall_is_caught() {
    let problems = problems_after(|f| replace(&mut f.rules.text, "budget = 4.0", "budget = 1.0"));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("data/rules.toml:") && p.contains("`budget` is marked monotone")),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_placeholder_in_a_template_is_caught() {
    let problems =
        problems_after(|f| replace(&mut f.checklist.text, "{target_sales} a month", "{target_sale} a month"));
    assert!(problems.iter().any(|p| p.contains("`{target_sale}`")), "{problems:?}");
}

#[test]
fn a_missing_sentence_is_caught() {
    let problems = problems_after(|f| replace(&mut f.messages.text, "nothing_before = ", "nothing_beforehand = "));
    assert!(
        problems.iter().any(|p| p.contains("`chat.nothing_before` is missing")),
        "{problems:?}"
    );
}

#[test]
fn a_choice_question_without_choices_is_caught() {
    let problems = problems_after(|f| replace(&mut f.questions.text, "kind = \"choices\"", "kind = \"money\""));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("is a money question but lists choices")),
        "{problems:?}"
    );
}

#[test]
fn an_alias_two_choices_of_one_question_share_is_reported() {
    // "bookings" is already an alias of `sales`; giving it to `leads` too would pick both.
    let problems = problems_after(|files| {
        replace(
            &mut files.questions.text,
            r#"aliases = ["enquiries", "inquiries", "leads", "calls","#,
            r#"aliases = ["enquiries", "inquiries", "leads", "bookings", "calls","#,
        )
    });
    assert!(
        problems.iter().any(
            |p| p.contains("alias `bookings` belongs to both choice `sales` and choice `leads`")
                || p.contains("alias `bookings` belongs to both choice `leads` and choice `sales`")
        ),
        "{problems:#?}"
    );
    // The same word in two different questions is fine: each question reads its own choices.
    assert!(problems_after(|_| {}).is_empty());
}

#[test]
fn every_dimension_and_kind_has_its_words() {
    let problems = problems_after(|files| replace(&mut files.messages.text, "span = \"a length of time\"\n", ""));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sentence `dimension.span` is missing")),
        "{problems:#?}"
    );
}

#[test]
fn a_line_citing_an_unknown_article_or_question_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "sources = [\"003_a561e1ea98fbde7b\"]\ntests = [{ question = \"growth\"",
            "sources = [\"999_nope\"]\ntests = [{ question = \"growht\"",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("data/rules.toml:") && p.contains("line `no_growth` cites `999_nope`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("tests question `growht`, which does not exist")),
        "{problems:?}"
    );
}

#[test]
fn a_line_testing_an_answer_its_question_cannot_give_is_caught() {
    let problems = problems_after(|f| replace(&mut f.rules.text, "is_any = [\"no\"] }]", "is_any = [\"never\"] }]"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("line `no_growth` tests `growth` for `never`")),
        "{problems:?}"
    );
}

#[test]
fn a_line_bound_naming_an_unknown_fact_or_on_a_non_number_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "at_most = \"no_provider_budget\"",
            "at_most = \"no_such_fact\"",
        )
    });
    assert!(
        problems.iter().any(|p| p.contains("compares with fact `no_such_fact`")),
        "{problems:?}"
    );
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "{ question = \"growth\", is_any = [\"no\"] }",
            "{ question = \"growth\", at_least = 1 }",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("line `no_growth` compares `growth` with a number, but it is a yes_no question")),
        "{problems:?}"
    );
}

#[test]
fn lines_that_contradict_each_other_are_caught() {
    // With no money, no_money rules out the paid outcomes; a line ruling out the rest for the
    // same answers leaves nothing to advise.
    let problems = problems_after(|f| {
        f.rules.text.push_str(
            "\n[[line]]\nid = \"broke_means_nothing\"\nsources = [\"002_7dbf48aff4117c43\"]\ntests = [{ question = \"budget\", at_most = 10 }]\nrules_out = [\"not_yet\", \"in_house\"]\n",
        );
        f.messages.text = f
            .messages
            .text
            .replacen("[line]\n", "[line]\nbroke_means_nothing = \"Nothing.\"\n", 1);
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("lines `no_money`, `broke_means_nothing` contradict each other")),
        "{problems:?}"
    );
    // Lines that cannot apply together (no money, and a budget in 002's range; social media
    // that can't bring customers, and one that can) do not contradict.
    let problems = problems_after(|f| {
        f.rules.text.push_str(
            "\n[[line]]\nid = \"rich\"\nsources = [\"002_7dbf48aff4117c43\"]\ntests = [{ question = \"budget\", at_least = 5000 }, { question = \"growth\", is_any = [\"yes\"] }]\nrules_out = [\"not_yet\", \"in_house\"]\n",
        );
        f.messages.text = f.messages.text.replacen("[line]\n", "[line]\nrich = \"Rich.\"\n", 1);
    });
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_line_without_its_sentence_or_twice_is_caught() {
    let problems = problems_after(|f| replace(&mut f.messages.text, "no_growth = ", "no_grwth = "));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sentence `line.no_growth` is missing")),
        "{problems:?}"
    );
    let problems = problems_after(|f| replace(&mut f.rules.text, "id = \"no_growth\"", "id = \"no_money\""));
    assert!(
        problems.iter().any(|p| p.contains("line id `no_money` is used twice")),
        "{problems:?}"
    );
}

#[test]
fn a_what_if_question_that_is_unknown_or_badly_ordered_is_caught() {
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "question = \"staff\"\nhigher",
            "question = \"staffing\"\nhigher",
        )
    });
    assert!(
        problems.iter().any(|p| p.contains("what_if tries question `staffing`")),
        "{problems:?}"
    );
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "order = [\"no\", \"unsure\", \"yes\"]",
            "order = [\"no\", \"yes\"]",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("what_if question `staff` must order every answer")),
        "{problems:?}"
    );
}

#[test]
fn need_more_asking_for_more_weighty_answers_than_there_are_is_caught() {
    let problems = problems_after(|f| replace(&mut f.rules.text, "at_least = 4\n", "at_least = 40\n"));
    assert!(
        problems.iter().any(|p| p.contains("need_more.at_least is 40")),
        "{problems:?}"
    );
}

#[test]
fn a_checklist_without_the_failure_point_is_caught() {
    let problems = problems_after(|f| replace(&mut f.checklist.text, "id = \"failure_point\"", "id = \"failure\""));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("checklist item `failure_point` is missing")),
        "{problems:?}"
    );
}

/// The menus rely on the content fitting them: a short title too long for "N. short", a choice
/// question with more choices than a select menu holds, a choice label longer than an option's,
/// and a question id no button can carry are each caught, naming the question.
#[test]
fn content_a_select_menu_cannot_hold_is_caught() {
    let long = "a".repeat(99);
    let problems = problems_after(|f| {
        replace(
            &mut f.questions.text,
            "short = \"Social media can drive growth\"",
            &format!("short = \"{long}\""),
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("question `growth` has a `short` too long for the answers menu")),
        "{problems:?}"
    );

    let problems = problems_after(|f| {
        let extra: String = (0..25)
            .map(|i| format!("  {{ id = \"extra_{i}\", label = \"Extra {i}\" }},\n"))
            .collect();
        let kind = f.questions.text.find("kind = \"choices\"").expect("a choices question");
        let at = kind + f.questions.text[kind..].find("choices = [\n").expect("its choices") + "choices = [\n".len();
        f.questions.text.insert_str(at, &extra);
    });
    assert!(
        problems.iter().any(|p| p.contains("choices; a select menu holds 25")),
        "{problems:?}"
    );

    let problems = problems_after(|f| {
        let at = f.questions.text.find("label = \"").expect("a choice label") + "label = \"".len();
        f.questions.text.insert_str(at, &"b".repeat(100));
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("has a choice label longer than a menu option's 100 characters")),
        "{problems:?}"
    );

    let problems = problems_after(|f| replace(&mut f.questions.text, "id = \"growth\"", "id = \"Growth-Now\""));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("question id `Growth-Now` must be at most 40 lowercase letters")),
        "{problems:?}"
    );
}

/// Each way a quick pick can go wrong is named: a pick its reader cannot read surely, two picks
/// of one question that overlap, a label too long for a select menu, more picks than a menu
/// holds, and picks on a question whose buttons already answer it.
#[test]
fn bad_quick_picks_are_caught() {
    let budget = r#"picks = ["nothing", "under $300 a month", "$300–1,000 a month", "$1,000–2,000 a month", "more than $2,000 a month"]"#;
    let cases: Vec<(String, &str)> = vec![
        (
            r#"picks = ["nothing", "purple", "$300–1,000 a month"]"#.to_owned(),
            "pick `purple` does not read back surely",
        ),
        (
            r#"picks = ["nothing", "under $300 a month", "$200–1,000 a month"]"#.to_owned(),
            "picks `under $300 a month` and `$200–1,000 a month` overlap",
        ),
        (
            format!(r#"picks = ["nothing", "${} a month"]"#, "1".repeat(120)),
            "must be 1 to 100 characters",
        ),
        (
            format!(
                "picks = [{}]",
                (1..=26)
                    .map(|n| format!("\"${}00 a month\"", n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "has 26 picks; a select menu holds at most 25",
        ),
    ];
    for (picks, named) in cases {
        let problems = problems_after(|f| replace(&mut f.questions.text, budget, &picks));
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("prompts/questions.toml:") && p.contains(named)),
            "{named}: {problems:#?}"
        );
    }
    // A bound is open on its other side: "under 3" runs from nothing to 3, so it overlaps "2–5"
    // though the two only touched when a bound was read as its bare figure.
    let hours = r#"picks = ["none", "under 2 hours a week", "2–5 hours a week", "6–10 hours a week", "11 or more hours a week"]"#;
    let years = r#"picks = ["never", "under a year", "1–2 years", "3–5 years", "more than 5 years"]"#;
    let bound_cases = [
        (
            hours,
            r#"picks = ["none", "under 3 hours a week", "2–5 hours a week"]"#,
            "picks `under 3 hours a week` and `2–5 hours a week` overlap",
        ),
        (
            hours,
            r#"picks = ["none", "under 2 hours a week", "1–2 hours a week"]"#,
            "picks `under 2 hours a week` and `1–2 hours a week` overlap",
        ),
        (
            hours,
            r#"picks = ["11–15 hours a week", "11 or more hours a week"]"#,
            "picks `11–15 hours a week` and `11 or more hours a week` overlap",
        ),
        (
            years,
            r#"picks = ["never", "under 2 years", "1–2 years"]"#,
            "picks `under 2 years` and `1–2 years` overlap",
        ),
        (
            years,
            r#"picks = ["4–6 years", "more than 3 years"]"#,
            "picks `4–6 years` and `more than 3 years` overlap",
        ),
    ];
    for (from, picks, named) in bound_cases {
        let problems = problems_after(|f| replace(&mut f.questions.text, from, picks));
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("prompts/questions.toml:") && p.contains(named)),
            "{named}: {problems:#?}"
        );
    }
    let problems = problems_after(|f| {
        replace(
            &mut f.questions.text,
            "kind = \"yes_no\"\nexamples = [\"yes\", \"not really\", \"I think so\"]",
            "kind = \"yes_no\"\nexamples = [\"yes\", \"not really\", \"I think so\"]\npicks = [\"yes\"]",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("question `growth` is a yes_no question")),
        "{problems:#?}"
    );
}

/// Issue 29: a situation's wording is checked like a line's: each outcome it words has its
/// sentence, and each test names a question and an answer it can give.
#[test]
fn a_situation_without_its_sentence_or_with_a_wrong_test_is_caught() {
    let problems = problems_after(|f| replace(&mut f.messages.text, "full = \"Keep them,", "fulll = \"Keep them,"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("sentence `situation.paying.full` is missing")),
        "{problems:?}"
    );
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "tests = [{ question = \"runs_today\", is_any = [\"provider\"] }]\noutcomes",
            "tests = [{ question = \"runs_today\", is_any = [\"agency\"] }]\noutcomes",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("situation `paying` tests `runs_today` for `agency`")),
        "{problems:?}"
    );
    let problems = problems_after(|f| {
        replace(
            &mut f.rules.text,
            "id = \"growth_elsewhere\"\ntests = [{ question = \"growth\"",
            "id = \"growth_elsewhere\"\ntests = [{ question = \"growht\"",
        )
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("situation `growth_elsewhere` tests question `growht`, which does not exist")),
        "{problems:?}"
    );
}
