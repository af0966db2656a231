//! Each persona under tests/personas/ is a small-business owner drawn from the articles; the
//! advice they get must be the one the article that describes them argues for.

mod common;

use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::Content;

#[test]
fn every_persona_gets_the_outcome_its_article_argues() {
    let content = Content::built_in();
    let personas = common::personas();
    assert!(personas.len() >= 10, "at least ten personas, found {}", personas.len());
    let mut wrong = Vec::new();
    for (file, persona) in &personas {
        let interview = common::interview(&content, &persona.answers);
        let advice = advise(&content, &interview);
        if advice.outcome != persona.expected {
            wrong.push(format!(
                "{file} ({}): expected {:?}, got {:?} at {:.2}",
                persona.name, persona.expected, advice.outcome, advice.confidence
            ));
        }
    }
    assert!(wrong.is_empty(), "personas advised wrongly:\n{}", wrong.join("\n"));
}

#[test]
fn every_persona_answer_is_asked_and_cites_an_article() {
    let content = Content::built_in();
    for (file, persona) in common::personas() {
        let interview = common::interview(&content, &persona.answers);
        for question in persona.answers.keys() {
            assert!(
                interview.answers.contains_key(question),
                "{file}: the answer to `{question}` was never asked for (a typo, or a condition that fails)"
            );
        }
        let cited = persona.argued_by.split(':').next().unwrap_or_default();
        assert!(
            cited.split(" and ").all(|id| content.article(id.trim()).is_some()),
            "{file}: argued_by must start with article file names, got `{cited}`"
        );
    }
}

#[test]
fn complete_answers_give_reasons_changes_and_a_checklist_with_their_own_numbers() {
    let content = Content::built_in();
    let (_, dentist) = common::personas()
        .into_iter()
        .find(|(file, _)| file == "dentist.toml")
        .expect("the dentist persona");
    let advice = advise(&content, &common::interview(&content, &dentist.answers));
    assert!(advice.missing.is_empty(), "nothing missing: {:?}", advice.missing);
    assert!(
        advice.confidence > 0.3 && advice.confidence <= 1.0,
        "confidence {}",
        advice.confidence
    );
    assert!(!advice.reasons.is_empty());
    for reason in &advice.reasons {
        assert!(
            content.article(&reason.source).is_some(),
            "reason cites an article: {reason:?}"
        );
        assert!(!reason.questions.is_empty(), "reason names its answers: {reason:?}");
    }
    let failure = advice
        .checklist
        .iter()
        .find(|item| item.metric == "Failure point")
        .expect("a failure point");
    // $2,000 a month for 6 months; a typical sale of $400 means 5 sales a month break even.
    assert!(
        failure.target.contains("$2,000 a month for 6 months ($12,000 in all)"),
        "{}",
        failure.target
    );
    assert!(failure.target.contains("5 sales a month"), "{}", failure.target);
    let reply = advice
        .checklist
        .iter()
        .find(|item| item.why.contains("$19.83"))
        .expect("a response-time target citing the 6-minute figure");
    assert!(
        reply.target.contains('6') && reply.target.contains("67"),
        "{}",
        reply.target
    );
    // The dentist's case is clear-cut: no single answer flips it.
    assert!(advice.would_change.is_empty(), "{:?}", advice.would_change);
}

#[test]
fn a_close_call_names_the_smallest_single_change_that_flips_it() {
    let content = Content::built_in();
    let (_, cafe) = common::personas()
        .into_iter()
        .find(|(file, _)| file == "cafe_staff.toml")
        .expect("the café persona");
    let advice = advise(&content, &common::interview(&content, &cafe.answers));
    assert!(!advice.would_change.is_empty());
    let budget = advice
        .would_change
        .iter()
        .find(|line| line.contains("Monthly budget"))
        .expect("more budget is one way to flip it");
    // $100 now; the smallest amount tried that flips it, not the largest.
    assert!(budget.contains("instead of $100 a month"), "{budget}");
    assert!(!budget.contains("$5,000"), "{budget}");
}

#[test]
fn missing_answers_are_named_and_lower_the_confidence() {
    let content = Content::built_in();
    let (_, dentist) = common::personas()
        .into_iter()
        .find(|(file, _)| file == "dentist.toml")
        .expect("the dentist persona");
    let full = advise(&content, &common::interview(&content, &dentist.answers));
    let mut partial_answers = dentist.answers.clone();
    partial_answers.remove("budget");
    partial_answers.remove("hours_available");
    let partial = advise(&content, &common::interview(&content, &partial_answers));
    assert!(partial.missing.contains(&"budget".to_owned()), "{:?}", partial.missing);
    assert!(
        partial.missing.contains(&"hours_available".to_owned()),
        "{:?}",
        partial.missing
    );
    assert!(
        partial.confidence < full.confidence,
        "{} < {}",
        partial.confidence,
        full.confidence
    );
}
