//! Crash durability of the terminal chat: the real binary is killed with SIGKILL at random points
//! while answers stream in; every answer it had confirmed must be there when it starts again, and
//! the store must open cleanly every time.
//!
//! CI runs 50 kill points; `cargo test --release --test cli -- --ignored` runs 1,000.
//! The seed is printed and can be set with KILL_SEED to replay a run.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use advisor_testkit::kill::{self, XorShift, ANSWERS};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");
/// A confirmation is a flush to disk: generous, since CI machines can be slow.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(20);

fn confirmed_answers(db: &Path) -> Vec<(String, String)> {
    let output = Command::new(BIN)
        .args(["answers", "--json"])
        .env("ADVISOR_DB", db)
        .output()
        .expect("answers runs");
    assert!(
        output.status.success(),
        "the store must open cleanly after a kill: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Value = serde_json::from_slice(&output.stdout).expect("answers --json");
    lines
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] == "answered")
        .map(|l| {
            (
                l["question"].as_str().unwrap().to_owned(),
                l["raw"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// One life of the chat: answers are sent one at a time, each waited for until confirmed, and the
/// process is killed after `kill_after` confirmations (and possibly mid-way through the next).
/// Returns the raw answers it confirmed.
fn live_and_die(db: &Path, kill_after: usize, send_one_more: bool) -> Vec<String> {
    let mut child = Command::new(BIN)
        .arg("chat")
        .env("ADVISOR_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chat starts");
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let already = confirmed_answers_count_hint(&lines);
    let mut confirmed = Vec::new();
    for answer in ANSWERS.iter().skip(already).take(kill_after) {
        writeln!(stdin, "{answer}").unwrap();
        loop {
            let line = lines
                .recv_timeout(CONFIRM_TIMEOUT)
                .expect("the chat confirms each answer");
            if line.starts_with("Got it:") {
                confirmed.push((*answer).to_owned());
                break;
            }
        }
    }
    if send_one_more {
        if let Some(answer) = ANSWERS.get(already + confirmed.len()) {
            let _ = writeln!(stdin, "{answer}");
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    confirmed
}

/// Reads the chat's opening up to its first question and returns how many questions are already
/// answered ("Question N of M" means N-1 are).
fn confirmed_answers_count_hint(lines: &mpsc::Receiver<String>) -> usize {
    loop {
        let line = lines.recv_timeout(CONFIRM_TIMEOUT).expect("the chat opens");
        if let Some(rest) = line.strip_prefix("Question ") {
            let number: usize = rest.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(1);
            return number - 1;
        }
        if line.starts_with("Every question is answered") {
            return ANSWERS.len();
        }
    }
}

fn kill_points(count: usize) {
    let seed = kill::seed(0x5eed_cafe);
    println!("kill test: {count} kill points, KILL_SEED={seed}");
    let mut rng = XorShift(seed | 1);
    let mut kills = 0;
    while kills < count {
        let dir = tempfile::tempdir().unwrap();
        let mut expected: Vec<String> = Vec::new();
        while expected.len() < ANSWERS.len() && kills < count {
            let remaining = (ANSWERS.len() - expected.len()) as u64;
            let kill_after = rng.below(remaining.min(4)) as usize;
            let one_more = rng.below(2) == 1;
            let confirmed = live_and_die(dir.path(), kill_after, one_more);
            kills += 1;
            expected.extend(confirmed);
            let stored = confirmed_answers(dir.path());
            let stored_raw: Vec<&str> = stored.iter().map(|(_, raw)| raw.as_str()).collect();
            for (i, answer) in expected.iter().enumerate() {
                assert!(
                    stored_raw.get(i) == Some(&answer.as_str()),
                    "kill {kills} (seed {seed}): confirmed answer {i} `{answer}` is missing; stored {stored_raw:?}"
                );
            }
            // An answer sent but not confirmed may or may not have landed; either way the next
            // life resumes after whatever is stored.
            expected = stored_raw.iter().map(|s| (*s).to_owned()).collect();
        }
    }
    println!("kill test: {kills} kills survived");
}

#[test]
fn confirmed_answers_survive_sigkill_at_50_points() {
    kill_points(50);
}

#[test]
#[ignore = "long run: cargo test --release --test cli -- --ignored"]
fn confirmed_answers_survive_sigkill_at_1000_points() {
    kill_points(1_000);
}
