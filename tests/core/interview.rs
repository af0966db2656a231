//! The interview engine: order, back, skip, edit, conditional questions, stale buttons, restart.

use outsource_advisor::advisor::interview::{
    step, ExpectedQuestion, Input, Interview, Note, ReviewStatus, Screen, Turn,
};
use outsource_advisor::advisor::read::Reading;
use outsource_advisor::advisor::Content;

fn content() -> Content {
    Content::built_in()
}

fn start(content: &Content) -> Turn {
    step(content, None, Input::Start, None, 10)
}

fn next(content: &Content, turn: Turn, input: Input) -> Turn {
    step(content, Some(turn.interview), input, None, 20)
}

fn answer(content: &Content, turn: Turn, text: &str) -> Turn {
    next(content, turn, Input::Answer(text.to_owned()))
}

fn asking(turn: &Turn) -> &str {
    match &turn.screen {
        Screen::Ask(ask) | Screen::Reask { ask, .. } => &ask.question,
        other => panic!("expected a question, got {other:?}"),
    }
}

fn progress(turn: &Turn) -> (usize, usize) {
    match &turn.screen {
        Screen::Ask(ask) => (ask.number, ask.total),
        other => panic!("expected a question, got {other:?}"),
    }
}

#[test]
fn starts_at_the_first_question_and_stores_nothing() {
    let content = content();
    let turn = start(&content);
    assert_eq!(asking(&turn), "growth");
    assert_eq!(progress(&turn).0, 1);
    assert!(!turn.changed, "starting writes nothing");
}

#[test]
fn an_answer_is_kept_with_its_raw_text_and_moves_on() {
    let content = content();
    let turn = answer(&content, start(&content), "  yep ");
    assert!(turn.changed);
    assert_eq!(turn.note, Some(Note::Saved));
    assert_eq!(turn.answered.as_deref(), Some("growth"));
    let saved = &turn.interview.answers["growth"];
    assert_eq!(saved.raw, "yep");
    assert_eq!(saved.at, 20);
    assert_eq!(asking(&turn), "hours_now");
}

#[test]
fn an_unreadable_answer_is_asked_again_and_changes_nothing() {
    let content = content();
    let first = start(&content);
    let turn = answer(&content, first.clone(), "purple");
    assert!(matches!(turn.screen, Screen::Reask { .. }));
    assert!(!turn.changed);
    assert_eq!(turn.interview, first.interview);
}

#[test]
fn a_conditional_question_is_asked_only_when_its_condition_holds() {
    let content = content();
    // No time spent now: "how well does it work" is not asked.
    let turn = answer(&content, answer(&content, start(&content), "yes"), "none");
    assert_eq!(asking(&turn), "free_time");
    // Some time spent now: it is.
    let turn = answer(&content, answer(&content, start(&content), "yes"), "3 hours a week");
    assert_eq!(asking(&turn), "works_today");
}

#[test]
fn the_total_follows_the_conditions() {
    let content = content();
    let none = answer(&content, answer(&content, start(&content), "yes"), "none");
    let some = answer(&content, answer(&content, start(&content), "yes"), "3 hours a week");
    assert_eq!(progress(&some).1, progress(&none).1 + 1);
}

#[test]
fn back_revisits_the_previous_question_and_keeps_later_answers() {
    let content = content();
    let turn = answer(&content, answer(&content, start(&content), "yes"), "none");
    let back = next(&content, turn, Input::Back);
    assert_eq!(asking(&back), "hours_now");
    let Screen::Ask(ask) = &back.screen else { unreachable!() };
    assert_eq!(ask.current.as_ref().map(|a| a.raw.as_str()), Some("none"));
    let back_again = next(&content, back, Input::Back);
    assert_eq!(asking(&back_again), "growth");
    let nothing = next(&content, back_again, Input::Back);
    assert_eq!(nothing.note, Some(Note::NothingBefore));
    assert_eq!(asking(&nothing), "growth");
    // Answering the revisited question returns to the first open one; later answers are kept.
    let changed = answer(&content, nothing, "no");
    assert_eq!(asking(&changed), "free_time");
    assert_eq!(changed.interview.answers["hours_now"].raw, "none");
}

#[test]
fn changing_an_answer_re_evaluates_which_questions_apply() {
    let content = content();
    let turn = answer(&content, answer(&content, start(&content), "yes"), "3 hours a week");
    let turn = answer(&content, turn, "4");
    assert!(turn.interview.answers.contains_key("works_today"));
    let back = next(&content, turn, Input::GoTo("hours_now".into()));
    let changed = answer(&content, back, "none");
    // works_today no longer applies: its answer is kept but not asked, and not counted.
    assert!(changed.interview.answers.contains_key("works_today"));
    assert!(!changed.interview.counted_answers(&content).contains_key("works_today"));
    let review = changed.interview.review(&content);
    let line = review.iter().find(|l| l.question == "works_today").unwrap();
    assert_eq!(line.status, ReviewStatus::NotAsked);
}

