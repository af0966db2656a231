//! `/assess`: start the interview, or resume it at the question it stands at.

use serenity::all::ResolvedOption;

use super::{screen, CommandError, Reply, SlashCommand};
use crate::advisor::interview::Input;
use crate::discord::Data;
use crate::discord::DiscordUserId;
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assess;

impl SlashCommand for Assess {
    const NAME: &'static str = "assess";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Assess
    }

    /// A check-in that could not be sent for closed DMs is told here too (see `/progress`).
    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        let user = UserId::discord(owner);
        let notice = super::progress::dms_closed_notice(data, &user).await?;
        let applied = data.session().apply(&user, Input::Start, None).await?;
        let message = screen(data, owner, &applied);
        Ok(Reply::Message(match notice {
            Some(notice) => message.add_embed(notice),
            None => message,
        }))
    }
}
