//! `/checklist`: the metric checklist alone.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::UserId;

pub async fn run(data: &Data, owner: u64) -> Reply {
    match data.session().advice(&UserId::discord(owner)).await {
        Ok((_, advice)) => Reply::Message(render::private().embed(render::checklist_embed(&data.content, &advice))),
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
