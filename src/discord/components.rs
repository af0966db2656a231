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
    let m = &data.content.messages;
    let Ok(id) = CustomId::decode(custom_id) else {
        tracing::warn!(
            custom_id_len = custom_id.len(),
            "refused a custom_id this bot did not make"
        );
        return Ok(Reply::Message(render::notice(
            &data.mention_commands(m.get("discord.forged")),
        )));
    };
    if id.owner != clicker {
        return Ok(Reply::Message(render::notice(
            &data.mention_commands(m.get("discord.not_yours")),
        )));
    }
    let owner = id.owner;
    let user = UserId::discord(owner);
    let session = data.session();
    let from_form = matches!(id.action, Action::Modal { .. });
    let apply = |input: Input, expect: Option<ExpectedQuestion>| {
        let user = &user;
        async move {
            // What the owner typed in a form is quoted back if it cannot be read.
            let typed = match &input {
                Input::Answer(text) if from_form => Some(text.clone()),
                _ => None,
            };
            let applied = session.apply(user, input, expect.as_ref()).await?;
            Ok::<_, CommandError>(Reply::Update(screen_typed(data, owner, &applied, typed.as_deref())))
        }
    };
    let forged = || {
        Ok(Reply::Message(render::notice(
            &data.mention_commands(m.get("discord.forged")),
        )))
    };
    Ok(match id.action {
        Action::Answer { expect, value } => apply(Input::Answer(value), Some(expect)).await?,
        Action::Select { expect } => apply(Input::Answer(values.join(", ")), Some(expect)).await?,
        Action::Pick { expect } => {
            // The menu's value is the pick's number; its label is what is read and stored.
            let label = data
                .content
                .question(&expect.question)
                .zip(values.first())
                .and_then(|(q, number)| q.pick_by_number(number));
            match label {
                Some(label) => apply(Input::Answer(label.to_owned()), Some(expect)).await?,
                None => return forged(),
            }
        }
        Action::Modal { expect } => apply(Input::Answer(values.concat()), Some(expect)).await?,
        Action::Back { expect } => apply(Input::Back, Some(expect)).await?,
        Action::Skip { expect } => apply(Input::Skip, Some(expect)).await?,
        Action::Confirm { expect, yes } => apply(Input::Confirm(yes), Some(expect)).await?,
        Action::Resume => apply(Input::Start, None).await?,
        Action::FinishNow => {
            // The advice now; the questions left stay open, *Keep answering* goes back to them.
            let (_, advice) = session.advice(&user).await?;
            // The card as /advice shows it, with *Keep answering* under its buttons.
            Reply::Update(advice_card::card(
                data,
                owner,
                &advice,
                Section::Summary,
                advice_card::Below::KeepAnswering,
            ))
        }
        Action::Edit => match values.first() {
            Some(question) => apply(Input::GoTo(question.clone()), None).await?,
            None => return forged(),
        },
        Action::Type { expect } => {
            // Open the form only for the question still being asked; otherwise show that one.
            let current = session
                .interview(&user)
                .await?
                .unwrap_or_default()
                .current_expect(&data.content);
            match current {
                Some(current) if current == expect => match render::modal(&data.content, owner, expect) {
                    Some(modal) => Reply::Modal(modal),
                    None => return forged(),
                },
                _ => apply(Input::Answer(String::new()), Some(expect)).await?,
            }
        }
        Action::Exit => Reply::Update(render::replaced(&data.mention_commands(m.get("discord.saved_exit")))),
        Action::AnswersPage { page } => Reply::Update(super::commands::answers::page(data, owner, page).await?),
        Action::History { page } => Reply::Update(super::commands::history::page(data, owner, Some(page)).await?),
        Action::ForgetConfirm => {
            let count = data.app().forget(&user).await?;
            Reply::Update(render::replaced(
                &m.fill("discord.forget_done", &[("count", &count.to_string())]),
            ))
        }
        Action::ForgetCancel => Reply::Update(render::replaced(m.get("discord.forget_cancelled"))),
        Action::CheckinsOn { two_weeks } => {
            // In place: the card stays (an update leaves out what it does not name), its offer
            // is gone, and what was done is said above it.
            let every = if two_weeks { Every::TwoWeeks } else { Every::Month };
            let said = data.mention_commands(&checkins::turn_on(data, owner, every).await?);
            Reply::Update(render::notice(&said).components(vec![super::commands::advice::buttons(
                &data.content,
                owner,
                Section::Summary,
            )]))
        }
        Action::CheckinLog => checkins::form(data, owner).await?,
        Action::CheckinForm { metric } => checkins::logged(data, owner, metric, values).await?,
        // The check-in DM becomes what was done, its buttons gone: a stale *Snooze* cannot follow.
        Action::CheckinSnooze => Reply::Update(render::replaced(
            &data.mention_commands(&checkins::snooze(data, owner).await?),
        )),
        Action::CheckinsStop => Reply::Update(render::replaced(
            &data.mention_commands(&checkins::stop(data, owner).await?),
        )),
        Action::Card { section } => super::commands::advice::section(data, owner, section).await?,
        Action::Brief => {
            super::commands::brief::Brief { questions: false }
                .run(data, &Invocation::dm(owner))
                .await?
        }
    })
}
