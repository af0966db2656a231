//! One user's interview against the store: the piece every front shares.
//!
//! A front turns an event into an [`Input`]; this applies it with the core's engine inside the
//! store's atomic update, records a completed assessment, and hands back what to show. Nothing is
//! reported saved until the store has it on disk.

use std::borrow::Cow;

use crate::advisor::advice::{self, Advice};
use crate::advisor::interview::{self, Answer, ExpectedQuestion, Input, Interview, Screen, Turn};
use crate::advisor::Content;
use crate::clock::Clock;
use crate::store::{Assessment, Store, StoreError, Update, UserId};

/// What one input led to.
#[derive(Debug, Clone)]
pub struct Applied {
    pub turn: Turn,
    /// The advice, when this input completed the interview (it is also recorded in history).
    pub advice: Option<Advice>,
}

impl Applied {
    /// The advice the end screen shows (None on any other screen): the one this input recorded,
    /// else worked out here. Worked out only when a front asks, as the chat shows it only when
    /// the interview has just finished.
    pub(crate) fn end_advice(&self, content: &Content) -> Option<Cow<'_, Advice>> {
        match (&self.turn.screen, &self.advice) {
            (Screen::Done, Some(advice)) => Some(Cow::Borrowed(advice)),
            (Screen::Done, None) => Some(Cow::Owned(advice::advise(content, &self.turn.interview))),
            _ => None,
        }
    }
}

/// True when `answers` and `advice` are what `last` recorded: the same questions read the same
/// way (how they were typed, and when, does not count), and the same advice.
fn same_assessment(last: &Assessment, answers: &[Answer], advice: &Advice) -> bool {
    let key = |a: &Answer| (a.question.clone(), a.reading.clone());
    last.advice == *advice
        && last.answers.len() == answers.len()
        && last.answers.iter().map(key).eq(answers.iter().map(key))
}

/// The engine, the store and the one clock, for one front.
#[derive(Clone, Copy)]
pub struct Session<'a> {
    pub content: &'a Content,
    pub store: &'a dyn Store,
    /// Stamps every answer and assessment: the same clock check-ins are scheduled by
    /// (`ADVISOR_NOW`'s, or a test's fake), so a played-out half year is one timeline.
    pub clock: &'a dyn Clock,
}

impl<'a> Session<'a> {
    pub fn new(content: &'a Content, store: &'a dyn Store, clock: &'a dyn Clock) -> Self {
        Session { content, store, clock }
    }

    /// The interview as stored (None before the first answer).
    pub async fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        self.store.interview(user).await
    }

    /// Applies `input`. Inputs that change nothing (start, review, an unreadable answer, a stale
    /// button) never write; the others run inside the store's compare-and-swap, so two devices
    /// answering at once both land, each on the state the other left.
    pub async fn apply(
        &self,
        user: &UserId,
        input: Input,
        expect: Option<&ExpectedQuestion>,
    ) -> Result<Applied, StoreError> {
        let now = self.clock.now();
        let (current, seen) = self.store.interview_seen(user).await?;
        let read = current.clone();
        let trial = interview::step(self.content, current, input.clone(), expect, now);
        if !trial.changed {
            return Ok(Applied {
                turn: trial,
                advice: None,
            });
        }
        // Back then skip returns to the end with nothing changed: recorded once, not each time.
        // The last assessment is read before the change, since the change itself does no I/O.
        let last = if trial.finished_now {
            self.store.load(user).await?.assessments.pop()
        } else {
            None
        };
        // The assessment a finishing input records is written with the interview, in one step
        // (so `forget` finds both or neither); the change runs again if another writer won.
        // The trial's turn is moved, not cloned, into the first run of the change when nothing
        // came between, and its interview is moved into the update and handed back by the store
        // (the value committed): each clone of an interview is a tree of strings to allocate and
        // free, per interaction (the load bench's profile: clones and drops in `apply` cost more
        // than its record encoding).
        let mut trial = Some(trial);
        let mut committed: Option<(Turn, Option<Advice>)> = None;
        let stored = self
            .store
            .update_seen(user, &read, &seen, &mut |fresh| {
                // The engine is a pure function of the state, the input and the time, so on the
                // state the trial started from (no other writer came between) its turn is the
                // answer: the answer is read once, not twice (the reader is most of its cost).
                let mut turn = match trial.take() {
                    Some(trial) if fresh == read => trial,
                    _ => interview::step(self.content, fresh, input.clone(), expect, now),
                };
                let finished = turn.finished_now.then(|| self.assessment(&turn.interview, now));
                let advice = finished.as_ref().map(|a| a.advice.clone());
                let assessment = finished.filter(|a| {
                    !last
                        .as_ref()
                        .is_some_and(|last| same_assessment(last, &a.answers, &a.advice))
                });
                let update = Update {
                    interview: Some(std::mem::take(&mut turn.interview)),
                    assessment,
                };
                committed = Some((turn, advice));
                update
            })
            .await?;
        match committed {
            Some((mut turn, advice)) => {
                // The store hands back the interview it committed: the one moved out above.
                if let Some(interview) = stored {
                    turn.interview = interview;
                }
                Ok(Applied { turn, advice })
            }
            // The change never ran (a store that refuses before calling it returns an error, so
            // this is only a store that writes nothing): the trial stands.
            None => Ok(Applied {
                turn: trial.unwrap_or_else(|| interview::step(self.content, read, input, expect, now)),
                advice: None,
            }),
        }
    }

    /// The assessment that finishing `interview` records.
    fn assessment(&self, interview: &Interview, now: u64) -> Assessment {
        Assessment {
            at: now,
            answers: interview.counted_answers(self.content).into_values().cloned().collect(),
            advice: advice::advise(self.content, interview),
            earlier: None,
        }
    }

    /// Advice from the saved answers (defaults alone for a user with none).
    pub(crate) async fn advice(&self, user: &UserId) -> Result<(Interview, Advice), StoreError> {
        let interview = self.interview(user).await?.unwrap_or_default();
        let advice = advice::advise(self.content, &interview);
        Ok((interview, advice))
    }
}
