//! The interview by plain messages: in a DM, or by mentioning the bot in a server channel. The
//! same words and readers as the terminal chat ([`crate::chat`]).

use super::{render, Data};
use crate::advisor::chat_commands::{self, ChatCommand};
use crate::chat;
use crate::discord::DiscordUserId;
use crate::store::UserId;

/// Where the text of a reply goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// The channel the message came from.
    Here,
    /// A DM with its author: answers and advice never go to a public channel.
    Private,
}

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatReply {
    pub to: Destination,
    pub text: String,
}

/// The words of a message addressed to the bot, without the mention itself.
pub(crate) fn strip_mention(content: &str, bot: DiscordUserId) -> String {
    content
        .replace(&format!("<@{bot}>"), "")
        .replace(&format!("<@!{bot}>"), "")
        .trim()
        .to_owned()
}

/// What to send back for a message from `author` (mention already stripped).
pub(crate) async fn respond(data: &Data, author: DiscordUserId, text: &str, in_guild: bool) -> Vec<ChatReply> {
    let session = data.session();
    let user = UserId::discord(author);
    let opening =
        text.trim().is_empty() || chat_commands::command(&data.content.messages, text) == Some(ChatCommand::Start);
    // A first message is greeted: what this is, how long, and that it is private.
    // Only an opening ("hi", "start") is looked at: no extra read on every answer.
    let first = opening && matches!(session.interview(&user).await, Ok(None));
    let reply = if text.trim().is_empty() {
        chat::opening(session, &user).await
    } else {
        chat::respond(session, &user, text).await
    };
    let mut out = Vec::new();
    let to = if in_guild && reply.private {
        out.push(ChatReply {
            to: Destination::Here,
            text: data.content.messages.get("discord.sent_privately").to_owned(),
        });
        Destination::Private
    } else {
        // Offered when the conversation starts, not on every answer.
        if in_guild && opening {
            out.push(ChatReply {
                to: Destination::Here,
                text: data.content.messages.get("discord.dm_offer").to_owned(),
            });
        }
        Destination::Here
    };
    let mut said = reply.words.layout(render::escape);
    if first {
        let (questions, minutes) = *data
            .length
            .get_or_init(|| super::commands::assess::length(&data.content));
        let welcome = data.content.messages.fill(
            "discord.card.welcome_chat",
            &[("questions", &questions.to_string()), ("minutes", &minutes.to_string())],
        );
        said = format!("{welcome}\n\n{said}");
    }
    out.extend(
        render::chunks(&said)
            .into_iter()
            .map(|text| ChatReply { to: to.clone(), text }),
    );
    out
}
