//! The interview engine: from the stored state and one input, the next state and what to show.
//!
//! Transport-neutral and pure: the caller supplies the time, stores the state, and renders the
//! [`Screen`]. State is plain serde data, so a store keeps it as it is.
//!
//! Which question comes next is never stored: it is worked out from the answers each time, so a
//! changed answer that makes a conditional question apply (or stop applying) takes effect at once,
//! and an edited catalog in prompts/ simply changes what is asked next.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use super::content::{Condition, Content, Question};
use super::read::{read_result_period, read_yes_no, understand, Doubt, Reading, Unreadable, YesNo};

/// One stored answer: the words as typed, how they were read, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub raw: String,
    pub reading: Reading,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

/// An interview in progress (or finished): everything the engine needs to carry on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Interview {
    /// Answers by question id. Answers to questions that no longer apply (or no longer exist) are
    /// kept: going back may make them apply again, and nothing a user typed is dropped silently.
    pub answers: BTreeMap<String, Answer>,
    /// Questions the user chose to skip.
    pub skipped: BTreeSet<String>,
    /// The question being revisited (after back or edit); None means "the first open question".
    pub cursor: Option<String>,
    /// Bumped on every change.
    pub revision: u64,
    /// Bumped on every restart, so a button from an earlier run of the interview is recognised
    /// as stale even when it names the question being asked now.
    #[serde(default)]
    pub generation: u32,
    pub started_at: u64,
    pub updated_at: u64,
    /// A reading in doubt, waiting for the owner's yes before it is stored as an answer. Kept in
    /// the stored state so a restarted bot resumes at the confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
    /// What the owner said to an hours question that told how often or when ("a few times a
    /// week", "5pm"), asked again for hours a week: kept so the hours then given are stored with
    /// the words that led to them, and read as a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Said>,
    /// True once the owner said yes to the brief questions (issue 31): the second set of
    /// prompts/questions.toml, asked after the diagnostic questions. They never count for advice.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub brief: bool,
}

/// Words kept from an earlier try at the current question (see [`Interview::said`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub question: String,
    pub raw: String,
}

/// A reading the interview asks about before storing it ("Did you mean €1,200?").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub question: String,
    pub raw: String,
    pub reading: Reading,
    pub doubt: Doubt,
}

/// What the user did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    /// Start, or resume where they left off.
    Start,
    /// Typed (or clicked) an answer to the current question.
    Answer(String),
    /// A line typed in a chat: a bare number names the current question's quick pick, answered
    /// as its label (unless "Did you mean …?" is open, or the question was asked again for hours
    /// a week, when it is a new answer to the reader);
    /// anything else is an [`Input::Answer`].
    Line(String),
    Back,
    Skip,
    /// Revisit one question (from the list of answers).
    GoTo(String),
    /// List the answers so far.
    Review,
    /// Throw the answers away and begin again.
    Restart,
    /// Yes or no to "Did you mean …?": yes stores the reading, no asks the question again.
    Confirm(bool),
    /// Yes to "Want a brief to send to providers?": the brief questions are asked next (those
    /// skipped before are asked again; all answered, the first is revisited).
    BriefQuestions,
}

/// The question a button or form was made for: an input carrying one is applied only if that is
/// still the question being asked, in the same run of the interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedQuestion {
    pub question: String,
    pub generation: u32,
}

/// Asking one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    pub question: String,
    /// 1-based place among the questions that apply or may yet apply.
    pub number: usize,
    /// The questions that apply plus those whose condition is still undecided (its question
    /// is open), so the total never grows as the interview goes on: it can only shrink, when
    /// an answer rules a conditional question out.
    pub total: usize,
    /// Questions that apply and are answered or skipped: what a progress bar counts.
    #[serde(default)]
    pub done: usize,
    /// True when no condition is undecided, so `total` is exact rather than "about". (Not
    /// [`Advice::settled`](crate::advisor::Advice), which says no answer left could change the
    /// advice; read under its older name too.)
    #[serde(default, alias = "settled")]
    pub total_exact: bool,
    /// The answer already given, when the question is being revisited.
    pub current: Option<Answer>,
    pub generation: u32,
}

/// Something worth telling the user along with the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// The answer was stored.
    Saved,
    Skipped,
    /// Back from the first question.
    NothingBefore,
    /// The input was for a question no longer being asked; nothing was changed.
    Stale,
    /// GoTo named a question that does not apply or does not exist.
    NoSuchQuestion,
    Restarted,
}

/// The status of one line of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Answered,
    Skipped,
    Open,
    /// Answered once, but an earlier answer means it is no longer asked.
    NotAsked,
    /// Answered, but the question has since been removed from prompts/.
    Removed,
}

