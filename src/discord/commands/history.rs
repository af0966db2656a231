//! `/history`: past assessments and how the advice moved between them, a page at a time (newest
//! page first), with private buttons to the older and newer pages.

use serenity::all::{ButtonStyle, CreateActionRow, CreateInteractionResponseMessage, ResolvedOption};

use super::{CommandError, Reply, SlashCommand};
use crate::discord::custom_id::Action;
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;
use crate::text;

/// Assessments on one page: two lines each, well inside a message's 2,000 characters.
pub const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History;

impl SlashCommand for History {
    const NAME: &'static str = "history";
    /// It reads the whole history.
    const DEFERRED: bool = true;

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        History
    }

    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        Ok(Reply::Message(page(data, owner, None).await?))
    }
}

/// Page `page` of `owner`'s history (0 is the oldest; None, or past the end, is the newest).
pub async fn page(
    data: &Data,
    owner: DiscordUserId,
    page: Option<u32>,
) -> Result<CreateInteractionResponseMessage, CommandError> {
    let m = &data.content.messages;
    let assessments = data.store.load(&UserId::discord(owner)).await?.assessments;
    let pages = assessments.len().div_ceil(PER_PAGE).max(1);
    let last = pages - 1;
    let shown = page.map_or(last, |p| (p as usize).min(last));
    let start = shown * PER_PAGE;
    let listing = text::history_range(
        &data.content,
        &assessments,
        start..start + PER_PAGE,
        m.get("discord.you"),
    );
    let mut buttons = Vec::new();
    if shown > 0 {
        buttons.push(render::button(
            owner,
            Action::History {
                page: (shown - 1) as u32,
            },
            m.get("discord.history_older"),
            ButtonStyle::Secondary,
        ));
    }
    if shown < last {
        buttons.push(render::button(
            owner,
            Action::History {
                page: (shown + 1) as u32,
            },
            m.get("discord.history_newer"),
            ButtonStyle::Secondary,
        ));
    }
    let message = render::notice(&listing);
    Ok(if buttons.is_empty() {
        message.components(Vec::new())
    } else {
        message.components(vec![CreateActionRow::Buttons(buttons)])
    })
}
