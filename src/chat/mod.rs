//! The interview as a conversation of text lines: the terminal chat, and the same logic for
//! Discord's DMs and mentions.
//!
//! [`respond`] turns one line into the text to send back; [`run`] loops it over any `BufRead`, so
//! the terminal chat works the same typed or piped. End of input saves and leaves; running it again
//! resumes.
//!
//! [`text`] lays the views out as plain text for the chat, in the terminal and in Discord's DMs.

use std::io::{self, BufRead, Read, Write};

use text::Words;

use crate::advisor::chat_commands::{self, ChatCommand};
use crate::advisor::interview::{Input, Screen};
use crate::advisor::read::MAX_INPUT_CHARS;
use crate::app::interview::{Applied, Session};
use crate::store::{block_on, StoreError, UserId};
use crate::view::help::{HelpKeys, HelpView};
use crate::view::offer::FinishOffer;
use crate::view::review::ReviewView;

pub mod text;

/// The sentences of prompts/messages.toml the chat looks up by name; each front that runs the
/// chat declares them for `check`.
pub(crate) const MESSAGE_KEYS: &[&str] = &[
    "chat.greeting",
    "chat.resume",
    "chat.progress",
    "chat.progress_about",
    "chat.choices_hint",
    "chat.choice_hint",
    "chat.example",
    "chat.picks_hint",
    "chat.current_answer",
    "chat.prompt",
    "chat.help",
    "chat.help_sources",
    "chat.saved_and_left",
    "chat.finished",
    "chat.restart_done",
    "chat.nothing_before",
    "chat.stale",
    "chat.no_such_question",
    "chat.skipped",
    "chat.saved",
    "chat.unreadable",
    "chat.all_answered",
    "chat.store_error",
    "chat.all_done_skipped",
    "chat.brief_offer",
    "chat.brief_ready",
];

/// What to send back for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatReply {
    /// What to say, laid out by the front ([`Words::layout`]: the terminal shows the user's
    /// words as typed, Discord escapes them).
    pub words: Words,
    /// The user asked to leave.
    pub quit: bool,
    /// The reply lists their answers or advice: a front in a public place sends it privately.
    pub private: bool,
}

impl ChatReply {
    fn say(text: String) -> Self {
        ChatReply {
            words: Words::said(text),
            quit: false,
            private: false,
        }
    }

    fn private(text: String) -> Self {
        ChatReply {
            words: Words::said(text),
            quit: false,
            private: true,
        }
    }

    /// The reply as the terminal shows it: the user's words as typed.
    pub fn plain(&self) -> String {
        self.words.layout(text::plain)
    }
}

/// The first words of a conversation: a greeting (or welcome back) and the current question.
pub(crate) async fn opening(session: Session<'_>, user: &UserId) -> ChatReply {
    let content = session.content;
    let m = &content.messages;
    let greeting = match session.interview(user).await {
        Ok(Some(_)) => m.get("chat.resume").to_owned(),
        Ok(None) => {
            // "Up to": every question, as the first question's "of about" counts them.
            let total = content.questions.len();
            m.fill("chat.greeting", &[("total", &total.to_string())])
        }
        Err(err) => return store_error(session, user, &err),
    };
    let current = apply(session, user, Input::Start).await;
    let mut words = Words::said(format!("{greeting}\n"));
    words.push(&current.words);
    ChatReply { words, ..current }
}

/// Answers one line: a command word, or an answer to the current question.
pub async fn respond(session: Session<'_>, user: &UserId, line: &str) -> ChatReply {
    let content = session.content;
    let m = &content.messages;
    match chat_commands::command(m, line) {
        None => apply(session, user, Input::Line(line.to_owned())).await,
        Some(ChatCommand::Quit) => ChatReply {
            words: Words::said(m.get("chat.saved_and_left")),
            quit: true,
            private: false,
        },
        Some(ChatCommand::Help) => {
            let current = apply(session, user, Input::Start).await;
            let view = HelpView::of(
                content,
                HelpKeys {
                    title: None,
                    intro: "chat.help",
                    sources: "chat.help_sources",
                    sections: &[],
                },
            );
            let help = format!("{}\n", text::help(&view));
            let mut words = Words::said(help);
            words.push(&current.words);
            ChatReply { words, ..current }
        }
        Some(ChatCommand::Advice) => match session.advice(user).await {
            Ok((_, advice)) => ChatReply::private(text::advice(content, &advice)),
            Err(err) => store_error(session, user, &err),
        },
        Some(ChatCommand::Edit(number)) => {
            let interview = match session.interview(user).await {
                Ok(found) => found.unwrap_or_default(),
                Err(err) => return store_error(session, user, &err),
            };
            let lines = interview.review(content);
            match number.checked_sub(1).and_then(|i| lines.get(i)) {
                Some(line) => apply(session, user, Input::GoTo(line.question.clone())).await,
                None => ChatReply::say(m.fill("chat.no_such_question", &[("number", &number.to_string())])),
            }
        }
        Some(ChatCommand::Back) => apply(session, user, Input::Back).await,
        Some(ChatCommand::Skip) => apply(session, user, Input::Skip).await,
        Some(ChatCommand::Answers) => apply(session, user, Input::Review).await,
        Some(ChatCommand::Restart) => apply(session, user, Input::Restart).await,
        Some(ChatCommand::Start) => apply(session, user, Input::Start).await,
        Some(ChatCommand::Brief) => apply(session, user, Input::BriefQuestions).await,
    }
}

