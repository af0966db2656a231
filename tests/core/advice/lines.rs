//! The hard lines of data/rules.toml, each shown failing once: for answers where the line
//! applies, the advice keeps out of what it rules out, names the line among its reasons with its
//! source, and with that line taken out of the rules the same answers get a ruled-out outcome.
//! So each line is what holds its answers, not the scores.

use advisor_testkit::common;

use std::collections::BTreeMap;

use outsource_advisor::advisor::advice::{advise, Basis};
use outsource_advisor::advisor::content::{ContentFiles, Outcome};
use outsource_advisor::advisor::Content;
use outsource_advisor::chat::text;

/// The persona `base` with some answers changed.
fn answers(base: &str, changes: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut answers = common::persona(base).answers;
    for (question, text) in changes {
        answers.insert((*question).into(), (*text).into());
    }
    answers
}

/// For each line: answers where it applies, and where the scores alone would cross it.
fn cases() -> Vec<(&'static str, BTreeMap<String, String>)> {
    vec![
        // A law firm whose other answers point to a full hand-over, with nothing to spend.
        ("no_money", answers("law_firm_full", &[("budget", "nothing")])),
        // An accountant whose other answers point to a full hand-over, with $150 a month.
        ("below_range", answers("accountant_full", &[("budget", "$150 a month")])),
        // An accountant who could pay for it all but says social media can't bring customers.
        ("no_growth", answers("accountant_full", &[("growth", "no")])),
        // An expert who runs it well and whose customers come for the personal touch, but who
        // has no time left, nobody to train, and $500 a month.
        (
            "no_time_with_money",
            answers(
                "bakery",
                &[
                    ("hours_available", "none"),
                    ("staff", "no"),
                    ("budget", "$300 a month"),
                    ("expertise", "5"),
                    ("experience_years", "6 years"),
                    ("works_today", "5"),
                    ("free_time", "no"),
                    ("outside_view", "no"),
                    ("activities", "replying to customers"),
                    ("reply_speed", "days"),
                ],
            ),
        ),
        // The marketer turned café owner whose social media works, unsure it brings customers,
        // with nothing to spend, no success metric and no prime customer: without the line,
        // "not yet" for what already works.
        (
            "works_in_house",
            answers(
                "in_house_expert_works",
                &[
                    ("growth", "not sure"),
                    ("budget", "nothing"),
                    ("success", "don't know"),
                    ("roi_measure", "nothing"),
                    ("prime_customer", "everybody"),
                    ("staff", "no"),
                    ("personal_touch", "2"),
                ],
            ),
        ),
        // The estate agency whose agency misses its targets, had none been agreed: without the
        // line, the agency is cut back but kept.
        (
            "paid_blind",
            answers("paying_agency_failing_metric", &[("provider_agreed", "neither")]),
        ),
        // The same practice with the targets agreed but missed: without the line, kept as it is.
        (
            "paid_failing",
            answers("paying_agency_happy", &[("provider_going", "2")]),
        ),
    ]
}

/// The content with one line taken out of data/rules.toml.
fn without(line: &str) -> Content {
    let mut files = ContentFiles::built_in();
    let text = &files.rules.text;
    let start = text
        .find(&format!("[[line]]\nid = \"{line}\""))
        .unwrap_or_else(|| panic!("line `{line}` in data/rules.toml"));
    let end = start + text[start..].find("rules_out = ").expect("rules_out");
    let end = end + text[end..].find('\n').map_or(text.len() - end, |i| i + 1);
    files.rules.text = format!("{}{}", &text[..start], &text[end..]);
    Content::load(&files).expect("the rules still parse")
}

#[test]
fn every_shipped_line_has_a_case_here() {
    let content = Content::built_in();
    let cases: Vec<&str> = cases().iter().map(|(id, _)| *id).collect();
    for line in &content.rules.line {
        assert!(
            cases.contains(&line.id.as_str()),
            "line `{}` is never shown failing",
            line.id
        );
    }
}

#[test]
fn each_line_holds_its_answers_and_fails_without_it() {
    let content = Content::built_in();
    for (id, answers) in cases() {
        let line = content.rules.line.iter().find(|l| l.id == id).expect("a shipped line");
        let interview = common::interview(&content, &answers);
        let advice = advise(&content, &interview);
        let outcome = advice.outcome.unwrap_or_else(|| panic!("{id}: advised"));
        assert!(!line.rules_out.contains(&outcome), "{id}: advised {outcome:?}");
        assert!(advice.lines.iter().any(|l| l.id == id), "{id}: named among the lines");
        let reason = advice
            .reasons
            .iter()
            .find(|r| r.basis == Basis::Line && r.id == id)
            .unwrap_or_else(|| panic!("{id}: named among the reasons"));
        assert_eq!(reason.sources, line.sources, "{id}: with its sources");
        let words = text::advice(&content, &advice);
        assert!(
            words.contains(&format!("(source: {})", content.cite(&line.sources))),
            "{id}: {words}"
        );

        // The line is what holds: without it, the scores cross it.
        let loose = without(id);
        let crossed = advise(&loose, &common::interview(&loose, &answers))
            .outcome
            .expect("advised");
        assert!(
            line.rules_out.contains(&crossed),
            "{id}: without the line the same answers give {crossed:?}, which it does not rule out; pick answers that show it failing"
        );
    }
}

#[test]
fn no_money_says_it_pays_nobody() {
    let content = Content::built_in();
    let advice = advise(
        &content,
        &common::interview(&content, &answers("law_firm_full", &[("budget", "nothing")])),
    );
    let words = text::advice(&content, &advice);
    assert!(
        words.contains("so this advice pays nobody. (source: “What companies should outsource social media?”, “Should small businesses outsource their social media?”)"),
        "{words}"
    );
    assert!(advice.outcome < Some(Outcome::Consultant));
}
