//! One-click review (issue 18 item 4): /answers' menu names each question with its current
//! reading, opens the chosen one, and pages by Discord's 25 options when there are more
//! questions, here with content of 34 questions loaded from a directory, as `--content` loads it.
//! The real serenity client runs against the stand-in, which validates every body.

use advisor_testkit as support;
use advisor_testkit::common;

use std::sync::Arc;

use outsource_advisor::advisor::check::check_with;
use outsource_advisor::advisor::content::{Content, ContentFiles};
use outsource_advisor::advisor::interview::{Input, Screen};
use outsource_advisor::app::interview::Session;
use outsource_advisor::clock::SystemClock;
use outsource_advisor::discord::custom_id::Action;
use outsource_advisor::discord::Data;
use outsource_advisor::store::{SledStore, UserId};
use serde_json::Value;
use support::standin::user::Answer;
use support::standin::{Place, StandIn};

/// Yes-or-no questions added after the shipped ones, so the list outgrows one select menu.
const EXTRA: usize = 16;

/// The shipped prompts/ and data/ written to `dir`, with [`EXTRA`] more questions.
fn write_content(dir: &std::path::Path) -> Content {
    let mut files = ContentFiles::built_in();
    for i in 1..=EXTRA {
        files.questions.text.push_str(&format!(
            "\n[[question]]\nid = \"extra_{i}\"\nshort = \"Extra question {i}\"\n\
             text = \"Is extra thing {i} true of your business?\"\n\
             why = \"A stand-in question, so the list outgrows one menu.\"\n\
             kind = \"yes_no\"\nexamples = [\"yes\"]\nsources = [\"003_a561e1ea98fbde7b\"]\n"
        ));
    }
    for file in files.all() {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.text).unwrap();
    }
    let files = outsource_advisor::cli::read_content_dir(dir).expect("the copy reads back");
    let content = Content::load(&files).expect("the copy loads");
    let problems = check_with(&files, &content, &outsource_advisor::cli::front_keys());
    assert!(problems.is_empty(), "the longer content passes check: {problems:#?}");
    assert!(content.questions.len() >= 30, "{}", content.questions.len());
    content
}

/// Answers every question: the extra ones "yes", the shipped ones as the dentist would (or
/// skipped), confirming a reading in doubt.
async fn answer_all(content: &Content, store: &SledStore, user: &UserId) {
    let session = Session::new(content, store, &SystemClock);
    let dentist = common::persona("dentist").answers;
    for _ in 0..200 {
        let interview = session.interview(user).await.unwrap().unwrap_or_default();
        let Some(question) = interview.current(content) else {
            return;
        };
        let input = match dentist.get(&question.id) {
            _ if question.id.starts_with("extra_") => Input::Answer("yes".to_owned()),
            Some(text) => Input::Answer(text.clone()),
            None => Input::Skip,
        };
        let applied = session.apply(user, input, None).await.unwrap();
        match applied.turn.screen {
            Screen::Confirm { .. } => {
                session.apply(user, Input::Confirm(true), None).await.unwrap();
            }
            Screen::Reask { .. } => {
                session.apply(user, Input::Skip, None).await.unwrap();
            }
            _ => {}
        }
    }
    panic!("the interview did not end");
}

/// The edit menu's options: (value, label, description).
fn options(answer: &Answer) -> Vec<(String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    answer.data()["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 3)
        .flat_map(|menu| menu["options"].as_array().cloned().unwrap_or_default())
        .map(|o| (text(&o["value"]), text(&o["label"]), text(&o["description"])))
        .collect()
}

fn page_button(answer: &Answer, page: u32) -> Option<String> {
    answer.find(|a| *a == Action::AnswersPage { page })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answers_menu_pages_by_25_shows_readings_and_opens_a_question_from_page_two() {
    let dir = tempfile::tempdir().unwrap();
    let content = write_content(&dir.path().join("content"));
    let store = Arc::new(SledStore::open(&dir.path().join("db")).unwrap());
    let owner = 7301;
    answer_all(&content, &store, &UserId::discord(owner)).await;
    let lines = Session::new(&content, &*store, &SystemClock)
        .interview(&UserId::discord(owner))
        .await
        .unwrap()
        .unwrap()
        .review(&content);
    assert!(lines.len() > 25, "{} lines", lines.len());

    let standin = StandIn::start(support::bot::TOKEN).await;
    let bot = support::bot::start_with_data(&standin, Data::new(content.clone(), store.clone()), None).await;
    let user = standin.user(owner);

    let first = user.slash(Place::Guild, "answers", &[]).await;
    let shown = options(&first);
    assert!(!shown.is_empty() && shown.len() <= 25, "{shown:#?}");
    let growth = content.question("growth").unwrap();
    // Issue 30: the menu names the questions; their answers are in the list above it, once.
    assert_eq!(
        shown[0],
        ("growth".to_owned(), format!("1. {}", growth.short), String::new()),
        "each entry is \"N. short\""
    );
    let text = first.text();
    assert!(text.contains(&format!("**1. {}:** yes", growth.short)), "{text}");
    assert_eq!(text.matches("Your answers").count(), 1, "the title once: {text}");
    assert_eq!(text.matches("Last changed <t:").count(), 1, "the time once: {text}");
    assert!(first.text().contains("Page 1 of 2"), "{}", first.text());
    assert!(page_button(&first, 0).is_none(), "no Previous on the first page");
    let next = page_button(&first, 1).expect("a Next button");

    // Nobody else can turn the owner's pages.
    let refused = standin.user(7302).click(Place::Guild, &first, &next).await;
    assert!(refused.text().contains("not your interview"), "{}", refused.text());

    let second = user.click(Place::Guild, &first, &next).await;
    assert_eq!(second.kind(), 7, "the page replaces the list in place");
    assert!(second.text().contains("Page 2 of 2"), "{}", second.text());
    let shown = options(&second);
    let numbers: Vec<usize> = shown
        .iter()
        .map(|(_, label, _)| label.split('.').next().unwrap().parse().unwrap())
        .collect();
    assert!(numbers.iter().all(|&n| n > 25), "{shown:#?}");
    let last = format!("extra_{EXTRA}");
    let entry = shown
        .iter()
        .find(|(value, ..)| *value == last)
        .expect("the last question");
    assert_eq!(
        (entry.1.as_str(), entry.2.as_str()),
        (format!("{}. Extra question {EXTRA}", lines.len()).as_str(), "")
    );
    assert!(page_button(&second, 2).is_none(), "no Next on the last page");
    assert!(page_button(&second, 0).is_some(), "a Previous button");

    let edit = second.find(|a| matches!(a, Action::Edit)).expect("the edit menu");
    let opened = user.select(Place::Guild, &second, &edit, &[&last]).await;
    assert_eq!(opened.asked().as_deref(), Some(last.as_str()), "{}", opened.text());
    assert!(opened.text().contains("extra thing"), "{}", opened.text());

    bot.stop().await.unwrap();
    standin.assert_clean();
}
