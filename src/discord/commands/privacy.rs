//! `/privacy`: what is stored, where, for how long, and how to export or delete it: PRIVACY.md
//! in a few lines, for the app's profile and for owners who installed it for themselves.

use serenity::all::{CreateEmbed, ResolvedOption};

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::render::{fit, private, COLOUR, DESCRIPTION_MAX, TITLE_MAX};
use crate::discord::Data;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Privacy;

impl SlashCommand for Privacy {
    const NAME: &'static str = "privacy";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Privacy
    }

    async fn run(self, data: &Data, _at: &Invocation) -> Result<Reply, CommandError> {
        let m = &data.content.messages;
        let embed = CreateEmbed::new()
            .title(fit(m.get("discord.card.privacy_title"), TITLE_MAX))
            .description(fit(
                &data.mention_commands(m.get("discord.card.privacy")),
                DESCRIPTION_MAX,
            ))
            .colour(COLOUR);
        Ok(Reply::Message(private().embed(embed)))
    }
}