/// One line of the review of answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub question: String,
    pub status: ReviewStatus,
    pub answer: Option<Answer>,
}

/// What to show after an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Screen {
    Ask(Ask),
    /// The answer could not be read: ask again, saying why.
    Reask {
        ask: Ask,
        problem: Unreadable,
    },
    Review(Vec<ReviewLine>),
    /// A reading in doubt: "Did you mean €1,200?" Yes stores it, no asks again.
    Confirm {
        ask: Ask,
        reading: Reading,
        doubt: Doubt,
    },
    /// Every question that applies is answered or skipped: time for the advice.
    Done,
}

/// The result of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub interview: Interview,
    pub screen: Screen,
    pub note: Option<Note>,
    /// True when the interview changed and must be stored.
    pub changed: bool,
    /// True when this input answered the last open question.
    pub finished_now: bool,
    /// The question this input answered, if it answered one.
    pub answered: Option<String>,
}

impl Interview {
    pub fn new(now: u64) -> Self {
        Interview {
            started_at: now,
            updated_at: now,
            ..Interview::default()
        }
    }

    /// The questions that apply given the answers so far, in the order they are asked: the
    /// diagnostic questions, then the brief questions once the owner asked for them.
    pub fn applicable<'c>(&self, content: &'c Content) -> Vec<&'c Question> {
        let mut applicable = self.diagnostic(content);
        applicable.extend(self.brief_questions(content));
        applicable
    }

    /// The diagnostic questions that apply: the ones the advice is worked out from.
    fn diagnostic<'c>(&self, content: &'c Content) -> Vec<&'c Question> {
        content
            .questions
            .iter()
            .filter(|q| q.ask_if.as_ref().is_none_or(|c| self.matches(c)))
            .collect()
    }

    /// The brief questions, when the owner asked for them (none otherwise).
    fn brief_questions<'c>(&self, content: &'c Content) -> &'c [Question] {
        if self.brief {
            &content.brief_questions
        } else {
            &[]
        }
    }

    /// The questions that apply or may yet apply: a conditional question counts while the
    /// question its condition tests is still open (and may itself be asked). Conditions name
    /// earlier questions only (`check`), so one pass in order decides each from those before it.
    pub(crate) fn possible<'c>(&self, content: &'c Content) -> Vec<&'c Question> {
        let mut possible: Vec<&'c Question> = Vec::with_capacity(content.questions.len());
        for q in &content.questions {
            let counts = match &q.ask_if {
                None => true,
                Some(c) if self.matches(c) => true,
                Some(c) => self.is_open(&c.question) && possible.iter().any(|p| p.id == c.question),
            };
            if counts {
                possible.push(q);
            }
        }
        possible.extend(self.brief_questions(content));
        possible
    }

    /// True when the answer `condition` names matches it (an unanswered question matches nothing).
    pub fn matches(&self, condition: &Condition) -> bool {
        let Some(answer) = self.answers.get(&condition.question) else {
            return false;
        };
        let reading = &answer.reading;
        if !condition.is_any.is_empty() {
            let ids = reading.ids();
            if !ids.iter().any(|id| condition.is_any.contains(id)) {
                return false;
            }
        }
        if condition.at_least.is_some() || condition.at_most.is_some() {
            let Some(value) = reading.number() else {
                return false;
            };
            if condition.at_least.is_some_and(|min| value < min) || condition.at_most.is_some_and(|max| value > max) {
                return false;
            }
        }
        true
    }

    /// The answers that count for advice: those to questions that still apply.
    pub fn counted_answers<'a>(&'a self, content: &Content) -> BTreeMap<&'a str, &'a Answer> {
        self.diagnostic(content)
            .iter()
            .filter_map(|q| self.answers.get_key_value(q.id.as_str()))
            .map(|(id, answer)| (id.as_str(), answer))
            .collect()
    }

    pub(crate) fn is_open(&self, id: &str) -> bool {
        !self.answers.contains_key(id) && !self.skipped.contains(id)
    }

    /// The question being asked now, if any.
    pub fn current<'c>(&self, content: &'c Content) -> Option<&'c Question> {
        let applicable = self.applicable(content);
        if let Some(cursor) = &self.cursor {
            if let Some(q) = applicable.iter().find(|q| &q.id == cursor) {
                return Some(q);
            }
        }
        applicable.into_iter().find(|q| self.is_open(&q.id))
    }

    /// True when every question that applies is answered or skipped.
    pub(crate) fn is_complete(&self, content: &Content) -> bool {
        self.current(content).is_none()
    }

    fn ask(&self, content: &Content, question: &Question) -> Ask {
        let applicable = self.applicable(content);
        let possible = self.possible(content);
        let number = possible.iter().position(|q| q.id == question.id).map_or(1, |i| i + 1);
        let done = applicable.iter().filter(|q| !self.is_open(&q.id)).count();
        Ask {
            question: question.id.clone(),
            number,
            total: possible.len(),
            done,
            total_exact: possible.len() == applicable.len(),
            current: self.answers.get(&question.id).cloned(),
            generation: self.generation,
        }
    }

    /// What to show for the state as it is.
    pub fn screen(&self, content: &Content) -> Screen {
        match self.current(content) {
            Some(question) => match self.pending.as_ref().filter(|p| p.question == question.id) {
                Some(pending) => Screen::Confirm {
                    ask: self.ask(content, question),
                    reading: pending.reading.clone(),
                    doubt: pending.doubt,
                },
                None => Screen::Ask(self.ask(content, question)),
            },
            None => Screen::Done,
        }
    }

    /// Stores an answer to `question` and moves on.
    fn store(&mut self, question: &Question, raw: &str, reading: Reading, now: u64) {
        let id = question.id.clone();
        let revisiting = self.cursor.as_deref() == Some(id.as_str());
        self.skipped.remove(&id);
        self.answers.insert(
            id.clone(),
            Answer {
                question: id,
                raw: raw.trim().to_owned(),
                reading,
                at: now,
            },
        );
        if revisiting {
            self.cursor = None;
        }
        self.said = None;
    }

    /// Every question with its status, then answers kept for questions that are gone.
    pub fn review(&self, content: &Content) -> Vec<ReviewLine> {
        let applicable: BTreeSet<&str> = self.applicable(content).iter().map(|q| q.id.as_str()).collect();
        let mut lines: Vec<ReviewLine> = content
            .questions
            .iter()
            .chain(&content.brief_questions)
            .filter(|q| applicable.contains(q.id.as_str()) || self.answers.contains_key(&q.id))
            .map(|q| {
                let answer = self.answers.get(&q.id).cloned();
                let status = match (applicable.contains(q.id.as_str()), &answer) {
                    (false, _) => ReviewStatus::NotAsked,
                    (true, Some(_)) => ReviewStatus::Answered,
                    (true, None) if self.skipped.contains(&q.id) => ReviewStatus::Skipped,
                    (true, None) => ReviewStatus::Open,
                };
                ReviewLine {
                    question: q.id.clone(),
                    status,
                    answer,
                }
            })
            .collect();
        lines.extend(
            self.answers
                .values()
                .filter(|a| content.question(&a.question).is_none())
                .map(|a| ReviewLine {
                    question: a.question.clone(),
                    status: ReviewStatus::Removed,
                    answer: Some(a.clone()),
                }),
        );
        lines
    }

    /// The question id and generation a button for the current screen should carry.
    pub fn current_expect(&self, content: &Content) -> Option<ExpectedQuestion> {
        self.current(content).map(|q| ExpectedQuestion {
            question: q.id.clone(),
            generation: self.generation,
        })
    }
}

