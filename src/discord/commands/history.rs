//! `/history`: past assessments and how the advice moved between them, a page at a time (newest
//! page first), with private buttons to the older and newer pages.

use crate::advisor::content::Messages;
use crate::discord::custom_id::Action;
use crate::discord::render::{button, notice};
use serenity::all::{ButtonStyle, CreateActionRow};
use serenity::all::{CreateInteractionResponseMessage, ResolvedOption};

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::Data;
use crate::discord::DiscordUserId;
use crate::store::UserId;
use crate::view::history::HistoryView;

/// Assessments on one page: two lines each, well inside a message's 2,000 characters.
pub(crate) const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct History;

impl SlashCommand for History {
    const NAME: &'static str = "history";
    /// It reads the whole history.
    const DEFERRED: bool = true;

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        History
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        Ok(Reply::Message(page(data, owner, None).await?))
    }
}

/// Page `page` of `owner`'s history (0 is the oldest; None, or past the end, is the newest).
pub(crate) async fn page(
    data: &Data,
    owner: DiscordUserId,
    page: Option<u32>,
) -> Result<CreateInteractionResponseMessage, CommandError> {
    let m = &data.content.messages;
    let assessments = data.app().history(&UserId::discord(owner)).await?;
    let page = page.map(|p| usize::try_from(p).unwrap_or(usize::MAX));
    let view = HistoryView::page(
        &data.content,
        &assessments,
        page,
        PER_PAGE,
        m.get("discord.you"),
        crate::discord::render::when,
    );
    Ok(screen(m, owner, &view))
}

/// A page of /history ([`HistoryView`]) as a private message, with buttons to the older and newer
/// pages.
pub(crate) fn screen(
    messages: &Messages,
    owner: DiscordUserId,
    view: &HistoryView,
) -> CreateInteractionResponseMessage {
    let to = |page: usize| Action::History {
        page: u32::try_from(page).unwrap_or(u32::MAX),
    };
    let mut buttons = Vec::new();
    if view.page > 0 {
        buttons.push(button(
            owner,
            to(view.page - 1),
            messages.get("discord.history_older"),
            ButtonStyle::Secondary,
        ));
    }
    if view.page + 1 < view.pages {
        buttons.push(button(
            owner,
            to(view.page + 1),
            messages.get("discord.history_newer"),
            ButtonStyle::Secondary,
        ));
    }
    let message = notice(&view.lines().join("\n"));
    if buttons.is_empty() {
        message.components(Vec::new())
    } else {
        message.components(vec![CreateActionRow::Buttons(buttons)])
    }
}
