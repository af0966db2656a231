//! `/brief`: the brief made from your answers, as a private Markdown file: the same document as
//! the terminal's `brief`.

use serenity::all::{ButtonStyle, CreateActionRow, ResolvedOption};

use crate::discord::custom_id::Action;

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::{render, Data};
use crate::store::UserId;

pub(crate) const FILE_NAME: &str = "outsource-advisor-brief.md";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Brief;

impl SlashCommand for Brief {
    const NAME: &'static str = "brief";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Brief
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let m = &data.content.messages;
        let (interview, advice) = data.session().advice(&UserId::discord(owner)).await?;
        Ok(match crate::brief::from_answers(&data.content, &interview, &advice) {
            Some(brief) => Reply::File {
                text: m.get("discord.brief_text").to_owned(),
                name: FILE_NAME.to_owned(),
                bytes: brief.markdown().into_bytes(),
            },
            // Nothing answered: *Start*, never instructions for a terminal.
            None => Reply::Message(render::notice(m.get("discord.card.brief_empty")).components(vec![
                CreateActionRow::Buttons(vec![render::button(
                    owner,
                    Action::Resume,
                    m.get("discord.card.start"),
                    ButtonStyle::Primary,
                )]),
            ])),
        })
    }
}
