//! Yes / no / unsure, from the ways people actually say them.

use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{normalise, scan_phrases, words, PhraseTable};

/// "100%" is a yes and "0%" a no; other percentages say neither.
static ALL_OR_NOTHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:yes,?\s*|no,?\s*)?(100|0)\s*(?:%|percent|per\s+cent)(?:\s+(?:yes|no|sure))?[.!]*$")
        .expect("ALL_OR_NOTHING compiles")
});
use super::{Doubt, Reading, Understood, Unreadable, YesNo};

/// Every phrase read as an answer. Longer phrases win over the shorter ones inside them, so the
/// negated and hedged forms ("not really", "not sure", "probably not") are listed whole rather
/// than worked out from their parts.
pub(super) const PHRASES: &[(&str, YesNo)] = {
    use YesNo::{No, Unsure, Yes};
    &[
        // Yes.
        ("yes", Yes),
        ("y", Yes),
        ("ya", Yes),
        ("yah", Yes),
        ("yea", Yes),
        ("yeah", Yes),
        ("yeh", Yes),
        ("yep", Yes),
        ("yup", Yes),
        ("aye", Yes),
        ("yes please", Yes),
        ("hell yes", Yes),
        ("hell yeah", Yes),
        ("sure", Yes),
        ("sure thing", Yes),
        ("for sure", Yes),
        ("definitely", Yes),
        ("def", Yes),
        ("certainly", Yes),
        ("absolutely", Yes),
        ("of course", Yes),
        ("ofc", Yes),
        ("course", Yes),
        ("indeed", Yes),
        ("totally", Yes),
        ("i think so", Yes),
        ("think so", Yes),
        ("i believe so", Yes),
        ("i guess so", Yes),
        ("guess so", Yes),
        ("i suppose so", Yes),
        // A hedge alone hedges a yes: "I guess, I'd spend it baking".
        ("i guess", Yes),
        ("i suppose", Yes),
        ("i reckon", Yes),
        ("i reckon so", Yes),
        ("reckon so", Yes),
        ("suppose so", Yes),
        ("probably", Yes),
        ("likely", Yes),
        ("very likely", Yes),
        ("most likely", Yes),
        ("very probably", Yes),
        ("no doubt", Yes),
        ("without a doubt", Yes),
        ("no question", Yes),
        ("why not", Yes),
        ("correct", Yes),
        ("true", Yes),
        ("ok", Yes),
        ("okay", Yes),
        ("i do", Yes),
        ("we do", Yes),
        ("it would", Yes),
        ("it does", Yes),
        ("it could", Yes),
        ("they would", Yes),
        ("affirmative", Yes),
        // No.
        ("no", No),
        ("n", No),
        ("nope", No),
        ("nah", No),
        ("naw", No),
        ("nay", No),
        ("no way", No),
        ("no chance", No),
        ("hell no", No),
        ("not really", No),
        ("no not really", No),
        ("not at all", No),
        ("never", No),
        ("none", No),
        ("probably not", No),
        ("most likely not", No),
        ("likely not", No),
        ("not likely", No),
        ("unlikely", No),
        ("definitely not", No),
        ("absolutely not", No),
        ("certainly not", No),
        ("of course not", No),
        ("i think not", No),
        ("i dont think so", No),
        ("dont think so", No),
        ("i do not think so", No),
        ("i doubt it", No),
        ("doubt it", No),
        ("doubtful", No),
        ("not exactly", No),
        ("not particularly", No),
        ("not much", No),
        ("hardly", No),
        ("negative", No),
        ("i dont", No),
        ("we dont", No),
        ("it wouldnt", No),
        ("it doesnt", No),
        ("it couldnt", No),
        ("wouldnt", No),
        ("couldnt", No),
        ("would not", No),
        ("could not", No),
        ("not a chance", No),
        // Unsure.
        ("maybe", Unsure),
        ("maybe not", Unsure),
        ("perhaps", Unsure),
        ("perhaps not", Unsure),
        ("possibly", Unsure),
        ("possibly not", Unsure),
        ("kind of", Unsure),
        ("kinda", Unsure),
        ("sort of", Unsure),
        ("sorta", Unsure),
        ("idk", Unsure),
        ("i dont know", Unsure),
        ("dont know", Unsure),
        ("i do not know", Unsure),
        ("dunno", Unsure),
        ("no idea", Unsure),
        ("no clue", Unsure),
        ("not a clue", Unsure),
        ("who knows", Unsure),
        ("not sure", Unsure),
        ("unsure", Unsure),
        ("not really sure", Unsure),
        ("not so sure", Unsure),
        ("not too sure", Unsure),
        ("not entirely sure", Unsure),
        ("not certain", Unsure),
        ("uncertain", Unsure),
        ("unclear", Unsure),
        ("hard to say", Unsure),
        ("hard to tell", Unsure),
        ("difficult to say", Unsure),
        ("depends", Unsure),
        ("it depends", Unsure),
        ("depending", Unsure),
        ("could be", Unsure),
        ("might", Unsure),
        ("might be", Unsure),
        ("50 50", Unsure),
        ("fifty fifty", Unsure),
        ("somewhat", Unsure),
        ("partly", Unsure),
        ("partially", Unsure),
        ("a bit", Unsure),
        ("a little", Unsure),
        ("sometimes", Unsure),
        ("yes and no", Unsure),
        ("not necessarily", Unsure),
        ("in a way", Unsure),
        ("to some extent", Unsure),
        ("to an extent", Unsure),
    ]
};

