//! `/checklist`: the metric checklist alone.

use serenity::all::ResolvedOption;

use super::{CommandError, Reply, SlashCommand};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist;

impl SlashCommand for Checklist {
    const NAME: &'static str = "checklist";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Checklist
    }

    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        let (_, advice) = data.session().advice(&UserId::discord(owner)).await?;
        Ok(Reply::Message(
            render::private().embed(render::checklist_embed(&data.content, &advice)),
        ))
    }
}
