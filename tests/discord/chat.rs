//! The interview in plain messages: in a DM, and by mentioning the bot in a server channel, with
//! the same readers and the same advice as everywhere else.

use advisor_testkit as support;
use advisor_testkit::common;

use outsource_advisor::advisor::Content;
use support::standin::{Place, StandIn, Stored, GUILD_CHANNEL_ID};

fn text(messages: &[Stored]) -> String {
    messages
        .iter()
        .map(|m| m.body["content"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

fn has(needle: &'static str) -> impl Fn(&[Stored]) -> bool {
    move |messages| text(messages).contains(needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_interview_by_direct_message() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(8001);

    let hello = user.say(Place::Dm, "start", false, has("Question 1 of")).await;
    assert!(
        text(&hello).contains("Could social media done well"),
        "{}",
        text(&hello)
    );
    let mut last = Vec::new();
    let dentist = common::typed_in_order(&Content::built_in(), &common::persona("dentist").answers);
    for answer in &dentist {
        last = user.say(Place::Dm, answer, false, has("Got it:")).await;
    }
    assert!(
        text(&last).contains("Recommendation: Full outsourcing"),
        "{}",
        text(&last)
    );
    let back = user.say(Place::Dm, "answers", false, has("Your answers")).await;
    assert!(text(&back).contains("young families"), "{}", text(&back));
    let unreadable = user.say(Place::Dm, "edit 1", false, has("Question 1 of")).await;
    assert!(
        text(&unreadable).contains("Your answer so far"),
        "{}",
        text(&unreadable)
    );
    let reask = user.say(Place::Dm, "purple", false, has("Sorry")).await;
    assert!(text(&reask).contains("yes, no or not sure"), "{}", text(&reask));

    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentioning_the_bot_in_a_channel_runs_the_interview_and_offers_a_dm() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(8002);

    let first = user.say(Place::Guild, "start", true, has("Question 1 of")).await;
    assert!(first.iter().all(|m| m.channel_id == GUILD_CHANNEL_ID));
    assert!(
        text(&first).contains("direct message"),
        "the bot offers to continue in private: {}",
        text(&first)
    );
    let answered = user.say(Place::Guild, "yes", true, has("Got it:")).await;
    assert!(text(&answered).contains("Question 2 of"), "{}", text(&answered));

    // The list of answers is private: it goes by DM, with a note in the channel.
    let listed = user.say(Place::Guild, "answers", true, has("Your answers")).await;
    let dm = user.dm_channel_opened().expect("a DM channel was opened");
    assert!(listed
        .iter()
        .any(|m| m.channel_id == dm && text(std::slice::from_ref(m)).contains("Your answers")));
    assert!(listed
        .iter()
        .all(|m| m.channel_id == dm || !text(std::slice::from_ref(m)).contains("Your answers")));

    // A message that doesn't mention the bot is not for it.
    let before = standin.shared.lock().channel_messages.len();
    standin.dispatch("MESSAGE_CREATE", {
        let mut message = support::standin::message_json(
            1,
            GUILD_CHANNEL_ID,
            support::standin::user_json(8002, false),
            &serde_json::json!({"content": "yes"}),
        );
        message["guild_id"] = serde_json::json!(support::standin::GUILD_ID.to_string());
        message
    });
    // Then a mention, which is answered: only that one reply arrives.
    let next = user.say(Place::Guild, "none", true, has("Got it:")).await;
    assert!(text(&next).contains("Question 3 of"), "{}", text(&next));
    assert_eq!(standin.shared.lock().channel_messages.len(), before + next.len());

    bot.stop().await.unwrap();
    standin.assert_clean();
}

/// Words that only a saved answer, the advice or the checklist carry: none may reach a channel.
const PRIVATE_MARKS: &[&str] = &[
    "young families",
    "suburbs",
    "2,000",
    "$400",
    "Your answer so far",
    "Got it",
    "Your answers",
    "Recommendation",
    "metric checklist",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_answering_in_a_dm_no_chat_command_in_a_channel_shows_an_answer_there() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(8003);

    user.say(Place::Dm, "start", false, has("Question 1 of")).await;
    let dentist = common::typed_in_order(&Content::built_in(), &common::persona("dentist").answers);
    for answer in &dentist {
        user.say(Place::Dm, answer, false, has("Got it:")).await;
    }
    // Every chat command, and an answer, typed in the channel. Each gets at least one message in
    // the channel (the reply, or the note that it went by DM); `restart` last, as it clears.
    let typed = [
        "", "start", "help", "back", "skip", "edit 1", "edit 8", "edit 9", "answers", "advice", "quit", "yes",
        "edit 99", "restart",
    ];
    for words in typed {
        user.say(Place::Guild, words, true, |new| {
            new.iter().any(|m| m.channel_id == GUILD_CHANNEL_ID)
        })
        .await;
    }
    // One more, answered in the DM: everything before it has been sent.
    user.say(Place::Dm, "start", false, has("Question")).await;
    let in_channel: Vec<String> = standin
        .shared
        .lock()
        .channel_messages
        .iter()
        .filter(|m| m.channel_id == GUILD_CHANNEL_ID)
        .map(|m| m.body["content"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(in_channel.len() >= typed.len(), "{in_channel:#?}");
    for message in &in_channel {
        for mark in PRIVATE_MARKS {
            assert!(!message.contains(mark), "a channel message shows {mark:?}: {message}");
        }
    }

    bot.stop().await.unwrap();
    standin.assert_clean();
}
