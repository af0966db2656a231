//! `/answers`: your saved answers, a page at a time, with a select menu to change one.

use crate::advisor::content::Content;
use crate::advisor::interview::ReviewLine;
use crate::discord::custom_id::{Action, CustomId};
use crate::discord::render::{
    button, escape, fit, private, COLOUR, DESCRIPTION_MAX, OPTION_MAX, PLACEHOLDER_MAX, SELECT_OPTIONS_MAX, TITLE_MAX,
};
use crate::text;
use crate::view::review::ReviewView;
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};
use serenity::all::{CreateInteractionResponseMessage, ResolvedOption};

use super::{Invocation, CommandError, Reply, SlashCommand};
use crate::discord::Data;
use crate::discord::DiscordUserId;
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers;

impl SlashCommand for Answers {
    const NAME: &'static str = "answers";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Answers
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        Ok(Reply::Message(page(data, owner, 0).await?))
    }
}

/// Page `page` of `owner`'s answers (0 is the first; past the end is the last).
pub async fn page(
    data: &Data,
    owner: DiscordUserId,
    page: u32,
) -> Result<CreateInteractionResponseMessage, CommandError> {
    let interview = data
        .session()
        .interview(&UserId::discord(owner))
        .await?
        .unwrap_or_default();
    let lines = interview.review(&data.content);
    Ok(screen(
        &data.content,
        owner,
        &lines,
        usize::try_from(page).unwrap_or(usize::MAX),
    ))
}

/// The saved answers, page `page` of them (from 0), with a select menu that opens one: each entry
/// is "N. <short>" with its current reading. A menu holds 25 options, so the list and its menu are
/// paged by as many ([`crate::view::review::PER_PAGE`]), with Previous and Next buttons.
pub fn screen(
    content: &Content,
    owner: DiscordUserId,
    lines: &[ReviewLine],
    page: usize,
) -> CreateInteractionResponseMessage {
    let m = &content.messages;
    let view = ReviewView::of(content, lines);
    let (page, entries) = view.page(page);
    let listing = match &view.empty {
        Some(empty) => empty.clone(),
        None => {
            let mut shown = vec![text::Words::said(view.heading.clone())];
            shown.extend(entries.iter().map(|e| e.line.clone()));
            text::Words::join(&shown, "\n").layout(escape)
        }
    };
    let mut embed = CreateEmbed::new()
        .title(fit(&view.heading, TITLE_MAX))
        .description(fit(&listing, DESCRIPTION_MAX))
        .colour(COLOUR);
    let pages = view.pages();
    if pages > 1 {
        let footer = m.fill(
            "discord.answers_page",
            &[("page", &(page + 1).to_string()), ("pages", &pages.to_string())],
        );
        embed = embed.footer(CreateEmbedFooter::new(fit(&footer, 2_048)));
    }
    // A select option's text is shown as typed, with no markdown: nothing to escape.
    let options: Vec<CreateSelectMenuOption> = entries
        .iter()
        .filter(|e| e.editable)
        .take(SELECT_OPTIONS_MAX)
        .map(|e| {
            let label = fit(&format!("{}. {}", e.number, e.short), OPTION_MAX);
            let option = CreateSelectMenuOption::new(label, e.question.clone());
            // An empty description is not sent: Discord refuses one.
            match e.reading.trim() {
                "" => option,
                reading => option.description(fit(reading, OPTION_MAX)),
            }
        })
        .collect();
    let mut rows = Vec::new();
    if !options.is_empty() {
        let menu = CreateSelectMenu::new(
            CustomId::new(owner, Action::Edit).encode(),
            CreateSelectMenuKind::String { options },
        )
        .placeholder(fit(m.get("discord.edit_placeholder"), PLACEHOLDER_MAX));
        rows.push(CreateActionRow::SelectMenu(menu));
    }
    let mut buttons = Vec::new();
    let to = |page: usize| Action::AnswersPage {
        page: u32::try_from(page).unwrap_or(u32::MAX),
    };
    if page > 0 {
        buttons.push(button(
            owner,
            to(page - 1),
            m.get("discord.answers_previous"),
            ButtonStyle::Secondary,
        ));
    }
    if page + 1 < pages {
        buttons.push(button(
            owner,
            to(page + 1),
            m.get("discord.answers_next"),
            ButtonStyle::Secondary,
        ));
    }
    if !buttons.is_empty() {
        rows.push(CreateActionRow::Buttons(buttons));
    }
    // Always set, so a page without a menu, shown in place of one with, drops the old menu.
    private().embed(embed).components(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::interview::ReviewLine;
    use crate::discord::render::OPTION_MAX;

    #[test]
    fn the_edit_menus_entries_fit_discords_option_limits() {
        use crate::advisor::interview::{Answer, Status};
        use crate::advisor::read::Reading;
        let content = Content::built_in();
        let typed = "café crème ☕ ".repeat(20);
        let lines = vec![ReviewLine {
            question: "prime_customer".to_owned(),
            status: Status::Answered,
            answer: Some(Answer {
                question: "prime_customer".to_owned(),
                raw: typed.clone(),
                reading: Reading::Text { text: typed },
                at: 0,
            }),
        }];
        let json = serde_json::to_value(screen(&content, 1.into(), &lines, 0)).unwrap();
        let option = &json["components"][0]["components"][0]["options"][0];
        let short = &content.question("prime_customer").unwrap().short;
        assert_eq!(option["label"], format!("1. {short}"));
        let description = option["description"].as_str().unwrap();
        assert_eq!(description.chars().count(), OPTION_MAX);
        assert!(description.starts_with("café crème ☕") && description.ends_with('…'));
    }
}
