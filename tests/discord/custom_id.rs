//! The custom_id decoder faces whatever a client sends: it must never panic, and it must accept
//! exactly what the bot itself encodes.

use outsource_advisor::advisor::interview::ExpectedQuestion;
use outsource_advisor::discord::custom_id::{Action, CustomId, MAX_LEN};
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let expect =
        ("[a-z_]{1,20}", any::<u32>()).prop_map(|(question, generation)| ExpectedQuestion { question, generation });
    prop_oneof![
        (expect.clone(), "[a-z0-9_]{1,10}").prop_map(|(expect, value)| Action::Answer { expect, value }),
        expect.clone().prop_map(|expect| Action::Select { expect }),
        expect.clone().prop_map(|expect| Action::Pick { expect }),
        expect.clone().prop_map(|expect| Action::Type { expect }),
        expect.clone().prop_map(|expect| Action::Modal { expect }),
        expect.clone().prop_map(|expect| Action::Back { expect }),
        expect.prop_map(|expect| Action::Skip { expect }),
        Just(Action::Exit),
        Just(Action::Edit),
        any::<u32>().prop_map(|page| Action::AnswersPage { page }),
        Just(Action::Resume),
        Just(Action::FinishNow),
        Just(Action::ForgetConfirm),
        Just(Action::ForgetCancel),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn decoding_any_text_never_panics(text in "\\PC{0,200}") {
        let _ = CustomId::decode(&text);
    }

    #[test]
    fn decoding_near_misses_never_panics(text in "oa1:[a-z]:[0-9]{0,25}(:[0-9a-z_:]{0,80})?") {
        if let Ok(id) = CustomId::decode(&text) {
            prop_assert_eq!(id.encode(), text, "only canonical ids decode");
        }
    }

    #[test]
    // Discord never gives out the user id 0.
    fn what_the_bot_encodes_decodes_to_itself(owner in 1..=u64::MAX, action in action()) {
        let id = CustomId::new(owner, action);
        let text = id.encode();
        prop_assert!(text.len() <= MAX_LEN);
        prop_assert_eq!(CustomId::decode(&text), Ok(id));
    }
}
