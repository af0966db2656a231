//! The PostgreSQL backend's own promises, beyond the shared contract (tests/store_contract.rs):
//! one-line errors with no password in them (nor in the log), versioned migrations that refuse a
//! newer database, `--db postgres://…` chosen by the command line, and check-in claims won once.

use advisor_testkit::pg;

use outsource_advisor::store::Wait;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier, Mutex, OnceLock};

use outsource_advisor::advisor::checkin::{CheckinRecord, CheckinRules, Every, Plan};
use outsource_advisor::advisor::read::Metric;
use outsource_advisor::store::{PgStore, Store, StoreError, UserId};

const PASSWORD: &str = "hunter2-not-for-logs";

/// Everything logged by this test binary, at every level, from every thread.
fn logged() -> String {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || Sink(sink.clone()))
            .init();
        log
    });
    String::from_utf8_lossy(&log.lock().unwrap()).into_owned()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The error text a user sees: one line, naming the server, never the password.
fn assert_one_clean_line(err: &StoreError) -> String {
    let text = err.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(!text.contains(PASSWORD), "{text}");
    assert!(text.contains("127.0.0.1:"), "{text}");
    let log = logged();
    assert!(!log.contains(PASSWORD), "the password was logged:\n{log}");
    text
}

#[test]
fn an_unreachable_server_is_one_line_without_the_password() {
    logged();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = PgStore::open(&format!("postgres://bob:{PASSWORD}@127.0.0.1:{port}/test")).unwrap_err();
    assert!(matches!(err, StoreError::Unreachable { .. }), "{err:?}");
    let text = assert_one_clean_line(&err);
    assert!(text.contains("could not be reached"), "{text}");
}

/// A server that refuses every login as PostgreSQL does a wrong password (trust auth here accepts
/// any password, so the real server cannot show this).
fn refusing_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut socket, _)) = listener.accept() {
            let mut len = [0u8; 4];
            if socket.read_exact(&mut len).is_ok() {
                let mut startup = vec![0u8; u32::from_be_bytes(len) as usize - 4];
                let _ = socket.read_exact(&mut startup);
            }
            let mut fields = Vec::new();
            for (tag, value) in [
                (b'S', "FATAL"),
                (b'V', "FATAL"),
                (b'C', "28P01"),
                (b'M', "password authentication failed for user \"bob\""),
            ] {
                fields.push(tag);
                fields.extend_from_slice(value.as_bytes());
                fields.push(0);
            }
            fields.push(0);
            let mut message = vec![b'E'];
            message.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
            message.extend_from_slice(&fields);
            let _ = socket.write_all(&message);
        }
    });
    port
}

#[test]
fn a_wrong_password_is_one_line_without_the_password() {
    logged();
    let port = refusing_server();
    let err = PgStore::open(&format!("postgres://bob:{PASSWORD}@127.0.0.1:{port}/test")).unwrap_err();
    assert!(matches!(err, StoreError::Denied { .. }), "{err:?}");
    let text = assert_one_clean_line(&err);
    assert!(text.contains("password authentication failed"), "{text}");
    assert!(text.contains("check the user name and password"), "{text}");
}

/// `base` with a password put in (the server's trust auth ignores it).
fn with_password(url: &str) -> String {
    url.replacen("://postgres@", &format!("://postgres:{PASSWORD}@"), 1)
}

#[test]
fn a_database_migrated_by_a_newer_build_is_refused_and_left_as_it_is() {
    logged();
    let Some(schema) = pg::schema("newer_database") else {
        return;
    };
    let url = with_password(&schema.url());
    let store = PgStore::open(&url).unwrap();
    Store::update_interview(&store, &UserId::local("ann"), &mut |_| Some(Default::default()))
        .wait()
        .unwrap();
    drop(store);
    pg::execute(&schema.url(), "INSERT INTO schema_migrations (version) VALUES (2), (3)").unwrap();
    let err = PgStore::open(&url).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NewerDatabase {
                found: 3,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    let text = assert_one_clean_line(&err);
    assert!(text.contains("newer version"), "{text}");
    // Nothing was changed: the migration table and the records are as they were.
    pg::execute(
        &schema.url(),
        "DO $$ BEGIN
           IF (SELECT count(*) FROM schema_migrations) <> 3 THEN RAISE 'migrations changed'; END IF;
           IF (SELECT count(*) FROM advisor_records) <> 1 THEN RAISE 'records changed'; END IF;
         END $$",
    )
    .unwrap();
}

#[test]
fn migrations_run_once_however_many_processes_open_the_database_together() {
    logged();
    let Some(schema) = pg::schema("migrations_once") else {
        return;
    };
    let url = schema.url();
    let opens: Vec<_> = (0..6)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || PgStore::open(&url).map(drop))
        })
        .collect();
    for open in opens {
        open.join().unwrap().unwrap();
    }
    pg::execute(
        &url,
        "DO $$ BEGIN IF (SELECT count(*) FROM schema_migrations) <> 1 THEN RAISE 'applied twice'; END IF; END $$",
    )
    .unwrap();
}

