//! Progress as a person reads it (issue 18): "Question 3 of about 18" and a bar of twelve cells
//! that counts the questions answered or skipped. The first answer shows on the bar, the bar is
//! full only when every question that applies is done, and the total shown never grows when a
//! conditional question turns out to apply. The terminal's lines are checked here; the Discord
//! embed draws its title and bar with the same functions (tests/discord_interview.rs).

use outsource_advisor::advisor::interview::{step, Ask, Input, Screen, Turn};
use outsource_advisor::advisor::Content;
use outsource_advisor::chat::text;

fn next(content: &Content, turn: Option<Turn>, input: Input) -> Turn {
    step(content, turn.map(|t| t.interview), input, None, 10)
}

fn ask(turn: &Turn) -> &Ask {
    match &turn.screen {
        Screen::Ask(ask) | Screen::Reask { ask, .. } | Screen::Confirm { ask, .. } => ask,
        other => panic!("expected a question, got {other:?}"),
    }
}

/// The first line of the terminal's question screen: its title and its bar.
fn first_line(content: &Content, turn: &Turn) -> String {
    let shown = text::question(content, ask(turn)).layout(text::plain);
    shown.lines().next().unwrap_or_default().to_owned()
}

/// Answers that make every conditional question apply; everything else is skipped.
fn input_for(question: &str) -> Input {
    match question {
        "hours_now" => Input::Answer("3 hours a week".to_owned()),
        "runs_today" => Input::Answer("an agency".to_owned()),
        "budget" => Input::Answer("$500 a month".to_owned()),
        _ => Input::Skip,
    }
}

/// The interview after `done` questions were answered or skipped.
fn after(content: &Content, done: usize) -> Turn {
    let mut turn = next(content, None, Input::Start);
    for _ in 0..done {
        let input = match &turn.screen {
            Screen::Confirm { .. } => Input::Confirm(true),
            Screen::Done => break,
            _ => input_for(&ask(&turn).question),
        };
        turn = next(content, Some(turn), input);
        if let Screen::Confirm { .. } = turn.screen {
            turn = next(content, Some(turn), Input::Confirm(true));
        }
    }
    turn
}

#[test]
fn the_bar_counts_what_is_done_and_the_first_answer_shows() {
    let content = Content::built_in();
    let all = content.questions.len();
    assert_eq!(all, 24, "the table below is written for 24 questions");
    // (done, what the first line ends with)
    let table = [
        (0, "▱▱▱▱▱▱▱▱▱▱▱▱"),
        (1, "▰▱▱▱▱▱▱▱▱▱▱▱"),
        (12, "▰▰▰▰▰▰▱▱▱▱▱▱"),
        (23, "▰▰▰▰▰▰▰▰▰▰▰▱"),
    ];
    for (done, bar) in table {
        let turn = after(&content, done);
        let line = first_line(&content, &turn);
        assert!(
            line.ends_with(bar),
            "after {done} answers: {line:?}, expected the bar {bar}"
        );
    }
    // All done: revisiting an answered question shows a full bar (a skipped one would be open
    // again, so one fewer would be done).
    let finished = after(&content, all);
    assert!(matches!(finished.screen, Screen::Done), "{:?}", finished.screen);
    let revisit = next(&content, Some(finished), Input::GoTo("budget".to_owned()));
    let line = first_line(&content, &revisit);
    assert!(line.ends_with("▰▰▰▰▰▰▰▰▰▰▰▰"), "with every question done: {line:?}");
}

#[test]
fn the_total_shown_never_grows_as_a_conditional_question_appears() {
    let content = Content::built_in();
    let mut turn = next(&content, None, Input::Start);
    let mut seen = Vec::new();
    while !matches!(turn.screen, Screen::Done) {
        let line = first_line(&content, &turn);
        seen.push(line);
        let input = match &turn.screen {
            Screen::Confirm { .. } => Input::Confirm(true),
            _ => input_for(&ask(&turn).question),
        };
        turn = next(&content, Some(turn), input);
    }
    let totals: Vec<&str> = seen
        .iter()
        .map(|line| {
            line.split(" of ")
                .nth(1)
                .and_then(|t| t.split("  ").next())
                .unwrap_or(line)
        })
        .map(|total| total.trim_start_matches("about "))
        .collect();
    assert!(
        totals.iter().all(|t| *t == "24"),
        "every question of this interview applies, so every screen says 24: {seen:#?}"
    );
    assert!(
        seen[0].contains("of about 24"),
        "undecided conditions make it an estimate: {}",
        seen[0]
    );
    let last = seen.last().unwrap();
    assert!(
        !last.contains("about"),
        "every condition decided, the total is exact: {last}"
    );
}

#[test]
fn a_condition_that_rules_questions_out_shrinks_the_estimate() {
    let content = Content::built_in();
    let mut turn = next(&content, None, Input::Start);
    turn = next(&content, Some(turn), Input::Answer("yes".to_owned()));
    turn = next(&content, Some(turn), Input::Answer("none".to_owned()));
    // works_today is ruled out; budget's two followers and who runs it today's four are still
    // undecided.
    let line = first_line(&content, &turn);
    assert!(line.starts_with("Question 3 of about 23"), "{line}");
}
