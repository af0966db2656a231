//! `/answers`: your saved answers, a page at a time, with a select menu to change one.

use serenity::all::{CreateInteractionResponseMessage, ResolvedOption};

use super::{CommandError, Reply, SlashCommand};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers;

impl SlashCommand for Answers {
    const NAME: &'static str = "answers";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Answers
    }

    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        Ok(Reply::Message(page(data, owner, 0).await?))
    }
}

/// Page `page` of `owner`'s answers (0 is the first; past the end is the last).
pub async fn page(
    data: &Data,
    owner: DiscordUserId,
    page: u32,
) -> Result<CreateInteractionResponseMessage, CommandError> {
    let interview = data
        .session()
        .interview(&UserId::discord(owner))
        .await?
        .unwrap_or_default();
    let lines = interview.review(&data.content);
    Ok(render::answers(
        &data.content,
        owner,
        &lines,
        usize::try_from(page).unwrap_or(usize::MAX),
    ))
}
