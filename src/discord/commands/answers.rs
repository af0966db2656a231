//! `/answers`: your saved answers, with a select menu to change one.

use serenity::all::ResolvedOption;

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
        let interview = data
            .session()
            .interview(&UserId::discord(owner))
            .await?
            .unwrap_or_default();
        let lines = interview.review(&data.content);
        Ok(Reply::Message(render::answers(
            &data.content,
            owner,
            &interview,
            &lines,
        )))
    }
}