/// Monthly check-ins started at `started`: the first is due 31 days on (see checkin.rs).
fn checkins_from(started: u64) -> CheckinRecord {
    let rules = CheckinRules {
        snooze_days: 7.0,
        grace_days: 3.0,
        spend_tolerance: 0.1,
        two_weeks_days: 14.0,
        judge_after: 2.0,
    };
    let plan = Plan {
        per_month: 1000.0,
        months: 6,
        below: 10.0,
        metric: Metric::Sales,
        sale_value: None,
        currency: None,
        proposed: Vec::new(),
        started,
    };
    CheckinRecord::start(plan, Every::Month, started, &rules)
}

#[test]
fn a_check_in_is_claimed_by_exactly_one_of_many_racing_stores() {
    logged();
    let Some(schema) = pg::schema("claims") else { return };
    // Four stores stand for four processes; each races with four threads.
    let stores: Vec<Arc<PgStore>> = (0..4)
        .map(|_| Arc::new(PgStore::open(&schema.url()).unwrap()))
        .collect();
    let (ann, later) = (UserId::local("ann"), UserId::local("later"));
    let turn_on = |store: &PgStore, who: &UserId, record: CheckinRecord| {
        Store::update_checkins(store, who, &mut |_| Some(record.clone()))
            .wait()
            .unwrap()
            .and_then(|r| r.next_due)
            .unwrap()
    };
    let due = turn_on(&stores[0], &ann, checkins_from(0));
    let later_due = turn_on(&stores[0], &later, checkins_from(100 * 86_400));
    assert!(later_due > due);
    assert_eq!(Store::due(&*stores[1], due - 1).wait().unwrap(), vec![]);
    assert_eq!(Store::due(&*stores[1], due).wait().unwrap(), vec![(ann.clone(), due)]);
    let barrier = Arc::new(Barrier::new(16));
    let racers: Vec<_> = (0..16)
        .map(|i| {
            let (store, barrier) = (stores[i % 4].clone(), barrier.clone());
            let ann = ann.clone();
            std::thread::spawn(move || {
                barrier.wait();
                Store::claim(&*store, &ann, due).wait().unwrap()
            })
        })
        .collect();
    let won = racers.into_iter().map(|r| r.join().unwrap()).filter(|won| *won).count();
    assert_eq!(won, 1);
    assert_eq!(
        Store::due(&*stores[2], u64::MAX).wait().unwrap(),
        vec![(later.clone(), later_due)]
    );
    // Saved again with the same time it stays claimed, from another process too.
    Store::update_checkins(&*stores[3], &ann, &mut |r| r).wait().unwrap();
    assert!(!Store::claim(&*stores[3], &ann, due).wait().unwrap());
    // forget takes the entry with it.
    Store::forget(&*stores[0], &later).wait().unwrap();
    assert_eq!(Store::due(&*stores[0], u64::MAX).wait().unwrap(), vec![]);
}

#[test]
fn the_command_line_uses_postgres_for_a_postgres_url_and_logs_no_password() {
    let Some(schema) = pg::schema("command_line") else {
        return;
    };
    let url = with_password(&schema.url());
    let bin = env!("CARGO_BIN_EXE_outsource-advisor");
    let mut chat = Command::new(bin)
        .args(["chat", "--user", "ann"])
        .env("ADVISOR_DB", &url)
        .env("RUST_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    chat.stdin.take().unwrap().write_all(b"yes\n").unwrap();
    let chat = chat.wait_with_output().unwrap();
    assert!(chat.status.success(), "{}", String::from_utf8_lossy(&chat.stderr));
    let export = Command::new(bin)
        .args(["--db", &url, "export", "--user", "ann"])
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(export["records"][0]["key"], "interview");
    let answers = export["records"][0]["value"]["answers"].as_object().unwrap();
    assert_eq!(answers.len(), 1, "{answers:?}");
    for output in [&chat.stdout, &chat.stderr] {
        assert!(!String::from_utf8_lossy(output).contains(PASSWORD));
    }
    // A wrong port: one line on stderr, no password.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let bad = Command::new(bin)
        .args([
            "--db",
            &format!("postgresql://bob:{PASSWORD}@127.0.0.1:{port}/test"),
            "export",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("could not be reached") && !stderr.contains(PASSWORD),
        "{stderr}"
    );
}
