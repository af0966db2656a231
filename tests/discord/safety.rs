//! Nobody acts on or sees another's interview, forged and stale components are handled, and
//! nothing a user types can ping anyone or break the formatting.

use advisor_testkit as support;

use outsource_advisor::store::Wait;
use support::standin::user::{answers_with, Answer};
use support::standin::{Place, StandIn};

fn question_of(answer: &Answer) -> String {
    answer.asked().expect("a Skip button")
}

/// The button answering with `value` ("yes", "no").
fn button(answer: &Answer, value: &str) -> String {
    answer.find(|a| answers_with(a, value)).expect("the button")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_click_and_a_forged_custom_id_are_refused_and_change_nothing() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let owner = standin.user(9001);
    let intruder = standin.user(9002);

    let question = owner.start(Place::Guild).await;
    let yes = button(&question, "yes");
    let refused = intruder.click(Place::Guild, &question, &yes).await;
    assert_eq!(refused.kind(), 4);
    assert!(refused.is_ephemeral());
    assert!(refused.text().contains("not your interview"), "{}", refused.text());
    let intruders_view = intruder.slash(Place::Guild, "answers", &[]).await;
    assert!(
        intruders_view.text().contains("haven't answered anything"),
        "{}",
        intruders_view.text()
    );

    for forged in [
        "oa1:a:9001:0:growth",
        "hello",
        "oa1:f:9001:extra",
        "oa1:a:9001:0:Growth:yes",
        &"oa1:x:1".repeat(20),
    ] {
        let answer = owner.click(Place::Guild, &question, forged).await;
        assert!(
            answer.text().contains("don't recognise that button"),
            "{forged}: {}",
            answer.text()
        );
    }
    // A well-formed id with an answer no button offers is read like typed text: asked again.
    let odd = owner.click(Place::Guild, &question, "oa1:a:9001:0:growth:purple").await;
    assert!(odd.text().contains("yes, no or not sure"), "{}", odd.text());
    // Still at the first question, nothing stored.
    let still = owner.start(Place::Guild).await;
    assert_eq!(question_of(&still), "growth");

    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_button_shows_the_current_question_and_writes_nothing() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9003);

    let first = user.start(Place::Dm).await;
    let yes = button(&first, "yes");
    let no = button(&first, "no");
    let second = user.click(Place::Dm, &first, &yes).await;
    assert_eq!(question_of(&second), "hours_now");
    // The same message's "No", clicked again later (a double click, or an old message).
    let stale = user.click(Place::Dm, &first, &no).await;
    assert_eq!(stale.kind(), 7);
    assert_eq!(question_of(&stale), "hours_now", "the current question is shown");
    assert!(stale.text().contains("earlier question"), "{}", stale.text());
    let answers = user.slash(Place::Dm, "answers", &[]).await;
    assert!(
        answers.text().contains("growth:** yes"),
        "the first answer stands: {}",
        answers.text()
    );

    // After a restart of the interview, a button from before it is stale too.
    let listed = user.start(Place::Dm).await;
    drop(listed);
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_role_and_markdown_in_an_answer_ping_nobody_and_show_escaped() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9004);

    // Chat straight to the prime-customer question: the earlier ones are skipped.
    for _ in 0..11 {
        user.say(Place::Dm, "skip", false, |m| !m.is_empty()).await;
    }
    let hostile = "@everyone <@&123> **bold** _x_ [cheap pills](https://example.invalid/x) customers";
    let reply = user
        .say(Place::Dm, hostile, false, |m| {
            m.iter()
                .any(|s| s.body["content"].as_str().unwrap_or("").contains("Got it"))
        })
        .await;
    let shown = reply
        .iter()
        .map(|m| m.body["content"].as_str().unwrap_or_default())
        .collect::<String>();
    assert!(!shown.contains("@everyone"), "{shown}");
    assert!(shown.contains("@\u{200B}everyone"), "{shown}");
    assert!(shown.contains("\\*\\*bold\\*\\*"), "{shown}");
    for message in &reply {
        assert_eq!(
            message.body["allowed_mentions"]["parse"],
            serde_json::json!([]),
            "nothing may ping"
        );
    }
    let listed = user.slash(Place::Dm, "answers", &[]).await;
    assert!(listed.text().contains("\\<@\u{200B}&123\\>"), "{}", listed.text());
    // Escaped where it is shown, both as typed and as read (free text is read as itself), and
    // never raw: not in /answers, not in the chat's `answers`.
    let chat_listing = user
        .say(Place::Dm, "answers", false, |m| {
            m.iter()
                .any(|s| s.body["content"].as_str().unwrap_or("").contains("Your answers"))
        })
        .await;
    let chat_listing = chat_listing
        .iter()
        .map(|m| m.body["content"].as_str().unwrap_or_default())
        .collect::<String>();
    // /answers says free text once (its reading is the words themselves, issue 30); the chat's
    // list says it as typed and as read.
    for (shown, times) in [(listed.text(), 1), (chat_listing, 2)] {
        for raw in ["**bold**", "_x_", "[cheap pills](https", "<@&123>", "@everyone"] {
            assert!(!shown.contains(raw), "{raw:?} is shown raw: {shown}");
        }
        assert_eq!(
            shown.matches("\\[cheap pills\\]\\(https").count(),
            times,
            "the link is escaped: {shown}"
        );
    }

    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_the_store_refuses_gets_a_friendly_line_not_the_stores_error() {
    use outsource_advisor::store::{RecordKind, SledStore, Store, UserId};
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user_id = 9005;
    {
        // A stored interview written by a newer version, which this one refuses on every call
        // (a damaged one is set aside and the owner goes on: tests/store_contract.rs).
        let store = SledStore::open(dir.path()).unwrap();
        let who = UserId::discord(user_id);
        let key = RecordKind::Interview.key(&who);
        store
            .raw_db()
            .insert(&key, &br#"{"v":99,"data":{"answers":{}}}"#[..])
            .unwrap();
        store.flush().wait().unwrap();
    }
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(user_id);
    let path = dir.path().display().to_string();
    for place in [Place::Dm, Place::Guild] {
        for words in ["start", "yes", "answers", "advice"] {
            let reply = user
                .say(place, words, place == Place::Guild, |m| {
                    m.iter().any(|s| {
                        s.body["content"]
                            .as_str()
                            .is_some_and(|t| t.contains("went wrong") || t.contains("could not"))
                    })
                })
                .await;
            let shown = reply
                .iter()
                .map(|m| m.body["content"].as_str().unwrap_or_default())
                .collect::<String>();
            assert!(shown.contains("went wrong on my side"), "{words}: {shown}");
            for detail in [
                path.as_str(),
                "could not be read",
                "newer version",
                "record of",
                "discord:",
                "database",
                "JSON",
            ] {
                assert!(!shown.contains(detail), "{words}: the reply shows {detail:?}: {shown}");
            }
        }
    }
    bot.stop().await.unwrap();
    standin.assert_clean();
}
