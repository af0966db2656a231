//! The custom_id carried by every button, select menu and modal the bot sends.
//!
//! Buttons must keep working after a restart, so everything a click needs is in its custom_id
//! (who owns it, which run of the interview and which question it was made for), never in
//! memory. The format is `oa1:<action>:<owner>[:<generation>:<question>[:<value>]]`, at most 100
//! characters, as Discord allows. Decoding is strict: anything else is `Forged`.

use crate::advisor::interview::ExpectedQuestion;
use crate::advisor::read::Metric;
use crate::discord::DiscordUserId;

/// The format's prefix and version; a change of format gets a new one.
const PREFIX: &str = "oa1";
/// Discord's limit on a custom_id.
pub const MAX_LEN: usize = 100;
/// The longest question id a custom_id carries (lowercase letters, digits and `_`), declared to
/// `check` with the menus' limits, so every id the content has fits within [`MAX_LEN`].
pub(crate) const QUESTION_ID_MAX: usize = 40;

/// What a component does when used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A button that answers the question with `value` ("yes", "3").
    Answer {
        expect: ExpectedQuestion,
        value: String,
    },
    /// A select menu answering the question with the picked values.
    Select {
        expect: ExpectedQuestion,
    },
    /// The quick-picks menu of an hours, money or number question: the value is the pick's
    /// number, which the handler turns into its label, so a pick is read as typing it.
    Pick {
        expect: ExpectedQuestion,
    },
    /// "Type your answer": opens the modal.
    Type {
        expect: ExpectedQuestion,
    },
    /// The modal's submission.
    Modal {
        expect: ExpectedQuestion,
    },
    Back {
        expect: ExpectedQuestion,
    },
    Skip {
        expect: ExpectedQuestion,
    },
    /// Yes or no to "Did you mean …?".
    Confirm {
        expect: ExpectedQuestion,
        yes: bool,
    },
    /// Save & exit.
    Exit,
    /// The select menu of /answers: change the picked answer.
    Edit,
    /// A page of /answers' list and its edit menu (0 is the first): a select menu holds 25
    /// questions at most.
    AnswersPage {
        page: u32,
    },
    /// Resume the interview where it stands (also *Keep answering*, under the offer to finish).
    Resume,
    /// *See my advice now*: the offer to finish, once nothing left to ask could change the
    /// advice (issue 29).
    FinishNow,
    /// A page of /history (0 is the oldest).
    History {
        page: u32,
    },
    /// /forget's confirm button.
    ForgetConfirm,
    ForgetCancel,
    /// Turn check-ins on (under advice with a failure point): monthly, or every two weeks.
    CheckinsOn {
        two_weeks: bool,
    },
    /// A check-in DM's *Log this month*: opens the form.
    CheckinLog,
    /// The form's submission; its inputs are those asked for a plan judged by `metric`.
    CheckinForm {
        metric: Metric,
    },
    /// *Snooze a week*.
    CheckinSnooze,
    /// *Stop check-ins*.
    CheckinsStop,
    /// A button of the advice card: show `section` in place of what the card shows.
    Card {
        section: Section,
    },
    /// The advice card's *Brief*: the brief as a private file.
    Brief,
}

/// What the advice card shows: the recommendation, or one of the parts behind its buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Summary,
    Why,
    Checklist,
    Changes,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::Summary, Section::Why, Section::Checklist, Section::Changes];

    /// Its code in a custom_id, and its sentence key's last part.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Why => "why",
            Section::Checklist => "checklist",
            Section::Changes => "changes",
        }
    }
}

/// A component's owner and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomId {
    /// The Discord user whose interview this is.
    pub owner: DiscordUserId,
    pub action: Action,
}

/// Why a custom_id was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a custom_id this bot made")]
pub struct Forged;

