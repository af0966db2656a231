//! The durability promise, seen from the kernel: in a piped terminal chat, every confirmed answer
//! is followed by an fsync or fdatasync of the database's data file before its reply is
//! written. Counted with `strace`; without it the test says so in one line and skips.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");

/// The first four answers of the interview, each accepted as typed.
const ANSWERS: &[&str] = &["yes", "3 hours a week", "2", "yes"];

/// What a traced line says, for this test.
#[derive(Debug, PartialEq)]
enum Event {
    /// An fsync or fdatasync of the data file has returned 0.
    DataSynced,
    /// The chat wrote a confirmation ("Got it: ...") to its output.
    Confirmed,
}

/// Reads strace's output (`-f -y`: each line starts with a pid, and file descriptors carry their
/// paths). A call that another thread interrupts is split in an `<unfinished ...>` line and a
/// `<... resumed>` line; an fsync counts when its result is printed.
fn events(trace: &str) -> Vec<Event> {
    let mut syncing = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for line in trace.lines() {
        let (pid, call) = line.split_once(' ').unwrap_or(("", line));
        let call = call.trim_start();
        let is_sync = call.starts_with("fsync(") || call.starts_with("fdatasync(");
        let of_data_file = call.contains("/db>");
        if is_sync && of_data_file {
            if call.ends_with("<unfinished ...>") {
                syncing.insert(pid.to_owned());
            } else if call.ends_with("= 0") {
                out.push(Event::DataSynced);
            }
        } else if call.starts_with("<... fsync resumed>") || call.starts_with("<... fdatasync resumed>") {
            if syncing.remove(pid) && call.ends_with("= 0") {
                out.push(Event::DataSynced);
            }
        } else if call.starts_with("write(1") && call.contains("Got it:") {
            out.push(Event::Confirmed);
        }
    }
    out
}

#[test]
fn every_confirmed_answer_of_a_piped_chat_is_behind_an_fsync_of_the_data_file() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipped: strace is not installed (apt-get install strace to run this test)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let trace = dir.path().join("trace");
    let mut child = Command::new("strace")
        .args(["-f", "-y", "-s", "64", "-e", "trace=fsync,fdatasync,write", "-o"])
        .arg(&trace)
        .arg(BIN)
        .arg("chat")
        .env("ADVISOR_DB", &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("strace runs the chat");
    let mut stdin = child.stdin.take().unwrap();
    for answer in ANSWERS {
        writeln!(stdin, "{answer}").unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().expect("the chat ends at the end of its input");
    assert!(output.status.success(), "the chat failed under strace");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        printed.matches("Got it:").count(),
        ANSWERS.len(),
        "every answer is confirmed: {printed}"
    );

    let events = events(&std::fs::read_to_string(&trace).unwrap());
    let confirmations = events.iter().filter(|e| **e == Event::Confirmed).count();
    assert_eq!(
        confirmations,
        ANSWERS.len(),
        "the trace shows every confirmation: {events:?}"
    );
    // Between one confirmation and the next (and before the first) an fsync of the data file
    // must have returned.
    let mut synced = false;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::DataSynced => synced = true,
            Event::Confirmed => {
                assert!(
                    synced,
                    "confirmation at event {i} was written before any fsync covered it: {events:?}"
                );
                synced = false;
            }
        }
    }
}

#[test]
fn the_trace_reader_counts_only_finished_syncs_of_the_data_file() {
    let trace = "\
10 fsync(5</tmp/x/db>) = 0
11 write(1</dev/pts/0>, \"Got it: yes\\n\", 12) = 12
12 fsync(7</tmp/x/conf>) = 0
12 fsync(5</tmp/x/db> <unfinished ...>
11 write(1, \"Got it: 2\\n\", 10) = 10
12 <... fsync resumed>) = 0
13 fdatasync(5</tmp/x/db>) = -1 EIO (Input/output error)
";
    assert_eq!(
        events(trace),
        [Event::DataSynced, Event::Confirmed, Event::Confirmed, Event::DataSynced]
    );
}
