//! `/assess`: start the interview, or resume it at the question it stands at.

use super::{failed, screen, Reply};
use crate::advisor::interview::Input;
use crate::discord::Data;
use crate::store::UserId;

pub async fn run(data: &Data, owner: u64) -> Reply {
    match data.session().apply(&UserId::discord(owner), Input::Start, None).await {
        Ok(applied) => Reply::Message(screen(data, owner, &applied)),
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
