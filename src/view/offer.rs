//! The offer to finish (issue 29): once no answer still to come could change the advice, the
//! interview says so and offers it now; the rest stay open as optional. One view, two layouts:
//! a line in the terminal (type `advice`), two buttons on Discord.

use crate::advisor::advice::{settled_by, still_open};
use crate::advisor::interview::{Screen, Turn};
use crate::advisor::Content;

/// "I have enough to recommend …", with what each layout offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishOffer {
    /// "I have enough to recommend: Partial outsourcing. 4 more questions would sharpen …".
    pub text: String,
    /// The terminal's way to take it: "Type `advice` to see it now, or answer on."
    pub chat_hint: String,
    /// Discord's two buttons.
    pub see_now: String,
    pub go_on: String,
}

impl FinishOffer {
    /// The offer after `turn`, when the answer it stored has just settled the advice and
    /// questions remain; None otherwise (an answer to a question asked again settles nothing).
    pub fn of(content: &Content, turn: &Turn) -> Option<FinishOffer> {
        let question = turn.answered.as_deref()?;
        if !matches!(turn.screen, Screen::Ask(_)) {
            return None;
        }
        let outcome = settled_by(content, &turn.interview, question)?;
        let remaining = still_open(content, &turn.interview);
        let m = &content.messages;
        let key = if remaining == 1 { "offer.text_one" } else { "offer.text" };
        Some(FinishOffer {
            text: m.fill(
                key,
                &[
                    ("outcome", &super::outcome_title(content, Some(outcome))),
                    ("remaining", &remaining.to_string()),
                ],
            ),
            chat_hint: m.get("offer.chat_hint").to_owned(),
            see_now: m.get("offer.see_now").to_owned(),
            go_on: m.get("offer.go_on").to_owned(),
        })
    }
}

/// The sentences of prompts/messages.toml the offer looks up; each front that shows it declares
/// them for `check`.
pub(crate) const OFFER_KEYS: &[&str] = &[
    "offer.text",
    "offer.text_one",
    "offer.chat_hint",
    "offer.see_now",
    "offer.go_on",
];