#[test]
fn skip_leaves_a_question_open_to_come_back_to() {
    let content = content();
    let turn = next(&content, start(&content), Input::Skip);
    assert_eq!(turn.note, Some(Note::Skipped));
    assert!(turn.interview.skipped.contains("growth"));
    assert_eq!(asking(&turn), "hours_now");
    let back = next(&content, turn, Input::Back);
    assert_eq!(asking(&back), "growth");
    assert!(
        !back.interview.skipped.contains("growth"),
        "revisited, it is open again"
    );
}

#[test]
fn skip_on_a_revisited_answer_keeps_it_and_steps_forward() {
    let content = content();
    let turn = answer(&content, answer(&content, start(&content), "yes"), "none");
    let turn = next(&content, turn, Input::GoTo("growth".into()));
    let turn = next(&content, turn, Input::Skip);
    assert_eq!(asking(&turn), "hours_now");
    assert_eq!(turn.interview.answers["growth"].raw, "yes");
    let turn = next(&content, turn, Input::Skip);
    assert_eq!(asking(&turn), "free_time");
}

#[test]
fn edit_of_a_question_that_does_not_apply_is_refused() {
    let content = content();
    let turn = next(&content, start(&content), Input::GoTo("sale_value".into()));
    assert_eq!(turn.note, Some(Note::NoSuchQuestion));
    assert!(!turn.changed);
}

#[test]
fn a_stale_button_changes_nothing_and_shows_the_current_question() {
    let content = content();
    let first = start(&content);
    let stale = ExpectedQuestion {
        question: "growth".into(),
        generation: 0,
    };
    let moved_on = answer(&content, first, "yes");
    let turn = step(
        &content,
        Some(moved_on.interview.clone()),
        Input::Answer("no".into()),
        Some(&stale),
        30,
    );
    assert_eq!(turn.note, Some(Note::Stale));
    assert!(!turn.changed);
    assert_eq!(turn.interview, moved_on.interview);
    assert_eq!(asking(&turn), "hours_now");
}

#[test]
fn a_button_from_before_a_restart_is_stale_even_for_the_same_question() {
    let content = content();
    let old = ExpectedQuestion {
        question: "growth".into(),
        generation: 0,
    };
    let restarted = next(&content, answer(&content, start(&content), "yes"), Input::Restart);
    assert_eq!(restarted.note, Some(Note::Restarted));
    assert!(restarted.interview.answers.is_empty());
    assert_eq!(asking(&restarted), "growth");
    let turn = step(
        &content,
        Some(restarted.interview.clone()),
        Input::Answer("no".into()),
        Some(&old),
        30,
    );
    assert_eq!(turn.note, Some(Note::Stale));
    let current = restarted.interview.current_expect(&content).unwrap();
    let turn = step(
        &content,
        Some(restarted.interview),
        Input::Answer("no".into()),
        Some(&current),
        30,
    );
    assert_eq!(turn.note, Some(Note::Saved));
}

#[test]
fn answering_the_last_question_finishes_once() {
    let content = content();
    let mut turn = start(&content);
    let mut finishes = 0;
    while let Screen::Ask(_) = turn.screen {
        turn = next(&content, turn, Input::Skip);
        finishes += usize::from(turn.finished_now);
    }
    assert_eq!(turn.screen, Screen::Done);
    assert_eq!(finishes, 1);
    let again = next(&content, turn, Input::Start);
    assert!(!again.finished_now);
}

#[test]
fn answers_to_removed_questions_are_kept_and_shown_as_removed() {
    let content = content();
    let mut interview: Interview = answer(&content, start(&content), "yes").interview;
    let mut old = interview.answers["growth"].clone();
    old.question = "question_that_was_removed".into();
    interview.answers.insert(old.question.clone(), old);
    let turn = step(&content, Some(interview), Input::Review, None, 40);
    let Screen::Review(lines) = turn.screen else {
        panic!("a review")
    };
    let removed = lines
        .iter()
        .find(|l| l.question == "question_that_was_removed")
        .unwrap();
    assert_eq!(removed.status, ReviewStatus::Removed);
    assert_eq!(
        lines.iter().find(|l| l.question == "growth").unwrap().status,
        ReviewStatus::Answered
    );
}