/// Applies one input to the interview (a fresh one when there is none yet).
///
/// `expect` is the question the input was made for, when the input came from a button or form
/// that may be out of date; a mismatch changes nothing and shows the current question.
pub fn step(
    content: &Content,
    state: Option<Interview>,
    input: Input,
    expect: Option<&ExpectedQuestion>,
    now: u64,
) -> Turn {
    let interview = state.unwrap_or_else(|| Interview::new(now));
    let was_complete = interview.is_complete(content);
    if let Some(expect) = expect {
        let current = interview.current(content).map(|q| q.id.as_str());
        if current != Some(expect.question.as_str()) || expect.generation != interview.generation {
            return Turn::unchanged(content, interview, Some(Note::Stale));
        }
    }
    let at = At { now, was_complete };
    // One function per input; each builds its Turn with `Turn::unchanged`, `Turn::shown`,
    // `changed` or `saved`.
    match input {
        Input::Start => Turn::unchanged(content, interview, None),
        Input::Review => {
            let lines = interview.review(content);
            Turn::shown(interview, Screen::Review(lines), None)
        }
        Input::Confirm(yes) => confirm(content, interview, yes, at),
        Input::Answer(text) => answer(content, interview, &text, at),
        Input::Line(text) => {
            let pick = interview
                .current(content)
                .filter(|q| interview.pending.is_none() && interview.said.as_ref().is_none_or(|s| s.question != q.id))
                .and_then(|q| q.pick_by_number(&text));
            let text = match pick {
                Some(label) => label.to_owned(),
                None => text,
            };
            answer(content, interview, &text, at)
        }
        Input::Skip => skip(content, interview, at),
        Input::Back => back(content, interview, at),
        Input::GoTo(id) => go_to(content, interview, id, at),
        Input::Restart => restart(content, interview, at),
        Input::BriefQuestions => brief_questions(content, interview, at),
    }
}

