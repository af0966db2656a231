//! `/brief`: the brief made from your answers, as a private Markdown file and the same as a PDF
//! (issue 31: what an owner on a phone opens, and sends to a provider): the same documents as the
//! terminal's `brief` and `brief --pdf`.

use serenity::all::{ButtonStyle, CommandOptionType, CreateActionRow, CreateCommandOption, ResolvedOption};

use super::{flag, screen, CommandError, Invocation, Reply, SlashCommand};
use crate::advisor::interview::Input;
use crate::discord::custom_id::Action;
use crate::discord::{render, Data};
use crate::store::UserId;

pub(crate) const FILE_NAME: &str = "outsource-advisor-brief.md";
pub(crate) const PDF_NAME: &str = "outsource-advisor-brief.pdf";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Brief {
    /// `questions: true`: the brief questions (issue 31), asked like /assess's, one card each;
    /// the files come from /brief once they are answered or skipped.
    pub questions: bool,
}

impl SlashCommand for Brief {
    const NAME: &'static str = "brief";

    fn options(describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        vec![CreateCommandOption::new(CommandOptionType::Boolean, "questions", describe("questions")).required(false)]
    }

    fn parse(options: &[ResolvedOption<'_>]) -> Self {
        Brief {
            questions: flag(options, "questions"),
        }
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let m = &data.content.messages;
        if self.questions {
            let applied = data
                .session()
                .apply(&UserId::discord(owner), Input::BriefQuestions, None)
                .await?;
            return Ok(Reply::Message(screen(data, owner, &applied)));
        }
        let (interview, advice) = data.session().advice(&UserId::discord(owner)).await?;
        Ok(match crate::brief::from_answers(&data.content, &interview, &advice) {
            Some(brief) => {
                let mut files = vec![(FILE_NAME.to_owned(), brief.markdown().into_bytes())];
                // The PDF is a defect if it fails (no input of the owner's can break it): logged,
                // and the Markdown still goes out.
                match crate::brief::pdf::render(&data.content, &brief) {
                    Ok(pdf) => files.push((PDF_NAME.to_owned(), pdf)),
                    Err(err) => tracing::error!(error = %err, "the brief's PDF"),
                }
                Reply::Files {
                    text: m.get("discord.brief_text").to_owned(),
                    files,
                }
            }
            // Nothing answered: *Start*, never instructions for a terminal.
            None => Reply::Message(render::notice(m.get("discord.card.brief_empty")).components(vec![
                CreateActionRow::Buttons(vec![render::button(
                    owner,
                    Action::Resume,
                    m.get("discord.card.start"),
                    ButtonStyle::Primary,
                )]),
            ])),
        })
    }
}
