//! `/help`: what the bot does, the five sources, and what is stored about you.

use crate::advisor::content::Content;
use crate::discord::render::{fit, private, COLOUR, DESCRIPTION_MAX, FIELD_MAX, TITLE_MAX};
use crate::view::help::{HelpKeys, HelpView};
use serenity::all::ResolvedOption;
use serenity::all::{CreateEmbed, CreateInteractionResponseMessage};

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::Data;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Help;

impl SlashCommand for Help {
    const NAME: &'static str = "help";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Help
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let screen = screen_with(&data.content, |text| data.mention_commands(text));
        Ok(Reply::Message(super::where_note(data, at, screen)))
    }
}

/// /help: what the bot does, the five sources, check-ins and what is stored: the words of
/// [`HelpView`], with Discord's own sentences, as one embed.
pub fn screen(content: &Content) -> CreateInteractionResponseMessage {
    screen_with(content, str::to_owned)
}

/// [`screen`], each "/command" made a mention that runs it by `mention`.
fn screen_with(content: &Content, mention: impl Fn(&str) -> String) -> CreateInteractionResponseMessage {
    let view = HelpView::of(
        content,
        HelpKeys {
            title: Some("discord.help_title"),
            intro: "discord.help_text",
            sources: "discord.help_sources",
            sections: &[
                ("discord.help_checkins_title", "discord.help_checkins"),
                ("discord.help_stored_title", "discord.help_stored"),
            ],
        },
    );
    let sources = view
        .sources
        .iter()
        .map(|s| format!("- {}: {}", s.title, s.stance))
        .collect::<Vec<_>>()
        .join("\n");
    let mut embed = CreateEmbed::new()
        .title(fit(view.title.as_deref().unwrap_or_default(), TITLE_MAX))
        .description(fit(&mention(&view.intro), DESCRIPTION_MAX))
        .field(fit(&view.sources_heading, TITLE_MAX), fit(&sources, FIELD_MAX), false);
    for (title, text) in &view.sections {
        embed = embed.field(fit(title, TITLE_MAX), fit(&mention(text), FIELD_MAX), false);
    }
    private().embed(embed.colour(COLOUR))
}