/// The owner wants the brief questions: they apply from now on, asked after the diagnostic ones.
fn brief_questions(content: &Content, mut interview: Interview, at: At) -> Turn {
    interview.brief = true;
    interview.pending = None;
    interview.said = None;
    for q in &content.brief_questions {
        interview.skipped.remove(&q.id);
    }
    let all_answered = content
        .brief_questions
        .iter()
        .all(|q| interview.answers.contains_key(&q.id));
    interview.cursor = content
        .brief_questions
        .first()
        .filter(|_| all_answered)
        .map(|q| q.id.clone());
    changed(content, interview, None, at.now, at.was_complete)
}

/// When an input is applied, and whether the interview was complete before it.
#[derive(Clone, Copy)]
struct At {
    now: u64,
    was_complete: bool,
}

/// A change to store, with its note and the question it answered.
fn saved(content: &Content, interview: Interview, note: Note, answered: Option<String>, at: At) -> Turn {
    let mut turn = changed(content, interview, Some(note), at.now, at.was_complete);
    turn.answered = answered;
    turn
}

impl Turn {
    /// Nothing changed: the current screen, with `note`.
    fn unchanged(content: &Content, interview: Interview, note: Option<Note>) -> Turn {
        let screen = interview.screen(content);
        Turn::shown(interview, screen, note)
    }

    /// Nothing changed: `screen`, with `note`.
    fn shown(interview: Interview, screen: Screen, note: Option<Note>) -> Turn {
        Turn {
            interview,
            screen,
            note,
            changed: false,
            finished_now: false,
            answered: None,
        }
    }
}

/// Yes or no to "Did you mean …?".
fn confirm(content: &Content, mut interview: Interview, yes: bool, at: At) -> Turn {
    let Some(question) = interview.current(content) else {
        return Turn::unchanged(content, interview, None);
    };
    let Some(pending) = interview.pending.take().filter(|p| p.question == question.id) else {
        return Turn::unchanged(content, interview, Some(Note::Stale));
    };
    if !yes {
        return changed(content, interview, None, at.now, at.was_complete);
    }
    let answered = Some(question.id.clone());
    interview.store(question, &pending.raw, pending.reading, at.now);
    saved(content, interview, Note::Saved, answered, at)
}

/// An answer typed (or picked) for the current question.
fn answer(content: &Content, interview: Interview, text: &str, at: At) -> Turn {
    let Some(question) = interview.current(content) else {
        return Turn::unchanged(content, interview, None);
    };
    let mut interview = match answer_to_pending(content, interview, question, text, at) {
        ControlFlow::Break(turn) => return turn,
        ControlFlow::Continue(interview) => interview,
    };
    let had_pending = interview.pending.take().is_some();
    let earlier = interview
        .said
        .as_ref()
        .filter(|s| s.question == question.id)
        .map(|s| s.raw.clone());
    match understand(question, text) {
        Ok(understood) => {
            // After "About how many hours a week does that take you?", a bare figure is a week's.
            let doubt = match understood.doubt {
                Some(Doubt::NoPeriod) if earlier.is_some() => None,
                doubt => doubt,
            };
            let raw = match &earlier {
                Some(earlier) => format!("{earlier} — {}", text.trim()),
                None => text.trim().to_owned(),
            };
            if let Some(doubt) = doubt {
                interview.pending = Some(Pending {
                    question: question.id.clone(),
                    raw,
                    reading: understood.reading,
                    doubt,
                });
                return changed(content, interview, None, at.now, at.was_complete);
            }
            let answered = Some(question.id.clone());
            interview.store(question, &raw, understood.reading, at.now);
            saved(content, interview, Note::Saved, answered, at)
        }
        Err(problem) => {
            let ask = interview.ask(content, question);
            // How often or when, to an hours question: kept, and asked again for hours a week.
            let how_often = matches!(problem, Unreadable::HowOften { .. } | Unreadable::TimeOfDay { .. });
            if how_often {
                let raw = match &earlier {
                    Some(earlier) => format!("{earlier} — {}", text.trim()),
                    None => text.trim().to_owned(),
                };
                interview.said = Some(Said {
                    question: question.id.clone(),
                    raw,
                });
            }
            if had_pending || how_often {
                let mut turn = changed(content, interview, None, at.now, at.was_complete);
                turn.screen = Screen::Reask { ask, problem };
                return turn;
            }
            Turn::shown(interview, Screen::Reask { ask, problem }, None)
        }
    }
}

