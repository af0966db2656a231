//! `/history`: past assessments and how the advice moved between them, a page at a time (newest
//! page first), with private buttons to the older and newer pages.

use serenity::all::{ButtonStyle, CreateActionRow, CreateInteractionResponseMessage};

use super::{failed, Reply};
use crate::discord::custom_id::Action;
use crate::discord::{render, Data};
use crate::store::UserId;
use crate::text;

/// Assessments on one page: two lines each, well inside a message's 2,000 characters.
pub const PER_PAGE: usize = 10;

pub async fn run(data: &Data, owner: u64) -> Reply {
    Reply::Message(page(data, owner, None).await)
}

/// Page `page` of `owner`'s history (0 is the oldest; None, or past the end, is the newest).
pub async fn page(data: &Data, owner: u64, page: Option<u32>) -> CreateInteractionResponseMessage {
    let m = &data.content.messages;
    let assessments = match data.store.load(&UserId::discord(owner)).await {
        Ok(stored) => stored.assessments,
        Err(err) => return failed(data, &err),
    };
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
    if buttons.is_empty() {
        message.components(Vec::new())
    } else {
        message.components(vec![CreateActionRow::Buttons(buttons)])
    }
}