/// The friendly line for a store failure. The error itself goes to the log, never into a reply:
/// it can name the server's database path, or a user id, and a reply may land in a channel.
fn store_error(session: Session, user: &UserId, err: &StoreError) -> ChatReply {
    tracing::error!(user = %user, error = %err, "store error while answering a chat message");
    ChatReply::say(session.content.messages.get("chat.store_error").to_owned())
}

async fn apply(session: Session<'_>, user: &UserId, input: Input) -> ChatReply {
    match session.apply(user, input, None).await {
        Ok(applied) => show(session, &applied),
        Err(err) => store_error(session, user, &err),
    }
}

/// The text for what an input led to: the note, then the screen.
fn show(session: Session, applied: &Applied) -> ChatReply {
    let content = session.content;
    let m = &content.messages;
    let turn = &applied.turn;
    let mut parts: Vec<Words> = Vec::new();
    // Private: anything that carries a saved answer ("Got it: …", "Your answer so far: …"), the
    // list of answers or the advice. A front in a public place sends it by DM.
    let mut private = false;
    let answered = turn.answered.as_ref().and_then(|id| turn.interview.answers.get(id));
    if let Some(answer) = answered {
        private = true;
        parts.push(text::saved(content, &answer.question, &answer.reading));
    } else if let Some(words) = turn.note.and_then(|note| text::note(content, note)) {
        parts.push(Words::said(words));
    }
    match &turn.screen {
        Screen::Ask(ask) => {
            private |= ask.current.is_some();
            if let Some(offer) = FinishOffer::of(content, turn) {
                parts.push(Words::said(format!("\n{} {}", offer.text, offer.chat_hint)));
            }
            parts.push(Words::said("\n"));
            parts
                .last_mut()
                .expect("just pushed")
                .push(&text::question(content, ask));
        }
        Screen::Reask { ask, problem } => parts.push(Words::said(text::problem(content, ask, problem))),
        Screen::Confirm { ask, reading, doubt } => {
            parts.push(Words::said(text::confirm(content, ask, reading, *doubt)))
        }
        Screen::Review(lines) => {
            private = true;
            parts.push(text::review(&ReviewView::of(content, lines)));
            match turn.interview.screen(content) {
                Screen::Ask(ask) => {
                    let mut words = Words::said("\n");
                    words.push(&text::question(content, &ask));
                    parts.push(words);
                }
                Screen::Confirm { ask, reading, doubt } => parts.push(Words::said(format!(
                    "\n{}",
                    text::confirm(content, &ask, &reading, doubt)
                ))),
                _ => {}
            }
        }
        Screen::Done => {
            if let Some(advice) = &applied.advice {
                private = true;
                parts.push(Words::said(format!(
                    "\n{}\n\n{}",
                    m.get("chat.finished"),
                    text::advice(content, advice)
                )));
            }
            parts.push(Words::said(format!(
                "\n{}",
                text::all_done(content, &turn.interview, "chat")
            )));
            // Issue 31: once the advice is in, the brief questions are offered; once asked, the
            // owner is told where the brief is.
            let brief = if turn.interview.brief {
                m.get("chat.brief_ready").to_owned()
            } else {
                m.fill(
                    "chat.brief_offer",
                    &[("count", &content.brief_questions.len().to_string())],
                )
            };
            parts.push(Words::said(format!("\n{brief}")));
        }
    }
    ChatReply {
        words: Words::join(&parts, "\n"),
        quit: false,
        private,
    }
}

/// The most bytes of one line the terminal chat keeps: the longest answer the readers take
/// ([`MAX_INPUT_CHARS`] characters, of up to 4 bytes each) and a margin. A longer line is read on
/// to its end and dropped past this, so a stream with no newline never fills memory; what is kept
/// is already too long to be read, and is refused as such.
pub(crate) const LINE_CAP: usize = 4 * MAX_INPUT_CHARS + 1024;

