//! The real binary's terminal chat driven as a person at it would: a line in, the reply lines
//! read as they come, each wait bounded.

use std::time::{Duration, Instant};

/// The terminal chat as a person at it: lines in, reply lines out as they come.
pub struct Chat {
    child: std::process::Child,
    input: std::process::ChildStdin,
    heard: std::sync::mpsc::Receiver<String>,
}

impl Chat {
    pub fn start(db: &str) -> Chat {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let mut child = Command::new(crate::bot::exe())
            .arg("chat")
            .env("ADVISOR_DB", db)
            .env_remove("DISCORD_TOKEN")
            .env_remove("ADVISOR_CONTENT")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (said, heard) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if said.send(line).is_err() {
                    break;
                }
            }
        });
        Chat { child, input, heard }
    }

    /// Sends `line`, and returns what was said until a line containing `until` (within `limit`),
    /// and how long that took.
    pub fn say(&mut self, line: &str, until: &[&str], limit: Duration) -> (String, Duration) {
        use std::io::Write;
        let started = Instant::now();
        if !line.is_empty() {
            writeln!(self.input, "{line}").unwrap();
            self.input.flush().unwrap();
        }
        let mut said = String::new();
        loop {
            let left = limit.saturating_sub(started.elapsed());
            match self.heard.recv_timeout(left) {
                Ok(heard) => {
                    said.push_str(&heard);
                    said.push('\n');
                    if until.iter().any(|u| heard.contains(u)) {
                        return (said, started.elapsed());
                    }
                }
                Err(_) => panic!("no {until:?} within {limit:?} after {line:?}: {said}"),
            }
        }
    }
}

impl Drop for Chat {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
