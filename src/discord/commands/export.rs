//! `/export [format]`: everything stored about you, as a JSON file (the same JSON as the
//! terminal's `export`), or with `format: csv` your answers alone, one row per question (the same
//! CSV as `export --csv`). The history is bounded ([`crate::store::MAX_ASSESSMENTS`]), so the file
//! fits Discord's attachment limit; should it not, it is sent without indentation, and failing that
//! a notice says to use the terminal's `export`, rather than a request Discord would refuse.

use serenity::all::{CommandOptionType, CreateCommandOption, ResolvedOption};

use super::{string, CommandError, Invocation, Reply, SlashCommand};
use crate::discord::{render, Data};
use crate::store::UserId;

/// Discord's limit on an attachment a bot sends to a server without boosts (10 MiB), when an
/// interaction names none.
pub(crate) const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;

/// What `/export` sends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// Everything stored, as JSON.
    #[default]
    Json,
    /// The answers alone, one row per question.
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Export {
    pub format: Format,
}

impl SlashCommand for Export {
    const NAME: &'static str = "export";
    /// It reads the whole history.
    const DEFERRED: bool = true;

    fn options(describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        vec![
            CreateCommandOption::new(CommandOptionType::String, "format", describe("format"))
                .add_string_choice("json", "json")
                .add_string_choice("csv", "csv")
                .required(false),
        ]
    }

    fn parse(options: &[ResolvedOption<'_>]) -> Self {
        let format = match string(options, "format") {
            Some("csv") => Format::Csv,
            _ => Format::Json,
        };
        Export { format }
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let user = UserId::discord(owner);
        let m = &data.content.messages;
        if self.format == Format::Csv {
            return Ok(Reply::File {
                text: m.get("discord.export_csv_text").to_owned(),
                name: "outsource-advisor-answers.csv".to_owned(),
                bytes: data.app().export_csv(&user).await?.into_bytes(),
            });
        }
        let value = data.app().export(&user).await?;
        let mut bytes = serde_json::to_vec_pretty(&value)?;
        // The limit Discord gave this interaction (a boosted server takes more).
        let limit = at.attachment_max;
        if bytes.len() > limit {
            bytes = serde_json::to_vec(&value)?;
        }
        if bytes.len() > limit {
            tracing::warn!(user = %user, bytes = bytes.len(), "an export too large for Discord");
            return Ok(Reply::Message(render::notice(m.get("discord.export_too_big"))));
        }
        Ok(Reply::File {
            text: m.get("discord.export_text").to_owned(),
            name: "outsource-advisor-export.json".to_owned(),
            bytes,
        })
    }
}
