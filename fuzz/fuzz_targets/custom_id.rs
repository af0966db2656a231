//! The custom_id decoder on whatever a forged client could send: it must never panic, and
//! whatever it accepts must be exactly what the bot itself would encode.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outsource_advisor::discord::custom_id::{CustomId, MAX_LEN};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = CustomId::decode(text) {
        assert_eq!(id.encode(), text, "only canonical ids decode");
        assert!(text.len() <= MAX_LEN, "a decoded id fits Discord's limit");
    }
});
