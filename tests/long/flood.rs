//! A flood through the stand-in: one user sending 100 messages in a second, at the production
//! flood limit. They get one notice; the bot sends at most the bucket's worth of replies; and
//! every message it accepted is applied and answered, none lost.

use advisor_testkit as support;

use outsource_advisor::discord::bot::FloodLimit;
use outsource_advisor::store::Wait;
use outsource_advisor::store::{SledStore, Store, UserId};
use support::standin::{message_json, user_json, StandIn};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_messages_in_a_second_get_one_notice_and_a_bucket_of_replies_none_lost() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let limit = FloodLimit::default();
    let bot = support::bot::start_with_flood_limit(&standin, dir.path(), None, limit).await;
    let user = standin.user(9301);
    // Opening the DM channel first: `say` knows it; the flood goes straight to the gateway.
    let dm = {
        let probe = user
            .say(support::standin::Place::Dm, "start", false, |m| !m.is_empty())
            .await;
        probe[0].channel_id
    };
    let before = standin.shared.lock().channel_messages.len();
    let started = std::time::Instant::now();
    for _ in 0..100 {
        let id = standin.shared.next_id();
        let message = message_json(id, dm, user_json(9301, false), &serde_json::json!({"content": "skip"}));
        standin.dispatch("MESSAGE_CREATE", message);
    }
    let sent_in = started.elapsed();
    assert!(sent_in.as_secs_f64() < 1.0, "100 messages in {sent_in:?}");
    // The burst's worth of replies, and the one notice.
    let burst = limit.burst as usize - 1; // the probe took one token
    standin
        .wait_for("the burst's replies and the notice", |inner| {
            let new = &inner.channel_messages[before..];
            let notices = new.iter().filter(|m| text(m).contains("faster than I can")).count();
            let replies = new.iter().filter(|m| text(m).contains("Skipped.")).count();
            (notices == 1 && replies >= burst).then_some(())
        })
        .await;
    // Stopping lets the work in flight finish: what is sent then is all there is.
    bot.stop().await.unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let new: Vec<String> = standin.shared.lock().channel_messages[before..]
        .iter()
        .map(text)
        .collect();
    let notices = new.iter().filter(|t| t.contains("faster than I can")).count();
    let replies = new.iter().filter(|t| t.contains("Skipped.")).count();
    assert_eq!(notices, 1, "one notice: {new:#?}");
    let most = burst + (limit.per_second * elapsed).ceil() as usize;
    assert!(
        (burst..=most).contains(&replies),
        "{replies} replies; the bucket allows {burst} to {most} in {elapsed:.2} s"
    );
    assert_eq!(new.len(), replies + notices, "nothing else was sent: {new:#?}");
    // Nothing lost: every accepted skip is in the store, one question each.
    let store = SledStore::open(dir.path()).unwrap();
    let interview = store
        .interview(&UserId::discord(9301))
        .wait()
        .unwrap()
        .expect("an interview");
    assert_eq!(
        interview.skipped.len(),
        replies,
        "each reply stands for one stored skip"
    );
    standin.assert_clean();
    eprintln!("flood: 100 messages in {sent_in:?}; {replies} replies, {notices} notice, in {elapsed:.2} s");
}

fn text(message: &support::standin::Stored) -> String {
    message.body["content"].as_str().unwrap_or_default().to_owned()
}

/// Many accounts at once, each within its own limit: the bot-wide budget keeps every second's
/// requests within Discord's 50, queues briefly, then sheds (with a notice while its reserve
/// lasts); every message it took is answered in full.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_users_at_once_stay_within_discords_global_limit() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let users: Vec<u64> = (0..200).map(|i| 9400 + i).collect();
    let before = standin.requests().len();
    for &user in &users {
        // The user's DM channel in the stand-in is the user's id plus one.
        let id = standin.shared.next_id();
        let message = message_json(
            id,
            user + 1,
            user_json(user, false),
            &serde_json::json!({"content": "start"}),
        );
        standin.dispatch("MESSAGE_CREATE", message);
    }
    // Until the queue has let its share through and shedding has begun; stopping then lets the
    // work in flight finish.
    standin
        .wait_for("the queue's share and a shed notice", |inner| {
            let answered = inner
                .channel_messages
                .iter()
                .filter(|m| text(m).contains("Question 1 of"))
                .count();
            let told = inner
                .channel_messages
                .iter()
                .filter(|m| text(m).contains("talking to me at once"))
                .count();
            (answered >= 40 && told >= 1).then_some(())
        })
        .await;
    bot.stop().await.unwrap();
    let requests: Vec<_> = standin.requests()[before..]
        .iter()
        .filter(|r| r.path.starts_with("/channels/") || r.path.starts_with("/users/@me/channels"))
        .map(|r| r.at)
        .collect();
    let busiest = requests
        .iter()
        .map(|&start| {
            requests
                .iter()
                .filter(|&&at| at >= start && at < start + std::time::Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0);
    assert!(busiest <= 50, "{busiest} requests in one second");
    let messages = standin.shared.lock().channel_messages.clone();
    let answered = users
        .iter()
        .filter(|&&u| {
            messages
                .iter()
                .any(|m| m.channel_id == u + 1 && text(m).contains("Question 1 of"))
        })
        .count();
    let told = users
        .iter()
        .filter(|&&u| {
            messages
                .iter()
                .any(|m| m.channel_id == u + 1 && text(m).contains("talking to me at once"))
        })
        .count();
    assert!(answered >= 40, "the queue let through {answered}");
    assert!(answered < users.len(), "some were shed");
    assert!(told >= 1, "the shed are told while the reserve lasts");
    assert_eq!(messages.len(), answered + told, "one message each, nothing half-sent");
    standin.assert_clean();
    eprintln!(
        "global: {} users at once; {answered} answered, {told} told they were shed, {} left unanswered; busiest second {busiest} requests",
        users.len(),
        users.len() - answered - told
    );
}
