//! `/advice [share]`: the recommendation from the saved answers, with the advice chart as its
//! embed's image; `share: true` posts it in the channel for the team, the only way one user's
//! advice is shown to others.
//!
//! The chart renders in well under 50 ms (see the `chart` bench), far from Discord's 3 s, so the
//! reply is not deferred.

use crate::advisor::content::Content;
use crate::discord::render::{fit, COLOUR, DESCRIPTION_MAX, FIELD_MAX, TITLE_MAX};
use crate::view::advice::advice_view;
use serenity::all::CreateEmbed;
use serenity::all::{CommandOptionType, CreateCommandOption, ResolvedOption};

use super::{flag, CommandError, Reply, SlashCommand};
use crate::chart::{Theme, SIZE};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};
use crate::store::UserId;
use crate::view::verdict::{self, Verdict};

pub(crate) const CHART_NAME: &str = "outsource-advisor-advice.png";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// `share: true`: posted in the channel rather than privately.
    pub share: bool,
}

impl SlashCommand for Advice {
    const NAME: &'static str = "advice";
    const OPTIONS: &'static [&'static str] = &["share"];

    fn options(describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        vec![CreateCommandOption::new(CommandOptionType::Boolean, "share", describe("share")).required(false)]
    }

    fn parse(options: &[ResolvedOption<'_>]) -> Self {
        Advice {
            share: flag(options, "share"),
        }
    }

    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        let share = self.share;
        let (interview, advice) = data.session().advice(&UserId::discord(owner)).await?;
        let mut embeds = embeds(&data.content, &advice);
        let verdict = Verdict::of(&data.content, &interview, &advice);
        // Discord's dark theme is the default; the image is opaque, so it reads on light too.
        // No recommendation, no picture: the embeds already say which answers are needed.
        let chart = verdict::advice_chart(&data.content, &verdict).map(|bars| bars.render(SIZE, &Theme::DARK));
        Ok(match chart {
            Some(Ok(bytes)) if !embeds.is_empty() => {
                let first = embeds.remove(0).attachment(CHART_NAME);
                embeds.insert(0, first);
                let mut message = render::private().ephemeral(!share).embeds(embeds);
                // Check-ins are offered under advice with a failure point, to its owner only.
                if advice.failure_point.is_some() && !share {
                    message = message.components(vec![super::checkins::offer(data, owner)]);
                }
                Reply::Attached {
                    message,
                    name: CHART_NAME.to_owned(),
                    bytes,
                }
            }
            other => {
                if let Some(Err(err)) = other {
                    tracing::error!(error = %err, "the advice chart could not be drawn; sent without it");
                }
                Reply::Message(render::private().ephemeral(!share).embeds(embeds))
            }
        })
    }
}

/// The advice as embeds: the recommendation with reasons and changes, then the checklist. The
/// words are the terminal's ([`advice_view`]); only the layout is Discord's.
pub fn embeds(content: &Content, advice: &crate::advisor::Advice) -> Vec<CreateEmbed> {
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
    vec![main, super::checklist::lines_embed(content, &view.checklist)]
}