// ---------------------------------------------------------------------------------------------
// A reading in doubt is confirmed before it is stored ("Did you mean 20 hours a week?").
// ---------------------------------------------------------------------------------------------

/// The interview at hours_now with "part time" typed: the confirmation is open.
fn confirming(content: &Content) -> Turn {
    let turn = answer(content, start(content), "yes");
    assert_eq!(asking(&turn), "hours_now");
    let turn = answer(content, turn, "part time");
    match &turn.screen {
        Screen::Confirm { ask, reading, .. } => {
            assert_eq!(ask.question, "hours_now");
            assert_eq!(*reading, Reading::hours(20.0));
        }
        other => panic!("expected a confirmation, got {other:?}"),
    }
    assert!(turn.changed, "the open confirmation is stored");
    assert_eq!(turn.answered, None);
    assert!(
        !turn.interview.answers.contains_key("hours_now"),
        "nothing is stored before yes"
    );
    turn
}

#[test]
fn yes_to_a_confirmation_stores_the_reading_and_moves_on() {
    let content = content();
    for yes in [
        Input::Confirm(true),
        Input::Answer("yes".to_owned()),
        Input::Answer("yep".to_owned()),
    ] {
        let turn = next(&content, confirming(&content), yes);
        assert_eq!(turn.note, Some(Note::Saved));
        assert_eq!(turn.answered.as_deref(), Some("hours_now"));
        let saved = &turn.interview.answers["hours_now"];
        assert_eq!(saved.reading, Reading::hours(20.0));
        assert_eq!(saved.raw, "part time", "the words typed are kept, not the yes");
        assert_eq!(turn.interview.pending, None);
        assert_eq!(asking(&turn), "works_today");
    }
}

#[test]
fn no_to_a_confirmation_asks_again_and_stores_nothing() {
    let content = content();
    for no in [Input::Confirm(false), Input::Answer("no".to_owned())] {
        let turn = next(&content, confirming(&content), no);
        assert!(
            matches!(&turn.screen, Screen::Ask(ask) if ask.question == "hours_now"),
            "{:?}",
            turn.screen
        );
        assert!(!turn.interview.answers.contains_key("hours_now"));
        assert_eq!(turn.interview.pending, None);
    }
}

#[test]
fn a_new_answer_while_confirming_is_read_afresh() {
    let content = content();
    let turn = answer(&content, confirming(&content), "12 hours a week");
    assert_eq!(turn.interview.answers["hours_now"].reading, Reading::hours(12.0));
    assert_eq!(turn.interview.pending, None);
    // An unreadable one drops the confirmation and asks again, saying why.
    let turn = answer(&content, confirming(&content), "purple");
    assert!(matches!(turn.screen, Screen::Reask { .. }), "{:?}", turn.screen);
    assert_eq!(turn.interview.pending, None);
    assert!(turn.changed, "the dropped confirmation is stored");
    // A quick pick is a new answer too, even one that reads as "no" ("none").
    let turn = answer(&content, confirming(&content), "none");
    assert_eq!(turn.interview.answers["hours_now"].reading, Reading::hours(0.0));
    assert_eq!(turn.interview.pending, None);
}

#[test]
fn back_and_skip_while_confirming_drop_the_doubtful_reading() {
    let content = content();
    let back = next(&content, confirming(&content), Input::Back);
    assert_eq!(asking(&back), "growth");
    assert_eq!(back.interview.pending, None);
    assert!(!back.interview.answers.contains_key("hours_now"));

    let skip = next(&content, confirming(&content), Input::Skip);
    assert_eq!(skip.note, Some(Note::Skipped));
    assert!(skip.interview.skipped.contains("hours_now"));
    assert!(!skip.interview.answers.contains_key("hours_now"));
    assert_eq!(skip.interview.pending, None);
}

#[test]
fn a_restart_of_the_bot_resumes_at_the_confirmation() {
    let content = content();
    let open = confirming(&content);
    // What the store keeps, read back as a new process would.
    let stored = serde_json::to_string(&open.interview).unwrap();
    let resumed: Interview = serde_json::from_str(&stored).unwrap();
    let turn = step(&content, Some(resumed), Input::Start, None, 30);
    assert!(
        matches!(&turn.screen, Screen::Confirm { ask, .. } if ask.question == "hours_now"),
        "{:?}",
        turn.screen
    );
    let turn = next(&content, turn, Input::Confirm(true));
    assert_eq!(turn.interview.answers["hours_now"].reading, Reading::hours(20.0));
}

