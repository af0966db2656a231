//! Issue 30: installed by an owner for themselves. Interactions from a server the bot is not in,
//! or a group DM (`context` and `authorizing_integration_owners` as Discord sends them for a user
//! install), are answered, and say that only commands work there; the attachment limit is the
//! interaction's.

use advisor_testkit as support;

use support::standin::{Place, StandIn};

const ONLY_COMMANDS: &str = "I'm not a member here, so I can't read this channel";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_the_bot_is_not_a_member_it_answers_commands_and_says_chat_is_by_dm() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9701);
    for place in [Place::OtherServer, Place::GroupDm] {
        for command in ["assess", "help"] {
            let answer = user.slash(place, command, &[]).await;
            assert_eq!(answer.kind(), 4, "{place:?} {command}");
            assert!(answer.is_ephemeral());
            assert!(
                answer.text().contains(ONLY_COMMANDS),
                "{place:?} {command}: {}",
                answer.text()
            );
        }
    }
    // Where the bot is a member, or in its DMs, chat works: nothing to say.
    for place in [Place::Guild, Place::Dm] {
        let answer = user.slash(place, "help", &[]).await;
        assert!(!answer.text().contains(ONLY_COMMANDS), "{place:?}: {}", answer.text());
    }
    // The interview goes on by buttons there, and the advice is shown there too.
    let welcome = user.slash(Place::GroupDm, "assess", &[]).await;
    let start = welcome
        .find(|a| matches!(a, outsource_advisor::discord::custom_id::Action::Resume))
        .unwrap();
    let first = user.click(Place::GroupDm, &welcome, &start).await;
    assert!(first.text().contains("Question 1 of"), "{}", first.text());
    let advice = user.slash(Place::OtherServer, "advice", &[]).await;
    assert!(advice.is_ephemeral(), "still private");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_attachment_limit_is_the_interactions() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9702);
    let first = user.start(Place::Dm).await;
    let yes = first
        .find(|a| matches!(a, outsource_advisor::discord::custom_id::Action::Answer { value, .. } if value == "yes"))
        .unwrap();
    user.click(Place::Dm, &first, &yes).await;

    let export = user.slash(Place::Dm, "export", &[]).await;
    let size = user
        .deferred_reply(&export)
        .await
        .files
        .into_iter()
        .next()
        .expect("a file")
        .1
        .len();
    assert!(size > 64, "{size}");
    // The same export where Discord takes fewer bytes than it has: told, not attached.
    let tight = user.clone().with_attachment_limit(64);
    let refused = tight.slash(Place::Dm, "export", &[]).await;
    let said = tight.deferred_reply(&refused).await;
    assert!(said.files.is_empty(), "nothing attached");
    let said = said.body.unwrap_or_default().to_string();
    assert!(said.contains("larger than Discord lets me attach"), "{said}");
    bot.stop().await.unwrap();
    standin.assert_clean();
}
