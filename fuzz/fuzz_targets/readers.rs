//! Every reader, through every question of the built-in content, on whatever bytes libFuzzer
//! makes: no reader may panic, and every reading must keep the readers' promises
//! ([`Reading::broken_promise`]). The shipped questions cover every kind, the failure point
//! included; a reading in doubt keeps the same promises as a sure one, and the failure-point
//! reader is also tried on its own, as `parse failure_point` calls it. The words a reading says it
//! used and left unexplained must be parts of the answer as typed (trimmed): in order, within
//! it, on character boundaries, and never both.
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
            let said = text.trim();
            for spans in [&understood.used, &understood.unexplained] {
                let mut end = 0;
                for span in spans.iter() {
                    let whole = span.start >= end && span.start < span.end && span.end <= said.len();
                    if !whole || !said.is_char_boundary(span.start) || !said.is_char_boundary(span.end) {
                        panic!("question {}: span {span:?} is not a part of {said:?}", question.id);
                    }
                    end = span.end;
                }
            }
            for used in &understood.used {
                if understood.unexplained.iter().any(|u| u.start < used.end && used.start < u.end) {
                    panic!("question {}: {used:?} both used and unexplained in {said:?}", question.id);
                }
            }
        }
    }
    if let Ok(reading) = read_failure_point(text) {
        if let Some(promise) = reading.broken_promise() {
            panic!("failure point: {promise}: {text:?} read as {reading:?}");
        }
    }
});
