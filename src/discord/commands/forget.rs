//! `/forget`: a confirm button; the deleting happens when it is pressed (see `components`).

use super::Reply;
use crate::discord::{render, Data};

pub fn run(data: &Data, owner: u64) -> Reply {
    Reply::Message(render::forget_confirm(&data.content.messages, owner))
}
