//! Faults a deployment meets, played against the real binary: a mistyped database URL, bytes
//! that are not text on the terminal, an endless line, a store that fails under the chat.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");

/// Runs the binary in `cwd` with `db` as ADVISOR_DB, `stdin` piped in whole.
fn run_in(cwd: &Path, db: &str, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("ADVISOR_DB", db)
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Written from a thread of its own: a large input would otherwise fill the pipe while the
    // binary's output fills the other.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().unwrap();
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file and folder under `dir`, for "nothing was created".
fn entries(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// A URL whose scheme is not postgres:// (misspelt, another database's, or with spaces around
/// it) is refused in one line that never shows its password, and no folder is made of it.
#[test]
fn a_mistyped_database_url_is_refused_in_one_line_without_its_password_and_makes_no_folder() {
    let names = [
        "postgress://ann:s3cretpw@127.0.0.1:5432/advisor",
        "sqlite://ann:s3cretpw@localhost/advisor.db",
        " sqlite:///var/lib/advisor.db?password=s3cretpw",
        "mysql://root:s3cretpw@db/advisor",
        "postgres:/ann:s3cretpw@127.0.0.1/advisor",
    ];
    for name in names {
        let cwd = tempfile::tempdir().unwrap();
        for args in [&["chat"][..], &["export"], &["answers"]] {
            let output = run_in(cwd.path(), name, args, b"bakery\n", &[]);
            let (out, err) = (text(&output.stdout), text(&output.stderr));
            assert!(!output.status.success(), "{name:?} {args:?} is refused: {out}{err}");
            assert_eq!(err.lines().count(), 1, "{name:?} {args:?}: one line: {err}");
            assert!(err.contains("postgres://"), "{name:?}: says what would work: {err}");
            assert!(
                !out.contains("s3cretpw") && !err.contains("s3cretpw"),
                "{name:?}: the password is shown: {err}"
            );
            assert!(!out.contains("Got it"), "{name:?}: nothing is confirmed: {out}");
        }
        assert_eq!(
            entries(cwd.path()),
            Vec::<String>::new(),
            "{name:?}: nothing is created"
        );
    }
}

/// A postgres:// URL in another case or after spaces is the server it names, not a folder: here
/// a port nothing listens on, so it cannot be reached, and the message says so without the
/// password.
#[test]
fn a_postgres_url_in_capitals_or_after_a_space_names_the_server_not_a_folder() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    for scheme in ["Postgres", " postgres", "POSTGRESQL"] {
        let cwd = tempfile::tempdir().unwrap();
        let name = format!("{scheme}://ann:s3cretpw@127.0.0.1:{port}/advisor");
        let output = run_in(cwd.path(), &name, &["export"], b"", &[]);
        let err = text(&output.stderr);
        assert!(!output.status.success(), "{name:?}");
        assert!(err.contains("could not be reached"), "{name:?}: {err}");
        assert!(!err.contains("s3cretpw"), "{name:?}: {err}");
        assert_eq!(
            entries(cwd.path()),
            Vec::<String>::new(),
            "{name:?}: nothing is created"
        );
    }
}

/// The dentist persona's answers, in the order the questions come for them.
fn dentist() -> Vec<String> {
    use advisor_testkit::common;
    common::typed_in_order(
        &outsource_advisor::advisor::Content::built_in(),
        &common::persona("dentist").answers,
    )
}

/// A line of bytes that are not UTF-8 is refused like an answer that cannot be read, and the
/// chat goes on to the next line (it used to end the chat, dropping the rest of the input).
#[test]
fn a_line_that_is_not_utf8_is_refused_and_the_chat_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let answers = dentist();
    let mut input = b"\xff\xfe caf\xe9\n".to_vec();
    input.extend(format!("{}\n{}\n", answers[0], answers[1]).as_bytes());
    let output = run_in(dir.path(), db.to_str().unwrap(), &["chat"], &input, &[]);
    let out = text(&output.stdout);
    assert!(output.status.success(), "{out}{}", text(&output.stderr));
    assert!(out.contains("isn't text I can decode"), "{out}");
    assert_eq!(
        out.matches("Got it").count(),
        2,
        "both answers after it are stored: {out}"
    );
}

