//! `/checklist`: the metric checklist alone.

use crate::advisor::advice::Advice;
use crate::advisor::content::Content;
use crate::discord::render::{fit, COLOUR, DESCRIPTION_MAX, TITLE_MAX};
use crate::view::advice::{checklist_lines, ChecklistLine};
use serenity::all::CreateEmbed;
use serenity::all::ResolvedOption;

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::{render, Data};
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Checklist;

impl SlashCommand for Checklist {
    const NAME: &'static str = "checklist";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Checklist
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let (_, advice) = data.session().advice(&UserId::discord(owner)).await?;
        Ok(Reply::Message(render::private().embed(embed(&data.content, &advice))))
    }
}

/// The metric checklist as one embed.
pub fn embed(content: &Content, advice: &Advice) -> CreateEmbed {
    lines_embed(content, &checklist_lines(content, advice))
}

pub(crate) fn lines_embed(content: &Content, lines: &[ChecklistLine]) -> CreateEmbed {
    let m = &content.messages;
    CreateEmbed::new()
        .title(fit(m.get("advice.checklist"), TITLE_MAX))
        .description(fit(&lines_text(content, lines), DESCRIPTION_MAX))
        .colour(COLOUR)
}

/// The checklist's lines as text, one a line.
pub(crate) fn lines_text(content: &Content, lines: &[ChecklistLine]) -> String {
    let m = &content.messages;
    lines
        .iter()
        .map(|item| {
            m.fill(
                "advice.checklist_line",
                &[
                    ("metric", &format!("**{}**", item.metric)),
                    ("target", &item.target),
                    ("why", &item.why),
                    ("source", &item.source),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
