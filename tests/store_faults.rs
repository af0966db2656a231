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