#[test]
fn restarting_the_interview_while_confirming_throws_the_reading_away() {
    let content = content();
    let turn = next(&content, confirming(&content), Input::Restart);
    assert_eq!(turn.interview.pending, None);
    assert_eq!(asking(&turn), "growth");
}

#[test]
fn a_stale_confirm_button_changes_nothing() {
    let content = content();
    let open = confirming(&content);
    let expect = open.interview.current_expect(&content).unwrap();
    let saved = next(&content, open, Input::Confirm(true));
    // The same button clicked again, now that the question has moved on.
    let again = step(
        &content,
        Some(saved.interview.clone()),
        Input::Confirm(true),
        Some(&expect),
        40,
    );
    assert_eq!(again.note, Some(Note::Stale));
    assert!(!again.changed);
    // A confirm with nothing open (a button from an earlier turn of the same question) is stale too.
    let asked = answer(&content, start(&content), "yes");
    let turn = next(&content, asked, Input::Confirm(true));
    assert_eq!(turn.note, Some(Note::Stale));
    assert!(!turn.interview.answers.contains_key("hours_now"));
}

#[test]
fn unsure_is_stored_as_an_answer_and_not_asked_again() {
    let content = content();
    let turn = answer(&content, start(&content), "yes");
    let turn = answer(&content, turn, "no idea");
    assert_eq!(turn.note, Some(Note::Saved));
    assert_eq!(turn.interview.answers["hours_now"].reading, Reading::Unsure);
    assert_ne!(asking(&turn), "hours_now");
}

/// Issue 26: "a few times a week" to an hours question says how often, not how long. It is
/// asked again for hours a week, and the hours then given are stored, with both answers' words.
#[test]
fn how_often_is_asked_again_as_hours_and_the_hours_then_given_are_stored() {
    use outsource_advisor::advisor::read::Unreadable;
    let content = content();
    let turn = answer(&content, start(&content), "yes");
    let turn = answer(&content, turn, "I post a few times a week");
    assert!(
        matches!(
            &turn.screen,
            Screen::Reask {
                problem: Unreadable::HowOften { .. },
                ..
            }
        ),
        "{:?}",
        turn.screen
    );
    assert_eq!(asking(&turn), "hours_now");
    assert!(turn.changed, "the words said are kept");
    assert!(
        !turn.interview.answers.contains_key("hours_now"),
        "no hours were stored"
    );
    // Asked for hours a week, a bare figure is a week's: stored without another question. Typed
    // in the chat, it is hours, not the number of a quick pick ("2. under 2 hours a week").
    let turn = next(&content, turn, Input::Line("2".to_owned()));
    assert_eq!(turn.note, Some(Note::Saved));
    let saved = &turn.interview.answers["hours_now"];
    assert_eq!(saved.reading, Reading::hours(2.0));
    assert_eq!(saved.raw, "I post a few times a week — 2");
    assert_eq!(turn.interview.said, None);
    assert_eq!(asking(&turn), "works_today");

    // A time of day, then hours with their own period, then a skip drops what was kept.
    let turn = answer(&content, start(&content), "yes");
    let turn = answer(&content, turn, "5pm every day");
    assert!(matches!(
        &turn.screen,
        Screen::Reask {
            problem: Unreadable::TimeOfDay { .. },
            ..
        }
    ));
    let turn = answer(&content, turn, "30 minutes a day");
    assert_eq!(turn.interview.answers["hours_now"].reading, Reading::hours(3.5));
    assert_eq!(
        turn.interview.answers["hours_now"].raw,
        "5pm every day — 30 minutes a day"
    );
    let turn = answer(&content, start(&content), "yes");
    let turn = answer(&content, turn, "daily");
    let turn = next(&content, turn, Input::Skip);
    assert_eq!(turn.interview.said, None);
}

/// The failure point as the owner said it, reached with a budget that asks for it.
fn at_failure_point(content: &Content) -> Turn {
    let mut turn = start(content);
    for _ in 0..20 {
        let id = match &turn.screen {
            Screen::Ask(ask) => ask.question.clone(),
            other => panic!("expected a question, got {other:?}"),
        };
        if id == "failure_months" {
            return turn;
        }
        turn = match id.as_str() {
            "budget" => answer(content, turn, "$2,000 a month"),
            _ => next(content, turn, Input::Skip),
        };
    }
    panic!("the failure point was never asked");
}

