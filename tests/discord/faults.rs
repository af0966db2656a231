//! Discord's hiccups: a dropped gateway, RECONNECT with RESUME and replay, INVALID_SESSION, a 429
//! with `retry_after`, and 500s on the interaction callback. The interview carries on, and an
//! answer is either stored and shown next time, or not stored and asked again, never half.

use advisor_testkit as support;

use std::time::Duration;

use outsource_advisor::discord::custom_id::Action;
use support::standin::user::{answers_with, Answer};
use support::standin::{Fault, Place, StandIn};

const CALLBACK: &str = "POST /interactions/{}/{}/callback";

fn question_of(answer: &Answer) -> String {
    answer.asked().unwrap_or_default()
}

fn yes(answer: &Answer) -> String {
    answer.find(|a| answers_with(a, "yes")).expect("a Yes button")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_gateway_connection_is_resumed_and_the_interview_goes_on() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9201);
    let first = user.start(Place::Dm).await;

    standin.drop_connection();
    standin
        .wait_for("a new gateway session", |inner| {
            (inner.resumes.len() + inner.identifies.len() >= 2).then_some(())
        })
        .await;
    let second = user.click(Place::Dm, &first, &yes(&first)).await;
    assert_eq!(question_of(&second), "hours_now");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnect_is_answered_with_resume_and_missed_events_are_replayed() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9202);
    let first = user.start(Place::Dm).await;

    standin.reconnect();
    // While the bot is away, the user clicks: the event waits in the stand-in and is replayed on
    // RESUME, so the click is answered.
    let second = user.click(Place::Dm, &first, &yes(&first)).await;
    assert_eq!(question_of(&second), "hours_now");
    let resumes = standin.shared.lock().resumes.clone();
    assert!(!resumes.is_empty(), "the bot resumed rather than identifying again");
    assert!(resumes[0]["session_id"]
        .as_str()
        .is_some_and(|s| s.starts_with("session-")));
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_session_makes_the_bot_identify_again() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    standin.invalid_session();
    standin.wait_ready(2).await;
    assert_eq!(standin.shared.lock().identifies.len(), 2);
    let help = standin.user(9203).slash(Place::Dm, "help", &[]).await;
    assert_eq!(help.kind(), 4);
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_reply_still_arrives_once() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9204);
    let first = user.start(Place::Dm).await;
    standin.inject(CALLBACK, Fault::RateLimited(0.2));
    let second = user.click(Place::Dm, &first, &yes(&first)).await;
    assert_eq!(question_of(&second), "hours_now");
    let attempts = standin
        .requests()
        .iter()
        .filter(|r| r.path.contains(&second.interaction_id.to_string()))
        .map(|r| r.at)
        .collect::<Vec<_>>();
    assert_eq!(attempts.len(), 2, "one refused, one accepted");
    assert!(
        attempts[1].duration_since(attempts[0]) >= Duration::from_millis(200),
        "retry_after was honoured"
    );
    let listed = user.slash(Place::Dm, "answers", &[]).await;
    assert_eq!(listed.text().matches(":** yes").count(), 1, "{}", listed.text());
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_on_the_callback_never_leaves_an_answer_half_done() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9205);
    let first = user.start(Place::Dm).await;

    // One 500: the reply is sent again and arrives.
    standin.inject(CALLBACK, Fault::ServerError);
    let second = user.click(Place::Dm, &first, &yes(&first)).await;
    assert_eq!(question_of(&second), "hours_now");

    // Discord down for every try: the user never sees the reply, but the answer was stored before
    // it was sent, so /assess shows the next question: stored and shown next time.
    let skip = second.find(|a| matches!(a, Action::Skip { .. })).unwrap();
    for _ in 0..5 {
        standin.inject(CALLBACK, Fault::ServerError);
    }
    let lost = tokio::time::timeout(Duration::from_secs(8), user.click(Place::Dm, &second, &skip)).await;
    assert!(lost.is_err(), "no callback got through");
    let resumed = user.start(Place::Dm).await;
    assert_eq!(
        question_of(&resumed),
        "free_time",
        "the skip was stored once and is shown"
    );
    bot.stop().await.unwrap();
    let violations = standin.violations();
    assert!(violations.is_empty(), "{violations:?}");
}