/// Digits in canonical form: no sign, no leading zero, so each id has exactly one spelling.
fn is_canonical_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'))
}

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl CustomId {
    pub fn new(owner: impl Into<DiscordUserId>, action: Action) -> Self {
        CustomId {
            owner: owner.into(),
            action,
        }
    }

    /// The custom_id text.
    pub fn encode(&self) -> String {
        let owner = self.owner;
        let with = |code: &str, expect: &ExpectedQuestion, value: Option<&str>| {
            let mut text = format!("{PREFIX}:{code}:{owner}:{}:{}", expect.generation, expect.question);
            if let Some(value) = value {
                text.push(':');
                text.push_str(value);
            }
            text
        };
        match &self.action {
            Action::Answer { expect, value } => with("a", expect, Some(value)),
            Action::Select { expect } => with("s", expect, None),
            Action::Pick { expect } => with("p", expect, None),
            Action::Type { expect } => with("t", expect, None),
            Action::Modal { expect } => with("m", expect, None),
            Action::Back { expect } => with("b", expect, None),
            Action::Skip { expect } => with("k", expect, None),
            Action::Confirm { expect, yes: true } => with("y", expect, None),
            Action::Confirm { expect, yes: false } => with("n", expect, None),
            Action::Exit => format!("{PREFIX}:x:{owner}"),
            Action::Edit => format!("{PREFIX}:e:{owner}"),
            Action::AnswersPage { page } => format!("{PREFIX}:ap:{owner}:{page}"),
            Action::Resume => format!("{PREFIX}:r:{owner}"),
            Action::FinishNow => format!("{PREFIX}:fn:{owner}"),
            Action::History { page } => format!("{PREFIX}:h:{owner}:{page}"),
            Action::ForgetConfirm => format!("{PREFIX}:f:{owner}"),
            Action::ForgetCancel => format!("{PREFIX}:c:{owner}"),
            Action::CheckinsOn { two_weeks: false } => format!("{PREFIX}:ci:{owner}"),
            Action::CheckinsOn { two_weeks: true } => format!("{PREFIX}:cw:{owner}"),
            Action::CheckinLog => format!("{PREFIX}:cl:{owner}"),
            Action::CheckinForm { metric } => format!("{PREFIX}:cf:{owner}:{}", metric.id()),
            Action::CheckinSnooze => format!("{PREFIX}:cz:{owner}"),
            Action::CheckinsStop => format!("{PREFIX}:cx:{owner}"),
            Action::Card { section } => format!("{PREFIX}:v:{owner}:{}", section.id()),
            Action::Brief => format!("{PREFIX}:bf:{owner}"),
        }
    }

    /// Reads a custom_id; anything not made by [`CustomId::encode`] is refused.
    pub fn decode(text: &str) -> Result<CustomId, Forged> {
        if text.len() > MAX_LEN {
            return Err(Forged);
        }
        let parts: Vec<&str> = text.split(':').collect();
        let [prefix, code, owner, rest @ ..] = parts.as_slice() else {
            return Err(Forged);
        };
        if *prefix != PREFIX || !is_canonical_number(owner) {
            return Err(Forged);
        }
        let owner: DiscordUserId = owner.parse().map_err(|_| Forged)?;
        let action = Action::decode(code, rest)?;
        Ok(CustomId { owner, action })
    }
}

impl Action {
    /// The action of `code`, with the parts after the owner (`rest`) as its fields; anything
    /// `encode` would not have written is [`Forged`].
    fn decode(code: &str, rest: &[&str]) -> Result<Action, Forged> {
        let bare = |action: Action| if rest.is_empty() { Ok(action) } else { Err(Forged) };
        let plain = |make: fn(ExpectedQuestion) -> Action| match expect_of(rest)? {
            (expect, None) => Ok(make(expect)),
            _ => Err(Forged),
        };
        Ok(match code {
            "a" => match expect_of(rest)? {
                (expect, Some(value)) if is_id(value) => Action::Answer {
                    expect,
                    value: value.to_owned(),
                },
                _ => return Err(Forged),
            },
            "s" => plain(|expect| Action::Select { expect })?,
            "p" => plain(|expect| Action::Pick { expect })?,
            "t" => plain(|expect| Action::Type { expect })?,
            "m" => plain(|expect| Action::Modal { expect })?,
            "b" => plain(|expect| Action::Back { expect })?,
            "k" => plain(|expect| Action::Skip { expect })?,
            "y" => plain(|expect| Action::Confirm { expect, yes: true })?,
            "n" => plain(|expect| Action::Confirm { expect, yes: false })?,
            "x" => bare(Action::Exit)?,
            "e" => bare(Action::Edit)?,
            "ap" => Action::AnswersPage { page: page_of(rest)? },
            "r" => bare(Action::Resume)?,
            "fn" => bare(Action::FinishNow)?,
            "h" => Action::History { page: page_of(rest)? },
            "f" => bare(Action::ForgetConfirm)?,
            "c" => bare(Action::ForgetCancel)?,
            "ci" => bare(Action::CheckinsOn { two_weeks: false })?,
            "cw" => bare(Action::CheckinsOn { two_weeks: true })?,
            "cl" => bare(Action::CheckinLog)?,
            "cf" => Action::CheckinForm {
                metric: metric_of(rest)?,
            },
            "cz" => bare(Action::CheckinSnooze)?,
            "cx" => bare(Action::CheckinsStop)?,
            "v" => Action::Card {
                section: section_of(rest)?,
            },
            "bf" => bare(Action::Brief)?,
            _ => return Err(Forged),
        })
    }
}