/// Issue 26: "under 20 new patients" says no period. The confirmation asks "in all or a month?",
/// and the period the owner then says is stored; yes keeps the one shown (a month for patients).
#[test]
fn the_failure_points_period_is_asked_and_stored() {
    use outsource_advisor::advisor::read::{Doubt, ResultPeriod};
    let content = content();
    let said = "$2000 a month for 6 months with under 20 new patients";
    for (reply, period) in [
        ("in all", ResultPeriod::InAll),
        ("a month", ResultPeriod::Month),
        ("yes", ResultPeriod::Month),
    ] {
        let turn = answer(&content, at_failure_point(&content), said);
        match &turn.screen {
            Screen::Confirm { doubt, .. } => assert_eq!(*doubt, Doubt::ResultPeriod),
            other => panic!("expected the period asked, got {other:?}"),
        }
        assert!(!turn.interview.answers.contains_key("failure_months"));
        let turn = answer(&content, turn, reply);
        assert_eq!(turn.note, Some(Note::Saved), "{reply}");
        let saved = &turn.interview.answers["failure_months"];
        match &saved.reading {
            Reading::FailurePoint {
                below, below_period, ..
            } => assert_eq!((*below, *below_period), (Some(20.0), Some(period)), "{reply}"),
            other => panic!("{other:?}"),
        }
        assert!(saved.raw.starts_with(said), "{}", saved.raw);
    }
    // Said in the answer, the period is not asked about.
    let turn = answer(
        &content,
        at_failure_point(&content),
        "$2000 a month for 6 months with under 20 new patients in all",
    );
    assert_eq!(turn.note, Some(Note::Saved));
}

/// Issue 31: the brief questions, a second set in prompts/questions.toml, are asked by the same
/// engine only once the owner asks for them, after the diagnostic questions; each is skippable,
/// stored and listed with the answers, and none of them counts for the advice.
#[test]
fn the_brief_questions_come_only_when_asked_after_the_advice_each_skippable_and_never_count() {
    use outsource_advisor::advisor::advice::advise;
    let content = content();
    assert!(!content.brief_questions.is_empty());
    let mut turn = start(&content);
    while let Screen::Ask(_) = &turn.screen {
        turn = next(&content, turn, Input::Skip);
    }
    assert_eq!(turn.screen, Screen::Done, "the diagnostic set alone ends the interview");
    let before = advise(&content, &turn.interview);
    let counted_before = turn.interview.counted_answers(&content).len();

    turn = next(&content, turn, Input::BriefQuestions);
    assert!(turn.changed && turn.interview.brief);
    assert_eq!(asking(&turn), content.brief_questions[0].id);
    let first = &content.brief_questions[0].id;
    turn = answer(&content, turn, "Instagram and LinkedIn");
    assert!(matches!(
        &turn.interview.answers[first].reading,
        Reading::Choices { picks } if picks == &["instagram", "linkedin"]
    ));
    // Skippable, one by one, to the end.
    turn = next(&content, turn, Input::Skip);
    assert!(turn.interview.skipped.contains(&content.brief_questions[1].id));
    let voice = content
        .brief_questions
        .iter()
        .find(|q| q.id == "brief_voice")
        .expect("a voice question");
    while let Screen::Ask(ask) = &turn.screen {
        turn = if ask.question == voice.id {
            answer(&content, turn, "**plain** and kind, كما نتحدث")
        } else {
            next(&content, turn, Input::Skip)
        };
    }
    assert_eq!(turn.screen, Screen::Done);
    assert_eq!(
        turn.interview.answers["brief_voice"].raw, "**plain** and kind, كما نتحدث",
        "free text kept as typed"
    );
    // Never counted for advice: the same advice, the same answers counted.
    assert_eq!(advise(&content, &turn.interview), before);
    assert_eq!(turn.interview.counted_answers(&content).len(), counted_before);
    // Listed with the answers, and open to edit like them.
    let review = turn.interview.review(&content);
    let line = review.iter().find(|l| &l.question == first).expect("listed");
    assert_eq!(line.status, ReviewStatus::Answered);
    turn = next(&content, turn, Input::GoTo(first.clone()));
    assert_eq!(asking(&turn), first);
    turn = answer(&content, turn, "TikTok");
    assert!(matches!(
        &turn.interview.answers[first].reading,
        Reading::Choices { picks } if picks == &["tiktok"]
    ));
    // Asked for again, the skipped ones come back.
    turn = next(&content, turn, Input::BriefQuestions);
    assert_eq!(asking(&turn), content.brief_questions[1].id);
    // The stored state round-trips, and one without the brief keeps its old shape.
    let json = serde_json::to_string(&turn.interview).unwrap();
    let back: Interview = serde_json::from_str(&json).unwrap();
    assert!(back.brief);
    assert!(!serde_json::to_string(&Interview::default()).unwrap().contains("brief"));
}
