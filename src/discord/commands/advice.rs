//! `/advice [share]`: the recommendation from the saved answers; `share: true` posts it in the
//! channel for the team, the only way one user's advice is shown to others.

use super::{failed, Reply};
use crate::discord::{render, Data};
use crate::store::UserId;

pub async fn run(data: &Data, owner: u64, share: bool) -> Reply {
    match data.session().advice(&UserId::discord(owner)).await {
        Ok((_, advice)) => {
            let embeds = render::advice_embeds(&data.content, &advice);
            let message = render::private().ephemeral(!share).embeds(embeds);
            Reply::Message(message)
        }
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