/// One line of the terminal's input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// A line of text, without its line ending. A line longer than [`LINE_CAP`] is its first
    /// [`LINE_CAP`] bytes (any character cut in two shown as U+FFFD), too long to be read.
    Text(String),
    /// Bytes that are not UTF-8: nothing can be read from them, and nothing is guessed.
    NotText,
}

/// Reads the next line of `input` into `buf`, keeping at most [`LINE_CAP`] bytes of it; None at
/// the end of the input.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
    buf.clear();
    let read = input.by_ref().take(LINE_CAP as u64 + 1).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(None);
    }
    let long = buf.last() != Some(&b'\n') && buf.len() > LINE_CAP;
    if long {
        // Past the cap: the rest of the line is read and dropped, one buffer at a time.
        buf.truncate(LINE_CAP);
        loop {
            let available = input.fill_buf()?;
            if available.is_empty() {
                break;
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    input.consume(end + 1);
                    break;
                }
                None => {
                    let all = available.len();
                    input.consume(all);
                }
            }
        }
        return Ok(Some(Line::Text(String::from_utf8_lossy(buf).into_owned())));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(match std::str::from_utf8(buf) {
        Ok(text) => Line::Text(text.to_owned()),
        Err(_) => Line::NotText,
    }))
}

/// The reply to a line that is not text: it is refused, and the current question asked again.
async fn not_text(session: Session<'_>, user: &UserId) -> ChatReply {
    let current = apply(session, user, Input::Start).await;
    let mut words = Words::said(format!("{}\n", session.content.messages.get("cli.chat_not_text")));
    words.push(&current.words);
    ChatReply { words, ..current }
}

/// Runs the terminal chat for `user` until they quit or the input ends. The `> ` prompt is shown
/// only when `prompt` is set (a person at a terminal), so piped output stays whole lines.
///
/// Lines are read with a cap ([`LINE_CAP`]); a line that is not UTF-8 is refused like any
/// unreadable answer and the chat goes on.
pub(crate) fn run(
    session: Session,
    user: &UserId,
    mut input: impl BufRead,
    mut out: impl Write,
    prompt: bool,
) -> io::Result<()> {
    let prompt = if prompt {
        session.content.messages.get("chat.prompt")
    } else {
        ""
    };
    // The terminal has no runtime of its own: each reply is run to completion here, the thread
    // sleeping until the flush thread says the answer is on disk.
    let opening = block_on(opening(session, user));
    write!(out, "{}\n{prompt}", opening.plain())?;
    out.flush()?;
    let mut buf = Vec::new();
    while let Some(line) = next_line(&mut input, &mut buf)? {
        let reply = match line {
            Line::Text(line) => block_on(respond(session, user, &line)),
            Line::NotText => block_on(not_text(session, user)),
        };
        if reply.quit {
            break;
        }
        write!(out, "{}\n{prompt}", reply.plain())?;
        out.flush()?;
    }
    writeln!(out, "\n{}", session.content.messages.get("chat.saved_and_left"))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::{next_line, Line, LINE_CAP};

    fn lines(input: &[u8]) -> Vec<Line> {
        let mut input = std::io::BufReader::with_capacity(64, input);
        let mut buf = Vec::new();
        let mut found = Vec::new();
        while let Some(line) = next_line(&mut input, &mut buf).unwrap() {
            found.push(line);
            assert!(buf.capacity() <= 2 * (LINE_CAP + 1), "a line is kept within the cap");
        }
        found
    }

    #[test]
    fn lines_are_text_up_to_the_cap_and_bytes_that_are_not_utf8_are_a_line_of_their_own() {
        let text = |s: &str| Line::Text(s.to_owned());
        assert_eq!(lines(b"a\nb\r\n\nlast"), [text("a"), text("b"), text(""), text("last")]);
        assert_eq!(lines(b"\xff\xfe\nbakery\n"), [Line::NotText, text("bakery")]);
        assert_eq!(lines("caf\u{e9}\n".as_bytes()), [text("caf\u{e9}")]);
        let at_cap = "x".repeat(LINE_CAP);
        assert_eq!(
            lines(format!("{at_cap}\nnext\n").as_bytes()),
            [text(&at_cap), text("next")]
        );
        let endless = "y".repeat(LINE_CAP * 5);
        let found = lines(format!("{endless}\nnext\n").as_bytes());
        assert_eq!(found, [text(&endless[..LINE_CAP]), text("next")], "the rest is dropped");
        assert_eq!(lines(endless.as_bytes()), [text(&endless[..LINE_CAP])]);
    }
}
