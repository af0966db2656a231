//! Every reader, through every question of the built-in content, on whatever bytes libFuzzer
//! makes: no reader may panic, and every reading must keep the readers' promises
//! ([`Reading::broken_promise`]). The shipped questions cover every kind, the failure point
//! included; a reading in doubt keeps the same promises as a sure one, and the failure-point
//! reader is also tried on its own, as `parse failure_point` calls it.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use outsource_advisor::advisor::read::{read_failure_point, understand};
use outsource_advisor::advisor::Content;

static CONTENT: LazyLock<Content> = LazyLock::new(Content::built_in);

fuzz_target!(|data: &[u8]| {
    // Discord and the terminal hand the readers text, never raw bytes.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for question in &CONTENT.questions {
        if let Ok(understood) = understand(question, text) {
            let reading = &understood.reading;
            if let Some(promise) = reading.broken_promise() {
                panic!("question {}: {promise}: {text:?} read as {reading:?}", question.id);
            }
        }
    }
    if let Ok(reading) = read_failure_point(text) {
        if let Some(promise) = reading.broken_promise() {
            panic!("failure point: {promise}: {text:?} read as {reading:?}");
        }
    }
});
