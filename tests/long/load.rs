//! Many people at once: 500 simulated users interviewing together, double clicks, a modal sent
//! twice, and two devices answering the same question. Every answer is stored exactly once, no
//! interview is corrupted, and every interaction is answered within Discord's 3 s (the stand-in
//! fails the test otherwise).

use advisor_testkit as support;

use futures_util::future::join_all;
use outsource_advisor::discord::custom_id::Action;
use outsource_advisor::store::{block_on, SledStore, Store, UserId};
use support::standin::user::{answers_with, Answer};
use support::standin::{Place, SimUser, StandIn, Stored};

/// The first component whose decoded action passes `pick`.
fn button(answer: &Answer, pick: impl Fn(&Action) -> bool) -> String {
    answer.find(pick).expect("the button")
}

fn yes(action: &Action) -> bool {
    answers_with(action, "yes")
}

/// "Type your answer" for `question`.
fn type_for(question: &'static str) -> impl Fn(&Action) -> bool {
    move |action| matches!(action, Action::Type { expect } if expect.question == question)
}

fn question_of(answer: &Answer) -> String {
    answer.asked().unwrap_or_default()
}

/// /assess, "yes", then "none" typed in the modal: three interactions and two answers.
async fn short_interview(user: SimUser) -> u64 {
    let first = user.start(Place::Dm).await;
    let second = user.click(Place::Dm, &first, &button(&first, yes)).await;
    assert_eq!(question_of(&second), "hours_now");
    let modal = user
        .click(Place::Dm, &second, &button(&second, type_for("hours_now")))
        .await;
    let third = user
        .submit_modal(Place::Dm, &second, &modal.custom_ids()[0], "none")
        .await;
    assert_eq!(question_of(&third), "free_time");
    user.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_users_at_once_each_get_every_answer_stored_once() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let users: Vec<SimUser> = (0..500).map(|i| standin.user(50_000 + i)).collect();
    let done = join_all(users.into_iter().map(|user| tokio::spawn(short_interview(user)))).await;
    assert_eq!(done.into_iter().filter(|r| r.is_ok()).count(), 500);
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    for i in 0..500 {
        let interview = block_on(store.load(&UserId::discord(50_000 + i)))
            .unwrap()
            .interview
            .expect("an interview");
        assert_eq!(interview.answers.len(), 2, "user {i}");
        assert_eq!(interview.answers["growth"].raw, "yes");
        assert_eq!(interview.answers["hours_now"].raw, "none");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_and_a_twice_sent_modal_store_one_answer() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(60_001);
    let first = user.start(Place::Dm).await;
    let yes = button(&first, yes);
    let (a, b) = tokio::join!(user.click(Place::Dm, &first, &yes), user.click(Place::Dm, &first, &yes));
    // One of them answered; the other found the question gone and showed the current one.
    assert_eq!(question_of(&a), "hours_now");
    assert_eq!(question_of(&b), "hours_now");
    let stale = [&a, &b]
        .iter()
        .filter(|x| x.text().contains("earlier question"))
        .count();
    assert_eq!(stale, 1, "exactly one click was stale");

    let modal = user.click(Place::Dm, &a, &button(&a, type_for("hours_now"))).await;
    let id = modal.custom_ids()[0].clone();
    let (c, d) = tokio::join!(
        user.submit_modal(Place::Dm, &a, &id, "3 hours a week"),
        user.submit_modal(Place::Dm, &a, &id, "3 hours a week")
    );
    assert_eq!(question_of(&c), "works_today");
    assert_eq!(question_of(&d), "works_today");
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    let interview = block_on(store.load(&UserId::discord(60_001)))
        .unwrap()
        .interview
        .unwrap();
    assert_eq!(interview.answers.len(), 2);
    assert_eq!(interview.revision, 2, "two changes, not four");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_and_a_button_answering_the_same_question_at_once_keep_the_interview_whole() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(60_002);
    let first = user.start(Place::Dm).await;
    let no = button(&first, |a| answers_with(a, "no"));
    let got_reply = |m: &[Stored]| !m.is_empty();
    let (clicked, said) = tokio::join!(
        user.click(Place::Dm, &first, &no),
        user.say(Place::Dm, "yes", false, got_reply)
    );
    assert!(!said.is_empty());
    assert_eq!(clicked.kind(), 7);
    bot.stop().await.unwrap();
    standin.assert_clean();

    let store = SledStore::open(dir.path()).unwrap();
    let interview = block_on(store.load(&UserId::discord(60_002)))
        .unwrap()
        .interview
        .unwrap();
    // Whichever came first answered `growth`; the other was stale (the button) or was read as an
    // answer to the next question and refused ("yes" is not an amount of time).
    let growth = &interview.answers["growth"].raw;
    assert!(growth == "yes" || growth == "no", "{growth}");
    assert_eq!(
        interview.answers.len(),
        1,
        "{:?}",
        interview.answers.keys().collect::<Vec<_>>()
    );
}
