//! Discord's shape for the core's screens: embeds, buttons, select menus and modals.
//!
//! Every sentence comes from prompts/messages.toml (`discord.*` and the shared keys); this file only
//! lays them out within Discord's limits (embed texts, 25 options, 5 buttons a row, 100-character
//! custom_ids). Text a user typed is escaped before it is shown.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed, CreateEmbedFooter, CreateInputText,
    CreateInteractionResponseMessage, CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption,
    InputTextStyle,
};

use super::custom_id::{Action, CustomId};
use crate::advisor::advice::Advice;
use crate::advisor::content::{AnswerKind, Content, Messages, Question};
use crate::advisor::interview::{Ask, Expect, Note, ReviewLine};
use crate::advisor::read::Unreadable;
use crate::discord::DiscordUserId;
use crate::text;
use crate::view::advice::{advice_view, checklist_lines, ChecklistLine};
use crate::view::help::{HelpKeys, HelpView};
use crate::view::history::HistoryView;
use crate::view::question::{confirm_view, question_view, QuestionView};
use crate::view::review::ReviewView;

/// Discord's embed limits.
const TITLE_MAX: usize = 256;
const DESCRIPTION_MAX: usize = 4_096;
const FIELD_MAX: usize = 1_024;
/// Discord's limits on components.
const LABEL_MAX: usize = 80;
const OPTION_MAX: usize = 100;
const MODAL_TITLE_MAX: usize = 45;
const PLACEHOLDER_MAX: usize = 100;
const SELECT_OPTIONS_MAX: usize = 25;
/// Message content limit, with room to spare for a note.
pub(crate) const CONTENT_MAX: usize = 1_900;
/// Modal text inputs allow 4,000 characters.
const INPUT_MAX: u16 = 4_000;

const COLOUR: u32 = 0x2b_7a_78;

/// Cuts `text` to at most `max` characters, marking the cut.
pub(crate) fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Escapes markdown and breaks up mentions in text a user typed, so it shows as typed.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '(' | ')' | '-' | '<' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '@' => out.push_str("@\u{200B}"),
            _ => out.push(c),
        }
    }
    out
}

/// No @everyone, @here, role or user is ever pinged by anything the bot sends.
pub(crate) fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// A private reply, the default for everything.
pub fn private() -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .allowed_mentions(no_pings())
}

/// A short private text reply.
pub fn notice(text: &str) -> CreateInteractionResponseMessage {
    private().content(fit(text, CONTENT_MAX))
}

pub(crate) fn button(owner: DiscordUserId, action: Action, label: &str, style: ButtonStyle) -> CreateButton {
    CreateButton::new(CustomId::new(owner, action).encode())
        .label(fit(label, LABEL_MAX))
        .style(style)
}

/// One question as an embed with the components its kind calls for: Discord's layout of
/// [`QuestionView`].
pub fn question(
    content: &Content,
    owner: DiscordUserId,
    ask: &Ask,
    note: Option<&str>,
) -> CreateInteractionResponseMessage {
    let m = &content.messages;
    let Some(view) = question_view(content, ask) else {
        return notice(m.get("discord.error"));
    };
    let mut rows = answer_rows(content, owner, &view);
    rows.push(moves_row(content, owner, &view.expect));
    let message = private().embed(question_embed(content, &view)).components(rows);
    match note {
        Some(note) => message.content(fit(note, CONTENT_MAX)),
        None => message.content(""),
    }
}

/// The question, why it is asked, the answer so far (escaped: the owner typed it), progress
/// and sources.
fn question_embed(content: &Content, view: &QuestionView) -> CreateEmbed {
    let mut description = format!("**{}**\n*{}*", view.text, view.why);
    if let Some(raw) = &view.current {
        description.push_str("\n\n");
        description.push_str(
            &content
                .messages
                .fill("chat.current_answer", &[("answer", &escape(raw))]),
        );
    }
    CreateEmbed::new()
        .title(fit(&view.progress, TITLE_MAX))
        .description(fit(&description, DESCRIPTION_MAX))
        .colour(COLOUR)
        .footer(CreateEmbedFooter::new(fit(
            &format!("{}  ·  {}", view.bar, view.sources),
            2_048,
        )))
}

