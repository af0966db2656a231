//! Owners as they are (issue 29): those who already pay someone, those whose customers come from
//! elsewhere, and what each option costs in their own numbers.

use advisor_testkit::common;

use std::collections::BTreeMap;

use outsource_advisor::advisor::advice::{advise, Advice, Figure};
use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::Content;
use outsource_advisor::chat::text;

fn advice_for(content: &Content, name: &str, changes: &[(&str, &str)]) -> Advice {
    let mut answers: BTreeMap<String, String> = common::persona(name).answers;
    for (question, text) in changes {
        answers.insert((*question).into(), (*text).into());
    }
    advise(content, &common::interview(content, &answers))
}

fn amount(advice: &Advice, name: &str) -> f64 {
    advice
        .figures
        .get(name)
        .and_then(Figure::value)
        .unwrap_or_else(|| panic!("figure `{name}` in {:?}", advice.figures.keys()))
}

#[test]
fn the_nine_agency_story_is_not_advised_to_outsource_again() {
    let content = Content::built_in();
    let advice = advice_for(&content, "paying_nine_agencies", &[]);
    let outcome = advice.outcome.expect("an outcome");
    assert!(outcome < Outcome::Partial, "{outcome:?}");
    assert_eq!(advice.situation.as_deref(), Some("paying"));
    let shown = text::advice(&content, &advice);
    assert!(shown.contains("end the ongoing fee"), "{shown}");
    // No metric was ever agreed: said as a reason (by the line that speaks for that answer).
    assert!(shown.contains("nothing was ever agreed to judge them by"), "{shown}");
}

#[test]
fn a_paid_provider_is_worded_as_keep_cut_back_take_back_or_stop() {
    let content = Content::built_in();
    let cases = [
        ("paying_agency_happy", Outcome::Full, "Keep them"),
        ("paying_freelancer_happy_mechanical", Outcome::Partial, "Cut them back"),
        ("paying_agency_takes_back", Outcome::InHouse, "Bring it in-house"),
        ("paying_agency_no_growth", Outcome::NotYet, "Stop paying them"),
    ];
    for (persona, outcome, opening) in cases {
        let advice = advice_for(&content, persona, &[]);
        assert_eq!(advice.outcome, Some(outcome), "{persona}");
        let shown = text::advice(&content, &advice);
        assert!(shown.contains(opening), "{persona}: {shown}");
    }
}

#[test]
fn no_metric_ever_agreed_is_a_reason_of_its_own() {
    let content = Content::built_in();
    // Going well enough that no line speaks for it, but nothing agreed.
    let advice = advice_for(&content, "paying_agency_happy", &[("provider_agreed", "neither")]);
    assert!(
        advice.reasons.iter().any(|r| r.id == "provider_no_metric"),
        "{:?}",
        advice.reasons
    );
    let agreed = advice_for(&content, "paying_agency_happy", &[]);
    assert!(!agreed.reasons.iter().any(|r| r.id == "provider_no_metric"));
}

#[test]
fn the_failure_point_of_a_provider_already_paid_counts_from_today() {
    let content = Content::built_in();
    let advice = advice_for(&content, "paying_agency_happy", &[]);
    assert!(advice.failure_point.as_ref().is_some_and(|p| p.from_today));
    let shown = text::advice(&content, &advice);
    assert!(shown.contains("the months count from today"), "{shown}");
    let never_paid = advice_for(&content, "dentist", &[]);
    assert!(never_paid.failure_point.as_ref().is_some_and(|p| !p.from_today));
}

#[test]
fn when_customers_come_from_elsewhere_nothing_is_paid_and_pin_down_is_not_said() {
    let content = Content::built_in();
    // The example: growth "no", $2,000, no time, no know-how.
    let advice = advice_for(&content, "elsewhere_two_thousand_no_time", &[]);
    assert_eq!(advice.outcome, Some(Outcome::NotYet));
    let shown = text::advice(&content, &advice);
    assert!(shown.contains("where your customers already come from"), "{shown}");
    assert!(!shown.contains("pin down"), "{shown}");
    // Unsure: the first step stays finding out.
    let unsure = advice_for(&content, "elsewhere_unsure_walk_ins", &[]);
    assert_eq!(unsure.outcome, Some(Outcome::NotYet));
    assert!(text::advice(&content, &unsure).contains("pin down"));
}

#[test]
fn what_works_stays_and_is_never_not_yet() {
    let content = Content::built_in();
    let advice = advice_for(&content, "in_house_expert_works", &[("budget", "nothing")]);
    assert_ne!(advice.outcome, Some(Outcome::NotYet));
    assert!(advice.lines.iter().any(|l| l.id == "works_in_house"));
}

#[test]
fn each_option_costs_a_month_in_the_owners_own_numbers_and_the_sums_read_back_true() {
    let content = Content::built_in();
    let advice = advice_for(&content, "paying_agency_happy", &[("hour_value", "$60")]);
    let (hours, hour, paid, months) = (
        amount(&advice, "time_budget"),
        amount(&advice, "hour_value"),
        amount(&advice, "paid_cost"),
        amount(&advice, "months"),
    );
    assert_eq!(paid, 1_800.0, "the provider's fee, not the budget");
    let owner = amount(&advice, "owner_hours_cost");
    assert_eq!(owner, ((hours * 52.0 / 12.0 * hour) * 100.0).round() / 100.0);
    let at_stake = amount(&advice, "at_stake");
    assert!(((owner + paid) * months - at_stake).abs() < 0.01, "{at_stake}");
    let shown = text::advice(&content, &advice);
    assert!(shown.contains("What it costs a month, in your numbers"), "{shown}");
    assert!(shown.contains("$1,800 paid"), "{shown}");
    // Without the hour's value, no line of the owner's time: no outside price stands in.
    let without = advice_for(&content, "paying_agency_happy", &[]);
    assert!(!without.figures.contains_key("owner_hours_cost"));
    // Pounds and dollars are not added up.
    let pounds = advice_for(&content, "paying_agency_happy", &[("hour_value", "£60")]);
    assert!(pounds.figures.contains_key("owner_hours_cost"));
    assert!(!pounds.figures.contains_key("at_stake"));
}
