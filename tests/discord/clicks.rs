//! Quick picks through Discord (issue 18 item 1): the real serenity client against the stand-in,
//! every request checked against Discord's spec and limits (25 options, 100-character labels and
//! values).

use advisor_testkit as support;

use outsource_advisor::advisor::content::AnswerKind;
use outsource_advisor::advisor::read::read_answer;
use outsource_advisor::advisor::Content;
use outsource_advisor::discord::custom_id::Action;
use outsource_advisor::store::{block_on, SledStore, Store, UserId};
use serde_json::Value;
use support::standin::user::{answers_with, Answer};
use support::standin::{Place, SimUser, StandIn};

/// The quick-picks menu of the message: its options' labels and values.
fn pick_options(on: &Answer) -> Vec<(String, String)> {
    let rows = on.data()["components"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| {
            c["custom_id"].as_str().is_some_and(|id| {
                outsource_advisor::discord::custom_id::CustomId::decode(id)
                    .is_ok_and(|d| matches!(d.action, Action::Pick { .. }))
            })
        })
        .flat_map(|menu| menu["options"].as_array().cloned().unwrap_or_default())
        .map(|o| {
            (
                o["label"].as_str().unwrap_or("").to_owned(),
                o["value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// Answers the asked question by a click alone: yes, 4 on a scale, the first choice, the third
/// quick pick (or the first, where there are fewer).
async fn click_an_answer(user: &SimUser, on: &Answer) -> Answer {
    let content = Content::built_in();
    let id = on.asked().expect("a question is asked");
    let question = content.question(&id).expect("a known question");
    let find = |pick: &dyn Fn(&Action) -> bool| on.find(pick).unwrap_or_else(|| panic!("{id}: {:?}", on.decoded()));
    match question.kind {
        AnswerKind::YesNo => user.click(Place::Dm, on, &find(&|a| answers_with(a, "yes"))).await,
        AnswerKind::Scale => user.click(Place::Dm, on, &find(&|a| answers_with(a, "4"))).await,
        AnswerKind::Choice | AnswerKind::Choices => {
            // The first choice; for who runs it today, a provider paid, so every question applies.
            let first = match question
                .choices
                .iter()
                .find(|c| c.id == "provider" && id == "runs_today")
            {
                Some(provider) => provider.id.clone(),
                None => question.choices[0].id.clone(),
            };
            let menu = find(&|a| matches!(a, Action::Select { .. }));
            user.select(Place::Dm, on, &menu, &[first.as_str()]).await
        }
        _ => {
            let options = pick_options(on);
            assert!(!options.is_empty(), "{id} offers quick picks: {:?}", on.data());
            let (_, value) = options.get(2).unwrap_or(&options[0]).clone();
            let menu = find(&|a| matches!(a, Action::Pick { .. }));
            user.select(Place::Dm, on, &menu, &[value.as_str()]).await
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_select_menu_answers_the_budget_as_typing_its_range_would() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(7301);
    let mut on = user.start(Place::Dm).await;
    for _ in 0..20 {
        if on.asked().as_deref() == Some("budget") {
            break;
        }
        on = user
            .click(Place::Dm, &on, &on.find(|a| matches!(a, Action::Skip { .. })).unwrap())
            .await;
    }
    assert_eq!(on.asked().as_deref(), Some("budget"));
    let options = pick_options(&on);
    let labels: Vec<&str> = options.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "nothing",
            "under $300 a month",
            "$300–1,000 a month",
            "$1,000–2,000 a month",
            "more than $2,000 a month"
        ]
    );
    // Within the limits of a select menu (the stand-in checks every body against them too).
    assert!(options.len() <= 25);
    for (label, value) in &options {
        assert!(
            label.chars().count() <= 100 && value.chars().count() <= 100,
            "{label} / {value}"
        );
    }
    assert!(
        on.find(|a| matches!(a, Action::Type { .. })).is_some(),
        "Type your answer stays beside the picks, for an exact figure"
    );
    let menu = on.find(|a| matches!(a, Action::Pick { .. })).unwrap();
    let after = user.select(Place::Dm, &on, &menu, &[options[2].1.as_str()]).await;
    assert_eq!(
        after.asked().as_deref(),
        Some("expertise"),
        "the pick answered the budget"
    );
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    let interview = block_on(store.interview(&UserId::discord(7301))).unwrap().unwrap();
    let content = Content::built_in();
    let budget = &interview.answers["budget"];
    assert_eq!(budget.raw, "$300–1,000 a month");
    let typed = read_answer(content.question("budget").unwrap(), "$300–1,000 a month").unwrap();
    assert_eq!(budget.reading, typed, "a pick is stored as typing its range is");
    let Value::Object(reading) = serde_json::to_value(&budget.reading).unwrap() else {
        panic!()
    };
    assert_eq!(
        (reading["min"].as_f64(), reading["max"].as_f64()),
        (Some(300.0), Some(1000.0))
    );
}

/// A pick naming a bound ("under 2 hours a week") is stored as that bound, as typing it is: its
/// most is 2 and it has no least, the figure for the sums being the bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_select_menu_stores_a_bound_as_the_range_it_names() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(7302);
    let mut on = user.start(Place::Dm).await;
    for _ in 0..20 {
        if on.asked().as_deref() == Some("hours_now") {
            break;
        }
        on = user
            .click(Place::Dm, &on, &on.find(|a| matches!(a, Action::Skip { .. })).unwrap())
            .await;
    }
    assert_eq!(on.asked().as_deref(), Some("hours_now"));
    let options = pick_options(&on);
    assert_eq!(options[1].0, "under 2 hours a week", "{options:?}");
    let menu = on.find(|a| matches!(a, Action::Pick { .. })).unwrap();
    let after = user.select(Place::Dm, &on, &menu, &[options[1].1.as_str()]).await;
    assert_ne!(
        after.asked().as_deref(),
        Some("hours_now"),
        "the pick answered the hours"
    );
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    let interview = block_on(store.interview(&UserId::discord(7302))).unwrap().unwrap();
    let content = Content::built_in();
    let hours = &interview.answers["hours_now"];
    assert_eq!(hours.raw, "under 2 hours a week");
    let typed = read_answer(content.question("hours_now").unwrap(), "under 2 hours a week").unwrap();
    assert_eq!(hours.reading, typed, "a pick is stored as typing its bound is");
    let Value::Object(reading) = serde_json::to_value(&hours.reading).unwrap() else {
        panic!()
    };
    assert_eq!(
        (
            reading["hours_per_week"].as_f64(),
            reading.get("min"),
            reading["max"].as_f64()
        ),
        (Some(2.0), None, Some(2.0))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_interview_by_clicks_alone_reaches_advice_with_every_question_answered() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(7302);
    let mut on = user.start(Place::Dm).await;
    let mut clicks = 0;
    while on.asked().is_some() {
        assert!(clicks < 40, "the interview ends: {}", on.text());
        on = click_an_answer(&user, &on).await;
        assert!(
            !on.text().contains("Did you mean"),
            "a click is never in doubt: {}",
            on.text()
        );
        clicks += 1;
    }
    let text = on.text();
    assert!(text.contains("Recommendation:"), "{text}");
    assert!(text.contains("Sources: "), "{text}");
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    let interview = block_on(store.interview(&UserId::discord(7302))).unwrap().unwrap();
    let content = Content::built_in();
    assert!(interview.skipped.is_empty(), "{:?}", interview.skipped);
    for question in interview.applicable(&content) {
        assert!(
            interview.answers.contains_key(&question.id),
            "{} is answered by a click",
            question.id
        );
    }
    assert_eq!(
        interview.applicable(&content).len(),
        content.questions.len(),
        "every question applied"
    );
}
