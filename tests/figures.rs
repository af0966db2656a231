//! Issue 27, "Numbers an owner can check": each example the issue found, as the persona or the
//! answers that showed it, read as an owner with a calculator reads them.

use advisor_testkit::common;

use outsource_advisor::advisor::advice::{advise, Origin};
use outsource_advisor::advisor::read::Metric;
use outsource_advisor::advisor::Content;
use outsource_advisor::view::advice::checklist_lines;

/// The checklist's line whose metric is `metric`: its target and its why.
fn line(content: &Content, advice: &outsource_advisor::advisor::advice::Advice, metric: &str) -> (String, String) {
    let found = checklist_lines(content, advice)
        .into_iter()
        .find(|l| l.metric == metric)
        .unwrap_or_else(|| panic!("no `{metric}` line"));
    (found.target, found.why)
}

/// A budget of $1,500 a month and a failure point of $1,200 a month for 6 months: the brief
/// asked about "$1,500 a month for 6 months, $7,200 in all", and the checklist worked the success
/// target from the $1,500. Everything now works from the failure point's $1,200.
#[test]
fn the_failure_points_spend_is_the_spend_everywhere() {
    let content = Content::built_in();
    let mut answers = common::persona("full_budget_range_caterer").answers;
    answers.insert("budget".into(), "$1,500 a month".into());
    answers.insert("sale_value".into(), "$600".into());
    answers.insert("failure_months".into(), "$1,200 a month for 6 months".into());
    let interview = common::interview(&content, &answers);
    let advice = advise(&content, &interview);
    let brief = outsource_advisor::brief::from_answers(&content, &interview, &advice)
        .unwrap()
        .markdown();
    assert!(
        brief.contains("What happens at the failure point ($1,200 a month for 6 months, $7,200 in all)?"),
        "{brief}"
    );
    assert!(!brief.contains("$1,500 a month for 6 months"), "{brief}");
    let (target, _) = line(&content, &advice, "Sales that came from social media");
    // 2 × $1,200 = $2,400 at $600 a sale: 4 sales, 4 × $600 = $2,400.
    assert_eq!(target, "4 a month at $600, bringing back $2,400 on $1,200 a month");
    let (target, _) = line(&content, &advice, "Return on the spend");
    assert_eq!(
        target,
        "At least 2 sales a month at $600 ($1,200), to cover the $1,200 a month you spend"
    );
}