/// The question asked (`GENERATION:QUESTION`) and the value after it, if any.
fn expect_of<'a>(rest: &[&'a str]) -> Result<(ExpectedQuestion, Option<&'a str>), Forged> {
    let (generation, question, value) = match rest {
        [generation, question] => (generation, question, None),
        [generation, question, value] => (generation, question, Some(*value)),
        _ => return Err(Forged),
    };
    if !is_canonical_number(generation) || !is_id(question) {
        return Err(Forged);
    }
    let generation = generation.parse().map_err(|_| Forged)?;
    Ok((
        ExpectedQuestion {
            generation,
            question: (*question).to_owned(),
        },
        value,
    ))
}

/// A page number, the only part.
fn page_of(rest: &[&str]) -> Result<u32, Forged> {
    match rest {
        [page] if is_canonical_number(page) => page.parse().map_err(|_| Forged),
        _ => Err(Forged),
    }
}

/// A check-in metric by its name, the only part.
fn metric_of(rest: &[&str]) -> Result<Metric, Forged> {
    match rest {
        ["followers"] => Ok(Metric::Followers),
        ["leads"] => Ok(Metric::Leads),
        ["sales"] => Ok(Metric::Sales),
        _ => Err(Forged),
    }
}

/// An advice card's section by its id, the only part.
fn section_of(rest: &[&str]) -> Result<Section, Forged> {
    match rest {
        [section] => Section::ALL.into_iter().find(|s| s.id() == *section).ok_or(Forged),
        _ => Err(Forged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expect() -> ExpectedQuestion {
        ExpectedQuestion {
            question: "hours_available".into(),
            generation: 4_294_967_295,
        }
    }

    #[test]
    fn every_action_round_trips_within_discords_limit() {
        let owner = u64::MAX;
        let actions = [
            Action::Answer {
                expect: expect(),
                value: "unsure".into(),
            },
            Action::Select { expect: expect() },
            Action::Pick { expect: expect() },
            Action::Type { expect: expect() },
            Action::Modal { expect: expect() },
            Action::Back { expect: expect() },
            Action::Skip { expect: expect() },
            Action::Confirm {
                expect: expect(),
                yes: true,
            },
            Action::Confirm {
                expect: expect(),
                yes: false,
            },
            Action::Exit,
            Action::Edit,
            Action::AnswersPage { page: u32::MAX },
            Action::AnswersPage { page: 0 },
            Action::Resume,
            Action::FinishNow,
            Action::History { page: u32::MAX },
            Action::ForgetConfirm,
            Action::ForgetCancel,
            Action::CheckinsOn { two_weeks: false },
            Action::CheckinsOn { two_weeks: true },
            Action::CheckinLog,
            Action::CheckinForm {
                metric: Metric::Followers,
            },
            Action::CheckinForm { metric: Metric::Leads },
            Action::CheckinForm { metric: Metric::Sales },
            Action::CheckinSnooze,
            Action::CheckinsStop,
            Action::Card {
                section: Section::Summary,
            },
            Action::Card { section: Section::Why },
            Action::Card {
                section: Section::Checklist,
            },
            Action::Card {
                section: Section::Changes,
            },
            Action::Brief,
        ];
        for action in actions {
            let id = CustomId::new(owner, action);
            let text = id.encode();
            assert!(text.len() <= MAX_LEN, "{text}");
            assert_eq!(CustomId::decode(&text), Ok(id));
        }
    }

    #[test]
    fn anything_else_is_forged() {
        for text in [
            "",
            "oa1",
            "oa1:a:1",
            "oa2:x:1",
            "oa1:x:1:extra",
            "oa1:x:-1",
            "oa1:x:99999999999999999999999",
            "oa1:a:1:0:growth",
            "oa1:a:1:0:growth:YES",
            "oa1:s:1:0:growth:yes",
            "oa1:p:1:0:budget:3",
            "oa1:s:1:x:growth",
            "oa1:s:1:0:Growth",
            "oa1:z:1",
            "oa1:s:1:0:../etc",
            "oa1:r:00",
            "oa1:s:1:01:growth",
            "oa1:y:1:0:budget:yes",
            "oa1:n:1",
            "oa1:h:1",
            "oa1:h:1:01",
            "oa1:h:1:-1",
            "oa1:h:1:4294967296",
            "oa1:h:1:2:3",
            "oa1:ap:1",
            "oa1:ap:1:01",
            "oa1:ap:1:4294967296",
            "oa1:ap:1:1:2",
            "oa1:ci:1:0",
            "oa1:cf:1",
            "oa1:cf:1:Sales",
            "oa1:cf:1:revenue",
            "oa1:cz:01",
            "oa1:v:1",
            "oa1:v:1:Why",
            "oa1:v:1:reasons",
            "oa1:v:1:why:2",
            "oa1:bf:1:0",
            // Discord never gives a user the id 0 (serenity's ids are non-zero).
            "oa1:x:0",
        ] {
            assert_eq!(CustomId::decode(text), Err(Forged), "{text:?}");
        }
    }
}
