//! `/answers`: your saved answers, a page at a time, with a select menu to change one.

use crate::advisor::content::{AnswerKind, Content};
use crate::advisor::interview::ReviewLine;
use crate::advisor::read::Reading;
use crate::discord::custom_id::{Action, CustomId};
use crate::discord::render;
use crate::discord::render::{
    button, escape, fit, private, COLOUR, DESCRIPTION_MAX, OPTION_MAX, PLACEHOLDER_MAX, SELECT_OPTIONS_MAX, TITLE_MAX,
};
use crate::view::review::{ReviewEntry, ReviewView};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};
use serenity::all::{CreateInteractionResponseMessage, ResolvedOption};

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::Data;
use crate::discord::DiscordUserId;
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answers;

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

/// True when what the owner typed says more than its reading: not a click's id ("none",
/// "leads_sales", "3"), and not the reading itself in other letters.
fn says_more(content: &Content, question: &str, raw: &str, reading: &str) -> bool {
    let raw = raw.trim();
    let q = content.question(question);
    let an_id = q.is_some_and(|q| match q.kind {
        AnswerKind::YesNo => ["yes", "no", "unsure"].contains(&raw),
        AnswerKind::Scale => raw.len() == 1 && raw.bytes().all(|b| b.is_ascii_digit()),
        _ => raw.split(',').all(|part| q.choices.iter().any(|c| c.id == part.trim())),
    });
    !raw.is_empty() && !an_id && !raw.eq_ignore_ascii_case(reading.trim())
}

/// Page `page` of `owner`'s answers (0 is the first; past the end is the last).
pub(crate) async fn page(
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
pub(crate) fn screen(
    content: &Content,
    owner: DiscordUserId,
    lines: &[ReviewLine],
    page: usize,
) -> CreateInteractionResponseMessage {
    let view = ReviewView::of(content, lines);
    let (page, entries) = view.page(page);
    let embed = listing_embed(content, &view, lines, page, entries);
    let mut rows = Vec::new();
    rows.extend(edit_menu(content, owner, entries));
    rows.extend(page_buttons(content, owner, page, view.pages()));
    // Always set, so a page without a menu, shown in place of one with, drops the old menu.
    private().embed(embed).components(rows)
}

/// The page's answers as the embed lists them, with when they last changed and which page it is.
fn listing_embed(
    content: &Content,
    view: &ReviewView,
    lines: &[ReviewLine],
    page: usize,
    entries: &[ReviewEntry],
) -> CreateEmbed {
    let m = &content.messages;
    let listing = match &view.empty {
        Some(empty) => empty.clone(),
        None => entries
            .iter()
            .map(|e| listing_line(content, lines, e))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let mut embed = CreateEmbed::new()
        .title(fit(&view.heading, TITLE_MAX))
        .description(fit(&listing, DESCRIPTION_MAX))
        .colour(COLOUR);
    let mut footer = Vec::new();
    if let Some(last) = lines.iter().filter_map(|l| l.answer.as_ref()).map(|a| a.at).max() {
        footer.push(m.fill("discord.card.answers_changed", &[("when", &render::when(last))]));
    }
    let pages = view.pages();
    if pages > 1 {
        footer.push(m.fill(
            "discord.answers_page",
            &[("page", &(page + 1).to_string()), ("pages", &pages.to_string())],
        ));
    }
    // The footer shows no markdown, so the time goes in the description's last line.
    if let Some(changed) = footer.first().filter(|_| view.empty.is_none()) {
        embed = embed.description(fit(&format!("{listing}\n\n{changed}"), DESCRIPTION_MAX));
    }
    if pages > 1 {
        embed = embed.footer(CreateEmbedFooter::new(fit(
            footer.last().map_or("", String::as_str),
            2_048,
        )));
    }
    embed
}

/// One answer, once, as read ("3. Monthly budget: $1,500 a month"), with the owner's words only
/// where they say more than the reading (a click's stored id never shows as "typed"); when the
/// answers last changed is said once, not on every line.
fn listing_line(content: &Content, lines: &[ReviewLine], e: &ReviewEntry) -> String {
    let m = &content.messages;
    let answer = lines.get(e.number - 1).and_then(|line| line.answer.as_ref());
    let typed = answer.filter(|a| says_more(content, &a.question, &a.raw, &e.reading));
    // Free text is read as itself: the owner's words, escaped; the rest is ours.
    let reading = match answer {
        Some(a) if matches!(a.reading, Reading::Text { .. }) => escape(&e.reading),
        _ => e.reading.clone(),
    };
    let mut line = m.fill(
        "discord.card.answer_line",
        &[
            ("number", &e.number.to_string()),
            ("question", &e.short),
            ("answer", &reading),
        ],
    );
    if let Some(answer) = typed {
        line.push_str(&m.fill(
            "discord.card.answer_typed",
            &[("typed", &escape(&fit(answer.raw.trim(), 120)))],
        ));
    }
    line
}

/// The menu to change an answer of the page; it names the questions only, their answers are in
/// the list above it. None when none of them can be changed.
fn edit_menu(content: &Content, owner: DiscordUserId, entries: &[ReviewEntry]) -> Option<CreateActionRow> {
    let options: Vec<CreateSelectMenuOption> = entries
        .iter()
        .filter(|e| e.editable)
        .take(SELECT_OPTIONS_MAX)
        .map(|e| {
            CreateSelectMenuOption::new(
                fit(&format!("{}. {}", e.number, e.short), OPTION_MAX),
                e.question.clone(),
            )
        })
        .collect();
    if options.is_empty() {
        return None;
    }
    let menu = CreateSelectMenu::new(
        CustomId::new(owner, Action::Edit).encode(),
        CreateSelectMenuKind::String { options },
    )
    .placeholder(fit(content.messages.get("discord.edit_placeholder"), PLACEHOLDER_MAX));
    Some(CreateActionRow::SelectMenu(menu))
}

/// *Previous* and *Next*, where there is such a page; None on the only page.
fn page_buttons(content: &Content, owner: DiscordUserId, page: usize, pages: usize) -> Option<CreateActionRow> {
    let m = &content.messages;
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
    (!buttons.is_empty()).then_some(CreateActionRow::Buttons(buttons))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::interview::ReviewLine;
    use crate::discord::render::OPTION_MAX;

    #[test]
    fn the_edit_menus_entries_fit_discords_option_limits() {
        use crate::advisor::interview::{Answer, ReviewStatus};
        use crate::advisor::read::Reading;
        let content = Content::built_in();
        let typed = "café crème ☕ ".repeat(20);
        let lines = vec![ReviewLine {
            question: "prime_customer".to_owned(),
            status: ReviewStatus::Answered,
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
        assert!(option["label"].as_str().unwrap().chars().count() <= OPTION_MAX);
        // Issue 30: the menu names the question; its answer is in the list above, once.
        assert!(option.get("description").is_none(), "{option}");
        let listing = json["embeds"][0]["description"].as_str().unwrap();
        assert_eq!(listing.matches("café crème ☕").count(), 20, "{listing}");
    }
}