/// "$200–1,000" for a sale: the sums take $600, and say so beside them, in the text and in
/// `basis`.
#[test]
fn a_ranges_middle_is_said_where_it_is_used() {
    let content = Content::built_in();
    let caterer = common::persona("full_budget_range_caterer");
    let advice = advise(&content, &common::interview(&content, &caterer.answers));
    let (target, why) = line(&content, &advice, "Return on the spend");
    assert_eq!(
        target,
        "At least 2 sales a month at $600 ($1,200), to cover the $1,200 a month you spend"
    );
    assert!(
        why.contains("Taking $600, the middle of your $200 to $1,000 (What a typical sale is worth)."),
        "{why}"
    );
    assert_eq!(
        advice.basis.get("sale_value"),
        Some(&Origin::RangeMiddle {
            question: "sale_value".into(),
            low: 200.0,
            high: 1000.0
        })
    );
    // The spend is the owner's own (their failure point), not the budget's middle.
    assert_eq!(
        advice.basis.get("spend"),
        Some(&Origin::Typed {
            question: "failure_months".into()
        })
    );
    // What `advice --json` prints the data from.
    let json = serde_json::to_value(&advice).unwrap();
    assert_eq!(json["basis"]["sale_value"]["kind"], "range_middle", "{json}");
    let roi = json["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "roi_check")
        .unwrap();
    assert_eq!(roi["basis"]["sale_value"]["low"], 200.0, "{roi}");
}

/// A dentist with $900 a sale: "5 a month, bringing back $4,000" (5 × $900 is $4,500).
#[test]
fn what_the_target_sales_bring_back_is_their_product() {
    let content = Content::built_in();
    let mut answers = common::persona("dentist").answers;
    answers.insert("sale_value".into(), "$900".into());
    let advice = advise(&content, &common::interview(&content, &answers));
    let (target, why) = line(&content, &advice, "Sales that came from social media");
    assert_eq!(target, "5 a month at $900, bringing back $4,500 on $2,000 a month");
    assert!(
        why.starts_with("5 a month is the fewest sales at $900 that bring back at least 2 times the $2,000 spent."),
        "{why}"
    );
    // An hour a week the owner never gave says it is proposed.
    let (target, why) = line(&content, &advice, "Your time overseeing the provider");
    assert!(target.starts_with("1 hour a week"), "{target}");
    assert!(
        why.contains("1 hour a week is proposed for this plan, not a figure you gave."),
        "{why}"
    );
}

/// "Stop if under 20 sales a month" beside a target of 4: said, asked about, and not reordered.
#[test]
fn a_failure_line_above_the_target_is_said_and_left_as_given() {
    let content = Content::built_in();
    let caterer = common::persona("full_budget_range_caterer");
    let advice = advise(&content, &common::interview(&content, &caterer.answers));
    let crossed = advice.targets_cross.as_ref().expect("the lines cross");
    assert_eq!(
        (crossed.metric, crossed.below, crossed.target),
        (Metric::Sales, 20.0, 4.0)
    );
    assert_eq!(
        advice.failure_point.as_ref().unwrap().below,
        20.0,
        "the owner's line is kept"
    );
    let (target, why) = line(&content, &advice, "Failure point");
    assert!(
        target.contains("stop if you are under 20 sales a month by then"),
        "{target}"
    );
    assert!(
        why.contains("Your failure line, under 20 sales a month, is above your success target of 4 sales a month")
            && why.contains("Which should change"),
        "{why}"
    );
    // The brief lists it among what is still open.
    let interview = common::interview(&content, &caterer.answers);
    let brief = outsource_advisor::brief::from_answers(&content, &interview, &advice)
        .unwrap()
        .markdown();
    let open = brief.split("## What's still open").nth(1).unwrap();
    assert!(
        open.contains("- Your failure line, under 20 sales a month, is above"),
        "{open}"
    );
    // A line under the target is not flagged.
    let mut answers = caterer.answers.clone();
    answers.insert(
        "failure_months".into(),
        "$1,200 a month for 6 months, stop if under 2 sales".into(),
    );
    assert_eq!(
        advise(&content, &common::interview(&content, &answers)).targets_cross,
        None
    );
}

/// "Within 6 minutes; never later than 67" with no unit, whatever the owner's own speed: now
/// stepped from their answer, with units.
#[test]
fn the_reply_target_steps_from_the_owners_own_speed_with_units() {
    let content = Content::built_in();
    let cases = [
        (
            "a day or more",
            "The same day, up from a day or more now; then within the hour, and within 6 minutes",
        ),
        (
            "the same day",
            "Within the hour (60 minutes), up from the same day now; then within 6 minutes",
        ),
        ("within the hour", "Within 6 minutes, up from within the hour now"),
        (
            "within minutes",
            "Keep replying within minutes, as you do now: within 6 minutes, never later than 67 minutes",
        ),
    ];
    for (speed, expected) in cases {
        let mut answers = common::persona("dentist").answers;
        answers.insert("reply_speed".into(), speed.into());
        let advice = advise(&content, &common::interview(&content, &answers));
        let (target, why) = line(&content, &advice, "Time to reply to customers");
        assert_eq!(target, expected, "{speed}");
        assert!(why.contains("$19.83") && why.contains("67 minutes"), "{speed}: {why}");
    }
    let mut answers = common::persona("dentist").answers;
    answers.remove("reply_speed");
    let advice = advise(&content, &common::interview(&content, &answers));
    let (target, _) = line(&content, &advice, "Time to reply to customers");
    assert_eq!(target, "Within 6 minutes; never later than 67 minutes");
}

/// Followers: the article's failure-point example, scaled to the spend and months, is where to
/// stop; the success target is the return multiple times it, so the line sits below the target,
/// and both say where they came from (the budget's middle among them).
#[test]
fn a_proposed_followers_line_sits_below_the_followers_target() {
    let content = Content::built_in();
    let mut answers = common::persona("full_budget_range_caterer").answers;
    answers.insert("success".into(), "followers".into());
    answers.insert("failure_months".into(), "6 months".into());
    let advice = advise(&content, &common::interview(&content, &answers));
    let plan = advice.failure_point.as_ref().expect("a failure point");
    // $1,500 (the middle of $1,000–2,000) for 6 months against $1,000 for 6: 15,000 followers.
    assert_eq!(
        (plan.per_month, plan.below, plan.metric),
        (1500.0, 15_000.0, Metric::Followers)
    );
    assert_eq!(advice.targets_cross, None);
    let (target, why) = line(&content, &advice, "Followers gained");
    assert_eq!(target, "30,000 within 6 months");
    assert!(why.contains("30,000 followers is 2 times 15,000"), "{why}");
    assert!(
        why.contains("Taking $1,500, the middle of your $1,000 to $2,000 (Monthly budget for outside help)."),
        "{why}"
    );
    let (target, _) = line(&content, &advice, "Failure point");
    assert!(
        target.contains("$1,500 a month for 6 months ($9,000 in all); stop if you are under 15,000 followers in all"),
        "{target}"
    );
}

/// "Under 20 sales in all over 6 months" is the owner's line for the six months together: the
/// plan, the crossing and the check-ins count sales a month, so it is 3.33 a month there, and the
/// advice says how it got that figure. Said "a month", the same 20 is 20 a month and crosses.
#[test]
fn a_failure_line_said_in_all_is_counted_as_a_months_share() {
    let content = Content::built_in();
    let caterer = common::persona("full_budget_range_caterer");
    let mut answers = caterer.answers.clone();
    answers.insert(
        "failure_months".into(),
        "$1,200 a month for 6 months, stop if under 20 sales in all".into(),
    );
    let advice = advise(&content, &common::interview(&content, &answers));
    let plan = advice.failure_point.as_ref().unwrap();
    assert_eq!((plan.below, plan.metric), (3.33, Metric::Sales));
    assert_eq!(advice.targets_cross, None, "3.33 a month is under the target of 4");
    let (target, why) = line(&content, &advice, "Failure point");
    assert!(
        target.contains("stop if you are under 3.33 sales a month by then"),
        "{target}"
    );
    assert!(
        why.contains("Your failure line of 20 in all over 6 months is 3.33 sales a month"),
        "{why}"
    );
    assert!(
        matches!(advice.basis.get("failure_below"), Some(Origin::Read { .. })),
        "{:?}",
        advice.basis.get("failure_below")
    );

    answers.insert(
        "failure_months".into(),
        "$1,200 a month for 6 months, stop if under 20 sales a month".into(),
    );
    let advice = advise(&content, &common::interview(&content, &answers));
    assert_eq!(advice.failure_point.as_ref().unwrap().below, 20.0);
    assert!(advice.targets_cross.is_some());
}