/// The peak memory of process `pid` so far, in KiB (VmHWM).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A line of 256 MiB is read within the line cap: refused as too long, the chat still answering
/// after it, and the process's peak memory far below the line's size (the whole line was read
/// into memory before; a 1.5 GB stream took 4.4 GB).
#[test]
fn an_endless_line_is_refused_as_too_long_without_filling_memory() {
    use std::io::BufRead;
    const LINE: usize = 256 << 20;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg("chat")
        .env("ADVISOR_DB", dir.path().join("db"))
        .env_remove("DISCORD_TOKEN")
        .env_remove("ADVISOR_CONTENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let (said, heard) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if said.send(line).is_err() {
                break;
            }
        }
    });
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..LINE >> 20 {
        input.write_all(&chunk).unwrap();
    }
    input.write_all(b"\n").unwrap();
    input.flush().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut seen = String::new();
    while !seen.contains("longer than I can read") {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match heard.recv_timeout(left) {
            Ok(line) => seen.push_str(&line),
            Err(_) => panic!("no reply to the long line within 60 s: {seen}"),
        }
    }
    let peak = peak_kib(child.id());
    let answers = dentist();
    writeln!(input, "{}", answers[0]).unwrap();
    drop(input);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: String = heard.try_iter().collect();
    assert!(status.success());
    eprintln!("a {} MiB line: peak memory {peak} KiB", LINE >> 20);
    assert!(rest.contains("Got it"), "the chat goes on after the long line: {rest}");
    assert!(peak < 64 * 1024, "peak memory {peak} KiB for a {} MiB line", LINE >> 20);
}

/// A store error in the terminal chat is logged on stderr with the user and the cause, at the
/// default log level (it was logged nowhere, at any RUST_LOG), and never with the record's words;
/// the chat says only that something went wrong.
#[test]
fn a_store_error_in_the_chat_is_logged_with_the_user_and_the_cause() {
    use outsource_advisor::store::{block_on, RecordKind, SledStore, Store, UserId};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let store = SledStore::open(&db).unwrap();
        let newer = br#"{"v":99,"data":{"answers":{"niche":{"raw":"my secret bakery"}}}}"#;
        store
            .raw_db()
            .insert(RecordKind::Interview.key(&UserId::local("ann")), &newer[..])
            .unwrap();
        block_on(store.flush()).unwrap();
    }
    let output = run_in(
        dir.path(),
        db.to_str().unwrap(),
        &["chat", "--user", "ann"],
        b"bakery\n",
        &[],
    );
    let (out, err) = (text(&output.stdout), text(&output.stderr));
    assert!(out.contains("Something went wrong"), "{out}");
    let line = err
        .lines()
        .find(|l| l.contains("ERROR") && l.contains("local:ann"))
        .unwrap_or_else(|| panic!("no error line naming the user: {err}"));
    assert!(line.contains("schema 99"), "the cause: {line}");
    assert!(!err.contains("secret bakery") && !err.contains("bakery\n"), "{err}");
}

/// A 2 MB tmpfs mounted for one test, unmounted when dropped; None (after one line) where this
/// test may not mount one.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: a 2 MB tmpfs could not be mounted here (needs root)");
            return None;
        }
        Some(SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// The store on a small disk that fills mid-chat: answers get the friendly line while it is full,
/// and once space is freed the next answer is stored by the same process, with no restart. Before,
/// sled kept its write error for the life of the process: every later input failed, 0 of 3 after
/// the space was freed.
#[test]
fn a_full_disk_passes_without_a_restart_and_the_next_answer_is_stored_by_the_same_process() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&dir.path().join("disk")) else {
        return;
    };
    let db = disk.0.join("db");
    let limit = std::time::Duration::from_secs(10);
    let mut chat = advisor_testkit::chat::Chat::start(db.to_str().unwrap());
    chat.say("", &["?"], limit);
    let answers = dentist();
    chat.say(&answers[0], &["Got it"], limit);
    // Fill the disk.
    let filler = disk.0.join("filler");
    {
        let mut file = std::fs::File::create(&filler).unwrap();
        let chunk = vec![7u8; 64 * 1024];
        while file.write_all(&chunk).is_ok() {}
        let _ = file.sync_all();
    }
    // Answer on (back and again, to keep writing) until a write fails.
    let mut failed = None;
    for n in 0..400 {
        let line = if n % 2 == 0 { "back" } else { answers[0].as_str() };
        let (said, _) = chat.say(line, &["?", "went wrong"], limit);
        if said.contains("went wrong") {
            failed = Some(n);
            break;
        }
    }
    let failed = failed.expect("a write failed on the full disk");
    // Still full: the friendly line again, at once. (Reads too: sled cannot be opened again
    // while the disk is full, and the failed one refuses every call.)
    let (said, _) = chat.say(&answers[0], &["Got it", "went wrong"], limit);
    assert!(said.contains("went wrong"), "{said}");
    std::fs::remove_file(&filler).unwrap();
    // Space freed: the same process stores the next answers (from the first question, wherever
    // the failed write left the chat).
    chat.say("back", &["?", "went wrong"], limit);
    let (said, _) = chat.say(&answers[0], &["Got it", "went wrong"], limit);
    assert!(
        said.contains("Got it"),
        "after {failed} lines the disk filled; once freed: {said}"
    );
    let (said, _) = chat.say(&answers[1], &["Got it", "went wrong"], limit);
    assert!(said.contains("Got it"), "{said}");
    drop(chat);
    // A fresh process opens it (the damage check passes) with both answers.
    let export = run_in(dir.path(), db.to_str().unwrap(), &["export"], b"", &[]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(text(&export.stdout).contains(&answers[1]), "{}", text(&export.stdout));
    drop(disk);
}
