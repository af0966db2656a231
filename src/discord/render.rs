//! What Discord's screens share: the limits, fitting and escaping text, notices, buttons, and the
//! interview's question, confirm and modal screens (which /assess, the components and the DMs all
//! show). Each command's own screens live beside it in `commands/NAME.rs`.
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
use crate::advisor::content::{AnswerKind, Content, Question};
use crate::advisor::interview::{Ask, ExpectedQuestion, Note};
use crate::advisor::read::{Reading, Unreadable};
use crate::chat::text;
use crate::discord::DiscordUserId;
use crate::view::offer::FinishOffer;
use crate::view::question::{confirm_view, question_view, QuestionView};

/// Discord's embed limits.
pub(crate) const TITLE_MAX: usize = 256;
pub(crate) const DESCRIPTION_MAX: usize = 4_096;
pub(crate) const FIELD_MAX: usize = 1_024;
/// Discord's limits on components.
const LABEL_MAX: usize = 80;
pub(crate) const OPTION_MAX: usize = 100;
const MODAL_TITLE_MAX: usize = 45;
pub(crate) const PLACEHOLDER_MAX: usize = 100;
pub(crate) const SELECT_OPTIONS_MAX: usize = 25;
/// Message content limit, with room to spare for a note.
pub(crate) const CONTENT_MAX: usize = 1_900;
/// Modal text inputs allow 4,000 characters.
const INPUT_MAX: u16 = 4_000;
/// A figure ("$1,500 a month", "about 2 hours a day") needs a line, not a page.
const FIGURE_MAX: u16 = 100;

pub(crate) const COLOUR: u32 = 0x2b_7a_78;

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
pub(crate) fn private() -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .allowed_mentions(no_pings())
}

/// A short private text reply.
pub(crate) fn notice(text: &str) -> CreateInteractionResponseMessage {
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
    question_offering(content, owner, ask, note, None)
}

/// [`question`], with the offer to finish (issue 29) said above it and its two buttons below:
/// *See my advice now* and *Keep answering*.
pub(crate) fn question_offering(
    content: &Content,
    owner: DiscordUserId,
    ask: &Ask,
    note: Option<&str>,
    offer: Option<&FinishOffer>,
) -> CreateInteractionResponseMessage {
    let m = &content.messages;
    let Some(view) = question_view(content, ask) else {
        return notice(m.get("discord.error"));
    };
    let current = ask.current.as_ref().map(|answer| &answer.reading);
    let mut rows = answer_rows(content, owner, &view, current);
    rows.push(moves_row(content, owner, &view.expect, current.is_some()));
    let note = match (note, offer) {
        (Some(note), Some(offer)) => Some(format!("{note}\n{}", offer.text)),
        (None, Some(offer)) => Some(offer.text.clone()),
        (note, None) => note.map(str::to_owned),
    };
    if let Some(offer) = offer {
        rows.push(offer_row(owner, offer));
    }
    let message = private().embed(question_embed(content, &view)).components(rows);
    match note {
        Some(note) => message.content(fit(&note, CONTENT_MAX)),
        None => message.content(""),
    }
}

/// The offer to finish's two buttons.
pub(crate) fn offer_row(owner: DiscordUserId, offer: &FinishOffer) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        button(owner, Action::FinishNow, &offer.see_now, ButtonStyle::Success),
        button(owner, Action::Resume, &offer.go_on, ButtonStyle::Secondary),
    ])
}

/// The question, why it is asked, the answer so far (escaped: the owner typed it), progress
/// and sources.
fn question_embed(content: &Content, view: &QuestionView) -> CreateEmbed {
    let mut description = format!("**{}**\n*{}*", view.text, view.why);
    if let Some(raw) = &view.current {
        // Marked on the buttons or the menu below; *Keep current* keeps it.
        description.push_str("\n\n");
        description.push_str(
            &content
                .messages
                .fill("discord.card.current_answer", &[("answer", &escape(raw))]),
        );
    }
    // The progress and its bar together at the top; the footer holds the sources alone.
    CreateEmbed::new()
        .title(fit(&format!("{}  {}", view.progress, view.bar), TITLE_MAX))
        .description(fit(&description, DESCRIPTION_MAX))
        .colour(COLOUR)
        .footer(CreateEmbedFooter::new(fit(&view.sources, 2_048)))
}

