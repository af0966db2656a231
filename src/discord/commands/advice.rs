//! `/advice [share]`: the recommendation as one card that fits a phone screen: the outcome in a
//! sentence, the confidence in words, the three figures an owner acts on (spend a month, sales to
//! break even, the stop point) and the sources in one footer line. *Why*, *Checklist*, *What would
//! change it* change the card in place (callback type 7); *Brief* sends the brief. `share: true`
//! posts it in the channel for the team, the only way one user's advice is shown to others.
//!
//! The advice chart is the brief's and the terminal's: at 800 px its labels cannot be read at a
//! phone's 400, so the card carries none.

use crate::advisor::content::Content;
use crate::discord::custom_id::{Action, Section};
use crate::discord::render::{fit, COLOUR, DESCRIPTION_MAX, FIELD_MAX, TITLE_MAX};
use crate::view::advice::{advice_view, fill_figures, AdviceView};
use serenity::all::{ButtonStyle, CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateInteractionResponseMessage};
use serenity::all::{CommandOptionType, CreateCommandOption, ResolvedOption};

use super::{flag, CommandError, Invocation, Reply, SlashCommand};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Advice {
    /// `share: true`: posted in the channel rather than privately.
    pub share: bool,
}

impl SlashCommand for Advice {
    const NAME: &'static str = "advice";

    fn options(describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        vec![CreateCommandOption::new(CommandOptionType::Boolean, "share", describe("share")).required(false)]
    }

    fn parse(options: &[ResolvedOption<'_>]) -> Self {
        Advice {
            share: flag(options, "share"),
        }
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let (interview, advice) = data.session().advice(&UserId::discord(owner)).await?;
        let below = if self.share {
            Below::Nothing
        } else {
            Below::CheckinOffer
        };
        let mut card = card(data, owner, &advice, Section::Summary, below);
        if interview.answers.is_empty() && advice.outcome.is_none() {
            // Nothing answered yet: *Start*, never instructions for a terminal.
            card = card.components(vec![CreateActionRow::Buttons(vec![render::button(
                owner,
                Action::Resume,
                data.content.messages.get("discord.card.start"),
                ButtonStyle::Primary,
            )])]);
        }
        Ok(Reply::Message(card.ephemeral(!self.share)))
    }
}

/// A click on the card's buttons: the same card showing `section`, in place.
pub(crate) async fn section(data: &Data, owner: DiscordUserId, section: Section) -> Result<Reply, CommandError> {
    let (_, advice) = data.session().advice(&UserId::discord(owner)).await?;
    // The card was private unless shared; a shared card's check-in offer was never shown.
    Ok(Reply::Update(card(data, owner, &advice, section, Below::Nothing)))
}

/// What the card carries under its own buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Below {
    Nothing,
    /// The check-in offer, under the summary of advice with a failure point (to its owner only,
    /// never on a shared card).
    CheckinOffer,
    /// *Keep answering*: the advice seen before the questions left (issue 29's offer to finish).
    KeepAnswering,
}

/// The advice card showing `section`, with its buttons and what goes `below` them.
pub(crate) fn card(
    data: &Data,
    owner: DiscordUserId,
    advice: &crate::advisor::Advice,
    section: Section,
    below: Below,
) -> CreateInteractionResponseMessage {
    let content = &data.content;
    let m = &content.messages;
    if advice.outcome.is_none() {
        // Nothing to recommend yet: what is needed, and a button to answer it.
        let view = advice_view(content, advice);
        let embed = CreateEmbed::new()
            .title(fit(&view.heading, TITLE_MAX))
            .description(fit(&view.summary, DESCRIPTION_MAX))
            .colour(COLOUR);
        return render::private()
            .content("")
            .embeds(vec![embed])
            .components(vec![CreateActionRow::Buttons(vec![render::button(
                owner,
                Action::Resume,
                m.get("discord.card.resume"),
                ButtonStyle::Primary,
            )])]);
    }
    let embed = embed(content, advice, section);
    let mut rows = vec![buttons(content, owner, section)];
    match below {
        Below::CheckinOffer if section == Section::Summary && advice.failure_point.is_some() => {
            rows.push(super::checkins::offer(data, owner));
        }
        Below::KeepAnswering => rows.push(CreateActionRow::Buttons(vec![render::button(
            owner,
            Action::Resume,
            m.get("offer.go_on"),
            ButtonStyle::Secondary,
        )])),
        Below::CheckinOffer | Below::Nothing => {}
    }
    render::private().content("").embeds(vec![embed]).components(rows)
}

