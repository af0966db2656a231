//! `/assess`: start the interview, or resume it at the question it stands at.

use super::{failed, screen, Reply};
use crate::advisor::interview::Input;
use crate::discord::Data;
use crate::store::UserId;

/// A check-in that could not be sent for closed DMs is told here too (see `/progress`).
pub async fn run(data: &Data, owner: u64) -> Reply {
    let user = UserId::discord(owner);
    let notice = match super::progress::dms_closed_notice(data, &user).await {
        Ok(notice) => notice,
        Err(err) => return Reply::Message(failed(data, &err)),
    };
    match data.session().apply(&user, Input::Start, None).await {
        Ok(applied) => {
            let message = screen(data, owner, &applied);
            Reply::Message(match notice {
                Some(notice) => message.add_embed(notice),
                None => message,
            })
        }
        Err(err) => Reply::Message(failed(data, &err)),
    }
}
