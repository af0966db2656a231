//! Issue 30: a first run and empty states. A first `/assess` or DM is welcomed (what the owner
//! gets, about how many questions and minutes, privacy in a line) with *Start*; an empty
//! `/advice` or `/brief` offers *Start*, never instructions for a terminal.

use advisor_testkit as support;

use outsource_advisor::discord::custom_id::Action;
use support::standin::{Place, StandIn, Stored};

fn text(messages: &[Stored]) -> String {
    messages
        .iter()
        .map(|m| m.body["content"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_assess_is_welcomed_with_start_and_a_second_resumes() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9501);

    let welcome = user.slash(Place::Guild, "assess", &[]).await;
    assert!(welcome.is_ephemeral());
    let said = welcome.text();
    assert!(said.contains("up to 24 short questions, at most 8 minutes"), "{said}");
    assert!(said.contains("Private: your answers are shown to you alone"), "{said}");
    assert_eq!(welcome.asked(), None, "no question yet");
    let start = welcome.find(|a| matches!(a, Action::Resume)).expect("a Start button");
    let first = user.click(Place::Guild, &welcome, &start).await;
    assert_eq!(first.kind(), 7, "Start turns the card into question 1");
    assert!(first.text().contains("Question 1 of"), "{}", first.text());

    // Once something is answered, /assess resumes without the welcome. (Until then nothing is
    // stored, so each /assess welcomes again.)
    let yes = first
        .find(|a| matches!(a, Action::Answer { value, .. } if value == "yes"))
        .expect("a yes button");
    user.click(Place::Guild, &first, &yes).await;
    let again = user.slash(Place::Guild, "assess", &[]).await;
    assert!(again.text().contains("Question 2 of"), "resumed: {}", again.text());
    assert!(!again.text().contains("Should you outsource"), "{}", again.text());
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_dm_is_greeted_before_question_one() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9502);
    let hello = user
        .say(Place::Dm, "hi", false, |m| text(m).contains("Question 1 of"))
        .await;
    let said = text(&hello);
    assert!(said.starts_with("Hi! I help you decide"), "{said}");
    assert!(said.find("Hi!") < said.find("Question 1 of"), "{said}");
    let next = user
        .say(Place::Dm, "yes", false, |m| text(m).contains("Question 2 of"))
        .await;
    assert!(text(&next).contains("Got it: yes"), "{}", text(&next));
    let greetings = standin
        .shared
        .lock()
        .channel_messages
        .iter()
        .filter(|m| m.body["content"].as_str().unwrap_or_default().contains("Hi! I help"))
        .count();
    assert_eq!(greetings, 1, "greeted once");
    bot.stop().await.unwrap();
    standin.assert_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_advice_or_brief_offers_start_never_a_terminal() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let user = standin.user(9503);
    for command in ["advice", "brief"] {
        let empty = user.slash(Place::Dm, command, &[]).await;
        let said = empty.text();
        assert!(
            !said.contains("terminal") && !said.contains("outsource-advisor"),
            "{command}: {said}"
        );
        let start = empty
            .find(|a| matches!(a, Action::Resume))
            .unwrap_or_else(|| panic!("{command} offers Start: {}", empty.callback));
        let first = user.click(Place::Dm, &empty, &start).await;
        assert!(first.text().contains("Question 1 of"), "{command}: {}", first.text());
    }
    bot.stop().await.unwrap();
    standin.assert_clean();
}

/// Issue 30: `/privacy` says what is stored, where, for how long, and how to export or delete
/// it (PRIVACY.md in short), privately.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_says_what_is_kept_where_how_long_and_how_to_take_it_away() {
    let standin = StandIn::start(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let privacy = standin.user(9504).slash(Place::Guild, "privacy", &[]).await;
    assert!(privacy.is_ephemeral());
    let said = privacy.text();
    for part in ["**What:**", "**Where:**", "**How long:**", "export", "forget"] {
        assert!(said.contains(part), "{part}: {said}");
    }
    bot.stop().await.unwrap();
    standin.assert_clean();
}