/// The components that answer the question, as its kind calls for: buttons for yes/no and a
/// scale, a select menu of choices, or quick picks beside *Type your answer*.
fn answer_rows(content: &Content, owner: DiscordUserId, view: &QuestionView) -> Vec<CreateActionRow> {
    let m = &content.messages;
    let q = view.question;
    let expect = &view.expect;
    let answer = |value: String, label: &str| {
        let action = Action::Answer {
            expect: expect.clone(),
            value,
        };
        button(owner, action, label, ButtonStyle::Primary)
    };
    let mut rows = Vec::new();
    match q.kind {
        AnswerKind::YesNo => {
            let buttons = ["yes", "no", "unsure"]
                .into_iter()
                .map(|value| answer(value.to_owned(), m.get(&format!("display.{value}"))))
                .collect();
            rows.push(CreateActionRow::Buttons(buttons));
        }
        AnswerKind::Scale => {
            let buttons = (1..=5)
                .map(|value: u8| answer(value.to_string(), &value.to_string()))
                .collect();
            rows.push(CreateActionRow::Buttons(buttons));
        }
        AnswerKind::Choice | AnswerKind::Choices => rows.extend(choice_rows(content, owner, q, expect)),
        AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number | AnswerKind::Text | AnswerKind::FailurePoint => {
            if let Some(menu) = picks_menu(content, owner, q, expect) {
                rows.push(CreateActionRow::SelectMenu(menu));
            }
            let action = Action::Type { expect: expect.clone() };
            rows.push(CreateActionRow::Buttons(vec![button(
                owner,
                action,
                m.get("discord.type_answer"),
                ButtonStyle::Primary,
            )]));
        }
    }
    rows
}

/// A choice question's select menu, and for several choices a "none of these" button.
fn choice_rows(content: &Content, owner: DiscordUserId, q: &Question, expect: &Expect) -> Vec<CreateActionRow> {
    let m = &content.messages;
    let options = q
        .choices
        .iter()
        .take(SELECT_OPTIONS_MAX)
        .map(|c| CreateSelectMenuOption::new(fit(&c.label, OPTION_MAX), c.id.clone()))
        .collect::<Vec<_>>();
    let many = q.kind == AnswerKind::Choices;
    let count = u8::try_from(options.len()).unwrap_or(25);
    let placeholder = m.get(if many { "discord.pick_many" } else { "discord.pick_one" });
    let menu = CreateSelectMenu::new(
        CustomId::new(owner, Action::Select { expect: expect.clone() }).encode(),
        CreateSelectMenuKind::String { options },
    )
    .placeholder(fit(placeholder, PLACEHOLDER_MAX))
    .min_values(1)
    .max_values(if many { count } else { 1 });
    let mut rows = vec![CreateActionRow::SelectMenu(menu)];
    if many {
        // A menu cannot be sent with nothing picked, so "none of these" is a button.
        let action = Action::Answer {
            expect: expect.clone(),
            value: "none".to_owned(),
        };
        rows.push(CreateActionRow::Buttons(vec![button(
            owner,
            action,
            m.get("confirm.none_of_these"),
            ButtonStyle::Secondary,
        )]));
    }
    rows
}

/// Back, Skip and Save & exit, on every question.
fn moves_row(content: &Content, owner: DiscordUserId, expect: &Expect) -> CreateActionRow {
    let m = &content.messages;
    CreateActionRow::Buttons(vec![
        button(
            owner,
            Action::Back { expect: expect.clone() },
            m.get("discord.back"),
            ButtonStyle::Secondary,
        ),
        button(
            owner,
            Action::Skip { expect: expect.clone() },
            m.get("discord.skip"),
            ButtonStyle::Secondary,
        ),
        button(owner, Action::Exit, m.get("discord.exit"), ButtonStyle::Secondary),
    ])
}

/// The quick picks as a select menu, valued by their numbers (a label may be longer than a
/// value is worth carrying, and the label is looked up again when picked).
fn picks_menu(content: &Content, owner: DiscordUserId, q: &Question, expect: &Expect) -> Option<CreateSelectMenu> {
    if q.picks.is_empty() {
        return None;
    }
    let options = q
        .picks
        .iter()
        .take(SELECT_OPTIONS_MAX)
        .enumerate()
        .map(|(i, pick)| CreateSelectMenuOption::new(fit(pick, OPTION_MAX), (i + 1).to_string()))
        .collect::<Vec<_>>();
    let placeholder = content.messages.get("discord.pick_typical");
    let menu = CreateSelectMenu::new(
        CustomId::new(owner, Action::Pick { expect: expect.clone() }).encode(),
        CreateSelectMenuKind::String { options },
    )
    .placeholder(fit(placeholder, PLACEHOLDER_MAX))
    .min_values(1)
    .max_values(1);
    Some(menu)
}

