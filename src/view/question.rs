//! A question, and "Did you mean …?", as views: what the screen says, built once from the core's
//! [`Ask`] and the prompts. The terminal ([`crate::chat::text::question`]) and Discord
//! ([`crate::discord::render::question`]) are two layouts of it; the typed answer shown back is
//! kept apart so each layout escapes it its own way.

use crate::advisor::content::{AnswerKind, Content, Question};
use crate::advisor::display;
use crate::advisor::interview::{Ask, ExpectedQuestion};
use crate::advisor::read::{Doubt, Reading};

/// Cells in the progress bar.
const BAR_CELLS: usize = 12;

/// One question as both fronts show it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuestionView<'c> {
    pub question: &'c Question,
    /// What the question's components are made for.
    pub expect: ExpectedQuestion,
    /// "Question 3 of about 18".
    pub progress: String,
    /// `▰▰▰▱▱▱▱▱▱▱▱▱`.
    pub bar: String,
    pub text: &'c str,
    pub why: &'c str,
    /// The articles it comes from, by title.
    pub sources: String,
    pub example: &'c str,
    /// What can be picked, in order, numbered from 1: a choice question's choices, or the quick
    /// picks of an hours, money or number question.
    pub options: Vec<&'c str>,
    /// How to answer in words: pick by number, or the example.
    pub hint: String,
    /// The answer already given, as typed (a layout escapes it).
    pub current: Option<String>,
}

/// The question `ask` asks, or None when the content has no such question.
pub(crate) fn question_view<'c>(content: &'c Content, ask: &Ask) -> Option<QuestionView<'c>> {
    let m = &content.messages;
    let q = content.question(&ask.question)?;
    let options: Vec<&str> = if q.kind.has_choices() {
        q.choices.iter().map(|c| c.label.as_str()).collect()
    } else {
        q.picks.iter().map(String::as_str).collect()
    };
    let hint = match q.kind {
        AnswerKind::Choices => m.get("chat.choices_hint").to_owned(),
        AnswerKind::Choice => m.get("chat.choice_hint").to_owned(),
        _ if !q.picks.is_empty() => m.fill("chat.picks_hint", &[("example", q.example())]),
        _ => m.fill("chat.example", &[("example", q.example())]),
    };
    Some(QuestionView {
        question: q,
        expect: ExpectedQuestion {
            question: q.id.clone(),
            generation: ask.generation,
        },
        progress: progress_title(content, ask),
        bar: progress_bar(ask),
        text: &q.text,
        why: &q.why,
        sources: content.cite(&q.sources),
        example: q.example(),
        options,
        hint,
        current: ask.current.as_ref().map(|a| a.raw.clone()),
    })
}

/// "Did you mean …?" as both fronts show it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConfirmView<'c> {
    pub expect: ExpectedQuestion,
    pub progress: String,
    pub text: &'c str,
    /// "Did you mean €1,200 a month?"
    pub asked: String,
}

/// The confirmation of `reading`, in doubt for `doubt`, at the question `ask` asks.
pub(crate) fn confirm_view<'c>(
    content: &'c Content,
    ask: &Ask,
    reading: &Reading,
    doubt: Doubt,
) -> Option<ConfirmView<'c>> {
    let q = content.question(&ask.question)?;
    Some(ConfirmView {
        expect: ExpectedQuestion {
            question: q.id.clone(),
            generation: ask.generation,
        },
        progress: progress_title(content, ask),
        text: &q.text,
        asked: display::confirm(content, Some(q), reading, doubt),
    })
}

/// "Question 3 of about 18" while a condition is undecided, "Question 3 of 16" once none is.
pub fn progress_title(content: &Content, ask: &Ask) -> String {
    let key = if ask.total_exact {
        "chat.progress"
    } else {
        "chat.progress_about"
    };
    content.messages.fill(
        key,
        &[("number", &ask.number.to_string()), ("total", &ask.total.to_string())],
    )
}

/// `▰▰▰▱▱▱▱▱▱▱▱▱`: the questions answered or skipped out of the total shown, to the nearest
/// cell, except that the first answer always fills one and the bar is full only when all are done.
pub fn progress_bar(ask: &Ask) -> String {
    let (done, total) = (ask.done.min(ask.total), ask.total.max(1));
    let filled = match done {
        0 => 0,
        d if d >= total => BAR_CELLS,
        d => ((BAR_CELLS * d + total / 2) / total).clamp(1, BAR_CELLS - 1),
    };
    format!("{}{}", "▰".repeat(filled), "▱".repeat(BAR_CELLS - filled))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::interview::{step, Input, Screen};

    /// The view of the question an interview stands at after `answers`.
    fn asked_after(content: &Content, answers: &[&str]) -> Ask {
        let mut turn = step(content, None, Input::Start, None, 0);
        for answer in answers {
            turn = step(
                content,
                Some(turn.interview),
                Input::Answer((*answer).to_owned()),
                None,
                0,
            );
        }
        match turn.screen {
            Screen::Ask(ask) => ask,
            other => panic!("asked a question: {other:?}"),
        }
    }

    #[test]
    fn a_question_with_picks_numbers_them_and_says_how_to_pick() {
        let content = Content::built_in();
        let ask = asked_after(&content, &["yes"]);
        let view = question_view(&content, &ask).expect("a known question");
        assert_eq!(view.question.id, "hours_now");
        assert_eq!(
            view.options,
            view.question.picks.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(
            view.hint.starts_with("Answer with a number from the list"),
            "{}",
            view.hint
        );
        assert!(view.progress.starts_with("Question 2 of"), "{}", view.progress);
        assert!(
            !view.sources.contains("_"),
            "sources by title, not file id: {}",
            view.sources
        );
        assert_eq!(view.current, None);

        // A choice question's options are its choices; a yes/no question has none.
        let first = question_view(&content, &asked_after(&content, &[])).unwrap();
        assert!(first.options.is_empty());
        assert_eq!(first.hint, content.messages.fill("chat.example", &[("example", "yes")]));
    }

    #[test]
    fn a_confirmation_asks_about_the_reading_at_its_question() {
        let content = Content::built_in();
        let ask = asked_after(&content, &["yes"]);
        let view = confirm_view(&content, &ask, &Reading::hours(20.0), Doubt::Estimate).unwrap();
        assert_eq!(view.expect.question, "hours_now");
        assert!(view.asked.contains("20"), "{}", view.asked);
        assert_eq!(view.progress, question_view(&content, &ask).unwrap().progress);
    }
}
