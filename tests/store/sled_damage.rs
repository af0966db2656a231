//! A damaged sled store is never made worse: every command on it either refuses it, leaving
//! every file byte for byte as it was, or opens it with every confirmed record still there. Before,
//! opening ran sled's recovery in place, which cut the data file at the first damaged record:
//! one flipped byte lost the records of every user written after it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use outsource_advisor::advisor::{Answer, Interview, Reading};
use outsource_advisor::store::{block_on, SledStore, Store, UserId};

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");
const USERS: usize = 6;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("ADVISOR_DB", db)
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .output()
        .unwrap()
}

/// Every file under `dir` and its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            found.extend(files(&entry.path()));
        } else {
            found.insert(entry.path(), std::fs::read(entry.path()).unwrap());
        }
    }
    found
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A store where each of six users has answered ten questions, one user after another.
fn made(dir: &Path) {
    let store = SledStore::open(dir).unwrap();
    for u in 0..USERS {
        let who = UserId::local(&format!("user{u}"));
        for q in 0..10 {
            block_on(store.update_interview(&who, &mut |current| {
                let mut interview: Interview = current.unwrap_or_default();
                let text = format!("answer {u}-{q}");
                interview.answers.insert(
                    format!("q{q}"),
                    Answer {
                        question: format!("q{q}"),
                        raw: text.clone(),
                        reading: Reading::Text { text },
                        at: 1,
                    },
                );
                Some(interview)
            }))
            .unwrap();
        }
    }
}

/// Single bytes flipped across the data file's records: every command (a read, an answer, an
/// export) on the damaged store refuses it with a message that says nothing was changed, and
/// leaves it byte for byte; none opens it with a confirmed record gone.
#[test]
fn a_flipped_byte_is_refused_by_every_command_and_the_store_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    made(&good);
    let data = std::fs::read(good.join("db")).unwrap();
    let written = data.iter().rposition(|&b| b != 0).unwrap();
    let offsets: Vec<usize> = (1..=12).map(|n| written * n / 13).collect();
    let mut refused = 0;
    for offset in offsets {
        let damaged = dir.path().join(format!("flip{offset}"));
        copy_dir(&good, &damaged);
        let mut bytes = std::fs::read(damaged.join("db")).unwrap();
        bytes[offset] ^= 0x5a;
        std::fs::write(damaged.join("db"), &bytes).unwrap();
        let before = files(&damaged);
        for args in [
            &["answers", "--user", "user0"][..],
            &["chat", "--user", "user5"],
            &["export", "--user", "user3"],
        ] {
            let output = run(&damaged, args);
            let err = String::from_utf8_lossy(&output.stderr);
            if output.status.success() {
                // Opened: then nothing was lost, for any user.
                for u in 0..USERS {
                    let export = run(&damaged, &["export", "--user", &format!("user{u}")]);
                    let text = String::from_utf8_lossy(&export.stdout);
                    assert!(
                        (0..10).all(|q| text.contains(&format!("answer {u}-{q}"))),
                        "flip at {offset}: {args:?} opened the store without user{u}'s answers"
                    );
                }
            } else {
                refused += 1;
                assert!(
                    err.contains("looks damaged") && err.contains("nothing was changed"),
                    "{err}"
                );
                assert!(err.contains("salvage"), "the way out is named: {err}");
                assert!(
                    before == files(&damaged),
                    "flip at {offset}: {args:?} changed the files"
                );
            }
        }
    }
    eprintln!("{refused} of 36 commands on 12 flipped stores refused the store");
    assert!(refused > 0, "some flips were refused");
}

/// `salvage` saves every record sled can still read from a store `open` refuses, into a new store
/// (or as JSON), reading it only through a copy: the damaged store stays byte for byte, and what
/// is saved are the users' records as they were written.
#[test]
fn salvage_saves_the_readable_records_of_a_refused_store_into_a_new_one_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged");
    made(&damaged);
    let mut bytes = std::fs::read(damaged.join("db")).unwrap();
    let written = bytes.iter().rposition(|&b| b != 0).unwrap();
    // Late in the log: the users written before it are readable.
    bytes[written * 12 / 13] ^= 0x5a;
    std::fs::write(damaged.join("db"), &bytes).unwrap();
    let refused = run(&damaged, &["export", "--user", "user0"]);
    assert!(!refused.status.success(), "the damaged store is refused");
    let before = files(&damaged);

    let saved = dir.path().join("saved");
    let output = run(&damaged, &["salvage", "--to", saved.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("was left as it was"), "{said}");
    assert!(before == files(&damaged), "salvage changed the damaged store");

    let json = run(&damaged, &["salvage", "--json"]);
    assert!(json.status.success());
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(before == files(&damaged), "salvage --json changed the damaged store");

    // The new store opens, and every answer in it is one that was written.
    let mut complete = 0;
    for u in 0..USERS {
        let export = run(&saved, &["export", "--user", &format!("user{u}")]);
        assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
        let text = String::from_utf8_lossy(&export.stdout).into_owned();
        let found = (0..10).filter(|q| text.contains(&format!("answer {u}-{q}"))).count();
        complete += usize::from(found == 10);
    }
    eprintln!("salvaged: {complete} of {USERS} users complete");
    assert!(complete >= 1, "the users written before the damage are saved");
    let listed = json["users"].as_array().unwrap();
    assert!((complete..=USERS).contains(&listed.len()), "{json}");
    assert!(listed.iter().any(|u| u["user"] == "local:user0"), "{json}");
    // Refusing to write over a folder that exists.
    let again = run(&damaged, &["salvage", "--to", saved.to_str().unwrap()]);
    assert!(!again.status.success());
}
