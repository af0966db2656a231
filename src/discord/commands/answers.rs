//! `/answers`: your saved answers, with a select menu to change one.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::UserId;

pub async fn run(data: &Data, owner: u64) -> Reply {
    match data.session().interview(&UserId::discord(owner)).await {
        Ok(interview) => {
            let interview = interview.unwrap_or_default();
            let lines = interview.review(&data.content);
            Reply::Message(render::answers(&data.content, owner, &interview, &lines))
        }
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
