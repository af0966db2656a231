//! `/help`: what the bot does, the five sources, and what is stored about you.

use super::Reply;
use crate::discord::{render, Data};

pub fn run(data: &Data) -> Reply {
    Reply::Message(render::help(&data.content))
}
