//! Buttons, select menus and modals, routed by their custom_id alone, so a button keeps working
//! after the bot restarts and a stale one shows the current question instead of writing.

use super::commands::advice as advice_card;
use super::commands::{checkins, failed, screen_typed, CommandError, Invocation, Reply, SlashCommand};
use super::custom_id::{Action, CustomId, Section};
use super::{render, Data};
use crate::advisor::checkin::Every;
use crate::advisor::interview::{ExpectedQuestion, Input};
use crate::discord::DiscordUserId;
use crate::store::UserId;

/// Handles a click, a selection or a modal submission by `clicker`. `values` are the selected
/// values, or the modal's text. The one place a component's error becomes the private notice,
/// in place of the message the component is on.
pub async fn run(data: &Data, clicker: DiscordUserId, custom_id: &str, values: &[String]) -> Reply {
    match handle(data, clicker, custom_id, values).await {
        Ok(reply) => reply,
        Err(err) => Reply::Update(failed(data, err)),
    }
}

async fn handle(
    data: &Data,
    clicker: DiscordUserId,
    custom_id: &str,
    values: &[String],
) -> Result<Reply, CommandError> {
    let id = match authorised(clicker, custom_id) {
        Ok(id) => id,
        Err(Refused::Forged) => return Ok(forged(data)),
        Err(Refused::NotYours) => {
            return Ok(Reply::Message(render::notice(
                &data.mention_commands(data.content.messages.get("discord.not_yours")),
            )))
        }
    };
    let owner = id.owner;
    // What the owner typed in a form is quoted back if it cannot be read.
    let from_form = matches!(id.action, Action::Modal { .. });
    match step(data, owner, id.action, values).await? {
        Step::Apply(input, expect) => apply(data, owner, input, expect, from_form).await,
        Step::Forged => Ok(forged(data)),
        Step::Done(reply) => Ok(*reply),
    }
}

/// Why a component is refused before anything is done.
enum Refused {
    /// This bot did not make it.
    Forged,
    /// Someone else's: only its owner may use it.
    NotYours,
}

/// The component's id, if this bot made it and `clicker` owns it.
fn authorised(clicker: DiscordUserId, custom_id: &str) -> Result<CustomId, Refused> {
    let Ok(id) = CustomId::decode(custom_id) else {
        tracing::warn!(
            custom_id_len = custom_id.len(),
            "refused a custom_id this bot did not make"
        );
        return Err(Refused::Forged);
    };
    if id.owner != clicker {
        return Err(Refused::NotYours);
    }
    Ok(id)
}

/// The notice for a component this bot could not have made (or whose value it never offered).
fn forged(data: &Data) -> Reply {
    Reply::Message(render::notice(
        &data.mention_commands(data.content.messages.get("discord.forged")),
    ))
}

/// What a component asks for: an input to the interview, a reply already worked out, or nothing
/// this bot offered.
enum Step {
    Apply(Input, Option<ExpectedQuestion>),
    /// Boxed: a reply is large beside an input.
    Done(Box<Reply>),
    Forged,
}

/// Applies `input` to `owner`'s interview and shows where it led, in place; `typed` quotes back
/// what was typed in a form if it cannot be read.
async fn apply(
    data: &Data,
    owner: DiscordUserId,
    input: Input,
    expect: Option<ExpectedQuestion>,
    from_form: bool,
) -> Result<Reply, CommandError> {
    let typed = match &input {
        Input::Answer(text) if from_form => Some(text.clone()),
        _ => None,
    };
    let applied = data
        .session()
        .apply(&UserId::discord(owner), input, expect.as_ref())
        .await?;
    Ok(Reply::Update(screen_typed(data, owner, &applied, typed.as_deref())))
}

fn done(reply: Reply) -> Step {
    Step::Done(Box::new(reply))
}

