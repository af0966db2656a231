//! The user's data through Discord: it survives a restart of the bot, /export hands over exactly
//! what the terminal's export shows, /forget deletes it all, and a stop leaves the store flushed.

mod support;

use outsource_advisor::store::{block_on, SledStore, Store, UserId};
use serde_json::Value;
use support::standin::user::Answer;
use support::standin::{Place, StandIn};

fn question_of(answer: &Answer) -> String {
    answer
        .custom_ids()
        .into_iter()
        .find(|id| id.starts_with("oa1:k:"))
        .and_then(|id| id.split(':').nth(4).map(str::to_owned))
        .unwrap_or_default()
}

fn button(answer: &Answer, suffix: &str) -> String {
    answer
        .custom_ids()
        .into_iter()
        .find(|id| id.ends_with(suffix))
        .expect("the button")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interviews_and_old_buttons_survive_a_restart_of_the_bot() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user = standin.user(9101);

    let bot = support::bot::start(&standin, dir.path(), None).await;
    let first = user.slash(Place::Dm, "assess", &[]).await;
    let second = user.click(Place::Dm, &first, &button(&first, ":yes")).await;
    assert_eq!(question_of(&second), "hours_now");
    bot.stop().await.expect("a clean stop");

    let bot = support::bot::start(&standin, dir.path(), None).await;
    let resumed = user.slash(Place::Dm, "assess", &[]).await;
    assert_eq!(
        question_of(&resumed),
        "hours_now",
        "/assess resumes at the right question"
    );
    assert!(resumed.text().contains("Question 2 of"), "{}", resumed.text());
    // A button sent before the restart still works.
    let old_skip = second
        .custom_ids()
        .into_iter()
        .find(|id| id.starts_with("oa1:k:"))
        .expect("a Skip button");
    let skip = user.click(Place::Dm, &second, &old_skip).await;
    assert_eq!(question_of(&skip), "free_time");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_matches_the_terminal_export_and_forget_leaves_nothing() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user = standin.user(9102);
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let first = user.slash(Place::Dm, "assess", &[]).await;
    user.click(Place::Dm, &first, &button(&first, ":yes")).await;

    let export = user.slash(Place::Dm, "export", &[]).await;
    assert!(export.is_ephemeral());
    let (name, bytes) = standin
        .requests()
        .into_iter()
        .find(|r| r.path.contains(&export.interaction_id.to_string()))
        .and_then(|r| r.files.into_iter().next())
        .expect("the export is attached as a file");
    assert!(name.ends_with(".json"), "{name}");
    let attached: Value = serde_json::from_slice(&bytes).expect("the attachment is JSON");

    let confirm = user.slash(Place::Dm, "forget", &[]).await;
    let yes = confirm
        .custom_ids()
        .into_iter()
        .find(|id| id.starts_with("oa1:f:"))
        .expect("a confirm button");
    let done = user.click(Place::Dm, &confirm, &yes).await;
    assert!(done.text().contains("deleted"), "{}", done.text());
    bot.stop().await.unwrap();
    standin.assert_clean();

    // The terminal's `export` is this same call on the same store.
    let store = SledStore::open(dir.path()).expect("the stop released the store");
    let after = block_on(store.export(&UserId::discord(9102))).unwrap();
    assert_ne!(attached, after, "forget removed what the export showed");
    let text = attached.to_string();
    assert!(text.contains("\"yes\""), "the export holds the answer: {text}");
    let user_data = block_on(store.load(&UserId::discord(9102))).unwrap();
    assert!(user_data.interview.is_none() && user_data.assessments.is_empty());
    assert!(!after.to_string().contains("\"yes\""), "{after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_through_discord_equals_the_stores_export() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user = standin.user(9103);
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let first = user.slash(Place::Dm, "assess", &[]).await;
    user.click(Place::Dm, &first, &button(&first, ":no")).await;
    let export = user.slash(Place::Dm, "export", &[]).await;
    let bytes = standin
        .requests()
        .into_iter()
        .find(|r| r.path.contains(&export.interaction_id.to_string()))
        .and_then(|r| r.files.into_iter().next())
        .map(|(_, bytes)| bytes)
        .expect("an attachment");
    bot.stop().await.expect("a clean stop flushes and closes the store");

    let store = SledStore::open(dir.path()).expect("reopens after a clean stop");
    let attached: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(attached, block_on(store.export(&UserId::discord(9103))).unwrap());
    standin.assert_clean();
}