/// "Did you mean €1,200?" with two buttons: yes stores the reading, no asks the question again.
/// Back, skip and exit stay, as on the question itself.
pub fn confirm(
    content: &Content,
    owner: DiscordUserId,
    ask: &Ask,
    reading: &crate::advisor::read::Reading,
    doubt: crate::advisor::read::Doubt,
) -> CreateInteractionResponseMessage {
    let m = &content.messages;
    let Some(view) = confirm_view(content, ask, reading, doubt) else {
        return notice(m.get("discord.error"));
    };
    let expect = view.expect;
    let embed = CreateEmbed::new()
        .title(fit(&view.progress, TITLE_MAX))
        .description(fit(&format!("**{}**\n\n{}", view.text, view.asked), DESCRIPTION_MAX))
        .colour(COLOUR);
    let rows = vec![
        CreateActionRow::Buttons(vec![
            button(
                owner,
                Action::Confirm {
                    expect: expect.clone(),
                    yes: true,
                },
                m.get("confirm.yes"),
                ButtonStyle::Success,
            ),
            button(
                owner,
                Action::Confirm {
                    expect: expect.clone(),
                    yes: false,
                },
                m.get("confirm.no"),
                ButtonStyle::Secondary,
            ),
        ]),
        CreateActionRow::Buttons(vec![
            button(
                owner,
                Action::Back { expect: expect.clone() },
                m.get("discord.back"),
                ButtonStyle::Secondary,
            ),
            button(
                owner,
                Action::Skip { expect },
                m.get("discord.skip"),
                ButtonStyle::Secondary,
            ),
            button(owner, Action::Exit, m.get("discord.exit"), ButtonStyle::Secondary),
        ]),
    ];
    private().content("").embed(embed).components(rows)
}

/// The note to show above a question, for an unreadable answer or a turn's note.
pub(crate) fn note_text(
    content: &Content,
    ask: &Ask,
    problem: Option<&Unreadable>,
    note: Option<Note>,
) -> Option<String> {
    match (problem, note) {
        (Some(problem), _) => Some(text::problem(content, ask, problem)),
        (None, Some(note)) => text::note(content, note).map(str::to_owned),
        _ => None,
    }
}

/// The modal that takes a typed answer, with the question's example as placeholder.
pub fn modal(content: &Content, owner: DiscordUserId, expect: Expect) -> Option<CreateModal> {
    let q = content.question(&expect.question)?;
    let input = CreateInputText::new(InputTextStyle::Paragraph, fit(&q.short, MODAL_TITLE_MAX), "answer")
        .placeholder(fit(q.example(), PLACEHOLDER_MAX))
        .max_length(INPUT_MAX)
        .required(true);
    let title = fit(content.messages.get("discord.modal_title"), MODAL_TITLE_MAX);
    Some(
        CreateModal::new(CustomId::new(owner, Action::Modal { expect }).encode(), title)
            .components(vec![CreateActionRow::InputText(input)]),
    )
}

