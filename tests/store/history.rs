//! The history of assessments stays bounded: an unchanged interview finished again adds nothing,
//! and past the limit per user the oldest are folded into a summary, never silently dropped.

use advisor_testkit::common;

use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::{Advice, Answer, Content, Reading};
use outsource_advisor::app::interview::Session;
use outsource_advisor::chat;
use outsource_advisor::chat::text;
use outsource_advisor::clock::SystemClock;
use outsource_advisor::store::Wait;
use outsource_advisor::store::{Assessment, SledStore, Store, UserId, MAX_ASSESSMENTS};

fn finished(reply: &chat::ChatReply) -> bool {
    reply.plain().contains("Every question is answered")
}

#[test]
fn finishing_the_same_interview_again_adds_no_assessment_and_a_change_adds_one() {
    let content = Content::built_in();
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let session = Session::new(&content, &store, &SystemClock);
    let ann = UserId::local("ann");
    for line in common::typed_in_order(&content, &common::persona("dentist").answers) {
        chat::respond(session, &ann, &line).wait();
    }
    assert_eq!(store.load(&ann).wait().unwrap().assessments.len(), 1);
    // The flood the issue found: back and skip, fifteen times, each returning to the end.
    for _ in 0..15 {
        chat::respond(session, &ann, "back").wait();
        let again = chat::respond(session, &ann, "skip").wait();
        assert!(finished(&again), "{}", again.plain());
    }
    assert_eq!(
        store.load(&ann).wait().unwrap().assessments.len(),
        1,
        "the same answers and advice are not stored again"
    );
    // The same budget typed again, later, is the same answer that counts.
    let asked = chat::respond(session, &ann, "edit 6").wait();
    assert!(
        asked.plain().contains("$2,000"),
        "question 6 is the budget: {}",
        asked.plain()
    );
    let same = chat::respond(session, &ann, "$2,000 a month").wait();
    let mut reply = same;
    for _ in 0..20 {
        if finished(&reply) {
            break;
        }
        reply = chat::respond(session, &ann, "skip").wait();
    }
    assert!(finished(&reply), "{}", reply.plain());
    assert_eq!(store.load(&ann).wait().unwrap().assessments.len(), 1);
    // A different budget is a new assessment.
    chat::respond(session, &ann, "edit 6").wait();
    let mut reply = chat::respond(session, &ann, "$300 a month").wait();
    for _ in 0..20 {
        if finished(&reply) {
            break;
        }
        reply = chat::respond(session, &ann, "skip").wait();
    }
    assert!(finished(&reply), "{}", reply.plain());
    assert_eq!(store.load(&ann).wait().unwrap().assessments.len(), 2);
}

fn assessment(at: u64, outcome: Outcome) -> Assessment {
    Assessment {
        at,
        answers: vec![Answer {
            question: "prime_customer".to_owned(),
            raw: format!("customers number {at}"),
            reading: Reading::Text {
                text: format!("customers number {at}"),
            },
            at,
        }],
        advice: Advice {
            outcome: Some(outcome),
            confidence: 0.5,
            ..Advice::default()
        },
        earlier: None,
    }
}

#[test]
fn past_the_limit_the_oldest_are_folded_into_a_summary_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let bob = UserId::local("bob");
    let extra = 7;
    let total = MAX_ASSESSMENTS + extra;
    for i in 0..total {
        let outcome = if i < 3 { Outcome::NotYet } else { Outcome::Full };
        store
            .add_assessment(&bob, &assessment(1_000 + i as u64, outcome))
            .wait()
            .unwrap();
    }
    let kept = store.load(&bob).wait().unwrap().assessments;
    assert_eq!(kept.len(), MAX_ASSESSMENTS, "at most {MAX_ASSESSMENTS} are kept");
    // The newest are the ones kept, in order.
    assert_eq!(kept.last().unwrap().at, 1_000 + total as u64 - 1);
    assert_eq!(kept[0].at, 1_000 + extra as u64);
    let earlier = kept[0].earlier.clone().expect("the oldest kept carries the summary");
    assert_eq!(earlier.count, extra as u64);
    assert_eq!((earlier.first_at, earlier.last_at), (1_000, 1_000 + extra as u64 - 1));
    assert_eq!(earlier.outcomes.get("not_yet"), Some(&3));
    assert_eq!(earlier.outcomes.get("full"), Some(&(extra as u64 - 3)));
    assert!(kept[1..].iter().all(|a| a.earlier.is_none()));
    // The history says so.
    let content = Content::built_in();
    let shown = text::history(&content, &kept, "bob");
    assert!(shown.contains(&format!("{extra} earlier")), "{shown}");
}
