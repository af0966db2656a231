//! `/history`: past assessments and how the advice moved between them.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::UserId;
use crate::text;

pub async fn run(data: &Data, owner: u64) -> Reply {
    match data.store.load(&UserId::discord(owner)).await {
        Ok(stored) => {
            let name = data.content.messages.get("discord.you");
            let listing = text::history(&data.content, &stored.assessments, name);
            Reply::Message(render::notice(&listing))
        }
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