/// The advice as embeds: the recommendation with reasons and changes, then the checklist. The
/// words are the terminal's ([`advice_view`]); only the layout is Discord's.
pub fn advice_embeds(content: &Content, advice: &Advice) -> Vec<CreateEmbed> {
    let m = &content.messages;
    let view = advice_view(content, advice);
    let mut description = view.summary.clone();
    if let Some(confidence) = &view.confidence {
        description.push('\n');
        description.push_str(confidence);
    }
    if let Some(missing) = &view.missing {
        description.push_str("\n\n");
        description.push_str(missing);
    }
    let mut main = CreateEmbed::new()
        .title(fit(&view.heading, TITLE_MAX))
        .description(fit(&description, DESCRIPTION_MAX))
        .colour(COLOUR);
    if !view.reasons.is_empty() {
        main = main.field(
            fit(m.get("advice.reasons"), TITLE_MAX),
            fit(&view.reasons.join("\n"), FIELD_MAX),
            false,
        );
    }
    if let Some(changes) = &view.changes {
        let changes = if changes.is_empty() {
            m.get("advice.would_change_none").to_owned()
        } else {
            changes
                .iter()
                .map(|line| format!("- {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        main = main.field(
            fit(m.get("advice.would_change"), TITLE_MAX),
            fit(&changes, FIELD_MAX),
            false,
        );
    }
    vec![main, checklist_lines_embed(content, &view.checklist)]
}

/// The metric checklist as one embed.
pub fn checklist_embed(content: &Content, advice: &Advice) -> CreateEmbed {
    checklist_lines_embed(content, &checklist_lines(content, advice))
}

fn checklist_lines_embed(content: &Content, lines: &[ChecklistLine]) -> CreateEmbed {
    let m = &content.messages;
    let lines = lines
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
        .join("\n");
    CreateEmbed::new()
        .title(fit(m.get("advice.checklist"), TITLE_MAX))
        .description(fit(&lines, DESCRIPTION_MAX))
        .colour(COLOUR)
}

/// The saved answers, page `page` of them (from 0), with a select menu that opens one: each entry
/// is "N. <short>" with its current reading. A menu holds 25 options, so the list and its menu are
/// paged by as many ([`crate::view::review::PER_PAGE`]), with Previous and Next buttons.
pub fn answers(
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

/// /help: what the bot does, the five sources, check-ins and what is stored: the words of
/// [`HelpView`], with Discord's own sentences, as one embed.
pub fn help(content: &Content) -> CreateInteractionResponseMessage {
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
        .description(fit(&view.intro, DESCRIPTION_MAX))
        .field(fit(&view.sources_heading, TITLE_MAX), fit(&sources, FIELD_MAX), false);
    for (title, text) in &view.sections {
        embed = embed.field(fit(title, TITLE_MAX), fit(text, FIELD_MAX), false);
    }
    private().embed(embed.colour(COLOUR))
}

/// A page of /history ([`HistoryView`]) as a private message, with buttons to the older and newer
/// pages.
pub fn history(messages: &Messages, owner: DiscordUserId, view: &HistoryView) -> CreateInteractionResponseMessage {
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

/// /forget's confirmation.
pub(crate) fn forget_confirm(messages: &Messages, owner: DiscordUserId) -> CreateInteractionResponseMessage {
    notice(messages.get("discord.forget_confirm")).components(vec![CreateActionRow::Buttons(vec![
        button(
            owner,
            Action::ForgetConfirm,
            messages.get("discord.forget_yes"),
            ButtonStyle::Danger,
        ),
        button(
            owner,
            Action::ForgetCancel,
            messages.get("discord.forget_no"),
            ButtonStyle::Secondary,
        ),
    ])])
}

/// A message that replaces the components of the one it updates with plain text.
pub fn replaced(text: &str) -> CreateInteractionResponseMessage {
    notice(text).embeds(Vec::new()).components(Vec::new())
}

/// Splits long chat text into messages Discord accepts, at line breaks where it can.
pub fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = fit(line, CONTENT_MAX);
        if current.chars().count() + line.chars().count() + 1 > CONTENT_MAX && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markdown_and_mentions() {
        assert_eq!(
            escape("**hi** @everyone <@&1>"),
            "\\*\\*hi\\*\\* @\u{200B}everyone \\<@\u{200B}&1\\>"
        );
    }

    /// A long answer's reading, in letters of two bytes and more, is cut to an option's 100
    /// characters on a character boundary, and the label is "N. short".
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
        let json = serde_json::to_value(answers(&content, 1.into(), &lines, 0)).unwrap();
        let option = &json["components"][0]["components"][0]["options"][0];
        let short = &content.question("prime_customer").unwrap().short;
        assert_eq!(option["label"], format!("1. {short}"));
        let description = option["description"].as_str().unwrap();
        assert_eq!(description.chars().count(), OPTION_MAX);
        assert!(description.starts_with("café crème ☕") && description.ends_with('…'));
    }

    #[test]
    fn long_text_is_cut_and_split_within_limits() {
        assert_eq!(fit("abcdef", 4), "abc…");
        let text = "line\n".repeat(1_000);
        let parts = chunks(&text);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= CONTENT_MAX));
    }
}
