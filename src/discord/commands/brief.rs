//! `/brief`: the brief made from your answers, as a private Markdown file: the same document as
//! the terminal's `brief`.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::UserId;

pub const FILE_NAME: &str = "outsource-advisor-brief.md";

pub async fn run(data: &Data, owner: u64) -> Reply {
    let m = &data.content.messages;
    match data.session().advice(&UserId::discord(owner)).await {
        Ok((interview, advice)) => match crate::brief::from_answers(&data.content, &interview, &advice) {
            Some(brief) => Reply::File {
                text: m.get("discord.brief_text").to_owned(),
                name: FILE_NAME.to_owned(),
                bytes: brief.markdown().into_bytes(),
            },
            None => Reply::Message(render::notice(m.get("brief.no_answers"))),
        },
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
