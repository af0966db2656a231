//! The terminal chat: the interview one line at a time, on the same engine and store as Discord.
//!
//! It reads lines from any `BufRead`, so it works the same typed at a terminal or piped from a
//! script, and writes plain lines. End of input saves and leaves; running it again resumes.

use std::io::{self, BufRead, Write};

use crate::advisor::interview::{Input, Screen};
use crate::advisor::words::{self, Command};
use crate::session::{Applied, Session};
use crate::store::UserId;
use crate::text;

/// Runs the chat for `user` until they quit or the input ends.
pub fn run(session: Session, user: &UserId, input: impl BufRead, mut out: impl Write) -> io::Result<()> {
    let content = session.content;
    let m = &content.messages;
    let stored = session.interview(user).map_err(io::Error::other)?;
    let opening = match &stored {
        Some(_) => m.get("chat.resume").to_owned(),
        None => {
            let total = crate::advisor::Interview::default().applicable(content).len();
            m.fill("chat.greeting", &[("total", &total.to_string())])
        }
    };
    writeln!(out, "{opening}")?;
    let mut chat = Chat { session, user, out };
    chat.apply(Input::Start)?;

    for line in input.lines() {
        let line = line?;
        let keep_going = match words::command(m, &line) {
            Some(Command::Quit) => false,
            Some(command) => chat.command(command)?,
            None => chat.apply(Input::Answer(line))?,
        };
        if !keep_going {
            break;
        }
    }
    writeln!(chat.out, "{}", m.get("chat.saved_and_left"))?;
    chat.out.flush()
}

struct Chat<'a, W: Write> {
    session: Session<'a>,
    user: &'a UserId,
    out: W,
}

impl<W: Write> Chat<'_, W> {
    fn command(&mut self, command: Command) -> io::Result<bool> {
        let content = self.session.content;
        match command {
            Command::Help => {
                writeln!(self.out, "{}", content.messages.get("chat.help"))?;
                self.apply(Input::Start)
            }
            Command::Advice => {
                match self.session.advice(self.user) {
                    Ok((_, advice)) => {
                        writeln!(self.out, "{}", text::advice(content, &advice))?;
                        self.prompt()
                    }
                    Err(err) => self.store_error(&err),
                }
            }
            Command::Edit(number) => {
                let interview = match self.session.interview(self.user) {
                    Ok(found) => found.unwrap_or_default(),
                    Err(err) => return self.store_error(&err),
                };
                let lines = interview.review(content);
                match number.checked_sub(1).and_then(|i| lines.get(i)) {
                    Some(line) => self.apply(Input::GoTo(line.question.clone())),
                    None => {
                        let text = content.messages.fill("chat.no_such_question", &[("number", &number.to_string())]);
                        writeln!(self.out, "{text}")?;
                        self.prompt()
                    }
                }
            }
            Command::Back => self.apply(Input::Back),
            Command::Skip => self.apply(Input::Skip),
            Command::Answers => self.apply(Input::Review),
            Command::Restart => self.apply(Input::Restart),
            Command::Start => self.apply(Input::Start),
            Command::Quit => Ok(false),
        }
    }

    fn store_error(&mut self, err: &crate::store::StoreError) -> io::Result<bool> {
        let text = self.session.content.messages.fill("chat.store_error", &[("error", &err.to_string())]);
        writeln!(self.out, "{text}")?;
        self.prompt()
    }

    fn apply(&mut self, input: Input) -> io::Result<bool> {
        match self.session.apply(self.user, input, None) {
            Ok(applied) => self.show(applied),
            Err(err) => self.store_error(&err),
        }
    }

    fn show(&mut self, applied: Applied) -> io::Result<bool> {
        let content = self.session.content;
        let turn = &applied.turn;
        if let Some(note) = turn.note {
            let answer = turn.answered.as_ref().and_then(|id| turn.interview.answers.get(id));
            if let Some(answer) = answer {
                writeln!(self.out, "{}", text::saved(content, &answer.question, &answer.reading))?;
            } else if let Some(words) = text::note(content, note) {
                writeln!(self.out, "{words}")?;
            }
        }
        match &turn.screen {
            Screen::Ask(ask) => writeln!(self.out, "\n{}", text::question(content, ask, text::plain))?,
            Screen::Reask { ask, problem } => writeln!(self.out, "{}", text::problem(content, ask, problem))?,
            Screen::Review(lines) => {
                writeln!(self.out, "{}", text::review(content, lines, text::plain))?;
                if let Screen::Ask(ask) = turn.interview.screen(content) {
                    writeln!(self.out, "\n{}", text::question(content, &ask, text::plain))?;
                }
            }
            Screen::Done => {
                if let Some(advice) = &applied.advice {
                    writeln!(self.out, "\n{}\n\n{}", content.messages.get("chat.finished"), text::advice(content, advice))?;
                }
                writeln!(self.out, "\n{}", content.messages.get("chat.all_answered"))?;
            }
        }
        self.prompt()
    }

    fn prompt(&mut self) -> io::Result<bool> {
        write!(self.out, "{}", self.session.content.messages.get("chat.prompt"))?;
        self.out.flush()?;
        Ok(true)
    }
}
