//! `/assess`: start the interview, or resume it at the question it stands at.

use serenity::all::ResolvedOption;

use super::{screen, CommandError, Reply, SlashCommand};
use crate::advisor::interview::Input;
use crate::discord::Data;
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assess;

impl SlashCommand for Assess {
    const NAME: &'static str = "assess";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Assess
    }

    async fn run(self, data: &Data, owner: u64) -> Result<Reply, CommandError> {
        let applied = data
            .session()
            .apply(&UserId::discord(owner), Input::Start, None)
            .await?;
        Ok(Reply::Message(screen(data, owner, &applied)))
    }
}
