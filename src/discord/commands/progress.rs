//! `/progress`: every check-in, the verdict by the owner's own rule, the figures behind it, and
//! the chart (the metric at each check-in against the failure line, the spend against plan) as
//! the embed's image. A check-in that could not be sent because the owner's DMs are closed is
//! told here (and at `/assess`), once.

use serenity::all::{ButtonStyle, CreateActionRow, CreateEmbed, ResolvedOption};

use crate::discord::custom_id::Action;

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::advisor::checkin::{self, CheckinRules, PlanVerdict};
use crate::chart::{Theme, SIZE};
use crate::discord::DiscordUserId;
use crate::discord::{checkin_dm, render, Data};
use crate::store::{StoreError, UserId};

pub(crate) const CHART_NAME: &str = "outsource-advisor-progress.png";

/// The `/progress` slash command (no options); what it shows is the core's check-in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProgressCommand;

impl SlashCommand for ProgressCommand {
    const NAME: &'static str = "progress";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        ProgressCommand
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        Ok(run(data, owner).await?)
    }
}

async fn run(data: &Data, owner: DiscordUserId) -> Result<Reply, StoreError> {
    let content = &data.content;
    let user = UserId::discord(owner);
    let notice = dms_closed_notice(data, &user).await?;
    let record = data.store.checkins(&user).await?;
    let progress = checkin::progress(record.as_ref(), data.clock.now(), &CheckinRules::from_content(content));
    let mut message = render::private();
    if let Some(notice) = notice {
        message = message.add_embed(notice);
    }
    if progress.status == PlanVerdict::NoPlan {
        let text = format!(
            "{}\n{}",
            content.messages.get("checkin.status_no_plan"),
            content.messages.get("discord.checkins_not_set_up")
        );
        // *Start* (or carry on): the way to a failure point is the interview, never a terminal.
        let label = match data.session().interview(&user).await? {
            Some(_) => "discord.card.resume",
            None => "discord.card.start",
        };
        let start = render::button(owner, Action::Resume, content.messages.get(label), ButtonStyle::Primary);
        return Ok(Reply::Message(
            message
                .content(render::fit(&data.mention_commands(&text), render::CONTENT_MAX))
                .components(vec![CreateActionRow::Buttons(vec![start])]),
        ));
    }
    let embed = checkin_dm::embed(content, &progress, true);
    Ok(
        match crate::view::checkin::progress_chart(content, &progress).render(SIZE, &Theme::DARK) {
            Ok(bytes) => Reply::Attached {
                message: message.add_embed(embed.attachment(CHART_NAME)),
                name: CHART_NAME.to_owned(),
                bytes,
            },
            Err(err) => {
                tracing::error!(error = %err, "the progress chart could not be drawn; sent without it");
                Reply::Message(message.add_embed(embed))
            }
        },
    )
}

/// The notice that a check-in could not be sent for closed DMs, if one is waiting; taking it
/// clears the mark, so it is told once.
pub(crate) async fn dms_closed_notice(data: &Data, user: &UserId) -> Result<Option<CreateEmbed>, StoreError> {
    if data.store.checkins(user).await?.is_none_or(|r| r.dms_closed.is_none()) {
        return Ok(None);
    }
    let mut when = None;
    data.store
        .update_checkins(user, &mut |record| {
            record.map(|mut record| {
                when = record.dms_closed.take();
                record
            })
        })
        .await?;
    Ok(when.map(|at| {
        let said = data
            .content
            .messages
            .fill("discord.dms_closed", &[("when", &render::when(at))]);
        CreateEmbed::new()
            .description(render::fit(&said, 4_096))
            .colour(0xd9_7b_29)
    }))
}
