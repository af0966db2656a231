//! The user's data through Discord: it survives a restart of the bot, /export hands over exactly
//! what the terminal's export shows, /forget deletes it all, and a stop leaves the store flushed.

use advisor_testkit as support;

use outsource_advisor::discord::custom_id::Action;
use outsource_advisor::store::Wait;
use outsource_advisor::store::{block_on, SledStore, Store, UserId};
use serde_json::Value;
use support::standin::user::{answers_with, Answer};
use support::standin::{Place, StandIn};

fn question_of(answer: &Answer) -> String {
    answer.asked().unwrap_or_default()
}

/// The button answering with `value` ("yes", "no").
fn button(answer: &Answer, value: &str) -> String {
    answer.find(|a| answers_with(a, value)).expect("the button")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interviews_and_old_buttons_survive_a_restart_of_the_bot() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user = standin.user(9101);

    let bot = support::bot::start(&standin, dir.path(), None).await;
    let first = user.start(Place::Dm).await;
    let second = user.click(Place::Dm, &first, &button(&first, "yes")).await;
    assert_eq!(question_of(&second), "hours_now");
    bot.stop().await.expect("a clean stop");

    let bot = support::bot::start(&standin, dir.path(), None).await;
    let resumed = user.start(Place::Dm).await;
    assert_eq!(
        question_of(&resumed),
        "hours_now",
        "/assess resumes at the right question"
    );
    assert!(resumed.text().contains("Question 2 of"), "{}", resumed.text());
    // A button sent before the restart still works.
    let old_skip = second
        .find(|a| matches!(a, Action::Skip { .. }))
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
    let first = user.start(Place::Dm).await;
    user.click(Place::Dm, &first, &button(&first, "yes")).await;

    let export = user.slash(Place::Dm, "export", &[]).await;
    assert!(export.is_ephemeral());
    assert_eq!(export.kind(), 5, "/export is deferred, then the file follows");
    let (name, bytes) = user
        .deferred_reply(&export)
        .await
        .files
        .into_iter()
        .next()
        .expect("the export is attached as a file");
    assert!(name.ends_with(".json"), "{name}");
    let attached: Value = serde_json::from_slice(&bytes).expect("the attachment is JSON");

    let confirm = user.slash(Place::Dm, "forget", &[]).await;
    let yes = confirm
        .find(|a| matches!(a, Action::ForgetConfirm))
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
    let first = user.start(Place::Dm).await;
    user.click(Place::Dm, &first, &button(&first, "no")).await;
    let export = user.slash(Place::Dm, "export", &[]).await;
    let bytes = user
        .deferred_reply(&export)
        .await
        .files
        .into_iter()
        .next()
        .map(|(_, bytes)| bytes)
        .expect("an attachment");
    bot.stop().await.expect("a clean stop flushes and closes the store");

    let store = SledStore::open(dir.path()).expect("reopens after a clean stop");
    let attached: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(attached, block_on(store.export(&UserId::discord(9103))).unwrap());
    standin.assert_clean();
}

/// A long history through Discord: /history is deferred and paged (newest page first, private
/// buttons to the older ones), and /export of the most a user can have stays inside Discord's
/// attachment limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_history_is_paged_and_its_export_fits_discords_attachment_limit() {
    use outsource_advisor::advisor::content::Outcome;
    use outsource_advisor::advisor::{Advice, Answer as Given, Reading};
    use outsource_advisor::store::{Assessment, MAX_ASSESSMENTS};
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let owner = 9104;
    {
        // The largest history a user can build: every assessment full of 4,000-character answers.
        let store = SledStore::open(dir.path()).unwrap();
        let long = "\"<&>".repeat(1_000);
        for i in 0..MAX_ASSESSMENTS as u64 + 30 {
            let answers = (0..18)
                .map(|q| Given {
                    question: format!("question_{q}"),
                    raw: long.clone(),
                    reading: Reading::Text { text: long.clone() },
                    at: i,
                })
                .collect();
            let advice = Advice {
                outcome: Some(if i % 2 == 0 { Outcome::Full } else { Outcome::Partial }),
                confidence: 0.5,
                ..Advice::default()
            };
            let at = 1_700_000_000 + i * 86_400;
            store
                .add_assessment(
                    &UserId::discord(owner),
                    &Assessment {
                        at,
                        answers,
                        advice,
                        earlier: None,
                    },
                )
                .wait()
                .unwrap();
        }
        store.flush().wait().unwrap();
    }
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(owner);

    let history = user.slash(Place::Guild, "history", &[]).await;
    assert_eq!(history.kind(), 5, "/history is deferred");
    assert!(history.is_ephemeral());
    let page = user.deferred_reply(&history).await.body.expect("a body");
    let text = support::standin::user::message_text(&page);
    let lines = text.lines().filter(|l| l.contains("confidence")).count();
    assert!(lines <= 10, "one page at a time: {text}");
    let older: Vec<(String, u32)> = support::standin::user::decoded(&page)
        .into_iter()
        .filter_map(|(text, id)| match id.action {
            Action::History { page } if id.owner == owner => Some((text, page)),
            _ => None,
        })
        .collect();
    assert!(!older.is_empty(), "a button to the older page: {page}");
    let intruder = standin.user(9105).click(Place::Guild, &history, &older[0].0).await;
    assert!(intruder.text().contains("not your"), "{}", intruder.text());
    // Back page by page to the oldest, which starts with the summary of those folded away.
    let pages = MAX_ASSESSMENTS.div_ceil(10) as u32;
    let mut current = older[0].1 + 1;
    assert_eq!(current, pages - 1, "it opens on the newest page");
    let mut on = history;
    let mut body = page;
    let mut summary = false;
    while current > 0 {
        let back = support::standin::user::find(&body, |a| *a == Action::History { page: current - 1 })
            .unwrap_or_else(|| panic!("a button to page {}: {body}", current - 1));
        let shown = user.click(Place::Guild, &on, &back).await;
        assert_eq!(shown.kind(), 7);
        current -= 1;
        summary |= shown.text().contains("30 earlier assessments");
        body = shown.data().clone();
        on = shown;
    }
    assert!(summary, "the oldest page starts with the summary of the folded ones");

    let export = user.slash(Place::Dm, "export", &[]).await;
    assert_eq!(export.kind(), 5);
    let sent = user.deferred_reply(&export).await;
    let (_, bytes) = sent
        .files
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the file: {:?}", sent.body));
    assert!(bytes.len() <= 10 * 1024 * 1024, "{} bytes", bytes.len());
    let attached: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(attached["records"].as_array().unwrap().len(), MAX_ASSESSMENTS);
    bot.stop().await.unwrap();
    standin.assert_clean();
}