/// The card's buttons: one per section, the one shown disabled, then *Brief*.
pub(crate) fn buttons(content: &Content, owner: DiscordUserId, shown: Section) -> CreateActionRow {
    let m = &content.messages;
    let mut buttons: Vec<_> = Section::ALL
        .into_iter()
        .map(|section| {
            let style = if section == shown {
                ButtonStyle::Primary
            } else {
                ButtonStyle::Secondary
            };
            render::button(
                owner,
                Action::Card { section },
                m.get(&format!("discord.card.{}", section.id())),
                style,
            )
            .disabled(section == shown)
        })
        .collect();
    buttons.push(render::button(
        owner,
        Action::Brief,
        m.get("discord.card.brief"),
        ButtonStyle::Secondary,
    ));
    CreateActionRow::Buttons(buttons)
}

/// The confidence in words: an owner reads "a close call", not "41%".
fn confidence_words(content: &Content, confidence: f64) -> &str {
    let key = if confidence >= 0.7 {
        "discord.card.confidence_high"
    } else if confidence >= 0.5 {
        "discord.card.confidence_medium"
    } else {
        "discord.card.confidence_low"
    };
    content.messages.get(key)
}

/// The card's embed for `section`. The words are the terminal's ([`advice_view`]); only the
/// layout is Discord's, and the sources are said once, in the footer.
pub fn embed(content: &Content, advice: &crate::advisor::Advice, section: Section) -> CreateEmbed {
    let m = &content.messages;
    let view = advice_view(content, advice);
    let mut sources: Vec<&String> = Vec::new();
    for reason in &advice.reasons {
        for source in &reason.sources {
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    }
    let footer = m.fill("discord.card.sources", &[("sources", &content.cite(&sources))]);
    let embed = CreateEmbed::new()
        .title(fit(&view.heading, TITLE_MAX))
        .colour(COLOUR)
        .footer(CreateEmbedFooter::new(fit(&footer, 2_048)));
    match section {
        Section::Summary => summary(content, advice, &view, embed),
        Section::Why => {
            let reasons = advice
                .reasons
                .iter()
                .map(|r| format!("- {}", crate::view::advice::reason(content, advice, r)))
                .collect::<Vec<_>>()
                .join("\n");
            embed.description(fit(
                &format!("**{}**\n{reasons}", m.get("advice.reasons")),
                DESCRIPTION_MAX,
            ))
        }
        Section::Changes => {
            let changes = match &view.changes {
                Some(changes) if !changes.is_empty() => changes
                    .iter()
                    .map(|line| format!("- {line}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => m.get("advice.would_change_none").to_owned(),
            };
            embed.description(fit(
                &format!("**{}**\n{changes}", m.get("advice.would_change")),
                DESCRIPTION_MAX,
            ))
        }
        Section::Checklist => {
            // The checklist's own lines, under the card's title and footer.
            let lines = super::checklist::lines_text(content, &view.checklist);
            embed.description(fit(
                &format!("**{}**\n{lines}", m.get("advice.checklist")),
                DESCRIPTION_MAX,
            ))
        }
    }
}

/// The card's summary: the advice, how sure it is and what is missing, then (where a failure
/// point was worked out) the spend, break-even and stop figures as fields.
fn summary(content: &Content, advice: &crate::advisor::Advice, view: &AdviceView, embed: CreateEmbed) -> CreateEmbed {
    let m = &content.messages;
    let mut description = view.summary.clone();
    description.push_str("\n\n");
    description.push_str(confidence_words(content, advice.confidence));
    if let Some(missing) = &view.missing {
        description.push('\n');
        description.push_str(missing);
    }
    let mut embed = embed.description(fit(&description, DESCRIPTION_MAX));
    if advice.failure_point.is_some() {
        for (name, value) in [
            ("spend", "spend_value"),
            ("break_even", "break_even_value"),
            ("stop", "stop_value"),
        ] {
            let value = fill_figures(content, m.get(&format!("discord.card.{value}")), &advice.figures);
            // A figure this advice lacks leaves its placeholder: that field is left out.
            if !value.contains('{') {
                embed = embed.field(
                    fit(m.get(&format!("discord.card.{name}")), TITLE_MAX),
                    fit(&value, FIELD_MAX),
                    true,
                );
            }
        }
    }
    embed
}