/// What `action` asks for, every kind of component in one list.
async fn step(data: &Data, owner: DiscordUserId, action: Action, values: &[String]) -> Result<Step, CommandError> {
    let m = &data.content.messages;
    let said = |text: &str| done(Reply::Update(render::notice_only(&data.mention_commands(text))));
    Ok(match action {
        Action::Answer { expect, value } => Step::Apply(Input::Answer(value), Some(expect)),
        Action::Select { expect } => Step::Apply(Input::Answer(values.join(", ")), Some(expect)),
        Action::Pick { expect } => pick(data, expect, values),
        Action::Modal { expect } => Step::Apply(Input::Answer(values.concat()), Some(expect)),
        Action::Back { expect } => Step::Apply(Input::Back, Some(expect)),
        Action::Skip { expect } => Step::Apply(Input::Skip, Some(expect)),
        Action::Confirm { expect, yes } => Step::Apply(Input::Confirm(yes), Some(expect)),
        Action::Resume => Step::Apply(Input::Start, None),
        Action::FinishNow => done(finish_now(data, owner).await?),
        Action::Edit => match values.first() {
            Some(question) => Step::Apply(Input::GoTo(question.clone()), None),
            None => Step::Forged,
        },
        Action::Type { expect } => type_answer(data, owner, expect).await?,
        Action::Exit => said(m.get("discord.saved_exit")),
        Action::AnswersPage { page } => done(Reply::Update(super::commands::answers::page(data, owner, page).await?)),
        Action::History { page } => done(Reply::Update(
            super::commands::history::page(data, owner, Some(page)).await?,
        )),
        Action::ForgetConfirm => {
            let count = data.app().forget(&UserId::discord(owner)).await?;
            done(Reply::Update(render::notice_only(
                &m.fill("discord.forget_done", &[("count", &count.to_string())]),
            )))
        }
        Action::ForgetCancel => done(Reply::Update(render::notice_only(m.get("discord.forget_cancelled")))),
        Action::CheckinsOn { two_weeks } => done(checkins_on(data, owner, two_weeks).await?),
        Action::CheckinLog => done(checkins::log_form(data, owner).await?),
        Action::CheckinForm { metric } => done(checkins::logged(data, owner, metric, values).await?),
        // The check-in DM becomes what was done, its buttons gone: a stale *Snooze* cannot follow.
        Action::CheckinSnooze => said(&checkins::snooze(data, owner).await?),
        Action::CheckinsStop => said(&checkins::stop(data, owner).await?),
        Action::Card { section } => done(super::commands::advice::section(data, owner, section).await?),
        Action::Brief => done(
            super::commands::brief::Brief { questions: false }
                .run(data, &Invocation::dm(owner))
                .await?,
        ),
    })
}

/// A pick from a question's menu: the menu's value is the pick's number; its label is what is
/// read and stored.
fn pick(data: &Data, expect: ExpectedQuestion, values: &[String]) -> Step {
    let label = data
        .content
        .question(&expect.question)
        .zip(values.first())
        .and_then(|(q, number)| q.pick_by_number(number));
    match label {
        Some(label) => Step::Apply(Input::Answer(label.to_owned()), Some(expect)),
        None => Step::Forged,
    }
}

/// The advice now; the questions left stay open, *Keep answering* goes back to them. The card as
/// /advice shows it, with *Keep answering* under its buttons.
async fn finish_now(data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
    let (_, advice) = data.session().advice(&UserId::discord(owner)).await?;
    Ok(Reply::Update(advice_card::card(
        data,
        owner,
        &advice,
        Section::Summary,
        advice_card::Below::KeepAnswering,
    )))
}

/// *Type my answer*: the form opens only for the question still being asked; otherwise that one
/// is shown.
async fn type_answer(data: &Data, owner: DiscordUserId, expect: ExpectedQuestion) -> Result<Step, CommandError> {
    let current = data
        .session()
        .interview(&UserId::discord(owner))
        .await?
        .unwrap_or_default()
        .current_expect(&data.content);
    Ok(match current {
        Some(current) if current == expect => match render::modal(&data.content, owner, expect) {
            Some(modal) => Step::Done(Box::new(Reply::Modal(modal))),
            None => Step::Forged,
        },
        _ => Step::Apply(Input::Answer(String::new()), Some(expect)),
    })
}

/// Check-ins on from the advice card's offer, in place: the card stays (an update leaves out what
/// it does not name), its offer is gone, and what was done is said above it.
async fn checkins_on(data: &Data, owner: DiscordUserId, two_weeks: bool) -> Result<Reply, CommandError> {
    let every = if two_weeks { Every::TwoWeeks } else { Every::Month };
    let said = data.mention_commands(&checkins::turn_on(data, owner, every).await?);
    Ok(Reply::Update(render::notice(&said).components(vec![
        super::commands::advice::buttons(&data.content, owner, Section::Summary),
    ])))
}
