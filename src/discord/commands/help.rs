//! `/help`: what the bot does, the five sources, and what is stored about you.

use serenity::all::ResolvedOption;

use super::{CommandError, Reply, SlashCommand};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Help;

impl SlashCommand for Help {
    const NAME: &'static str = "help";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Help
    }

    async fn run(self, data: &Data, _owner: DiscordUserId) -> Result<Reply, CommandError> {
        Ok(Reply::Message(render::help(&data.content)))
    }
}