/// The components that answer the question, as its kind calls for: buttons for yes/no and a
/// scale, a select menu of choices, or quick picks beside *Type your answer*. The `current`
/// answer on a revisit is marked: its button green, its choices and pick selected.
fn answer_rows(
    content: &Content,
    owner: DiscordUserId,
    view: &QuestionView,
    current: Option<&Reading>,
) -> Vec<CreateActionRow> {
    let m = &content.messages;
    let q = view.question;
    let expect = &view.expect;
    let chosen = |value: &str| match current {
        Some(Reading::YesNo { value: now }) => now.id() == value,
        Some(Reading::Scale { value: now }) => now.to_string() == value,
        _ => false,
    };
    let answer = |value: String, label: &str| {
        let style = if chosen(&value) {
            ButtonStyle::Success
        } else {
            ButtonStyle::Primary
        };
        let action = Action::Answer {
            expect: expect.clone(),
            value,
        };
        button(owner, action, label, style)
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
        AnswerKind::Choice | AnswerKind::Choices => {
            let picked = match current {
                Some(Reading::Choices { picks }) => picks.as_slice(),
                _ => &[],
            };
            rows.extend(choice_rows(content, owner, q, expect, picked));
        }
        AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number | AnswerKind::Text | AnswerKind::FailurePoint => {
            if let Some(menu) = picks_menu(content, owner, q, expect, view.current.as_deref()) {
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
fn choice_rows(
    content: &Content,
    owner: DiscordUserId,
    q: &Question,
    expect: &ExpectedQuestion,
    picked: &[String],
) -> Vec<CreateActionRow> {
    let m = &content.messages;
    let options = q
        .choices
        .iter()
        .take(SELECT_OPTIONS_MAX)
        .map(|c| {
            CreateSelectMenuOption::new(fit(&c.label, OPTION_MAX), c.id.clone())
                .default_selection(picked.contains(&c.id))
        })
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

/// Back, Skip (*Keep current* on a question already answered) and Save & exit, on every question.
fn moves_row(content: &Content, owner: DiscordUserId, expect: &ExpectedQuestion, answered: bool) -> CreateActionRow {
    let m = &content.messages;
    let skip = if answered { "discord.card.keep" } else { "discord.skip" };
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
            m.get(skip),
            ButtonStyle::Secondary,
        ),
        button(owner, Action::Exit, m.get("discord.exit"), ButtonStyle::Secondary),
    ])
}

/// The quick picks as a select menu, valued by their numbers (a label may be longer than a
/// value is worth carrying, and the label is looked up again when picked).
fn picks_menu(
    content: &Content,
    owner: DiscordUserId,
    q: &Question,
    expect: &ExpectedQuestion,
    current: Option<&str>,
) -> Option<CreateSelectMenu> {
    if q.picks.is_empty() {
        return None;
    }
    let options = q
        .picks
        .iter()
        .take(SELECT_OPTIONS_MAX)
        .enumerate()
        .map(|(i, pick)| {
            CreateSelectMenuOption::new(fit(pick, OPTION_MAX), (i + 1).to_string())
                .default_selection(current.is_some_and(|now| now.trim().eq_ignore_ascii_case(pick)))
        })
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
pub(crate) fn confirm(
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
                m.get(if ask.current.is_some() {
                    "discord.card.keep"
                } else {
                    "discord.skip"
                }),
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

/// The modal that takes a typed answer, shaped for it: titled with the short question (a phone
/// shows the title, not the message behind it); a figure on one short line, a sentence in a box;
/// the example that matches the label's unit as placeholder.
pub(crate) fn modal(content: &Content, owner: DiscordUserId, expect: ExpectedQuestion) -> Option<CreateModal> {
    let q = content.question(&expect.question)?;
    let figure = matches!(q.kind, AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number);
    let (style, max) = if figure {
        (InputTextStyle::Short, FIGURE_MAX)
    } else {
        (InputTextStyle::Paragraph, INPUT_MAX)
    };
    let label = fit(content.messages.get("discord.modal_title"), MODAL_TITLE_MAX);
    let input = CreateInputText::new(style, label, "answer")
        .placeholder(fit(matching_example(q), PLACEHOLDER_MAX))
        .max_length(max)
        .required(true);
    Some(
        CreateModal::new(
            CustomId::new(owner, Action::Modal { expect }).encode(),
            fit(&q.short, MODAL_TITLE_MAX),
        )
        .components(vec![CreateActionRow::InputText(input)]),
    )
}

/// The question's first example in the unit its short label names ("Hours a week spent now":
/// "3 hours a week", not "about 2 hrs a day"), else its first example.
fn matching_example(q: &Question) -> &str {
    const UNITS: [&str; 4] = ["week", "month", "year", "day"];
    let short = q.short.to_lowercase();
    UNITS
        .iter()
        .find(|unit| short.contains(*unit))
        .and_then(|unit| q.examples.iter().find(|e| e.to_lowercase().contains(unit)))
        .map_or_else(|| q.example(), String::as_str)
}

/// A time as Discord shows it: in each reader's own zone and words ("7 December 2026 09:00 (in
/// 3 days)"), from the one clock's seconds.
pub(crate) fn when(seconds: u64) -> String {
    format!("<t:{seconds}:f> (<t:{seconds}:R>)")
}

/// A notice alone: a message that replaces the embeds and components of the one it updates with
/// plain text.
pub(crate) fn notice_only(text: &str) -> CreateInteractionResponseMessage {
    notice(text).embeds(Vec::new()).components(Vec::new())
}

/// Splits long chat text into messages Discord accepts, at line breaks where it can.
pub(crate) fn chunks(text: &str) -> Vec<String> {
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
    fn times_are_discords_own_timestamps() {
        assert_eq!(when(1_769_936_400), "<t:1769936400:f> (<t:1769936400:R>)");
    }

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
    fn long_text_is_cut_and_split_within_limits() {
        assert_eq!(fit("abcdef", 4), "abc…");
        let text = "line\n".repeat(1_000);
        let parts = chunks(&text);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.chars().count() <= CONTENT_MAX));
    }
}
