//! The command words of a chat ("back", "skip", "edit 3"), taken from prompts/messages.toml so
//! they can be changed or translated without touching code.

use super::content::Messages;

/// A chat line that is a command rather than an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChatCommand {
    Back,
    Skip,
    Answers,
    Restart,
    Help,
    Quit,
    Advice,
    Start,
    /// Change the answer at this place in the list of answers (1-based).
    Edit(usize),
    /// Go through the brief questions (issue 31).
    Brief,
}

/// True when `text` is one of the comma-separated words under `words.<key>`.
fn is_word(messages: &Messages, key: &str, text: &str) -> bool {
    messages
        .get(&format!("words.{key}"))
        .split(',')
        .map(str::trim)
        .any(|word| !word.is_empty() && word.eq_ignore_ascii_case(text))
}

/// Reads a chat line as a command, or None when it is an answer. Only a line that is exactly a
/// command word counts, so "no, I skip lunch" stays an answer.
pub(crate) fn command(messages: &Messages, line: &str) -> Option<ChatCommand> {
    let text = line.trim().trim_end_matches(['.', '!']).trim();
    let table = [
        ("back", ChatCommand::Back),
        ("skip", ChatCommand::Skip),
        ("answers", ChatCommand::Answers),
        ("restart", ChatCommand::Restart),
        ("help", ChatCommand::Help),
        ("quit", ChatCommand::Quit),
        ("advice", ChatCommand::Advice),
        ("start", ChatCommand::Start),
        ("brief", ChatCommand::Brief),
    ];
    if let Some((_, command)) = table.iter().find(|(key, _)| is_word(messages, key, text)) {
        return Some(*command);
    }
    let (word, rest) = text.split_once(char::is_whitespace)?;
    if is_word(messages, "edit", word) {
        let number = rest.trim().trim_start_matches('#').parse().ok()?;
        return Some(ChatCommand::Edit(number));
    }
    None
}
