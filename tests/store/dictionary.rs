//! The samples src/store/record.rs's zstd dictionary is trained on. Not a test of behaviour: an
//! ignored test, so it stays out of the normal run, that writes one file per stored record of
//! the personas as they answer, for `zstd --train` (the commands are in record.rs's docs):
//!
//! ```text
//! RECORD_SAMPLES=/tmp/samples cargo test --test store -- --ignored record_dictionary_samples
//! ```
//!
//! With `RECORD_SAMPLES_HELD_OUT=1` it writes only the held-out personas' records.
//!
//! Each file is the JSON envelope exactly as the store compresses it, `{"v":N,"data":...}`: the
//! interview after every answer, and the assessment at the end. The dentist's and the gym
//! owner's records are held out, to check a dictionary on records it never saw (the load bench
//! answers as the dentist).

use advisor_testkit::common;
use outsource_advisor::advisor::interview::{Input, Screen};
use outsource_advisor::advisor::read::Unreadable;
use outsource_advisor::advisor::Content;
use outsource_advisor::app::interview::Session;
use outsource_advisor::clock::SystemClock;
use outsource_advisor::store::{SledStore, Store, UserId, Wait, SCHEMA_VERSION};

/// Personas whose records the dictionary never sees.
const HELD_OUT: [&str; 2] = ["dentist.toml", "full_gym_owner.toml"];

fn envelope<T: serde::Serialize>(data: &T) -> String {
    format!(
        r#"{{"v":{SCHEMA_VERSION},"data":{}}}"#,
        serde_json::to_string(data).unwrap()
    )
}

#[test]
#[ignore = "writes the dictionary's training samples to $RECORD_SAMPLES; run by hand"]
fn record_dictionary_samples() {
    let out = std::path::PathBuf::from(std::env::var_os("RECORD_SAMPLES").expect("RECORD_SAMPLES=FOLDER"));
    std::fs::create_dir_all(&out).unwrap();
    // RECORD_SAMPLES_HELD_OUT=1 writes the held-out personas' records instead, to measure on.
    let held_out = std::env::var_os("RECORD_SAMPLES_HELD_OUT").is_some();
    let content = Content::built_in();
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let session = Session::new(&content, &store, &SystemClock);
    let mut written = 0;
    for (file, persona) in common::personas() {
        if HELD_OUT.contains(&file.as_str()) != held_out {
            continue;
        }
        let stem = file.trim_end_matches(".toml");
        let user = UserId::local(stem);
        // As common::typed_in_order's walk, through the session: each question asked gets the
        // persona's answer or a skip, a vague prime customer is skipped, a doubt confirmed.
        let mut turn = session.apply(&user, Input::Start, None).wait().unwrap().turn;
        let mut n = 0;
        while let Screen::Ask(ask) = &turn.screen {
            assert!(n < 100, "{file}: the interview ends");
            let input = match persona.answers.get(&ask.question) {
                Some(text) => Input::Answer(text.clone()),
                None => Input::Skip,
            };
            turn = session.apply(&user, input, None).wait().unwrap().turn;
            match &turn.screen {
                Screen::Reask {
                    problem: Unreadable::Vague,
                    ..
                } => turn = session.apply(&user, Input::Skip, None).wait().unwrap().turn,
                Screen::Confirm { .. } => {
                    turn = session
                        .apply(&user, Input::Answer("yes".to_owned()), None)
                        .wait()
                        .unwrap()
                        .turn
                }
                _ => {}
            }
            let interview = session.interview(&user).wait().unwrap().expect("an answer is stored");
            std::fs::write(out.join(format!("{stem}-interview-{n:02}.json")), envelope(&interview)).unwrap();
            written += 1;
            n += 1;
        }
        assert_eq!(turn.screen, Screen::Done, "{file}: the interview ends");
        for (n, assessment) in store.load(&user).wait().unwrap().assessments.iter().enumerate() {
            std::fs::write(out.join(format!("{stem}-assessment-{n}.json")), envelope(assessment)).unwrap();
            written += 1;
        }
    }
    assert!(written > 0, "no samples written");
    println!("{written} samples in {}", out.display());
}
