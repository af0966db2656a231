//! A record written before advice became data (schema 1) still loads and shows. The fixture is
//! an assessment exactly as today's main (b56a171) stored it for the café persona: its envelope
//! and data as `export` printed them.

use outsource_advisor::advisor::advice::AdviceStatus;
use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::interview::Interview;
use outsource_advisor::advisor::Content;
use outsource_advisor::chat::text;
use outsource_advisor::store::Wait;
use outsource_advisor::store::{decode_assessment, Assessment, RecordKind, SledStore, Store, UserId, SCHEMA_VERSION};

const V1_ASSESSMENT: &str = include_str!("fixtures/assessment_v1.json");

#[test]
fn the_fixture_is_a_version_one_record_and_this_build_writes_a_newer_one() {
    assert!(V1_ASSESSMENT.starts_with(r#"{"v":1,"#));
    const { assert!(SCHEMA_VERSION > 1) };
}

#[test]
fn a_version_one_assessment_loads_from_the_store_and_shows_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let who = UserId::local("cafe");
    {
        let store = SledStore::open(dir.path()).unwrap();
        let key = RecordKind::Assessment {
            at: 1_796_177_675,
            seq: 0,
        }
        .key(&who);
        store.raw_db().insert(key, V1_ASSESSMENT.trim_end().as_bytes()).unwrap();
        store.flush().wait().unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    let data = store.load(&who).wait().unwrap();
    assert_eq!(data.assessments.len(), 1, "the old assessment is read, not skipped");
    let old: &Assessment = &data.assessments[0];
    assert_eq!(old.at, 1_796_177_675);
    assert_eq!(old.advice.status, AdviceStatus::Advised);
    assert_eq!(old.advice.outcome, Some(Outcome::InHouse));
    assert_eq!(old.advice.confidence, 0.87);
    assert_eq!(old.answers.len(), 16, "every answer it was given is kept");
    // Yesterday's sentences are not carried over as if they were today's.
    assert!(old.advice.reasons.is_empty() && old.advice.checklist.is_empty());

    let content = Content::built_in();
    let history = text::history(&content, &data.assessments, "cafe");
    assert!(
        history.contains("In-house, with training (confidence 87%)"),
        "{history}"
    );

    // A new assessment beside it is written in this build's schema, and both load.
    store.add_assessment(&who, old).wait().unwrap();
    let export = store.export(&who).wait().unwrap();
    let versions: Vec<u64> = export["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["v"].as_u64().unwrap())
        .collect();
    assert!(
        versions.contains(&1) && versions.contains(&u64::from(SCHEMA_VERSION)),
        "{versions:?}"
    );
    assert_eq!(store.load(&who).wait().unwrap().assessments.len(), 2);
}

#[test]
fn decoding_the_old_advice_as_todays_shape_would_fail_which_is_why_it_migrates() {
    // Shown failing: today's Advice cannot read version 1's data as it is.
    let envelope: serde_json::Value = serde_json::from_str(V1_ASSESSMENT).unwrap();
    let as_is = serde_json::from_value::<Assessment>(envelope["data"].clone());
    assert!(as_is.is_err(), "the shapes differ: {as_is:?}");
    // Read through the envelope, the migration makes it load.
    let who = UserId::local("cafe");
    let migrated: Assessment = decode_assessment(&who, "assessment/1/0", V1_ASSESSMENT.as_bytes()).unwrap();
    assert_eq!(migrated.advice.outcome, Some(Outcome::InHouse));
}

/// Records compressed against the first zstd dictionary (marker byte 0x02), as the build before
/// issue 33 stored the dentist's interview (one answer before the end) and assessment: they load
/// as they were written, and the next write of the interview is in today's form (marker 0x03).
#[test]
fn records_compressed_against_the_first_dictionary_still_load() {
    const INTERVIEW: &[u8] = include_bytes!("fixtures/interview_dictionary_1.zst");
    const ASSESSMENT: &[u8] = include_bytes!("fixtures/assessment_dictionary_1.zst");
    let interview: Interview = serde_json::from_str(include_str!("fixtures/interview_dictionary_1.json")).unwrap();
    let assessment: Assessment = serde_json::from_str(include_str!("fixtures/assessment_dictionary_1.json")).unwrap();
    assert_eq!(
        (INTERVIEW[0], ASSESSMENT[0]),
        (0x02, 0x02),
        "the fixtures are the first dictionary's"
    );

    let dir = tempfile::tempdir().unwrap();
    let who = UserId::local("dentist");
    {
        let store = SledStore::open(dir.path()).unwrap();
        let db = store.raw_db();
        db.insert(RecordKind::Interview.key(&who), INTERVIEW).unwrap();
        let at = RecordKind::Assessment {
            at: assessment.at,
            seq: 0,
        };
        db.insert(at.key(&who), ASSESSMENT).unwrap();
        store.flush().wait().unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    let data = store.load(&who).wait().unwrap();
    assert_eq!(data.interview.as_ref(), Some(&interview));
    assert_eq!(data.assessments, vec![assessment]);

    store
        .update_interview(&who, &mut |current| {
            let mut changed = current.expect("the old interview is read");
            changed.revision += 1;
            Some(changed)
        })
        .wait()
        .unwrap();
    let rewritten = store.raw_db().get(RecordKind::Interview.key(&who)).unwrap().unwrap();
    assert_eq!(rewritten[0], 0x03, "written again against today's dictionary");
    assert_eq!(
        store.interview(&who).wait().unwrap().map(|i| i.revision),
        Some(interview.revision + 1)
    );
}