/// The answer to an open "Did you mean …?" (yes or no), or to "In all over the months, or a
/// month?" (the owner's word sets the result's period); the interview back to go on with when it
/// is neither.
fn answer_to_pending(
    content: &Content,
    mut interview: Interview,
    question: &Question,
    text: &str,
    at: At,
) -> ControlFlow<Turn, Interview> {
    // While "Did you mean …?" is open, yes and no answer it; anything else is a new answer, and
    // so is a quick pick ("none" of the hours is an answer, not a no to the confirmation).
    let picked = question.picks.iter().any(|p| p == text.trim());
    if !picked && interview.pending.as_ref().is_some_and(|p| p.question == question.id) {
        let said = match read_yes_no(text) {
            Ok(Reading::YesNo { value: YesNo::Yes }) => Some(true),
            Ok(Reading::YesNo { value: YesNo::No }) => Some(false),
            _ => None,
        };
        if let Some(yes) = said {
            return ControlFlow::Break(step(content, Some(interview), Input::Confirm(yes), None, at.now));
        }
    }
    // "In all over the months, or a month?": the owner's word sets the result's period.
    if let Some(pending) = interview.pending.as_ref().filter(|p| p.question == question.id) {
        if pending.doubt == Doubt::ResultPeriod {
            if let Some(said) = read_result_period(text) {
                let mut pending = interview.pending.take().expect("pending was just seen");
                if let Reading::FailurePoint { below_period, .. } = &mut pending.reading {
                    *below_period = Some(said);
                }
                let raw = format!("{} ({})", pending.raw, text.trim());
                let answered = Some(question.id.clone());
                interview.store(question, &raw, pending.reading, at.now);
                return ControlFlow::Break(saved(content, interview, Note::Saved, answered, at));
            }
        }
    }
    ControlFlow::Continue(interview)
}

fn skip(content: &Content, mut interview: Interview, at: At) -> Turn {
    interview.pending = None;
    interview.said = None;
    let Some(question) = interview.current(content) else {
        return Turn::unchanged(content, interview, None);
    };
    let id = question.id.clone();
    if interview.answers.contains_key(&id) {
        // Revisiting an answered question: keep the answer and step forward through the
        // answered ones, back to the first open question when they run out.
        let applicable = interview.applicable(content);
        let after = applicable.iter().skip_while(|q| q.id != id).nth(1);
        interview.cursor = after.filter(|q| !interview.is_open(&q.id)).map(|q| q.id.clone());
    } else {
        interview.skipped.insert(id);
        interview.cursor = None;
    }
    saved(content, interview, Note::Skipped, None, at)
}

fn back(content: &Content, mut interview: Interview, at: At) -> Turn {
    interview.pending = None;
    interview.said = None;
    let applicable = interview.applicable(content);
    let before = match interview.current(content) {
        Some(current) => applicable.iter().take_while(|q| q.id != current.id).last(),
        None => applicable.last(),
    };
    match before {
        Some(question) => {
            interview.cursor = Some(question.id.clone());
            // A skipped question revisited is open again.
            interview.skipped.remove(&question.id);
        }
        None => return Turn::unchanged(content, interview, Some(Note::NothingBefore)),
    }
    changed(content, interview, None, at.now, at.was_complete)
}

fn go_to(content: &Content, mut interview: Interview, id: String, at: At) -> Turn {
    if !interview.applicable(content).iter().any(|q| q.id == id) {
        return Turn::unchanged(content, interview, Some(Note::NoSuchQuestion));
    }
    interview.skipped.remove(&id);
    interview.pending = None;
    interview.said = None;
    interview.cursor = Some(id);
    changed(content, interview, None, at.now, at.was_complete)
}

fn restart(content: &Content, interview: Interview, at: At) -> Turn {
    let mut fresh = Interview::new(at.now);
    fresh.generation = interview.generation.wrapping_add(1);
    fresh.revision = interview.revision;
    saved(content, fresh, Note::Restarted, None, at)
}

fn changed(content: &Content, mut interview: Interview, note: Option<Note>, now: u64, was_complete: bool) -> Turn {
    interview.revision += 1;
    interview.updated_at = now;
    let screen = interview.screen(content);
    let finished_now = matches!(screen, Screen::Done) && (!was_complete || matches!(note, Some(Note::Saved)));
    Turn {
        interview,
        screen,
        note,
        changed: true,
        finished_now,
        answered: None,
    }
}