static YES_NO_PHRASES: LazyLock<PhraseTable<YesNo>> = LazyLock::new(|| PhraseTable::new(PHRASES));

/// Words that, just before a yes word, leave us not knowing what was meant ("not definitely").
const NEGATORS: [&str; 3] = ["not", "never", "hardly"];

/// Words before "say" that deny what is said next: "I wouldn't say yes / no".
const NOT_SAYING: [&str; 6] = ["wouldnt", "couldnt", "cant", "dont", "not", "never"];

/// The no words that a "without" turns round: "my company wouldn't be here without it".
const TURNED_BY_WITHOUT: [&str; 9] = [
    "wouldnt",
    "couldnt",
    "would not",
    "could not",
    "it wouldnt",
    "it couldnt",
    "it doesnt",
    "i dont",
    "we dont",
];

/// Reads a yes, a no or a hedge. A hedge anywhere makes the answer unsure ("yes, maybe"); a yes
/// and a no together with no hedge ("no... yes") is refused rather than guessed at.
pub fn read_yes_no(text: &str) -> Result<Reading, Unreadable> {
    understand_yes_no(text).map(|u| u.reading)
}

/// Reads a yes, a no or a hedge; a "wouldn't" with a "without" ("we wouldn't be here without
/// it") is two negations, a yes, and confirmed since its scope is read, not known.
pub(super) fn understand_yes_no(text: &str) -> Result<Understood, Unreadable> {
    let text = super::prepare(text)?;
    if let Some(caps) = ALL_OR_NOTHING.captures(&normalise(text)) {
        let value = if &caps[1] == "0" { YesNo::No } else { YesNo::Yes };
        return Ok(Understood::doubted(Reading::YesNo { value }, None));
    }
    let words = words(text);
    let without = words.iter().any(|w| w == "without");
    let mut turned = false;
    let (mut yes, mut no, mut unsure) = (false, false, false);
    for found in scan_phrases(&words, &YES_NO_PHRASES) {
        let mut value = found.value;
        if value == YesNo::Yes {
            let before = found.start.checked_sub(1).and_then(|k| words.get(k));
            if before.is_some_and(|w| NEGATORS.contains(&w.as_str())) {
                return Err(Unreadable::NotYesNo);
            }
            // "sure not", "totally not": a yes word turned round.
            if words.get(found.start + found.len).is_some_and(|w| w == "not") {
                value = YesNo::No;
            }
        } else if value == YesNo::No && without {
            let phrase = words[found.start..found.start + found.len].join(" ");
            if TURNED_BY_WITHOUT.contains(&phrase.as_str()) {
                value = YesNo::Yes;
                turned = true;
            }
        }
        // "I wouldn't say no", "can't say no": a no said not to be one reads as neither.
        if found.start >= 2 && words[found.start - 1] == "say" && NOT_SAYING.contains(&words[found.start - 2].as_str())
        {
            return Err(Unreadable::NotYesNo);
        }
        match value {
            YesNo::Yes => yes = true,
            YesNo::No => no = true,
            YesNo::Unsure => unsure = true,
        }
    }
    let value = match (yes, no, unsure) {
        (_, _, true) => YesNo::Unsure,
        (true, false, false) => YesNo::Yes,
        (false, true, false) => YesNo::No,
        _ => return Err(Unreadable::NotYesNo),
    };
    let doubt = turned.then_some(Doubt::Negation);
    Ok(Understood::doubted(Reading::YesNo { value }, doubt))
}
